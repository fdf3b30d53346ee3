/// The preset DEFLATE dictionary of card format version 1 (zlib `deflateSetDictionary`).
///
/// Built from the embedded `spec/dictionary/v1/` sources with the normative algorithm of
/// `spec/dictionary/v1/README.md`; it equals `spec/dictionary/v1/dictionary.bin` byte for byte.
public enum PresetDictionary {
    /// The dictionary version, tied to the card format version.
    public static let version = 1

    /// The largest dictionary zlib uses (its 32 KiB window).
    public static let maximumSize = 32768

    /// The dictionary bytes: (a) every display text, (b) the CBOR text encoding of every code that is
    /// not all digits, (c) every phrase (`=` lines as CBOR text), concatenated in that order.
    public static let bytes: [UInt8] = build(rows: DictionaryV1Tables.rows, phrases: DictionaryV1Tables.phrases)

    static func build(rows: [DictionaryV1Tables.Row], phrases: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for row in rows {
            out += Array(row.display.utf8)
        }
        for row in rows where !isNumericCode(system: row.system, code: row.code) {
            out += cborText(row.code)
        }
        for phrase in phrases {
            if phrase.hasPrefix("=") {
                out += cborText(String(phrase.dropFirst()))
            } else {
                out += Array(phrase.utf8)
            }
        }
        return out
    }

    /// Whether a code is all ASCII digits, after removing one hyphen for LOINC (`"718-7"`).
    static func isNumericCode(system: String, code: String) -> Bool {
        var bytes = Array(code.utf8)
        if system == "loinc", let hyphen = bytes.firstIndex(of: UInt8(ascii: "-")) {
            bytes.remove(at: hyphen)
        }
        return !bytes.isEmpty && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The CBOR (RFC 8949) definite-length text string encoding: major type 3 header, then UTF-8.
    /// Pieces are short by construction (`scripts/build-dictionary` rejects longer ones).
    static func cborText(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        let count = utf8.count
        let header: [UInt8]
        switch count {
        case 0..<24: header = [0x60 | UInt8(count)]
        case 24...0xFF: header = [0x78, UInt8(count)]
        case 0x100...0xFFFF: header = [0x79, UInt8(count >> 8), UInt8(count & 0xFF)]
        default: preconditionFailure("dictionary piece of \(count) bytes exceeds 65535")
        }
        return header + utf8
    }
}
