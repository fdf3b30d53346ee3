internal import CPNG
internal import CPHRShims

/// PNG reading (libpng simplified API) and greyscale writing (libpng through a setjmp C shim).
public enum PNG {
    /// The 8-byte PNG signature.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes a greyscale image as a PNG with a pHYs chunk.
    /// - Parameters:
    ///   - image: the image.
    ///   - bitDepth: 1 (bilevel: pixels below 128 are written black, others white) or 8.
    ///   - dpi: resolution stored in pHYs as pixels per metre = round(dpi / 0.0254).
    /// - Returns: the PNG file bytes.
    /// - Throws: `.invalidParameter` for a pixel buffer that does not match the dimensions, a bit depth other than 1/8 or a dpi that is not positive and finite
    ///   or too large; `.pngEncode` if libpng fails.
    public static func encode(_ image: GrayImage, bitDepth: Int = 1, dpi: Double) throws(ImagingError) -> [UInt8] {
        try image.validate()
        guard bitDepth == 1 || bitDepth == 8 else {
            throw ImagingError(.invalidParameter, "PNG bit depth must be 1 or 8, not \(bitDepth)")
        }
        guard dpi.isFinite, dpi > 0, dpi < 1_000_000 else {
            throw ImagingError(.invalidParameter, "dpi \(dpi) must be positive and below 1000000")
        }
        guard image.width <= Int(Int32.max), image.height <= Int(Int32.max) else {
            throw ImagingError(.invalidParameter, "image too large for PNG")
        }
        let ppm = UInt32((dpi / 0.0254).rounded())
        var out: UnsafeMutablePointer<UInt8>?
        var outLength = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            message.withUnsafeMutableBufferPointer { err in
                phr_png_write_gray(pixels.baseAddress, UInt32(image.width), UInt32(image.height), Int32(bitDepth),
                                   ppm, &out, &outLength, err.baseAddress, err.count)
            }
        }
        defer { phr_free(out) }
        guard status == 0, let out else {
            throw ImagingError(.pngEncode, "libpng: \(cMessage(message))")
        }
        return Array(UnsafeBufferPointer(start: out, count: outLength))
    }

    /// Decodes any PNG (greyscale, palette, RGB, RGBA, grey+alpha, 16-bit, interlaced) to 8-bit greyscale;
    /// transparent pixels are composed over white.
    ///
    /// Conversion follows libpng's simplified API: colour is converted with sRGB luminance weights, and a 16-bit
    /// file without gAMA/sRGB/iCCP information is treated as linear light, so its mid-greys come out lighter
    /// (black and white are unaffected).
    /// - Parameters:
    ///   - data: the PNG file bytes.
    ///   - maxDimension: largest accepted width or height; checked before any pixel buffer is allocated.
    /// - Returns: the greyscale image.
    /// - Throws: `.imageTooLarge` above `maxDimension`; `.pngDecode` for a bad signature or corrupt/truncated data.
    public static func decode(_ data: [UInt8], maxDimension: Int = 8000) throws(ImagingError) -> GrayImage {
        guard data.count >= 8, Array(data[0..<8]) == signature else {
            throw ImagingError(.pngDecode, "missing PNG signature")
        }
        // Check the IHDR dimensions ourselves first so nothing is allocated for an absurd claimed size.
        if data.count >= 24, Array(data[12..<16]) == Array("IHDR".utf8) {
            let w = readUInt32BE(data, at: 16)
            let h = readUInt32BE(data, at: 20)
            if Int(w) > maxDimension || Int(h) > maxDimension {
                throw ImagingError(.imageTooLarge, "PNG is \(w)x\(h), larger than the maximum \(maxDimension)")
            }
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        let begun = data.withUnsafeBytes { raw in
            png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count)
        }
        guard begun != 0 else {
            throw ImagingError(.pngDecode, "libpng: \(messageOf(&image))")
        }
        defer { png_image_free(&image) }
        let width = Int(image.width)
        let height = Int(image.height)
        guard width > 0, height > 0, width <= maxDimension, height <= maxDimension else {
            throw ImagingError(.imageTooLarge, "PNG is \(width)x\(height), larger than the maximum \(maxDimension)")
        }
        image.format = UInt32(PNG_FORMAT_GRAY)
        var pixels = [UInt8](repeating: 255, count: width * height)
        var white = png_color(red: 255, green: 255, blue: 255)
        let finished = data.withUnsafeBytes { _ in
            // `data` must stay alive until finish_read: libpng reads from the memory passed to begin_read.
            pixels.withUnsafeMutableBytes { buffer in
                png_image_finish_read(&image, &white, buffer.baseAddress, Int32(width), nil)
            }
        }
        guard finished != 0 else {
            throw ImagingError(.pngDecode, "libpng: \(messageOf(&image))")
        }
        return GrayImage(uncheckedWidth: width, height: height, pixels: pixels)
    }

    /// The resolution from a PNG's pHYs chunk in dots per inch (pixels per metre × 0.0254), or nil if there is
    /// no valid pHYs chunk with unit "metre" and equal x/y resolution before the first IDAT.
    public static func physicalDPI(_ data: [UInt8]) -> Double? {
        guard data.count >= 8, Array(data[0..<8]) == signature else { return nil }
        var offset = 8
        while offset + 12 <= data.count {
            let length = Int(readUInt32BE(data, at: offset))
            let type = String(decoding: data[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard length <= data.count - offset - 12 else { return nil }
            if type == "pHYs" {
                guard length == 9, data[offset + 16] == 1 else { return nil }
                let x = readUInt32BE(data, at: offset + 8)
                let y = readUInt32BE(data, at: offset + 12)
                guard x == y else { return nil }
                return Double(x) * 0.0254
            }
            if type == "IDAT" || type == "IEND" { return nil }
            offset += 12 + length
        }
        return nil
    }

    static func readUInt32BE(_ data: [UInt8], at offset: Int) -> UInt32 {
        UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8
            | UInt32(data[offset + 3])
    }

    private static func messageOf(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
