import PHRCardCore
import PHRImaging
import PHRLocalization

/// The translated texts of a printed card (the `card.*` rows of `spec/print/translations.tsv`, read through
/// `Translations` in PHRCard).
enum CardTexts {
    /// Which text.
    enum Key: String, Sendable, CaseIterable {
        /// "Personal Health Record card".
        case title = "card.title"
        /// "Keep this code apart from the card. Show it only to a clinician you want to read your whole record."
        case stub = "card.stub"
    }

    /// One text in one language.
    struct Entry: Sendable, Hashable {
        /// ISO 639-1 code.
        let language: String
        /// The text.
        let text: String
        /// Who wrote it (e.g. "machine/AI-drafted, needs review by a native speaker").
        let source: String
    }

    /// The languages that have every card text, in file order.
    static var languages: [String] {
        Translations.languages.filter { lang in Key.allCases.allSatisfy { text($0, language: lang) != nil } }
    }

    /// The text for a language, or nil if there is no translation.
    /// - Parameters:
    ///   - key: which text.
    ///   - language: an ISO 639-1 code or a common ISO 639-3 code (e.g. `som`, `tir`); case-insensitive.
    static func text(_ key: Key, language: String) -> Entry? {
        Translations.entry(TranslationKey(key.rawValue), language: language).map {
            Entry(language: $0.language, text: $0.text, source: $0.source)
        }
    }

    /// The ISO 639-1 code this table uses for a language code (639-3 codes of the covered languages map to 639-1).
    static func normalizedLanguage(_ code: String) -> String {
        Translations.normalizedLanguage(code)
    }

    /// The texts to print for a holder, and the holder languages that had no translation.
    struct Selection: Sendable, Hashable {
        /// Title lines: English, French, Arabic, then each holder language with a translation (no duplicates).
        let titles: [Entry]
        /// Stub sentences: each holder language with a translation; English when none has one, and English
        /// last when there is room for it (``CardTexts/select(holderLanguages:)`` always lists it last).
        let stubSentences: [Entry]
        /// Holder languages (as given) with no translation; the card falls back to English for them.
        let missing: [String]
    }

    /// Chooses the card texts for a holder's languages.
    /// - Parameter holderLanguages: the record's `holder.languages`, most preferred first.
    static func select(holderLanguages: [String]) -> Selection {
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
