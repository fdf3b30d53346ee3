import Foundation
import PHRCard

/// Runs the decoding steps of a vector against the library and reports what happened at each step, in the same
/// shape as a vector's `expected` object.
public enum VectorRunner {
    /// One reader key to try.
    public struct ReaderInput {
        public let name: String
        public let key: ReaderPrivateKey
    }

    /// Runs: `text` (QR text → bytes), `verify`, `open_holder_code` (if a code is given), `open_reader` (each key).
    /// A step that fails stops the later ones; its value is the error code.
    public static func run(qrText: String, trusted: [TrustedIssuer], at time: Int64, holderCode: String?,
                           readers: [ReaderInput]) -> [String: Any] {
        var out: [String: Any] = [:]
        let bytes: [UInt8]
        do { bytes = try QRText.decode(qrText) } catch {
            record(error, "text", into: &out)
            return out
        }
        out["text"] = true
        let card: VerifiedCard
        do { card = try CardVerifier.verify(bytes: bytes, trusting: trusted, at: time) } catch {
            record(error, "verify", into: &out)
            return out
        }
        out["verify"] = true
        out["claims"] = ["iss": card.issuerID, "iat": card.issuedAt, "exp": card.expiresAt, "cti": card.cardID.hexString,
                         "kid": card.kid.description, "alg": card.algorithm.name]
        if let holderCode {
            out["open_holder_code"] = openResult { () throws(PHRCardError) in try card.open(holderCode: holderCode) }
        }
        if !readers.isEmpty {
            out["open_reader"] = readers.map { r -> [String: Any] in
                var result = openResult { () throws(PHRCardError) in try card.open(readerKey: r.key) }
                result["reader"] = r.name
                return result
            }
        }
        return out
    }

    private static func openResult(_ body: () throws(PHRCardError) -> OpenedCard) -> [String: Any] {
        do {
            let opened = try body()
            return ["result": true, "opened_tiers": opened.openedTiers.map(\.name),
                    "record": (try? VectorJSON.parse(opened.jsonData(prettyPrinted: false))) ?? NSNull()]
        } catch {
            var r: [String: Any] = ["result": error.code.rawValue]
            if let cause = error.underlyingCode, cause != error.code.rawValue { r["cause"] = cause }
            return r
        }
    }

    /// Records a failed step's code, and the lower-layer code that caused it when that says more.
    private static func record(_ error: PHRCardError, _ step: String, into out: inout [String: Any]) {
        out[step] = error.code.rawValue
        if let cause = error.underlyingCode, cause != error.code.rawValue { out[step + "_cause"] = cause }
    }

    /// Compares an actual run with a vector's expectations; returns human-readable differences (empty when equal).
    public static func differences(expected: [String: Any], actual: [String: Any]) -> [String] {
        var diffs: [String] = []
        for key in Set(expected.keys).union(actual.keys).sorted() {
            if let e = expected[key], let a = actual[key], jsonEqual(e, a) { continue }
            diffs.append("\(key): expected \(expected[key].map { String(describing: $0) } ?? "absent"), got \(actual[key].map { String(describing: $0) } ?? "absent")")
        }
        return diffs
    }

    /// Structural equality of JSON-like values (numbers compared by value, so 54 equals 54.0).
    public static func jsonEqual(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]):
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { jsonEqual(v, $0) } ?? false }
        case (let x as [Any], let y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { jsonEqual($0, $1) }
        case (let x as String, let y as String):
            return x == y
        case (let x as Bool, let y as Bool):
            return x == y
        case (is NSNull, is NSNull):
            return true
        default:
            guard let x = number(a), let y = number(b) else { return false }
            return x == y
        }
    }

    private static func number(_ v: Any) -> Double? {
        switch v {
        case let n as Int: Double(n)
        case let n as Int64: Double(n)
        case let n as UInt64: Double(n)
        case let n as Double: n
        case let n as NSNumber: n.doubleValue
        default: nil
        }
    }
}
