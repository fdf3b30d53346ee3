import Foundation

/// Text rules shared by decoding, validation and encoding: NFC normalisation, control characters, quoting.
internal enum RecordText {
    /// The text in Unicode Normalization Form C (Foundation's canonical composition; works on Linux too).
    /// ASCII text is returned as it is: every ASCII string is already in NFC (UAX #15: no ASCII character has a
    /// decomposition or combines), and skipping Foundation keeps `verify` near the cost of its signature check.
    static func nfc(_ text: String) -> String {
        if isASCII(text) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Whether every UTF-8 byte of the text is below 0x80.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
    }

    /// The first control character (Unicode general category Cc) in the text, ignoring newline and tab when
    /// `allowingLineBreaks` is set.
    static func firstControlCharacter(in text: String, allowingLineBreaks: Bool) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            guard scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) else { return false }
            return !(allowingLineBreaks && (scalar == "\n" || scalar == "\t"))
        }
    }

    /// Whether the text is empty or only whitespace.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// The text as a JSON string literal for messages, cut to `limit` characters with an ellipsis.
    static func quoted(_ text: String, limit: Int = 40) -> String {
        let shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return "\"" + JSONWriter.escaped(shown) + "\""
    }

    /// `U+000D` style name of a scalar.
    static func scalarName(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Appends a member name to a JSON path: `.name` for plain names, `["name"]` for anything else.
    static func path(_ parent: String, _ name: String) -> String {
        let plain = !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-")
        }
        if plain { return parent.isEmpty ? name : "\(parent).\(name)" }
        return "\(parent)[\(quoted(name))]"
    }

    /// Appends an array index to a JSON path: `parent[3]`.
    static func path(_ parent: String, index: Int) -> String {
        "\(parent)[\(index)]"
    }
}
