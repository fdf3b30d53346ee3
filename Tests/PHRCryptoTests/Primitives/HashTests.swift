import Testing
@testable import PHRCrypto

@Suite("SHA-256 and HMAC-SHA-256")
struct HashTests {
    @Test func sha256KnownAnswers() {
        // FIPS 180-2 appendix B.1 ("abc") and the empty string.
        #expect(SHA256.hash(Array("abc".utf8))
                == Hex.decode("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        #expect(SHA256.hash([]) == Hex.decode("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
    }

    @Test func hmacRFC4231() {
        // RFC 4231 test cases 1 and 2.
        #expect(HMACSHA256.authenticationCode(for: Array("Hi There".utf8), key: [UInt8](repeating: 0x0b, count: 20))
                == Hex.decode("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"))
        #expect(HMACSHA256.authenticationCode(for: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
                == Hex.decode("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"))
    }

    @Test func hmacEmptyKeyAndMessage() {
        #expect(HMACSHA256.authenticationCode(for: [], key: [])
                == Hex.decode("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"))
    }
}

@Suite("ConstantTime")
struct ConstantTimeTests {
    @Test func equalAndUnequal() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(ConstantTime.equals([], []))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([0x80, 2, 3], [0, 2, 3]))
    }

    @Test func differentLengthsAreUnequal() {
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
        #expect(!ConstantTime.equals([1, 2], [1, 2, 3]))
    }
}

@Suite("Randomness")
struct RandomTests {
    @Test func fixedRandomHandsOutBytesInOrder() {
        let random = FixedRandom([1, 2, 3, 4, 5])
        #expect(random.bytes(2) == [1, 2])
        #expect(random.bytes(0) == [])
        #expect(random.bytes(3) == [3, 4, 5])
    }

    @Test func systemRandomReturnsRequestedCount() {
        let random = SystemRandom()
        #expect(random.bytes(0).isEmpty)
        let a = random.bytes(32), b = random.bytes(32)
        #expect(a.count == 32 && b.count == 32)
        #expect(a != b)  // a collision has probability 2^-256
    }
}

@Suite("CryptoError")
struct CryptoErrorTests {
    @Test func codesAreStableAndDotted() {
        #expect(CryptoError(.invalidPoint, "x").code == "crypto.invalid-point")
        #expect(CryptoError(.authenticationFailure, "x").code == "crypto.authentication-failure")
        #expect(CryptoError(.libcrypto, "boom").description == "crypto.libcrypto: boom")
    }
}
