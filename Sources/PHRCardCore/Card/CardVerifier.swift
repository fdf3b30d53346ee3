import PHRCodecs
import PHRCrypto

/// An issuer key a verifier trusts, with the issuer identifier it may sign for.
public struct TrustedIssuer: Sendable, Hashable {
    /// The issuer's public key.
    public let key: IssuerPublicKey
    /// The key's identifier (computed once).
    public let kid: KeyID
    /// The `iss` value cards signed by this key must carry; nil accepts any.
    public var issuerID: String?
    /// A human-readable name for verdicts.
    public var displayName: String?

    /// Trusts `key`, for cards whose `iss` is `issuerID` (any, when nil), shown as `displayName`.
    public init(key: IssuerPublicKey, issuerID: String? = nil, displayName: String? = nil) {
        self.key = key
        self.kid = key.kid
        self.issuerID = issuerID
        self.displayName = displayName
    }
}

/// One encrypted tier of a verified card.
public struct EncryptedTier: Sendable {
    /// Which tier.
    public let tier: Tier
    /// The section mask written on the card.
    public let mask: UInt64
    /// The sections assigned to this tier.
    public let sections: [HealthRecord.Section]
    /// Key ids of the reader recipients.
    public let readerKids: [KeyID]
    /// Whether the holder code opens this tier (always true for cards written by this library).
    public let holderRecipient: Bool
    /// Ciphertext length, including the 16-byte tag.
    public let ciphertextLength: Int
    let encrypt: COSEEncrypt
    /// `iss` and `cti` of the card, for the external AAD (computed when a tier is opened, not when it is verified).
    let issuerID: String
    let cardID: [UInt8]

    /// The external AAD that binds this tier to its card (spec/format.md §5.4).
    var externalAAD: [UInt8] { CardIssuer.externalAAD(issuer: issuerID, cti: cardID, tier: tier, mask: mask) }
}

/// A card whose signature, issuer and validity period have been checked. Its tiers are still encrypted.
public struct VerifiedCard: Sendable {
    /// The card bytes.
    public let bytes: [UInt8]
    /// The `iss` claim.
    public let issuerID: String
    /// The trusted issuer entry that verified it.
    public let issuer: TrustedIssuer
    /// The signing algorithm.
    public let algorithm: COSEAlgorithm
    /// The issuer key id.
    public let kid: KeyID
    /// `cti`: the card identifier.
    public let cardID: [UInt8]
    /// `iat`, seconds since 1970-01-01 UTC.
    public let issuedAt: Int64
    /// `exp`, seconds since 1970-01-01 UTC.
    public let expiresAt: Int64
    /// The tiers, in order.
    public let tiers: [EncryptedTier]
    /// The size class of the card, if its length is one (cards from this library always are).
    public var sizeClass: SizeClass? { SizeClass.of(cardBytes: bytes.count) }
    /// The tier assignment recorded on the card.
    public let policy: TierPolicy
    /// The card's ephemeral key as written (structure checked; the point is validated when a reader key uses it).
    let firstEphemeralKey: CBOR?
}

/// The parsed structure of a card, before any trust decision (used by `inspect` and by verification).
public struct ParsedCard: Sendable {
    /// The card bytes.
    public let bytes: [UInt8]
    /// The signing algorithm named in the protected header.
    public let algorithm: COSEAlgorithm
    /// The issuer key id named in the protected header.
    public let kid: KeyID
    /// The `iss` claim.
    public let issuerID: String
    /// `cti`: the card identifier.
    public let cardID: [UInt8]
    /// `iat`, seconds since 1970-01-01 UTC.
    public let issuedAt: Int64
    /// `exp`, seconds since 1970-01-01 UTC.
    public let expiresAt: Int64
    /// The tiers, in order, still encrypted.
    public let tiers: [EncryptedTier]
    /// The tier assignment recorded on the card.
    public let policy: TierPolicy
    let sign1: COSESign1
    /// The card's ephemeral key as written (structure checked; the point is validated when a reader key uses it).
    let firstEphemeralKey: CBOR?
}

/// Verifies cards (spec/format.md §8). No decryption key is needed.
public enum CardVerifier {
    /// The CBOR limits for card bytes.
    static let cborOptions = CBORDecodingOptions(requireDeterministic: true, allowIndefiniteLength: false,
                                                 maxDepth: 12, maxItems: 1024, maxInputSize: 4096)

