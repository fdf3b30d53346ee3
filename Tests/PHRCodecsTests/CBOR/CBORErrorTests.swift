import Testing
@testable import PHRCodecs

/// Decodes `bytes` and expects a `CBORError` of `kind` at `offset`.
func expectCBORError(_ bytes: [UInt8], _ options: CBORDecodingOptions, _ kind: CBORError.Kind, _ offset: Int,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let item = try CBOR.decode(bytes, options: options)
        Issue.record("expected \(kind) at \(offset), decoded \(item)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.offset == offset, "\(error)", sourceLocation: sourceLocation)
        #expect(error.code == "cbor." + kind.rawValue, sourceLocation: sourceLocation)
        #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
    }
}

/// One test per error kind, with the byte offset each error must report.
struct CBORErrorTests {
    @Test func truncated() {
        expectCBORError(hexBytes("1a0001"), .lenient, .truncated, 0)       // 4-byte argument, 2 present
        expectCBORError(hexBytes("828100"), .strict, .truncated, 3)        // second element missing
        expectCBORError([], .strict, .truncated, 0)
        expectCBORError(hexBytes("7f6161"), .lenient, .truncated, 3)       // no break code
        expectCBORError(hexBytes("c1"), .strict, .truncated, 1)            // tag without content
    }

    @Test func trailingBytes() {
        expectCBORError(hexBytes("0001"), .strict, .trailingBytes, 1)
        expectCBORError(hexBytes("8101ff"), .lenient, .trailingBytes, 2)
    }

    @Test func tooDeep() {
        // 16 nested arrays are allowed in strict mode, 17 are not (the 17th head is at offset 16).
        #expect(throws: Never.self) { try CBOR.decode(Array(repeating: 0x81, count: 15) + [0x80]) }
        expectCBORError(Array(repeating: 0x81, count: 16) + [0x80], .strict, .tooDeep, 16)
        // Tags count too.
        expectCBORError(Array(repeating: 0xC1, count: 17) + [0x00], .strict, .tooDeep, 16)
        expectCBORError(Array(repeating: 0x9F, count: 65) + [0xFF], .lenient, .tooDeep, 64)
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let deep = [UInt8](repeating: 0x81, count: 100_000) + [0x00]
        var options = CBORDecodingOptions.strict
        options.maxInputSize = 1 << 20
        expectCBORError(deep, options, .tooDeep, 16)
        // With unlimited depth the decoder walks all 100 000 levels iteratively and finds the truncation at the end.
        options = CBORDecodingOptions(requireDeterministic: true, allowIndefiniteLength: false,
                                      maxDepth: 1_000_000, maxItems: 1_000_000, maxInputSize: 1 << 20)
        expectCBORError([UInt8](repeating: 0x81, count: 100_000) + [0x1A, 0x00], options, .truncated, 100_000)
        var lenient = CBORDecodingOptions.lenient
        lenient.maxInputSize = 1 << 20
        expectCBORError([UInt8](repeating: 0x9F, count: 100_000), lenient, .tooDeep, 64)
    }

    @Test func tooManyItems() {
        let options = CBORDecodingOptions(requireDeterministic: true, allowIndefiniteLength: false, maxItems: 3)
        expectCBORError(hexBytes("83010203"), options, .tooManyItems, 3)
        #expect(throws: Never.self) { try CBOR.decode(hexBytes("820102"), options: options) }
        // Default limit 4096: an array of 4096 zeros is 4097 items.
        expectCBORError(hexBytes("991000") + [UInt8](repeating: 0, count: 4096), .strict, .tooManyItems, 4098)
    }

    @Test func inputTooLarge() {
        let bytes = hexBytes("5a00010000") + [UInt8](repeating: 0x41, count: 65536)
        expectCBORError(bytes, .strict, .inputTooLarge, 0)
    }

    @Test func lengthExceedsInput() {
        expectCBORError(hexBytes("5affffffff00"), .strict, .lengthExceedsInput, 0)
        expectCBORError(hexBytes("9bffffffffffffffff"), .strict, .lengthExceedsInput, 0)
        expectCBORError(hexBytes("8162"), .lenient, .lengthExceedsInput, 1)
        expectCBORError(hexBytes("8201"), .strict, .lengthExceedsInput, 0)    // 2 elements, 1 byte left
        expectCBORError(hexBytes("a201"), .strict, .lengthExceedsInput, 0)    // 2 entries need 4 bytes
        expectCBORError(hexBytes("5f5bffffffffffffffffff"), .lenient, .lengthExceedsInput, 1)
    }

