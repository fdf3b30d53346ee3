import PHRCardCore

/// The fixed keys every card fuzz target trusts and opens with: those of the published test vectors
/// (`vectors/*.json`, `inputs.issuer` and `inputs.readers[0]`), so vector QR texts are meaningful seeds.
public enum FuzzKeys {
    // The keys are stored as structs and wrapped in the `IssuerSigningKey` / `IssuerPublicKey` enums on use: a
    // long-lived multi-payload enum keeps its case in the pointer's spare bits, which LeakSanitizer cannot follow,
    // so a static enum value shows up as a (false) leak.
    private static let p256Key = try! P256.Signing.PrivateKey(
        rawRepresentation: hex("277d618f34ae7a78903e65fe9d3f32876900f284486f1a45066af962124c3b12"))
    private static let ed25519Key = try! Ed25519.PrivateKey(
        rawRepresentation: hex("5937b7f532f47d3e3dc540ab44e50571fd06c42a87423c87873a054260d8d317"))
    /// The P-256 issuer of the ES256 vectors (kid ef22db39bb2f74ec).
    public static var p256Issuer: IssuerSigningKey { .p256(p256Key) }
    /// The Ed25519 issuer of the EdDSA vectors (kid b10046b33fb191d8).
    public static var ed25519Issuer: IssuerSigningKey { .ed25519(ed25519Key) }
    /// reader-1 of the vectors (kid 4699aa2f0d10ba64).
    public static let reader = ReaderPrivateKey(try! P256.KeyAgreement.PrivateKey(
        rawRepresentation: hex("ab538f6d8525ccc64ab09775907dccef7afe91479945d6f966f94f709b965601")))
    /// The holder code of `valid-typical-one-reader`.
    public static let holderCode = "3309-6609-1771-4089-3943"
    /// The vectors' validation time.
    public static let now: Int64 = 1_780_086_400
    /// Both issuers, trusted for `VECTOR-CLINIC`.
    public static var trusted: [TrustedIssuer] { [
        TrustedIssuer(key: p256Issuer.publicKey, issuerID: "VECTOR-CLINIC"),
        TrustedIssuer(key: ed25519Issuer.publicKey, issuerID: "VECTOR-CLINIC"),
    ] }

    /// A cheap deterministic 64-bit hash (FNV-1a), used to sample the expensive holder-code open (scrypt, ~50 ms)
    /// on a fixed fraction of inputs.
    public static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    private static func hex(_ s: String) -> [UInt8] { [UInt8](hexString: s)! }
}

/// Checks that whatever a card opened to is a valid record; a decoder that yields an invalid record is a bug.
public func checkOpened(_ opened: OpenedCard) {
    if let record = opened.record {
        let problems = record.validate()
        precondition(problems.isEmpty, "a card opened to an invalid record: \(problems)")
    }
}
