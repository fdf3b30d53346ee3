import Testing
import PHRImaging

/// QR encode → render → PNG → decode → scan: each reader (ZXing-C++ and zbar, alone) and the default order must
/// return exactly the encoded text.
@Suite("QR round trip")
struct QRRoundTripTests {
    static let cases: [(Int, QRErrorCorrection)] = [50, 500, 1500, 3000].flatMap { n in
        QRErrorCorrection.allCases.map { (n, $0) }
    }
    static let readers: [[QRReader]] = [[.zxing], [.zbar], QRReader.standard]

    @Test("prefixed numeric text through 1-bit PNG, each reader", arguments: cases, readers)
    func prefixedNumericThroughPNG(length: (Int, QRErrorCorrection), readers: [QRReader]) throws {
        let (length, level) = length
        let text = "PHR1:" + TestData.digits(length, seed: UInt64(length))
        let code = try QRCode.encode(prefixedNumericText: text, errorCorrection: level)
        #expect(code.errorCorrection == level)
        #expect(code.size == 17 + 4 * code.version)
        let png = try PNG.encode(code.render(modulePixels: 3), bitDepth: 1, dpi: 300)
        let decoded = try PNG.decode(png)
        let symbols = try QRScanner.scan(decoded, readers: readers)
        #expect(symbols.map(\.text) == [text], "length \(length) level \(level) readers \(readers)")
        #expect(symbols.first?.bytes == Array(text.utf8))
        // The first reader of the order reads a clean image: the reader used is observable.
        #expect(symbols.first?.reader == readers.first)
    }

    @Test("the default order is ZXing-C++ then zbar, and ZXing reads first")
    func defaultOrder() throws {
        #expect(QRReader.standard == [.zxing, .zbar])
        let text = "PHR1:" + TestData.digits(400, seed: 4)
        let image = try QRCode.encode(prefixedNumericText: text, errorCorrection: .M).render(modulePixels: 3)
        #expect(try QRScanner.scan(image).map(\.reader) == [.zxing])
        #expect(try QRScanner.scan(image, readers: [.zbar, .zxing]).map(\.reader) == [.zbar])
        #expect(QRScanner.zxingVersion.hasPrefix("1."))
        #expect(QRReader.readers(parsing: "zbar") == [.zbar])
        #expect(QRReader.readers(parsing: "auto") == [.zxing, .zbar])
        #expect(QRReader.readers(parsing: "zxing,zbar") == [.zxing, .zbar])
        #expect(QRReader.readers(parsing: "zxing,zxing") == nil)
        #expect(QRReader.readers(parsing: "quirc") == nil)
        #expect(QRReader.readers(parsing: "") == nil)
        #expect(TestData.error { () throws(ImagingError) in try QRScanner.scan(image, readers: []) }?.kind == .invalidParameter)
    }

    @Test("byte segment with all 256 byte values comes back exactly (no charset conversion), each reader",
          arguments: readers)
    func binaryBytes(readers: [QRReader]) throws {
        let payload = (0...255).map { UInt8($0) }
        let code = try QRCode.encode(segments: [.byte(payload)], errorCorrection: .M)
        let symbols = try QRScanner.scan(code.render(modulePixels: 3), readers: readers)
        #expect(symbols.map(\.bytes) == [payload])
    }

    @Test("mixed byte + alphanumeric + numeric segments round trip, each reader", arguments: readers)
    func mixedSegments(readers: [QRReader]) throws {
        let digits = TestData.digits(200, seed: 3)
        let code = try QRCode.encode(segments: [.byte(Array("hello ".utf8)), .alphanumeric("ABC-12:"),
                                                .numeric(digits)], errorCorrection: .Q)
        let symbols = try QRScanner.scan(code.render(modulePixels: 3), readers: readers)
        #expect(symbols.map(\.text) == ["hello ABC-12:" + digits])
    }

    @Test("8-bit PNG round trip")
    func eightBitPNG() throws {
        let text = "PHR1:" + TestData.digits(300)
        let image = try QRCode.encode(prefixedNumericText: text, errorCorrection: .M).render(modulePixels: 2)
        let png = try PNG.encode(image, bitDepth: 8, dpi: 600)
        #expect(png[24] == 8 && png[25] == 0)
        let decoded = try PNG.decode(png)
        #expect(decoded == image)
        #expect(try QRScanner.scan(decoded).map(\.text) == [text])
    }

