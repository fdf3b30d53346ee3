import Testing
@testable import PHRCrypto

@Suite("Wycheproof AES-GCM")
struct WycheproofAESGCMTests {
    /// 96-bit IV, 128-bit tag groups (128, 192 and 256-bit keys): every case through seal and open.
    /// Other IV sizes are skipped: the API only takes 12-byte nonces (the COSE/NIST recommendation).
    @Test func seal96BitNonceGroups() throws {
        let file = try WycheproofFile("aes_gcm_test.json")
        var tally = Tally()
        for group in file.groups {
            let tests = WycheproofCase.all(in: group)
            guard group["ivSize"] as? Int == 96, group["tagSize"] as? Int == 128 else {
                tally.skipped += tests.count
                continue
            }
            for test in tests {
                let key = test.hex("key"), nonce = test.hex("iv"), aad = test.hex("aad")
                let expected = test.hex("ct") + test.hex("tag")
                let sealed = try AES.GCM.seal(test.hex("msg"), key: key, nonce: nonce, authenticating: aad)
                var ok: Bool
                if test.result == "valid" {
                    ok = sealed == expected
                    ok = ok && (try? AES.GCM.open(expected, key: key, nonce: nonce, authenticating: aad)) == test.hex("msg")
                } else {
                    ok = sealed != expected
                    do {
                        _ = try AES.GCM.open(expected, key: key, nonce: nonce, authenticating: aad)
                        ok = false
                    } catch {
                        ok = ok && error.kind == .authenticationFailure
                    }
                }
                #expect(ok, "\(test.label)")
                if ok { tally.passed += 1 } else { tally.failed += 1 }
            }
        }
        tally.report("aes_gcm_test.json")
        #expect(tally.passed == 197)
        #expect(tally.skipped == file.numberOfTests - 197)
    }

    /// Non-96-bit nonces are refused up front (documented limitation), never silently accepted.
    @Test func otherNonceSizesAreRejected() throws {
        let file = try WycheproofFile("aes_gcm_test.json")
        for group in file.groups where group["ivSize"] as? Int != 96 {
            for test in WycheproofCase.all(in: group) {
                #expect(throws: CryptoError.self, "\(test.label)") {
                    try AES.GCM.seal(test.hex("msg"), key: test.hex("key"), nonce: test.hex("iv"),
                                     authenticating: test.hex("aad"))
                }
            }
        }
    }
}