    @Test func duplicateKey() {
        expectCBORError(hexBytes("a2010201 03"), .strict, .duplicateKey, 3)
        // Lenient mode compares encoded keys: 0x1801 is the integer 1 again.
        expectCBORError(hexBytes("a201021801 03"), .lenient, .duplicateKey, 3)
        expectCBORError(hexBytes("bf616101616102ff"), .lenient, .duplicateKey, 4)
    }

    @Test func invalidUTF8() {
        expectCBORError(hexBytes("62c328"), .strict, .invalidUTF8, 0)
        expectCBORError(hexBytes("63eda080"), .strict, .invalidUTF8, 0)      // encoded surrogate U+D800
        expectCBORError(hexBytes("62c0af"), .strict, .invalidUTF8, 0)        // overlong "/"
        expectCBORError(hexBytes("8201 61ff"), .strict, .invalidUTF8, 2)
        // In an indefinite-length string the offending chunk is reported; a code point split over chunks is invalid.
        expectCBORError(hexBytes("7f616161ffff"), .lenient, .invalidUTF8, 3)
        expectCBORError(hexBytes("7f61c361bcff"), .lenient, .invalidUTF8, 1)
    }

    @Test func nonDeterministic() {
        expectCBORError(hexBytes("1817"), .strict, .nonDeterministic, 0)
        expectCBORError(hexBytes("190017"), .strict, .nonDeterministic, 0)
        expectCBORError(hexBytes("8119 00ff"), .strict, .nonDeterministic, 1)
        expectCBORError(hexBytes("5800"), .strict, .nonDeterministic, 0)                  // length 0 in 2 bytes
        expectCBORError(hexBytes("fa3f800000"), .strict, .nonDeterministic, 0)            // 1.0 as single
        expectCBORError(hexBytes("fb3ff0000000000000"), .strict, .nonDeterministic, 0)    // 1.0 as double
        expectCBORError(hexBytes("f97e01"), .strict, .nonDeterministic, 0)                // NaN with payload
        expectCBORError(hexBytes("a2020001 00"), .strict, .nonDeterministic, 3)           // keys 2, 1
        expectCBORError(hexBytes("a2 6161 00 01 00"), .strict, .nonDeterministic, 4)      // "a" before 1
        expectCBORError(hexBytes("d8 01 00"), .strict, .nonDeterministic, 0)              // tag 1 in 2 bytes
        #expect(throws: Never.self) { try CBOR.decode(hexBytes("1817"), options: .lenient) }
    }

    @Test func indefiniteLength() {
        expectCBORError(hexBytes("9fff"), .strict, .indefiniteLength, 0)
        expectCBORError(hexBytes("825f4101ff"), .strict, .indefiniteLength, 1)
        var options = CBORDecodingOptions.lenient
        options.allowIndefiniteLength = false
        expectCBORError(hexBytes("bfff"), options, .indefiniteLength, 0)
        // A chunk must be a definite string of the same major type.
        expectCBORError(hexBytes("5f6161ff"), .lenient, .indefiniteLength, 1)
        expectCBORError(hexBytes("5f5fffff"), .lenient, .indefiniteLength, 1)
    }

    @Test func reservedValue() {
        for byte: UInt8 in [0x1C, 0x1D, 0x1E, 0x3C, 0x5C, 0x7C, 0x9C, 0xBC, 0xDC, 0xFC, 0xFD, 0xFE] {
            expectCBORError([byte], .lenient, .reservedValue, 0)
        }
        expectCBORError(hexBytes("83 01 02 1d"), .strict, .reservedValue, 3)
        for byte: UInt8 in [0x1F, 0x3F, 0xDF] {   // indefinite length is not defined for major types 0, 1, 6
            expectCBORError([byte], .lenient, .reservedValue, 0)
        }
    }

    @Test func unexpectedBreak() {
        expectCBORError(hexBytes("ff"), .lenient, .unexpectedBreak, 0)
        expectCBORError(hexBytes("8201ff"), .lenient, .unexpectedBreak, 2)
        expectCBORError(hexBytes("bf01ff"), .lenient, .unexpectedBreak, 2)   // break where a value is due
        expectCBORError(hexBytes("9fc1ffff"), .lenient, .unexpectedBreak, 2) // break as tag content
    }

    @Test func invalidSimpleValue() throws {
        for value in 0...31 {
            expectCBORError([0xF8, UInt8(value)], .lenient, .invalidSimpleValue, 0)
        }
        expectCBORError(hexBytes("82 f5 f814"), .strict, .invalidSimpleValue, 2)
        #expect(try CBOR.decode(hexBytes("f820")) == .simple(32))
    }

    @Test func descriptionNamesCodeAndOffset() {
        let error = CBORError(.truncated, offset: 7, "input ends")
        #expect(error.description == "cbor.truncated at byte 7: input ends")
        #expect(CBORError.Kind.trailingBytes.rawValue == "trailing-bytes")
    }
}
