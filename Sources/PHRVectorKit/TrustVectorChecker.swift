import Foundation
import PHRCard

/// Checks a trust-list or revocation-list vector (`vectors/trust/`) against the library: verifying `layers.signed`
/// in the vector's `context` reaches exactly its `expected` result.
public enum TrustVectorChecker {
    /// Runs a vector and returns its differences from `expected` (empty when it matches).
    /// - Throws: ``VectorError`` if the vector lacks a field the check needs.
    public static func check(_ vector: [String: Any]) throws -> [String] {
        guard let expected = vector["expected"] as? [String: Any] else { throw VectorError("vector lacks expected") }
        return VectorRunner.differences(expected: expected, actual: try run(vector))
    }

    /// Verifies the vector's signed object in its context and reports what happened, in the shape of `expected`.
    /// - Throws: ``VectorError`` if the vector lacks a field the check needs.
    public static func run(_ vector: [String: Any]) throws -> [String: Any] {
        guard let kind = vector["kind"] as? String, let layers = vector["layers"] as? [String: Any],
              let signedHex = layers["signed"] as? String, let signed = [UInt8](hexString: signedHex),
              let context = vector["context"] as? [String: Any], let rootPEM = context["root_public_key_pem"] as? String,
              let time = (context["validation_time"] as? NSNumber)?.int64Value,
              let maxAge = (context["max_age"] as? NSNumber)?.int64Value else {
            throw VectorError("vector lacks kind, layers.signed, or context root_public_key_pem / validation_time / max_age")
        }
        let root = try IssuerPublicKey(pem: rootPEM)
        let lastSeen = sequence(context["last_seen_sequence"])
        switch kind {
        case "trust-list":
            do {
                let verified = try TrustList.verify(signed, root: root, at: time, lastSeenSequence: lastSeen, maxAge: maxAge)
                return ["result": true, "warnings": verified.warnings.map(\.code.rawValue), "trust_list": view(verified.list)]
            } catch {
                return ["result": error.code.rawValue]
            }
        case "revocation-list":
            guard let trustHex = context["trust_list"] as? String, let trustBytes = [UInt8](hexString: trustHex) else {
                throw VectorError("revocation vector lacks context.trust_list")
            }
            let trust = try TrustList.verify(trustBytes, root: root, at: time,
                                             lastSeenSequence: sequence(context["trust_last_seen_sequence"]), maxAge: maxAge)
            let revocations: VerifiedRevocationList
            do { revocations = try RevocationList.verify(signed, trustList: trust, lastSeenSequence: lastSeen) } catch {
                return ["result": error.code.rawValue]
            }
            let cardInputs: [[String: Any]] = (context["cards"] as? [[String: Any]]) ?? []
            var cards: [[String: Any]] = []
            for c in cardInputs {
                let name: String = (c["name"] as? String) ?? "?"
                let text: String = (c["qr_text"] as? String) ?? ""
                var out: [String: Any] = ["name": name]
                do {
                    let card = try trust.verifyCard(text: text, at: time, revocations: RevocationSet([revocations]))
                    out["result"] = true
                    out["cti"] = card.cardID.hexString
                } catch {
                    out["result"] = error.code.rawValue
                }
                cards.append(out)
            }
            return ["result": true, "revocation_list": view(revocations.list), "cards": cards]
        default:
            throw VectorError("unknown vector kind \(kind)")
        }
    }

    private static func sequence(_ value: Any?) -> UInt64? {
        (value as? NSNumber).map { $0.uint64Value }
    }

    /// The decoded trust list in the JSON view of `expected.trust_list`.
    static func view(_ list: TrustList) -> [String: Any] {
        let issuers: [[String: Any]] = list.issuers.map { i in
            var e: [String: Any] = ["kid": i.kid.description, "spki_der": i.key.spkiDER.hexString, "issuer_id": i.issuerID,
                                    "display_name": i.displayName, "country": i.country, "valid_from": i.validFrom,
                                    "valid_to": i.validTo]
            switch i.status {
            case .active: e["status"] = "active"
            case .suspended: e["status"] = "suspended"
            case .compromised(let since):
                e["status"] = "compromised"
                e["compromised_since"] = since
            }
            return e
        }
        let readers: [[String: Any]] = list.readers.map { r in
            ["kid": r.kid.description, "spki_der": r.key.key.derRepresentation.hexString, "authority": r.authority,
             "country": r.country, "default_tiers": Tier.allCases.filter { r.defaultTiers.contains($0) }.map(\.name)]
        }
        return ["version": Int(TrustList.version), "sequence": Int(list.sequence), "issued_at": list.issuedAt,
                "next_update": list.nextUpdate, "issuers": issuers, "readers": readers]
    }

    /// The decoded revocation list in the JSON view of `expected.revocation_list`.
    static func view(_ list: RevocationList) -> [String: Any] {
        ["version": Int(RevocationList.version), "issuer_kid": list.issuerKid.description, "sequence": Int(list.sequence),
         "issued_at": list.issuedAt,
         "entries": list.entries.map { e -> [String: Any] in
             ["cti": e.cardID.hexString, "reason": e.reason.name, "reason_code": Int(e.reason.rawValue), "revoked_at": e.revokedAt]
         }]
    }
}
