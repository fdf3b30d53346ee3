import Foundation
import PHRCard

/// Builds the test vectors in `vectors/` (see vectors/README.md for the fields).
public enum VectorGenerator {
    /// A generated vector: its file name and JSON object.
    public struct Vector {
        public let name: String
        public let json: [String: Any]
        /// Whether every byte is reproducible (EdDSA issuer); ES256 signatures are randomised.
        public let deterministic: Bool
    }

    /// The sample records (`examples/<name>.json`) the vectors are built from.
    public static let sampleNames = ["minimal", "typical", "heavy", "unknown-identity"]

    /// The sample records the vectors are built from (file name → JSON bytes).
    public static func all(samples: [String: [UInt8]]) throws -> [Vector] {
        var out: [Vector] = []
        func sample(_ n: String) throws -> [UInt8] {
            guard let s = samples[n] else { throw VectorError("missing sample \(n)") }
            return s
        }
        let r1 = VectorKeys.readers[0], r2 = VectorKeys.readers[1], r3 = VectorKeys.readers[2]
        for name in ["minimal", "typical", "heavy"] {
            out.append(try valid(name: "valid-\(name)-one-reader", description: "The \(name) sample record, ES256 issuer, one reader receiving the essential tier (the default).",
                                 record: try sample(name), issuer: VectorKeys.issuerES256, readers: [("reader-1", r1, [.essential])]))
        }
        out.append(try valid(name: "valid-typical-three-readers", description: "Typical record for three readers; reader-3 also receives the clinical tier.",
                             record: try sample("typical"), issuer: VectorKeys.issuerES256,
                             readers: [("reader-1", r1, [.essential]), ("reader-2", r2, [.essential]), ("reader-3", r3, [.essential, .clinical])]))
        out.append(try valid(name: "valid-typical-no-reader", description: "Typical record with no reader: only the holder code opens the card; both tiers use direct keys.",
                             record: try sample("typical"), issuer: VectorKeys.issuerES256, readers: []))
        var moved = TierPolicy.default
        moved.assign(.conditions, to: .essential)
        moved.assign(.immunizations, to: .clinical)
        out.append(try valid(name: "valid-typical-tier-reassignment", description: "Typical record with conditions moved to the essential tier and immunizations to the clinical tier.",
                             record: try sample("typical"), issuer: VectorKeys.issuerES256, readers: [("reader-1", r1, [.essential])], policy: moved))
        out.append(try valid(name: "valid-typical-eddsa", description: "Typical record signed with an Ed25519 issuer key (EdDSA): every byte is reproducible.",
                             record: try sample("typical"), issuer: VectorKeys.issuerEd25519, readers: [("reader-1", r1, [.essential])]))
        out.append(try valid(name: "valid-minimal-eddsa-no-reader", description: "Minimal record, Ed25519 issuer, no reader.",
                             record: try sample("minimal"), issuer: VectorKeys.issuerEd25519, readers: []))
        out.append(try valid(name: "valid-unknown-identity-eddsa", description: "The v1-final record members: holder unknown (birthDate) and declared (name, nationality) bitmasks, allergy severity and category, medication status, result interpretation and range, the five new vital signs. Ed25519 issuer; reader-1 receives both tiers.",
                             record: try sample("unknown-identity"), issuer: VectorKeys.issuerEd25519,
                             readers: [("reader-1", r1, [.essential, .clinical])]))
        out += try FeatureVectors.all()
        out += try NegativeVectors.all(base: try sample("typical"))
        return out
    }

