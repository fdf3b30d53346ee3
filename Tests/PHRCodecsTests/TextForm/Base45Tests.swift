import Foundation
import Testing
@testable import PHRCodecs

func expectBase45Error(_ text: String, _ kind: Base45Error.Kind, _ offset: Int,
                       sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let bytes = try Base45.decode(text)
        Issue.record("expected \(kind) at \(offset), decoded \(bytes)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.offset == offset, "\(error)", sourceLocation: sourceLocation)
        #expect(error.code == "base45." + kind.rawValue, sourceLocation: sourceLocation)
    }
}

struct Base45Tests {
    struct Vectors: Decodable {
        struct Case: Decodable { let name: String; let encoded: String; let decoded_hex: String? }
        let encode: [Case]
        let decode: [Case]
        let decode_invalid: [Case]
    }

    static func vectors() throws -> Vectors {
        try JSONDecoder().decode(Vectors.self, from: Fixture.data("rfc9285-examples.json"))
    }

    @Test func rfc9285Examples() throws {
        let vectors = try Self.vectors()
        #expect(vectors.encode.count == 3 && vectors.decode.count == 2 && vectors.decode_invalid.count == 1)
        for c in vectors.encode {
            let bytes = hexBytes(try #require(c.decoded_hex))
            #expect(Base45.encode(bytes) == c.encoded, "\(c.name)")
            #expect(try Base45.decode(c.encoded) == bytes, "\(c.name)")
        }
        for c in vectors.decode {
            #expect(try Base45.decode(c.encoded) == hexBytes(try #require(c.decoded_hex)), "\(c.name)")
        }
        for c in vectors.decode_invalid {
            expectBase45Error(c.encoded, .overflow, 0)
        }
    }

    @Test func roundTripsAndLengths() throws {
        var rng = SplitMix64(state: 45)
        for count in 0...50 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = Base45.encode(bytes)
            #expect(text.count == count / 2 * 3 + count % 2 * 2)
            #expect(try Base45.decode(text) == bytes)
        }
        #expect(Base45.encode([0xFF]) == "U5")      // 255 = 30 + 5 * 45 → "U", "5"
        #expect(Base45.encode([0xFF, 0xFF]) == "FGW")
        #expect(Base45.encode([0, 0]) == "000")
        #expect(try Base45.decode("") == [])
    }

    @Test func errors() {
        expectBase45Error("bb8", .invalidCharacter, 0)       // lowercase is not in the alphabet
        expectBase45Error("BB8_", .invalidCharacter, 3)
        expectBase45Error("BBÄ", .invalidCharacter, 2)
        expectBase45Error("BB8A", .badLength, 4)
        expectBase45Error("A", .badLength, 1)
        expectBase45Error("GGW", .overflow, 0)
        expectBase45Error("BB8::", .overflow, 3)             // final pair 44 + 44 * 45 = 2024 > 255
        expectBase45Error("V5", .overflow, 0)                // 31 + 5 * 45 = 256
        #expect(Base45Error(.overflow, offset: 3, "x").description == "base45.overflow at index 3: x")
    }
}
