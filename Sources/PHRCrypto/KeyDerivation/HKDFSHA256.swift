internal import CLibCrypto

/// HKDF with SHA-256 (RFC 5869), extract-then-expand, through libcrypto's EVP_KDF "HKDF".
public enum HKDFSHA256 {
    /// The largest output RFC 5869 allows: 255 * HashLen.
    public static let maximumOutputByteCount = 255 * 32

    /// Derives `outputByteCount` bytes.
    /// - Parameters:
    ///   - inputKeyMaterial: IKM (may be empty).
    ///   - salt: Salt; empty means HashLen zero bytes, as RFC 5869 specifies.
    ///   - info: Context and application specific information.
    ///   - outputByteCount: 1...8160.
    /// - Throws: `.invalidParameter` when the output length is out of range; `.libcrypto` on internal failure.
    public static func deriveKey(
        inputKeyMaterial: [UInt8], salt: [UInt8], info: [UInt8], outputByteCount: Int
    ) throws(CryptoError) -> [UInt8] {
        guard outputByteCount >= 1, outputByteCount <= maximumOutputByteCount else {
            throw CryptoError(.invalidParameter,
                "HKDF-SHA-256 output length must be 1...\(maximumOutputByteCount) bytes, got \(outputByteCount)")
        }
        var entries: [(String, OSSLParameters.Value)] = [
            (OSSL_KDF_PARAM_DIGEST, .utf8("SHA256")),
            (OSSL_KDF_PARAM_KEY, .octets(inputKeyMaterial)),
            (OSSL_KDF_PARAM_INFO, .octets(info)),
        ]
        if !salt.isEmpty { entries.append((OSSL_KDF_PARAM_SALT, .octets(salt))) }
        return try KDFRunner.derive(name: "HKDF", parameters: OSSLParameters(entries), outputByteCount: outputByteCount)
    }
}

/// Runs an EVP_KDF by name.
enum KDFRunner {
    static func derive(name: String, parameters: OSSLParameters, outputByteCount: Int) throws(CryptoError) -> [UInt8] {
        guard let kdf = EVP_KDF_fetch(nil, name, nil) else { throw .fromLibcrypto("EVP_KDF_fetch(\(name)) failed") }
        defer { EVP_KDF_free(kdf) }
        guard let context = EVP_KDF_CTX_new(kdf) else { throw .fromLibcrypto("EVP_KDF_CTX_new failed") }
        defer { EVP_KDF_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: outputByteCount)
        let status = parameters.withParameters { params in
            EVP_KDF_derive(context, &output, outputByteCount, params)
        }
        guard status == 1 else { throw .fromLibcrypto("\(name) derivation failed") }
        return output
    }
}
