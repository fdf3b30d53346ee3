/// An error from compressing or decompressing with zlib: what went wrong and why.
public struct DeflateError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of error; the raw value is the stable code suffix.
    public enum Kind: String, Sendable {
        /// Decompressed output would exceed `maxOutputSize` (decompression bomb guard).
        case outputTooLarge = "output-too-large"
        /// The input ends before the end of the compressed stream.
        case truncated
        /// The input is not a valid stream (bad block, bad header or checksum).
        case corrupt
        /// Bytes follow the end of the compressed stream.
        case trailingData = "trailing-data"
        /// The stream needs a preset dictionary, or refers to data before its start (missing or wrong dictionary).
        case dictionaryMismatch = "dictionary-mismatch"
        /// zlib failed for another reason (memory, bad parameters).
        case `internal`
    }

    /// What went wrong.
    public let kind: Kind
    /// Input byte offset where the problem was found (bytes consumed by zlib so far).
    public let offset: Int
    /// A human-readable explanation, including zlib's message when it gave one.
    public let message: String

    /// The stable dotted error code, e.g. `deflate.output-too-large`.
    public var code: String { "deflate." + kind.rawValue }

    /// `code at byte N: message`.
    public var description: String { "\(code) at byte \(offset): \(message)" }

    /// Creates an error.
    public init(_ kind: Kind, offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }
}
