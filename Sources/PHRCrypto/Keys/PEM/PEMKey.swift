/// A private key parsed from a key file, tagged with its algorithm.
public enum ParsedPrivateKey: Sendable {
    /// A P-256 key (usable for ECDSA; its raw scalar also builds a ``P256/KeyAgreement/PrivateKey``).
    case p256(P256.Signing.PrivateKey)
    /// An Ed25519 key.
    case ed25519(Ed25519.PrivateKey)
}

/// A public key parsed from a key file, tagged with its algorithm.
public enum ParsedPublicKey: Sendable, Hashable {
    /// A P-256 public key.
    case p256(P256.Signing.PublicKey)
    /// An Ed25519 public key.
    case ed25519(Ed25519.PublicKey)
}

/// Key-file helpers: parse a PEM key without knowing its algorithm in advance.
public enum PEMKey {
    /// Parses a PKCS#8 PEM private key (P-256 or Ed25519), plain or encrypted.
    /// - Parameters:
    ///   - pem: The PEM text.
    ///   - passphrase: Needed for "ENCRYPTED PRIVATE KEY"; ignored for plain keys.
    /// - Throws: `.invalidPEM`, `.passphraseRequired`, `.wrongPassphrase`, `.unsupportedKeyType`, `.invalidKey`.
    public static func parsePrivateKey(pem: String, passphrase: [UInt8]?) throws(CryptoError) -> ParsedPrivateKey {
        let key = try PKCS8.decodePrivateKey(pem: pem, passphrase: passphrase)
        if EVPKeys.isA(key, "ED25519") {
            return .ed25519(try Ed25519.PrivateKey(rawRepresentation: Ed25519Backend.rawPrivateKey(of: key)))
        }
        if EVPKeys.isA(key, "EC"), EVPKeys.groupName(key) == P256Backend.groupName {
            return .p256(try P256.Signing.PrivateKey(rawRepresentation: P256Backend.scalar(of: key)))
        }
        throw CryptoError(.unsupportedKeyType, "PKCS#8 key is neither P-256 nor Ed25519")
    }

    /// Parses a "PUBLIC KEY" PEM block (SubjectPublicKeyInfo) holding a P-256 or Ed25519 key.
    /// - Throws: `.invalidPEM`, `.invalidKey`, `.invalidPoint`, `.unsupportedKeyType`.
    public static func parsePublicKey(pem: String) throws(CryptoError) -> ParsedPublicKey {
        let (label, der) = try PEMArmor.decode(pem)
        guard label == "PUBLIC KEY" else {
            throw CryptoError(.invalidPEM, "PEM block is '\(label)'; expected 'PUBLIC KEY'")
        }
        if P256.Signing.PublicKey.uncompressedPoint(inSPKI: der) != nil {
            return .p256(try P256.Signing.PublicKey(derRepresentation: der))   // no OpenSSL decoder needed
        }
        let parsed = try EVPKeys.parseSubjectPublicKeyInfo(der)
        if EVPKeys.isA(parsed, "ED25519") { return .ed25519(try Ed25519.PublicKey(derRepresentation: der)) }
        if EVPKeys.isA(parsed, "EC") { return .p256(try P256.Signing.PublicKey(derRepresentation: der)) }
        throw CryptoError(.unsupportedKeyType, "public key is neither P-256 nor Ed25519")
    }
}
