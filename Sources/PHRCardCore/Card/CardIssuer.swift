import PHRCodecs
import PHRCrypto

/// A reader that a card's tiers are encrypted to, and which tiers it receives.
public struct ReaderGrant: Sendable, Hashable {
    /// The reader's public key.
    public var key: ReaderPublicKey
    /// The tiers encrypted to this reader (by default `essential` only).
    public var tiers: Set<Tier>

    /// Grants `tiers` (by default the essential tier) to the reader with `key`.
    public init(key: ReaderPublicKey, tiers: Set<Tier> = [.essential]) {
        self.key = key
        self.tiers = tiers
    }
}

/// What an issuer decides for one card besides the record and its signing key.
public struct IssueOptions: Sendable {
    /// The issuer identifier written to the `iss` claim (for example a clinic's registered id).
    public var issuerID: String
    /// Issue time (`iat`), seconds since 1970-01-01 UTC.
    public var issuedAt: Int64
    /// Lifetime in seconds; `exp = iat + validity`. Default: three years.
    public var validity: Int64
    /// Readers and the tiers each receives.
    public var readers: [ReaderGrant]
    /// Which section goes into which tier.
    public var policy: TierPolicy
    /// Labels to list in a `crit` header of the COSE_Sign1 (only 1 and 4 are allowed, spec/format.md §3); empty
    /// (the default) writes no `crit`. Verifiers must accept both, so vectors exercise it.
    public var critical: [Int64] = []

    /// Creates options with no `crit` header; see the properties for each parameter.
    public init(issuerID: String, issuedAt: Int64, validity: Int64 = CardFormat.defaultValidity,
                readers: [ReaderGrant] = [], policy: TierPolicy = .default) {
        self.issuerID = issuerID
        self.issuedAt = issuedAt
        self.validity = validity
        self.readers = readers
        self.policy = policy
    }
}

/// Every intermediate layer of one tier, for test vectors and `inspect`.
public struct TierLayers: Sendable {
    /// Which tier.
    public let tier: Tier
    /// The section mask written on the card.
    public let mask: UInt64
    /// The compact CBOR content (before compression).
    public let content: [UInt8]
    /// Raw DEFLATE of the content with the preset dictionary.
    public let compressed: [UInt8]
    /// The plaintext that was encrypted: the compressed content followed by zero padding.
    public let paddedPlaintext: [UInt8]
    /// The content encryption key (AES-128-GCM), derived from the holder secret.
    public let contentKey: [UInt8]
    /// The AES-GCM nonce, derived from the card (not written on it).
    public let iv: [UInt8]
    /// The external AAD bound into the encryption.
    public let externalAAD: [UInt8]
    /// The tagged COSE_Encrypt as serialized.
    public let coseEncrypt: [UInt8]
}

/// A freshly issued card.
public struct IssuedCard: Sendable {
    /// The card: a tagged COSE_Sign1.
    public let bytes: [UInt8]
    /// `PHR1:` followed by the numeric text form of ``bytes``: what the QR code holds.
    public let qrText: String
    /// The holder code that opens every tier; give it to the holder, never store it.
    public let holderCode: HolderCode
    /// The random card identifier (`cti`).
    public let cardID: [UInt8]
    /// The size class the card was padded to.
    public let sizeClass: SizeClass
    /// The card's length before padding (what the content needed).
    public let unpaddedBytes: Int
    /// `iat`: the issue time, seconds since 1970-01-01 UTC.
    public let issuedAt: Int64
    /// `exp`: ``issuedAt`` plus the validity.
    public let expiresAt: Int64
    /// The serialized CWT claims set (the COSE_Sign1 payload).
    public let claims: [UInt8]
    /// The COSE_Sign1 protected header bytes.
    public let protectedHeader: [UInt8]
    /// The ephemeral ECDH private key used for readers (nil without readers), for test vectors.
    public let ephemeralKey: [UInt8]?
    /// Each tier's layers.
    public let tiers: [TierLayers]
}

