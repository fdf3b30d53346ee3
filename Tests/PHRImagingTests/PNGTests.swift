import Testing
import PHRImaging

@Suite("PNG")
struct PNGTests {
    /// A 16x8 test card: left half black, right half white, one mid-grey pixel at (5, 3).
    static let pattern: [[Int]] = (0..<8).map { y in (0..<16).map { x in x == 5 && y == 3 ? 128 : (x < 8 ? 0 : 255) } }

    @Test("1-bit PNG: IHDR says bit depth 1 greyscale, pHYs is 11811 ppm for 300 dpi")
    func oneBitHeaderAndPHYs() throws {
        let code = try QRCode.encode(prefixedNumericText: "PHR1:12345", errorCorrection: .M)
        let image = code.render(modulePixels: 8)
        let png = try PNG.encode(image, bitDepth: 1, dpi: 300)
        #expect(Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(png[8..<16]) == [0, 0, 0, 13] + Array("IHDR".utf8))
        #expect(Array(png[16..<24]) == TestPNGWriter.be32(UInt32(image.width)) + TestPNGWriter.be32(UInt32(image.height)))
        #expect(png[24] == 1, "bit depth")
        #expect(png[25] == 0, "colour type greyscale")
        // Find the pHYs chunk by hand: 4-byte x ppm, 4-byte y ppm, unit 1 (metre).
        let phys = try #require(indexOf(Array("pHYs".utf8), in: png))
        #expect(Array(png[(phys - 4)..<phys]) == [0, 0, 0, 9])
        #expect(Array(png[(phys + 4)..<(phys + 13)]) == TestPNGWriter.be32(11811) + TestPNGWriter.be32(11811) + [1])
        let dpi = try #require(PNG.physicalDPI(png))
        #expect(abs(dpi - 300) < 0.01)
        #expect(try PNG.decode(png) == image)
    }

    @Test("1-bit PNG thresholds at 128: 127 becomes black, 128 white")
    func threshold() throws {
        let image = try GrayImage(width: 4, height: 1, pixels: [0, 127, 128, 255])
        #expect(try PNG.decode(PNG.encode(image, dpi: 72)).pixels == [0, 0, 255, 255])
    }

    @Test("8-bit grey PNG keeps every value")
    func eightBit() throws {
        let image = try GrayImage(width: 256, height: 1, pixels: (0...255).map { UInt8($0) })
        let png = try PNG.encode(image, bitDepth: 8, dpi: 600)
        #expect(png[24] == 8)
        #expect(try PNG.decode(png) == image)
        #expect(PNG.physicalDPI(png).map { abs($0 - 600) < 0.02 } == true)  // round(600/0.0254) = 23622
    }

    @Test("physicalDPI is nil without pHYs")
    func noPHYs() {
        let png = TestPNGWriter.png(width: 1, height: 1, bitDepth: 8, colorType: 0, rows: [[0]])
        #expect(PNG.physicalDPI(png) == nil)
        #expect(PNG.physicalDPI([1, 2, 3]) == nil)
    }

    @Test("RGB PNG decodes to grey")
    func rgb() throws {
        let rows = Self.pattern.map { row in row.flatMap { v in [UInt8(v), UInt8(v), UInt8(v)] } }
        let png = TestPNGWriter.png(width: 16, height: 8, bitDepth: 8, colorType: 2, rows: rows)
        try expectPattern(PNG.decode(png))
    }

    @Test("RGBA PNG with transparent background is composed over white")
    func rgbaTransparent() throws {
        // Black pixels are opaque; "white" pixels are fully transparent black: only alpha makes them white.
        let rows = Self.pattern.map { row in
            row.flatMap { v -> [UInt8] in v == 0 ? [0, 0, 0, 255] : (v == 255 ? [0, 0, 0, 0] : [128, 128, 128, 255]) }
        }
        let png = TestPNGWriter.png(width: 16, height: 8, bitDepth: 8, colorType: 6, rows: rows)
        try expectPattern(PNG.decode(png))
    }

    @Test("RGBA QR code on a transparent background scans")
    func rgbaQRScans() throws {
        let text = "PHR1:" + TestData.digits(100)
        let image = try QRCode.encode(prefixedNumericText: text, errorCorrection: .M).render(modulePixels: 3)
        let rows = (0..<image.height).map { y in
            (0..<image.width).flatMap { x -> [UInt8] in image.pixels[y * image.width + x] == 0 ? [0, 0, 90, 255] : [0, 0, 0, 0] }
        }
        let png = TestPNGWriter.png(width: image.width, height: image.height, bitDepth: 8, colorType: 6, rows: rows)
        #expect(try QRScanner.scan(PNG.decode(png)).map(\.text) == [text])
    }

    @Test("grey+alpha PNG decodes")
    func greyAlpha() throws {
        let rows = Self.pattern.map { row in row.flatMap { v -> [UInt8] in v == 255 ? [0, 0] : [UInt8(v), 255] } }
        let png = TestPNGWriter.png(width: 16, height: 8, bitDepth: 8, colorType: 4, rows: rows)
        try expectPattern(PNG.decode(png))
    }

    @Test("palette PNG decodes")
    func palette() throws {
        let plte = TestPNGWriter.chunk("PLTE", [255, 255, 255, 0, 0, 0, 128, 128, 128])
        let rows = Self.pattern.map { row in row.map { v -> UInt8 in v == 255 ? 0 : (v == 0 ? 1 : 2) } }
        let png = TestPNGWriter.png(width: 16, height: 8, bitDepth: 8, colorType: 3, rows: rows, extraChunks: [plte])
        try expectPattern(PNG.decode(png))
    }

