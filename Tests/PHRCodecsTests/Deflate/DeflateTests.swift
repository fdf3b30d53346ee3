import Testing
@testable import PHRCodecs

func expectDeflateError(_ kind: DeflateError.Kind, sourceLocation: SourceLocation = #_sourceLocation,
                        _ body: () throws(DeflateError) -> [UInt8]) {
    do {
        let bytes = try body()
        Issue.record("expected \(kind), got \(bytes.count) bytes", sourceLocation: sourceLocation)
    } catch {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.code == "deflate." + kind.rawValue, sourceLocation: sourceLocation)
    }
}

struct DeflateTests {
    static let dictionary = Array("""
        {"resourceType":"Patient","name":[{"family":"Mustermann","given":["Erika"]}],"birthDate":"1964-08-12",
        "code":{"coding":[{"system":"http://snomed.info/sct","code":"840539006","display":"COVID-19"}]}}
        """.utf8)
    static let text = Array("""
        {"resourceType":"Patient","name":[{"family":"Musterfrau","given":["Gabriele"]}],"birthDate":"1998-02-26",
        "code":{"coding":[{"system":"http://snomed.info/sct","code":"840539006","display":"COVID-19"}]}}
        """.utf8)

    @Test func rawRoundTripWithoutDictionary() throws {
        var rng = SplitMix64(state: 1951)
        let random = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        for data in [Self.text, random, [UInt8](repeating: 7, count: 100_000), []] {
            let packed = try Deflate.compress(data)
            #expect(try Deflate.decompress(packed, maxOutputSize: data.count) == data)
        }
        #expect(try Deflate.compress(Self.text, level: 0).count > Self.text.count)   // stored blocks
        #expect(try Deflate.decompress(Deflate.compress(Self.text, level: 1), maxOutputSize: 1000) == Self.text)
    }

    @Test func emptyInputCompressesToTheEmptyFinalBlock() throws {
        // Hand-computed: a final fixed-Huffman block with only the end-of-block code is 03 00.
        #expect(try Deflate.compress([]) == [0x03, 0x00])
        #expect(try Deflate.decompress([0x03, 0x00], maxOutputSize: 0) == [])
        expectDeflateError(.truncated) { () throws(DeflateError) in try Deflate.decompress([], maxOutputSize: 10) }
        expectDeflateError(.truncated) { () throws(DeflateError) in try ZlibFormat.decompress([], maxOutputSize: 10) }
    }

    @Test func dictionaryRoundTripAndMakesOutputSmaller() throws {
        let withDictionary = try Deflate.compress(Self.text, dictionary: Self.dictionary)
        let without = try Deflate.compress(Self.text)
        #expect(withDictionary.count < without.count)
        #expect(withDictionary.count * 2 < without.count)
        #expect(try Deflate.decompress(withDictionary, dictionary: Self.dictionary, maxOutputSize: 4096) == Self.text)
    }

    @Test func wrongOrMissingDictionary() throws {
        let packed = try Deflate.compress(Self.text, dictionary: Self.dictionary)
        expectDeflateError(.dictionaryMismatch) { () throws(DeflateError) in
            try Deflate.decompress(packed, maxOutputSize: 4096)
        }
        expectDeflateError(.dictionaryMismatch) { () throws(DeflateError) in
            try Deflate.decompress(packed, dictionary: Array("xyz".utf8), maxOutputSize: 4096)
        }
        // A wrong dictionary of the same length cannot always be detected (raw DEFLATE has no checksum),
        // but it never yields the original text.
        let wrong = Self.dictionary.map { $0 == 0x61 ? 0x62 : $0 }
        let result = try? Deflate.decompress(packed, dictionary: wrong, maxOutputSize: 4096)
        #expect(result != Self.text)
        // A zlib stream that announces a preset dictionary (FDICT set; 78 bb passes the header check).
        expectDeflateError(.dictionaryMismatch) { () throws(DeflateError) in
            try ZlibFormat.decompress([0x78, 0xBB, 0, 0, 0, 1, 0x03, 0x00], maxOutputSize: 10)
        }
    }

    @Test func decompressionBombStopsAtTheCap() throws {
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        let raw = try Deflate.compress(zeros)
        #expect(raw.count < 2000)
        expectDeflateError(.outputTooLarge) { () throws(DeflateError) in
            try Deflate.decompress(raw, maxOutputSize: 64 * 1024)
        }
        let zlib = try ZlibFormat.compress(zeros)
        expectDeflateError(.outputTooLarge) { () throws(DeflateError) in
            try ZlibFormat.decompress(zlib, maxOutputSize: 64 * 1024)
        }
        // The cap is inclusive.
        let small = try Deflate.compress(Array(Self.text))
        #expect(try Deflate.decompress(small, maxOutputSize: Self.text.count) == Self.text)
        expectDeflateError(.outputTooLarge) { () throws(DeflateError) in
            try Deflate.decompress(small, maxOutputSize: Self.text.count - 1)
        }
    }

