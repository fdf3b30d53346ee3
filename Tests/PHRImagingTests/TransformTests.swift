import Testing
import PHRImaging

@Suite("Test-image transforms")
struct TransformTests {
    static let checker = try! GrayImage(width: 8, height: 6, pixels: (0..<48).map { ($0 % 8 + $0 / 8) % 2 == 0 ? 0 : 255 })

    @Test("scaled(by:) changes the size; a uniform image stays uniform")
    func scaled() throws {
        #expect(Self.checker.scaled(by: 2).width == 16 && Self.checker.scaled(by: 2).height == 12)
        #expect(Self.checker.scaled(by: 0.5).width == 4)
        let grey = try GrayImage(width: 5, height: 5, pixels: [UInt8](repeating: 77, count: 25))
        #expect(grey.scaled(by: 1.7).pixels.allSatisfy { $0 == 77 })
        #expect(Self.checker.scaled(by: 1) == Self.checker)
    }

    @Test("rotated(degrees:) 90° swaps dimensions and moves pixels; 0° is identity")
    func rotated() throws {
        let image = try GrayImage(width: 4, height: 2, pixels: [0, 255, 255, 255, 255, 255, 255, 255])
        let r = image.rotated(degrees: 90)
        #expect(r.width == 2 && r.height == 4)
        // Counter-clockwise: the top-left pixel goes to the bottom-left.
        #expect(r.pixels[3 * 2 + 0] == 0)
        #expect(r.pixels.filter { $0 == 0 }.count == 1)
        #expect(image.rotated(degrees: 0) == image)
        let tilted = Self.checker.rotated(degrees: 30)
        #expect(tilted.width > 8 && tilted.pixels[0] == 255)  // white corner background
    }

    @Test("blurred, withNoise, withLighting")
    func degradations() throws {
        #expect(Self.checker.blurred(radius: 0) == Self.checker)
        let grey = try GrayImage(width: 6, height: 6, pixels: [UInt8](repeating: 100, count: 36))
        #expect(grey.blurred(radius: 2) == grey)
        #expect(Self.checker.blurred(radius: 1).pixels.allSatisfy { $0 > 0 && $0 < 255 })
        #expect(grey.withNoise(sigma: 10, seed: 1) == grey.withNoise(sigma: 10, seed: 1))
        #expect(grey.withNoise(sigma: 10, seed: 1) != grey.withNoise(sigma: 10, seed: 2))
        #expect(grey.withNoise(sigma: 0, seed: 1) == grey)
        let white = try GrayImage(width: 11, height: 1, pixels: [UInt8](repeating: 255, count: 11))
        let lit = white.withLighting(gradient: 0.4)
        #expect(lit.pixels.first == 255 && lit.pixels.last == 153)  // 255 × 0.6
        #expect(white.withLighting(gradient: 0) == white)
    }
}
