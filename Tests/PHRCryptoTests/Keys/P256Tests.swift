import Testing
@testable import PHRCrypto

@Suite("P-256 keys, ECDSA and ECDH")
struct P256Tests {
    // RFC 6979 appendix A.2.5: private key x and public key (Ux, Uy).
    static let rfc6979Scalar = Hex.decode("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721")
    static let rfc6979X = Hex.decode("60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6")
    static let rfc6979Y = Hex.decode("7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299")
    // The group order n.
    static let order = Hex.decode("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")

    @Test func publicKeyFromScalarMatchesRFC6979() throws {
        let key = try P256.Signing.PrivateKey(rawRepresentation: Self.rfc6979Scalar)
        #expect(key.rawRepresentation == Self.rfc6979Scalar)
        #expect(key.publicKey.x == Self.rfc6979X)
        #expect(key.publicKey.y == Self.rfc6979Y)
        #expect(key.publicKey.x963Representation == [0x04] + Self.rfc6979X + Self.rfc6979Y)
        #expect(try P256.Signing.PublicKey(x: Self.rfc6979X, y: Self.rfc6979Y) == key.publicKey)
    }

    @Test func compressedRoundTrip() throws {
        let key = try P256.Signing.PublicKey(x: Self.rfc6979X, y: Self.rfc6979Y)
        // Uy ends in 0x99 (odd), so the SEC1 prefix is 03.
        #expect(key.compressedRepresentation == [0x03] + Self.rfc6979X)
        let decoded = try P256.Signing.PublicKey(compressedRepresentation: key.compressedRepresentation)
        #expect(decoded == key)
        #expect(decoded.y == Self.rfc6979Y)
        // A fresh key with even y gets 02; both parities round-trip.
        for _ in 0..<8 {
            let other = P256.Signing.PrivateKey().publicKey
            #expect(other.compressedRepresentation.first == ((other.y.last! & 1) == 0 ? 0x02 : 0x03))
            #expect(try P256.Signing.PublicKey(compressedRepresentation: other.compressedRepresentation) == other)
        }
    }

    @Test func signVerifyRoundTrip() throws {
        let key = P256.Signing.PrivateKey()
        let message = Array("issue card 42".utf8)
        let signature = try key.signature(for: message)
        #expect(signature.count == 64)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0]))
        #expect(!P256.Signing.PrivateKey().publicKey.isValidSignature(signature, for: message))
        var flipped = signature
        flipped[40] ^= 1
        #expect(!key.publicKey.isValidSignature(flipped, for: message))
        // Wrong lengths, r = 0, s = n are rejected without reaching libcrypto.
        #expect(!key.publicKey.isValidSignature(Array(signature.prefix(63)), for: message))
        #expect(!key.publicKey.isValidSignature(signature + [0], for: message))
        #expect(!key.publicKey.isValidSignature([UInt8](repeating: 0, count: 32) + signature.suffix(32), for: message))
        #expect(!key.publicKey.isValidSignature(Array(signature.prefix(32)) + Self.order, for: message))
    }

    @Test func fixedRandomGivesDeterministicKeysAndRedrawsOutOfRange() throws {
        let zero = [UInt8](repeating: 0, count: 32)
        let tooBig = [UInt8](repeating: 0xff, count: 32)
        let random = FixedRandom(zero + Self.order + tooBig + Self.rfc6979Scalar)
        let key = P256.Signing.PrivateKey(random: random)
        #expect(key.rawRepresentation == Self.rfc6979Scalar)
        let agreement = P256.KeyAgreement.PrivateKey(random: FixedRandom(Self.rfc6979Scalar))
        #expect(agreement.publicKey.x == Self.rfc6979X)
    }

    @Test func rawScalarErrors() {
        let cases: [(String, [UInt8])] = [
            ("zero", [UInt8](repeating: 0, count: 32)),
            ("n", Self.order),
            ("all ones", [UInt8](repeating: 0xff, count: 32)),
            ("31 bytes", [UInt8](repeating: 1, count: 31)),
            ("33 bytes", [UInt8](repeating: 1, count: 33)),
            ("empty", []),
        ]
        for (label, scalar) in cases {
            expectCryptoError(.invalidKey, label) { try P256.Signing.PrivateKey(rawRepresentation: scalar) }
            expectCryptoError(.invalidKey, label) { try P256.KeyAgreement.PrivateKey(rawRepresentation: scalar) }
        }
    }

    @Test func pointValidationErrors() {
        let good = [0x04] + Self.rfc6979X + Self.rfc6979Y
        var offCurve = good
        offCurve[64] ^= 1
        let cases: [(String, () throws -> P256.Signing.PublicKey)] = [
            ("empty", { try P256.Signing.PublicKey(x963Representation: []) }),
            ("infinity 00", { try P256.Signing.PublicKey(x963Representation: [0x00]) }),
            ("all-zero 65 bytes", { try P256.Signing.PublicKey(x963Representation: [0x04] + [UInt8](repeating: 0, count: 64)) }),
            ("off curve", { try P256.Signing.PublicKey(x963Representation: offCurve) }),
            ("hybrid prefix 06", { try P256.Signing.PublicKey(x963Representation: [0x06] + good.dropFirst()) }),
            ("compressed given to x963", { try P256.Signing.PublicKey(x963Representation: [0x03] + Self.rfc6979X) }),
            ("truncated", { try P256.Signing.PublicKey(x963Representation: Array(good.dropLast())) }),
            ("x = p", { try P256.Signing.PublicKey(compressedRepresentation: [0x02] + Hex.decode("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff")) }),
            ("compressed bad prefix", { try P256.Signing.PublicKey(compressedRepresentation: [0x04] + Self.rfc6979X) }),
            ("compressed wrong length", { try P256.Signing.PublicKey(compressedRepresentation: [0x02] + Self.rfc6979X.dropLast()) }),
            ("x,y wrong length", { try P256.Signing.PublicKey(x: Self.rfc6979X, y: []) }),
            ("x,y off curve", { try P256.Signing.PublicKey(x: Self.rfc6979X, y: Self.rfc6979X) }),
        ]
        for (label, make) in cases { expectCryptoError(.invalidPoint, label) { try make() } }
    }

