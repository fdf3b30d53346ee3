import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

@Suite("Record value types")
struct RecordValueTypeTests {
    // MARK: PartialDate

    @Test("valid partial dates", arguments: [
        ("2023", 2023, nil, nil), ("2023-04", 2023, 4, nil), ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29),
        ("1900-01-01", 1900, 1, 1), ("2150-12-31", 2150, 12, 31), ("2023-04-30", 2023, 4, 30),
    ] as [(String, Int, Int?, Int?)])
    func validDates(text: String, year: Int, month: Int?, day: Int?) throws {
        let date = try PartialDate(text)
        #expect(date.year == year && date.month == month && date.day == day, "\(text)")
        #expect(date.description == text)
        #expect(try PartialDate(year: year, month: month, day: day) == date)
    }

    @Test("invalid partial dates", arguments: [
        "2023-02-29", "1900-02-29", "2023-04-31", "2023-13", "2023-00", "2023-01-00", "1899", "2151", "2023-1-01",
        "20230101", "2023/01/01", "", "2023-", "२०२३", "２０２３", " 2023", "2023-01-01T00:00", "+023",
    ])
    func invalidDates(text: String) {
        #expect(throws: RecordValidationError.self, "\(text)") { try PartialDate(text) }
        do {
            _ = try PartialDate(text)
        } catch {
            #expect(error.issues.map(\.code) == ["record.invalid-date"], "\(text)")
            #expect(error.issues.first?.path == "")
        }
    }

    @Test("a day needs a month")
    func dayWithoutMonth() {
        #expect(throws: RecordValidationError.self) { try PartialDate(year: 2023, day: 4) }
        #expect(throws: RecordValidationError.self) { try PartialDate(year: 2023, month: 2, day: 29) }
    }

    @Test("dates order chronologically, less precise first")
    func dateOrder() throws {
        let dates = try ["2023-02", "2023", "2022-12-31", "2023-01-01", "2023-01"].map { try PartialDate($0) }
        #expect(dates.sorted().map(\.description) == ["2022-12-31", "2023", "2023-01", "2023-01-01", "2023-02"])
    }

    // MARK: DecimalValue

    @Test("decimal literals parse exactly and normalise", arguments: [
        ("54.0", 54, 0, "54"), ("61.2", 612, -1, "61.2"), ("165", 165, 0, "165"), ("0.30", 3, -1, "0.3"),
        ("5.4e1", 54, 0, "54"), ("-0.0", 0, 0, "0"), ("0", 0, 0, "0"), ("0.05", 5, -2, "0.05"), ("-3.50", -35, -1, "-3.5"),
        ("1200", 12, 2, "1200"), ("1E+2", 1, 2, "100"), ("123456789012345678", 123456789012345678, 0, "123456789012345678"),
        ("1e-30", 1, -30, "1e-30"), ("7e25", 7, 25, "7e25"), ("0.000001", 1, -6, "0.000001"),
    ] as [(String, Int64, Int, String)])
    func decimals(text: String, significand: Int64, exponent: Int, printed: String) throws {
        let value = try #require(DecimalValue(text), "\(text)")
        #expect(value.significand == significand && value.exponent == exponent, "\(text)")
        #expect(value.description == printed, "\(text)")
        #expect(DecimalValue(printed) == value, "\(text)")
    }

    @Test("not decimal literals", arguments: [
        "", "-", "01", "1.", ".5", "1e", "+1", "1,5", "0x10", "NaN", "1 ", "1234567890123456789", "1e1234567890",
    ])
    func notDecimals(text: String) {
        #expect(DecimalValue(text) == nil, "\(text)")
    }

    @Test("decimals compare exactly")
    func decimalOrder() throws {
        let values = try ["260.000000000000001", "260", "-1", "0.3", "0.31", "0", "-0.5", "1e3"].map {
            try #require(DecimalValue($0))
        }
        #expect(values.sorted().map(\.description) == ["-1", "-0.5", "0", "0.3", "0.31", "260", "260.000000000000001", "1000"])
        #expect(DecimalValue(significand: 540, exponent: -1) == 54)
        #expect(DecimalValue(significand: 612, exponent: -1).doubleValue == 61.2)
    }

    // MARK: ClinicalCode and CodeSystem

    @Test("codes split at the first colon")
    func codes() throws {
        let code = try ClinicalCode("snomed:764146007")
        #expect(code.system == "snomed" && code.code == "764146007")
        #expect(code.knownSystem == .snomed)
        #expect(code.description == "snomed:764146007")
        let urn = try ClinicalCode("urn:oid:1.2.3")
        #expect(urn.system == "urn" && urn.code == "oid:1.2.3")
        #expect(urn.knownSystem == nil)
        #expect(try ClinicalCode("local-lab.v2+x:ABC_1").knownSystem == nil)
        #expect(try ClinicalCode("icd10:Z34.9") == ClinicalCode(.icd10, "Z34.9"))
    }

    @Test("invalid codes", arguments: [
        "snomed", ":1", "snomed:", "SNOMED:1", "1cd:A", "snomed:12 3", "snomed:été", "sno med:1", "snomed:\t1",
        String(repeating: "a", count: 33) + ":1", "x:" + String(repeating: "1", count: 65),
    ])
    func invalidCodes(text: String) {
        do {
            _ = try ClinicalCode(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.issues.map(\.code) == ["record.invalid-code"], "\(text)")
        }
    }

    @Test("code length limits are inclusive")
    func codeLimits() throws {
        _ = try ClinicalCode(String(repeating: "a", count: 32) + ":" + String(repeating: "1", count: 64))
    }

    @Test("code system registry ids, short names and FHIR URIs")
    func registry() {
        let expected: [(Int, String, String)] = [
            (1, "icd10", "http://hl7.org/fhir/sid/icd-10"),
            (2, "icd11", "http://id.who.int/icd/release/11/mms"),
            (3, "snomed", "http://snomed.info/sct"),
            (4, "loinc", "http://loinc.org"),
            (5, "atc", "http://www.whocc.no/atc"),
            (6, "cvx", "http://hl7.org/fhir/sid/cvx"),
            (7, "rxnorm", "http://www.nlm.nih.gov/research/umls/rxnorm"),
            (8, "iso3166", "urn:iso:std:iso:3166"),
        ]
        #expect(CodeSystem.allCases.count == expected.count)
        for (id, name, uri) in expected {
            let system = CodeSystem(rawValue: id)
            #expect(system?.shortName == name, "\(id)")
            #expect(system?.fhirURI == uri, "\(id)")
            #expect(CodeSystem(shortName: name) == system)
            #expect(CodeSystem(fhirURI: uri) == system)
        }
        #expect(CodeSystem(shortName: "SNOMED") == nil)
        #expect(CodeSystem(rawValue: 0) == nil)
    }
}
