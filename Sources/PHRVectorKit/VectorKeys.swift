import PHRCard

/// The fixed keys every vector uses. Private scalars are SHA-256 of a label, so anyone can re-derive them; the
/// vectors also carry them as PEM.
public enum VectorKeys {
    static func scalar(_ label: String) -> [UInt8] { SHA256.hash(Array(label.utf8)) }

    public static let issuerES256 = IssuerSigningKey.p256(try! P256.Signing.PrivateKey(rawRepresentation: scalar("PHRCard vector issuer ES256")))
    public static let issuerEd25519 = IssuerSigningKey.ed25519(try! Ed25519.PrivateKey(rawRepresentation: scalar("PHRCard vector issuer Ed25519")))
    /// A key no verifier trusts.
    public static let unknownIssuer = IssuerSigningKey.p256(try! P256.Signing.PrivateKey(rawRepresentation: scalar("PHRCard vector unknown issuer")))
    public static let readers: [ReaderPrivateKey] = (1...3).map {
        ReaderPrivateKey(try! P256.KeyAgreement.PrivateKey(rawRepresentation: scalar("PHRCard vector reader \($0)")))
    }
    /// A reader key that no card is encrypted to.
    public static let strangerReader = ReaderPrivateKey(try! P256.KeyAgreement.PrivateKey(rawRepresentation: scalar("PHRCard vector stranger reader")))
    public static let issuerID = "VECTOR-CLINIC"
    public static let issuedAt: Int64 = 1_780_000_000   // 2026-05-28T20:26:40Z
}

/// A random source that hands out a fixed stream and remembers how much was used.
final class RecordingRandom: RandomSource, @unchecked Sendable {
    private let stream: [UInt8]
    private(set) var used = 0

    /// The stream for a vector: SHA-256("PHRCard vector rng <name> <counter>") for counter = 0, 1, …
    init(name: String, length: Int = 1024) {
        var s: [UInt8] = []
        var i = 0
        while s.count < length {
            s += SHA256.hash(Array("PHRCard vector rng \(name) \(i)".utf8))
            i += 1
        }
        stream = s
    }

    func bytes(_ count: Int) -> [UInt8] {
        precondition(used + count <= stream.count, "vector rng stream exhausted")
        defer { used += count }
        return Array(stream[used..<used + count])
    }

    var consumed: [UInt8] { Array(stream[..<used]) }
}
