/// An error from QR encoding, image decoding/encoding or QR scanning.
///
/// `code` is stable (`image.<kind>`); `message` is for humans and says what failed and why.
public struct ImagingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of failure; its raw value is the suffix of ``code``.
    public enum Kind: String, Sendable, CaseIterable {
        /// The QR segments do not fit in version 40 at the requested error-correction level.
        case qrTooLarge = "qr-too-large"
        /// libqrencode rejected the input (e.g. a non-digit in a numeric segment).
        case qrEncoding = "qr-encoding"
        /// The PNG data is malformed, truncated or unsupported.
        case pngDecode = "png-decode"
        /// Writing a PNG failed.
        case pngEncode = "png-encode"
        /// The JPEG data is malformed, truncated or unsupported.
        case jpegDecode = "jpeg-decode"
        /// Writing a JPEG failed.
        case jpegEncode = "jpeg-encode"
        /// The image declares dimensions above the allowed maximum.
        case imageTooLarge = "image-too-large"
        /// The bytes are neither PNG nor JPEG.
        case unknownImageFormat = "unknown-format"
        /// No QR code was found in the image (also after preprocessing).
        case noQRCode = "no-qr-code"
        /// A QR reader (ZXing-C++ or zbar) could not be set up or failed.
        case scanner = "scanner"
        /// A parameter is out of range (dimensions, pixel count, quality, bit depth, ...).
        case invalidParameter = "invalid-parameter"
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

    /// The stable, dotted, lowercase error code, e.g. `image.no-qr-code`.
    public var code: String { "image." + kind.rawValue }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
