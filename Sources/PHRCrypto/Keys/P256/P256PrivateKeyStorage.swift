/// The shared state of P-256 private keys: the scalar, the public key and the libcrypto key pair.
struct P256PrivateKeyStorage: Sendable {
    let scalar: [UInt8]
    let publicKey: P256.Signing.PublicKey
    let handle: EVPKeyHandle

    init(scalar: [UInt8]) throws(CryptoError) {
        guard scalar.count == P256Backend.scalarByteCount else {
            throw CryptoError(.invalidKey, "P-256 private key must be 32 bytes, got \(scalar.count)")
        }
        let point = try P256Backend.publicPoint(scalar: scalar)
        self.scalar = scalar
        publicKey = try P256.Signing.PublicKey(validatedUncompressed: point)
        handle = try P256Backend.privateKeyHandle(scalar: scalar, uncompressed: point)
    }

    /// Draws 32 bytes at a time until they form a scalar in 1...n-1.
    init(random: any RandomSource) {
        while true {
            let candidate = random.bytes(P256Backend.scalarByteCount)
            guard (try? P256Backend.isValidScalar(candidate)) == true else { continue }
            do {
                try self.init(scalar: candidate)
                return
            } catch {
                fatalError("PHRCrypto: P-256 key generation failed: \(error)")
            }
        }
    }

    init(pem: String, passphrase: [UInt8]?) throws(CryptoError) {
        let key = try PKCS8.decodePrivateKey(pem: pem, passphrase: passphrase)
        guard EVPKeys.isA(key, "EC"), EVPKeys.groupName(key) == P256Backend.groupName else {
            throw CryptoError(.unsupportedKeyType, "PKCS#8 key is not an EC key on P-256")
        }
        try self.init(scalar: P256Backend.scalar(of: key))
    }

    func pem(passphrase: [UInt8]?) -> String { PKCS8.encodePrivateKey(handle, passphrase: passphrase) }
}
