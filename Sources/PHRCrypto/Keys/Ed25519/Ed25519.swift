/// Ed25519 signatures (RFC 8032, pure EdDSA) through libcrypto.
public enum Ed25519 {
    /// An Ed25519 signing key (32-byte seed).
    public struct PrivateKey: Sendable {
        let seed: [UInt8]
        let handle: EVPKeyHandle
        /// The matching public key.
        public let publicKey: PublicKey

        /// Generates a key whose seed is 32 bytes drawn from `random`.
        /// - Parameter random: The randomness source (system CSPRNG by default).
        public init(random: any RandomSource = SystemRandom()) {
            do {
                try self.init(rawRepresentation: random.bytes(Ed25519Backend.keyByteCount))
            } catch {
                fatalError("PHRCrypto: Ed25519 key generation failed: \(error)")
            }
        }

        /// Imports a 32-byte seed (the RFC 8032 private key).
        /// - Throws: `.invalidKey` for a wrong length.
        public init(rawRepresentation: [UInt8]) throws(CryptoError) {
            let handle = try Ed25519Backend.privateKeyHandle(seed: rawRepresentation)
            seed = rawRepresentation
            self.handle = handle
            publicKey = try PublicKey(rawRepresentation: Ed25519Backend.rawPublicKey(of: handle))
        }

        /// Imports a PKCS#8 PEM key, plain or encrypted.
        /// - Parameters:
        ///   - pemRepresentation: The PEM text.
        ///   - passphrase: Needed for encrypted keys; ignored for plain ones.
        /// - Throws: `.invalidPEM`, `.passphraseRequired`, `.wrongPassphrase`, `.unsupportedKeyType`.
        public init(pemRepresentation: String, passphrase: [UInt8]? = nil) throws(CryptoError) {
            let key = try PKCS8.decodePrivateKey(pem: pemRepresentation, passphrase: passphrase)
            guard EVPKeys.isA(key, "ED25519") else {
                throw CryptoError(.unsupportedKeyType, "PKCS#8 key is not an Ed25519 key")
            }
            try self.init(rawRepresentation: Ed25519Backend.rawPrivateKey(of: key))
        }

        /// The 32-byte seed.
        public var rawRepresentation: [UInt8] { seed }

        /// PKCS#8 PEM; with a passphrase, "ENCRYPTED PRIVATE KEY" (PBES2: scrypt + AES-256-CBC).
        public func pemRepresentation(passphrase: [UInt8]? = nil) -> String {
            PKCS8.encodePrivateKey(handle, passphrase: passphrase)
        }

        /// Signs `message` (deterministic, RFC 8032).
        /// - Returns: The 64-byte signature.
        /// - Throws: `.libcrypto` on internal failure.
        public func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
            try Ed25519Backend.sign(message, with: handle)
        }
    }

    /// An Ed25519 public key (32-byte encoded point). Equality and hashing use the encoding.
    public struct PublicKey: Sendable, Hashable {
        let raw: [UInt8]
        let handle: EVPKeyHandle

        /// Imports the 32-byte encoded public key.
        /// - Throws: `.invalidKey` for a wrong length.
        public init(rawRepresentation: [UInt8]) throws(CryptoError) {
            handle = try Ed25519Backend.publicKeyHandle(raw: rawRepresentation)
            raw = rawRepresentation
        }

        /// Parses SubjectPublicKeyInfo DER (id-Ed25519).
        /// - Throws: `.invalidKey` (not SPKI), `.unsupportedKeyType` (other algorithm).
        public init(derRepresentation: [UInt8]) throws(CryptoError) {
            let parsed = try EVPKeys.parseSubjectPublicKeyInfo(derRepresentation)
            guard EVPKeys.isA(parsed, "ED25519") else {
                throw CryptoError(.unsupportedKeyType, "SubjectPublicKeyInfo is not an Ed25519 key")
            }
            try self.init(rawRepresentation: Ed25519Backend.rawPublicKey(of: parsed))
        }

        /// Parses a "PUBLIC KEY" PEM block.
        /// - Throws: `.invalidPEM`, or as ``init(derRepresentation:)``.
        public init(pemRepresentation: String) throws(CryptoError) {
            let (label, der) = try PEMArmor.decode(pemRepresentation)
            guard label == "PUBLIC KEY" else {
                throw CryptoError(.invalidPEM, "PEM block is '\(label)'; expected 'PUBLIC KEY'")
            }
            try self.init(derRepresentation: der)
        }

        /// The 32-byte encoded public key.
        public var rawRepresentation: [UInt8] { raw }
        /// SubjectPublicKeyInfo DER.
        public var derRepresentation: [UInt8] { EVPKeys.subjectPublicKeyInfo(handle) }
        /// "PUBLIC KEY" PEM.
        public var pemRepresentation: String { PEMArmor.encode(label: "PUBLIC KEY", der: derRepresentation) }

        /// Verifies a 64-byte Ed25519 signature over `message`.
        /// - Returns: `true` only for a valid signature (any other length is rejected).
        public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            Ed25519Backend.verify(signature, for: message, with: handle)
        }

        public static func == (lhs: Self, rhs: Self) -> Bool { lhs.raw == rhs.raw }
        public func hash(into hasher: inout Hasher) { hasher.combine(raw) }
    }
}
