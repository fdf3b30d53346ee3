/// An error from decoding the numeric text form: what went wrong, at which character index, and why.
public struct NumericTextError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of error; the raw value is the stable code suffix.
    public enum Kind: String, Sendable {
        /// A character that is not an ASCII digit `0`-`9`.
        case nonDigit = "non-digit"
        /// The number of digits is not `17 * n + r` with `r` in {0, 3, 5, 8, 10, 13, 15}.
        case badLength = "bad-length"
        /// A group's value does not fit its byte count.
        case groupOverflow = "group-overflow"
    }

    /// What went wrong.
    public let kind: Kind
    /// Character index in the text (for `badLength`, the digit count).
    public let offset: Int
    /// A human-readable explanation.
    public let message: String

    /// The stable dotted error code: `text.non-digit`, `text.bad-length` or `text.group-overflow`.
    public var code: String { "text." + kind.rawValue }

    /// `code at index N: message`.
    public var description: String { "\(code) at index \(offset): \(message)" }

    /// Creates an error.
    public init(_ kind: Kind, offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }
}
