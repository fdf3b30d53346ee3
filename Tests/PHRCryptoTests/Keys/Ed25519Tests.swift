import Testing
@testable import PHRCrypto

@Suite("Ed25519")
struct Ed25519Tests {
    /// RFC 8032 §7.1 TEST 1 and TEST 2: public key derivation and deterministic signatures.
    @Test(arguments: [
        ("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        ("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
    ])
    func rfc8032(secret: String, publicKey: String, message: String, signature: String) throws {
        let key = try Ed25519.PrivateKey(rawRepresentation: Hex.decode(secret))
        #expect(key.publicKey.rawRepresentation == Hex.decode(publicKey))
        #expect(try key.signature(for: Hex.decode(message)) == Hex.decode(signature))
        #expect(key.publicKey.isValidSignature(Hex.decode(signature), for: Hex.decode(message)))
    }

    @Test func roundTripAndRejections() throws {
        let key = Ed25519.PrivateKey()
        let message = Array("card".utf8)
        let signature = try key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: []))
        #expect(!key.publicKey.isValidSignature(Array(signature.prefix(63)), for: message))
        #expect(!key.publicKey.isValidSignature(signature + [0], for: message))
        #expect(!key.publicKey.isValidSignature([], for: message))
    }

    @Test func fixedRandomSeed() {
        let seed = Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        let key = Ed25519.PrivateKey(random: FixedRandom(seed))
        #expect(key.rawRepresentation == seed)
        #expect(key.publicKey.rawRepresentation
                == Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
    }

    @Test func lengthErrors() {
        expectCryptoError(.invalidKey, "seed 31") { try Ed25519.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 31)) }
        expectCryptoError(.invalidKey, "seed 64") { try Ed25519.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 64)) }
        expectCryptoError(.invalidKey, "public 33") { try Ed25519.PublicKey(rawRepresentation: [UInt8](repeating: 1, count: 33)) }
        expectCryptoError(.invalidKey, "public empty") { try Ed25519.PublicKey(rawRepresentation: []) }
    }
}
