internal import CZBar

/// Reads QR codes from greyscale images: ZXing-C++ first, then libzbar (``QRReader/standard``).
public enum QRScanner {
    /// Finds every QR symbol in the image, trying the readers in order until one finds a symbol. Data bytes come
    /// back exactly (no character-set conversion); ``ScannedSymbol/reader`` tells which reader read them.
    ///
    /// - ``QRReader/zxing``: one ZXing-C++ pass (try-harder, rotations, downscaling).
    /// - ``QRReader/zbar``: a zbar pass on the image as given, then on preprocessed variants in turn — 2× box
    ///   downscale, 3×3 median, light box blur, Otsu binarisation, median then binarisation — until one yields
    ///   symbols.
    /// - Parameters:
    ///   - image: the image to scan.
    ///   - readers: the readers to try, in order (default ZXing-C++, then zbar; `[.zbar]` is the scanner of
    ///     PHRCard ≤ 0.x). Must not be empty.
    /// - Returns: the symbols found by the first reader that found any (at least one), in that reader's order.
    /// - Throws: `.invalidParameter` if `pixels` does not match the dimensions or `readers` is empty; `.noQRCode`
    ///   if no reader found a readable QR code; `.scanner` if a reader cannot be set up or fails.
    public static func scan(_ image: GrayImage, readers: [QRReader] = QRReader.standard) throws(ImagingError)
        -> [ScannedSymbol]
    {
        try image.validate()
        guard !readers.isEmpty else { throw ImagingError(.invalidParameter, "no QR reader given") }
        for reader in readers {
            let found: [ScannedSymbol]
            switch reader {
            case .zxing: found = try ZXingReader.scan(image)
            case .zbar: found = try scanWithZBar(image)
            }
            if !found.isEmpty { return found }
        }
        let tried = readers.map { $0 == .zxing ? "ZXing-C++" : "zbar with downscaled, median-filtered, blurred and binarised variants" }
        throw ImagingError(.noQRCode, "no QR code found in the \(image.width)x\(image.height) image (tried "
            + tried.joined(separator: ", then ") + ")")
    }

    /// The version of ZXing-C++ linked, e.g. `1.4.0`.
    public static var zxingVersion: String { ZXingReader.version }

    /// zbar on the image, then on its preprocessed variants until one yields symbols; empty if none does.
    static func scanWithZBar(_ image: GrayImage) throws(ImagingError) -> [ScannedSymbol] {
        let first = try scanOnce(image)
        if !first.isEmpty { return first }
        for variant in Preprocessing.variants(of: image) {
            let found = try scanOnce(variant())
            if !found.isEmpty { return found }
        }
        return []
    }

    /// One zbar pass over the image as given (QR only, binary mode so data bytes come back unchanged).
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
                        symbols.append(ScannedSymbol(bytes: bytes, reader: .zbar))
                    }
                    symbol = zbar_symbol_next(current)
                }
            }
            zbar_image_set_data(zimage, nil, 0, nil)
            return symbols
        }
    }
}