    static func valid(name: String, description: String, record recordJSON: [UInt8], issuer: IssuerSigningKey,
                      readers: [(String, ReaderPrivateKey, Set<Tier>)], policy: TierPolicy = .default,
                      critical: [Int64] = []) throws -> Vector {
        let built = try build(name: name, record: recordJSON, issuer: issuer, readers: readers, policy: policy,
                              critical: critical)
        let recordObject = try VectorJSON.parse(recordJSON)
        var expected: [String: Any] = ["text": true, "verify": true, "claims": built.claims]
        expected["open_holder_code"] = ["result": true, "opened_tiers": Tier.allCases.map(\.name), "record": recordObject]
        expected["open_reader"] = readers.map { (rname, _, tiers) -> [String: Any] in
            ["reader": rname, "result": true, "opened_tiers": Tier.allCases.filter { tiers.contains($0) }.map(\.name),
             "record": subset(recordObject, tiers: tiers, policy: policy)]
        }
        var json = built.json
        if readers.isEmpty {
            // With no reader on the card, any reader key is refused.
            expected["open_reader"] = [["reader": "stranger", "result": "tier.no-recipient"]]
            var context = json["context"] as! [String: Any]
            context["readers"] = [readerJSON("stranger", VectorKeys.strangerReader, nil)]
            json["context"] = context
        }
        json["name"] = name
        json["description"] = description
        json["valid"] = true
        json["expected"] = expected
        return Vector(name: name, json: json, deterministic: issuer.algorithm == .edDSA)
    }

    /// The record JSON restricted to the sections of `tiers` (computed from the JSON, not by the decoder).
    static func subset(_ record: Any, tiers: Set<Tier>, policy: TierPolicy) -> Any {
        guard let dict = record as? [String: Any] else { return record }
        return dict.filter { key, _ in
            guard let s = HealthRecord.Section(rawValue: key) else { return false }
            return tiers.contains(policy.tier(of: s))
        }
    }

    struct Built {
        let card: IssuedCard
        let json: [String: Any]
        let claims: [String: Any]
        let readers: [(String, ReaderPrivateKey, Set<Tier>)]
    }

    static func issuerJSON(_ key: IssuerSigningKey) -> [String: Any] {
        let (priv, pub): (String, String) = switch key {
        case .p256(let k): (k.pemRepresentation(), k.publicKey.pemRepresentation)
        case .ed25519(let k): (k.pemRepresentation(), k.publicKey.pemRepresentation)
        }
        let raw: [UInt8] = switch key {
        case .p256(let k): k.rawRepresentation
        case .ed25519(let k): k.rawRepresentation
        }
        return ["alg": key.algorithm.name, "private_key_pem": priv, "public_key_pem": pub, "private_key": raw.hex,
                "spki_der": key.publicKey.spkiDER.hex, "kid": key.publicKey.kid.description, "issuer_id": VectorKeys.issuerID]
    }

    static func readerJSON(_ name: String, _ key: ReaderPrivateKey, _ tiers: Set<Tier>?) -> [String: Any] {
        var j: [String: Any] = ["name": name, "private_key_pem": key.key.pemRepresentation(), "private_key": key.key.rawRepresentation.hex,
                                "public_key_pem": key.publicKey.key.pemRepresentation, "spki_der": key.publicKey.key.derRepresentation.hex,
                                "kid": key.publicKey.kid.description]
        if let tiers { j["tiers"] = Tier.allCases.filter { tiers.contains($0) }.map(\.name) }
        return j
    }

