/// Format-sniffing image decoding.
public enum ImageFile {
    /// Decodes PNG or JPEG bytes to greyscale, chosen by the magic bytes (`89 50 4E 47 0D 0A 1A 0A` or `FF D8 FF`),
    /// with the default maximum dimension of 8000 pixels.
    /// - Throws: `.unknownImageFormat` for other data; otherwise the errors of ``PNG/decode(_:maxDimension:)``
    ///   and ``JPEG/decode(_:maxDimension:)``.
    public static func decode(_ data: [UInt8]) throws(ImagingError) -> GrayImage {
        if data.starts(with: PNG.signature) { return try PNG.decode(data) }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return try JPEG.decode(data) }
        let head = data.prefix(8).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: " ")
        throw ImagingError(.unknownImageFormat, "data is neither PNG nor JPEG (first bytes: \(head.isEmpty ? "none" : head))")
    }
}
