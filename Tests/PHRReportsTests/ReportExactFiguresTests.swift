import Foundation
import PHRCard
import Testing
@testable import PHRReports

@Suite("Report: exact figures on a hand-made population")
struct ReportExactFiguresTests {
    typealias P = ReportTable.Position

    func report() throws -> PublishedReport {
        ReportBuilder.build(try HandMade.counts(), privacy: try PrivacyParameters(minCell: 1))
    }

    func row(_ table: ReportTable, _ label: String) throws -> Int {
        try #require(table.rowLabels.firstIndex(of: label), "no row \(label) in \(table.id)")
    }

    func column(_ table: ReportTable, _ label: String) throws -> Int {
        try #require(table.columnLabels.firstIndex(of: label), "no column \(label) in \(table.id)")
    }

    func cell(_ table: ReportTable, _ r: String, _ c: String) throws -> Int? {
        table.value(P(try row(table, r), try column(table, c)))
    }

    @Test("population by age band and sex")
    func population() throws {
        let t = try #require(try report().table(ReportBuilder.TableID.population))
        #expect(t.columnLabels == ["Female", "Male", "Other", "Unknown", "Total"])
        let expected: [String: [Int]] = [   // female, male, other, unknown, total
            "<1": [1, 0, 0, 0, 1], "1–4": [1, 1, 0, 0, 2], "5–9": [0, 0, 0, 0, 0], "10–14": [0, 0, 0, 0, 0],
            "15–19": [0, 0, 0, 0, 0], "20–29": [0, 0, 0, 1, 1], "30–39": [1, 0, 0, 0, 1], "40–49": [0, 1, 0, 0, 1],
            "50–64": [0, 0, 0, 0, 0], "65+": [1, 0, 0, 0, 1], "age unknown": [0, 0, 1, 0, 1], "Total": [4, 2, 1, 1, 8],
        ]
        #expect(t.rowCount == expected.count)
        for (label, values) in expected {
            let r = try row(t, label)
            #expect((0..<5).map { t.value(P(r, $0)) } == values.map { Optional($0) }, "row \(label)")
        }
    }

    @Test("nationalities: sorted by count, not recorded separate")
    func nationality() throws {
        let t = try #require(try report().table(ReportBuilder.TableID.nationality))
        #expect(t.rowLabels == ["SY", "AF", "ER", "SO", "UA", "Other nationalities", "Not recorded", "Total"])
        #expect((0..<t.rowCount).map { t.value(P($0, 0)) } == [3, 1, 1, 1, 1, 0, 1, 8])
    }

    @Test("vaccination coverage: at least one dose and complete for age")
    func coverage() throws {
        let t = try #require(try report().table(ReportBuilder.TableID.coverage))
        func line(_ label: String) throws -> [Int?] {
            let r = try row(t, label)
            return (0..<t.columnCount).map { t.status[r][$0] == .notApplicable ? -1 : t.value(P(r, $0)) }
        }
        // Columns: <1, 1–4, 5–9, 10–14, 15–19, 20–29, 30–39, 40–49, 50–64, 65+, unknown, Total; -1 = n/a.
        #expect(try line("Measles-containing (MCV): ≥1 dose") == [0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3])
        #expect(try line("Measles-containing (MCV): complete for age") == [-1, 2, 0, 0, 0, 0, 0, 0, 0, 0, -1, 2])
        #expect(try line("Diphtheria–tetanus containing (DTP/Td): ≥1 dose") == [0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3])
        #expect(try line("Diphtheria–tetanus containing (DTP/Td): complete for age") == [-1, 1, 0, 0, 0, 0, 1, 0, 0, 0, -1, 2])
        #expect(try line("Polio (OPV/IPV): ≥1 dose") == [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(try line("Polio (OPV/IPV): complete for age") == [-1, 1, 0, 0, 0, 0, 0, 0, 0, 0, -1, 1])
        #expect(try line("Hepatitis B (HepB): ≥1 dose") == [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3])
        #expect(try line("Hepatitis B (HepB): complete for age") == [-1, 1, 0, 0, 0, 0, 0, 0, 0, 0, -1, 1])
        #expect(try line("COVID-19: ≥1 dose") == [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
        #expect(!t.rowLabels.contains("COVID-19: complete for age"))
        // Rates are shares of the band's population: MCV ≥1 dose in 1–4 is 2 of 2, all ages 3 of 8.
        let mcv = try row(t, "Measles-containing (MCV): ≥1 dose")
        #expect(t.rates[mcv][1] == 1.0)
        #expect(t.rates[mcv][11] == 0.375)
        #expect(t.rates[mcv][2] == nil)   // 0 of 0 people aged 5–9: no rate
    }

