import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// spec/format.md §3: issuers write ES256 signatures in low-S form; (r, n − s) also verifies mathematically, which is
/// why verifiers reject it by rule (`cose.high-s`, vector `invalid-cose-high-s`).
@Suite struct LowSSignatureTests {
    /// ⌊n/2⌋ of P-256, from the spec text, big-endian.
    static let halfOrder = hex("7FFFFFFF800000007FFFFFFFFFFFFFFFDE737D56D38BCF4279DCE5617E3192A8")
    static let order = hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")

    static func hex(_ s: String) -> [UInt8] {
        stride(from: 0, to: s.count, by: 2).map { UInt8(s.dropFirst($0).prefix(2), radix: 16)! }
    }

    /// n − s, computed here independently of the library.
    static func twin(_ sig: [UInt8]) -> [UInt8] {
        var s = [UInt8](repeating: 0, count: 32), borrow = 0
        for i in (0..<32).reversed() {
            var d = Int(order[i]) - Int(sig[32 + i]) - borrow
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 256 }
            s[i] = UInt8(d)
        }
        return Array(sig[..<32]) + s
    }

    @Test func issuerSignaturesAreLowSAndTheirTwinsVerifyButAreHigh() throws {
        let key = CardTestKeys.issuer
        var sawNormalised = false
        for i in 0..<200 {
            let message = Array("message \(i)".utf8)
            let sig = try key.signature(for: message)
            #expect(sig.count == 64)
            #expect(!Self.halfOrder.lexicographicallyPrecedes(sig[32...]), "signature \(i) is high-S")
            #expect(key.publicKey.isValidSignature(sig, for: message))
            let high = Self.twin(sig)
            #expect(key.publicKey.isValidSignature(high, for: message), "the twin of signature \(i) must verify")
            #expect(ECDSALowS.isHighS(high))
            if ECDSALowS.normalize(high) == sig { sawNormalised = true }
        }
        #expect(sawNormalised)
    }
}
