internal import CZXingShim

/// QR reading with ZXing-C++ through the C interface of `CZXingShim` (`phr_zxing.h`).
enum ZXingReader {
    /// The enlargements tried in turn: as given, then 2× and 3× (bilinear). ZXing-C++ 1.4 misreads many worn
    /// photos with about 4 pixels per module that it reads once they are enlarged (docs/robustness.md).
    static let scales = [1, 2, 3]
    /// Enlargements stop before the enlarged image would exceed this many pixels (a 1920×1080 frame is
    /// enlarged 2×, not 3×).
    static let maxScaledPixels = 12_000_000

    /// ZXing passes (QR only, try-harder, rotations, downscaling) over the image as given and then enlarged
    /// (``scales``) until one finds a symbol; the symbols' exact bytes.
    /// - Throws: `.scanner` if ZXing fails (an exception inside the library, reported by the shim).
    static func scan(_ image: GrayImage) throws(ImagingError) -> [ScannedSymbol] {
        for scale in scales where scale == 1 || image.width * image.height * scale * scale <= maxScaledPixels {
            let found = try scanOnce(image, scale: scale)
            if !found.isEmpty { return found }
        }
        return []
    }

    /// One ZXing pass over the image enlarged `scale` times (1 = as given).
    /// - Throws: `.imageTooLarge` above `PHR_ZXING_MAX_SCALED_PIXELS` (64 Mi pixels: larger than any image
    ///   `ImageFile` decodes).
    static func scanOnce(_ image: GrayImage, scale: Int = 1) throws(ImagingError) -> [ScannedSymbol] {
        try image.validate()
        guard image.width * image.height * scale * scale <= PHR_ZXING_MAX_SCALED_PIXELS else {
            throw ImagingError(.imageTooLarge, "the \(image.width)x\(image.height) image is too large for ZXing-C++ "
                + "enlarged \(scale)x (at most \(PHR_ZXING_MAX_SCALED_PIXELS) pixels)")
        }
        var results: OpaquePointer?
        var message = [CChar](repeating: 0, count: 256)
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            message.withUnsafeMutableBufferPointer { text in
                phr_zxing_read(pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(image.width),
                               Int32(scale), &results, text.baseAddress, text.count)
            }
        }
        defer { phr_zxing_results_free(results) }
        guard Int(status) == PHR_ZXING_OK else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImagingError(.scanner, "ZXing-C++ failed on the \(image.width)x\(image.height) image: \(reason)")
        }
        var symbols: [ScannedSymbol] = []
        for i in 0..<phr_zxing_results_count(results) {
            var length = 0
            guard let data = phr_zxing_results_bytes(results, i, &length) else { continue }
            symbols.append(ScannedSymbol(bytes: Array(UnsafeBufferPointer(start: data, count: length)), reader: .zxing))
        }
        return symbols
    }

    /// The ZXing-C++ version linked, e.g. `1.4.0`.
    static var version: String { String(cString: phr_zxing_version()) }
}