    @Test("screening done and positive")
    func screening() throws {
        let t = try #require(try report().table(ReportBuilder.TableID.screening))
        #expect((0..<5).map { t.value(P($0, 0)) } == [1, 1, 1, 1, 1])   // TB, HIV, HBV, HCV, syphilis screened
        #expect((0..<5).map { t.value(P($0, 1)) } == [1, 0, 1, 0, 0])   // positive: TB (R4), HBsAg reactive (R5)
        #expect(t.rates[0][1] == 1.0)      // 1 positive of 1 screened
        #expect(t.rates[0][0] == 0.125)    // 1 screened of 8 people
    }

    @Test("current conditions by chapter and sex")
    func conditions() throws {
        let t = try #require(try report().table(ReportBuilder.TableID.conditions))
        #expect(try cell(t, "V Mental and behavioural", "Female") == 1)
        #expect(try cell(t, "V Mental and behavioural", "Male") == 1)
        #expect(try cell(t, "V Mental and behavioural", "Total") == 2)
        #expect(try cell(t, "IV Endocrine, nutritional, metabolic", "Total") == 1)
        #expect(try cell(t, "Not coded in ICD", "Male") == 1)
        #expect(try cell(t, "XV Pregnancy and childbirth", "Other") == 1)
        #expect(try cell(t, "XXI Factors influencing health status", "Other") == 1)
        #expect(try cell(t, "I Infectious and parasitic", "Total") == 0)   // scabies is resolved
        let totals = (0..<t.rowCount).compactMap { t.value(P($0, t.columnCount - 1)) }.reduce(0, +)
        #expect(totals == 6)
    }

    @Test("pregnancies, allergies and alerts")
    func other() throws {
        let t = try #require(try report().table(ReportBuilder.TableID.other))
        #expect(try cell(t, "Currently pregnant", "30–39") == 1)
        #expect(try cell(t, "Currently pregnant", "Total") == 1)       // R6's due date has passed
        #expect(try cell(t, "Allergy recorded", "Total") == 1)         // R6's "no known allergy" is not one
        #expect(try cell(t, "Alert recorded", "40–49") == 1)
        // Pregnancy rate: 1 of the 1 woman aged 30–39; all ages 1 of 4 women.
        let r = try row(t, "Currently pregnant")
        #expect(t.rates[r][6] == 1.0)
        #expect(t.rates[r][t.columnCount - 1] == 0.25)
    }

    @Test("inputs and date range")
    func metadata() throws {
        let report = try report()
        #expect(report.records == 8)
        #expect(report.dateRangeText == "2021-09 to 2026-03")
        #expect(report.suppressionCounts == (0, 0))
    }

    @Test("ages from partial birth dates", arguments: [
        ("2025-06", 1), ("2025-12", 0), ("1985", 41), ("2000-12-01", 26), ("2000-12-02", 25), ("2027-01-01", -1),
    ])
    func ages(birth: String, age: Int) throws {
        #expect(AgeBand.age(birthDate: try PartialDate(birth), asOf: HandMade.asOf) ?? -1 == age)
    }

    @Test("result values read as positive, negative or other", arguments: [
        ("positive", ScreeningTest.Reading.positive), ("Reactive", .positive), ("DETECTED", .positive),
        ("pos.", .positive), ("negative", .negative), ("non-reactive", .negative), ("Not detected", .negative),
        ("nonreactive", .negative), ("7.4 %", .other), ("indeterminate", .other), ("posterior", .other),
    ])
    func readings(value: String, reading: ScreeningTest.Reading) {
        #expect(ScreeningTest.read(value) == reading)
    }

    @Test("a coded interpretation decides over the value text")
    func interpretation() {
        #expect(ScreeningTest.reading(of: LabResult(value: "negative", interpretation: .positive)) == .positive)
        #expect(ScreeningTest.reading(of: LabResult(value: "positive", interpretation: .negative)) == .negative)
        #expect(ScreeningTest.reading(of: LabResult(value: "positive", interpretation: .indeterminate)) == .other)
        #expect(ScreeningTest.reading(of: LabResult(value: "reactive")) == .positive)
    }

    @Test("ICD chapters of ICD-10 and ICD-11 codes", arguments: [
        ("icd10:A15.0", ConditionChapter.infectious), ("icd10:D50.9", .blood), ("icd10:D48", .neoplasms),
        ("icd10:H66.9", .ear), ("icd10:H10.9", .eye), ("icd10:U07.1", .special), ("icd10:T74.1", .injury),
        ("icd11:1F40", .infectious), ("icd11:BA00", .circulatory), ("icd11:RA01.0", .special),
        ("icd11:6A70", .mental), ("snomed:44054006", .notICD), ("icd10:XYZ", .notICD),
    ])
    func chapters(code: String, chapter: ConditionChapter) throws {
        #expect(ConditionChapter(code: try ClinicalCode(code)) == chapter)
    }
}
