/// A QR symbol found by ``QRScanner``.
public struct ScannedSymbol: Sendable, Hashable {
    /// The data decoded as UTF-8 (invalid sequences replaced by U+FFFD).
    public let text: String
    /// The exact data bytes (no charset conversion).
    public let bytes: [UInt8]
    /// The reader that read it.
    public let reader: QRReader

    /// Creates a symbol from its data bytes.
    public init(bytes: [UInt8], reader: QRReader) {
        self.bytes = bytes
        self.text = String(decoding: bytes, as: UTF8.self)
        self.reader = reader
    }
}
