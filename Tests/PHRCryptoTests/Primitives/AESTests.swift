import Testing
@testable import PHRCrypto

/// Asserts that `body` throws a CryptoError of `kind`.
func expectCryptoError<T>(
    _ kind: CryptoError.Kind, _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) {
    do {
        _ = try body()
        Issue.record("expected \(kind.rawValue) but succeeded \(label)", sourceLocation: sourceLocation)
    } catch let error as CryptoError {
        #expect(error.kind == kind, "\(label): \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error type \(error) \(label)", sourceLocation: sourceLocation)
    }
}

@Suite("AES-GCM and key wrap")
struct AESTests {
    let key = [UInt8](repeating: 0x42, count: 32)
    let nonce = [UInt8](repeating: 7, count: 12)

    @Test func gcmRoundTripAndEmptyPlaintext() throws {
        for plaintext in [[], Array("health record".utf8)] as [[UInt8]] {
            let sealed = try AES.GCM.seal(plaintext, key: key, nonce: nonce, authenticating: [1, 2])
            #expect(sealed.count == plaintext.count + 16)
            #expect(try AES.GCM.open(sealed, key: key, nonce: nonce, authenticating: [1, 2]) == plaintext)
        }
    }

    @Test func gcmDetectsTampering() throws {
        let sealed = try AES.GCM.seal(Array("abc".utf8), key: key, nonce: nonce, authenticating: [9])
        var flipped = sealed
        flipped[0] ^= 1
        expectCryptoError(.authenticationFailure, "ciphertext") { try AES.GCM.open(flipped, key: key, nonce: nonce, authenticating: [9]) }
        var badTag = sealed
        badTag[badTag.count - 1] ^= 0x80
        expectCryptoError(.authenticationFailure, "tag") { try AES.GCM.open(badTag, key: key, nonce: nonce, authenticating: [9]) }
        expectCryptoError(.authenticationFailure, "aad") { try AES.GCM.open(sealed, key: key, nonce: nonce, authenticating: [8]) }
        var otherKey = key
        otherKey[0] ^= 1
        expectCryptoError(.authenticationFailure, "key") { try AES.GCM.open(sealed, key: otherKey, nonce: nonce, authenticating: [9]) }
        expectCryptoError(.authenticationFailure, "short") { try AES.GCM.open(Array(sealed.prefix(15)), key: key, nonce: nonce, authenticating: [9]) }
    }

    @Test func gcmRejectsBadKeyAndNonceLengths() {
        expectCryptoError(.invalidKey, "key 15") { try AES.GCM.seal([], key: [UInt8](repeating: 0, count: 15), nonce: nonce, authenticating: []) }
        expectCryptoError(.invalidKey, "key 0") { try AES.GCM.open([UInt8](repeating: 0, count: 16), key: [], nonce: nonce, authenticating: []) }
        expectCryptoError(.invalidParameter, "nonce 16") { try AES.GCM.seal([], key: key, nonce: [UInt8](repeating: 0, count: 16), authenticating: []) }
        expectCryptoError(.invalidParameter, "nonce 0") { try AES.GCM.open([UInt8](repeating: 0, count: 16), key: key, nonce: [], authenticating: []) }
    }

    @Test func keyWrapRFC3394() throws {
        // RFC 3394 §4.1 (128-bit KEK) and §4.6 (256-bit key data, 256-bit KEK).
        let kek128 = Hex.decode("000102030405060708090a0b0c0d0e0f")
        let data128 = Hex.decode("00112233445566778899aabbccddeeff")
        let wrapped128 = Hex.decode("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5")
        #expect(try AES.KeyWrap.wrap(data128, using: kek128) == wrapped128)
        #expect(try AES.KeyWrap.unwrap(wrapped128, using: kek128) == data128)
        let kek256 = Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
        let data256 = Hex.decode("00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f")
        let wrapped256 = Hex.decode("28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21")
        #expect(try AES.KeyWrap.wrap(data256, using: kek256) == wrapped256)
        #expect(try AES.KeyWrap.unwrap(wrapped256, using: kek256) == data256)
    }

    @Test func keyWrapErrors() throws {
        let kek = [UInt8](repeating: 1, count: 16)
        expectCryptoError(.invalidKey, "kek 20") { try AES.KeyWrap.wrap([UInt8](repeating: 0, count: 16), using: [UInt8](repeating: 0, count: 20)) }
        expectCryptoError(.invalidKey, "unwrap kek 0") { try AES.KeyWrap.unwrap([UInt8](repeating: 0, count: 24), using: []) }
        expectCryptoError(.invalidParameter, "8-byte key") { try AES.KeyWrap.wrap([UInt8](repeating: 0, count: 8), using: kek) }
        expectCryptoError(.invalidParameter, "17-byte key") { try AES.KeyWrap.wrap([UInt8](repeating: 0, count: 17), using: kek) }
        expectCryptoError(.unwrapFailure, "16-byte wrapped") { try AES.KeyWrap.unwrap([UInt8](repeating: 0, count: 16), using: kek) }
        expectCryptoError(.unwrapFailure, "25-byte wrapped") { try AES.KeyWrap.unwrap([UInt8](repeating: 0, count: 25), using: kek) }
        let wrapped = try AES.KeyWrap.wrap([UInt8](repeating: 5, count: 32), using: kek)
        expectCryptoError(.unwrapFailure, "wrong kek") { try AES.KeyWrap.unwrap(wrapped, using: [UInt8](repeating: 2, count: 16)) }
    }
}
