/// The texts of one language from the project's single translation table, `spec/print/translations.tsv`: the
/// printed card's title and stub (`card.*`, every card language) and the officer's texts — verdicts and their
/// reasons, section titles, field labels, values of coded record fields, date patterns and the station's page
/// strings (every other key, in every *officer language*: `en fr ar el it hr sl de`).
///
/// Every text except the English block is machine-drafted and marked for review by a native speaker
/// (``Entry/source``). Clinical codes' displays are never translated: they are shown as the card carries them.
///
/// ```swift
/// guard let fr = Translations.table(for: "fr-FR") else { ... }   // nil: not an officer language
/// fr[.verdictValid]                                                  // "VALIDE"
/// fr.format(.phraseSince, ["date": fr.date(birthDate)])             // "depuis 03/12/2019"
/// fr.texts                                                           // every key → text, e.g. for a web page
/// ```
public struct Translations: Sendable {
    /// The writing direction of a language (the table's `language.direction`).
    public enum Direction: String, Sendable {
        case leftToRight = "ltr"
        case rightToLeft = "rtl"
    }

    /// One cell of the table with its provenance.
    public struct Entry: Sendable, Hashable {
        /// ISO 639-1 code.
        public let language: String
        /// The text key.
        public let key: TranslationKey
        /// The text (may hold `{placeholders}`).
        public let text: String
        /// Who wrote or checked it, e.g. "machine/AI-drafted, needs review by a native speaker".
        public let source: String
    }

    /// The language's ISO 639-1 code.
    public let language: String
    /// Its writing direction.
    public let direction: Direction
    /// Every text of the language, by key (`card.*` and the officer texts): what a web page needs.
    public let texts: [String: String]

    /// The language used when none is asked for.
    public static let defaultLanguage = "en"

    /// English (always present).
    public static var english: Translations { table(for: defaultLanguage)! }

    /// Every language of the table, in file order (officer languages first, then the card-only languages).
    public static var languages: [String] { Catalog.shared.languages }

    /// The languages that have every officer text (``TranslationKey/all``), in file order; English first.
    public static var officerLanguages: [String] { Catalog.shared.officerLanguages }

    /// The officer texts of a language.
    /// - Parameter language: an ISO 639-1 code (`fr`), a BCP 47 tag (`fr-CA`, `fr_FR`), or the ISO 639-3/639-2
    ///   code of a covered language (`fra`, `ara`); case-insensitive.
    /// - Returns: nil unless the language is one of ``officerLanguages``.
    public static func table(for language: String) -> Translations? {
        Catalog.shared.tables[normalizedLanguage(language)]
    }

    /// The first of `preferences` (most preferred first, e.g. a browser's languages) that is an officer language,
    /// or English.
    public static func negotiate(_ preferences: [String]) -> Translations {
        for p in preferences {
            if let t = table(for: p) { return t }
        }
        return english
    }

    /// One cell of the table, in any language of the table (card texts exist for more languages than officer texts).
    /// - Returns: nil if the table has no such row.
    public static func entry(_ key: TranslationKey, language: String) -> Entry? {
        Catalog.shared.entries[normalizedLanguage(language) + "\t" + key.rawValue]
    }

    /// The table's ISO 639-1 code for a language code: lowercased, region removed (`fr-CA` → `fr`), and ISO
    /// 639-3/639-2 codes of covered languages mapped (`som` → `so`). Codes the table does not know are returned
    /// lowercased without their region.
    public static func normalizedLanguage(_ code: String) -> String {
        let base = code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        return iso639_3[base] ?? base
    }

    /// The text for a key; English if this language lacks it (the tests make sure none does), else the key itself.
    public subscript(key: TranslationKey) -> String {
        texts[key.rawValue] ?? Catalog.shared.tables[Self.defaultLanguage]?.texts[key.rawValue] ?? key.rawValue
    }

    /// The text for a key built at run time (e.g. `value.sex.female`), or nil if the table has none.
    public func text(_ key: String) -> String? { texts[key] }

    /// The text for a key with each `{name}` replaced by `arguments[name]` (placeholders without an argument stay).
    public func format(_ key: TranslationKey, _ arguments: [String: String]) -> String {
        Self.substitute(self[key], arguments)
    }

    /// The translation of a coded value of a record field, `value.<group>.<raw>` (e.g. `value("sex", "female")`),
    /// or `raw` itself when the table has none.
    public func value(_ group: String, _ raw: String) -> String {
        texts["value." + group + "." + raw] ?? raw
    }

    /// Replaces `{name}` placeholders in a text.
    static func substitute(_ text: String, _ arguments: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            out += arguments[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The `{placeholder}` names of a text, in order of appearance.
    static func placeholders(_ text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The rows of ``tsv`` (generated from `spec/print/translations.tsv`), in file order.
    static let rows: [(lang: String, key: String, text: String, source: String)] =
        tsv.split(separator: "\n").map { line in
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (c[0], c[1], c[2], c[3])
        }

    /// ISO 639-3 (and 639-2/B) codes of the covered languages.
    static let iso639_3: [String: String] = [
        "eng": "en", "fra": "fr", "fre": "fr", "ara": "ar", "arb": "ar", "som": "so", "tir": "ti", "amh": "am",
        "fas": "fa", "per": "fa", "pes": "fa", "pus": "ps", "pbu": "ps", "urd": "ur", "ukr": "uk", "rus": "ru",
        "spa": "es", "ita": "it", "deu": "de", "ger": "de", "tur": "tr", "ben": "bn", "tam": "ta", "kur": "ku",
        "kmr": "ku", "ell": "el", "gre": "el", "hrv": "hr", "slv": "sl",
    ]

    /// The table built once from ``rows``.
    struct Catalog: Sendable {
        static let shared = Catalog()

        let languages: [String]
        let officerLanguages: [String]
        let entries: [String: Entry]
        let tables: [String: Translations]

        init() {
            var languages: [String] = []
            var entries: [String: Entry] = [:]
            var texts: [String: [String: String]] = [:]
            for row in Translations.rows {
                if !languages.contains(row.lang) { languages.append(row.lang) }
                entries[row.lang + "\t" + row.key] = Entry(language: row.lang, key: TranslationKey(row.key),
                                                           text: row.text, source: row.source)
                texts[row.lang, default: [:]][row.key] = row.text
            }
            let officer = languages.filter { lang in
                TranslationKey.all.allSatisfy { $0.isCardText || texts[lang]?[$0.rawValue] != nil }
            }
            var tables: [String: Translations] = [:]
            for lang in officer {
                let all = texts[lang] ?? [:]
                tables[lang] = Translations(language: lang,
                                            direction: Direction(rawValue: all["language.direction"] ?? "") ?? .leftToRight,
                                            texts: all)
            }
            self.languages = languages
            self.officerLanguages = officer
            self.entries = entries
            self.tables = tables
        }
    }
}
