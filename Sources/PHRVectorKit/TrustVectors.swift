import Foundation
import PHRCard

/// Builds the trust-list and revocation-list vectors in `vectors/trust/` (see vectors/README.md, "Trust vectors").
///
/// Every key is Ed25519 (except the P-256 reader) and every time is fixed, so every byte is reproducible. The
/// expected decoded lists (`expected.trust_list`, `expected.revocation_list`) are written from the inputs defined
/// here, not by decoding the signed bytes.
public enum TrustVectors {
    /// The listed issuer's fields.
    static let issuerID = VectorKeys.issuerID
    static let issuerName = "Vector Clinic"
    static let issuerCountry = "KE"
    static let readerAuthority = "Vector Health Authority"
    static let readerCountry = "UG"
    /// A small record for the cards the revocation vectors check.
    static let cardRecord = Array(#"{"holder":{"given":"Ada","family":"Vector","birthDate":"1990-01-01"}}"#.utf8)

    /// Every trust vector, in file-name order.
    public static func all() throws -> [VectorGenerator.Vector] {
        try (trustVectors() + revocationVectors()).sorted { $0.name < $1.name }
    }

    // MARK: Trust lists

    /// The working copy every trust vector starts from: one issuer, one reader, never signed (sequence 0).
    static func workingCopy(issuerStatus: IssuerKeyStatus = .active) throws -> TrustList {
        var list = TrustList()
        try list.addIssuer(TrustListIssuer(key: TrustVectorKeys.issuer.publicKey, issuerID: issuerID, displayName: issuerName,
                                           country: issuerCountry, validFrom: TrustVectorKeys.issuerValidFrom,
                                           validTo: TrustVectorKeys.issuerValidTo, status: issuerStatus))
        try list.addReader(TrustListReader(key: TrustVectorKeys.reader.publicKey, authority: readerAuthority,
                                           country: readerCountry, defaultTiers: [.essential]))
        return list
    }

    /// The payload's JSON view, written from the inputs (spec/trust.md §3 field names in snake case).
    static func trustView(sequence: Int, issuedAt: Int64, nextUpdate: Int64) -> [String: Any] {
        let issuer = TrustVectorKeys.issuer.publicKey
        let reader = TrustVectorKeys.reader.publicKey
        return [
            "version": 1, "sequence": sequence, "issued_at": issuedAt, "next_update": nextUpdate,
            "issuers": [["kid": issuer.kid.description, "spki_der": issuer.spkiDER.hex, "issuer_id": issuerID,
                         "display_name": issuerName, "country": issuerCountry, "valid_from": TrustVectorKeys.issuerValidFrom,
                         "valid_to": TrustVectorKeys.issuerValidTo, "status": "active"]],
            "readers": [["kid": reader.kid.description, "spki_der": reader.key.derRepresentation.hex,
                         "authority": readerAuthority, "country": readerCountry, "default_tiers": ["essential"]]],
        ]
    }

    static func keyJSON(_ key: IssuerSigningKey) -> [String: Any] {
        let (priv, pub, raw): (String, String, [UInt8]) = switch key {
        case .p256(let k): (k.pemRepresentation(), k.publicKey.pemRepresentation, k.rawRepresentation)
        case .ed25519(let k): (k.pemRepresentation(), k.publicKey.pemRepresentation, k.rawRepresentation)
        }
        return ["alg": key.algorithm.name, "private_key": raw.hex, "private_key_pem": priv, "public_key_pem": pub,
                "spki_der": key.publicKey.spkiDER.hex, "kid": key.publicKey.kid.description]
    }

    static func readerKeyJSON(_ key: ReaderPrivateKey) -> [String: Any] {
        ["private_key": key.key.rawRepresentation.hex, "private_key_pem": key.key.pemRepresentation(),
         "public_key_pem": key.publicKey.key.pemRepresentation, "spki_der": key.publicKey.key.derRepresentation.hex,
         "kid": key.publicKey.kid.description]
    }

    /// The layers of a signed object: protected header, Sig_structure, signature, whole COSE_Sign1.
    static func layers(_ signed: [UInt8]) throws -> [String: Any] {
        guard case .tagged(18, .array(let parts)) = try CBOR.decode(signed), parts.count == 4,
              case .byteString(let protected) = parts[0], case .byteString(let payload) = parts[2],
              case .byteString(let signature) = parts[3] else { throw VectorError("not a COSE_Sign1") }
        let tbs = CBOR.array([.textString("Signature1"), .byteString(protected), .byteString([]), .byteString(payload)]).encoded()
        return ["protected_header": protected.hex, "to_be_signed": tbs.hex, "signature": signature.hex, "signed": signed.hex,
                "signed_bytes": signed.count]
    }

    /// Changes the first byte of `needle` inside `bytes` to `replacement`; returns the bytes and the mutation record.
    static func mutate(_ bytes: [UInt8], needle: [UInt8], to replacement: UInt8, what: String) throws -> ([UInt8], [String: Any]) {
        guard let i = (0...(bytes.count - needle.count)).first(where: { Array(bytes[$0..<$0 + needle.count]) == needle }) else {
            throw VectorError("mutation target not found")
        }
        var out = bytes
        let original = out[i]
        out[i] = replacement
        return (out, ["offset": i, "original": [original].hex, "replacement": [replacement].hex, "what": what])
    }

    struct TrustCase {
        let name: String
        let description: String
        let signer: IssuerSigningKey
        /// How many times the working copy is signed; the vector presents the first signing.
        var signings = 1
        var time: Int64 = TrustVectorKeys.validationTime
        var lastSeen: UInt64? = nil
        var mutation: (needle: [UInt8], replacement: UInt8, what: String)? = nil
        /// `true` or an error code.
        let result: Any
        var warnings: [String] = []
    }

    static func trustVectors() throws -> [VectorGenerator.Vector] {
        let signedAt = TrustVectorKeys.signedAt
        let nextUpdate = signedAt + TrustVectorKeys.updateInterval
        let cases: [TrustCase] = [
            TrustCase(name: "trust-valid", description: "A trust list with one Ed25519 issuer and one P-256 reader, signed by the root (sequence 1), checked one day after signing with no sequence seen before: it verifies with no warning.",
                      signer: TrustVectorKeys.root, result: true),
            TrustCase(name: "trust-bad-signature", description: "The trust-valid list with one payload byte changed (the issuer's display name starts with W instead of V): the signature no longer verifies.",
                      signer: TrustVectorKeys.root, mutation: (Array(issuerName.utf8), UInt8(ascii: "W"), "first byte of the issuer display name \"\(issuerName)\""),
                      result: "trust.bad-signature"),
            TrustCase(name: "trust-wrong-root", description: "The same list signed by another root key; the verifier is configured with the vector root: the protected kid is not the root's.",
                      signer: TrustVectorKeys.otherRoot, result: "trust.wrong-root"),
            TrustCase(name: "trust-rollback", description: "The working copy is signed twice (sequences 1 and 2); the list with sequence 1 is presented to a verifier that has already seen sequence 2.",
                      signer: TrustVectorKeys.root, signings: 2, lastSeen: 2, result: "trust.rollback"),
            TrustCase(name: "trust-same-sequence", description: "The list with sequence 1 presented to a verifier that has seen sequence 1: the same list loaded again is accepted.",
                      signer: TrustVectorKeys.root, lastSeen: 1, result: true),
            TrustCase(name: "trust-stale", description: "Checked one day after its next-update time (within the 60-day max age): it verifies with the trust.stale warning.",
                      signer: TrustVectorKeys.root, time: nextUpdate + 86_400, result: true, warnings: ["trust.stale"]),
            TrustCase(name: "trust-too-old", description: "Checked one second after next-update + max age (60 days): it is refused.",
                      signer: TrustVectorKeys.root, time: nextUpdate + TrustVectorKeys.maxAge + 1, result: "trust.too-old"),
            TrustCase(name: "trust-not-yet-valid", description: "Checked one second before issued-at minus the allowed clock skew (300 s): it is refused.",
                      signer: TrustVectorKeys.root, time: signedAt - CardFormat.clockSkew - 1, result: "trust.not-yet-valid"),
        ]
        return try cases.map { c in
            var list = try workingCopy()
            let workingCopyBytes = list.encoded()
            let first = try list.signed(by: c.signer, at: signedAt, nextUpdateAfter: TrustVectorKeys.updateInterval)
            let firstPayload = list.encoded()
            for _ in 1..<c.signings { _ = try list.signed(by: c.signer, at: signedAt, nextUpdateAfter: TrustVectorKeys.updateInterval) }
            var layerJSON = try layers(first)
            if let m = c.mutation {
                let (changed, record) = try mutate(first, needle: m.needle, to: m.replacement, what: m.what)
                layerJSON = try layers(changed)
                layerJSON["mutation"] = record
            }
            var expected: [String: Any] = ["result": c.result]
            if c.result as? Bool == true {
                expected["warnings"] = c.warnings
                expected["trust_list"] = trustView(sequence: 1, issuedAt: signedAt, nextUpdate: nextUpdate)
            }
            let json: [String: Any] = [
                "name": c.name, "description": c.description, "kind": "trust-list", "valid": c.result as? Bool == true,
                "inputs": [
                    "root": keyJSON(TrustVectorKeys.root),
                    "signer": keyJSON(c.signer),
                    "issuers": [keyJSON(TrustVectorKeys.issuer).merging(["issuer_id": issuerID]) { $1 }],
                    "readers": [readerKeyJSON(TrustVectorKeys.reader)],
                    "working_copy": workingCopyBytes.hex,
                    "signed_at": signedAt,
                    "next_update_after": TrustVectorKeys.updateInterval,
                    "signings": c.signings,
                    "payload": firstPayload.hex,
                    "payload_view": trustView(sequence: 1, issuedAt: signedAt, nextUpdate: nextUpdate),
                ],
                "layers": layerJSON,
                "context": [
                    "root_public_key_pem": keyJSON(TrustVectorKeys.root)["public_key_pem"]!, "root_kid": TrustVectorKeys.root.publicKey.kid.description,
                    "validation_time": c.time, "last_seen_sequence": c.lastSeen.map { Int($0) as Any } ?? NSNull(),
                    "max_age": TrustVectorKeys.maxAge,
                ],
                "expected": expected,
            ]
            return VectorGenerator.Vector(name: c.name, json: json, deterministic: true)
        }
    }

    // MARK: Revocation lists

    /// Fixed revoked card ids besides the card's, so the list has more than one record (one with an undefined reason).
    static let otherRevoked: [(cti: [UInt8], reason: RevocationReason, at: Int64)] = [
        ([0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01], .unspecified, TrustVectorKeys.signedAt - 86_400),
        ([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe], .holderRequest, TrustVectorKeys.signedAt - 3_600),
        // A reason code this version does not define (spec/trust.md §5): kept, named reason-7, and still revokes.
        ([0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07], RevocationReason(rawValue: 7), TrustVectorKeys.signedAt - 7_200),
    ]

    struct RevocationCase {
        let name: String
        let description: String
        let signer: IssuerSigningKey
        var signings = 1
        var lastSeen: UInt64? = nil
        var mutation: (needle: [UInt8], replacement: UInt8, what: String)? = nil
        /// The issuer key's status in the trust list the vector is checked against (default: trust-valid's, active).
        var issuerStatus: IssuerKeyStatus = .active
        let result: Any
    }

    static func revocationVectors() throws -> [VectorGenerator.Vector] {
        // The trust list every revocation vector is checked against (the bytes of trust-valid).
        var trust = try workingCopy()
        let trustSigned = try trust.signed(by: TrustVectorKeys.root, at: TrustVectorKeys.signedAt,
                                           nextUpdateAfter: TrustVectorKeys.updateInterval)
        let revokedCard = try VectorGenerator.build(name: "trust-card-revoked", record: cardRecord, issuer: TrustVectorKeys.issuer, readers: [])
        let otherCard = try VectorGenerator.build(name: "trust-card-not-revoked", record: cardRecord, issuer: TrustVectorKeys.issuer, readers: [])
        let revokedAt = TrustVectorKeys.signedAt + 1_800
        var entries: [(cti: [UInt8], reason: RevocationReason, at: Int64)] = otherRevoked
        entries.append((revokedCard.card.cardID, .superseded, revokedAt))
        // Expected view: sorted by cti (byte order = lowercase hex order), written from the inputs.
        let entryView: [[String: Any]] = entries.map { ["cti": $0.cti.hex, "reason": $0.reason.name, "reason_code": Int($0.reason.rawValue),
                                                          "revoked_at": $0.at] }
            .sorted { ($0["cti"] as! String) < ($1["cti"] as! String) }
        let signedAt = TrustVectorKeys.revocationSignedAt
        func view(sequence: Int) -> [String: Any] {
            ["version": 1, "issuer_kid": TrustVectorKeys.issuer.publicKey.kid.description, "sequence": sequence,
             "issued_at": signedAt, "entries": entryView]
        }
        let cards: [[String: Any]] = [
            ["name": "revoked", "qr_text": revokedCard.card.qrText, "cti": revokedCard.card.cardID.hex],
            ["name": "not-revoked", "qr_text": otherCard.card.qrText, "cti": otherCard.card.cardID.hex],
        ]
        let cardResults: [[String: Any]] = [
            ["name": "revoked", "result": "card.revoked"],
            ["name": "not-revoked", "result": true, "cti": otherCard.card.cardID.hex],
        ]
        let revokedRecord: [UInt8] = revokedCard.card.cardID + [RevocationReason.superseded.rawValue]
        let cases: [RevocationCase] = [
            RevocationCase(name: "revocation-valid", description: "The listed issuer key revokes three cards, one of them (reason superseded) a card it issued; signed by that issuer key. With the trust-valid list, the revoked card is rejected with card.revoked and another card of the same key passes.",
                           signer: TrustVectorKeys.issuer, result: true),
            RevocationCase(name: "revocation-signed-by-root", description: "The same list signed by the trust-list root, which may sign any issuer key's list.",
                           signer: TrustVectorKeys.root, result: true),
            RevocationCase(name: "revocation-bad-signature", description: "The revocation-valid list with one payload byte changed (the reason of the card's entry, superseded 02 → holderRequest 04): the signature no longer verifies.",
                           signer: TrustVectorKeys.issuer, mutation: (revokedRecord, 0x04, "reason byte of the entry for card \(revokedCard.card.cardID.hex)"),
                           result: "revocation.bad-signature"),
            RevocationCase(name: "revocation-unlisted-signer", description: "The list signed by a key that is neither the root nor a listed issuer key.",
                           signer: TrustVectorKeys.unlistedSigner, result: "revocation.bad-signature"),
            RevocationCase(name: "revocation-signed-by-suspended-key", description: "The revocation-valid list signed by the issuer key while the trust list marks that key suspended: a suspended key may sign its own list (trust.md §5.1), so the list verifies; both cards are rejected with card.issuer-key-suspended before revocation is looked at. context.trust_list is the trust-valid list with the issuer suspended.",
                           signer: TrustVectorKeys.issuer, issuerStatus: .suspended, result: true),
            RevocationCase(name: "revocation-rollback", description: "The list is signed twice (sequences 1 and 2); sequence 1 is presented after sequence 2 was seen for this issuer key.",
                           signer: TrustVectorKeys.issuer, signings: 2, lastSeen: 2, result: "revocation.rollback"),
        ]
        return try cases.map { c in
            var list = try RevocationList(issuerKid: TrustVectorKeys.issuer.publicKey.kid,
                                          entries: entries.map { e throws(PHRCardError) in try RevocationEntry(cardID: e.cti, reason: e.reason, revokedAt: e.at) })
            let workingCopyBytes = list.encoded()
            let first = try list.signed(by: c.signer, at: signedAt)
            var firstCopy = try RevocationList(decoding: workingCopyBytes)
            firstCopy.sequence = 1
            firstCopy.issuedAt = signedAt
            let payload = firstCopy.encoded()
            for _ in 1..<c.signings { _ = try list.signed(by: c.signer, at: signedAt) }
            var layerJSON = try layers(first)
            if let m = c.mutation {
                let (changed, record) = try mutate(first, needle: m.needle, to: m.replacement, what: m.what)
                layerJSON = try layers(changed)
                layerJSON["mutation"] = record
            }
            var expected: [String: Any] = ["result": c.result]
            if c.result as? Bool == true {
                expected["revocation_list"] = view(sequence: 1)
                expected["cards"] = c.issuerStatus == .suspended
                    ? cards.map { ["name": $0["name"]!, "result": "card.issuer-key-suspended"] } : cardResults
            }
            var caseTrust = trustSigned
            if c.issuerStatus != .active {
                var t = try workingCopy(issuerStatus: c.issuerStatus)
                caseTrust = try t.signed(by: TrustVectorKeys.root, at: TrustVectorKeys.signedAt,
                                         nextUpdateAfter: TrustVectorKeys.updateInterval)
            }
            let json: [String: Any] = [
                "name": c.name, "description": c.description, "kind": "revocation-list", "valid": c.result as? Bool == true,
                "inputs": [
                    "root": keyJSON(TrustVectorKeys.root),
                    "issuer": keyJSON(TrustVectorKeys.issuer).merging(["issuer_id": issuerID]) { $1 },
                    "signer": keyJSON(c.signer),
                    "entries": entryView,
                    "working_copy": workingCopyBytes.hex,
                    "signed_at": signedAt,
                    "signings": c.signings,
                    "payload": payload.hex,
                    "payload_view": view(sequence: 1),
                ],
                "layers": layerJSON,
                "context": [
                    "root_public_key_pem": keyJSON(TrustVectorKeys.root)["public_key_pem"]!, "root_kid": TrustVectorKeys.root.publicKey.kid.description,
                    "trust_list": caseTrust.hex, "trust_last_seen_sequence": NSNull(),
                    "validation_time": TrustVectorKeys.validationTime, "max_age": TrustVectorKeys.maxAge,
                    "last_seen_sequence": c.lastSeen.map { Int($0) as Any } ?? NSNull(),
                    "cards": cards,
                ],
                "expected": expected,
            ]
            return VectorGenerator.Vector(name: c.name, json: json, deterministic: true)
        }
    }
}
