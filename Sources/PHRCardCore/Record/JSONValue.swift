/// A parsed JSON value that keeps what the record needs and `JSONSerialization` loses: the literal text of numbers
/// (so `54.0` and `61.2` survive exactly), the order of object members, and duplicate member names.
package indirect enum JSONValue: Sendable, Hashable {
    /// An object's members in document order; duplicates are kept so the decoder can report them.
    case object([Member])
    case array([JSONValue])
    case string(String)
    /// The number's literal text exactly as it appeared (already checked against the RFC 8259 grammar).
    case number(String)
    case bool(Bool)
    case null

    /// One `"name": value` member of an object.
    package struct Member: Sendable, Hashable {
        package var name: String
        package var value: JSONValue

        package init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// The JSON type name used in messages ("object", "array", "string", "number", "boolean", "null").
    package var typeName: String {
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
