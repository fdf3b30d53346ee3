/// The translated texts of a printed card (from `spec/print/translations.tsv`).
public enum CardTexts {
    /// Which text.
    public enum Key: String, Sendable, CaseIterable {
        /// "Personal Health Record card".
        case title
        /// "Keep this code apart from the card. Show it only to a clinician you want to read your whole record."
        case stub
    }

    /// One text in one language.
    public struct Entry: Sendable, Hashable {
        /// ISO 639-1 code.
        public let language: String
        /// The text.
        public let text: String
        /// Who wrote it (e.g. "machine/AI-drafted, needs review by a native speaker").
        public let source: String
    }

    /// The languages that have every text, in file order.
    public static var languages: [String] { TranslationTable.languages }

    /// The text for a language, or nil if there is no translation.
    /// - Parameters:
    ///   - key: which text.
    ///   - language: an ISO 639-1 code or a common ISO 639-3 code (e.g. `som`, `tir`); case-insensitive.
    public static func text(_ key: Key, language: String) -> Entry? {
        TranslationTable.entry(key, normalizedLanguage(language))
    }

    /// The ISO 639-1 code this table uses for a language code (639-3 codes of the covered languages map to 639-1).
    public static func normalizedLanguage(_ code: String) -> String {
        let lower = code.lowercased()
        return TranslationTable.iso639_3[lower] ?? lower
    }

    /// The texts to print for a holder, and the holder languages that had no translation.
    public struct Selection: Sendable, Hashable {
        /// Title lines: English, French, Arabic, then each holder language with a translation (no duplicates).
        public let titles: [Entry]
        /// Stub sentences: each holder language with a translation; English when none has one, and English
        /// last when there is room for it (``CardTexts/select(holderLanguages:)`` always lists it last).
        public let stubSentences: [Entry]
        /// Holder languages (as given) with no translation; the card falls back to English for them.
        public let missing: [String]
    }

    /// Chooses the card texts for a holder's languages.
    /// - Parameter holderLanguages: the record's `holder.languages`, most preferred first.
    public static func select(holderLanguages: [String]) -> Selection {
        var titleLangs = ["en", "fr", "ar"]
        var stubLangs: [String] = []
        var missing: [String] = []
        for raw in holderLanguages {
            let lang = normalizedLanguage(raw)
            guard text(.title, language: lang) != nil, text(.stub, language: lang) != nil else {
                if !missing.contains(raw) { missing.append(raw) }
                continue
            }
            if !titleLangs.contains(lang) { titleLangs.append(lang) }
            if !stubLangs.contains(lang) { stubLangs.append(lang) }
        }
        if !stubLangs.contains("en") { stubLangs.append("en") }
        return Selection(titles: titleLangs.compactMap { text(.title, language: $0) },
                         stubSentences: stubLangs.compactMap { text(.stub, language: $0) },
                         missing: missing)
    }
}

/// The table generated from `spec/print/translations.tsv` (see `TranslationTable.rows`).
enum TranslationTable {
    static let byKey: [String: CardTexts.Entry] = {
        var out: [String: CardTexts.Entry] = [:]
        for row in rows { out[row.lang + "\t" + row.key] = CardTexts.Entry(language: row.lang, text: row.text, source: row.source) }
        return out
    }()

    static let languages: [String] = {
        var seen: [String] = []
        for row in rows where !seen.contains(row.lang) { seen.append(row.lang) }
        return seen.filter { lang in CardTexts.Key.allCases.allSatisfy { byKey[lang + "\t" + $0.rawValue] != nil } }
    }()

    static func entry(_ key: CardTexts.Key, _ lang: String) -> CardTexts.Entry? { byKey[lang + "\t" + key.rawValue] }

    /// ISO 639-3 (and 639-2/B) codes of the covered languages.
    static let iso639_3: [String: String] = [
        "eng": "en", "fra": "fr", "fre": "fr", "ara": "ar", "arb": "ar", "som": "so", "tir": "ti", "amh": "am",
        "fas": "fa", "per": "fa", "pes": "fa", "pus": "ps", "pbu": "ps", "urd": "ur", "ukr": "uk", "rus": "ru",
        "spa": "es", "ita": "it", "deu": "de", "ger": "de", "tur": "tr", "ben": "bn", "tam": "ta", "kur": "ku",
        "kmr": "ku",
    ]
}
