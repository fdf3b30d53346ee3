internal import CLibCrypto

/// PKCS#8 private keys (RFC 5208 / 5958), plain ("PRIVATE KEY") and encrypted ("ENCRYPTED PRIVATE KEY", PBES2).
enum PKCS8 {
    /// scrypt cost used when encrypting (OpenSSL's `pkcs8 -scrypt` default; 16 MiB, under libcrypto's 32 MiB
    /// default limit for decryption).
    static let scryptN: UInt64 = 1 << 14
    static let scryptR: UInt64 = 8
    static let scryptP: UInt64 = 1

    /// Parses a PKCS#8 PEM private key.
    /// - Throws: `.invalidPEM` (not PEM / not PKCS#8 / malformed DER), `.passphraseRequired` (encrypted, no
    ///   passphrase), `.wrongPassphrase` (decryption failed), `.unsupportedKeyType` (unknown algorithm).
    static func decodePrivateKey(pem: String, passphrase: [UInt8]?) throws(CryptoError) -> EVPKeyHandle {
        let (label, der) = try PEMArmor.decode(pem)
        let info: OpaquePointer
        switch label {
        case "PRIVATE KEY":
            guard let (object, consumedAll) = DER.decode(der, { d2i_PKCS8_PRIV_KEY_INFO(nil, $0, $1) }) else {
                throw .fromLibcrypto("PRIVATE KEY block is not a PKCS#8 PrivateKeyInfo", kind: .invalidPEM)
            }
            guard consumedAll else {
                PKCS8_PRIV_KEY_INFO_free(object)
                throw CryptoError(.invalidPEM, "PRIVATE KEY block has trailing bytes after the PrivateKeyInfo")
            }
            info = object
        case "ENCRYPTED PRIVATE KEY":
            guard let passphrase else {
                throw CryptoError(.passphraseRequired, "the private key is encrypted; a passphrase is required")
            }
            guard let (envelope, consumedAll) = DER.decode(der, { d2i_X509_SIG(nil, $0, $1) }) else {
                throw .fromLibcrypto("ENCRYPTED PRIVATE KEY block is not an EncryptedPrivateKeyInfo", kind: .invalidPEM)
            }
            defer { X509_SIG_free(envelope) }
            guard consumedAll else {
                throw CryptoError(.invalidPEM, "ENCRYPTED PRIVATE KEY block has trailing bytes")
            }
            let characters = passphrase.asCChars
            guard let decrypted = PKCS8_decrypt_ex(envelope, characters, Int32(characters.count), nil, nil) else {
                throw .fromLibcrypto("could not decrypt the private key: wrong passphrase", kind: .wrongPassphrase)
            }
            info = decrypted
        default:
            throw CryptoError(.invalidPEM,
                "PEM block is '\(label)'; expected PKCS#8 'PRIVATE KEY' or 'ENCRYPTED PRIVATE KEY'")
        }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        guard let key = EVP_PKCS82PKEY_ex(info, nil, nil) else {
            throw .fromLibcrypto("PKCS#8 key of an unsupported or malformed algorithm", kind: .unsupportedKeyType)
        }
        return EVPKeyHandle(taking: key)
    }

    /// Encodes a private key as PKCS#8 PEM; with a passphrase, as PBES2 (scrypt + AES-256-CBC).
    static func encodePrivateKey(_ key: EVPKeyHandle, passphrase: [UInt8]?) -> String {
        guard let info = EVP_PKEY2PKCS8(key.pointer) else {
            fatalError("PHRCrypto: EVP_PKEY2PKCS8 failed: \(LibcryptoErrorQueue.drain())")
        }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        guard let passphrase else {
            guard let der = DER.encode({ i2d_PKCS8_PRIV_KEY_INFO(info, $0) }) else {
                fatalError("PHRCrypto: i2d_PKCS8_PRIV_KEY_INFO failed: \(LibcryptoErrorQueue.drain())")
            }
            return PEMArmor.encode(label: "PRIVATE KEY", der: der)
        }
        guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-CBC", nil) else {
            fatalError("PHRCrypto: AES-256-CBC unavailable: \(LibcryptoErrorQueue.drain())")
        }
        defer { EVP_CIPHER_free(cipher) }
        guard let algorithm = PKCS5_pbe2_set_scrypt(cipher, nil, 0, nil, scryptN, scryptR, scryptP) else {
            fatalError("PHRCrypto: PKCS5_pbe2_set_scrypt failed: \(LibcryptoErrorQueue.drain())")
        }
        let characters = passphrase.asCChars
        guard let envelope = PKCS8_set0_pbe_ex(characters, Int32(characters.count), info, algorithm, nil, nil) else {
            X509_ALGOR_free(algorithm)
            fatalError("PHRCrypto: PKCS#8 encryption failed: \(LibcryptoErrorQueue.drain())")
        }
        defer { X509_SIG_free(envelope) }
        guard let der = DER.encode({ i2d_X509_SIG(envelope, $0) }) else {
            fatalError("PHRCrypto: i2d_X509_SIG failed: \(LibcryptoErrorQueue.drain())")
        }
        return PEMArmor.encode(label: "ENCRYPTED PRIVATE KEY", der: der)
    }
}
