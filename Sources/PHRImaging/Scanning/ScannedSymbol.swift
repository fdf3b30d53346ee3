/// A QR symbol found by ``QRScanner``.
public struct ScannedSymbol: Sendable, Hashable {
    /// The data decoded as UTF-8 (invalid sequences replaced by U+FFFD).
    public let text: String
    /// The exact data bytes (zbar binary mode, no charset conversion).
    public let bytes: [UInt8]

    /// Creates a symbol from its data bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        self.text = String(decoding: bytes, as: UTF8.self)
    }
}