    /// Verifies a card given as its QR text.
    public static func verify(text: String, trusting issuers: [TrustedIssuer], at time: Int64) throws(PHRCardError) -> VerifiedCard {
        try verify(bytes: QRText.decode(text), trusting: issuers, at: time)
    }

    /// Verifies card bytes: structure, signature under a trusted issuer key, `iss`, and `iat`/`exp` against `time`.
    public static func verify(bytes: [UInt8], trusting issuers: [TrustedIssuer], at time: Int64) throws(PHRCardError) -> VerifiedCard {
        let sign1 = try parseEnvelope(bytes)
        let (alg, kid) = try checkSign1Headers(sign1)
        guard let trusted = issuers.first(where: { $0.kid == kid }) else {
            throw PHRCardError(.unknownIssuer, "no trusted issuer key has kid \(kid)")
        }
        guard trusted.key.algorithm == alg else {
            throw PHRCardError(.unsupportedAlgorithm, "the card says \(alg.name) but issuer key \(kid) is \(trusted.key.algorithm.name)")
        }
        guard trusted.key.isValidSignature(sign1.signature, for: sign1.toBeSigned()) else {
            throw PHRCardError(.badSignature, "the signature does not verify under issuer key \(kid): the card was altered or forged")
        }
        let parsed = try parseClaims(sign1, bytes: bytes, alg: alg, kid: kid)
        if let expected = trusted.issuerID, expected != parsed.issuerID {
            throw PHRCardError(.issuerMismatch, "the card names issuer \"\(parsed.issuerID)\" but key \(kid) is trusted for \"\(expected)\"")
        }
        if time >= parsed.expiresAt {
            throw PHRCardError(.expired, "the card expired at \(formatTime(parsed.expiresAt))")
        }
        if parsed.issuedAt > time + CardFormat.clockSkew {
            throw PHRCardError(.notYetValid, "the card is issued at \(formatTime(parsed.issuedAt)), after the validation time \(formatTime(time))")
        }
        return VerifiedCard(bytes: bytes, issuerID: parsed.issuerID, issuer: trusted, algorithm: alg, kid: kid,
                            cardID: parsed.cardID, issuedAt: parsed.issuedAt, expiresAt: parsed.expiresAt,
                            tiers: parsed.tiers, policy: parsed.policy, firstEphemeralKey: parsed.firstEphemeralKey)
    }

    /// Parses a card's structure without checking the signature, trust or time (for `inspect`).
    public static func parse(bytes: [UInt8]) throws(PHRCardError) -> ParsedCard {
        let sign1 = try parseEnvelope(bytes)
        let (alg, kid) = try checkSign1Headers(sign1)
        guard sign1.signature.count == 64 else {
            throw PHRCardError(.signatureEncoding, "the signature is \(sign1.signature.count) bytes, not a raw 64-byte r‖s value")
        }
        return try parseClaims(sign1, bytes: bytes, alg: alg, kid: kid)
    }

    // MARK: Steps

    static func parseEnvelope(_ bytes: [UInt8]) throws(PHRCardError) -> COSESign1 {
        guard bytes.count <= CardFormat.maxCardBytes else {
            throw PHRCardError(.cardTooLarge, "the card is \(bytes.count) bytes; no valid card is larger than \(CardFormat.maxCardBytes)")
        }
        let item: CBOR
        do { item = try CBOR.decode(bytes, options: cborOptions) } catch {
            throw PHRCardError(.malformedCBOR, "card: \(error.message)", underlying: error.code)
        }
        return try COSESign1.parse(item, requireTag: true)
    }

