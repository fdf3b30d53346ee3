/// A parsed JSON value that keeps what the record needs and `JSONSerialization` loses: the literal text of numbers
/// (so `54.0` and `61.2` survive exactly), the order of object members, and duplicate member names.
internal indirect enum JSONValue: Sendable, Hashable {
    /// An object's members in document order; duplicates are kept so the decoder can report them.
    case object([Member])
    case array([JSONValue])
    case string(String)
    /// The number's literal text exactly as it appeared (already checked against the RFC 8259 grammar).
    case number(String)
    case bool(Bool)
    case null

    /// One `"name": value` member of an object.
    internal struct Member: Sendable, Hashable {
        var name: String
        var value: JSONValue
    }

    /// The JSON type name used in messages ("object", "array", "string", "number", "boolean", "null").
    var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}