    @Test("16-bit grey and 16-bit RGB PNGs (with sRGB chunk) decode")
    func sixteenBit() throws {
        // sRGB chunk (rendering intent 0): the 16-bit samples are sRGB-encoded, so 0x8080 maps to 128.
        let srgb = TestPNGWriter.chunk("sRGB", [0])
        let grey = Self.pattern.map { row in row.flatMap { v in [UInt8(v), UInt8(v)] } }
        try expectPattern(PNG.decode(TestPNGWriter.png(width: 16, height: 8, bitDepth: 16, colorType: 0, rows: grey,
                                                       extraChunks: [srgb])))
        let rgb = Self.pattern.map { row in row.flatMap { v in [UInt8](repeating: UInt8(v), count: 6) } }
        try expectPattern(PNG.decode(TestPNGWriter.png(width: 16, height: 8, bitDepth: 16, colorType: 2, rows: rgb,
                                                       extraChunks: [srgb])))
    }

    @Test("16-bit PNG without colour information: libpng treats it as linear; black and white stay exact")
    func sixteenBitLinear() throws {
        let grey = Self.pattern.map { row in row.flatMap { v in [UInt8(v), UInt8(v)] } }
        let image = try PNG.decode(TestPNGWriter.png(width: 16, height: 8, bitDepth: 16, colorType: 0, rows: grey))
        for y in 0..<8 {
            for x in 0..<16 where Self.pattern[y][x] != 128 {
                #expect(Int(image.pixels[y * 16 + x]) == Self.pattern[y][x])
            }
        }
        // Linear 0x8080/0xFFFF ≈ 0.502; libpng encodes with its sRGB approximation gamma 1/2.2: 0.502^(1/2.2) × 255 ≈ 186.
        #expect(abs(Int(image.pixels[3 * 16 + 5]) - 186) <= 1)
    }

    @Test("huge declared dimensions throw image.image-too-large before allocating")
    func hugeDimensions() {
        let png = TestPNGWriter.png(width: 100_000, height: 100_000, bitDepth: 8, colorType: 0, rows: [[0]])
        #expect(TestData.error { () throws(ImagingError) in try PNG.decode(png) }?.code == "image.image-too-large")
        #expect(TestData.error { () throws(ImagingError) in try ImageFile.decode(png) }?.kind == .imageTooLarge)
        let small = TestPNGWriter.png(width: 100, height: 1, bitDepth: 8, colorType: 0, rows: [[UInt8](repeating: 0, count: 100)])
        #expect(TestData.error { () throws(ImagingError) in try PNG.decode(small, maxDimension: 99) }?.kind == .imageTooLarge)
        #expect(TestData.error { () throws(ImagingError) in try PNG.decode(small, maxDimension: 100) } == nil)
    }

    @Test("truncated, corrupted and non-PNG data throw image.png-decode")
    func badData() throws {
        let image = try QRCode.encode(prefixedNumericText: "PHR1:999", errorCorrection: .M).render(modulePixels: 4)
        let png = try PNG.encode(image, bitDepth: 8, dpi: 300)
        for cut in [4, 8, 20, 33, png.count / 2, png.count - 13] {
            #expect(TestData.error { () throws(ImagingError) in try PNG.decode(Array(png.prefix(cut))) }?.kind
                == .pngDecode, "cut at \(cut)")
        }
        var badCRC = png
        badCRC[29] ^= 0xFF  // inside the IHDR CRC
        #expect(TestData.error { () throws(ImagingError) in try PNG.decode(badCRC) }?.kind == .pngDecode)
        var badIDAT = TestPNGWriter.png(width: 2, height: 2, bitDepth: 8, colorType: 0, rows: [[0, 0], [0, 0]])
        badIDAT[41] = 0x12  // zlib header of the IDAT stream (bad FCHECK), CRC now wrong too
        #expect(TestData.error { () throws(ImagingError) in try PNG.decode(badIDAT) }?.kind == .pngDecode)
        #expect(TestData.error { () throws(ImagingError) in try PNG.decode(TestData.bytes(500)) }?.kind == .pngDecode)
        #expect(TestData.error { () throws(ImagingError) in try PNG.decode([]) }?.kind == .pngDecode)
    }

    @Test("invalid encode parameters throw image.invalid-parameter")
    func invalidParameters() throws {
        let image = try GrayImage(width: 2, height: 2, pixels: [0, 255, 255, 0])
        #expect(TestData.error { () throws(ImagingError) in try PNG.encode(image, bitDepth: 4, dpi: 300) }?.kind
            == .invalidParameter)
        #expect(TestData.error { () throws(ImagingError) in try PNG.encode(image, dpi: 0) }?.kind == .invalidParameter)
        #expect(TestData.error { () throws(ImagingError) in try PNG.encode(image, dpi: .nan) }?.kind == .invalidParameter)
    }

    private func expectPattern(_ image: GrayImage, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(image.width == 16 && image.height == 8, sourceLocation: sourceLocation)
        guard image.width == 16 && image.height == 8 else { return }
        for y in 0..<8 {
            for x in 0..<16 {
                let want = Self.pattern[y][x]
                let got = Int(image.pixels[y * 16 + x])
                #expect(abs(got - want) <= 1, "pixel (\(x), \(y)) is \(got), want \(want)", sourceLocation: sourceLocation)
            }
        }
    }

    private func indexOf(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