/// Issues cards (spec/format.md §7).
public enum CardIssuer {
    /// Issues a card for `record`.
    ///
    /// Randomness is drawn from `random` in this order, so that test vectors are reproducible: `cti` (8 bytes); the
    /// holder code (see ``HolderCode/init(random:)``); the ephemeral P-256 key when there is a reader. Content keys
    /// and IVs are derived (spec/format.md §5.1, §5.2), not drawn.
    /// - Throws: ``PHRCardError`` with `record.invalid` (listing every problem), `issue.tier-too-large` (a tier's
    ///   content would exceed a decoder limit: no reader could open the card), `card.too-large` (saying by how
    ///   many bytes), `issue.bad-tier-policy`, or a key or crypto error.
    public static func issue(_ record: HealthRecord, signingKey: IssuerSigningKey, options: IssueOptions,
                             random: any RandomSource = SystemRandom()) throws(PHRCardError) -> IssuedCard {
        let problems = record.validate()
        guard problems.isEmpty else {
            throw PHRCardError(.invalidRecord, problems.map(\.description).joined(separator: "\n"))
        }
        if let problem = CardFormat.issuerIDProblem(options.issuerID) {
            throw PHRCardError(.invalidRecord, "issuer id: \(problem)")
        }
        guard options.policy.tier(of: .holder) == .essential else {
            throw PHRCardError(.badTierPolicy, "the holder section must be in the essential tier (spec/format.md §4): every reader must be able to tell whose card it is")
        }
        guard options.validity > 0 else { throw PHRCardError(.invalidRecord, "validity must be positive") }
        var seen = Set<KeyID>()
        for r in options.readers {
            guard seen.insert(r.key.kid).inserted else {
                throw PHRCardError(.badKey, "reader key \(r.key.kid) is listed twice")
            }
            guard !r.tiers.isEmpty else { throw PHRCardError(.badTierPolicy, "reader \(r.key.kid) receives no tier") }
        }

        let cti = random.bytes(CardFormat.ctiLength)
        let code = HolderCode(random: random)
        let holder = try HolderKeys(code: code, cti: cti)
        let ephemeral: P256.KeyAgreement.PrivateKey? = options.readers.isEmpty ? nil
            : P256.KeyAgreement.PrivateKey(random: random)
        let exp = options.issuedAt + options.validity

        // Per tier: content, compression, keys and recipients (all independent of padding).
        var plans: [TierPlan] = []
        var epkWritten = false
        for tier in Tier.allCases {
            let sections = options.policy.sections(in: tier)
            let mask = options.policy.mask(of: tier)
            let (content, compressed) = try TierContent.encode(record, sections: sections, tier: tier)
            // Reader recipients in ascending order of kid bytes (§5.3: one order, one encoding).
            let readers = options.readers.filter { $0.tiers.contains(tier) }.sorted { $0.key.kid.bytes.lexicographicallyPrecedes($1.key.kid.bytes) }
            // The holder is always a `direct` recipient: the content key is derived from the holder secret, and
            // readers receive it wrapped (§5.2); the IV is derived from the card (§5.1).
            let cek = try holder.directContentKey(tier: tier)
            let iv = CardFormat.iv(cti: cti, tier: tier)
            var recipients: [COSERecipient] = [COSERecipient(headers: COSEHeaders(protectedBytes: [], protected: [],
                unprotected: [CBOR.Entry(.int(COSEHeader.alg), .int(COSEAlgorithm.direct.rawValue))]), ciphertext: [])]
            for r in readers {
                guard let ephemeral else { break }
                let secret: [UInt8]
                do {
                    secret = try ephemeral.sharedSecret(with: try P256.KeyAgreement.PublicKey(
                        x963Representation: r.key.key.x963Representation))
                } catch {
                    throw PHRCardError(.badKey, "ECDH with reader \(r.key.kid) failed: \(error)")
                }
                let kek = try ECDHES.keyEncryptionKey(sharedSecret: secret, recipientProtected: ECDHES.protectedHeader)
                var unprotected = [CBOR.Entry(.int(COSEHeader.kid), .byteString(r.key.kid.bytes))]
                if !epkWritten {
                    let epub = try! P256.Signing.PublicKey(x963Representation: ephemeral.publicKey.x963Representation)
                    unprotected.append(CBOR.Entry(.int(COSEHeader.ephemeralKey), COSEKey.encode(epub, compressed: true)))
                    epkWritten = true
                }
                let protectedMap = try! CBOR.decode(ECDHES.protectedHeader)
                recipients.append(COSERecipient(headers: COSEHeaders(protectedBytes: ECDHES.protectedHeader,
                    protected: protectedMap.mapEntries ?? [], unprotected: unprotected),
                    ciphertext: try wrap(cek, kek)))
            }
            let aad = externalAAD(issuer: options.issuerID, cti: cti, tier: tier, mask: mask)
            plans.append(TierPlan(tier: tier, mask: mask, content: content, compressed: compressed, cek: cek, iv: iv,
                                  externalAAD: aad, recipients: recipients))
        }

        // Pad the last tier so that the card is exactly one size-class long.
        guard options.critical.allSatisfy({ $0 == COSEHeader.alg || $0 == COSEHeader.kid }),
              Set(options.critical).count == options.critical.count else {
            throw PHRCardError(.badHeader, "crit may list only the labels 1 (alg) and 4 (kid), each once")
        }
        var protectedPairs: [(Int64, CBOR)] = [(COSEHeader.alg, .int(signingKey.algorithm.rawValue)),
                                               (COSEHeader.kid, .byteString(signingKey.publicKey.kid.bytes))]
        if !options.critical.isEmpty { protectedPairs.append((COSEHeader.crit, .array(options.critical.map { .int($0) }))) }
        let protectedHeader = CBOR.intMap(protectedPairs).encoded()
        func build(padding: Int) throws(PHRCardError) -> (sign1: COSESign1, claims: [UInt8], layers: [TierLayers]) {
            var tierItems: [CBOR] = []
            var layers: [TierLayers] = []
            for (i, plan) in plans.enumerated() {
                // Every tier but the last is padded to a multiple of the tier block; the last one fills the class.
                let fill = i == plans.count - 1 ? padding
                    : (CardFormat.tierPaddingBlock - plan.compressed.count % CardFormat.tierPaddingBlock) % CardFormat.tierPaddingBlock
                let padded = plan.compressed + [UInt8](repeating: 0, count: fill)
                let enc = try plan.encrypt(padded)
                tierItems.append(.array([.unsignedInt(UInt64(plan.tier.rawValue)), .unsignedInt(plan.mask), enc.cbor()]))
                layers.append(TierLayers(tier: plan.tier, mask: plan.mask, content: plan.content, compressed: plan.compressed,
                                         paddedPlaintext: padded, contentKey: plan.cek, iv: plan.iv,
                                         externalAAD: plan.externalAAD, coseEncrypt: enc.cbor().encoded()))
            }
            let claims = CBOR.intMap([
                (CWTClaim.iss, .textString(options.issuerID)), (CWTClaim.exp, .int(exp)),
                (CWTClaim.iat, .int(options.issuedAt)), (CWTClaim.cti, .byteString(cti)),
                (CardFormat.tiersClaim, .array(tierItems)),
            ]).encoded()
            let sign1 = COSESign1(headers: COSEHeaders(protectedBytes: protectedHeader, protected: [], unprotected: []),
                                  payload: claims, signature: [UInt8](repeating: 0, count: 64))
            return (sign1, claims, layers)
        }
        let unpadded = try build(padding: 0)
        let baseLength = unpadded.sign1.cbor().encoded().count
        guard let sizeClass = SizeClass.smallest(holding: baseLength) else {
            throw PHRCardError(.cardTooLarge, """
                the card needs \(baseLength) bytes but the largest card holds \(CardFormat.maxCardBytes): \
                \(baseLength - CardFormat.maxCardBytes) bytes too many. Shorten free texts and notes, leave out \
                older entries, or use codes whose standard display texts the format knows (spec/dictionary).
                """)
        }
        var padding = sizeClass.cardBytes - baseLength
        var result = try build(padding: padding)
        var length = result.sign1.cbor().encoded().count
        // A CBOR length header may grow by a byte as padding is added; step back until the card fits its class.
        while length > sizeClass.cardBytes && padding > 0 {
            padding -= length - sizeClass.cardBytes
            padding = max(padding, 0)
            result = try build(padding: padding)
            length = result.sign1.cbor().encoded().count
        }
        var sign1 = result.sign1
        sign1.signature = try signingKey.sign(sign1.toBeSigned())
        let bytes = sign1.cbor().encoded()
        return IssuedCard(bytes: bytes, qrText: QRText.encode(bytes), holderCode: code, cardID: cti,
                          sizeClass: sizeClass, unpaddedBytes: baseLength, issuedAt: options.issuedAt, expiresAt: exp, claims: result.claims,
                          protectedHeader: protectedHeader, ephemeralKey: ephemeral?.rawRepresentation,
                          tiers: result.layers)
    }

