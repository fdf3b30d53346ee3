import PHRCard

/// The card texts photographed: real cards issued deterministically from example records, and the largest card
/// the format allows.
public enum WearCards {
    /// Issues `recordJSON` as a card with a fixed Ed25519 issuer key (deterministic signatures), one reader on the
    /// essential tier and every random choice (card id, holder code, keys, IVs) drawn from `SplitMix64(seed:)`,
    /// so the same record and seed always give the same card.
    /// - Parameters:
    ///   - recordJSON: a health record in the JSON form of `examples/*.json`.
    ///   - seed: selects the card's random bytes.
    /// - Returns: the issued card (`qrText`, `sizeClass`).
    /// - Throws: `PHRCardError` from parsing or issuing.
    public static func issue(recordJSON: [UInt8], seed: UInt64 = 1) throws -> IssuedCard {
        var rng = SplitMix64(seed: seed)
        let issuer = IssuerSigningKey.ed25519(try Ed25519.PrivateKey(rawRepresentation: [UInt8](repeating: 0x11, count: 32)))
        let reader = ReaderPrivateKey(try P256.KeyAgreement.PrivateKey(rawRepresentation: [UInt8](repeating: 0x22, count: 32)))
        let record = try HealthRecord(jsonData: recordJSON)
        let options = IssueOptions(issuerID: "WEAR-TEST", issuedAt: 1_780_000_000,
                                   readers: [ReaderGrant(key: reader.publicKey, tiers: [.essential])])
        return try CardIssuer.issue(record, signingKey: issuer, options: options, random: FixedRandom(rng.bytes(4096)))
    }

    /// A synthetic card text of the largest size class (`CardFormat.maxCardBytes` bytes): `PHR1:` + the numeric
    /// text form of pseudo-random bytes, which is what any full card looks like to the QR layer (its bytes are
    /// signed ciphertext).
    public static func largest(seed: UInt64 = 1) -> String {
        var rng = SplitMix64(seed: seed)
        return QRText.encode(rng.bytes(CardFormat.maxCardBytes))
    }
}
