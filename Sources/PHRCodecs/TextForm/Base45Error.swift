/// An error from decoding Base45: what went wrong, at which character index, and why.
public struct Base45Error: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of error; the raw value is the stable code suffix.
    public enum Kind: String, Sendable {
        /// A character outside the RFC 9285 alphabet.
        case invalidCharacter = "invalid-character"
        /// A length that leaves a single trailing character (length mod 3 == 1).
        case badLength = "bad-length"
        /// A triplet above 65535 or a final pair above 255.
        case overflow
    }

    /// What went wrong.
    public let kind: Kind
    /// Character index in the text (for `badLength`, the length).
    public let offset: Int
    /// A human-readable explanation.
    public let message: String

    /// The stable dotted error code: `base45.invalid-character`, `base45.bad-length` or `base45.overflow`.
    public var code: String { "base45." + kind.rawValue }

    /// `code at index N: message`.
    public var description: String { "\(code) at index \(offset): \(message)" }

    /// Creates an error.
    public init(_ kind: Kind, offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }
}
