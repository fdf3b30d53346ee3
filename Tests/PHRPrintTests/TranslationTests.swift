import Foundation
import Testing
@testable import PHRPrint

/// The translations table: one data file (spec/print/translations.tsv) with a source per text.
@Suite struct TranslationTests {
    /// The languages the project asked for (issue 9).
    static let required = ["en", "fr", "ar", "so", "ti", "am", "fa", "ps", "ur", "uk", "ru", "es", "it", "de", "tr",
                           "bn", "ta", "ku"]

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

    /// The generated Swift table holds exactly the rows of the TSV file (run scripts/gen-translations after editing).
    @Test func generatedTableMatchesTheTSVFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let tsv = root.appendingPathComponent("spec/print/translations.tsv")
        guard let text = try? String(contentsOf: tsv, encoding: .utf8) else {
            return   // not running from a source checkout
        }
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == TranslationTable.rows.count)
        for (row, generated) in zip(rows, TranslationTable.rows) {
            #expect(row == [generated.lang, generated.key, generated.text, generated.source], "row \(row.prefix(2))")
        }
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
    }
}
