internal import CLibCrypto

extension AES {
    /// AES Key Wrap (RFC 3394) with the default IV A6A6A6A6A6A6A6A6, via libcrypto's AES-*-WRAP ciphers.
    public enum KeyWrap {
        /// Wraps key material.
        /// - Parameters:
        ///   - keyToWrap: At least 16 bytes and a multiple of 8 (RFC 3394 needs two or more 64-bit blocks).
        ///   - kek: The key-encryption key, 16, 24 or 32 bytes.
        /// - Returns: The wrapped key, 8 bytes longer than `keyToWrap`.
        /// - Throws: `.invalidKey` for a bad KEK length; `.invalidParameter` for a bad input length.
        public static func wrap(_ keyToWrap: [UInt8], using kek: [UInt8]) throws(CryptoError) -> [UInt8] {
            guard keyToWrap.count >= 16, keyToWrap.count % 8 == 0, keyToWrap.count <= 1 << 20 else {
                throw CryptoError(.invalidParameter,
                    "key to wrap must be a multiple of 8 bytes, at least 16, got \(keyToWrap.count)")
            }
            guard let output = try run(keyToWrap, kek: kek, encrypting: true, outputCount: keyToWrap.count + 8) else {
                throw .fromLibcrypto("AES key wrap failed")
            }
            return output
        }

        /// Unwraps and checks integrity.
        /// - Parameters:
        ///   - wrapped: The wrapped key: at least 24 bytes and a multiple of 8.
        ///   - kek: The key-encryption key, 16, 24 or 32 bytes.
        /// - Returns: The unwrapped key, 8 bytes shorter than `wrapped`.
        /// - Throws: `.unwrapFailure` when the integrity check fails or the length is impossible;
        ///   `.invalidKey` for a bad KEK length.
        public static func unwrap(_ wrapped: [UInt8], using kek: [UInt8]) throws(CryptoError) -> [UInt8] {
            guard wrapped.count >= 24, wrapped.count % 8 == 0, wrapped.count <= (1 << 20) + 8 else {
                throw CryptoError(.unwrapFailure,
                    "wrapped key must be a multiple of 8 bytes, at least 24, got \(wrapped.count)")
            }
            guard let output = try run(wrapped, kek: kek, encrypting: false, outputCount: wrapped.count - 8) else {
                LibcryptoErrorQueue.clear()
                throw CryptoError(.unwrapFailure, "AES key unwrap integrity check failed (wrong KEK or corrupted data)")
            }
            return output
        }

        /// Runs the wrap cipher; nil when libcrypto reports failure.
        private static func run(
            _ input: [UInt8], kek: [UInt8], encrypting: Bool, outputCount: Int
        ) throws(CryptoError) -> [UInt8]? {
            let name: String
            switch kek.count {
            case 16: name = "AES-128-WRAP"
            case 24: name = "AES-192-WRAP"
            case 32: name = "AES-256-WRAP"
            default: throw CryptoError(.invalidKey, "AES key wrap KEK must be 16, 24 or 32 bytes, got \(kek.count)")
            }
            let cipher = try CipherContext(cipherName: name)
            EVP_CIPHER_CTX_set_flags(cipher.context, Int32(EVP_CIPHER_CTX_FLAG_WRAP_ALLOW))
            guard EVP_CipherInit_ex2(cipher.context, cipher.cipher, kek, nil, encrypting ? 1 : 0, nil) == 1 else {
                throw .fromLibcrypto("AES key wrap initialisation failed")
            }
            var output = [UInt8](repeating: 0, count: input.count + 16)
            var length: Int32 = 0
            guard EVP_CipherUpdate(cipher.context, &output, &length, input, Int32(input.count)) == 1,
                  Int(length) == outputCount
            else { return nil }
            var finalLength: Int32 = 0
            var scratch = [UInt8](repeating: 0, count: 32)
            guard EVP_CipherFinal_ex(cipher.context, &scratch, &finalLength) == 1, finalLength == 0 else { return nil }
            output.removeLast(output.count - outputCount)
            return output
        }
    }
}