    static func checkSign1Headers(_ s: COSESign1) throws(PHRCardError) -> (COSEAlgorithm, KeyID) {
        let h = s.headers
        // S2 (§3.1): header maps; an empty protected header is the zero-length string, never h'A0'.
        if h.protectedBytes == [0xA0] {
            throw PHRCardError(.badHeader, "COSE_Sign1: an empty protected header must be the zero-length string, not an empty map")
        }
        try h.checkCritical(understood: [COSEHeader.alg, COSEHeader.kid], context: "COSE_Sign1")
        if case .array(let labels)? = h.protectedValue(COSEHeader.crit) {
            guard Set(labels).count == labels.count,
                  labels.allSatisfy({ l in h.protected.contains { $0.key == l } }) else {
                throw PHRCardError(.badHeader, "COSE_Sign1: crit must list distinct labels that are present in the protected header")
            }
        }
        guard let algItem = h.protectedValue(COSEHeader.alg) else {
            if h.unprotectedValue(COSEHeader.alg) != nil {
                throw PHRCardError(.algNotProtected, "alg is in the unprotected header; it must be protected")
            }
            throw PHRCardError(.algNotProtected, "alg is missing from the protected header")
        }
        guard let algValue = algItem.intValue, let alg = COSEAlgorithm(rawValue: algValue),
              alg == .es256 || alg == .edDSA else {
            throw PHRCardError(.unsupportedAlgorithm, "signature algorithm \(algItem) is not allowed; cards use ES256 (-7) or EdDSA (-8)")
        }
        guard let kidItem = h.protectedValue(COSEHeader.kid) else {
            throw PHRCardError(.missingKid, "kid is missing from the protected header")
        }
        guard case .byteString(let kidBytes) = kidItem, let kid = KeyID(bytes: kidBytes) else {
            throw PHRCardError(.badKid, "kid must be an 8-byte string, found \(kidItem)")
        }
        if let other = h.protected.first(where: { entry in
            entry.key != .int(COSEHeader.alg) && entry.key != .int(COSEHeader.kid) && entry.key != .int(COSEHeader.crit)
        }) {
            throw PHRCardError(.badHeader, "protected header label \(other.key) is not allowed on cards")
        }
        if !h.unprotected.isEmpty {
            throw PHRCardError(.badHeader, "the unprotected header must be empty on cards")
        }
        if s.signature.count != 64 {
            throw PHRCardError(.signatureEncoding, "the signature is \(s.signature.count) bytes, not a raw 64-byte r‖s value (DER signatures are not accepted)")
        }
        if alg == .es256 && ECDSALowS.isHighS(s.signature) {
            throw PHRCardError(.highS, "the ES256 signature has s > n/2; cards carry only the low-S form (r, n − s)")
        }
        return (alg, kid)
    }

    static func parseClaims(_ s: COSESign1, bytes: [UInt8], alg: COSEAlgorithm, kid: KeyID) throws(PHRCardError) -> ParsedCard {
        let claims: CBOR
        do { claims = try CBOR.decode(s.payload, options: cborOptions) } catch {
            throw PHRCardError(.badClaims, "claims: \(error.message)", underlying: error.code)
        }
        guard case .map(let entries) = claims else { throw PHRCardError(.badClaims, "the claims set is not a map") }
        if let other = entries.first(where: { entry in
            switch entry.key.intValue {
            case CWTClaim.iss, CWTClaim.exp, CWTClaim.iat, CWTClaim.cti, CardFormat.tiersClaim: false
            default: true
            }
        }) {
            throw PHRCardError(.badClaims, "claim \(other.key) is not allowed on cards")
        }
        guard case .textString(let iss)? = claims[CWTClaim.iss], !iss.isEmpty else {
            throw PHRCardError(.badClaims, "iss (1) is missing or not text")
        }
        if let problem = CardFormat.issuerIDProblem(iss) { throw PHRCardError(.badClaims, "iss (1): \(problem)") }
        guard let exp = claims[CWTClaim.exp]?.intValue else { throw PHRCardError(.badClaims, "exp (4) is missing or not an integer") }
        guard let iat = claims[CWTClaim.iat]?.intValue else { throw PHRCardError(.badClaims, "iat (6) is missing or not an integer") }
        guard iat < exp else { throw PHRCardError(.badClaims, "iat is not before exp") }
        guard case .byteString(let cti)? = claims[CWTClaim.cti], cti.count == CardFormat.ctiLength else {
            throw PHRCardError(.badClaims, "cti (7) must be an \(CardFormat.ctiLength)-byte string")
        }
        guard case .array(let tierItems)? = claims[CardFormat.tiersClaim], tierItems.count == Tier.allCases.count else {
            throw PHRCardError(.badClaims, "claim \(CardFormat.tiersClaim) must be an array of \(Tier.allCases.count) tiers")
        }
        // Parse every tier first, then build the policy from the masks, then the tiers with their sections.
        var parsedTiers: [(tier: Tier, mask: UInt64, encrypt: COSEEncrypt, readers: [KeyID])] = []
        parsedTiers.reserveCapacity(tierItems.count)
        var firstEPK: CBOR?
        for (index, item) in tierItems.enumerated() {
            guard case .array(let parts) = item, parts.count == 3, let id = parts[0].uint64Value,
                  let tier = Tier(rawValue: Int(min(id, 255))), tier.rawValue == index, let mask = parts[1].uint64Value else {
                throw PHRCardError(.badTier, "tier \(index) must be [\(index), mask, COSE_Encrypt]")
            }
            let enc = try COSEEncrypt.parse(parts[2], requireTag: true, context: "tier \(tier)")
            let readers = try checkTierHeaders(enc, tier: tier, firstEPK: &firstEPK)
            parsedTiers.append((tier, mask, enc, readers))
        }
        guard let policy = TierPolicy.fromMasks(parsedTiers.map(\.mask)) else {
            throw PHRCardError(.badTier, "the tier masks do not assign every section to exactly one tier")
        }
        guard policy.tier(of: .holder) == .essential else {
            throw PHRCardError(.badTier, "the holder section (bit 0) must be in the essential tier's mask")
        }
        // T13 (§8.3): the card is exactly as long as a size class, or one byte shorter.
        guard SizeClass.of(cardBytes: bytes.count) != nil else {
            throw PHRCardError(.badSize, "the card is \(bytes.count) bytes, which is not the length of a size class (or one less): it was not padded as §8 requires")
        }
        let tiers = parsedTiers.map { t in
            EncryptedTier(tier: t.tier, mask: t.mask, sections: policy.sections(in: t.tier), readerKids: t.readers,
                          holderRecipient: true, ciphertextLength: t.encrypt.ciphertext.count, encrypt: t.encrypt,
                          issuerID: iss, cardID: cti)
        }
        return ParsedCard(bytes: bytes, algorithm: alg, kid: kid, issuerID: iss, cardID: cti, issuedAt: iat,
                          expiresAt: exp, tiers: tiers, policy: policy, sign1: s, firstEphemeralKey: firstEPK)
    }

