import Foundation
import Testing
@testable import PHRPrint

/// The card texts of the translation table (spec/print/translations.tsv, read through PHRCard's `Translations`;
/// the table itself is tested in PHRCardTests/TranslationTableTests).
@Suite struct TranslationTests {
    /// The languages the project asked for (issue 9), and the officer languages of issue 14 (el, hr, sl).
    static let required = ["en", "fr", "ar", "so", "ti", "am", "fa", "ps", "ur", "uk", "ru", "es", "it", "de", "tr",
                           "bn", "ta", "ku", "el", "hr", "sl"]

    @Test func everyRequiredLanguageHasEveryTextWithASource() {
        for lang in Self.required {
            for key in CardTexts.Key.allCases {
                let entry = CardTexts.text(key, language: lang)
                #expect(entry != nil, "\(lang) \(key) missing")
                #expect(entry?.source.isEmpty == false, "\(lang) \(key) has no source")
                #expect(entry?.text.isEmpty == false)
            }
        }
        #expect(CardTexts.text(.title, language: "en")?.text == "Personal Health Record card")
        #expect(CardTexts.text(.stub, language: "en")?.text
                == "Keep this code apart from the card. Show it only to a clinician you want to read your whole record.")
    }

    @Test func titlesAreEnglishFrenchArabicThenHolderLanguages() {
        let s = CardTexts.select(holderLanguages: ["ti", "ar"])
        #expect(s.titles.map(\.language) == ["en", "fr", "ar", "ti"])
        #expect(s.stubSentences.map(\.language) == ["ti", "ar", "en"])
        #expect(s.missing.isEmpty)
    }

    @Test func missingLanguagesFallBackToEnglishAndAreReported() {
        let s = CardTexts.select(holderLanguages: ["xx", "so", "zzz"])
        #expect(s.missing == ["xx", "zzz"])
        #expect(s.stubSentences.map(\.language) == ["so", "en"])
        let none = CardTexts.select(holderLanguages: ["xx"])
        #expect(none.stubSentences.map(\.language) == ["en"])
        #expect(none.titles.map(\.language) == ["en", "fr", "ar"])
    }

    @Test func iso639_3CodesMapToTheTable() {
        #expect(CardTexts.select(holderLanguages: ["som", "TIR", "pus"]).stubSentences.map(\.language)
                == ["so", "ti", "ps", "en"])
        #expect(CardTexts.select(holderLanguages: ["ell", "hr-HR"]).titles.map(\.language) == ["en", "fr", "ar", "el", "hr"])
    }
}
