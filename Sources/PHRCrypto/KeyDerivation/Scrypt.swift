internal import CLibCrypto

/// scrypt (RFC 7914) through libcrypto's EVP_KDF "SCRYPT", with an explicit memory limit sized from N, r, p.
public enum Scrypt {
    /// The largest working memory this wrapper allows (1 GiB); larger costs are rejected as `.invalidParameter`.
    public static let maximumMemoryBytes: UInt64 = 1 << 30

    /// Derives `outputByteCount` bytes from `password` and `salt`.
    /// - Parameters:
    ///   - password: The password bytes (may be empty).
    ///   - salt: The salt (may be empty).
    ///   - n: CPU/memory cost, a power of two > 1.
    ///   - r: Block size, >= 1.
    ///   - p: Parallelisation, >= 1, with r * p < 2^30.
    ///   - outputByteCount: 1...(2^20) bytes.
    /// - Throws: `.invalidParameter` for out-of-range parameters or memory above ``maximumMemoryBytes``.
    public static func deriveKey(
        password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, outputByteCount: Int
    ) throws(CryptoError) -> [UInt8] {
        guard n > 1, n & (n - 1) == 0 else {
            throw CryptoError(.invalidParameter, "scrypt N must be a power of two greater than 1, got \(n)")
        }
        guard r >= 1, p >= 1, r <= UInt64(UInt32.max), p <= UInt64(UInt32.max) else {
            throw CryptoError(.invalidParameter, "scrypt r and p must be 1...\(UInt32.max), got r=\(r) p=\(p)")
        }
        guard r.multipliedReportingOverflow(by: p).partialValue < (1 << 30), !r.multipliedReportingOverflow(by: p).overflow
        else { throw CryptoError(.invalidParameter, "scrypt r*p must be < 2^30, got r=\(r) p=\(p)") }
        guard outputByteCount >= 1, outputByteCount <= 1 << 20 else {
            throw CryptoError(.invalidParameter, "scrypt output length must be 1...1048576 bytes, got \(outputByteCount)")
        }
        // libcrypto needs 128*r*(N+2) bytes for V plus 128*r*p for B; add 1 MiB of slack.
        let (blockBytes, o1) = UInt64(128).multipliedReportingOverflow(by: r)
        let (vBytes, o2) = blockBytes.multipliedReportingOverflow(by: n &+ 2)
        let (bBytes, o3) = blockBytes.multipliedReportingOverflow(by: p)
        let (total, o4) = vBytes.addingReportingOverflow(bBytes)
        guard !(o1 || o2 || o3 || o4), total <= maximumMemoryBytes else {
            throw CryptoError(.invalidParameter,
                "scrypt parameters N=\(n) r=\(r) p=\(p) need more than \(maximumMemoryBytes) bytes of memory")
        }
        let parameters = OSSLParameters([
            (OSSL_KDF_PARAM_PASSWORD, .octets(password)),
            (OSSL_KDF_PARAM_SALT, .octets(salt)),
            (OSSL_KDF_PARAM_SCRYPT_N, .uint64(n)),
            (OSSL_KDF_PARAM_SCRYPT_R, .uint32(UInt32(r))),
            (OSSL_KDF_PARAM_SCRYPT_P, .uint32(UInt32(p))),
            (OSSL_KDF_PARAM_SCRYPT_MAXMEM, .uint64(total + (1 << 20))),
        ])
        return try KDFRunner.derive(name: "SCRYPT", parameters: parameters, outputByteCount: outputByteCount)
    }
}
