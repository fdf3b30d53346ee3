/// A CBOR data item (RFC 8949), as decoded from bytes or built in code.
///
/// Equality and hashing compare data items: floats compare by bit pattern (so `-0.0 != 0.0`)
/// and every NaN equals every other NaN, matching the deterministic encoding, which writes all NaNs as `f97e00`.
/// Map entries compare in their stored order.
public indirect enum CBOR: Sendable {
    /// Major type 0: an unsigned integer.
    case unsignedInt(UInt64)
    /// Major type 1: the negative integer `-1 - n`.
    case negativeInt(UInt64)
    /// Major type 2: a byte string.
    case byteString([UInt8])
    /// Major type 3: a UTF-8 text string.
    case textString(String)
    /// Major type 4: an array of data items.
    case array([CBOR])
    /// Major type 5: a map, entries in the order constructed or decoded (the encoder sorts keys).
    case map([CBOR.Entry])
    /// Major type 6: a tag number and its content.
    case tagged(UInt64, CBOR)
    /// A simple value other than false/true/null/undefined (0...19 and 32...255).
    case simple(UInt8)
    /// The simple values `false` and `true`.
    case bool(Bool)
    /// The simple value `null`.
    case null
    /// The simple value `undefined`.
    case undefined
    /// A floating-point value (half, single or double on the wire).
    case float(Double)

    /// One key/value pair of a CBOR map.
    public struct Entry: Hashable, Sendable {
        /// The key.
        public var key: CBOR
        /// The value.
        public var value: CBOR
        /// Creates an entry from a key and a value.
        public init(_ key: CBOR, _ value: CBOR) {
            self.key = key
            self.value = value
        }
    }
}

extension CBOR: Hashable {
    /// Data-item equality (floats by bit pattern, all NaNs equal).
    public static func == (lhs: CBOR, rhs: CBOR) -> Bool {
        switch (lhs, rhs) {
        case let (.unsignedInt(a), .unsignedInt(b)): return a == b
        case let (.negativeInt(a), .negativeInt(b)): return a == b
        case let (.byteString(a), .byteString(b)): return a == b
        case let (.textString(a), .textString(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.map(a), .map(b)): return a == b
        case let (.tagged(t1, a), .tagged(t2, b)): return t1 == t2 && a == b
        case let (.simple(a), .simple(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null), (.undefined, .undefined): return true
        case let (.float(a), .float(b)): return CBOR.floatKey(a) == CBOR.floatKey(b)
        default: return false
        }
    }

    /// Hashes the data item consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .unsignedInt(let v): hasher.combine(0 as UInt8); hasher.combine(v)
        case .negativeInt(let v): hasher.combine(1 as UInt8); hasher.combine(v)
        case .byteString(let v): hasher.combine(2 as UInt8); hasher.combine(v)
        case .textString(let v): hasher.combine(3 as UInt8); hasher.combine(v)
        case .array(let v): hasher.combine(4 as UInt8); hasher.combine(v)
        case .map(let v): hasher.combine(5 as UInt8); hasher.combine(v)
        case .tagged(let t, let v): hasher.combine(6 as UInt8); hasher.combine(t); hasher.combine(v)
        case .simple(let v): hasher.combine(7 as UInt8); hasher.combine(v)
        case .bool(let v): hasher.combine(8 as UInt8); hasher.combine(v)
        case .null: hasher.combine(9 as UInt8)
        case .undefined: hasher.combine(10 as UInt8)
        case .float(let v): hasher.combine(11 as UInt8); hasher.combine(CBOR.floatKey(v))
        }
    }

    /// The bit pattern used for float equality: all NaNs collapse to one value.
    private static func floatKey(_ d: Double) -> UInt64 {
        d.isNaN ? 0x7FF8_0000_0000_0000 : d.bitPattern
    }
}
