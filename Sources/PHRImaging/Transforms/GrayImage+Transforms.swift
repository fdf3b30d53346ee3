import Foundation

// Test and benchmark helpers: simple, deterministic image degradations for robustness tests of the scanner.
// They are not meant for production image processing, hence `package`, not `public`.
extension GrayImage {
    /// Test/benchmark helper: bilinear rescale by `factor` (result at least 1×1).
    package func scaled(by factor: Double) -> GrayImage {
        let f = factor.isFinite && factor > 0 ? factor : 1
        let w = max(1, Int((Double(width) * f).rounded()))
        let h = max(1, Int((Double(height) * f).rounded()))
        var out = [UInt8](repeating: 255, count: w * h)
        for y in 0..<h {
            let sy = min(max(0, (Double(y) + 0.5) / f - 0.5), Double(height - 1))
            for x in 0..<w {
                let sx = min(max(0, (Double(x) + 0.5) / f - 0.5), Double(width - 1))
                out[y * w + x] = bilinear(sx, sy) ?? 255
            }
        }
        return GrayImage(uncheckedWidth: w, height: h, pixels: out)
    }

    /// Test/benchmark helper: rotates by `degrees` (counter-clockwise) about the centre with bilinear sampling;
    /// the canvas grows to hold the whole rotated image and uncovered areas are white.
    package func rotated(degrees: Double) -> GrayImage {
        let angle = degrees * .pi / 180
        let c = cos(angle), s = sin(angle)
        // Round away floating-point dust (cos 90° is 6e-17) before taking the ceiling.
        func extent(_ v: Double) -> Int { max(1, Int(((v * 1e6).rounded() / 1e6).rounded(.up))) }
        let w = extent(abs(Double(width) * c) + abs(Double(height) * s))
        let h = extent(abs(Double(width) * s) + abs(Double(height) * c))
        let cx = Double(width) / 2, cy = Double(height) / 2
        let ox = Double(w) / 2, oy = Double(h) / 2
        var out = [UInt8](repeating: 255, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let dx = Double(x) + 0.5 - ox, dy = Double(y) + 0.5 - oy
                // Inverse rotation (image y axis points down, so this turns the content counter-clockwise).
                let sx = c * dx - s * dy + cx - 0.5
                let sy = s * dx + c * dy + cy - 0.5
                out[y * w + x] = bilinear(sx, sy) ?? 255
            }
        }
        return GrayImage(uncheckedWidth: w, height: h, pixels: out)
    }

    /// Test/benchmark helper: separable box blur of the given radius in pixels (0 = unchanged).
    package func blurred(radius: Int) -> GrayImage {
        Preprocessing.boxBlur(self, radius: max(0, radius))
    }

    /// Test/benchmark helper: adds Gaussian noise with standard deviation `sigma` (0–255 scale), clamped,
    /// from a deterministic PRNG (SplitMix64 + Box–Muller) seeded with `seed`.
    package func withNoise(sigma: Double, seed: UInt64) -> GrayImage {
        var state = seed
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return (Double(z >> 11) + 0.5) / Double(1 << 53)
        }
        var out = pixels
        for i in out.indices {
            let gaussian = sqrt(-2 * log(next())) * cos(2 * .pi * next())
            out[i] = UInt8(clamping: Int((Double(out[i]) + sigma * gaussian).rounded()))
        }
        return GrayImage(uncheckedWidth: width, height: height, pixels: out)
    }

    /// Test/benchmark helper: uneven lighting. Each pixel is multiplied by a brightness falling linearly from
    /// 1 at the left edge to `1 - gradient` at the right edge (`gradient` clamped to 0...1).
    package func withLighting(gradient: Double) -> GrayImage {
        let g = min(max(gradient.isFinite ? gradient : 0, 0), 1)
        var out = pixels
        for y in 0..<height {
            for x in 0..<width {
                let factor = 1 - g * Double(x) / Double(max(1, width - 1))
                out[y * width + x] = UInt8(clamping: Int((Double(pixels[y * width + x]) * factor).rounded()))
            }
        }
        return GrayImage(uncheckedWidth: width, height: height, pixels: out)
    }

    /// Bilinear sample at a fractional position; nil outside the image.
    private func bilinear(_ x: Double, _ y: Double) -> UInt8? {
        guard x > -0.5, y > -0.5, x < Double(width) - 0.5, y < Double(height) - 0.5 else { return nil }
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Double(x0), fy = y - Double(y0)
        let p00 = Double(clampedPixel(x0, y0)), p10 = Double(clampedPixel(x0 + 1, y0))
        let p01 = Double(clampedPixel(x0, y0 + 1)), p11 = Double(clampedPixel(x0 + 1, y0 + 1))
        let top = p00 + (p10 - p00) * fx
        let bottom = p01 + (p11 - p01) * fx
        return UInt8(clamping: Int((top + (bottom - top) * fy).rounded()))
    }
}
