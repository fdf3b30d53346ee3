import Testing
import PHRImaging

@Suite("Rendering, SVG, GrayImage")
struct RenderingTests {
    @Test("finder patterns are where the standard puts them")
    func finderPatterns() throws {
        let code = try QRCode.encode(prefixedNumericText: "PHR1:1234567890", errorCorrection: .M)
        let n = code.size
        for (ox, oy) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            for i in 0..<7 {
                #expect(code.isDark(x: ox + i, y: oy) && code.isDark(x: ox, y: oy + i))  // outer ring
                #expect(code.isDark(x: ox + 3, y: oy + 3))  // centre
            }
            #expect(!code.isDark(x: ox + 1, y: oy + 1))  // light ring
        }
        #expect(!code.isDark(x: 7, y: 0) && !code.isDark(x: 0, y: 7))  // separators
        #expect(!code.isDark(x: -1, y: 0) && !code.isDark(x: n, y: n))
    }

    @Test("render scales modules and adds a white quiet zone")
    func render() throws {
        let code = try QRCode.encode(prefixedNumericText: "PHR1:42", errorCorrection: .L)
        let image = code.render(modulePixels: 3, quietZoneModules: 2)
        #expect(image.width == (code.size + 4) * 3 && image.height == image.width)
        for my in 0..<code.size {
            for mx in 0..<code.size {
                let pixel = image.pixels[((my + 2) * 3 + 1) * image.width + (mx + 2) * 3 + 1]
                #expect(pixel == (code.isDark(x: mx, y: my) ? 0 : 255))
            }
        }
        #expect(image.pixels[0..<(image.width * 6)].allSatisfy { $0 == 255 })
    }

    @Test("SVG has exact millimetre size, a module viewBox and one path with all dark modules")
    func svg() throws {
        let code = try QRCode.encode(prefixedNumericText: "PHR1:" + TestData.digits(300), errorCorrection: .Q)
        let svg = code.svg(moduleSizeMM: 0.35, quietZoneModules: 4)
        let total = code.size + 8
        // (size + 8) × 0.35 mm, written with at most 4 decimals and no trailing zeros.
        let expectedMM = String(Double(total * 35) / 100)
        #expect(svg.contains("width=\"\(expectedMM)mm\" height=\"\(expectedMM)mm\""), "\(expectedMM)")
        #expect(svg.contains("viewBox=\"0 0 \(total) \(total)\""))
        #expect(svg.components(separatedBy: "<path").count == 2)
        // Sum the run lengths of "M x y h n v1 h-n z" rectangles and check they cover exactly the dark modules.
        let d = try #require(svg.split(separator: "d=\"").last?.split(separator: "\"").first)
        var covered = Set<Int>()
        for rect in d.split(separator: "z") {
            let parts = rect.dropFirst().split(separator: "h", maxSplits: 1)
            let xy = parts[0].split(separator: " ").compactMap { Int($0) }
            let run = try #require(Int(parts[1].split(separator: "v")[0]))
            for i in 0..<run { covered.insert((xy[1] - 4) * code.size + xy[0] - 4 + i) }
        }
        var dark = Set<Int>()
        for y in 0..<code.size { for x in 0..<code.size where code.isDark(x: x, y: y) { dark.insert(y * code.size + x) } }
        #expect(covered == dark)
        #expect(code.svg(moduleSizeMM: 0.5, quietZoneModules: 0).contains("width=\"\(Double(code.size) / 2)mm\"")
            || code.size % 2 == 0)
        #expect(code.svg(moduleSizeMM: 1).contains("width=\"\(total)mm\""))
    }

    @Test("GrayImage rejects inconsistent dimensions with image.invalid-parameter")
    func grayImageValidation() {
        #expect(TestData.error { () throws(ImagingError) in try GrayImage(width: 2, height: 2, pixels: [0, 0, 0]) }?.kind
            == .invalidParameter)
        #expect(TestData.error { () throws(ImagingError) in try GrayImage(width: 0, height: 0, pixels: []) }?.kind
            == .invalidParameter)
        #expect(TestData.error { () throws(ImagingError) in try GrayImage(width: -1, height: -1, pixels: [0]) }?.kind
            == .invalidParameter)
        #expect(TestData.error { () throws(ImagingError) in
            try GrayImage(width: Int.max, height: 2, pixels: [0])
        }?.kind == .invalidParameter)
    }

    @Test("error codes are stable and descriptions carry them")
    func errorCodes() {
        let expected = ["image.qr-too-large", "image.qr-encoding", "image.png-decode", "image.png-encode",
                        "image.jpeg-decode", "image.jpeg-encode", "image.image-too-large", "image.unknown-format",
                        "image.no-qr-code", "image.scanner", "image.invalid-parameter"]
        #expect(ImagingError.Kind.allCases.map { ImagingError($0, "m").code } == expected)
        #expect(ImagingError(.scanner, "zbar failed").description == "image.scanner: zbar failed")
    }
}

@Suite("Pixel buffer validation")
struct PixelBufferValidationTests {
    @Test("a replaced pixel buffer of the wrong size is rejected before reaching C")
    func mismatchedBuffer() throws {
        var image = try GrayImage(width: 10, height: 10, pixels: [UInt8](repeating: 255, count: 100))
        image.pixels = [0, 1, 2]
        #expect(TestData.error { () throws(ImagingError) in try PNG.encode(image, dpi: 300) }?.kind == .invalidParameter)
        #expect(TestData.error { () throws(ImagingError) in try JPEG.encode(image) }?.kind == .invalidParameter)
        #expect(TestData.error { () throws(ImagingError) in try QRScanner.scan(image) }?.kind == .invalidParameter)
    }
}
