internal import CLibCrypto

/// libcrypto operations on P-256 (prime256v1): point validation, scalar checks, key import, ECDSA, ECDH.
enum P256Backend {
    static let scalarByteCount = 32
    static let uncompressedByteCount = 65
    static let compressedByteCount = 33
    static let groupName = "prime256v1"

    /// The P-256 `EC_GROUP`, built once: creating it (curve constants, Montgomery contexts, generator tables)
    /// costs more than decoding a point. It is only read after construction (point decoding, checks, encoding,
    /// order), which libcrypto allows from several threads at once.
    private final class SharedGroup: @unchecked Sendable {
        let pointer: OpaquePointer?
        init() { pointer = EC_GROUP_new_by_curve_name_ex(nil, nil, NID_X9_62_prime256v1) }
        deinit { if let pointer { EC_GROUP_free(pointer) } }
    }
    private static let sharedGroup = SharedGroup()

    /// Runs `body` with the shared P-256 `EC_GROUP` and a fresh `BN_CTX`, freed afterwards.
    static func withGroup<R>(
        _ body: (_ group: OpaquePointer, _ bnContext: OpaquePointer) throws(CryptoError) -> R
    ) throws(CryptoError) -> R {
        guard let group = sharedGroup.pointer else {
            throw .fromLibcrypto("EC_GROUP_new_by_curve_name_ex(P-256) failed")
        }
        guard let bnContext = BN_CTX_new() else { throw .fromLibcrypto("BN_CTX_new failed") }
        defer { BN_CTX_free(bnContext) }
        return try body(group, bnContext)
    }

    /// Decodes and validates an encoded point (uncompressed or compressed; the caller checks the prefix),
    /// returning the canonical 65-byte uncompressed encoding.
    /// - Throws: `.invalidPoint` when it does not decode, is the point at infinity, or is not on the curve.
    static func canonicalPoint(_ encoding: [UInt8]) throws(CryptoError) -> [UInt8] {
        try withGroup { (group, bnContext) throws(CryptoError) -> [UInt8] in
            guard let point = EC_POINT_new(group) else { throw .fromLibcrypto("EC_POINT_new failed") }
            defer { EC_POINT_free(point) }
            guard EC_POINT_oct2point(group, point, encoding, encoding.count, bnContext) == 1 else {
                throw .fromLibcrypto("P-256 point does not decode to a point on the curve", kind: .invalidPoint)
            }
            guard EC_POINT_is_at_infinity(group, point) == 0 else {
                throw CryptoError(.invalidPoint, "P-256 point is the point at infinity")
            }
            guard EC_POINT_is_on_curve(group, point, bnContext) == 1 else {
                LibcryptoErrorQueue.clear()
                throw CryptoError(.invalidPoint, "P-256 point is not on the curve")
            }
            return try uncompressed(group, point, bnContext)
        }
    }

    /// Whether `scalar` (32 bytes big-endian) is in 1...n-1.
    static func isValidScalar(_ scalar: [UInt8]) throws(CryptoError) -> Bool {
        guard scalar.count == scalarByteCount else { return false }
        return try withGroup { (group, _) throws(CryptoError) -> Bool in
            guard let value = BN_bin2bn(scalar, Int32(scalar.count), nil) else { throw .fromLibcrypto("BN_bin2bn failed") }
            defer { BN_clear_free(value) }
            guard let order = EC_GROUP_get0_order(group) else { throw .fromLibcrypto("EC_GROUP_get0_order failed") }
            return BN_is_zero(value) == 0 && BN_cmp(value, order) < 0
        }
    }

    /// Whether the big-endian integer `bytes` is in 1...n-1 (used for ECDSA r and s).
    static func isInOrderRange(_ bytes: ArraySlice<UInt8>) -> Bool {
        (try? isValidScalar(Array(bytes))) ?? false
    }

