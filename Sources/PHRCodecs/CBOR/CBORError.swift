/// An error from decoding CBOR: what went wrong (`kind`), at which byte offset of the input, and why.
public struct CBORError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of a CBOR decoding error; the raw value is the stable code suffix.
    public enum Kind: String, Sendable {
        case truncated
        case trailingBytes = "trailing-bytes"
        case tooDeep = "too-deep"
        case tooManyItems = "too-many-items"
        case inputTooLarge = "input-too-large"
        case lengthExceedsInput = "length-exceeds-input"
        case duplicateKey = "duplicate-key"
        case invalidUTF8 = "invalid-utf8"
        case nonDeterministic = "non-deterministic"
        case indefiniteLength = "indefinite-length"
        case reservedValue = "reserved-value"
        case unexpectedBreak = "unexpected-break"
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
