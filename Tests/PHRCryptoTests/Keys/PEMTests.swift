import Testing
@testable import PHRCrypto

@Suite("PEM keys (PKCS#8 and SubjectPublicKeyInfo)")
struct PEMTests {
    // Values printed by `openssl pkey -noout -text` for the fixture keys (see Fixtures/README.md).
    static let p256Scalar = Hex.decode("5a0254cf0dc7ba09b57b7435ffdd7c3e5098d4b01f67d51cab7409eb2d91c575")
    static let p256Public = Hex.decode("04e100dcf955b7e34da5557e982394933473c33656befadc2f3f2b47381694b3"
                                       + "14b535e1ce48e978f5d9a1c731ffcc3476e6379399cf83ee3af35f478262b3c9a5")
    static let edSeed = Hex.decode("9cdb5620239d5333bb1586e5c0d0a3fd8688e9ecc05f8c3f9df89a0c517819e0")
    static let edPublic = Hex.decode("718b054723aa98fb7199f02c8465a189a7a6cd28481343e18c8ef74df352c20a")
    static let passphrase = Array("correct-horse".utf8)

    @Test(arguments: ["openssl_p256_plain.pem", "openssl_p256_scrypt.pem", "openssl_p256_pbkdf2.pem"])
    func opensslP256Keys(file: String) throws {
        let pem = try Fixtures.text(file)
        let key = try P256.Signing.PrivateKey(pemRepresentation: pem, passphrase: Self.passphrase)
        #expect(key.rawRepresentation == Self.p256Scalar)
        #expect(key.publicKey.x963Representation == Self.p256Public)
        let agreement = try P256.KeyAgreement.PrivateKey(pemRepresentation: pem, passphrase: Self.passphrase)
        #expect(agreement.rawRepresentation == Self.p256Scalar)
        guard case .p256(let parsed) = try PEMKey.parsePrivateKey(pem: pem, passphrase: Self.passphrase) else {
            Issue.record("\(file) not parsed as P-256")
            return
        }
        #expect(parsed.rawRepresentation == Self.p256Scalar)
    }

    @Test func opensslPublicKeys() throws {
        let p256 = try P256.Signing.PublicKey(pemRepresentation: Fixtures.text("openssl_p256_public.pem"))
        #expect(p256.x963Representation == Self.p256Public)
        #expect(try PEMKey.parsePublicKey(pem: Fixtures.text("openssl_p256_public.pem")) == .p256(p256))
        let ed = try Ed25519.PublicKey(pemRepresentation: Fixtures.text("openssl_ed25519_public.pem"))
        #expect(ed.rawRepresentation == Self.edPublic)
        #expect(try PEMKey.parsePublicKey(pem: Fixtures.text("openssl_ed25519_public.pem")) == .ed25519(ed))
        #expect(ed.pemRepresentation == (try Fixtures.text("openssl_ed25519_public.pem")))
        #expect(p256.pemRepresentation == (try Fixtures.text("openssl_p256_public.pem")))
    }

    @Test func opensslEd25519Key() throws {
        let pem = try Fixtures.text("openssl_ed25519_plain.pem")
        let key = try Ed25519.PrivateKey(pemRepresentation: pem)
        #expect(key.rawRepresentation == Self.edSeed)
        #expect(key.publicKey.rawRepresentation == Self.edPublic)
        #expect(key.pemRepresentation() == pem)
        guard case .ed25519(let parsed) = try PEMKey.parsePrivateKey(pem: pem, passphrase: nil) else {
            Issue.record("not parsed as Ed25519")
            return
        }
        #expect(parsed.rawRepresentation == Self.edSeed)
    }

