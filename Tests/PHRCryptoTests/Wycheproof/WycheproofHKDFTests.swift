import Testing
@testable import PHRCrypto

@Suite("Wycheproof HKDF-SHA-256")
struct WycheproofHKDFTests {
    /// Every case: valid outputs match; invalid ones (output longer than 255*32) throw .invalidParameter.
    @Test func everyCase() throws {
        let file = try WycheproofFile("hkdf_sha256_test.json")
        var tally = Tally()
        for group in file.groups {
            for test in WycheproofCase.all(in: group) {
                let ok: Bool
                do {
                    let okm = try HKDFSHA256.deriveKey(inputKeyMaterial: test.hex("ikm"), salt: test.hex("salt"),
                                                       info: test.hex("info"), outputByteCount: test.int("size"))
                    ok = test.result == "valid" && okm == test.hex("okm")
                } catch {
                    ok = test.result == "invalid" && error.kind == .invalidParameter
                }
                #expect(ok, "\(test.label)")
                if ok { tally.passed += 1 } else { tally.failed += 1 }
            }
        }
        tally.report("hkdf_sha256_test.json")
        #expect(tally.passed == file.numberOfTests)
    }
}