    /// Checks a tier's COSE_Encrypt against the card profile (spec/format.md §5.5, checks T3–T12 in order; T1 and
    /// T2, the tier array and the COSE_Encrypt shape, are checked by the caller and ``COSEEncrypt/parse``).
    /// Returns the reader kids.
    static func checkTierHeaders(_ enc: COSEEncrypt, tier: Tier, firstEPK: inout CBOR?) throws(PHRCardError) -> [KeyID] {
        func ctx() -> String { "tier \(tier)" }
        // T3: the protected header is exactly {1: 1}.
        try enc.headers.checkCritical(understood: [], context: ctx())
        guard enc.headers.protectedBytes == TierPlan.protectedHeader else {
            if enc.headers.protectedValue(COSEHeader.alg) == nil {
                throw PHRCardError(.algNotProtected, "\(ctx()): alg is missing from the protected header, which must be {1: 1} (A128GCM)")
            }
            if enc.headers.protectedValue(COSEHeader.alg) != .int(COSEAlgorithm.a128gcm.rawValue) {
                throw PHRCardError(.unsupportedAlgorithm, "\(ctx()): the content algorithm must be A128GCM (1)")
            }
            throw PHRCardError(.badHeader, "\(ctx()): the protected header must be exactly {1: 1} (A128GCM)")
        }
        // T4: the unprotected header is empty (the IV is derived, §5.1).
        guard enc.headers.unprotected.isEmpty else {
            throw PHRCardError(.badHeader, "\(ctx()): the unprotected header must be empty (the IV is derived from the card)")
        }
        // T5: the ciphertext holds at least the tag and one byte; the essential tier's plaintext is a multiple of 16.
        guard enc.ciphertext.count > CardFormat.tagLength else {
            throw PHRCardError(.badTier, "\(ctx()): the ciphertext is not longer than the 16-byte authentication tag")
        }
        if tier != Tier.allCases.last, (enc.ciphertext.count - CardFormat.tagLength) % CardFormat.tierPaddingBlock != 0 {
            throw PHRCardError(.badTier, "\(ctx()): the plaintext is \(enc.ciphertext.count - CardFormat.tagLength) bytes, not padded to a multiple of \(CardFormat.tierPaddingBlock)")
        }
        var readers: [KeyID] = []
        for (i, r) in enc.recipients.enumerated() {
            func rctx() -> String { "\(ctx()) recipient \(i)" }
            try r.headers.checkCritical(understood: [], context: rctx())
            let algItem = r.headers.value(COSEHeader.alg)
            let alg = algItem?.intValue.flatMap(COSEAlgorithm.init(rawValue:))
            if i == 0 {
                // T6: the first recipient is the holder's: exactly [h'', {1: -6}, h''].
                guard alg == .direct else {
                    if algItem == nil || alg == .a128kw || alg == .ecdhESA128KW {
                        throw PHRCardError(.badTier, "\(rctx()): the first recipient must be the holder's direct recipient")
                    }
                    throw PHRCardError(.unsupportedAlgorithm, "\(rctx()): recipient algorithm \(algItem.map { "\($0)" } ?? "missing") is not allowed")
                }
                guard r.headers.protectedBytes.isEmpty, r.headers.unprotected.count == 1, r.ciphertext.isEmpty else {
                    throw PHRCardError(.badTier, "\(rctx()): the holder recipient must be exactly [h'', {1: -6}, h'']")
                }
                continue
            }
            // T7: every other recipient is a reader: ECDH-ES + A128KW protected as exactly {1: -29}.
            guard alg == .ecdhESA128KW else {
                if algItem == nil || alg == .direct || alg == .a128kw {
                    throw PHRCardError(.badTier, "\(rctx()): only the first recipient is the holder's; later ones must be ECDH-ES + A128KW readers")
                }
                throw PHRCardError(.unsupportedAlgorithm, "\(rctx()): recipient algorithm \(algItem.map { "\($0)" } ?? "missing") is not allowed")
            }
            guard r.headers.protectedBytes == ECDHES.protectedHeader else {
                if r.headers.protectedValue(COSEHeader.alg) == nil {
                    throw PHRCardError(.algNotProtected, "\(rctx()): alg must be in the protected header {1: -29}")
                }
                throw PHRCardError(.badHeader, "\(rctx()): the protected header must be exactly {1: -29}")
            }
            // T8: kid present and 8 bytes.
            guard let kidItem = r.headers.unprotectedValue(COSEHeader.kid) else {
                throw PHRCardError(.missingKid, "\(rctx()): a reader recipient needs a kid")
            }
            guard case .byteString(let kb) = kidItem, let kid = KeyID(bytes: kb) else {
                throw PHRCardError(.badKid, "\(rctx()): the kid must be an 8-byte string")
            }
            // T9: only kid and the ephemeral key.
            guard r.headers.unprotected.allSatisfy({ $0.key == .int(COSEHeader.kid) || $0.key == .int(COSEHeader.ephemeralKey) }) else {
                throw PHRCardError(.badHeader, "\(rctx()): only kid (4) and the ephemeral key (-1) are allowed")
            }
            // T10: kids strictly ascending (bytewise) within the tier: no duplicates, one order.
            if let previous = readers.last, !previous.bytes.lexicographicallyPrecedes(kid.bytes) {
                throw PHRCardError(.badTier, previous == kid ? "\(rctx()): reader \(kid) appears twice"
                                   : "\(rctx()): reader recipients must be in ascending order of kid")
            }
            // T11: the ephemeral key exactly once per card, in its first reader recipient, with the right shape.
            if let epk = r.headers.unprotectedValue(COSEHeader.ephemeralKey) {
                guard firstEPK == nil else {
                    throw PHRCardError(.badTier, "\(rctx()): the ephemeral key must appear once per card")
                }
                try COSEKey.checkCompressedP256Structure(epk, context: rctx())
                firstEPK = epk
            } else if firstEPK == nil {
                throw PHRCardError(.badTier, "\(rctx()): the first reader recipient must carry the ephemeral key")
            }
            // T12: the wrapped key is 24 bytes.
            guard r.ciphertext.count == CardFormat.contentKeyLength + 8 else {
                throw PHRCardError(.badTier, "\(rctx()): the wrapped key must be 24 bytes")
            }
            readers.append(kid)
        }
        return readers
    }
}

/// Formats seconds since 1970 as an ISO 8601 UTC time (``ISODate/format(_:)``).
package func formatTime(_ t: Int64) -> String { ISODate.format(t) }
