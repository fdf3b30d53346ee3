extension P256.Signing {
    /// A P-256 ECDSA signing key.
    public struct PrivateKey: Sendable {
        let storage: P256PrivateKeyStorage

        /// Generates a key from `random`: 32 bytes are drawn and used as the scalar, drawing again while the
        /// value is 0 or >= n, so a fixed byte source gives deterministic keys.
        /// - Parameter random: The randomness source (system CSPRNG by default).
        public init(random: any RandomSource = SystemRandom()) { storage = P256PrivateKeyStorage(random: random) }

        /// Imports a 32-byte big-endian scalar.
        /// - Throws: `.invalidKey` for a wrong length or a scalar of 0 or >= n.
        public init(rawRepresentation: [UInt8]) throws(CryptoError) {
            storage = try P256PrivateKeyStorage(scalar: rawRepresentation)
        }

        /// Imports a PKCS#8 PEM key, plain ("PRIVATE KEY") or encrypted ("ENCRYPTED PRIVATE KEY").
        /// - Parameters:
        ///   - pemRepresentation: The PEM text.
        ///   - passphrase: Needed for encrypted keys; ignored for plain ones.
        /// - Throws: `.invalidPEM`, `.passphraseRequired`, `.wrongPassphrase`, `.unsupportedKeyType`, `.invalidKey`.
        public init(pemRepresentation: String, passphrase: [UInt8]? = nil) throws(CryptoError) {
            storage = try P256PrivateKeyStorage(pem: pemRepresentation, passphrase: passphrase)
        }

        /// The 32-byte big-endian scalar.
        public var rawRepresentation: [UInt8] { storage.scalar }
        /// The matching public key.
        public var publicKey: PublicKey { storage.publicKey }

        /// PKCS#8 PEM; with a passphrase, "ENCRYPTED PRIVATE KEY" using PBES2 (scrypt N=2^14, r=8, p=1 +
        /// AES-256-CBC).
        /// - Parameter passphrase: Encrypts the key when given.
        public func pemRepresentation(passphrase: [UInt8]? = nil) -> String { storage.pem(passphrase: passphrase) }

        /// Signs `message` with ECDSA-SHA-256.
        /// - Parameter message: The message (hashed with SHA-256 here).
        /// - Returns: The raw 64-byte signature `r || s`.
        /// - Throws: `.libcrypto` on internal failure.
        public func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
            try P256Backend.sign(message, with: storage.handle)
        }
    }
}
