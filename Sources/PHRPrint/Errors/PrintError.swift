/// An error from laying out or rendering a printed card.
///
/// `code` is stable (`print.<kind>`); `message` says what failed, where and what to do about it.
public struct PrintError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of failure; its raw value is the suffix of ``code``.
    public enum Kind: String, Sendable, CaseIterable {
        /// The QR code (with its quiet zone) at the requested module size does not fit the chosen layout.
        case qrTooLarge = "qr-too-large"
        /// A parameter is out of range (module size, resolution, empty sheet, too many cards, ...).
        case invalidParameter = "invalid-parameter"
        /// Encoding one of the QR codes failed.
        case qrEncoding = "qr-encoding"
        /// cairo or Pango reported an error while drawing or writing.
        case rendering = "rendering"
        /// Writing the preview PNG failed.
        case pngEncode = "png-encode"
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// A human-readable explanation.
    public let message: String

    /// Creates an error of the given kind with an explanation.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The stable, dotted, lowercase error code, e.g. `print.qr-too-large`.
    public var code: String { "print." + kind.rawValue }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    public static func == (lhs: PrintError, rhs: PrintError) -> Bool { lhs.kind == rhs.kind }
}
