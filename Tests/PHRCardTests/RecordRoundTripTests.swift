import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

@Suite("Record JSON round trip")
struct RecordRoundTripTests {
    @Test("samples round-trip to JSON-equal output", arguments: RecordFixtures.sampleNames)
    func samplesRoundTrip(name: String) throws {
        let input = try RecordFixtures.sample(name)
        let record = try HealthRecord(jsonData: input)
        let expected = try #require(try RecordFixtures.foundationJSON(input) as? NSDictionary, "\(name)")
        for pretty in [true, false] {
            let output = record.jsonData(prettyPrinted: pretty)
            let actual = try #require(try RecordFixtures.foundationJSON(output) as? NSDictionary, "\(name)")
            #expect(actual == expected, "\(name) pretty=\(pretty)")
            #expect(try HealthRecord(jsonData: output) == record, "\(name) pretty=\(pretty)")
        }
    }

    @Test("pretty output reproduces the sample files byte for byte (54.0 becomes 54)")
    func prettyOutputMatchesSampleBytes() throws {
        for name in RecordFixtures.sampleNames {
            let input = try RecordFixtures.sample(name)
            let expected = String(decoding: input, as: UTF8.self).replacingOccurrences(of: "54.0,", with: "54,")
            let output = String(decoding: try HealthRecord(jsonData: input).jsonData(), as: UTF8.self)
            #expect(output == expected, "\(name)")
        }
    }

    @Test("compact output has no whitespace between tokens")
    func compactOutput() throws {
        let record = try HealthRecord(jsonData: Array(#"{ "holder" : { "given" : "Ana", "languages" : [ "pt" ] } }"#.utf8))
        #expect(String(decoding: record.jsonData(prettyPrinted: false), as: UTF8.self)
            == #"{"holder":{"given":"Ana","languages":["pt"]}}"#)
    }

    @Test("typical.json decodes to the values written in the file")
    func typicalValues() throws {
        let record = try HealthRecord(jsonData: try RecordFixtures.sample("typical"))
        #expect(record.holder.given == "Amina")
        #expect(record.holder.family == "Yusuf")
        #expect(record.holder.birthDate == (try PartialDate(year: 1990, month: 3, day: 14)))
        #expect(record.holder.sex == .female)
        #expect(record.holder.nationality == "SO")
        #expect(record.holder.languages == ["so", "ar"])
        #expect(record.holder.identifiers == [Holder.Identifier(system: "unhcr", value: "387-00123456")])
        #expect(record.allergies == [Allergy(code: ClinicalCode(.snomed, "764146007"), text: "Penicillin",
                                             criticality: .high, reaction: "anaphylaxis")])
        #expect(record.conditions?.count == 3)
        #expect(record.conditions?[0].onset == (try PartialDate(year: 2018)))
        #expect(record.conditions?[2].status == .resolved)
        #expect(record.medications?[1].dosage == "50 mg once daily")
        #expect(record.immunizations?.count == 9)
        #expect(record.immunizations?[0].code == ClinicalCode(system: "cvx", code: "510"))
        #expect(record.immunizations?[8].dose == 3)
        #expect(record.results?[3].value == "7.4 %")
        #expect(record.vitals == [VitalSigns(date: try PartialDate("2024-01-10"), heightCm: 165,
                                             weightKg: DecimalValue(significand: 605, exponent: -1),
                                             bpSystolic: 120, bpDiastolic: 80)])
        #expect(record.pregnancy == nil)
        #expect(record.notes == nil)
        #expect(record.presentSections == [.holder, .allergies, .conditions, .medications, .immunizations,
                                           .results, .vitals])
    }

    @Test("heavy.json keeps 54.0 and 61.2 exactly and every section")
    func heavyValues() throws {
        let record = try HealthRecord(jsonData: try RecordFixtures.sample("heavy"))
        #expect(record.vitals?.map(\.weightKg) == [DecimalValue(significand: 515, exponent: -1),
                                                   DecimalValue(significand: 54, exponent: 0),
                                                   DecimalValue(significand: 612, exponent: -1)])
        #expect(record.immunizations?.count == 20)
        #expect(record.conditions?.count == 8)
        #expect(record.pregnancy == Pregnancy(status: .pregnant, dueDate: try PartialDate("2026-09-02")))
        #expect(record.notes?.hasPrefix("2023-02-14: ") == true)
        // Every section of the samples (heavy.json predates procedures, devices and alerts, which it does not have).
        #expect(record.presentSections == HealthRecord.Section.allCases.filter { ![.procedures, .devices, .alerts].contains($0) })
        #expect(record.validate().isEmpty)
    }

    @Test("minimal.json has only holder and immunizations")
    func minimalValues() throws {
        let record = try HealthRecord(jsonData: try RecordFixtures.sample("minimal"))
        #expect(record.presentSections == [.holder, .immunizations])
        #expect(record.holder.birthDate?.description == "2019-03")
        #expect(record.holder.identifiers == nil)
    }

    @Test("keepingOnly keeps the holder and the chosen sections")
    func keepingOnly() throws {
        let record = try HealthRecord(jsonData: try RecordFixtures.sample("heavy"))
        let essential = record.keepingOnly([.allergies, .pregnancy])
        #expect(essential.presentSections == [.holder, .allergies, .pregnancy])
        #expect(essential.holder == record.holder)
        #expect(essential.allergies == record.allergies)
        #expect(record.keepingOnly([]).presentSections == [.holder])
        #expect(record.keepingOnly(Set(HealthRecord.Section.allCases)) == record)
        let json = String(decoding: record.keepingOnly([.notes]).jsonData(prettyPrinted: false), as: UTF8.self)
        #expect(json.hasPrefix(#"{"holder":{"given":"ሳባ""#))
        #expect(!json.contains("\"allergies\""))
    }

    @Test("an empty section list is kept as present-but-empty")
    func emptySection() throws {
        let record = try HealthRecord(jsonData: Array(RecordFixtures.record(#""allergies": []"#).utf8))
        #expect(record.allergies == [])
        #expect(record.presentSections == [.holder, .allergies])
        #expect(String(decoding: record.jsonData(prettyPrinted: false), as: UTF8.self)
            == #"{"holder":{"given":"Ana"},"allergies":[]}"#)
    }

    @Test("section JSON names are in the samples' order, then the v1 additions")
    func sectionOrder() {
        #expect(HealthRecord.Section.allCases.map(\.rawValue)
            == ["holder", "allergies", "conditions", "medications", "immunizations", "results", "vitals",
                "pregnancy", "notes", "procedures", "devices", "alerts"])
    }

    @Test("a record built in code writes the expected JSON")
    func builtInCode() throws {
        let record = HealthRecord(
            holder: Holder(given: "Ana", nationality: "PT"),
            vitals: [VitalSigns(heightCm: DecimalValue(significand: 1655, exponent: -1),
                                weightKg: DecimalValue(significand: 600, exponent: -1))],
            pregnancy: Pregnancy(status: .notPregnant),
            notes: "line one\nline \"two\"\ttab")
        #expect(record.validate().isEmpty)
        #expect(String(decoding: record.jsonData(prettyPrinted: false), as: UTF8.self)
            == #"{"holder":{"given":"Ana","nationality":"PT"},"vitals":[{"heightCm":165.5,"weightKg":60}],"#
            + #""pregnancy":{"status":"not-pregnant"},"notes":"line one\nline \"two\"\ttab"}"#)
    }
}
