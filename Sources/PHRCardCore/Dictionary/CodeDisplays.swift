/// The built-in table of standard display texts for common codes (dictionary format version 1).
///
/// When an entry's display text equals ``standardDisplay(system:code:)`` for its code, a card carries
/// `true` instead of the text and the decoder restores the text from this table. The table is the
/// normative file `spec/dictionary/v1/codes.tsv`, embedded verbatim and parsed once, on first use.
public enum CodeDisplays {
    private static let table: [String: String] = {
        var table: [String: String] = [:]
        for row in DictionaryV1Tables.rows {
            table[key(system: row.system, code: row.code)] = row.display
        }
        return table
    }()

    // Tab cannot occur in a system or code, so the joined key is unambiguous.
    private static func key(system: String, code: String) -> String {
        system + "\t" + code
    }

    /// The standard display text of a code, if the table has one.
    ///
    /// - Parameters:
    ///   - system: The code system as written on cards, e.g. `"cvx"`, `"loinc"`, `"icd10"`, `"icd11"`,
    ///     `"atc"`, `"snomed"` (case-sensitive).
    ///   - code: The code within that system, e.g. `"03"` or `"E11.9"` (case-sensitive, exact).
    /// - Returns: The display text, or `nil` when the code is not in the table.
    public static func standardDisplay(system: String, code: String) -> String? {
        table[key(system: system, code: code)]
    }

    /// The number of codes in the table.
    public static var count: Int { table.count }
}
