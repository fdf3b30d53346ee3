internal import CLibCrypto

extension AES {
    /// AES-GCM (NIST SP 800-38D) with 12-byte nonces and 16-byte tags. Output is `ciphertext || tag`, as COSE uses.
    public enum GCM {
        /// The only supported nonce length.
        public static let nonceByteCount = 12
        /// The tag length appended to the ciphertext.
        public static let tagByteCount = 16

        /// Encrypts and authenticates.
        /// - Parameters:
        ///   - plaintext: The message.
        ///   - key: 16, 24 or 32 bytes (AES-128/192/256).
        ///   - nonce: 12 bytes; never reuse a nonce under the same key.
        ///   - aad: Additional authenticated data (may be empty).
        /// - Returns: `ciphertext || tag` (plaintext length + 16 bytes).
        /// - Throws: `.invalidKey` for a bad key length, `.invalidParameter` for a bad nonce length.
        public static func seal(
            _ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], authenticating aad: [UInt8]
        ) throws(CryptoError) -> [UInt8] {
            let cipher = try context(key: key, nonce: nonce, encrypting: true)
            try feedAAD(cipher, aad, encrypting: true)
            var output = [UInt8](repeating: 0, count: plaintext.count + tagByteCount)
            var length: Int32 = 0
            if !plaintext.isEmpty {
                guard EVP_EncryptUpdate(cipher.context, &output, &length, plaintext, Int32(plaintext.count)) == 1,
                      Int(length) == plaintext.count
                else { throw .fromLibcrypto("AES-GCM encryption failed") }
            }
            var finalLength: Int32 = 0
            var scratch = [UInt8](repeating: 0, count: 16)
            guard EVP_EncryptFinal_ex(cipher.context, &scratch, &finalLength) == 1, finalLength == 0 else {
                throw .fromLibcrypto("AES-GCM finalisation failed")
            }
            var tag = [UInt8](repeating: 0, count: tagByteCount)
            guard EVP_CIPHER_CTX_ctrl(cipher.context, EVP_CTRL_AEAD_GET_TAG, Int32(tagByteCount), &tag) == 1 else {
                throw .fromLibcrypto("AES-GCM could not produce the tag")
            }
            output.replaceSubrange(plaintext.count..., with: tag)
            return output
        }

        /// Verifies and decrypts `ciphertext || tag`.
        /// - Parameters:
        ///   - ciphertextAndTag: Ciphertext followed by the 16-byte tag.
        ///   - key: 16, 24 or 32 bytes.
        ///   - nonce: 12 bytes.
        ///   - aad: The additional authenticated data used when sealing.
        /// - Returns: The plaintext; nothing is released unless the tag verifies.
        /// - Throws: `.authenticationFailure` when the tag does not verify or the input is shorter than a tag;
        ///   `.invalidKey` / `.invalidParameter` for bad key / nonce lengths.
        public static func open(
            _ ciphertextAndTag: [UInt8], key: [UInt8], nonce: [UInt8], authenticating aad: [UInt8]
        ) throws(CryptoError) -> [UInt8] {
            let cipher = try context(key: key, nonce: nonce, encrypting: false)
            guard ciphertextAndTag.count >= tagByteCount else {
                throw CryptoError(.authenticationFailure,
                    "AES-GCM input is \(ciphertextAndTag.count) bytes, shorter than the \(tagByteCount)-byte tag")
            }
            let ciphertextCount = ciphertextAndTag.count - tagByteCount
            var tag = Array(ciphertextAndTag[ciphertextCount...])
            try feedAAD(cipher, aad, encrypting: false)
            var plaintext = [UInt8](repeating: 0, count: ciphertextCount + 16)
            var length: Int32 = 0
            if ciphertextCount > 0 {
                let ciphertext = Array(ciphertextAndTag[..<ciphertextCount])
                guard EVP_DecryptUpdate(cipher.context, &plaintext, &length, ciphertext, Int32(ciphertextCount)) == 1,
                      Int(length) == ciphertextCount
                else { throw .fromLibcrypto("AES-GCM decryption failed") }
            }
            guard EVP_CIPHER_CTX_ctrl(cipher.context, EVP_CTRL_AEAD_SET_TAG, Int32(tagByteCount), &tag) == 1 else {
                throw .fromLibcrypto("AES-GCM could not set the expected tag")
            }
            var finalLength: Int32 = 0
            var scratch = [UInt8](repeating: 0, count: 16)
            guard EVP_DecryptFinal_ex(cipher.context, &scratch, &finalLength) == 1 else {
                LibcryptoErrorQueue.clear()
                for index in plaintext.indices { plaintext[index] = 0 }
                throw CryptoError(.authenticationFailure, "AES-GCM tag mismatch: wrong key, nonce, AAD or tampered data")
            }
            plaintext.removeLast(plaintext.count - ciphertextCount)
            return plaintext
        }

        private static func context(key: [UInt8], nonce: [UInt8], encrypting: Bool) throws(CryptoError) -> CipherContext {
            let name: String
            switch key.count {
            case 16: name = "AES-128-GCM"
            case 24: name = "AES-192-GCM"
            case 32: name = "AES-256-GCM"
            default: throw CryptoError(.invalidKey, "AES-GCM key must be 16, 24 or 32 bytes, got \(key.count)")
            }
            guard nonce.count == nonceByteCount else {
                throw CryptoError(.invalidParameter, "AES-GCM nonce must be \(nonceByteCount) bytes, got \(nonce.count)")
            }
            let cipher = try CipherContext(cipherName: name)
            let status = encrypting
                ? EVP_EncryptInit_ex2(cipher.context, cipher.cipher, key, nonce, nil)
                : EVP_DecryptInit_ex2(cipher.context, cipher.cipher, key, nonce, nil)
            guard status == 1 else { throw .fromLibcrypto("AES-GCM initialisation failed") }
            return cipher
        }

        private static func feedAAD(_ cipher: CipherContext, _ aad: [UInt8], encrypting: Bool) throws(CryptoError) {
            guard !aad.isEmpty else { return }
            var length: Int32 = 0
            let status = encrypting
                ? EVP_EncryptUpdate(cipher.context, nil, &length, aad, Int32(aad.count))
                : EVP_DecryptUpdate(cipher.context, nil, &length, aad, Int32(aad.count))
            guard status == 1 else { throw .fromLibcrypto("AES-GCM could not process the AAD") }
        }
    }
}
