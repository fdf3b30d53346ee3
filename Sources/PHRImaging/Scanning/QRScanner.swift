internal import CZBar

/// Reads QR codes from greyscale images with libzbar.
public enum QRScanner {
    /// Finds every QR symbol in the image (zbar, QR only, binary mode so data bytes come back unchanged).
    ///
    /// If nothing is found on the image as given, the scan is retried on preprocessed variants in turn — 2×
    /// box downscale, 3×3 median, light box blur, Otsu binarisation, median then binarisation — and the
    /// first variant that yields symbols wins.
    /// - Parameter image: the image to scan.
    /// - Returns: the symbols in zbar's order (at least one).
    /// - Throws: `.invalidParameter` if `pixels` does not match the dimensions; `.noQRCode` if no variant contains a readable QR code; `.scanner` if zbar cannot be set up.
    public static func scan(_ image: GrayImage) throws(ImagingError) -> [ScannedSymbol] {
        try image.validate()
        let first = try scanOnce(image)
        if !first.isEmpty { return first }
        for variant in Preprocessing.variants(of: image) {
            let found = try scanOnce(variant())
            if !found.isEmpty { return found }
        }
        throw ImagingError(.noQRCode, "no QR code found in the \(image.width)x\(image.height) image "
            + "(also tried downscaled, median-filtered, blurred and binarised variants)")
    }

    /// One zbar pass over the image as given.
    static func scanOnce(_ image: GrayImage) throws(ImagingError) -> [ScannedSymbol] {
        try image.validate()
        guard let scanner = zbar_image_scanner_create() else {
            throw ImagingError(.scanner, "zbar_image_scanner_create failed")
        }
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)
        guard let zimage = zbar_image_create() else {
            throw ImagingError(.scanner, "zbar_image_create failed")
        }
        defer { zbar_image_destroy(zimage) }
        zbar_image_set_format(zimage, zbar_fourcc_parse("Y800"))
        zbar_image_set_size(zimage, UInt32(image.width), UInt32(image.height))
        // zbar borrows the buffer (no cleanup handler), so scan and copy the results while it is pinned.
        return image.pixels.withUnsafeBytes { raw -> [ScannedSymbol] in
            zbar_image_set_data(zimage, raw.baseAddress, UInt(raw.count), nil)
            let found = zbar_scan_image(scanner, zimage)
            var symbols: [ScannedSymbol] = []
            if found > 0 {
                var symbol = zbar_image_first_symbol(zimage)
                while let current = symbol {
                    if zbar_symbol_get_type(current) == ZBAR_QRCODE, let data = zbar_symbol_get_data(current) {
                        let length = Int(zbar_symbol_get_data_length(current))
                        let bytes = data.withMemoryRebound(to: UInt8.self, capacity: length) {
                            Array(UnsafeBufferPointer(start: $0, count: length))
                        }
                        symbols.append(ScannedSymbol(bytes: bytes))
                    }
                    symbol = zbar_symbol_next(current)
                }
            }
            zbar_image_set_data(zimage, nil, 0, nil)
            return symbols
        }
    }
}
