import Foundation
import PHRImaging

/// A floating-point greyscale picture (0 = black, 255 = white) used between the damage steps, so that light,
/// blur and noise are not rounded to 8 bits until the camera "writes" the photo.
struct Canvas {
    let width: Int
    let height: Int
    var pixels: [Float]

    init(width: Int, height: Int, fill: Float) {
        self.width = width
        self.height = height
        pixels = [Float](repeating: fill, count: width * height)
    }

    /// Bilinear sample at a fractional position (pixel centres at integer + 0.5); `outside` beyond the edges.
    @inline(__always)
    func sample(_ x: Double, _ y: Double, outside: Float) -> Float {
        let fx = x - 0.5, fy = y - 0.5
        guard fx >= 0, fy >= 0, fx < Double(width - 1), fy < Double(height - 1) else { return outside }
        let x0 = Int(fx), y0 = Int(fy)
        let ax = Float(fx - Double(x0)), ay = Float(fy - Double(y0))
        let i = y0 * width + x0
        let top = pixels[i] + (pixels[i + 1] - pixels[i]) * ax
        let bottom = pixels[i + width] + (pixels[i + width + 1] - pixels[i + width]) * ax
        return top + (bottom - top) * ay
    }

    /// Separable Gaussian blur with standard deviation `sigma` pixels (kernel radius ⌈3σ⌉, edges clamped).
    func gaussianBlurred(sigma: Double) -> Canvas {
        guard sigma > 0 else { return self }
        let radius = Int((3 * sigma).rounded(.up))
        var kernel = (-radius...radius).map { Float(exp(-Double($0 * $0) / (2 * sigma * sigma))) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        var temp = Canvas(width: width, height: height, fill: 0)
        var out = Canvas(width: width, height: height, fill: 0)
        pixels.withUnsafeBufferPointer { src in
            temp.pixels.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    let row = y * width
                    for x in 0..<width {
                        var sum: Float = 0
                        for k in -radius...radius {
                            sum += kernel[k + radius] * src[row + min(max(x + k, 0), width - 1)]
                        }
                        dst[row + x] = sum
                    }
                }
            }
        }
        temp.pixels.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    for x in 0..<width {
                        var sum: Float = 0
                        for k in -radius...radius {
                            sum += kernel[k + radius] * src[min(max(y + k, 0), height - 1) * width + x]
                        }
                        dst[y * width + x] = sum
                    }
                }
            }
        }
        return out
    }

    /// Rounds and clamps to an 8-bit image.
    func grayImage() throws(ImagingError) -> GrayImage {
        try GrayImage(width: width, height: height,
                      pixels: pixels.map { UInt8(clamping: Int(($0).rounded())) })
    }
}
