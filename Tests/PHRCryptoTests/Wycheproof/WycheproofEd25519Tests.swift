import Testing
@testable import PHRCrypto

@Suite("Wycheproof Ed25519")
struct WycheproofEd25519Tests {
    /// Every case: valid accepted, invalid rejected; each group's key also round-trips through SPKI DER/PEM.
    @Test func everyCase() throws {
        let file = try WycheproofFile("ed25519_test.json")
        var tally = Tally()
        for group in file.groups {
            let publicKeyInfo = try #require(group["publicKey"] as? [String: Any])
            let key = try Ed25519.PublicKey(rawRepresentation: Hex.decode(try #require(publicKeyInfo["pk"] as? String)))
            let der = Hex.decode(try #require(group["publicKeyDer"] as? String))
            #expect(key.derRepresentation == der)
            #expect(try Ed25519.PublicKey(derRepresentation: der) == key)
            #expect(try Ed25519.PublicKey(pemRepresentation: try #require(group["publicKeyPem"] as? String)) == key)
            for test in WycheproofCase.all(in: group) {
                let accepted = key.isValidSignature(test.hex("sig"), for: test.hex("msg"))
                let ok: Bool
                switch test.result {
                case "valid": ok = accepted
                case "invalid": ok = !accepted
                default: tally.skipped += 1; continue
                }
                #expect(ok, "\(test.label): accepted=\(accepted)")
                if ok { tally.passed += 1 } else { tally.failed += 1 }
            }
        }
        tally.report("ed25519_test.json")
        #expect(tally.passed == file.numberOfTests)
    }
}
