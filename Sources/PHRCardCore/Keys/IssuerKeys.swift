import PHRCrypto

/// A key identifier: the first 8 bytes of SHA-256 over the key's SubjectPublicKeyInfo DER encoding.
public struct KeyID: Sendable, Hashable, CustomStringConvertible {
    /// The 8 bytes.
    public let bytes: [UInt8]
    /// The length of every PHRCard key identifier.
    public static let length = 8

    /// Derives the identifier of a public key from its SubjectPublicKeyInfo DER encoding.
    public init(spkiDER: [UInt8]) {
        bytes = Array(SHA256.hash(spkiDER).prefix(Self.length))
    }

    /// Wraps 8 bytes read from a card.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.length else { return nil }
        self.bytes = bytes
    }

    /// Lowercase hex.
    public var description: String { bytes.hexString }
}

/// The private key an issuer signs cards with: ECDSA P-256 (ES256, the default) or Ed25519 (EdDSA).
public enum IssuerSigningKey: Sendable {
    /// An ECDSA P-256 key: the card says ES256.
    case p256(P256.Signing.PrivateKey)
    /// An Ed25519 key: the card says EdDSA.
    case ed25519(Ed25519.PrivateKey)

    /// Reads a PKCS#8 PEM private key (optionally passphrase-protected).
    public init(pem: String, passphrase: [UInt8]? = nil) throws(PHRCardError) {
        do {
            switch try PEMKey.parsePrivateKey(pem: pem, passphrase: passphrase) {
            case .p256(let k): self = .p256(k)
            case .ed25519(let k): self = .ed25519(k)
            }
        } catch {
            throw PHRCardError(keyErrorCode(error), "issuer key: \(error.message)", underlying: error.code)
        }
    }

    /// The matching public key.
    public var publicKey: IssuerPublicKey {
        switch self {
        case .p256(let k): .p256(k.publicKey)
        case .ed25519(let k): .ed25519(k.publicKey)
        }
    }

    /// The COSE algorithm this key signs with.
    public var algorithm: COSEAlgorithm {
        switch self {
        case .p256: .es256
        case .ed25519: .edDSA
        }
    }

    /// Signs `message` (raw r‖s for ES256; Ed25519 signatures for EdDSA).
    public func signature(for message: [UInt8]) throws(PHRCardError) -> [UInt8] { try sign(message) }

    func sign(_ message: [UInt8]) throws(PHRCardError) -> [UInt8] {
        do {
            switch self {
            // Issuers write low-S (spec/format.md §3): one encoding per card.
            case .p256(let k): return ECDSALowS.normalize(try k.signature(for: message))
            case .ed25519(let k): return try k.signature(for: message)
            }
        } catch {
            throw PHRCardError(.cryptoFailure, "signing failed: \(error.message)", underlying: error.code)
        }
    }
}

/// An issuer's public key, which verifies its cards.
public enum IssuerPublicKey: Sendable, Hashable {
    /// An ECDSA P-256 key (ES256).
    case p256(P256.Signing.PublicKey)
    /// An Ed25519 key (EdDSA).
    case ed25519(Ed25519.PublicKey)

    /// Reads a SubjectPublicKeyInfo PEM public key (P-256 or Ed25519).
    public init(pem: String) throws(PHRCardError) {
        do {
            switch try PEMKey.parsePublicKey(pem: pem) {
            case .p256(let k): self = .p256(k)
            case .ed25519(let k): self = .ed25519(k)
            }
        } catch {
            throw PHRCardError(.badKey, "issuer public key: \(error.message)", underlying: error.code)
        }
    }

    /// SubjectPublicKeyInfo DER.
    public var spkiDER: [UInt8] {
        switch self {
        case .p256(let k): k.derRepresentation
        case .ed25519(let k): k.derRepresentation
        }
    }

    /// The key's identifier (first 8 bytes of SHA-256 over the SPKI DER).
    public var kid: KeyID { KeyID(spkiDER: spkiDER) }

    /// The COSE algorithm this key verifies.
    public var algorithm: COSEAlgorithm {
        switch self {
        case .p256: .es256
        case .ed25519: .edDSA
        }
    }

    /// Whether `signature` is a valid signature of `message` under this key.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        switch self {
        case .p256(let k): k.isValidSignature(signature, for: message)
        case .ed25519(let k): k.isValidSignature(signature, for: message)
        }
    }
}

/// A reader (health authority) public key: cards encrypt tiers to it with ECDH-ES + A128KW on P-256.
public struct ReaderPublicKey: Sendable, Hashable {
    /// The P-256 public key.
    public let key: P256.Signing.PublicKey
    /// The key's identifier.
    public var kid: KeyID { KeyID(spkiDER: key.derRepresentation) }

    /// Wraps a P-256 public key.
    public init(_ key: P256.Signing.PublicKey) { self.key = key }

    /// Reads a SubjectPublicKeyInfo PEM P-256 public key.
    public init(pem: String) throws(PHRCardError) {
        do { key = try P256.Signing.PublicKey(pemRepresentation: pem) } catch {
            throw PHRCardError(.badKey, "reader public key: \(error.message)", underlying: error.code)
        }
    }
}

/// A reader's private key, which opens the tiers encrypted to it.
public struct ReaderPrivateKey: Sendable {
    /// The P-256 private key.
    public let key: P256.KeyAgreement.PrivateKey
    /// The public half (computed once).
    public let publicKey: ReaderPublicKey
    /// The key's identifier (computed once).
    public let kid: KeyID

    /// Wraps a P-256 private key.
    public init(_ key: P256.KeyAgreement.PrivateKey) {
        self.key = key
        publicKey = ReaderPublicKey(key.publicKey)
        kid = publicKey.kid
    }

    /// Reads a PKCS#8 PEM P-256 private key (optionally passphrase-protected).
    public init(pem: String, passphrase: [UInt8]? = nil) throws(PHRCardError) {
        let key: P256.KeyAgreement.PrivateKey
        do { key = try P256.KeyAgreement.PrivateKey(pemRepresentation: pem, passphrase: passphrase) } catch {
            throw PHRCardError(keyErrorCode(error), "reader key: \(error.message)", underlying: error.code)
        }
        self.init(key)
    }
}

extension Array where Element == UInt8 {
    /// Lowercase hexadecimal.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for b in self {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses hexadecimal (either case); nil if not an even number of hex digits.
    public init?(hexString: String) {
        let chars = Array(hexString.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func v(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 65...70: c - 55
            case 97...102: c - 87
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = v(chars[i]), let lo = v(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        self = out
    }
}

/// The card-level code for a private-key loading failure: passphrase problems keep their own codes.
func keyErrorCode(_ error: CryptoError) -> PHRCardError.Code {
    switch error.kind {
    case .wrongPassphrase: .wrongPassphrase
    case .passphraseRequired: .passphraseRequired
    default: .badKey
    }
}
