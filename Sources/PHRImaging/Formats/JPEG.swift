internal import CPHRShims

/// JPEG reading and writing with libjpeg-turbo, through a C shim that catches libjpeg's longjmp errors.
public enum JPEG {
    /// Decodes a JPEG (greyscale, YCbCr or CMYK) to 8-bit greyscale.
    /// - Parameters:
    ///   - data: the JPEG file bytes.
    ///   - maxDimension: largest accepted width or height; checked from the header before pixels are allocated.
    /// - Returns: the greyscale image.
    /// - Throws: `.imageTooLarge` above `maxDimension`; `.jpegDecode` for corrupt or truncated data.
    public static func decode(_ data: [UInt8], maxDimension: Int = 8000) throws(ImagingError) -> GrayImage {
        guard !data.isEmpty else { throw ImagingError(.jpegDecode, "empty input") }
        var out: UnsafeMutablePointer<UInt8>?
        var width: UInt32 = 0
        var height: UInt32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let limit = UInt32(clamping: max(0, maxDimension))
        let status = data.withUnsafeBufferPointer { bytes in
            message.withUnsafeMutableBufferPointer { err in
                phr_jpeg_decode_gray(bytes.baseAddress, bytes.count, limit, &out, &width, &height, err.baseAddress,
                                     err.count)
            }
        }
        defer { phr_free(out) }
        let text = cMessage(message)
        if status == 2 { throw ImagingError(.imageTooLarge, "JPEG: \(text)") }
        guard status == 0, let out, width > 0, height > 0 else {
            throw ImagingError(.jpegDecode, "libjpeg: \(text)")
        }
        let count = Int(width) * Int(height)
        return GrayImage(uncheckedWidth: Int(width), height: Int(height),
                         pixels: Array(UnsafeBufferPointer(start: out, count: count)))
    }

    /// Encodes a greyscale image as a baseline greyscale JPEG.
    /// - Parameters:
    ///   - image: the image (at most 65500 pixels per side).
    ///   - quality: libjpeg quality 1...100.
    /// - Returns: the JPEG file bytes.
    /// - Throws: `.invalidParameter` for a pixel buffer that does not match the dimensions, a quality outside 1...100 or dimensions above 65500; `.jpegEncode` if
    ///   libjpeg fails.
    public static func encode(_ image: GrayImage, quality: Int = 85) throws(ImagingError) -> [UInt8] {
        try image.validate()
        guard (1...100).contains(quality) else {
            throw ImagingError(.invalidParameter, "JPEG quality must be 1...100, not \(quality)")
        }
        guard image.width <= 65500, image.height <= 65500 else {
            throw ImagingError(.invalidParameter, "JPEG dimensions are limited to 65500, image is "
                + "\(image.width)x\(image.height)")
        }
        var out: UnsafeMutablePointer<UInt8>?
        var outLength = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            message.withUnsafeMutableBufferPointer { err in
                phr_jpeg_encode_gray(pixels.baseAddress, UInt32(image.width), UInt32(image.height), Int32(quality),
                                     &out, &outLength, err.baseAddress, err.count)
            }
        }
        defer { phr_free(out) }
        guard status == 0, let out else {
            throw ImagingError(.jpegEncode, "libjpeg: \(cMessage(message))")
        }
        return Array(UnsafeBufferPointer(start: out, count: outLength))
    }
}
