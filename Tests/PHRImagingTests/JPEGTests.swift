import Testing
import PHRImaging

@Suite("JPEG and format sniffing")
struct JPEGTests {
    static func sample() throws -> GrayImage {
        try QRCode.encode(prefixedNumericText: "PHR1:" + TestData.digits(40), errorCorrection: .M).render(modulePixels: 4)
    }

    @Test("encode → decode keeps size and is close to the source")
    func roundTrip() throws {
        let image = try Self.sample()
        let jpeg = try JPEG.encode(image, quality: 95)
        #expect(Array(jpeg.prefix(2)) == [0xFF, 0xD8] && Array(jpeg.suffix(2)) == [0xFF, 0xD9])
        let decoded = try JPEG.decode(jpeg)
        #expect(decoded.width == image.width && decoded.height == image.height)
        let meanError = zip(decoded.pixels, image.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) } / image.pixels.count
        #expect(meanError < 10)
    }

    @Test("JPEG with huge SOF dimensions throws image.image-too-large")
    func hugeDimensions() throws {
        var jpeg = try JPEG.encode(try Self.sample(), quality: 80)
        // Patch the baseline SOF0 marker (FF C0, length, precision, height, width) to 60000 x 60000.
        let sof = try #require((0..<(jpeg.count - 1)).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 })
        jpeg[sof + 5] = 0xEA; jpeg[sof + 6] = 0x60
        jpeg[sof + 7] = 0xEA; jpeg[sof + 8] = 0x60
        #expect(TestData.error { () throws(ImagingError) in try JPEG.decode(jpeg) }?.code == "image.image-too-large")
        #expect(TestData.error { () throws(ImagingError) in try ImageFile.decode(jpeg) }?.kind == .imageTooLarge)
        let small = try JPEG.encode(try Self.sample(), quality: 80)
        #expect(TestData.error { () throws(ImagingError) in try JPEG.decode(small, maxDimension: 10) }?.kind == .imageTooLarge)
    }

    @Test("truncated and garbage JPEGs throw image.jpeg-decode")
    func badData() throws {
        let jpeg = try JPEG.encode(try Self.sample(), quality: 80)
        for cut in [2, 3, 20, 200, jpeg.count / 2, jpeg.count - 2] {
            #expect(TestData.error { () throws(ImagingError) in try JPEG.decode(Array(jpeg.prefix(cut))) }?.kind
                == .jpegDecode, "cut at \(cut)")
        }
        #expect(TestData.error { () throws(ImagingError) in try JPEG.decode([0xFF, 0xD8, 0xFF] + TestData.bytes(400)) }?.kind
            == .jpegDecode)
        #expect(TestData.error { () throws(ImagingError) in try JPEG.decode([]) }?.kind == .jpegDecode)
        #expect(TestData.error { () throws(ImagingError) in try ImageFile.decode(Array(jpeg.prefix(jpeg.count / 2))) }?.kind
            == .jpegDecode)
    }

    @Test("invalid quality throws image.invalid-parameter")
    func invalidQuality() throws {
        let image = try Self.sample()
        for q in [0, 101, -5] {
            #expect(TestData.error { () throws(ImagingError) in try JPEG.encode(image, quality: q) }?.kind == .invalidParameter)
        }
    }

    @Test("ImageFile sniffs PNG and JPEG; anything else is image.unknown-format")
    func sniffing() throws {
        let image = try Self.sample()
        #expect(try ImageFile.decode(PNG.encode(image, dpi: 300)) == image)
        #expect(try ImageFile.decode(JPEG.encode(image)).width == image.width)
        for garbage: [UInt8] in [[], [0x47, 0x49, 0x46, 0x38], TestData.bytes(100, seed: 99), Array("<svg".utf8)] {
            let error = TestData.error { () throws(ImagingError) in try ImageFile.decode(garbage) }
            #expect(error?.code == "image.unknown-format")
        }
        let truncatedPNG = Array(try PNG.encode(image, dpi: 300).prefix(40))
        #expect(TestData.error { () throws(ImagingError) in try ImageFile.decode(truncatedPNG) }?.kind == .pngDecode)
    }
}
