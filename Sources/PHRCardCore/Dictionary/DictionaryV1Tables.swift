/// The version-1 code table and phrase list, parsed from the embedded sources.
///
/// Parsing follows `spec/dictionary/v1/README.md`; `scripts/build-dictionary` validates the same files
/// (header, three non-empty fields per row, no duplicates), so the embedded text is well formed.
enum DictionaryV1Tables {
    /// One `codes.tsv` row.
    struct Row: Sendable, Equatable {
        let system: String
        let code: String
        let display: String
    }

    /// The `codes.tsv` rows in file order (header excluded).
    static let rows: [Row] = parseCodes(DictionaryV1Source.codesTSV)

    /// The `phrases.txt` entries in file order (comments and blank lines excluded), verbatim.
    static let phrases: [String] = parsePhrases(DictionaryV1Source.phrases)

    /// The lines of a text that ends with one newline (the final newline does not start a line).
    static func lines(_ text: String) -> [Substring] {
        var body = Substring(text)
        if body.hasSuffix("\n") { body = body.dropLast() }
        return body.split(separator: "\n", omittingEmptySubsequences: false)
    }

    static func parseCodes(_ text: String) -> [Row] {
        lines(text).dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            return Row(system: String(fields[0]), code: String(fields[1]), display: String(fields[2]))
        }
    }

    static func parsePhrases(_ text: String) -> [String] {
        lines(text).compactMap { line in
            line.isEmpty || line.hasPrefix("#") ? nil : String(line)
        }
    }
}
