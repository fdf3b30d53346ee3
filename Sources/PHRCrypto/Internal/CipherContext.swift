internal import CLibCrypto

/// Owns an `EVP_CIPHER_CTX` plus the fetched `EVP_CIPHER`, freeing both.
final class CipherContext {
    let context: OpaquePointer
    let cipher: OpaquePointer

    init(cipherName: String) throws(CryptoError) {
        guard let cipher = EVP_CIPHER_fetch(nil, cipherName, nil) else {
            throw .fromLibcrypto("EVP_CIPHER_fetch(\(cipherName)) failed")
        }
        guard let context = EVP_CIPHER_CTX_new() else {
            EVP_CIPHER_free(cipher)
            throw .fromLibcrypto("EVP_CIPHER_CTX_new failed")
        }
        self.cipher = cipher
        self.context = context
    }

    deinit {
        EVP_CIPHER_CTX_free(context)
        EVP_CIPHER_free(cipher)
    }
}
