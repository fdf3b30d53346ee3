import Foundation
import PHRCard

/// The rejection vectors of format v1 final (issue 12 §3): at least one per error code, per cause code and per check
/// of the tables in spec/format.md §2.2, §3.1, §5.5, §10.3–§10.5. Built like ``NegativeVectors``: one change to a
/// valid card, re-signed (and re-encrypted with the tier's key) where the change must get past the signature.
extension NegativeVectors {
    struct Context {
        let m: Mutator
        let card: IssuedCard
        let es: VectorGenerator.Built
        let two: VectorGenerator.Built
        let digits: String
        let ok: [String: Any]
        let fail: (String, String, String?) -> [String: Any]
        let kid: CBOR
    }

    /// `n − s` for a raw ES256 signature (§3 low-S rule), computed here from the spec's group order.
    static func highSTwin(_ sig: [UInt8]) -> [UInt8] {
        let n: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                          0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51]
        var s = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for i in stride(from: 31, through: 0, by: -1) {
            var d = Int(n[i]) - Int(sig[32 + i]) - borrow
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 256 }
            s[i] = UInt8(d)
        }
        return Array(sig[..<32]) + s
    }

    static func bstr(_ b: [UInt8]) -> [UInt8] { CBOR.byteString(b).encoded() }

    static func finalCases(_ c: Context) throws -> [Case] {
        let m = c.m, card = c.card, fail = c.fail, digits = c.digits, kid = c.kid
        var out: [Case] = []
        func add(_ name: String, _ description: String, _ bytes: [UInt8], _ expected: [String: Any],
                 code: String? = nil, readers: [(String, ReaderPrivateKey)]? = nil, deterministic: Bool = true,
                 issuer: IssuerSigningKey = VectorKeys.issuerEd25519) {
            out.append(Case(name: name, description: description, text: QRText.encode(bytes), expected: expected,
                            code: code, readers: readers, deterministic: deterministic, issuer: issuer))
        }
        func verifyFails(_ code: String, _ cause: String? = nil) -> [String: Any] { fail("verify", code, cause) }
        let sign1 = try CBOR.decode(card.bytes)
        guard case .tagged(18, .array(let parts)) = sign1, case .byteString(let prot) = parts[0],
              case .byteString(let payload) = parts[2], case .byteString(let sig) = parts[3] else { fatalError() }
        func raw(protected p: [UInt8] = prot, unprotected u: [UInt8] = [0xa0], payload pl: [UInt8] = payload,
                 signature s: [UInt8] = sig) -> [UInt8] {
            [0xd2, 0x84] + bstr(p) + u + bstr(pl) + bstr(s)
        }

        // MARK: Text form (§2.2 order)
        out.append(Case(name: "invalid-text-unicode-digit", description: "An ARABIC-INDIC DIGIT THREE (U+0663) replaces the 10th digit: only ASCII 0-9 are digits.",
                        text: CardFormat.prefix + replacing(digits, at: 9, with: "\u{663}"), expected: fail("text", "text.non-digit", nil)))
        out.append(Case(name: "invalid-text-nbsp-not-trimmed", description: "A NO-BREAK SPACE (U+00A0) follows the digits: only ASCII white space is trimmed.",
                        text: card.qrText + "\u{a0}", expected: fail("text", "text.non-digit", nil)))
        out.append(Case(name: "invalid-text-too-long-before-digits", description: "5,582 letters after the prefix: the length check (card.too-large) comes before the digit check.",
                        text: CardFormat.prefix + String(repeating: "x", count: 5582), expected: fail("text", "card.too-large", nil)))
        out.append(Case(name: "invalid-text-prefix-only", description: "Only the prefix: zero digits are zero bytes, so the failure is CBOR's (nothing where an item is expected).",
                        text: CardFormat.prefix, expected: fail("verify", "card.malformed-cbor", "cbor.truncated")))
        out.append(Case(name: "invalid-text-group-overflow-final", description: "The digits are 256: a final 1-byte group above 255.",
                        text: CardFormat.prefix + "256", expected: fail("text", "text.group-overflow", nil)))

        // MARK: CBOR causes (card bytes, §11.1)
        add("invalid-cbor-reserved-additional-info", "The unprotected header's initial byte is 0xbc (map, additional information 28: reserved).",
            m.withUnprotected(raw: [0xbc]), verifyFails("card.malformed-cbor", "cbor.reserved-value"))
        add("invalid-cbor-invalid-utf8", "The unprotected header holds {99: text c3 28}, which is not UTF-8.",
            m.withUnprotected(raw: [0xa1, 0x18, 0x63, 0x62, 0xc3, 0x28]), verifyFails("card.malformed-cbor", "cbor.invalid-utf8"))
        add("invalid-cbor-too-many-items", "The unprotected header holds an array of 1,100 zeros: more than the 1,024 items allowed in card bytes.",
            m.withUnprotected(raw: [0xa1, 0x18, 0x63, 0x99, 0x04, 0x4c] + [UInt8](repeating: 0, count: 1100)),
            verifyFails("card.malformed-cbor", "cbor.too-many-items"))
        add("invalid-cbor-unexpected-break", "The unprotected header is a lone break byte (0xff).",
            m.withUnprotected(raw: [0xff]), verifyFails("card.malformed-cbor", "cbor.unexpected-break"))
        add("invalid-cbor-invalid-simple-value", "The unprotected header holds {99: f8 10}: simple value 16 in the two-byte form.",
            m.withUnprotected(raw: [0xa1, 0x18, 0x63, 0xf8, 0x10]), verifyFails("card.malformed-cbor", "cbor.invalid-simple-value"))
        add("invalid-cbor-non-shortest-float", "The unprotected header holds {99: 1.0 as a 32-bit float}; its shortest form is 16-bit.",
            m.withUnprotected(raw: [0xa1, 0x18, 0x63, 0xfa, 0x3f, 0x80, 0x00, 0x00]), verifyFails("card.malformed-cbor", "cbor.non-deterministic"))
        add("invalid-cbor-unsorted-keys", "The unprotected header is {99: 0, 1: 0}: keys not in bytewise order.",
            m.withUnprotected(raw: [0xa2, 0x18, 0x63, 0x00, 0x01, 0x00]), verifyFails("card.malformed-cbor", "cbor.non-deterministic"))
        add("invalid-cbor-truncated-head", "Tag 18, an array of one element, and that element's head cut short (0x58 without its length byte).",
            [0xd2, 0x81, 0x58], verifyFails("card.malformed-cbor", "cbor.truncated"))
        add("invalid-cbor-array-longer-than-input", "Tag 18 and an array that claims 4 elements with only one byte left (checked before reading the elements).",
            [0xd2, 0x84, 0x58], verifyFails("card.malformed-cbor", "cbor.length-exceeds-input"))

        // MARK: COSE_Sign1 (§3.1)
        let esParts = Mutator(card: c.es.card, issuer: VectorKeys.issuerES256)
        _ = esParts
        guard case .tagged(18, .array(let ep)) = try CBOR.decode(c.es.card.bytes), case .byteString(let esSig) = ep[3],
              case .byteString(let esProt) = ep[0], case .byteString(let esPayload) = ep[2] else { fatalError() }
        add("invalid-cose-high-s", "The ES256 signature (r, s) replaced by its twin (r, n − s), which verifies mathematically but is not low-S (S13).",
            [0xd2, 0x84] + bstr(esProt) + [0xa0] + bstr(esPayload) + bstr(highSTwin(esSig)), verifyFails("cose.high-s"),
            deterministic: false, issuer: VectorKeys.issuerES256)
        add("invalid-cose-protected-empty-map", "The protected header is h'A0' (an empty map) instead of the zero-length string (S2, re-signed).",
            try m.sign(protectedBytes: [0xa0], payload: payload), verifyFails("cose.bad-header"))
        add("invalid-cose-protected-empty", "The protected header is the zero-length string: alg is missing (S6, re-signed).",
            try m.sign(protectedBytes: [], payload: payload), verifyFails("cose.alg-not-protected"))
        add("invalid-cose-protected-not-deterministic", "The protected header's map is {4: kid, 1: -8}: keys out of order (S2, re-signed).",
            try m.sign(protectedBytes: [0xa2, 0x04] + kid.encoded() + [0x01, 0x27], payload: payload),
            verifyFails("cose.bad-header", "cbor.non-deterministic"))
        add("invalid-cose-label-in-both-buckets", "kid is in the protected and the unprotected header (S2, re-signed).",
            try m.resigned(protected: [(1, .int(-8)), (4, kid)], unprotected: [(4, kid)]), verifyFails("cose.bad-header"))
        add("invalid-cose-crit-not-array", "crit is the integer 1 instead of an array (S3, re-signed).",
            try m.resigned(protected: [(1, .int(-8)), (2, .int(1)), (4, kid)]), verifyFails("cose.bad-header"))
        add("invalid-cose-crit-empty", "crit is an empty array (S3, re-signed).",
            try m.resigned(protected: [(1, .int(-8)), (2, .array([])), (4, kid)]), verifyFails("cose.bad-header"))
        add("invalid-cose-crit-text-label", "crit lists the text label \"alg\" (S3: labels are integers, re-signed).",
            try m.resigned(protected: [(1, .int(-8)), (2, .array([.textString("alg")])), (4, kid)]), verifyFails("cose.bad-header"))
        add("invalid-cose-crit-unprotected", "crit [1] is in the unprotected header (S3, re-signed).",
            try m.resigned(protected: [(1, .int(-8)), (4, kid)], unprotected: [(2, .array([.int(1)]))]), verifyFails("cose.bad-header"))
        add("invalid-cose-crit-duplicate", "crit lists label 1 twice (S5, re-signed).",
            try m.resigned(protected: [(1, .int(-8)), (2, .array([.int(1), .int(1)])), (4, kid)]), verifyFails("cose.bad-header"))
        add("invalid-cose-crit-absent-label", "crit lists kid (4) but the protected header has no kid: S5 comes before S8 (re-signed).",
            try m.resigned(protected: [(1, .int(-8)), (2, .array([.int(4)]))]), verifyFails("cose.bad-header"))
        add("invalid-cose-alg-text", "alg is the text \"EdDSA\" (S7, re-signed).",
            try m.resigned(protected: [(1, .textString("EdDSA")), (4, kid)]), verifyFails("cose.unsupported-alg"))
        add("invalid-cose-kid-text", "kid is a text string of 8 characters (S9, re-signed).",
            try m.resigned(protected: [(1, .int(-8)), (4, .textString("abcdefgh"))]), verifyFails("cose.bad-kid"))
        add("invalid-cose-extra-protected-label", "The protected header also holds content type (3) (S10, re-signed).",
            try m.resigned(protected: [(1, .int(-8)), (3, .int(60)), (4, kid)]), verifyFails("cose.bad-header"))
        add("invalid-cose-unprotected-not-empty", "The unprotected header holds {99: 0} (S11; not signed, so the signature still verifies).",
            m.withUnprotected(raw: [0xa1, 0x18, 0x63, 0x00]), verifyFails("cose.bad-header"))
        add("invalid-cose-signature-short", "The signature is 63 bytes (S12).",
            raw(signature: Array(sig.dropLast())), verifyFails("cose.signature-encoding"))
        add("invalid-cose-payload-nil", "The payload is nil (detached), which cards never use (S1).",
            [0xd2, 0x84] + bstr(prot) + [0xa0, 0xf6] + bstr(sig), verifyFails("cose.not-sign1"))
        add("invalid-cose-three-elements", "The COSE_Sign1 array has three elements (no signature) (S1).",
            [0xd2, 0x83] + bstr(prot) + [0xa0] + bstr(payload), verifyFails("cose.not-sign1"))

        // MARK: Claims (§5.5 C1, C2)
        func claims(_ f: ([CBOR.Entry]) -> [CBOR.Entry]) throws -> [UInt8] { try m.resignedClaims(f) }
        func setting(_ key: Int64, _ value: CBOR) -> ([CBOR.Entry]) -> [CBOR.Entry] {
            { entries in entries.map { $0.key == .int(key) ? CBOR.Entry($0.key, value) : $0 } }
        }
        add("invalid-claims-extra-claim", "The claims also hold sub (2) (re-signed).",
            try claims { $0 + [CBOR.Entry(.int(2), .textString("x"))] }, verifyFails("card.bad-claims"))
        add("invalid-claims-iat-equals-exp", "exp equals iat (re-signed).",
            try claims(setting(4, .int(card.issuedAt))), verifyFails("card.bad-claims"))
        add("invalid-claims-iss-not-nfc", "iss is \"CLINIC-E\\u0301\" (E + combining acute): not NFC (re-signed).",
            try claims(setting(1, .textString("CLINIC-E\u{301}"))), verifyFails("card.bad-claims"))
        add("invalid-claims-iss-control", "iss holds a TAB (re-signed).",
            try claims(setting(1, .textString("CLINIC\t1"))), verifyFails("card.bad-claims"))
        add("invalid-claims-iss-too-long", "iss is 65 bytes (re-signed).",
            try claims(setting(1, .textString(String(repeating: "A", count: 65)))), verifyFails("card.bad-claims"))
        add("invalid-claims-iss-empty", "iss is the empty string (re-signed).",
            try claims(setting(1, .textString(""))), verifyFails("card.bad-claims"))
        add("invalid-claims-cti-short", "cti is 7 bytes (re-signed).",
            try claims(setting(7, .byteString(Array(card.cardID.prefix(7))))), verifyFails("card.bad-claims"))
        add("invalid-claims-exp-text", "exp is a text string (re-signed).",
            try claims(setting(4, .textString("2030-01-01"))), verifyFails("card.bad-claims"))
        add("invalid-claims-one-tier", "The tiers claim holds only the essential tier (re-signed).",
            try claims { e in e.map { x in
                guard x.key == .int(CardFormat.tiersClaim), case .array(let t) = x.value else { return x }
                return CBOR.Entry(x.key, .array([t[0]]))
            } }, verifyFails("card.bad-claims"))
        add("invalid-claims-not-map", "The payload is an array instead of a map (re-signed).",
            try m.sign(protectedBytes: prot, payload: CBOR.array([.int(1)]).encoded()), verifyFails("card.bad-claims"))
        add("invalid-claims-trailing-bytes", "A zero byte follows the claims map inside the payload (re-signed).",
            try m.sign(protectedBytes: prot, payload: payload + [0]), verifyFails("card.bad-claims", "cbor.trailing-bytes"))

        // MARK: Tier structure (§5.5 T1–T14)
        func tier(_ i: Int, _ f: (inout Mutator.TierParts) throws -> Void) throws -> [UInt8] { try m.resignedTier(i, f) }
        func tierRaw(_ i: Int, _ item: CBOR) throws -> [UInt8] {
            try claims { e in e.map { x in
                guard x.key == .int(CardFormat.tiersClaim), case .array(var t) = x.value else { return x }
                t[i] = item
                return CBOR.Entry(x.key, .array(t))
            } }
        }
        let t0 = Mutator.tierParts(card, 0)
        add("invalid-tier-id-swapped", "The essential tier's id is 1 (T1, re-signed).",
            try tier(0) { $0.id = .int(1) }, verifyFails("tier.malformed"))
        add("invalid-tier-two-elements", "The essential tier is [id, mask] without its COSE_Encrypt (T1, re-signed).",
            try tierRaw(0, .array([.int(0), t0.mask])), verifyFails("tier.malformed"))
        add("invalid-tier-untagged", "The essential tier's COSE_Encrypt lacks tag 96 (T2, re-signed).",
            try tierRaw(0, .array([.int(0), t0.mask, .array([.byteString(t0.protected), t0.unprotected, .byteString(t0.ciphertext),
                                                             .array(t0.recipients.map { .array([.byteString($0.protected), $0.unprotected, .byteString($0.wrapped)]) })])])),
            verifyFails("tier.malformed"))
        add("invalid-tier-no-recipients", "The essential tier's recipients array is empty (T2, re-signed).",
            try tier(0) { $0.recipients = [] }, verifyFails("tier.malformed"))
        add("invalid-tier-a256gcm", "The essential tier's protected header is {1: 3} (A256GCM) (T3, re-signed).",
            try tier(0) { $0.protected = CBOR.map([(CBOR.int(1), CBOR.int(3))]).encoded() }, verifyFails("cose.unsupported-alg"))
        add("invalid-tier-protected-empty", "The essential tier's protected header is empty: alg missing (T3, re-signed).",
            try tier(0) { $0.protected = [] }, verifyFails("cose.alg-not-protected"))
        add("invalid-tier-protected-extra-label", "The essential tier's protected header is {1: 1, 3: 0} (T3, re-signed).",
            try tier(0) { $0.protected = CBOR.map([(CBOR.int(1), CBOR.int(1)), (CBOR.int(3), CBOR.int(0))]).encoded() },
            verifyFails("cose.bad-header"))
        add("invalid-tier-crit", "The essential tier's protected header is {1: 1, 2: [1]}: no crit label is understood in a tier (T3, re-signed).",
            try tier(0) { $0.protected = CBOR.map([(CBOR.int(1), CBOR.int(1)), (CBOR.int(2), CBOR.array([.int(1)]))]).encoded() },
            verifyFails("cose.unknown-critical"))
        add("invalid-tier-iv-header", "The essential tier carries an IV {5: 12 bytes} in its unprotected header; the IV is derived (T4, re-signed).",
            try tier(0) { $0.unprotected = .map([CBOR.Entry(.int(5), .byteString(card.tiers[0].iv))]) }, verifyFails("cose.bad-header"))
        add("invalid-tier-ciphertext-tag-only", "The essential tier's ciphertext is 16 bytes: a tag and no plaintext (T5, re-signed).",
            try tier(0) { $0.ciphertext = Array($0.ciphertext.prefix(16)) }, verifyFails("tier.malformed"))
        add("invalid-tier-essential-padding-block", "The essential tier's ciphertext is one byte shorter: its plaintext is not a multiple of 16 (T5, re-signed).",
            try tier(0) { $0.ciphertext = Array($0.ciphertext.dropFirst()) }, verifyFails("tier.malformed"))
        add("invalid-tier-holder-keywrap", "The holder recipient is an A128KW recipient with a 24-byte wrapped key (the pre-final form) (T6, re-signed).",
            try tier(0) { $0.recipients[0] = .init(protected: [], unprotected: .map([CBOR.Entry(.int(1), .int(-3))]), wrapped: [UInt8](repeating: 7, count: 24)) },
            verifyFails("tier.malformed"))
        add("invalid-tier-holder-missing", "The essential tier's recipients are only the reader's (T6, re-signed).",
            try tier(0) { $0.recipients.removeFirst() }, verifyFails("tier.malformed"))
        add("invalid-tier-holder-unknown-alg", "The holder recipient's alg is -5 (A256KW) (T6, re-signed).",
            try tier(0) { $0.recipients[0].unprotected = .map([CBOR.Entry(.int(1), .int(-5))]) }, verifyFails("cose.unsupported-alg"))
        add("invalid-tier-holder-with-key", "The holder's direct recipient carries one byte of ciphertext (T6, re-signed).",
            try tier(0) { $0.recipients[0].wrapped = [0] }, verifyFails("tier.malformed"))
        add("invalid-tier-holder-protected", "The holder recipient protects its alg: [h'A10125', {}, h''] (T6, re-signed).",
            try tier(0) { $0.recipients[0] = .init(protected: [0xa1, 0x01, 0x25], unprotected: .map([]), wrapped: []) },
            verifyFails("tier.malformed"))
        add("invalid-tier-reader-direct", "A second direct recipient follows the holder's (T7, re-signed).",
            try tier(0) { $0.recipients.append(.init(protected: [], unprotected: .map([CBOR.Entry(.int(1), .int(-6))]), wrapped: [])) },
            verifyFails("tier.malformed"))
        add("invalid-tier-reader-a256kw-ecdh", "The reader recipient's protected header is {1: -31} (ECDH-ES + A256KW) (T7, re-signed).",
            try tier(0) { $0.recipients[1].protected = [0xa1, 0x01, 0x38, 0x1e] }, verifyFails("cose.unsupported-alg"))
        add("invalid-tier-reader-alg-unprotected", "The reader recipient's alg -29 is in its unprotected header; its protected header is empty (T7, re-signed).",
            try tier(0) { t in
                guard case .map(let u) = t.recipients[1].unprotected else { return }
                t.recipients[1].protected = []
                t.recipients[1].unprotected = .map([CBOR.Entry(.int(1), .int(-29))] + u)
            }, verifyFails("cose.alg-not-protected"))
        add("invalid-tier-reader-protected-extra", "The reader recipient's protected header is {1: -29, 3: 0} (T7, re-signed).",
            try tier(0) { $0.recipients[1].protected = CBOR.map([(CBOR.int(1), CBOR.int(-29)), (CBOR.int(3), CBOR.int(0))]).encoded() },
            verifyFails("cose.bad-header"))
        func readerHeader(_ f: @escaping ([CBOR.Entry]) -> [CBOR.Entry]) -> (inout Mutator.TierParts) -> Void {
            { t in if case .map(let u) = t.recipients[1].unprotected { t.recipients[1].unprotected = .map(f(u)) } }
        }
        add("invalid-tier-reader-no-kid", "The reader recipient has no kid (T8, re-signed).",
            try tier(0, readerHeader { $0.filter { $0.key != .int(4) } }), verifyFails("cose.missing-kid"))
        add("invalid-tier-reader-short-kid", "The reader recipient's kid is 7 bytes (T8, re-signed).",
            try tier(0, readerHeader { $0.map { $0.key == .int(4) ? CBOR.Entry($0.key, .byteString(Array($0.value.bytesValue!.prefix(7)))) : $0 } }),
            verifyFails("cose.bad-kid"))
        add("invalid-tier-reader-extra-label", "The reader recipient's unprotected header also holds {99: 0} (T9, re-signed).",
            try tier(0, readerHeader { $0 + [CBOR.Entry(.int(99), .int(0))] }), verifyFails("cose.bad-header"))
        add("invalid-tier-reader-duplicate-kid", "The reader recipient appears twice in the essential tier (the copy without the ephemeral key) (T10, re-signed).",
            try tier(0) { t in
                var copy = t.recipients[1]
                if case .map(let u) = copy.unprotected { copy.unprotected = .map(u.filter { $0.key != .int(-1) }) }
                t.recipients.append(copy)
            }, verifyFails("tier.malformed"))
        add("invalid-tier-reader-order", "Two reader recipients in descending kid order (the ephemeral key moved to the new first one) (T10, re-signed).",
            try Mutator(card: c.two.card, issuer: VectorKeys.issuerEd25519).resignedTier(0) { t in
                var a = t.recipients[1], b = t.recipients[2]
                guard case .map(let ua) = a.unprotected, case .map(let ub) = b.unprotected,
                      let epk = ua.first(where: { $0.key == .int(-1) }) else { return }
                a.unprotected = .map(ua.filter { $0.key != .int(-1) })
                b.unprotected = .map(ub + [epk])
                t.recipients[1] = b
                t.recipients[2] = a
            }, verifyFails("tier.malformed"))
        add("invalid-tier-ephemeral-key-missing", "The card's first reader recipient lacks the ephemeral key (T11, re-signed).",
            try tier(0, readerHeader { $0.filter { $0.key != .int(-1) } }), verifyFails("tier.malformed"))
        add("invalid-tier-ephemeral-key-twice", "The ephemeral key also appears in the clinical tier's reader recipient (T11, re-signed).",
            try Mutator(card: c.two.card, issuer: VectorKeys.issuerEd25519).resignedTiers { tiers in
                guard case .map(let u0) = tiers[0].recipients[1].unprotected, let epk = u0.first(where: { $0.key == .int(-1) }),
                      case .map(let u1) = tiers[1].recipients[1].unprotected else { return }
                tiers[1].recipients[1].unprotected = .map(u1 + [epk])
            }, verifyFails("tier.malformed"))
        add("invalid-tier-ephemeral-key-uncompressed", "The ephemeral key carries y as a 32-byte string instead of the sign bit (T11, re-signed).",
            try tier(0, readerHeader { $0.map { e in
                guard e.key == .int(-1), case .map(let k) = e.value else { return e }
                return CBOR.Entry(e.key, .map(k.map { $0.key == .int(-3) ? CBOR.Entry($0.key, .byteString([UInt8](repeating: 1, count: 32))) : $0 }))
            } }), verifyFails("tier.malformed"))
        add("invalid-tier-wrapped-key-short", "The reader's wrapped key is 23 bytes (T12, re-signed).",
            try tier(0) { $0.recipients[1].wrapped = Array($0.recipients[1].wrapped.dropLast()) }, verifyFails("tier.malformed"))
        add("invalid-tier-masks-overlap", "The clinical mask also sets bit 1 (allergies), which the essential mask has (T13, re-signed).",
            try tier(1) { $0.mask = .int(2028 | 2) }, verifyFails("tier.malformed"))
        add("invalid-tier-mask-extra-bit", "The clinical mask also sets bit 12, which is no section (T13, re-signed).",
            try tier(1) { $0.mask = .int(2028 | 4096) }, verifyFails("tier.malformed"))
        add("invalid-tier-holder-in-clinical", "The holder bit is moved from the essential to the clinical mask (T13, re-signed).",
            try Mutator(card: card, issuer: VectorKeys.issuerEd25519).resignedTiers { t in
                t[0].mask = .int(2067 - 1)
                t[1].mask = .int(2028 + 1)
            }, verifyFails("tier.malformed"))
        add("invalid-card-bad-size", "The clinical tier's plaintext has one more zero byte (re-encrypted, re-signed): the card is one byte longer than its class (T14).",
            try tier(1) { t in
                let tl = card.tiers[1]
                let aad = CBOR.array([.textString("Encrypt"), .byteString([0xa1, 0x01, 0x01]), .byteString(tl.externalAAD)]).encoded()
                t.ciphertext = try AES.GCM.seal(tl.paddedPlaintext + [0], key: tl.contentKey, nonce: tl.iv, authenticating: aad)
            }, verifyFails("card.bad-size"))
        out += try openCases(c)
        return out
    }

    /// Vectors that verify and fail when a tier is opened (§10.3–§10.5, §11.1 DEFLATE and content causes).
    static func openCases(_ c: Context) throws -> [Case] {
        let m = c.m, card = c.card, fail = c.fail
        var out: [Case] = []
        func readerFails(_ code: String, _ cause: String? = nil) -> [String: Any] { fail("open_reader", code, cause) }
        func essential(_ name: String, _ description: String, plaintext: [UInt8], _ expected: [String: Any]) throws {
            out.append(Case(name: name, description: description + " (re-encrypted with the tier's key, re-signed)",
                            text: QRText.encode(try m.resignedTier(0) { t in t.ciphertext = try m.reencrypt(tier: 0, plaintext: plaintext) }),
                            expected: expected))
        }
        func content(_ name: String, _ description: String, _ item: CBOR, cause: String? = nil) throws {
            try essential(name, description, plaintext: try Deflate.compress(item.encoded(), dictionary: PresetDictionary.bytes),
                          readerFails("tier.bad-content", cause))
        }
        func contentBytes(_ name: String, _ description: String, _ bytes: [UInt8], cause: String? = nil) throws {
            try essential(name, description, plaintext: try Deflate.compress(bytes, dictionary: PresetDictionary.bytes),
                          readerFails("tier.bad-content", cause))
        }
        let holder = CBOR.array([.textString("Ada")])
        func withHolder(_ pairs: [(Int64, CBOR)]) -> CBOR { CBOR.map([(CBOR.int(1), holder)] + pairs.map { (CBOR.int($0.0), $0.1) }) }

        // MARK: DEFLATE causes (§11.1)
        let compressed = card.tiers[0].compressed
        try essential("invalid-deflate-corrupt", "The essential tier's plaintext starts with 0xff: a final block of the reserved type 3",
                      plaintext: [0xff] + Array(compressed.dropFirst()), readerFails("tier.decompress-failed", "deflate.corrupt"))
        try essential("invalid-deflate-truncated", "The essential tier's plaintext is a final stored block that claims 1,000 bytes; the plaintext (zero padding included) ends first",
                      plaintext: [0x01, 0xe8, 0x03, 0x17, 0xfc], readerFails("tier.decompress-failed", "deflate.truncated"))
        try essential("invalid-deflate-cut-ends-in-padding", "The essential tier's stream is cut after 5 bytes inside a fixed-Huffman block; the zero padding reads as the end-of-block code (256 = 0000000), so the stream ends in the padding and the CBOR content is cut short",
                      plaintext: Array(compressed.prefix(5)), readerFails("tier.bad-content", "cbor.length-exceeds-input"))
        var farDictionary = [UInt8](repeating: 0x5a, count: 30_000)
        let plainContent = card.tiers[0].content
        farDictionary.replaceSubrange(0..<plainContent.count, with: plainContent)
        try essential("invalid-deflate-dictionary-mismatch", "The essential tier's content compressed against a 30,000-byte dictionary that starts with it: the stream copies from 30,000 bytes back, before the start of the preset dictionary",
                      plaintext: try Deflate.compress(plainContent, dictionary: farDictionary), readerFails("tier.decompress-failed", "deflate.dictionary-mismatch"))

        // MARK: Content (§10.5 D1–D7)
        try contentBytes("invalid-content-cbor-non-deterministic", "The essential tier's content map key 1 is written as 0x18 0x01 (D1)",
                         [0xa1, 0x18, 0x01, 0x81, 0x63] + Array("Ada".utf8), cause: "cbor.non-deterministic")
        try contentBytes("invalid-content-cbor-trailing", "A zero byte follows the essential tier's content map (D1)",
                         withHolder([]).encoded() + [0], cause: "cbor.trailing-bytes")
        try contentBytes("invalid-content-cbor-indefinite", "The essential tier's content is an indefinite-length map (D1)",
                         [0xbf, 0x01, 0x81, 0x63] + Array("Ada".utf8) + [0xff], cause: "cbor.indefinite-length")
        try content("invalid-content-not-nfc", "The holder's given name is \"Jose U+0301\" (not NFC): decoders reject, never normalise (D3)",
                    CBOR.map([(CBOR.int(1), CBOR.array([.textString("Jose\u{301}")]))]))
        try content("invalid-content-holder-missing", "The essential tier holds allergies but no holder (D4)",
                    CBOR.map([(CBOR.int(2), CBOR.array([]))]))
        try content("invalid-content-unknown-section", "The essential tier's content has key 13, which is no section (D2)",
                    withHolder([(13, .array([]))]))
        try content("invalid-content-text-key", "The essential tier's content has the text key \"notes\" (D2)",
                    CBOR.map([(CBOR.int(1), holder), (CBOR.textString("notes"), CBOR.textString("x"))]))
        try content("invalid-content-trailing-null", "The holder entry ends with null: [\"Ada\", null] (D5)",
                    CBOR.map([(CBOR.int(1), CBOR.array([.textString("Ada"), .null]))]))
        try content("invalid-content-enum-out-of-range", "The holder's sex is 5 (values 1–4) (D5)",
                    CBOR.map([(CBOR.int(1), CBOR.array([.textString("Ada"), .null, .null, .int(5)]))]))
        try content("invalid-content-too-many-fields", "An allergy has 5 fields (at most 4) (D5)",
                    withHolder([(2, .array([.array([.null, .textString("x"), .int(1), .textString("r"), .int(0)])]))]))
        try content("invalid-content-default-system-wrapped", "An allergy code is [3, 91936005]: the snomed id wraps the section's default system (D6)",
                    withHolder([(2, .array([.array([.array([.int(3), .int(91936005)])])]))]))
        try content("invalid-content-registered-name-form", "An allergy code is [\"icd10\", \"T88.7\"]: the name form for a registered system (D6)",
                    withHolder([(2, .array([.array([.array([.textString("icd10"), .textString("T88.7")])])]))]))
        try content("invalid-content-text-with-numeric-form", "An immunization code is the text \"03\", which has the numeric form 3 for cvx (D6)",
                    withHolder([(5, .array([.array([.textString("03")])]))]))
        try content("invalid-content-loinc-small-uint", "A result code is the integer 7: loinc has no numeric form below 10 (D6)",
                    withHolder([(6, .array([.array([.int(7), .textString("x")])]))]))
        try content("invalid-content-display-true-without-row", "An allergy with code 91936005 has display true, but the table has no such row (D6)",
                    withHolder([(2, .array([.array([.int(91936005), .bool(true)])]))]))
        try content("invalid-content-display-true-without-code", "An allergy has display true and no code (D6)",
                    withHolder([(2, .array([.array([.null, .bool(true)])]))]))
        if let mmr = CodeDisplays.standardDisplay(system: "cvx", code: "03") {
            try content("invalid-content-display-equal-table", "An immunization with cvx 03 carries the table's display \"\(mmr)\" as text instead of true (D6)",
                        withHolder([(5, .array([.array([.int(3), .textString(mmr)])]))]))
        }
        try content("invalid-content-date-text-early", "An immunization date is the text \"2020-01-01\": dates up to 2079-06-06 are integers (D6)",
                    withHolder([(5, .array([.array([.null, .textString("x"), .textString("2020-01-01")])]))]))
        try content("invalid-content-date-integer-too-large", "An immunization date is 65536: integer dates end at 65535 (D6)",
                    withHolder([(5, .array([.array([.null, .textString("x"), .int(65536)])]))]))
        try content("invalid-content-partial-date-range", "An immunization date is -3264 (k = 3263 > 3262: year 2151) (D6)",
                    withHolder([(5, .array([.array([.null, .textString("x"), .int(-3264)])]))]))
        try content("invalid-content-decimal-trailing-zero", "A weight is 4([-1, 610]): 61.0 must be the integer 61 (D6)",
                    withHolder([(7, .array([.array([.null, .null, .tagged(4, .array([.int(-1), .int(610)]))])]))]))
        try content("invalid-content-decimal-positive-exponent", "A height is 4([1, 17]): the exponent must be negative (D6)",
                    withHolder([(7, .array([.array([.null, .tagged(4, .array([.int(1), .int(17)]))])]))]))
        try content("invalid-content-control-character", "The holder's given name holds U+0001 (D7)",
                    CBOR.map([(CBOR.int(1), CBOR.array([.textString("A\u{1}da")]))]))
        try content("invalid-content-white-space-only", "The holder's given name is U+00A0 U+2003 (only characters with the White_Space property) (D7)",
                    CBOR.map([(CBOR.int(1), CBOR.array([.textString("\u{a0}\u{2003}")]))]))
        try content("invalid-content-too-many-entries", "65 allergies (at most 64) (D7)",
                    withHolder([(2, .array([CBOR]((0..<65).map { _ in .array([.null, .textString("x")]) })))]))
        try content("invalid-content-text-too-long", "An allergy reaction of 501 bytes (at most 500) (D7)",
                    withHolder([(2, .array([.array([.null, .textString("x"), .null, .textString(String(repeating: "r", count: 501))])]))]))
        try content("invalid-content-empty-entry", "An allergy with neither code nor text: [null, null, 1] (D7)",
                    withHolder([(2, .array([.array([.null, .null, .int(1)])]))]))
        return out
    }
}