    /// `external_aad = CBOR([iss, cti, tier id, mask])`: binds a tier to its card and its place on it.
    static func externalAAD(issuer: String, cti: [UInt8], tier: Tier, mask: UInt64) -> [UInt8] {
        CBOR.array([.textString(issuer), .byteString(cti), .unsignedInt(UInt64(tier.rawValue)), .unsignedInt(mask)])
            .encoded()
    }

    private static func wrap(_ key: [UInt8], _ kek: [UInt8]) throws(PHRCardError) -> [UInt8] {
        do { return try AES.KeyWrap.wrap(key, using: kek) } catch {
            throw PHRCardError(.cryptoFailure, "key wrap failed: \(error.message)", underlying: error.code)
        }
    }
}

/// CWT claim keys (RFC 8392 §4).
enum CWTClaim {
    static let iss: Int64 = 1
    static let exp: Int64 = 4
    static let iat: Int64 = 6
    static let cti: Int64 = 7
}

/// One tier before padding and encryption.
struct TierPlan {
    let tier: Tier
    let mask: UInt64
    let content: [UInt8]
    let compressed: [UInt8]
    let cek: [UInt8]
    let iv: [UInt8]
    let externalAAD: [UInt8]
    let recipients: [COSERecipient]

    /// The protected header of every tier: `{1: 1}` (A128GCM).
    static let protectedHeader: [UInt8] = CBOR.intMap([(COSEHeader.alg, .int(COSEAlgorithm.a128gcm.rawValue))]).encoded()

    func encrypt(_ plaintext: [UInt8]) throws(PHRCardError) -> COSEEncrypt {
        let aad = COSEEncrypt.additionalData(protectedBytes: Self.protectedHeader, externalAAD: externalAAD)
        let ct: [UInt8]
        do { ct = try AES.GCM.seal(plaintext, key: cek, nonce: iv, authenticating: aad) } catch {
            throw PHRCardError(.cryptoFailure, "encryption failed: \(error.message)", underlying: error.code)
        }
        return COSEEncrypt(
            headers: COSEHeaders(protectedBytes: Self.protectedHeader,
                                 protected: [CBOR.Entry(.int(COSEHeader.alg), .int(COSEAlgorithm.a128gcm.rawValue))],
                                 unprotected: []),
            ciphertext: ct, recipients: recipients)
    }
}