    @Test("JPEG quality 75 round trip scans")
    func jpegRoundTrip() throws {
        let text = "PHR1:" + TestData.digits(500, seed: 9)
        let image = try QRCode.encode(prefixedNumericText: text, errorCorrection: .M).render(modulePixels: 4)
        let jpeg = try JPEG.encode(image, quality: 75)
        #expect(Array(jpeg.prefix(3)) == [0xFF, 0xD8, 0xFF])
        let decoded = try ImageFile.decode(jpeg)
        #expect(decoded.width == image.width && decoded.height == image.height)
        #expect(try QRScanner.scan(decoded).map(\.text) == [text])
    }

    @Test("JPEG of a card rotated 7° and slightly blurred still scans, each reader", arguments: readers)
    func rotatedBlurredJPEG(readers: [QRReader]) throws {
        let text = "PHR1:" + TestData.digits(500, seed: 11)
        let image = try QRCode.encode(prefixedNumericText: text, errorCorrection: .M).render(modulePixels: 4)
        let photo = image.rotated(degrees: 7).blurred(radius: 1)
        let decoded = try JPEG.decode(try JPEG.encode(photo, quality: 75))
        #expect(try QRScanner.scan(decoded, readers: readers).map(\.text) == [text])
    }

    @Test("noisy, rotated, unevenly lit image scans after preprocessing")
    func noisyImage() throws {
        let text = "PHR1:" + TestData.digits(120, seed: 5)
        let image = try QRCode.encode(prefixedNumericText: text, errorCorrection: .M).render(modulePixels: 5)
        let photo = image.rotated(degrees: 11).blurred(radius: 1).withLighting(gradient: 0.3)
            .withNoise(sigma: 12, seed: 42)
        #expect(try QRScanner.scan(photo).map(\.text) == [text])
    }

    @Test("an image with two QR codes returns both, each reader", arguments: readers)
    func twoCodes(readers: [QRReader]) throws {
        let a = try QRCode.encode(prefixedNumericText: "A:" + TestData.digits(60, seed: 1), errorCorrection: .M)
            .render(modulePixels: 3)
        let b = try QRCode.encode(prefixedNumericText: "B:" + TestData.digits(80, seed: 2), errorCorrection: .M)
            .render(modulePixels: 3)
        let height = max(a.height, b.height)
        let width = a.width + b.width
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<a.height { for x in 0..<a.width { pixels[y * width + x] = a.pixels[y * a.width + x] } }
        for y in 0..<b.height {
            for x in 0..<b.width { pixels[y * width + a.width + x] = b.pixels[y * b.width + x] }
        }
        let symbols = try QRScanner.scan(GrayImage(width: width, height: height, pixels: pixels), readers: readers)
        #expect(Set(symbols.map(\.text))
            == ["A:" + TestData.digits(60, seed: 1), "B:" + TestData.digits(80, seed: 2)])
    }

    @Test("images without a QR code throw image.no-qr-code, each reader", arguments: readers)
    func noCode(readers: [QRReader]) throws {
        let blank = try GrayImage(width: 200, height: 150, pixels: [UInt8](repeating: 255, count: 30_000))
        #expect(TestData.error { () throws(ImagingError) in try QRScanner.scan(blank, readers: readers) }?.kind == .noQRCode)
        let noise = try GrayImage(width: 200, height: 150, pixels: TestData.bytes(30_000))
        let error = TestData.error { () throws(ImagingError) in try QRScanner.scan(noise, readers: readers) }
        #expect(error?.code == "image.no-qr-code")
        #expect(error?.message.contains(readers.contains(.zxing) ? "ZXing-C++" : "zbar") == true)
    }

    @Test("a 1×1 image and a tiny image are handled by both readers")
    func tinyImages() throws {
        for readers in Self.readers {
            let one = try GrayImage(width: 1, height: 1, pixels: [0])
            #expect(TestData.error { () throws(ImagingError) in try QRScanner.scan(one, readers: readers) }?.kind == .noQRCode)
        }
    }
}
