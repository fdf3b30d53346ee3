/// Limits and strictness for `CBOR.decode`.
public struct CBORDecodingOptions: Sendable {
    /// Require RFC 8949 §4.2.1 core deterministic encoding: shortest integer/length/float forms,
    /// map keys sorted bytewise by encoding, no indefinite lengths.
    public var requireDeterministic: Bool
    /// Accept indefinite-length strings, arrays and maps (ignored as "allowed" when `requireDeterministic`).
    public var allowIndefiniteLength: Bool
    /// Maximum nesting of arrays, maps and tags (a top-level array has depth 1).
    public var maxDepth: Int
    /// Maximum total number of data items (every key, value, element, tag and string chunk counts).
    public var maxItems: Int
    /// Maximum input size in bytes.
    public var maxInputSize: Int

    /// Deterministic encoding required, no indefinite lengths, depth 16, 4096 items, 64 KiB.
    public static let strict = CBORDecodingOptions(
        requireDeterministic: true, allowIndefiniteLength: false, maxDepth: 16, maxItems: 4096, maxInputSize: 65536)

    /// Any well-formed item (indefinite lengths and non-shortest forms allowed), depth 64, 4096 items, 64 KiB.
    public static let lenient = CBORDecodingOptions(
        requireDeterministic: false, allowIndefiniteLength: true, maxDepth: 64, maxItems: 4096, maxInputSize: 65536)

    /// Creates options.
    /// - Parameters:
    ///   - requireDeterministic: reject anything not in core deterministic encoding.
    ///   - allowIndefiniteLength: accept indefinite-length items (never accepted when deterministic is required).
    ///   - maxDepth: maximum nesting of arrays, maps and tags.
    ///   - maxItems: maximum total data items.
    ///   - maxInputSize: maximum input size in bytes.
    public init(requireDeterministic: Bool, allowIndefiniteLength: Bool, maxDepth: Int = 16, maxItems: Int = 4096,
                maxInputSize: Int = 65536) {
        self.requireDeterministic = requireDeterministic
        self.allowIndefiniteLength = allowIndefiniteLength
        self.maxDepth = maxDepth
        self.maxItems = maxItems
        self.maxInputSize = maxInputSize
    }
}
