internal import CLibCrypto

/// Owns one `EVP_PKEY` and frees it in `deinit`. Immutable after init, so it may be shared across threads
/// (OpenSSL 3 allows concurrent read-only use of an EVP_PKEY with separate contexts).
final class EVPKeyHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }
}

/// Small helpers shared by the key types.
enum EVPKeys {
    /// Builds a key with `EVP_PKEY_fromdata` for algorithm `name` from owned parameters.
    static func fromData(
        algorithm name: String, selection: Int32, parameters: OSSLParameters, what: String
    ) throws(CryptoError) -> EVPKeyHandle {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, name, nil) else {
            throw .fromLibcrypto("EVP_PKEY_CTX_new_from_name(\(name)) failed")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_fromdata_init(context) == 1 else { throw .fromLibcrypto("EVP_PKEY_fromdata_init failed") }
        var key: OpaquePointer?
        let status = parameters.withParameters { params in
            EVP_PKEY_fromdata(context, &key, selection, UnsafeMutablePointer(mutating: params))
        }
        guard status == 1, let key else { throw .fromLibcrypto("\(what): EVP_PKEY_fromdata rejected the key", kind: .invalidKey) }
        return EVPKeyHandle(taking: key)
    }

    /// SubjectPublicKeyInfo DER of a key (two-call `i2d_PUBKEY`).
    static func subjectPublicKeyInfo(_ key: EVPKeyHandle) -> [UInt8] {
        let length = i2d_PUBKEY(key.pointer, nil)
        guard length > 0 else { fatalError("PHRCrypto: i2d_PUBKEY failed: \(LibcryptoErrorQueue.drain())") }
        var output = [UInt8](repeating: 0, count: Int(length))
        let written = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_PUBKEY(key.pointer, &cursor)
        }
        precondition(written == length, "PHRCrypto: i2d_PUBKEY length changed")
        return output
    }

    /// Parses SubjectPublicKeyInfo DER, rejecting trailing bytes.
    static func parseSubjectPublicKeyInfo(_ der: [UInt8]) throws(CryptoError) -> EVPKeyHandle {
        guard !der.isEmpty, der.count <= 4096 else {
            throw CryptoError(.invalidKey, "SubjectPublicKeyInfo DER must be 1...4096 bytes, got \(der.count)")
        }
        var consumed = 0
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            let parsed = d2i_PUBKEY_ex(nil, &cursor, buffer.count, nil, nil)
            if let cursor, let base = buffer.baseAddress { consumed = cursor - base }
            return parsed
        }
        guard let key else { throw .fromLibcrypto("not a valid SubjectPublicKeyInfo DER structure", kind: .invalidKey) }
        let handle = EVPKeyHandle(taking: key)
        guard consumed == der.count else {
            throw CryptoError(.invalidKey, "SubjectPublicKeyInfo has \(der.count - consumed) trailing bytes at offset \(consumed)")
        }
        return handle
    }

    /// Whether the key is of the given OpenSSL key type ("EC", "ED25519").
    static func isA(_ key: EVPKeyHandle, _ name: String) -> Bool { EVP_PKEY_is_a(key.pointer, name) == 1 }

    /// The EC group name ("prime256v1" for P-256) or nil.
    static func groupName(_ key: EVPKeyHandle) -> String? {
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_utf8_string_param(key.pointer, OSSL_PKEY_PARAM_GROUP_NAME, &buffer, buffer.count, &length) == 1
        else { LibcryptoErrorQueue.clear(); return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
