import Testing
@testable import PHRCrypto

@Suite("scrypt and HKDF")
struct KDFTests {
    @Test func scryptRFC7914EmptyInputs() throws {
        // RFC 7914 §12, first vector.
        let key = try Scrypt.deriveKey(password: [], salt: [], n: 16, r: 1, p: 1, outputByteCount: 64)
        #expect(key == Hex.decode("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                                  + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"))
    }

    @Test func scryptRFC7914PasswordNaCl() throws {
        // RFC 7914 §12, second vector (needs 16 MiB: explicit maxmem).
        let key = try Scrypt.deriveKey(password: Array("password".utf8), salt: Array("NaCl".utf8),
                                       n: 1024, r: 8, p: 16, outputByteCount: 64)
        #expect(key == Hex.decode("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                                  + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"))
    }

    @Test(arguments: [
        (UInt64(0), UInt64(1), UInt64(1), 32),
        (1, 1, 1, 32),
        (1000, 1, 1, 32),
        (16, 0, 1, 32),
        (16, 1, 0, 32),
        (16, 1, 1, 0),
        (1 << 40, 8, 1, 32),
        (16, 1 << 20, 1 << 11, 32),
    ])
    func scryptRejectsBadParameters(n: UInt64, r: UInt64, p: UInt64, length: Int) {
        expectCryptoError(.invalidParameter, "N=\(n) r=\(r) p=\(p) length=\(length)") {
            try Scrypt.deriveKey(password: [], salt: [], n: n, r: r, p: p, outputByteCount: length)
        }
    }

    @Test func hkdfRejectsBadLengths() {
        for length in [0, -1, 255 * 32 + 1] {
            do {
                _ = try HKDFSHA256.deriveKey(inputKeyMaterial: [1], salt: [], info: [], outputByteCount: length)
                Issue.record("length \(length) accepted")
            } catch {
                #expect(error.kind == .invalidParameter, "length \(length)")
            }
        }
    }

    @Test func hkdfMaximumLength() throws {
        let okm = try HKDFSHA256.deriveKey(inputKeyMaterial: [1], salt: [], info: [], outputByteCount: 255 * 32)
        #expect(okm.count == 8160)
    }
}