extension NegativeVectors {
    /// How failures combine when several tiers are opened (§10.3 step 4, §10.4 step 4), and the holder code format.
    static func combinationCases(m: Mutator, card: IssuedCard, two: VectorGenerator.Built, ok: [String: Any]) throws -> [Case] {
        var out: [Case] = []
        let m2 = Mutator(card: two.card, issuer: VectorKeys.issuerEd25519)
        let okTwo: [String: Any] = ["text": true, "verify": true, "claims": two.claims]
        func flipFirst(_ b: [UInt8]) -> [UInt8] { flip(b, at: 0) }
        func badPadding(_ mm: Mutator, _ c: IssuedCard) throws -> [UInt8] {
            try mm.reencrypt(tier: 0, plaintext: c.tiers[0].paddedPlaintext.dropLast() + [1])
        }
        let code = card.holderCode.description
        out.append(Case(name: "invalid-holder-code-format", description: "The holder code has 8 digits (20 are required): rejected before any key derivation.",
                        text: card.qrText, expected: merge(ok, ["open_holder_code": ["result": "holder-code.format"]]), code: "1234-5678", readers: []))
        out.append(Case(name: "invalid-holder-code-letter", description: "The holder code contains the letter O instead of a zero.",
                        text: card.qrText, expected: merge(ok, ["open_holder_code": ["result": "holder-code.format"]]),
                        code: String(code.prefix(4)) + "O" + String(code.dropFirst(5)), readers: []))
        out.append(Case(name: "invalid-combine-holder-padding-and-decrypt",
                        description: "Essential tier: bad padding (authenticates); clinical tier: ciphertext changed (fails authentication). Holder code: tier.decrypt-failed (§10.3 rule b beats c); reader-1 (essential only): tier.bad-padding (re-encrypted, re-signed).",
                        text: QRText.encode(try m.resignedTiers { t in
                            t[0].ciphertext = try badPadding(m, card)
                            t[1].ciphertext = flipFirst(t[1].ciphertext)
                        }),
                        expected: merge(ok, ["open_holder_code": ["result": "tier.decrypt-failed"],
                                             "open_reader": [["reader": "reader-1", "result": "tier.bad-padding"]]]), code: code))
        out.append(Case(name: "invalid-combine-holder-both-tampered",
                        description: "Both tiers' ciphertexts changed: no tier authenticates with the right code, so the result is holder-code.wrong (§10.3 rule a); reader-1: tier.decrypt-failed (re-signed).",
                        text: QRText.encode(try m.resignedTiers { t in
                            t[0].ciphertext = flipFirst(t[0].ciphertext)
                            t[1].ciphertext = flipFirst(t[1].ciphertext)
                        }),
                        expected: merge(ok, ["open_holder_code": ["result": "holder-code.wrong"],
                                             "open_reader": [["reader": "reader-1", "result": "tier.decrypt-failed"]]]), code: code))
        out.append(Case(name: "invalid-combine-holder-two-late-failures",
                        description: "Essential tier: bad padding; clinical tier: content with an unknown section key. Both authenticate, so the holder code gets the first tier's code, tier.bad-padding (§10.3 rule c) (re-encrypted, re-signed).",
                        text: QRText.encode(try m.resignedTiers { t in
                            t[0].ciphertext = try badPadding(m, card)
                            t[1].ciphertext = try m.reencrypt(tier: 1, plaintext: try Deflate.compress(
                                CBOR.map([(CBOR.int(13), CBOR.array([]))]).encoded(), dictionary: PresetDictionary.bytes))
                        }),
                        expected: merge(ok, ["open_holder_code": ["result": "tier.bad-padding"],
                                             "open_reader": [["reader": "reader-1", "result": "tier.bad-padding"]]]), code: code))
        out.append(Case(name: "invalid-combine-reader-one-of-two-tiers",
                        description: "reader-2 receives both tiers; the clinical tier's ciphertext is changed. The essential tier opens, but the result is tier.decrypt-failed and no record (§10.4 step 4) (re-signed; base: two readers).",
                        text: QRText.encode(try m2.resignedTier(1) { t in t.ciphertext = flipFirst(t.ciphertext) }),
                        expected: merge(okTwo, ["open_reader": [["reader": "reader-2", "result": "tier.decrypt-failed"]]]),
                        readers: [("reader-2", VectorKeys.readers[1])]))
        out.append(Case(name: "invalid-combine-reader-unwrap-beats-padding",
                        description: "reader-2 receives both tiers: the essential tier has bad padding, the clinical tier's wrapped key for reader-2 is changed. tier.unwrap-failed wins over the essential tier's tier.bad-padding (§10.4 step 4) (re-encrypted, re-signed; base: two readers).",
                        text: QRText.encode(try m2.resignedTiers { t in
                            t[0].ciphertext = try badPadding(m2, two.card)
                            t[1].recipients[1].wrapped = flip(t[1].recipients[1].wrapped, at: 2)
                        }),
                        expected: merge(okTwo, ["open_reader": [["reader": "reader-2", "result": "tier.unwrap-failed"]]]),
                        readers: [("reader-2", VectorKeys.readers[1])]))
        return out
    }
}
