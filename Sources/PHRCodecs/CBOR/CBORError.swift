/// An error from decoding CBOR: what went wrong (`kind`), at which byte offset of the input, and why.
public struct CBORError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of a CBOR decoding error; the raw value is the stable code suffix.
    public enum Kind: String, Sendable {
        /// The input ends inside a data item.
        case truncated
        /// Bytes follow the one top-level data item.
        case trailingBytes = "trailing-bytes"
        /// Arrays, maps and tags nest deeper than `maxDepth`.
        case tooDeep = "too-deep"
        /// The input holds more data items than `maxItems`.
        case tooManyItems = "too-many-items"
        /// The input is longer than `maxInputSize`.
        case inputTooLarge = "input-too-large"
        /// A string, array or map claims more bytes or items than the input has left.
        case lengthExceedsInput = "length-exceeds-input"
        /// A map has the same key twice.
        case duplicateKey = "duplicate-key"
        /// A text string is not valid UTF-8.
        case invalidUTF8 = "invalid-utf8"
        /// The encoding is well-formed but not core deterministic (for example a longer argument than needed, or map keys out of order).
        case nonDeterministic = "non-deterministic"
        /// An indefinite-length item where the options forbid it.
        case indefiniteLength = "indefinite-length"
        /// A reserved additional-information value (28 to 30), or 31 (indefinite) where no item can have it.
        case reservedValue = "reserved-value"
        /// A break byte (`0xff`) outside an indefinite-length item.
        case unexpectedBreak = "unexpected-break"
        /// A simple value below 32 written in two bytes (RFC 8949 §3.3).
        case invalidSimpleValue = "invalid-simple-value"
    }

    /// What went wrong.
    public let kind: Kind
    /// Byte offset in the input where the offending item (or the problem) starts.
    public let offset: Int
    /// A human-readable explanation.
    public let message: String

    /// The stable dotted error code, e.g. `cbor.truncated`.
    public var code: String { "cbor." + kind.rawValue }

    /// `code at byte N: message`.
    public var description: String { "\(code) at byte \(offset): \(message)" }

    /// Creates an error.
    public init(_ kind: Kind, offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }
}
