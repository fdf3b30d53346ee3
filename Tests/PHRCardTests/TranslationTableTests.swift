import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// The one translation table (spec/print/translations.tsv): the printed card's texts and the officer's texts.
@Suite struct TranslationTableTests {
    /// The officer languages issue 14 asks for.
    static let officer = ["en", "fr", "ar", "el", "it", "hr", "sl", "de"]
    static let officerKeys = TranslationKey.all.filter { !$0.isCardText }

    @Test func everyOfficerKeyIsFilledInEveryOfficerLanguage() {
        #expect(Set(Self.officer).isSubset(of: Translations.officerLanguages))
        #expect(Translations.officerLanguages.first == "en")
        #expect(Self.officerKeys.count > 150)
        for lang in Translations.officerLanguages {
            for key in Self.officerKeys {
                let entry = Translations.entry(key, language: lang)
                #expect(entry != nil, "\(lang) \(key) missing")
                #expect(entry?.text.trimmingCharacters(in: .whitespaces).isEmpty == false, "\(lang) \(key) empty")
                if lang != "en" {
                    #expect(entry?.source.contains("needs review by a native speaker") == true, "\(lang) \(key) not marked")
                }
            }
        }
    }

    @Test func everyLanguageHasTheCardTextsAndNoLanguageIsHalfTranslated() {
        #expect(Translations.languages.count >= 21)
        for lang in Translations.languages {
            for key in [TranslationKey.cardTitle, .cardStub] {
                #expect(Translations.entry(key, language: lang)?.text.isEmpty == false, "\(lang) \(key)")
            }
            let present = Self.officerKeys.filter { Translations.entry($0, language: lang) != nil }.count
            #expect(present == 0 || present == Self.officerKeys.count, "\(lang) has \(present) of \(Self.officerKeys.count) officer texts")
        }
        // Every key of every language is one of the English keys (a typo would otherwise go unnoticed).
        let known = Set(TranslationKey.all.map(\.rawValue))
        for row in Translations.rows { #expect(known.contains(row.key), "\(row.lang) \(row.key) is not an English key") }
    }

    @Test func placeholdersAreTheSameAsInEnglish() {
        for lang in Translations.officerLanguages where lang != "en" {
            for key in Self.officerKeys {
                let english = Set(Translations.placeholders(Translations.english[key]))
                let other = Set(Translations.placeholders(Translations.table(for: lang)![key]))
                #expect(other == english, "\(lang) \(key): \(other) vs \(english)")
            }
        }
        #expect(Translations.placeholders(Translations.english[.verdictRevokedSince]) == ["reason", "date"])
    }

    /// Every value of every coded record field, tier and revocation reason has a text.
    @Test func codedValuesSectionsTiersAndRevocationReasonsHaveTexts() {
        var keys: [String] = []
        keys += Holder.Sex.allCases.map { "value.sex.\($0.rawValue)" }
        keys += Alert.Severity.allCases.map { "value.alert-severity.\($0.rawValue)" }
        keys += Allergy.Criticality.allCases.map { "value.criticality.\($0.rawValue)" }
        keys += Condition.Status.allCases.map { "value.condition-status.\($0.rawValue)" }
        keys += Pregnancy.Status.allCases.map { "value.pregnancy.\($0.rawValue)" }
        keys += Procedure.Status.allCases.map { "value.procedure-status.\($0.rawValue)" }
        keys += Allergy.Severity.allCases.map { "value.allergy-severity.\($0.rawValue)" }
        keys += Allergy.Category.allCases.map { "value.allergy-category.\($0.rawValue)" }
        keys += Medication.Status.allCases.map { "value.medication-status.\($0.rawValue)" }
        keys += LabResult.Interpretation.allCases.map { "value.interpretation.\($0.rawValue)" }
        keys += HealthRecord.Section.allCases.map { "section.\($0.rawValue)" }
        keys += Tier.allCases.map { "tier.\($0.name)" }
        keys += ["unspecified", "key-compromise", "superseded", "issued-in-error", "holder-request", "holder-deceased"]
            .map { "revocation." + $0 }
        #expect(RevocationReason.known.count == 6)
        for lang in Translations.officerLanguages {
            let t = Translations.table(for: lang)!
            for key in keys { #expect(t.text(key) != nil, "\(lang) \(key)") }
        }
        #expect(Translations.table(for: "fr")!.value("sex", "female") == "féminin")
        #expect(Translations.table(for: "fr")!.value("sex", "not-a-value") == "not-a-value")
    }

    @Test func languagesAreFoundByTagAnd639_3CodeAndUnknownOnesAreNil() throws {
        #expect(Translations.table(for: "FR-ca")?.language == "fr")
        #expect(Translations.table(for: "de_AT")?.language == "de")
        #expect(Translations.table(for: "ell")?.language == "el")
        #expect(Translations.table(for: "ara")?.language == "ar")
        #expect(Translations.table(for: "so") == nil)          // card texts only
        #expect(Translations.entry(.cardTitle, language: "so")?.text == "Kaarka Diiwaanka Caafimaadka Shakhsiga")
        #expect(Translations.table(for: "xx") == nil)
        #expect(Translations.table(for: "") == nil)
        #expect(Translations.negotiate(["xx", "hr-HR", "fr"]).language == "hr")
        #expect(Translations.negotiate([]).language == "en")
        #expect(Translations.table(for: "ar")?.direction == .rightToLeft)
        #expect(Translations.officerLanguages.filter { Translations.table(for: $0)?.direction == .rightToLeft } == ["ar"])
    }

    @Test func textsAndPlaceholders() throws {
        let fr = try #require(Translations.table(for: "fr"))
        #expect(fr[.verdictValid] == "VALIDE")
        #expect(fr.format(.phraseSince, ["date": "2019"]) == "depuis 2019")
        #expect(fr.format(.phraseSince, [:]) == "depuis {date}")
        #expect(Translations.english[.verdictInvalidReason] == "INVALID: {reason}")
        #expect(fr.texts["page.ask-holder-code"] == "Demandez son code au titulaire")
        #expect(Translations.table(for: "el")![TranslationKey("no.such.key")] == "no.such.key")
    }

    @Test func datesFollowEachLanguagesPattern() throws {
        let day = try PartialDate("2026-12-03"), month = try PartialDate("2026-04"), year = try PartialDate("1990")
        let expected: [String: (String, String, String)] = [
            "en": ("2026-12-03", "2026-04", "1990"), "fr": ("03/12/2026", "04/2026", "1990"),
            "ar": ("03/12/2026", "04/2026", "1990"), "el": ("03/12/2026", "04/2026", "1990"),
            "it": ("03/12/2026", "04/2026", "1990"), "de": ("03.12.2026", "04.2026", "1990"),
            "hr": ("03.12.2026.", "04.2026.", "1990."), "sl": ("3. 12. 2026", "4. 2026", "1990"),
        ]
        for (lang, (d, m, y)) in expected {
            let t = try #require(Translations.table(for: lang))
            #expect(t.date(day) == d, "\(lang)")
            #expect(t.date(month) == m, "\(lang)")
            #expect(t.date(year) == y, "\(lang)")
        }
        // Well-known instants: the epoch, 1.7e9 s, a leap day.
        let en = Translations.english
        #expect(en.dateTime(0) == "1970-01-01T00:00:00Z")
        #expect(en.dateTime(1_700_000_000) == "2023-11-14T22:13:20Z")
        #expect(en.day(951_782_400 + 86_399) == "2000-02-29")
        #expect(Translations.table(for: "de")!.dateTime(1_700_000_000) == "14.11.2023 22:13:20 UTC")
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
        #expect(rows.count == Translations.rows.count)
        #expect(rows.allSatisfy { $0.count == 4 && $0.allSatisfy { !$0.isEmpty } })
        for (row, generated) in zip(rows, Translations.rows) {
            #expect(row == [generated.lang, generated.key, generated.text, generated.source], "row \(row.prefix(2))")
        }
    }
}
