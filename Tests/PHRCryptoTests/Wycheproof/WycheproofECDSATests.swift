import Testing
@testable import PHRCrypto

@Suite("Wycheproof ECDSA P-256 SHA-256")
struct WycheproofECDSATests {
    /// Every P1363 (raw r||s) case: valid accepted, invalid rejected. The file has no "acceptable" cases;
    /// if one appeared it would be counted as skipped (either outcome allowed).
    @Test func p1363Signatures() throws {
        let file = try WycheproofFile("ecdsa_secp256r1_sha256_p1363_test.json")
        var tally = Tally()
        for group in file.groups {
            let publicKeyInfo = try #require(group["publicKey"] as? [String: Any])
            let uncompressed = Hex.decode(try #require(publicKeyInfo["uncompressed"] as? String))
            let key = try P256.Signing.PublicKey(x963Representation: uncompressed)
            let der = Hex.decode(try #require(group["publicKeyDer"] as? String))
            #expect(try P256.Signing.PublicKey(derRepresentation: der) == key)
            #expect(key.derRepresentation == der)
            let pem = try #require(group["publicKeyPem"] as? String)
            #expect(try P256.Signing.PublicKey(pemRepresentation: pem) == key)
            for test in WycheproofCase.all(in: group) {
                let accepted = key.isValidSignature(test.hex("sig"), for: test.hex("msg"))
                switch test.result {
                case "valid": #expect(accepted, "\(test.label) should verify")
                case "invalid": #expect(!accepted, "\(test.label) should be rejected")
                default: tally.skipped += 1; continue
                }
                if accepted == (test.result == "valid") { tally.passed += 1 } else { tally.failed += 1 }
            }
        }
        tally.report("ecdsa_secp256r1_sha256_p1363_test.json")
        #expect(tally.passed == file.numberOfTests)
    }

    /// The DER file: raw signatures only are accepted, so every DER signature (valid or not) must be rejected.
    @Test func derSignaturesAreAlwaysRejected() throws {
        let file = try WycheproofFile("ecdsa_secp256r1_sha256_test.json")
        var rejected = 0
        for group in file.groups {
            let publicKeyInfo = try #require(group["publicKey"] as? [String: Any])
            let key = try P256.Signing.PublicKey(
                x963Representation: Hex.decode(try #require(publicKeyInfo["uncompressed"] as? String)))
            for test in WycheproofCase.all(in: group) {
                let accepted = key.isValidSignature(test.hex("sig"), for: test.hex("msg"))
                #expect(!accepted, "\(test.label): DER signature must be rejected by the raw-only verifier")
                if !accepted { rejected += 1 }
            }
        }
        print("[ecdsa_secp256r1_sha256_test.json] DER signatures rejected \(rejected) of \(file.numberOfTests)")
        #expect(rejected == file.numberOfTests)
    }
}
