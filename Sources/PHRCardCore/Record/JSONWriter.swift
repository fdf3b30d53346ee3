/// Writes a ``JSONValue`` as UTF-8 JSON: member order as given, numbers as their literal text, non-ASCII text
/// unescaped. Pretty output uses two-space indentation, `"name": value` and a final newline, like the samples.
package enum JSONWriter {
    /// Serialises a value.
    /// - Parameters:
    ///   - value: the value.
    ///   - prettyPrinted: indented multi-line output (with a final newline) or the most compact form.
    package static func write(_ value: JSONValue, prettyPrinted: Bool) -> [UInt8] {
        var out: [UInt8] = []
        write(value, prettyPrinted: prettyPrinted, indent: 0, into: &out)
        if prettyPrinted { out.append(0x0A) }
        return out
    }

    private static func write(_ value: JSONValue, prettyPrinted: Bool, indent: Int, into out: inout [UInt8]) {
        func newline(_ level: Int) {
            guard prettyPrinted else { return }
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: level * 2))
        }
        switch value {
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (offset, member) in members.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                out.append(contentsOf: Array(("\"" + escaped(member.name) + "\"").utf8))
                out.append(UInt8(ascii: ":"))
                if prettyPrinted { out.append(0x20) }
                write(member.value, prettyPrinted: prettyPrinted, indent: indent + 1, into: &out)
            }
            if !members.isEmpty { newline(indent) }
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                write(item, prettyPrinted: prettyPrinted, indent: indent + 1, into: &out)
            }
            if !items.isEmpty { newline(indent) }
            out.append(UInt8(ascii: "]"))
        case .string(let text):
            out.append(contentsOf: Array(("\"" + escaped(text) + "\"").utf8))
        case .number(let literal):
            out.append(contentsOf: Array(literal.utf8))
        case .bool(let flag):
            out.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .null:
            out.append(contentsOf: Array("null".utf8))
        }
    }

    /// The JSON string escaping of a text (without the quotes): `"`, `\` and C0 controls are escaped.
    package static func escaped(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\u{00}"..."\u{1F}":
                let digits = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
