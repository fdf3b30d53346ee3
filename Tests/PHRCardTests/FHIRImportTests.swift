import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// Import of IPS Bundles; expectations are read by hand from the fixture files.
@Suite struct FHIRImportTests {
    private func load(_ name: String, strict: Bool = false) throws -> FHIRImportResult {
        try FHIRImport.record(fromBundle: try FHIRFixtures.bytes(name), options: FHIRImportOptions(strict: strict))
    }

    private func hasDrop(_ r: FHIRImportResult, kind: String, count: Int? = nil) -> Bool {
        r.dropped.contains { $0.kind == kind && (count == nil || $0.count == count) }
    }

    @Test func hl7MinimalBundle() throws {
        let r = try load("hl7-ips-bundle-minimal")
        #expect(r.record.validate().isEmpty)
        let h = r.record.holder
        #expect(h.given == "Martha" && h.family == "DeLarosa")
        #expect(h.birthDate?.description == "1972-05-01")
        #expect(h.sex == .female)
        #expect(h.identifiers == [Holder.Identifier(system: "urn:oid:2.16.840.1.113883.2.4.6.3", value: "574687583")])
        #expect(h.languages == nil && h.nationality == nil)
        #expect(r.record.conditions == [Condition(code: ClinicalCode(.snomed, "198436008"), text: "Menopausal flushing (finding)",
                                                  status: .active, onset: try PartialDate("2015"))])
        #expect(r.record.medications == [Medication(code: ClinicalCode(.snomed, "108774000"),
                                                    text: "Product containing anastrozole (medicinal product)",
                                                    // The structured dosage (no text): dose 1 tablet, repeat per day, EDQM route.
                                                    dosage: "1 tablet, 1×/day, Oral use",
                                                    since: try PartialDate("2015-03"), status: .active)])
        #expect(r.record.allergies == [Allergy(code: ClinicalCode(.snomed, "373270004"),
                                               text: "Substance with penicillin structure and antibacterial mechanism of action (substance)",
                                               criticality: .high, category: .medication)])
        #expect(r.record.immunizations == nil && r.record.results == nil && r.record.notes == nil)
        // Reported drops (hand-listed from the file).
        #expect(hasDrop(r, kind: "Patient.telecom"))
        #expect(hasDrop(r, kind: "Patient.address"))
        #expect(hasDrop(r, kind: "Patient.contact"))
        #expect(hasDrop(r, kind: "Condition.code.coding", count: 1))  // ICD-10 N95.1: one code per entry
        #expect(hasDrop(r, kind: "Condition.code.coding._display"))
        #expect(hasDrop(r, kind: "Condition.severity"))
        #expect(hasDrop(r, kind: "MedicationStatement.dosage.timing.repeat.count"))
        #expect(r.dropped.first { $0.kind == "Medication.code.coding" && $0.reason.contains("no short name") }?.count == 2)
        #expect(hasDrop(r, kind: "AllergyIntolerance.onsetDateTime"))
        #expect(r.dropped.contains { $0.resourceType == "Practitioner" && $0.kind == "Practitioner" })
        #expect(r.dropped.contains { $0.resourceType == "Organization" && $0.kind == "Organization" })
        #expect(hasDrop(r, kind: "Composition.attester", count: 2))
        #expect(hasDrop(r, kind: "Bundle.identifier"))
        let path = try #require(r.dropped.first { $0.kind == "Patient.telecom" }).path
        #expect(path == "entry[1].resource.telecom[0]")
    }

    @Test func hl7NoInfoRequiredSections() throws {
        let r = try load("hl7-ips-bundle-no-info-required-sections")
        #expect(r.record.validate().isEmpty)
        #expect(r.record.holder.given == "James" && r.record.holder.family == "Judge")
        #expect(r.record.holder.languages == ["en"])
        #expect(r.record.holder.identifiers == [Holder.Identifier(system: "https://standards.digital.health.nz/ns/nhi-id", value: "AAA1234")])
        // emptyReason "unavailable": not recorded (absent), not "none known".
        #expect(r.record.allergies == nil && r.record.conditions == nil && r.record.medications == nil)
        #expect(r.record.immunizations == [
            Immunization(code: ClinicalCode(.cvx, "141"), text: "Influenza, seasonal, injectable", date: try PartialDate("2020-07-03"), dose: 2),
            Immunization(code: ClinicalCode(.cvx, "141"), text: "Influenza, seasonal, injectable", date: try PartialDate("2019-06-03"), dose: 1),
        ])
        #expect(r.record.notes == nil)
        #expect(r.dropped.filter { $0.kind == "Immunization.lotNumber" }.count == 2)
        #expect(hasDrop(r, kind: "Immunization.protocolApplied.series"))
        #expect(hasDrop(r, kind: "Patient.communication.language"))  // region of en-NZ
        #expect(r.dropped.contains { $0.resourceType == "PractitionerRole" })
    }

    @Test func synthetic() throws {
        let r = try load("phrcard-ips-synthetic")
        #expect(r.record.validate().isEmpty)
        let h = r.record.holder
        #expect(h.given == "Amina Yusuf" && h.family == "Hassan")
        #expect(h.birthDate?.description == "1991-07" && h.nationality == "SO" && h.languages == ["so", "ar"])
        #expect(h.identifiers == [Holder.Identifier(system: "https://example.org/unhcr-case", value: "ABC-123456")])
        // "No known allergy" stays an entry; problems "nilknown" is an empty list.
        #expect(r.record.allergies == [Allergy(code: ClinicalCode(.snomed, "716186003"), text: "No known allergy")])
        #expect(r.record.conditions == [])
        #expect(r.record.medications == [Medication(code: ClinicalCode(.atc, "B03AA07"), text: "Ferrous sulfate 200 mg tablet",
                                                    dosage: "1 tablet daily", since: try PartialDate("2025-11-20"),
                                                    status: .active)])
        #expect(r.record.immunizations == [Immunization(code: ClinicalCode(.cvx, "03"), text: "MMR",
                                                        date: try PartialDate("2024-05-14"), dose: 2, country: "KE")])
        #expect(r.record.results == [
            LabResult(code: ClinicalCode(.loinc, "718-7"), text: "Haemoglobin", value: "10.9 g/dL", date: try PartialDate("2026-02-27"),
                      interpretation: .low),
            // A coding's own display beside a dictionary code becomes the standard display (codes.tsv: loinc 718-7
            // "Haemoglobin", 882-1 "Blood group (ABO/Rh)"), and the original is reported.
            LabResult(code: ClinicalCode(.loinc, "882-1"), text: "Blood group (ABO/Rh)", value: "O Rh positive", date: try PartialDate("2019-04-02")),
        ])
        #expect(r.dropped.contains { $0.what == "display \"ABO and Rh group [Type] in Blood\" of loinc:882-1" })
        #expect(r.dropped.contains { $0.what == "display \"Hemoglobin [Mass/volume] in Blood\" of loinc:718-7" })
        // 1.64 m = 164 cm; 61.20 kg = 61.2 kg; the three observations of 2026-03-02 form one visit.
        #expect(r.record.vitals == [VitalSigns(date: try PartialDate("2026-03-02"), heightCm: 164,
                                               weightKg: DecimalValue(significand: 612, exponent: -1), bpSystolic: 118, bpDiastolic: 76)])
        #expect(r.record.pregnancy == Pregnancy(status: .pregnant, dueDate: try PartialDate("2026-08-30")))
        // The Procedure is carried in `procedures` (its generated section narrative is then not copied to the notes).
        #expect(r.record.procedures == [Procedure(code: ClinicalCode(.snomed, "11466000"), text: "Cesarean section",
                                                  date: try PartialDate("2019"), status: .completed)])
        #expect(r.record.devices == nil && r.record.alerts == nil)
        #expect(r.record.notes == "Social history: Non-smoker.\nWorks as a teacher & translator.")
        #expect(!r.dropped.contains { $0.resourceType == "Procedure" })
        #expect(hasDrop(r, kind: "Patient.name"))  // the nickname
        #expect(!hasDrop(r, kind: "Observation.interpretation"))  // v3 `L` is carried as `low`
    }

    @Test func cleanBundleImportsStrictly() throws {
        let r = try FHIRImport.record(fromBundle: try FHIRFixtures.serialise(FHIRFixtures.cleanBundle()),
                                      options: FHIRImportOptions(strict: true))
        #expect(r.dropped.isEmpty)
        #expect(r.record == HealthRecord(holder: Holder(given: "Jane", family: "Doe", birthDate: try PartialDate("1980")),
                                         allergies: [Allergy(code: ClinicalCode(.snomed, "91936005"), text: "Penicillin", criticality: .high)]))
    }

    @Test func strictRefusesDrops() throws {
        do {
            _ = try load("hl7-ips-bundle-minimal", strict: true)
            Issue.record("expected fhir.would-drop")
        } catch let error as FHIRError {
            #expect(error.code == FHIRError.wouldDrop)
            #expect(error.dropped.contains { $0.kind == "Patient.telecom" })
        }
    }

    @Test func reportJSONListsEveryDrop() throws {
        let r = try load("hl7-ips-bundle-minimal")
        let report = try FHIRFixtures.json(r.reportJSON())
        let items = try #require(report["dropped"] as? [[String: Any]])
        #expect(items.count == r.dropped.count)
        #expect(report["total"] as? Int == r.dropped.reduce(0) { $0 + $1.count })
        #expect(Set(items[0].keys) == ["resourceType", "resource", "path", "kind", "what", "reason", "count"])
        #expect(!r.reportText.isEmpty)
    }

    @Test func codeSystemAliases() throws {
        var bundle = FHIRFixtures.cleanBundle()
        var entries = bundle["entry"] as! [[String: Any]]
        var allergy = entries[2]["resource"] as! [String: Any]
        allergy["code"] = ["coding": [["system": "urn:oid:2.16.840.1.113883.6.96", "code": "91936005"]]]
        entries[2]["resource"] = allergy
        bundle["entry"] = entries
        let r = try FHIRImport.record(fromBundle: try FHIRFixtures.serialise(bundle), options: FHIRImportOptions())
        #expect(r.record.allergies?.first?.code == ClinicalCode(.snomed, "91936005"))
        // An unknown system URI: the code falls back to text and the coding is reported.
        allergy["code"] = ["coding": [["system": "http://example.org/local-codes", "code": "PEN-1", "display": "Penicillin"]]]
        entries[2]["resource"] = allergy
        bundle["entry"] = entries
        let r2 = try FHIRImport.record(fromBundle: try FHIRFixtures.serialise(bundle), options: FHIRImportOptions())
        #expect(r2.record.allergies == [Allergy(text: "Penicillin", criticality: .high)])
        #expect(r2.dropped.contains { $0.kind == "AllergyIntolerance.code.coding" && $0.what.contains("PEN-1") })
    }

    // MARK: Errors

    private func expectError(_ code: String, _ bytes: [UInt8], options: FHIRImportOptions = FHIRImportOptions()) {
        do {
            _ = try FHIRImport.record(fromBundle: bytes, options: options)
            Issue.record("expected \(code)")
        } catch {
            #expect(error.code == code, "\(error)")
        }
    }

    private func mutated(_ change: (inout [String: Any]) -> Void) throws -> [UInt8] {
        var b = FHIRFixtures.cleanBundle()
        change(&b)
        return try FHIRFixtures.serialise(b)
    }

    @Test func errors() throws {
        expectError(FHIRError.notJSON, Array("{\"resourceType\": ".utf8))
        expectError(FHIRError.tooLarge, Array(repeating: 0x20, count: 100), options: FHIRImportOptions(maxInputBytes: 99))
        expectError(FHIRError.notJSON, Array(String(repeating: "[", count: 70).utf8) + Array(String(repeating: "]", count: 70).utf8))
        expectError(FHIRError.notBundle, try mutated { $0["resourceType"] = "Patient" })
        expectError(FHIRError.notDocument, try mutated { $0["type"] = "transaction" })  // (a searchset or collection starting with the summary Composition is read)
        expectError(FHIRError.malformed, try mutated { $0["entry"] = "x" })
        expectError(FHIRError.malformed, try mutated { $0["entry"] = [["fullUrl": "urn:x"]] })
        expectError(FHIRError.noComposition, try mutated { b in
            var e = b["entry"] as! [Any]
            e.swapAt(0, 1)
            b["entry"] = e
        })
        expectError(FHIRError.notPatientSummary, try mutated { b in
            var e = b["entry"] as! [[String: Any]]
            var c = e[0]["resource"] as! [String: Any]
            c["type"] = ["coding": [["system": "http://loinc.org", "code": "34133-9"]]]
            e[0]["resource"] = c
            b["entry"] = e
        })
        expectError(FHIRError.noPatient, try mutated { b in
            var e = b["entry"] as! [[String: Any]]
            var c = e[0]["resource"] as! [String: Any]
            c["subject"] = ["reference": "urn:uuid:nobody"]
            e[0]["resource"] = c
            b["entry"] = e
        })
        // A Patient without a name is not an error: the name is recorded as unknown (and reported).
        let nameless = try FHIRImport.record(fromBundle: try mutated { b in
            var e = b["entry"] as! [[String: Any]]
            e[1]["resource"] = ["resourceType": "Patient", "gender": "male"]
            b["entry"] = e
        }, options: FHIRImportOptions())
        #expect(nameless.record.holder.unknown == [.name] && nameless.record.holder.given == nil)
    }

    @Test func narrativeStripping() {
        #expect(FHIRNarrative.strip("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a &amp; b</p><p>  c\r\n  d </p></div>") == "a & b\nc d")
        #expect(FHIRNarrative.strip("<div><table><tr><td>x</td><td>y</td></tr></table></div>") == "x | y")
        #expect(FHIRNarrative.strip("<div>&#233;&#x41;&nbsp;z<br/>w</div>") == "éA z\nw")
        #expect(FHIRNarrative.strip("<div> </div>") == nil)
        let text = "line one\nline <two> & \"three\""
        #expect(FHIRNarrative.strip(FHIRNarrative.div(text)) == text)
    }
}
