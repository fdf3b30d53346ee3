import Foundation
import PHRCard

/// Vectors that must be rejected, each at a named step with a named error code. Most are built from one valid
/// card (typical record, Ed25519 issuer, so every byte is reproducible) by changing one thing; where the change
/// must get past the signature to reach a later check, the card is re-signed with the issuer key.
enum NegativeVectors {
    struct Case {
        let name: String
        let description: String
        let text: String
        /// Expected results; steps after the failing one are absent.
        let expected: [String: Any]
        var time: Int64? = nil
        var code: String? = nil
        var readers: [(String, ReaderPrivateKey)]? = nil
        var trustedIssuerID: String? = nil
        var deterministic = true
        var issuer: IssuerSigningKey = VectorKeys.issuerEd25519
    }

    static func all(base record: [UInt8]) throws -> [VectorGenerator.Vector] {
        let reader = VectorKeys.readers[0]
        let base = try VectorGenerator.build(name: "invalid-base", record: record, issuer: VectorKeys.issuerEd25519,
                                             readers: [("reader-1", reader, [.essential])])
        let es = try VectorGenerator.build(name: "invalid-base-es256", record: record, issuer: VectorKeys.issuerES256,
                                           readers: [("reader-1", reader, [.essential])])
        let other = try VectorGenerator.build(name: "invalid-other-card", record: record, issuer: VectorKeys.issuerEd25519,
                                              readers: [("reader-1", reader, [.essential])])
        let two = try VectorGenerator.build(name: "invalid-base-two-readers", record: record, issuer: VectorKeys.issuerEd25519,
                                            readers: [("reader-1", reader, [.essential]), ("reader-2", VectorKeys.readers[1], [.essential, .clinical])])
        let card = base.card
        let m = Mutator(card: card, issuer: VectorKeys.issuerEd25519)
        let digits = String(card.qrText.dropFirst(CardFormat.prefix.count))
        let claims = base.claims
        func fail(_ step: String, _ code: String, cause: String? = nil) -> [String: Any] {
            let order = ["text", "verify"]
            var e: [String: Any] = [:]
            for s in order {
                if s == step {
                    e[s] = code
                    if let cause { e[s + "_cause"] = cause }
                    return e
                }
                e[s] = true
            }
            e["claims"] = claims
            var result: [String: Any] = ["result": code]
            if let cause { result["cause"] = cause }
            if step == "open_reader" { result["reader"] = "reader-1" }
            e[step] = step == "open_reader" ? [result] : result
            return e
        }
        let ok: [String: Any] = ["text": true, "verify": true, "claims": claims]
        var cases: [Case] = []

        // MARK: Text form
        cases.append(Case(name: "invalid-text-bad-prefix", description: "The prefix is PHR2: (a future version).",
                          text: "PHR2:" + digits, expected: fail("text", "text.bad-prefix")))
        cases.append(Case(name: "invalid-text-lowercase-prefix", description: "The prefix is in lowercase.",
                          text: "phr1:" + digits, expected: fail("text", "text.bad-prefix")))
        cases.append(Case(name: "invalid-text-non-digit", description: "A letter replaces the 100th digit.",
                          text: CardFormat.prefix + replacing(digits, at: 99, with: "A"), expected: fail("text", "text.non-digit")))
        cases.append(Case(name: "invalid-text-bad-length", description: "The last digit is missing: no byte count has this many digits.",
                          text: CardFormat.prefix + String(digits.dropLast()), expected: fail("text", "text.bad-length")))
        cases.append(Case(name: "invalid-text-group-overflow", description: "The first 17-digit group is 99999999999999999, more than 7 bytes hold.",
                          text: CardFormat.prefix + "99999999999999999" + digits.dropFirst(17), expected: fail("text", "text.group-overflow")))
        cases.append(Case(name: "invalid-text-too-long", description: "More digits than the largest card can have.",
                          text: CardFormat.prefix + String(repeating: "0", count: NumericText.digitCount(forByteCount: CardFormat.maxCardBytes + 7)),
                          expected: fail("text", "card.too-large")))

        // MARK: CBOR
        cases.append(Case(name: "invalid-cbor-truncated", description: "The last 10 bytes of the card are missing: the signature's length header claims more bytes than remain.",
                          text: QRText.encode(Array(card.bytes.dropLast(10))), expected: fail("verify", "card.malformed-cbor", cause: "cbor.length-exceeds-input")))
        cases.append(Case(name: "invalid-cbor-truncated-tag", description: "Only the first byte (the tag) remains: the tagged item is missing.",
                          text: QRText.encode(Array(card.bytes.prefix(1))), expected: fail("verify", "card.malformed-cbor", cause: "cbor.truncated")))
        cases.append(Case(name: "invalid-cbor-trailing-bytes", description: "A zero byte follows the card.",
                          text: QRText.encode(card.bytes + [0]), expected: fail("verify", "card.malformed-cbor", cause: "cbor.trailing-bytes")))
        cases.append(Case(name: "invalid-cbor-non-deterministic", description: "The COSE_Sign1 array length is written in two bytes (0x98 0x04) instead of one.",
                          text: QRText.encode([card.bytes[0], 0x98, 0x04] + card.bytes[2...]), expected: fail("verify", "card.malformed-cbor", cause: "cbor.non-deterministic")))
        cases.append(Case(name: "invalid-cbor-indefinite-length", description: "The COSE_Sign1 array has indefinite length (0x9f … 0xff).",
                          text: QRText.encode([card.bytes[0], 0x9f] + card.bytes[2...] + [0xff]), expected: fail("verify", "card.malformed-cbor", cause: "cbor.indefinite-length")))
        cases.append(Case(name: "invalid-cbor-nesting-bomb", description: "The unprotected header holds 200 nested arrays.",
                          text: QRText.encode(m.withUnprotected(raw: [0xa1, 0x18, 0x63] + [UInt8](repeating: 0x81, count: 200) + [0x00])),
                          expected: fail("verify", "card.malformed-cbor", cause: "cbor.too-deep")))
        cases.append(Case(name: "invalid-cbor-oversized-length", description: "The payload's byte-string header claims 4 GiB.",
                          text: QRText.encode(m.withPayloadHeader([0x5a, 0xff, 0xff, 0xff, 0xff])), expected: fail("verify", "card.malformed-cbor", cause: "cbor.length-exceeds-input")))
        cases.append(Case(name: "invalid-cbor-duplicate-key", description: "The unprotected header has label 99 twice.",
                          text: QRText.encode(m.withUnprotected(raw: [0xa2, 0x18, 0x63, 0x00, 0x18, 0x63, 0x00])),
                          expected: fail("verify", "card.malformed-cbor", cause: "cbor.duplicate-key")))

        // MARK: COSE_Sign1
        cases.append(Case(name: "invalid-cose-missing-tag", description: "The COSE_Sign1 tag 18 is missing.",
                          text: QRText.encode(Array(card.bytes.dropFirst())), expected: fail("verify", "cose.not-sign1")))
        cases.append(Case(name: "invalid-cose-wrong-tag", description: "Tag 17 (COSE_Mac0) instead of 18.",
                          text: QRText.encode([0xd1] + card.bytes.dropFirst()), expected: fail("verify", "cose.not-sign1")))
        let kid = CBOR.byteString(VectorKeys.issuerEd25519.publicKey.kid.bytes)
        cases.append(Case(name: "invalid-cose-alg-unprotected", description: "alg is only in the unprotected header (re-signed).",
                          text: QRText.encode(try m.resigned(protected: [(4, kid)], unprotected: [(1, .int(-8))])),
                          expected: fail("verify", "cose.alg-not-protected")))
        cases.append(Case(name: "invalid-cose-unknown-alg", description: "alg is -35 (ES384), which cards do not use (re-signed).",
                          text: QRText.encode(try m.resigned(protected: [(1, .int(-35)), (4, kid)])), expected: fail("verify", "cose.unsupported-alg")))
        cases.append(Case(name: "invalid-cose-missing-kid", description: "The protected header has no kid (re-signed).",
                          text: QRText.encode(try m.resigned(protected: [(1, .int(-8))])), expected: fail("verify", "cose.missing-kid")))
        cases.append(Case(name: "invalid-cose-short-kid", description: "The kid is 7 bytes (re-signed).",
                          text: QRText.encode(try m.resigned(protected: [(1, .int(-8)), (4, .byteString(Array(VectorKeys.issuerEd25519.publicKey.kid.bytes.prefix(7))))])),
                          expected: fail("verify", "cose.bad-kid")))
        cases.append(Case(name: "invalid-cose-unknown-critical", description: "crit lists header 99, which is not understood (re-signed).",
                          text: QRText.encode(try m.resigned(protected: [(1, .int(-8)), (2, .array([.int(99)])), (4, kid), (99, .int(0))])),
                          expected: fail("verify", "cose.unknown-critical")))
        cases.append(Case(name: "invalid-cose-unknown-issuer", description: "Signed by a key that the verifier does not trust.",
                          text: QRText.encode(try Mutator(card: card, issuer: VectorKeys.unknownIssuer).resigned(
                            protected: [(1, .int(-7)), (4, .byteString(VectorKeys.unknownIssuer.publicKey.kid.bytes))])),
                          expected: fail("verify", "card.unknown-issuer"), deterministic: false))
        cases.append(Case(name: "invalid-cose-bad-signature", description: "One bit of the signature is flipped.",
                          text: QRText.encode(flip(card.bytes, at: card.bytes.count - 5)), expected: fail("verify", "card.bad-signature")))
        cases.append(Case(name: "invalid-cose-payload-changed", description: "One byte of the claims (in the issuer id) is changed; the signature no longer matches.",
                          text: QRText.encode(m.changingClaimsByte()), expected: fail("verify", "card.bad-signature")))
        let esMutator = Mutator(card: es.card, issuer: VectorKeys.issuerES256)
        cases.append(Case(name: "invalid-cose-der-signature", description: "The ES256 signature is DER-encoded instead of raw r‖s.",
                          text: QRText.encode(esMutator.withDERSignature()), expected: fail("verify", "cose.signature-encoding"),
                          deterministic: false, issuer: VectorKeys.issuerES256))

        // MARK: Claims and time
        cases.append(Case(name: "invalid-claims-expired", description: "Validated one second after exp.",
                          text: card.qrText, expected: fail("verify", "card.expired"), time: card.expiresAt + 1))
        cases.append(Case(name: "invalid-claims-not-yet-valid", description: "Validated one hour before iat (beyond the 300 s skew).",
                          text: card.qrText, expected: fail("verify", "card.not-yet-valid"), time: card.issuedAt - 3600))
        cases.append(Case(name: "invalid-claims-missing-cti", description: "The cti claim is removed (re-signed).",
                          text: QRText.encode(try m.resignedClaims { $0.filter { $0.key != .int(7) } }), expected: fail("verify", "card.bad-claims")))
        cases.append(Case(name: "invalid-claims-unsorted", description: "The claims map is not in deterministic key order (re-signed).",
                          text: QRText.encode(try m.resignedRawClaims { entries in m.rawMap(entries.reversed()) }), expected: fail("verify", "card.bad-claims", cause: "cbor.non-deterministic")))
        cases.append(Case(name: "invalid-claims-issuer-mismatch", description: "The verifier trusts the key only for issuer OTHER-CLINIC.",
                          text: card.qrText, expected: fail("verify", "card.issuer-mismatch"), trustedIssuerID: "OTHER-CLINIC"))

        // MARK: Tiers
        cases.append(Case(name: "invalid-tier-tampered-ciphertext", description: "A ciphertext byte of the essential tier is changed (re-signed, so that the signature passes).",
                          text: QRText.encode(try m.resignedTier(0) { t in t.ciphertext = flip(t.ciphertext, at: 5) }),
                          expected: merge(fail("open_reader", "tier.decrypt-failed"), ["open_holder_code": ["result": "tier.decrypt-failed"]]),
                          code: card.holderCode.description))
        cases.append(Case(name: "invalid-tier-transplanted", description: "The essential tier is taken from another card of the same issuer for the same reader (re-signed).",
                          text: QRText.encode(try m.resignedTier(0) { t in t = Mutator.tierParts(other.card, 0) }),
                          expected: merge(fail("open_reader", "tier.decrypt-failed"), ["open_holder_code": ["result": "tier.decrypt-failed"]]),
                          code: card.holderCode.description))
        cases.append(Case(name: "invalid-tier-reader-unwrap", description: "The reader's wrapped key is changed (re-signed).",
                          text: QRText.encode(try m.resignedTier(0) { t in t.recipients[1].wrapped = flip(t.recipients[1].wrapped, at: 3) }),
                          expected: fail("open_reader", "tier.unwrap-failed")))
        cases.append(Case(name: "invalid-tier-decompression-bomb", description: "The essential tier holds a DEFLATE stream that inflates to 65,537 zero bytes, one more than the limit (re-encrypted with its key, re-signed).",
                          text: QRText.encode(try m.resignedTier(0) { t in
                            t.ciphertext = try m.reencrypt(tier: 0, plaintext: try Deflate.compress([UInt8](repeating: 0, count: TierLimits.maxInflatedBytes + 1)))
                          }),
                          expected: fail("open_reader", "tier.decompress-failed", cause: "deflate.output-too-large")))
        cases.append(Case(name: "invalid-tier-bad-padding", description: "The essential tier's padding ends in 0x01 instead of zeros (re-encrypted, re-signed).",
                          text: QRText.encode(try m.resignedTier(0) { t in
                            t.ciphertext = try m.reencrypt(tier: 0, plaintext: card.tiers[0].paddedPlaintext.dropLast() + [1])
                          }),
                          expected: fail("open_reader", "tier.bad-padding")))
        cases.append(Case(name: "invalid-tier-content-outside-mask", description: "The essential tier's content holds section 9 (notes), which belongs to the clinical tier (re-encrypted, re-signed).",
                          text: QRText.encode(try m.resignedTier(0) { t in
                            t.ciphertext = try m.reencrypt(tier: 0, plaintext: try Deflate.compress(
                                CBOR.map([(CBOR.int(9), CBOR.textString("x"))]).encoded(), dictionary: PresetDictionary.bytes))
                          }),
                          expected: fail("open_reader", "tier.bad-content")))

        cases.append(Case(name: "invalid-tier-content-breaks-record-rules", description: "The essential tier's content is well-formed compact CBOR but holds an immunization with dose 500 (the record allows 1–99) (re-encrypted, re-signed).",
                          text: QRText.encode(try m.resignedTier(0) { t in
                            t.ciphertext = try m.reencrypt(tier: 0, plaintext: try Deflate.compress(
                                CBOR.map([(CBOR.int(5), CBOR.array([.array([.int(3), .null, .null, .int(500)])]))]).encoded(),
                                dictionary: PresetDictionary.bytes))
                          }),
                          expected: fail("open_reader", "tier.bad-content")))

        // v1-final record members: strict decoding of the holder bitmasks and the record rules they carry.
        func badEssentialContent(_ name: String, _ description: String, _ content: CBOR) throws -> Case {
            Case(name: name, description: description + " (re-encrypted, re-signed).",
                 text: QRText.encode(try m.resignedTier(0) { t in
                     t.ciphertext = try m.reencrypt(tier: 0, plaintext: try Deflate.compress(content.encoded(),
                                                                                             dictionary: PresetDictionary.bytes))
                 }),
                 expected: fail("open_reader", "tier.bad-content"))
        }
        func holder(_ fields: [CBOR]) -> CBOR { CBOR.map([(CBOR.int(1), CBOR.array(fields))]) }
        let nulls = [CBOR](repeating: .null, count: 6)
        cases.append(try badEssentialContent("invalid-tier-content-holder-unknown-zero",
            "The holder's unknown bitmask (8th field) is 0: an empty list must be left out",
            holder([.textString("Amina")] + nulls + [.int(0)])))
        cases.append(try badEssentialContent("invalid-tier-content-holder-declared-undefined-bit",
            "The holder's declared bitmask (9th field) is 16, a bit no field has (name 1, birthDate 2, sex 4, nationality 8)",
            holder([.textString("Amina")] + nulls + [.null, .int(16)])))
        cases.append(try badEssentialContent("invalid-tier-content-holder-unknown-name-present",
            "The holder's unknown bitmask says the name is unknown (1) but a given name is present",
            holder([.textString("Amina")] + nulls + [.int(1)])))
        cases.append(try badEssentialContent("invalid-tier-content-holder-declared-sex-absent",
            "The holder's declared bitmask says sex is self-declared (4) but the holder has no sex",
            holder([.textString("Amina")] + nulls + [.null, .int(4)])))
        cases.append(try badEssentialContent("invalid-tier-content-allergy-severity-out-of-range",
            "An allergy's severity (5th field) is 4; the values are mild 1, moderate 2, severe 3",
            CBOR.map([(CBOR.int(2), CBOR.array([.array([.null, .textString("x"), .null, .null, .int(4)])]))])))

        var offCurveX: [UInt8] = []
        for i in 0..<64 {
            let candidate = SHA256.hash(Array("PHRCard vector off-curve x \(i)".utf8))
            if (try? P256.Signing.PublicKey(compressedRepresentation: [0x02] + candidate)) == nil { offCurveX = candidate; break }
        }
        cases.append(Case(name: "invalid-tier-ephemeral-key-off-curve", description: "The card's ephemeral key has an x for which no P-256 point exists (re-signed): verification passes (the key is not used), opening with a reader key fails.",
                          text: QRText.encode(try m.resignedTier(0) { t in
                            guard case .map(var entries) = t.recipients[1].unprotected,
                                  let i = entries.firstIndex(where: { $0.key == .int(-1) }),
                                  case .map(var key) = entries[i].value,
                                  let j = key.firstIndex(where: { $0.key == .int(-2) }) else { fatalError("no ephemeral key") }
                            key[j] = CBOR.Entry(.int(-2), .byteString(offCurveX))
                            entries[i] = CBOR.Entry(.int(-1), .map(key))
                            t.recipients[1].unprotected = .map(entries)
                          }),
                          expected: fail("open_reader", "tier.malformed", cause: "crypto.invalid-point")))

        // MARK: Keys
        let wrongCode = try differentValidCode(card.holderCode)
        cases.append(Case(name: "invalid-key-wrong-holder-code", description: "A well-formed holder code (check digit correct) that is not this card's.",
                          text: card.qrText, expected: merge(ok, ["open_holder_code": ["result": "holder-code.wrong"]]), code: wrongCode, readers: []))
        cases.append(Case(name: "invalid-key-mistyped-holder-code", description: "The card's holder code with one digit changed: the check digit catches it.",
                          text: card.qrText, expected: merge(ok, ["open_holder_code": ["result": "holder-code.mistyped"]]),
                          code: mistype(card.holderCode.description), readers: []))
        cases.append(Case(name: "invalid-key-swapped-holder-code", description: "The card's holder code with two adjacent different digits swapped.",
                          text: card.qrText, expected: merge(ok, ["open_holder_code": ["result": "holder-code.mistyped"]]),
                          code: swapAdjacent(card.holderCode.description), readers: []))
        cases.append(Case(name: "invalid-key-wrong-reader", description: "A reader key that the card is not encrypted to.",
                          text: card.qrText, expected: merge(ok, ["open_reader": [["reader": "stranger", "result": "tier.no-recipient"]]]),
                          readers: [("stranger", VectorKeys.strangerReader)]))

        cases += try finalCases(Context(m: m, card: card, es: es, two: two, digits: digits, ok: ok,
                                        fail: { fail($0, $1, cause: $2) }, kid: kid))
        cases += try combinationCases(m: m, card: card, two: two, ok: ok)
        return cases.map { c in
            let issuer = c.issuer
            let trusted: [String: Any] = ["public_key_pem": VectorGenerator.issuerJSON(issuer)["public_key_pem"]!,
                                          "kid": issuer.publicKey.kid.description, "issuer_id": c.trustedIssuerID ?? VectorKeys.issuerID]
            var context: [String: Any] = ["trusted_issuers": [trusted], "validation_time": c.time ?? card.issuedAt + 86_400]
            if let code = c.code { context["holder_code"] = code }
            let readers = c.readers ?? [("reader-1", reader)]
            if !readers.isEmpty { context["readers"] = readers.map { VectorGenerator.readerJSON($0.0, $0.1, nil) } }
            let json: [String: Any] = [
                "name": c.name, "description": c.description, "valid": false, "format": CardFormat.prefix,
                "base": c.issuer.algorithm == .es256 ? "invalid-base-es256 (typical record, ES256 issuer, reader-1)" : "invalid-base (typical record, Ed25519 issuer, reader-1)",
                "inputs": ["issuer": VectorGenerator.issuerJSON(issuer), "holder_code_of_base_card": card.holderCode.description],
                "layers": ["qr_text": c.text], "context": context, "expected": c.expected,
            ]
            return VectorGenerator.Vector(name: c.name, json: json, deterministic: c.deterministic)
        }
    }

    static func merge(_ a: [String: Any], _ b: [String: Any]) -> [String: Any] { a.merging(b) { _, new in new } }

    static func replacing(_ s: String, at i: Int, with c: Character) -> String {
        var chars = Array(s)
        chars[i] = c
        return String(chars)
    }

    static func flip(_ bytes: [UInt8], at i: Int) -> [UInt8] {
        var b = bytes
        b[i] ^= 0x01
        return b
    }

    static func mistype(_ code: String) -> String {
        var chars = Array(code)
        let i = 5   // second group, first digit
        chars[i] = Character(String((Int(String(chars[i]))! + 3) % 10))
        return String(chars)
    }

    static func swapAdjacent(_ code: String) -> String {
        var chars = Array(code)
        for i in 0..<chars.count - 1 where chars[i].isNumber && chars[i + 1].isNumber && chars[i] != chars[i + 1] {
            chars.swapAt(i, i + 1)
            return String(chars)
        }
        return code
    }

    /// A holder code with a valid check digit that differs from `code`.
    static func differentValidCode(_ code: HolderCode) throws -> String {
        let c = HolderCode(random: RecordingRandom(name: "wrong holder code"))
        precondition(c != code)
        return c.description
    }
}
