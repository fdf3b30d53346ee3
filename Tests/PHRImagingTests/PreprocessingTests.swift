import Testing
@testable import PHRImaging

@Suite("Scanner preprocessing")
struct PreprocessingTests {
    @Test("Otsu threshold separates a bimodal histogram")
    func otsu() throws {
        let pixels = [UInt8](repeating: 40, count: 60) + [UInt8](repeating: 200, count: 40)
        let image = try GrayImage(width: 10, height: 10, pixels: pixels)
        let t = Preprocessing.otsuThreshold(image)
        #expect(t >= 40 && t < 200)
        #expect(Preprocessing.otsuBinarised(image).pixels == [UInt8](repeating: 0, count: 60) + [UInt8](repeating: 255, count: 40))
    }

    @Test("3x3 median removes isolated salt-and-pepper pixels")
    func median() throws {
        var pixels = [UInt8](repeating: 255, count: 25)
        pixels[12] = 0
        let image = try GrayImage(width: 5, height: 5, pixels: pixels)
        #expect(Preprocessing.median3x3(image).pixels.allSatisfy { $0 == 255 })
    }

    @Test("2x downscale averages 2x2 blocks")
    func downscale() throws {
        let image = try GrayImage(width: 4, height: 2, pixels: [0, 255, 10, 10, 255, 0, 20, 20])
        let small = Preprocessing.downscale2x(image)
        #expect(small.width == 2 && small.height == 1 && small.pixels == [128, 15])
    }

    @Test("noisy photo fails a plain zbar pass but scans through the preprocessing retries")
    func retriesNeeded() throws {
        let text = "PHR1:" + TestData.digits(120, seed: 5)
        let image = try QRCode.encode(prefixedNumericText: text, errorCorrection: .M).render(modulePixels: 5)
        let photo = image.rotated(degrees: 11).blurred(radius: 1).withLighting(gradient: 0.3)
            .withNoise(sigma: 40, seed: 42)
        #expect(try QRScanner.scanOnce(photo).isEmpty)
        #expect(try QRScanner.scan(photo, readers: [.zbar]).map(\.text) == [text])
    }
}
