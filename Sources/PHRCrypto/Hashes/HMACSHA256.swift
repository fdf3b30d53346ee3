internal import CLibCrypto

/// HMAC-SHA-256 (RFC 2104) through libcrypto's EVP_MAC.
public enum HMACSHA256 {
    /// Computes the 32-byte authentication code of `data` under `key` (any key length, including empty).
    /// - Parameters:
    ///   - data: The message.
    ///   - key: The MAC key.
    /// - Returns: The 32-byte tag. Compare tags with ``ConstantTime/equals(_:_:)``.
    public static func authenticationCode(for data: [UInt8], key: [UInt8]) -> [UInt8] {
        var tag = [UInt8](repeating: 0, count: 32)
        var length = 0
        guard EVP_Q_mac(nil, "HMAC", nil, "SHA256", nil, key, key.count, data, data.count, &tag, tag.count, &length) != nil,
              length == 32
        else { fatalError("PHRCrypto: HMAC-SHA-256 failed: \(LibcryptoErrorQueue.drain())") }
        return tag
    }
}
