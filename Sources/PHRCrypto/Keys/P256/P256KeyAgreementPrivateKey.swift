extension P256.KeyAgreement {
    /// A P-256 ECDH private key.
    public struct PrivateKey: Sendable {
        let storage: P256PrivateKeyStorage

        /// Generates a key from `random` (see ``P256/Signing/PrivateKey/init(random:)``).
        public init(random: any RandomSource = SystemRandom()) { storage = P256PrivateKeyStorage(random: random) }

        /// Imports a 32-byte big-endian scalar.
        /// - Throws: `.invalidKey` for a wrong length or a scalar of 0 or >= n.
        public init(rawRepresentation: [UInt8]) throws(CryptoError) {
            storage = try P256PrivateKeyStorage(scalar: rawRepresentation)
        }

        /// Imports a PKCS#8 PEM key, plain or encrypted.
        /// - Throws: `.invalidPEM`, `.passphraseRequired`, `.wrongPassphrase`, `.unsupportedKeyType`, `.invalidKey`.
        public init(pemRepresentation: String, passphrase: [UInt8]? = nil) throws(CryptoError) {
            storage = try P256PrivateKeyStorage(pem: pemRepresentation, passphrase: passphrase)
        }

        /// The 32-byte big-endian scalar.
        public var rawRepresentation: [UInt8] { storage.scalar }
        /// The matching public key.
        public var publicKey: PublicKey { storage.publicKey }

        /// PKCS#8 PEM, encrypted (PBES2, scrypt + AES-256-CBC) when a passphrase is given.
        public func pemRepresentation(passphrase: [UInt8]? = nil) -> String { storage.pem(passphrase: passphrase) }

        /// Computes the ECDH shared secret with `peer`.
        /// - Parameter peer: The peer's (validated) public key.
        /// - Returns: The 32-byte x-coordinate of the shared point. Feed it to a KDF; never use it directly.
        /// - Throws: `.invalidPoint` if libcrypto rejects the peer, `.libcrypto` on internal failure.
        public func sharedSecret(with peer: PublicKey) throws(CryptoError) -> [UInt8] {
            try P256Backend.sharedSecret(storage.handle, peer: peer.handle)
        }
    }
}