    /// The uncompressed public point d·G for a valid scalar d.
    static func publicPoint(scalar: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard try isValidScalar(scalar) else {
            throw CryptoError(.invalidKey, "P-256 private scalar must be 32 bytes in 1...n-1 (got \(scalar.count) bytes)")
        }
        return try withGroup { (group, bnContext) throws(CryptoError) -> [UInt8] in
            guard let value = BN_bin2bn(scalar, Int32(scalar.count), nil) else { throw .fromLibcrypto("BN_bin2bn failed") }
            defer { BN_clear_free(value) }
            guard let point = EC_POINT_new(group) else { throw .fromLibcrypto("EC_POINT_new failed") }
            defer { EC_POINT_free(point) }
            guard EC_POINT_mul(group, point, value, nil, nil, bnContext) == 1 else {
                throw .fromLibcrypto("EC_POINT_mul failed")
            }
            return try uncompressed(group, point, bnContext)
        }
    }

    private static func uncompressed(
        _ group: OpaquePointer, _ point: OpaquePointer, _ bnContext: OpaquePointer
    ) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: uncompressedByteCount)
        let written = EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, &output, output.count, bnContext)
        guard written == uncompressedByteCount else { throw .fromLibcrypto("EC_POINT_point2oct failed") }
        return output
    }

    /// An `EVP_PKEY` holding only the (already validated) public point.
    static func publicKeyHandle(uncompressed point: [UInt8]) throws(CryptoError) -> EVPKeyHandle {
        let parameters = OSSLParameters([
            (OSSL_PKEY_PARAM_GROUP_NAME, .utf8(groupName)),
            (OSSL_PKEY_PARAM_PUB_KEY, .octets(point)),
        ])
        return try EVPKeys.fromData(algorithm: "EC", selection: phr_evp_pkey_public_key(), parameters: parameters,
                                    what: "P-256 public key")
    }

    /// An `EVP_PKEY` key pair from a valid scalar and its public point.
    static func privateKeyHandle(scalar: [UInt8], uncompressed point: [UInt8]) throws(CryptoError) -> EVPKeyHandle {
        let parameters = OSSLParameters([
            (OSSL_PKEY_PARAM_GROUP_NAME, .utf8(groupName)),
            (OSSL_PKEY_PARAM_PRIV_KEY, .unsignedBigEndian(scalar)),
            (OSSL_PKEY_PARAM_PUB_KEY, .octets(point)),
        ])
        return try EVPKeys.fromData(algorithm: "EC", selection: phr_evp_pkey_keypair(), parameters: parameters,
                                    what: "P-256 private key")
    }

    /// The private scalar of an EC `EVP_PKEY`, 32 bytes big-endian.
    static func scalar(of key: EVPKeyHandle) throws(CryptoError) -> [UInt8] {
        var value: OpaquePointer?
        guard EVP_PKEY_get_bn_param(key.pointer, OSSL_PKEY_PARAM_PRIV_KEY, &value) == 1, let value else {
            throw .fromLibcrypto("the EC key has no private scalar", kind: .invalidKey)
        }
        defer { BN_clear_free(value) }
        var output = [UInt8](repeating: 0, count: scalarByteCount)
        guard BN_bn2binpad(value, &output, Int32(scalarByteCount)) == Int32(scalarByteCount) else {
            throw CryptoError(.invalidKey, "the EC private scalar does not fit in 32 bytes")
        }
        return output
    }

    /// The encoded public point stored in an EC `EVP_PKEY` (may be compressed).
    static func encodedPoint(of key: EVPKeyHandle) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 133)
        var length = 0
        guard EVP_PKEY_get_octet_string_param(key.pointer, OSSL_PKEY_PARAM_PUB_KEY, &output, output.count, &length) == 1
        else { throw .fromLibcrypto("the EC key has no public point", kind: .invalidPoint) }
        return Array(output[..<length])
    }

    /// ECDSA-SHA-256 signature as raw r || s (32 + 32 bytes).
    static func sign(_ message: [UInt8], with key: EVPKeyHandle) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw .fromLibcrypto("EVP_MD_CTX_new failed") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit_ex(context, nil, "SHA256", nil, nil, key.pointer, nil) == 1 else {
            throw .fromLibcrypto("ECDSA sign initialisation failed")
        }
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1, length > 0, length <= 80 else {
            throw .fromLibcrypto("ECDSA signature size query failed")
        }
        var der = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &der, &length, message, message.count) == 1 else {
            throw .fromLibcrypto("ECDSA signing failed")
        }
        der.removeLast(der.count - length)
        return try rawSignature(fromDER: der)
    }

    /// Verifies a raw r || s ECDSA-SHA-256 signature. Anything but 64 bytes, or r/s outside 1...n-1, is rejected.
    static func verify(_ raw: [UInt8], for message: [UInt8], with key: EVPKeyHandle) -> Bool {
        guard raw.count == 2 * scalarByteCount,
              isInOrderRange(raw[..<32]), isInOrderRange(raw[32...]),
              let der = derSignature(fromRaw: raw),
              let context = EVP_MD_CTX_new()
        else { LibcryptoErrorQueue.clear(); return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit_ex(context, nil, "SHA256", nil, nil, key.pointer, nil) == 1 else {
            LibcryptoErrorQueue.clear()
            return false
        }
        let status = EVP_DigestVerify(context, der, der.count, message, message.count)
        LibcryptoErrorQueue.clear()
        return status == 1
    }

    /// ECDH shared secret (the 32-byte x-coordinate), with libcrypto validating the peer key as well.
    static func sharedSecret(_ key: EVPKeyHandle, peer: EVPKeyHandle) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else {
            throw .fromLibcrypto("EVP_PKEY_CTX_new_from_pkey failed")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_derive_init(context) == 1 else { throw .fromLibcrypto("ECDH initialisation failed") }
        guard EVP_PKEY_derive_set_peer_ex(context, peer.pointer, 1) == 1 else {
            throw .fromLibcrypto("ECDH peer key rejected", kind: .invalidPoint)
        }
        var length = 0
        guard EVP_PKEY_derive(context, nil, &length) == 1, length == scalarByteCount else {
            throw .fromLibcrypto("ECDH size query failed")
        }
        var secret = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_derive(context, &secret, &length) == 1, length == scalarByteCount else {
            throw .fromLibcrypto("ECDH derivation failed")
        }
        return secret
    }

    private static func rawSignature(fromDER der: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let (signature, consumedAll) = DER.decode(der, { cursor, length in d2i_ECDSA_SIG(nil, cursor, length) })
        else { throw .fromLibcrypto("ECDSA signature from libcrypto is not DER", kind: .invalidSignatureEncoding) }
        defer { ECDSA_SIG_free(signature) }
        guard consumedAll, let r = ECDSA_SIG_get0_r(signature), let s = ECDSA_SIG_get0_s(signature) else {
            throw CryptoError(.invalidSignatureEncoding, "ECDSA signature from libcrypto has trailing bytes")
        }
        var raw = [UInt8](repeating: 0, count: 2 * scalarByteCount)
        let written = raw.withUnsafeMutableBufferPointer { buffer -> Bool in
            BN_bn2binpad(r, buffer.baseAddress, 32) == 32 && BN_bn2binpad(s, buffer.baseAddress! + 32, 32) == 32
        }
        guard written else { throw CryptoError(.invalidSignatureEncoding, "ECDSA r or s exceeds 32 bytes") }
        return raw
    }

    private static func derSignature(fromRaw raw: [UInt8]) -> [UInt8]? {
        guard let signature = ECDSA_SIG_new() else { return nil }
        defer { ECDSA_SIG_free(signature) }
        guard let r = BN_bin2bn(raw, 32, nil) else { return nil }
        guard let s = raw.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress! + 32, 32, nil) }) else {
            BN_free(r)
            return nil
        }
        guard ECDSA_SIG_set0(signature, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            return nil
        }
        return DER.encode { cursor in i2d_ECDSA_SIG(signature, cursor) }
    }
}
