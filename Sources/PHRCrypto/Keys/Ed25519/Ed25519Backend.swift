internal import CLibCrypto

/// libcrypto operations on Ed25519 (RFC 8032, pure mode).
enum Ed25519Backend {
    static let keyByteCount = 32
    static let signatureByteCount = 64

    static func privateKeyHandle(seed: [UInt8]) throws(CryptoError) -> EVPKeyHandle {
        guard seed.count == keyByteCount else {
            throw CryptoError(.invalidKey, "Ed25519 private key (seed) must be 32 bytes, got \(seed.count)")
        }
        guard let key = EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, seed, seed.count) else {
            throw .fromLibcrypto("Ed25519 private key import failed", kind: .invalidKey)
        }
        return EVPKeyHandle(taking: key)
    }

    static func publicKeyHandle(raw: [UInt8]) throws(CryptoError) -> EVPKeyHandle {
        guard raw.count == keyByteCount else {
            throw CryptoError(.invalidKey, "Ed25519 public key must be 32 bytes, got \(raw.count)")
        }
        guard let key = EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, raw, raw.count) else {
            throw .fromLibcrypto("Ed25519 public key import failed", kind: .invalidKey)
        }
        return EVPKeyHandle(taking: key)
    }

    static func rawPublicKey(of key: EVPKeyHandle) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: keyByteCount)
        var length = keyByteCount
        guard EVP_PKEY_get_raw_public_key(key.pointer, &output, &length) == 1, length == keyByteCount else {
            throw .fromLibcrypto("Ed25519 public key export failed", kind: .invalidKey)
        }
        return output
    }

    static func rawPrivateKey(of key: EVPKeyHandle) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: keyByteCount)
        var length = keyByteCount
        guard EVP_PKEY_get_raw_private_key(key.pointer, &output, &length) == 1, length == keyByteCount else {
            throw .fromLibcrypto("Ed25519 private key export failed", kind: .invalidKey)
        }
        return output
    }

    static func sign(_ message: [UInt8], with key: EVPKeyHandle) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw .fromLibcrypto("EVP_MD_CTX_new failed") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit_ex(context, nil, nil, nil, nil, key.pointer, nil) == 1 else {
            throw .fromLibcrypto("Ed25519 sign initialisation failed")
        }
        var signature = [UInt8](repeating: 0, count: signatureByteCount)
        var length = signatureByteCount
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1, length == signatureByteCount
        else { throw .fromLibcrypto("Ed25519 signing failed") }
        return signature
    }

    static func verify(_ signature: [UInt8], for message: [UInt8], with key: EVPKeyHandle) -> Bool {
        guard signature.count == signatureByteCount, let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit_ex(context, nil, nil, nil, nil, key.pointer, nil) == 1 else {
            LibcryptoErrorQueue.clear()
            return false
        }
        let status = EVP_DigestVerify(context, signature, signature.count, message, message.count)
        LibcryptoErrorQueue.clear()
        return status == 1
    }
}
