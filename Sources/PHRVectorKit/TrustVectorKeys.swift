import PHRCard

/// The fixed keys and times of the trust-list and revocation-list vectors (`vectors/trust/`). Like ``VectorKeys``,
/// every private key is SHA-256 of a label, so anyone can re-derive it; Ed25519 signing is deterministic, so every
/// byte of these vectors is reproducible.
public enum TrustVectorKeys {
    /// The programme root that signs the trust lists (Ed25519).
    public static let root = IssuerSigningKey.ed25519(try! Ed25519.PrivateKey(rawRepresentation: VectorKeys.scalar("PHRCard vector trust root Ed25519")))
    /// Another root, which no verifier of these vectors is configured with (Ed25519).
    public static let otherRoot = IssuerSigningKey.ed25519(try! Ed25519.PrivateKey(rawRepresentation: VectorKeys.scalar("PHRCard vector trust other root Ed25519")))
    /// A key that is neither the root nor listed: it may not sign revocation lists (Ed25519).
    public static let unlistedSigner = IssuerSigningKey.ed25519(try! Ed25519.PrivateKey(rawRepresentation: VectorKeys.scalar("PHRCard vector trust unlisted signer Ed25519")))
    /// The listed issuer key: the Ed25519 issuer of the card vectors, so their cards verify under the list.
    public static var issuer: IssuerSigningKey { VectorKeys.issuerEd25519 }
    /// The listed reader key (P-256): reader-1 of the card vectors.
    public static var reader: ReaderPrivateKey { VectorKeys.readers[0] }

    /// When the trust list is signed: 2026-05-28T00:00:00Z.
    public static let signedAt: Int64 = 1_779_926_400
    /// The update interval the list is signed with: 30 days (the default).
    public static let updateInterval: Int64 = TrustList.defaultUpdateInterval
    /// The verifier's clock in the non-time vectors: one day after signing.
    public static let validationTime: Int64 = signedAt + 86_400
    /// The maximum age after next-update the verifiers allow: 60 days (the default).
    public static let maxAge: Int64 = TrustList.defaultMaxAge
    /// The issuer key's issuing period: 2026-01-01T00:00:00Z … 2026-12-31T23:59:59Z.
    public static let issuerValidFrom: Int64 = 1_767_225_600
    public static let issuerValidTo: Int64 = 1_798_761_599
    /// When the revocation list is signed: one hour after the trust list.
    public static let revocationSignedAt: Int64 = signedAt + 3_600
}
