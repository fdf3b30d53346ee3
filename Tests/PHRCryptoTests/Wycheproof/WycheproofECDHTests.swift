import Testing
@testable import PHRCrypto

@Suite("Wycheproof ECDH P-256 (SEC1 points)")
struct WycheproofECDHTests {
    /// Wycheproof private keys are minimal-length big-endian integers (sometimes with a 00 sign byte).
    static func scalar32(_ bytes: [UInt8]) -> [UInt8] {
        let trimmed = Array(bytes.drop(while: { $0 == 0 }))
        return trimmed.count >= 32 ? trimmed : [UInt8](repeating: 0, count: 32 - trimmed.count) + trimmed
    }

    static func publicKey(_ encoding: [UInt8]) throws(CryptoError) -> P256.KeyAgreement.PublicKey {
        switch encoding.first {
        case 0x02, 0x03: return try P256.KeyAgreement.PublicKey(compressedRepresentation: encoding)
        default: return try P256.KeyAgreement.PublicKey(x963Representation: encoding)
        }
    }

    /// Valid and acceptable (compressed point, tcId 2: we accept compressed points) cases must give the
    /// published shared secret; invalid ones must throw, all of them at point decoding (.invalidPoint).
    @Test func everyCase() throws {
        let file = try WycheproofFile("ecdh_secp256r1_ecpoint_test.json")
        var tally = Tally()
        var acceptedAcceptable: [Int] = []
        for group in file.groups {
            for test in WycheproofCase.all(in: group) {
                let privateKey = try P256.KeyAgreement.PrivateKey(rawRepresentation: Self.scalar32(test.hex("private")))
                do {
                    let peer = try Self.publicKey(test.hex("public"))
                    let shared = try privateKey.sharedSecret(with: peer)
                    let ok = test.result != "invalid" && shared == test.hex("shared")
                    #expect(ok, "\(test.label): expected \(test.result == "invalid" ? "rejection" : "shared secret")")
                    if ok { tally.passed += 1 } else { tally.failed += 1 }
                    if test.result == "acceptable" { acceptedAcceptable.append(test.tcId) }
                } catch {
                    let ok = test.result == "invalid" && error.kind == .invalidPoint
                    #expect(ok, "\(test.label): unexpected \(error)")
                    if ok { tally.passed += 1 } else { tally.failed += 1 }
                }
            }
        }
        tally.report("ecdh_secp256r1_ecpoint_test.json")
        print("[ecdh_secp256r1_ecpoint_test.json] acceptable cases accepted: \(acceptedAcceptable)")
        #expect(tally.passed == file.numberOfTests)
    }
}