    @Test func spkiRoundTripAndErrors() throws {
        let key = P256.Signing.PrivateKey().publicKey
        #expect(try P256.Signing.PublicKey(derRepresentation: key.derRepresentation) == key)
        #expect(try P256.Signing.PublicKey(pemRepresentation: key.pemRepresentation) == key)
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        expectCryptoError(.invalidKey, "garbage") { try P256.Signing.PublicKey(derRepresentation: [0x30, 0x03, 0x02, 0x01, 0x01]) }
        expectCryptoError(.invalidKey, "empty") { try P256.Signing.PublicKey(derRepresentation: []) }
        expectCryptoError(.invalidKey, "trailing") { try P256.Signing.PublicKey(derRepresentation: key.derRepresentation + [0]) }
        let edKey = Ed25519.PrivateKey().publicKey
        expectCryptoError(.unsupportedKeyType, "Ed25519 SPKI") { try P256.Signing.PublicKey(derRepresentation: edKey.derRepresentation) }
        expectCryptoError(.unsupportedKeyType, "P-256 SPKI as Ed25519") { try Ed25519.PublicKey(derRepresentation: key.derRepresentation) }
        expectCryptoError(.invalidPEM, "garbage PEM") { try P256.Signing.PublicKey(pemRepresentation: "hello") }
        let wrongLabel = key.pemRepresentation.replacingOccurrences(of: "PUBLIC KEY", with: "CERTIFICATE")
        expectCryptoError(.invalidPEM, "wrong label") { try P256.Signing.PublicKey(pemRepresentation: wrongLabel) }
    }

    /// The usual SPKI (named curve, uncompressed point) is read without OpenSSL's decoder; the result must be what
    /// OpenSSL reads, an off-curve point must still be refused, and other encodings still go through OpenSSL.
    @Test func spkiDirectReadingAgreesWithOpenSSL() throws {
        for _ in 0..<20 {
            let signer = P256.Signing.PrivateKey()
            let key = signer.publicKey
            let viaOpenSSL = key.opensslDERRepresentation   // OpenSSL's own encoding of the key
            let read = try P256.Signing.PublicKey(derRepresentation: viaOpenSSL)
            #expect(read == key)
            #expect(read.isValidSignature(try signer.signature(for: [1, 2, 3]), for: [1, 2, 3]))
            guard case .p256(let parsed) = try PEMKey.parsePublicKey(pem: key.pemRepresentation) else {
                Issue.record("not P-256"); continue
            }
            #expect(parsed == key)
        }
        // Same prefix, a point that is not on the curve (x = y = 1): refused, as OpenSSL refuses it.
        let prefix = Array(P256.Signing.PrivateKey().publicKey.derRepresentation.prefix(26))
        let offCurve = prefix + [0x04] + [UInt8](repeating: 0, count: 31) + [1] + [UInt8](repeating: 0, count: 31) + [1]
        expectCryptoError(.invalidPoint, "off-curve point") { try P256.Signing.PublicKey(derRepresentation: offCurve) }
        // A compressed point in an SPKI (not the direct form): read by OpenSSL, same key.
        let key = P256.Signing.PrivateKey().publicKey
        let compressedSPKI: [UInt8] = [0x30, 0x39, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
                                       0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x22, 0x00]
            + key.compressedRepresentation
        #expect(try P256.Signing.PublicKey(derRepresentation: compressedSPKI) == key)
    }

    @Test func ecdhBothSidesAgree() throws {
        let alice = P256.KeyAgreement.PrivateKey(), bob = P256.KeyAgreement.PrivateKey()
        let ab = try alice.sharedSecret(with: bob.publicKey)
        #expect(ab.count == 32)
        #expect(ab == (try bob.sharedSecret(with: alice.publicKey)))
        #expect(ab != (try alice.sharedSecret(with: P256.KeyAgreement.PrivateKey().publicKey)))
    }

    @Test func concurrentUseOfOneKey() async throws {
        let key = P256.Signing.PrivateKey()
        let message = Array("shared".utf8)
        let results = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    guard let signature = try? key.signature(for: message) else { return false }
                    return key.publicKey.isValidSignature(signature, for: message)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16 && results.allSatisfy { $0 })
    }

    @Test func hashableByPoint() throws {
        let a = try P256.Signing.PublicKey(x: Self.rfc6979X, y: Self.rfc6979Y)
        let b = try P256.Signing.PublicKey(compressedRepresentation: a.compressedRepresentation)
        #expect(Set([a, b]).count == 1)
    }
}

/// The SubjectPublicKeyInfo built from the fixed RFC 5480 prefix equals OpenSSL's own encoding, for many keys.
@Test func p256SPKIMatchesOpenSSLEncoding() throws {
    for i in 0..<32 {
        let key = P256.Signing.PrivateKey(random: FixedRandom(SHA256.hash([UInt8(i)]) + SHA256.hash([UInt8(i), 7])))
        #expect(key.publicKey.derRepresentation == key.publicKey.opensslDERRepresentation)
        #expect(try P256.Signing.PublicKey(derRepresentation: key.publicKey.derRepresentation) == key.publicKey)
    }
}
