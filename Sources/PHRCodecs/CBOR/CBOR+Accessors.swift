extension CBOR {
    /// An integer data item: `.unsignedInt` for `v >= 0`, otherwise `.negativeInt(-1 - v)`.
    public static func int(_ v: Int64) -> CBOR {
        v >= 0 ? .unsignedInt(UInt64(v)) : .negativeInt(UInt64(-1 - v))
    }

    /// A map built from key/value pairs, kept in the given order.
    @_disfavoredOverload
    public static func map(_ pairs: [(CBOR, CBOR)]) -> CBOR {
        .map(pairs.map { Entry($0.0, $0.1) })
    }

    /// The integer value, or nil if this is not an integer or it is outside `Int64`.
    public var intValue: Int64? {
        switch self {
        case .unsignedInt(let n): return n <= UInt64(Int64.max) ? Int64(n) : nil
        case .negativeInt(let n): return n <= UInt64(Int64.max) ? -1 - Int64(n) : nil
        default: return nil
        }
    }

    /// The value of an unsigned integer, or nil for anything else.
    public var uint64Value: UInt64? {
        if case .unsignedInt(let n) = self { return n }
        return nil
    }

    /// The bytes of a byte string, or nil.
    public var bytesValue: [UInt8]? {
        if case .byteString(let b) = self { return b }
        return nil
    }

    /// The text of a text string, or nil.
    public var stringValue: String? {
        if case .textString(let s) = self { return s }
        return nil
    }

    /// The elements of an array, or nil.
    public var arrayValue: [CBOR]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The entries of a map (in stored order), or nil.
    public var mapEntries: [CBOR.Entry]? {
        if case .map(let m) = self { return m }
        return nil
    }

    /// Looks up `key` in a map; nil if this is not a map or the key is absent.
    /// (Disfavoured so that `item[1]` with an integer literal uses the `Int64` subscript unambiguously.)
    @_disfavoredOverload
    public subscript(key: CBOR) -> CBOR? {
        guard case .map(let entries) = self else { return nil }
        for entry in entries where entry.key == key { return entry.value }
        return nil
    }

    /// Looks up an integer key in a map; nil if this is not a map or the key is absent.
    public subscript(intKey: Int64) -> CBOR? {
        self[CBOR.int(intKey)]
    }
}

extension CBOR: ExpressibleByIntegerLiteral {
    /// An integer literal becomes `.unsignedInt` or `.negativeInt`.
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension CBOR: ExpressibleByStringLiteral {
    /// A string literal becomes `.textString`.
    public init(stringLiteral value: String) { self = .textString(value) }
}

extension CBOR: ExpressibleByArrayLiteral {
    /// An array literal becomes `.array`.
    public init(arrayLiteral elements: CBOR...) { self = .array(elements) }
}

extension CBOR: ExpressibleByBooleanLiteral {
    /// A Boolean literal becomes `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
