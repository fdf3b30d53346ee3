/// A QR decoder that ``QRScanner`` can use.
public enum QRReader: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ZXing-C++ (Debian `libzxing-dev`): full perspective handling and a local-average binariser; tries harder,
    /// rotated and downscaled.
    case zxing
    /// libzbar, retried on preprocessed variants (2× downscale, median, blur, Otsu binarisation).
    case zbar

    /// The order ``QRScanner/scan(_:readers:)`` uses by default: ZXing-C++ first, zbar when it finds nothing.
    public static let standard: [QRReader] = [.zxing, .zbar]

    /// Parses `zxing`, `zbar`, or a comma-separated order such as `zxing,zbar`; `auto` is ``standard``.
    /// - Returns: nil if a name is unknown, repeated, or the list is empty.
    public static func readers(parsing text: String) -> [QRReader]? {
        if text == "auto" { return standard }
        let names = text.split(separator: ",").map { String($0) }
        let readers = names.compactMap(QRReader.init(rawValue:))
        guard !readers.isEmpty, readers.count == names.count, Set(readers).count == readers.count else { return nil }
        return readers
    }

    public var description: String { rawValue }
}
