import Testing
@testable import PHRCodecs

/// A deterministic pseudo-random generator (SplitMix64) so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Independent reference: converts a big-endian byte group to decimal by repeated long division of the bytes
/// by 10 (no 64-bit arithmetic), then left-pads to `width`.
func referenceDecimal(_ group: [UInt8], width: Int) -> String {
    var number = group
    var digits: [Character] = []
    while number.contains(where: { $0 != 0 }) {
        var remainder = 0
        for i in number.indices {
            let current = remainder * 256 + Int(number[i])
            number[i] = UInt8(current / 10)
            remainder = current % 10
        }
        digits.append(Character(String(remainder)))
    }
    let text = String(digits.reversed())
    return String(repeating: "0", count: width - text.count) + text
}

func referenceEncode(_ bytes: [UInt8]) -> String {
    let widths = [0, 3, 5, 8, 10, 13, 15, 17]
    var out = ""
    var index = 0
    while index < bytes.count {
        let k = min(7, bytes.count - index)
        out += referenceDecimal(Array(bytes[index..<(index + k)]), width: widths[k])
        index += k
    }
    return out
}

func expectNumericError(_ text: String, _ kind: NumericTextError.Kind, _ offset: Int,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let bytes = try NumericText.decode(text)
        Issue.record("expected \(kind) at \(offset), decoded \(bytes)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.offset == offset, "\(error)", sourceLocation: sourceLocation)
        #expect(error.code == "text." + kind.rawValue, sourceLocation: sourceLocation)
    }
}

struct NumericTextTests {
    /// Hand-computed: the largest k-byte values, k = 1...7.
    static let maxima = ["255", "65535", "16777215", "4294967295", "1099511627775", "281474976710655",
                         "72057594037927935"]
    /// Hand-computed: the largest k-byte values plus one, padded to the group's width.
    static let overflows = ["256", "65536", "16777216", "4294967296", "1099511627776", "281474976710656",
                            "72057594037927936"]

    @Test func allOnesGroupsMatchHandComputedStrings() throws {
        for k in 1...7 {
            let bytes = [UInt8](repeating: 0xFF, count: k)
            #expect(NumericText.encode(bytes) == Self.maxima[k - 1])
            #expect(try NumericText.decode(Self.maxima[k - 1]) == bytes)
        }
        #expect(NumericText.encode([0x01]) == "001")
        #expect(NumericText.encode([0, 0, 0, 0, 0, 0, 1, 0xFF]) == "00000000000000001" + "255")
    }

    @Test func byteCounts0to30MatchReferenceAndRoundTrip() throws {
        var rng = SplitMix64(state: 0x5048_5243_6172_6421)
        for count in 0...30 {
            let inputs: [[UInt8]] = [
                [UInt8](repeating: 0, count: count),
                [UInt8](repeating: 0xFF, count: count),
                (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) },
            ]
            for bytes in inputs {
                let text = NumericText.encode(bytes)
                #expect(text == referenceEncode(bytes), "count \(count)")
                #expect(text.count == NumericText.digitCount(forByteCount: count))
                #expect(try NumericText.decode(text) == bytes, "count \(count)")
                #expect(try NumericText.decode(Substring("x" + text).dropFirst()) == bytes)
            }
        }
    }

    @Test func digitCounts() {
        let expected = [0, 3, 5, 8, 10, 13, 15, 17, 20, 22]
        for (count, digits) in expected.enumerated() { #expect(NumericText.digitCount(forByteCount: count) == digits) }
        #expect(NumericText.digitCount(forByteCount: 70) == 170)
    }

    @Test func everyTotalLengthUpTo200() throws {
        let validRemainders: [Int: Int] = [0: 0, 3: 1, 5: 2, 8: 3, 10: 4, 13: 5, 15: 6]
        for length in 0...200 {
            let text = String(repeating: "0", count: length)
            if let lastBytes = validRemainders[length % 17] {
                let bytes = try NumericText.decode(text)
                #expect(bytes == [UInt8](repeating: 0, count: (length / 17) * 7 + lastBytes), "length \(length)")
            } else {
                expectNumericError(text, .badLength, length)
            }
        }
    }

    @Test func groupMaximaAndOverflowInEveryPosition() throws {
        let fullGroup = "00000000000000001"     // 7 bytes: 00 .. 00 01
        for k in 1...7 {
            #expect(try NumericText.decode(Self.maxima[k - 1]) == [UInt8](repeating: 0xFF, count: k))
            expectNumericError(Self.overflows[k - 1], .groupOverflow, 0)
            // As the second group, after one full group.
            #expect(try NumericText.decode(fullGroup + Self.maxima[k - 1])
                    == [0, 0, 0, 0, 0, 0, 1] + [UInt8](repeating: 0xFF, count: k))
            expectNumericError(fullGroup + Self.overflows[k - 1], .groupOverflow, 17)
            // All nines.
            expectNumericError(String(repeating: "9", count: Self.maxima[k - 1].count), .groupOverflow, 0)
        }
        // A bad full group before a good final group: the error names group 0.
        do {
            _ = try NumericText.decode(Self.overflows[6] + "255")
            Issue.record("expected overflow")
        } catch {
            #expect(error.message.contains("group 0"))
        }
        do {
            _ = try NumericText.decode(fullGroup + fullGroup + "256")
            Issue.record("expected overflow")
        } catch {
            #expect(error.offset == 34)
            #expect(error.message.contains("group 2"))
        }
    }

    @Test func nonDigitsAreRejectedWithTheirIndex() {
        expectNumericError("12a", .nonDigit, 2)
        expectNumericError(" 255", .nonDigit, 0)
        expectNumericError("25\u{FF15}", .nonDigit, 2)      // fullwidth digit five
        expectNumericError("2\u{0663}5", .nonDigit, 1)      // Arabic-Indic digit three
        expectNumericError("255\n", .nonDigit, 3)
        expectNumericError("-25", .nonDigit, 0)
        // Non-digits are reported before the length is judged.
        expectNumericError("1x", .nonDigit, 1)
        // ... and before an overflowing group, even when the non-digit comes in a later group.
        expectNumericError(Self.overflows[6] + "0000000000000000x", .nonDigit, 33)
        expectNumericError(Self.overflows[0] + "x", .nonDigit, 3)
        // A valid first group, then a non-digit in the second.
        expectNumericError("00000000000000001" + "00x", .nonDigit, 19)
    }

    @Test func errorDescription() {
        let error = NumericTextError(.badLength, offset: 4, "4 digits")
        #expect(error.code == "text.bad-length")
        #expect(error.description == "text.bad-length at index 4: 4 digits")
    }
}