    static func build(name: String, record recordJSON: [UInt8], issuer: IssuerSigningKey,
                      readers: [(String, ReaderPrivateKey, Set<Tier>)], policy: TierPolicy = .default,
                      issuedAt: Int64 = VectorKeys.issuedAt, critical: [Int64] = []) throws -> Built {
        let record = try HealthRecord(jsonData: recordJSON)
        let random = RecordingRandom(name: name)
        var options = IssueOptions(issuerID: VectorKeys.issuerID, issuedAt: issuedAt,
                                   readers: readers.map { ReaderGrant(key: $0.1.publicKey, tiers: $0.2) }, policy: policy)
        options.critical = critical
        let card = try CardIssuer.issue(record, signingKey: issuer, options: options, random: random)
        let claims: [String: Any] = ["iss": VectorKeys.issuerID, "iat": card.issuedAt, "exp": card.expiresAt,
                                     "cti": card.cardID.hex, "kid": issuer.publicKey.kid.description, "alg": issuer.algorithm.name]
        let toBeSigned = CBOR.array([.textString("Signature1"), .byteString(card.protectedHeader), .byteString([]),
                                     .byteString(card.claims)]).encoded()
        let signature = Array(card.bytes.suffix(64))
        let tiersJSON: [[String: Any]] = card.tiers.map { t in
            ["tier": t.tier.name, "id": t.tier.rawValue, "mask": t.mask, "sections": policy.sections(in: t.tier).map(\.rawValue),
             "content_cbor": t.content.hex, "compressed": t.compressed.hex, "padded_plaintext": t.paddedPlaintext.hex,
             "content_key": t.contentKey.hex, "iv": t.iv.hex, "external_aad": t.externalAAD.hex,
             "enc_structure": CBOR.array([.textString("Encrypt"), .byteString(CBOR.map([(CBOR.int(1), CBOR.int(1))]).encoded()),
                                          .byteString(t.externalAAD)]).encoded().hex,
             "cose_encrypt": t.coseEncrypt.hex]
        }
        let digits = card.qrText.count - CardFormat.prefix.count
        var versions: [String: Any] = [:]
        for ecc in QRErrorCorrection.allCases {
            versions[ecc.rawValue] = QRCode.minimumVersion(for: [.alphanumeric(CardFormat.prefix), .numeric(String(card.qrText.dropFirst(CardFormat.prefix.count)))],
                                                           errorCorrection: ecc) ?? NSNull()
        }
        var policyJSON: [String: Any] = [:]
        for s in HealthRecord.Section.allCases { policyJSON[s.rawValue] = policy.tier(of: s).name }
        let inputs: [String: Any] = [
            "record": try VectorJSON.parse(recordJSON),
            "issuer": issuerJSON(issuer),
            "readers": readers.map { readerJSON($0.0, $0.1, $0.2) },
            "tier_policy": policyJSON,
            "iat": card.issuedAt, "exp": card.expiresAt,
            "rng_stream": random.consumed.hex,
            "cti": card.cardID.hex,
            "holder_code": card.holderCode.description,
            "ephemeral_private_key": card.ephemeralKey.map { $0.hex } ?? NSNull(),
            "crit": critical,
        ]
        let layers: [String: Any] = [
            "tiers": tiersJSON, "claims": card.claims.hex, "protected_header": card.protectedHeader.hex,
            "to_be_signed": toBeSigned.hex, "signature": signature.hex, "card": card.bytes.hex, "card_bytes": card.bytes.count,
            "unpadded_bytes": card.unpaddedBytes, "qr_text": card.qrText, "qr_digits": digits,
            "size_class": ["number": card.sizeClass.number, "card_bytes": card.sizeClass.cardBytes, "qr_version_at_m": card.sizeClass.qrVersionAtM],
            "qr_version": versions,
        ]
        let context: [String: Any] = [
            "trusted_issuers": [["public_key_pem": issuerJSON(issuer)["public_key_pem"]!, "kid": issuer.publicKey.kid.description,
                                 "issuer_id": VectorKeys.issuerID]],
            "validation_time": issuedAt + 86_400,
            "holder_code": card.holderCode.description,
            "readers": readers.map { readerJSON($0.0, $0.1, nil) },
        ]
        return Built(card: card, json: ["format": CardFormat.prefix, "inputs": inputs, "layers": layers, "context": context],
                     claims: claims, readers: readers)
    }
}

/// An error while generating vectors.
public struct VectorError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}

extension VectorGenerator {
    /// The vector file's bytes: sorted keys, two-space indentation, final newline.
    public static func serialize(_ v: Vector) -> [UInt8] { VectorJSON.serialize(v.json) }
}
