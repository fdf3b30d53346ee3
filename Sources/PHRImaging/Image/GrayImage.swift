/// An 8-bit greyscale bitmap: row-major, 0 = black, 255 = white.
public struct GrayImage: Sendable, Equatable {
    /// Width in pixels (> 0).
    public let width: Int
    /// Height in pixels (> 0).
    public let height: Int
    /// `width × height` pixel values, row by row.
    public var pixels: [UInt8]

    /// Creates an image after checking the dimensions.
    /// - Throws: `.invalidParameter` if a dimension is not positive or `pixels.count != width × height`.
    public init(width: Int, height: Int, pixels: [UInt8]) throws(ImagingError) {
        guard width > 0, height > 0 else {
            throw ImagingError(.invalidParameter, "image dimensions \(width)x\(height) must be positive")
        }
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels.count == count else {
            throw ImagingError(.invalidParameter,
                               "\(pixels.count) pixels do not match dimensions \(width)x\(height)")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Internal initialiser for callers that guarantee consistency.
    init(uncheckedWidth width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Checks that `pixels` still holds exactly `width × height` values (it is a public `var`, so a caller may
    /// have replaced it). Every path that hands the buffer to C calls this first.
    /// - Throws: `.invalidParameter` on a mismatch.
    func validate() throws(ImagingError) {
        guard pixels.count == width * height else {
            throw ImagingError(.invalidParameter,
                               "image has \(pixels.count) pixels but its dimensions \(width)x\(height) need \(width * height)")
        }
    }

    /// Pixel at (x, y) with coordinates clamped to the image.
    @inline(__always)
    func clampedPixel(_ x: Int, _ y: Int) -> UInt8 {
        pixels[min(max(y, 0), height - 1) * width + min(max(x, 0), width - 1)]
    }
}
