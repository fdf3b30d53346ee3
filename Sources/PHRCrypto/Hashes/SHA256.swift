internal import CLibCrypto

/// SHA-256 (FIPS 180-4) through libcrypto.
public enum SHA256 {
    /// The digest length in bytes.
    public static let byteCount = 32

    /// Hashes `data`.
    /// - Parameter data: The message.
    /// - Returns: The 32-byte digest.
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length = 0
        guard EVP_Q_digest(nil, "SHA256", nil, data, data.count, &digest, &length) == 1, length == byteCount else {
            fatalError("PHRCrypto: SHA-256 failed: \(LibcryptoErrorQueue.drain())")
        }
        return digest
    }
}