    @Test func p256RoundTrips() throws {
        let key = P256.Signing.PrivateKey()
        let plain = key.pemRepresentation()
        #expect(plain.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try P256.Signing.PrivateKey(pemRepresentation: plain).rawRepresentation == key.rawRepresentation)
        let encrypted = key.pemRepresentation(passphrase: Self.passphrase)
        #expect(encrypted.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(try P256.Signing.PrivateKey(pemRepresentation: encrypted, passphrase: Self.passphrase).rawRepresentation
                == key.rawRepresentation)
        expectCryptoError(.wrongPassphrase, "wrong") {
            try P256.Signing.PrivateKey(pemRepresentation: encrypted, passphrase: Array("wrong".utf8))
        }
        expectCryptoError(.passphraseRequired, "missing") { try P256.Signing.PrivateKey(pemRepresentation: encrypted) }
    }

    @Test func ed25519RoundTrips() throws {
        let key = Ed25519.PrivateKey()
        #expect(try Ed25519.PrivateKey(pemRepresentation: key.pemRepresentation()).rawRepresentation == key.rawRepresentation)
        let encrypted = key.pemRepresentation(passphrase: Self.passphrase)
        #expect(try Ed25519.PrivateKey(pemRepresentation: encrypted, passphrase: Self.passphrase).rawRepresentation
                == key.rawRepresentation)
        expectCryptoError(.wrongPassphrase, "wrong") { try Ed25519.PrivateKey(pemRepresentation: encrypted, passphrase: []) }
        expectCryptoError(.passphraseRequired, "missing") { try PEMKey.parsePrivateKey(pem: encrypted, passphrase: nil) }
        #expect(try Ed25519.PublicKey(pemRepresentation: key.publicKey.pemRepresentation) == key.publicKey)
    }

    @Test func keyAgreementRoundTrip() throws {
        let key = P256.KeyAgreement.PrivateKey()
        let encrypted = key.pemRepresentation(passphrase: Self.passphrase)
        let back = try P256.KeyAgreement.PrivateKey(pemRepresentation: encrypted, passphrase: Self.passphrase)
        #expect(back.rawRepresentation == key.rawRepresentation)
        #expect(back.publicKey == key.publicKey)
    }

    @Test func opensslEncryptedWrongAndMissingPassphrase() throws {
        for file in ["openssl_p256_scrypt.pem", "openssl_p256_pbkdf2.pem"] {
            let pem = try Fixtures.text(file)
            expectCryptoError(.wrongPassphrase, file) { try PEMKey.parsePrivateKey(pem: pem, passphrase: Array("Correct-horse".utf8)) }
            expectCryptoError(.passphraseRequired, file) { try PEMKey.parsePrivateKey(pem: pem, passphrase: nil) }
        }
    }

    @Test func invalidPEMInputs() throws {
        let plain = try Fixtures.text("openssl_p256_plain.pem")
        let lines = plain.split(separator: "\n")
        let cases: [(String, String)] = [
            ("empty", ""),
            ("garbage", "not a key at all"),
            ("no end line", lines.dropLast().joined(separator: "\n")),
            ("bad base64", "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"),
            ("not PKCS#8 inside", "-----BEGIN PRIVATE KEY-----\nMAMCAQE=\n-----END PRIVATE KEY-----\n"),
            ("SEC1 EC PRIVATE KEY", try Fixtures.text("openssl_p256_sec1.pem")),
            ("public key given as private", try Fixtures.text("openssl_p256_public.pem")),
            ("too large", String(repeating: "A", count: 70_000)),
        ]
        for (label, text) in cases {
            expectCryptoError(.invalidPEM, label) { try PEMKey.parsePrivateKey(pem: text, passphrase: nil) }
        }
        expectCryptoError(.invalidPEM, "private given as public") { try PEMKey.parsePublicKey(pem: plain) }
        expectCryptoError(.invalidPEM, "garbage public") { try PEMKey.parsePublicKey(pem: "garbage") }
    }

    @Test func wrongKeyTypes() throws {
        let edPEM = try Fixtures.text("openssl_ed25519_plain.pem")
        let p256PEM = try Fixtures.text("openssl_p256_plain.pem")
        expectCryptoError(.unsupportedKeyType, "Ed25519 as P-256") { try P256.Signing.PrivateKey(pemRepresentation: edPEM) }
        expectCryptoError(.unsupportedKeyType, "Ed25519 as P-256 ECDH") { try P256.KeyAgreement.PrivateKey(pemRepresentation: edPEM) }
        expectCryptoError(.unsupportedKeyType, "P-256 as Ed25519") { try Ed25519.PrivateKey(pemRepresentation: p256PEM) }
        expectCryptoError(.unsupportedKeyType, "X25519 private") {
            try PEMKey.parsePrivateKey(pem: Fixtures.text("openssl_x25519_plain.pem"), passphrase: nil)
        }
        expectCryptoError(.unsupportedKeyType, "X25519 public") {
            try PEMKey.parsePublicKey(pem: Fixtures.text("openssl_x25519_public.pem"))
        }
        expectCryptoError(.unsupportedKeyType, "X25519 public as P-256") {
            try P256.Signing.PublicKey(pemRepresentation: Fixtures.text("openssl_x25519_public.pem"))
        }
        expectCryptoError(.unsupportedKeyType, "P-256 public as Ed25519") {
            try Ed25519.PublicKey(pemRepresentation: Fixtures.text("openssl_p256_public.pem"))
        }
    }
}
