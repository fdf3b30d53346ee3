import Foundation

/// Helpers shared by the codec tests.
enum Fixture {
    /// Bytes of a file in the test bundle's `Fixtures/` folder.
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
            throw FixtureError(name: name)
        }
        return try Data(contentsOf: url)
    }

    struct FixtureError: Error { let name: String }
}

/// Parses lowercase/uppercase hex (spaces allowed) into bytes; test-only, traps on bad input.
func hexBytes(_ hex: String) -> [UInt8] {
    let clean = hex.filter { !$0.isWhitespace }
    precondition(clean.count % 2 == 0, "odd hex")
    var out: [UInt8] = []
    var index = clean.startIndex
    while index < clean.endIndex {
        let next = clean.index(index, offsetBy: 2)
        out.append(UInt8(clean[index..<next], radix: 16)!)
        index = next
    }
    return out
}

/// Lowercase hex of bytes.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}

/// A JSON value decoded without losing integer precision where it fits 64 bits.
indirect enum JSONValue: Decodable, Sendable {
    case bool(Bool), uint(UInt64), int(Int64), double(Double), string(String), array([JSONValue])
    case object([String: JSONValue]), null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let u = try? c.decode(UInt64.self) { self = .uint(u); return }
        if let i = try? c.decode(Int64.self) { self = .int(i); return }
        if let d = try? c.decode(Double.self) { self = .double(d); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        self = .object(try c.decode([String: JSONValue].self))
    }

    var string: String? { if case .string(let s) = self { return s }; return nil }
    var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    subscript(_ key: String) -> JSONValue? { if case .object(let o) = self { return o[key] }; return nil }
}