    @Test func truncatedStreams() throws {
        let raw = try Deflate.compress(Self.text)
        let zlib = try ZlibFormat.compress(Self.text)
        for cut in [1, raw.count / 2, raw.count - 1] {
            expectDeflateError(.truncated) { () throws(DeflateError) in
                try Deflate.decompress(Array(raw.prefix(cut)), maxOutputSize: 4096)
            }
        }
        for cut in [1, 2, zlib.count / 2, zlib.count - 1] {   // the last cut removes part of the Adler-32
            expectDeflateError(.truncated) { () throws(DeflateError) in
                try ZlibFormat.decompress(Array(zlib.prefix(cut)), maxOutputSize: 4096)
            }
        }
    }

    @Test func corruptStreams() throws {
        // BFINAL = 1, BTYPE = 11 (reserved block type).
        expectDeflateError(.corrupt) { () throws(DeflateError) in try Deflate.decompress([0x07, 0x00], maxOutputSize: 10) }
        // Stored block whose LEN/NLEN do not complement each other.
        expectDeflateError(.corrupt) { () throws(DeflateError) in
            try Deflate.decompress([0x01, 0x01, 0x00, 0x00, 0x00, 0x41], maxOutputSize: 10)
        }
        var zlib = try ZlibFormat.compress(Self.text)
        #expect(try ZlibFormat.decompress(zlib, maxOutputSize: 4096) == Self.text)
        var badHeader = zlib
        badHeader[1] ^= 0x01                             // header check fails
        expectDeflateError(.corrupt) { () throws(DeflateError) in try ZlibFormat.decompress(badHeader, maxOutputSize: 4096) }
        zlib[zlib.count - 1] ^= 0x01                      // Adler-32 mismatch
        expectDeflateError(.corrupt) { () throws(DeflateError) in try ZlibFormat.decompress(zlib, maxOutputSize: 4096) }
        // A raw stream is not a zlib stream.
        let raw = try Deflate.compress(Self.text)
        expectDeflateError(.corrupt) { () throws(DeflateError) in try ZlibFormat.decompress(raw, maxOutputSize: 4096) }
    }

    @Test func trailingData() throws {
        let raw = try Deflate.compress(Self.text)
        expectDeflateError(.trailingData) { () throws(DeflateError) in
            try Deflate.decompress(raw + [0x00], maxOutputSize: 4096)
        }
        expectDeflateError(.trailingData) { () throws(DeflateError) in
            try Deflate.decompress(raw + raw, maxOutputSize: 8192)
        }
        let zlib = try ZlibFormat.compress(Self.text)
        expectDeflateError(.trailingData) { () throws(DeflateError) in
            try ZlibFormat.decompress(zlib + [0xDE, 0xAD], maxOutputSize: 4096)
        }
    }

    @Test func internalErrors() {
        expectDeflateError(.internal) { () throws(DeflateError) in try Deflate.compress([1], level: 10) }
        expectDeflateError(.internal) { () throws(DeflateError) in try Deflate.decompress([0x03, 0x00], maxOutputSize: -1) }
        #expect(DeflateError(.corrupt, offset: 2, "bad").description == "deflate.corrupt at byte 2: bad")
    }
}

/// A stream followed by padding: the prefix decoder returns the content and where the stream ends, while the
/// whole-input decoder reports the same bytes as trailing data at the same offset.
@Test func decompressPrefixStopsAtTheEndOfTheStream() throws {
    let dictionary = Array("mg once daily negative positive".utf8)
    let content = Array("Metformin 500 mg once daily; HIV negative".utf8)
    let stream = try Deflate.compress(content, dictionary: dictionary)
    for padding in [0, 1, 15, 200] {
        let data = stream + [UInt8](repeating: 0, count: padding)
        let (output, consumed) = try Deflate.decompressPrefix(data, dictionary: dictionary, maxOutputSize: 1000)
        #expect(output == content)
        #expect(consumed == stream.count)
        if padding > 0 {
            do {
                _ = try Deflate.decompress(data, dictionary: dictionary, maxOutputSize: 1000)
                Issue.record("expected trailing-data")
            } catch {
                #expect(error.kind == .trailingData && error.offset == stream.count)
            }
        }
    }
    // The limits still apply to the prefix decoder.
    let bomb = try Deflate.compress([UInt8](repeating: 0, count: 100_000)) + [0, 0]
    #expect(throws: DeflateError.self) { try Deflate.decompressPrefix(bomb, maxOutputSize: 1000) }
    #expect(throws: DeflateError.self) { try Deflate.decompressPrefix(Array(stream.dropLast(3)), dictionary: dictionary, maxOutputSize: 1000) }
}
