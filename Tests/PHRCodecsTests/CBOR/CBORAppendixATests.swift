import Foundation
import Testing
@testable import PHRCodecs

/// RFC 8949 Appendix A examples (cbor/test-vectors appendix_a.json).
struct CBORAppendixATests {
    struct Example: Decodable, CustomTestStringConvertible, Sendable {
        let hex: String
        let roundtrip: Bool
        let diagnostic: String?
        var testDescription: String { "hex \(hex)" }
    }

    /// The raw JSON values (the `decoded` field), by hex.
    static let decodedValues: [String: JSONValue] = {
        let data = try! Fixture.data("appendix_a.json")
        let raw = try! JSONDecoder().decode([JSONValue].self, from: data)
        var table: [String: JSONValue] = [:]
        for entry in raw {
            if let hex = entry["hex"]?.string, let decoded = entry["decoded"] { table[hex] = decoded }
        }
        return table
    }()

    static let examples: [Example] = {
        let data = try! Fixture.data("appendix_a.json")
        return try! JSONDecoder().decode([Example].self, from: data)
    }()

    /// Expected values written by hand from the diagnostic notation (and for integers JSON cannot carry exactly).
    static let handTable: [String: CBOR] = [
        "c249010000000000000000": .tagged(2, .byteString([1, 0, 0, 0, 0, 0, 0, 0, 0])),
        "3bffffffffffffffff": .negativeInt(UInt64.max),
        "c349010000000000000000": .tagged(3, .byteString([1, 0, 0, 0, 0, 0, 0, 0, 0])),
        "f97c00": .float(.infinity), "f97e00": .float(.nan), "f9fc00": .float(-.infinity),
        "fa7f800000": .float(.infinity), "fa7fc00000": .float(.nan), "faff800000": .float(-.infinity),
        "fb7ff0000000000000": .float(.infinity), "fb7ff8000000000000": .float(.nan),
        "fbfff0000000000000": .float(-.infinity),
        "f7": .undefined, "f0": .simple(16), "f8ff": .simple(255),
        "c074323031332d30332d32315432303a30343a30305a": .tagged(0, .textString("2013-03-21T20:04:00Z")),
        "c11a514b67b0": .tagged(1, .unsignedInt(1_363_896_240)),
        "c1fb41d452d9ec200000": .tagged(1, .float(1_363_896_240.5)),
        "d74401020304": .tagged(23, .byteString([1, 2, 3, 4])),
        "d818456449455446": .tagged(24, .byteString([0x64, 0x49, 0x45, 0x54, 0x46])),
        "d82076687474703a2f2f7777772e6578616d706c652e636f6d": .tagged(32, .textString("http://www.example.com")),
        "40": .byteString([]), "4401020304": .byteString([1, 2, 3, 4]),
        "a201020304": .map([.init(1, 2), .init(3, 4)]),
        "5f42010243030405ff": .byteString([1, 2, 3, 4, 5]),
        "f98000": .float(-0.0),
    ]

    /// Whether a decoded item matches a JSON value (maps compare as unordered text-keyed objects).
    static func matches(_ item: CBOR, _ json: JSONValue) -> Bool {
        switch (item, json) {
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        case let (.textString(a), .string(b)): return a == b
        case let (.unsignedInt(a), .uint(b)): return a == b
        case let (.negativeInt, .int(b)): return item.intValue == b
        case let (.float(a), .double(b)): return a == b
        case let (.float(a), .uint(b)): return a == Double(b)
        case let (.float(a), .int(b)): return a == Double(b)
        case let (.array(a), .array(b)): return a.count == b.count && zip(a, b).allSatisfy { matches($0, $1) }
        case let (.map(entries), .object(object)):
            guard entries.count == object.count else { return false }
            return entries.allSatisfy { entry in
                guard let key = entry.key.stringValue, let expected = object[key] else { return false }
                return matches(entry.value, expected)
            }
        default: return false
        }
    }

    /// Valid in RFC 7049 but not well-formed in RFC 8949 §3.3 (simple values below 32 in two bytes);
    /// RFC 8949 Appendix A dropped this example.
    static let rfc7049Only: Set<String> = ["f818"]

    @Test("Appendix A example decodes (lenient) to the stated value", arguments: examples)
    func decodesToStatedValue(_ example: Example) throws {
        if Self.rfc7049Only.contains(example.hex) {
            expectCBORError(hexBytes(example.hex), .lenient, .invalidSimpleValue, 0)
            return
        }
        let item = try CBOR.decode(hexBytes(example.hex), options: .lenient)
        if let expected = Self.handTable[example.hex] {
            #expect(item == expected, "hex \(example.hex)")
        } else {
            #expect(example.diagnostic == nil, "diagnostic example without a hand-written value: \(example.hex)")
            let json = try #require(Self.decodedValues[example.hex])
            #expect(Self.matches(item, json), "hex \(example.hex) decoded to \(item)")
        }
    }

    @Test("Appendix A round-trip examples re-encode to the same bytes and pass strict decoding",
          arguments: examples.filter { $0.roundtrip && !rfc7049Only.contains($0.hex) })
    func roundTrips(_ example: Example) throws {
        let bytes = hexBytes(example.hex)
        let item = try CBOR.decode(bytes, options: .strict)
        #expect(hexString(item.encoded()) == example.hex)
    }

    @Test("Appendix A non-round-trip examples are rejected in strict mode and re-encode to a strict-valid form",
          arguments: examples.filter { !$0.roundtrip })
    func nonRoundTripRejectedStrict(_ example: Example) throws {
        let bytes = hexBytes(example.hex)
        let item = try CBOR.decode(bytes, options: .lenient)
        #expect(throws: CBORError.self) { try CBOR.decode(bytes, options: .strict) }
        let reencoded = item.encoded()
        #expect(reencoded != bytes)
        // Same data item: strict decoding accepts the re-encoding and it re-encodes to itself (maps may reorder).
        #expect(try CBOR.decode(reencoded, options: .strict).encoded() == reencoded)
    }

    @Test func indefiniteExamplesFailWithIndefiniteLength() {
        // The first indefinite-length head in each of these is at the given offset.
        let cases: [(String, Int)] = [("5f42010243030405ff", 0), ("9fff", 0), ("83018202039f0405ff", 5),
                                      ("83019f0203ff820405", 2), ("826161bf61626163ff", 3)]
        for (hex, offset) in cases {
            expectCBORError(hexBytes(hex), .strict, .indefiniteLength, offset)
        }
    }
}
