import Testing
@testable import PHRCodecs

/// Encoder behaviour, accessors and literals, checked against hand-computed bytes.
struct CBOREncodingTests {
    @Test func integersUseShortestForm() {
        let cases: [(CBOR, String)] = [
            (0, "00"), (23, "17"), (24, "1818"), (255, "18ff"), (256, "190100"), (65535, "19ffff"),
            (65536, "1a00010000"), (.unsignedInt(0xFFFF_FFFF), "1affffffff"),
            (.unsignedInt(0x1_0000_0000), "1b0000000100000000"), (-1, "20"), (-24, "37"), (-25, "3818"),
            (-256, "38ff"), (-257, "390100"), (.int(Int64.min), "3b7fffffffffffffff"),
        ]
        for (item, hex) in cases { #expect(hexString(item.encoded()) == hex, "\(item)") }
    }

    @Test func floatsUseShortestExactForm() {
        let cases: [(Double, String)] = [
            (0.0, "f90000"), (-0.0, "f98000"), (1.0, "f93c00"), (65504.0, "f97bff"), (65505.0, "fa477fe100"),
            (0.1, "fb3fb999999999999a"), (Double(Float(0.1)), "fa3dcccccd"), (.nan, "f97e00"),
            (-.nan, "f97e00"), (.infinity, "f97c00"), (5.960464477539063e-8, "f90001"),
            (Double(Float.leastNonzeroMagnitude), "fa00000001"), (Double.leastNonzeroMagnitude, "fb0000000000000001"),
        ]
        for (value, hex) in cases { #expect(hexString(CBOR.float(value).encoded()) == hex, "\(value)") }
    }

    @Test func mapKeysAreSortedBytewiseByEncoding() throws {
        // Encoded keys: 10 → 0a, 100 → 1864, -1 → 20, "z" → 617a, "aa" → 626161, [100] → 811864, false → f4.
        let map = CBOR.map([(false, 1), ("aa", 2), (100, 3), ("z", 4), (-1, 5), (10, 6), ([100], 7)])
        #expect(hexString(map.encoded()) == "a7" + "0a06" + "186403" + "2005" + "617a04" + "62616102" + "81186407"
                + "f401")
        let decoded = try CBOR.decode(map.encoded())
        #expect(decoded.mapEntries?.map(\.key) == [10, 100, -1, "z", "aa", [100], false])
        #expect(decoded[100] == 3)
    }

    @Test func tagsRoundTrip() throws {
        let content: CBOR = .array([.byteString([0xA1, 0x01, 0x26]), .map([]), .byteString([1, 2]), .byteString([])])
        let expectedHeads = [18: "d2", 96: "d860", 61: "d83d", 100: "d864", 1004: "d903ec"]
        for tag: UInt64 in [18, 96, 61, 100, 1004] {
            let item = CBOR.tagged(tag, content)
            let bytes = item.encoded()
            #expect(hexString(bytes) == expectedHeads[Int(tag)]! + "84" + "43a10126" + "a0" + "420102" + "40")
            #expect(try CBOR.decode(bytes) == item)
        }
        #expect(try CBOR.decode(hexBytes("d903ec6a323032302d30312d3031"))
                == .tagged(1004, "2020-01-01"))
    }

    @Test func simpleValuesAndTextEncode() {
        #expect(CBOR.simple(16).encoded() == [0xF0])
        #expect(CBOR.simple(32).encoded() == [0xF8, 0x20])
        #expect(CBOR.null.encoded() == [0xF6])
        #expect(CBOR.undefined.encoded() == [0xF7])
        #expect(CBOR(booleanLiteral: true).encoded() == [0xF5])
        #expect(hexString(CBOR("ü").encoded()) == "62c3bc")
        #expect(hexString(CBOR.byteString([UInt8](repeating: 0, count: 24)).encoded().prefix(2).map { $0 })
                == "5818")
    }

    @Test func accessors() {
        let item: CBOR = .map([(1, "one"), ("b", .byteString([9])), (-2, [1, 2])])
        #expect(item[1]?.stringValue == "one")
        #expect(item["b"]?.bytesValue == [9])
        #expect(item[-2]?.arrayValue == [1, 2])
        #expect(item[Int64(7)] == nil)
        #expect(CBOR.int(5)[Int64(1)] == nil)
        #expect(item.mapEntries?.count == 3)
        #expect(CBOR.int(-1) == .negativeInt(0))
        #expect(CBOR.int(Int64.max).intValue == Int64.max)
        #expect(CBOR.int(Int64.min).intValue == Int64.min)
        #expect(CBOR.unsignedInt(UInt64(Int64.max) + 1).intValue == nil)
        #expect(CBOR.negativeInt(UInt64(Int64.max) + 1).intValue == nil)
        #expect(CBOR.unsignedInt(UInt64.max).uint64Value == UInt64.max)
        #expect(CBOR.negativeInt(3).uint64Value == nil)
        #expect(CBOR.textString("x").bytesValue == nil)
        #expect(CBOR.float(1).intValue == nil)
    }

    @Test func equalityComparesDataItems() {
        #expect(CBOR.float(.nan) == CBOR.float(.nan))
        #expect(CBOR.float(0.0) != CBOR.float(-0.0))
        #expect(Set<CBOR>([.float(.nan), .float(-.nan)]).count == 1)
        #expect(CBOR.unsignedInt(1) != CBOR.float(1))
    }
}
