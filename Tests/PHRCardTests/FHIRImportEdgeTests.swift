import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// Import rules on small constructed Bundles: limits, statuses, units, empty reasons, other resource types.
@Suite struct FHIRImportEdgeTests {
    /// A Bundle with the clean Composition and Patient plus the given sections and resources.
    private func bundle(sections: [[String: Any]], resources: [(String, [String: Any])]) throws -> [UInt8] {
        var b = FHIRFixtures.cleanBundle()
        var entries = b["entry"] as! [[String: Any]]
        var composition = entries[0]["resource"] as! [String: Any]
        composition["section"] = sections
        entries[0]["resource"] = composition
        entries.removeLast()  // the clean allergy
        for (url, r) in resources { entries.append(["fullUrl": url, "resource": r]) }
        b["entry"] = entries
        return try FHIRFixtures.serialise(b)
    }

    private func section(_ loinc: String, _ refs: [String], emptyReason: String? = nil, text: String? = nil) -> [String: Any] {
        var s: [String: Any] = ["title": "S \(loinc)", "code": ["coding": [["system": "http://loinc.org", "code": loinc]]]]
        if !refs.isEmpty { s["entry"] = refs.map { ["reference": $0] } }
        if let emptyReason {
            s["emptyReason"] = ["coding": [["system": "http://terminology.hl7.org/CodeSystem/list-empty-reason", "code": emptyReason]]]
        }
        if let text { s["text"] = ["status": "generated", "div": text] }
        return s
    }

    private func hasDrop(_ r: FHIRImportResult, kind: String, count: Int? = nil) -> Bool {
        r.dropped.contains { $0.kind == kind && (count == nil || $0.count == count) }
    }

    private func obs(_ loinc: String, _ extra: [String: Any]) -> [String: Any] {
        ["resourceType": "Observation", "status": "final", "code": ["coding": [["system": "http://loinc.org", "code": loinc]]]]
            .merging(extra) { $1 }
    }

    @Test func statusesAndEmptyReasons() throws {
        let bytes = try bundle(sections: [
            section("48765-2", ["urn:a1", "urn:a2"]),
            section("10160-0", ["urn:m1", "urn:m2"]),
            section("11450-4", [], emptyReason: "withheld", text: "<div>Withheld by the patient</div>"),
            section("11369-6", ["urn:i1"]),
        ], resources: [
            ("urn:a1", ["resourceType": "AllergyIntolerance", "code": ["text": "Latex"],
                        "verificationStatus": ["coding": [["code": "refuted"]]]]),
            ("urn:a2", ["resourceType": "AllergyIntolerance", "code": ["text": "Peanut"], "criticality": "unable-to-assess",
                        "clinicalStatus": ["coding": [["code": "inactive"]]]]),
            ("urn:m1", ["resourceType": "MedicationRequest", "status": "active", "intent": "order",
                        "medicationCodeableConcept": ["coding": [["system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "197361"]], "text": "Amlodipine 5 mg"],
                        "authoredOn": "2024-02-10T09:00:00Z", "dosageInstruction": [["text": "once daily"], ["text": "second"]]]),
            ("urn:m2", ["resourceType": "MedicationStatement", "status": "not-taken", "medicationCodeableConcept": ["text": "Aspirin"]]),
            ("urn:i1", ["resourceType": "Immunization", "status": "not-done", "vaccineCode": ["text": "BCG"]]),
        ])
        let r = try FHIRImport.record(fromBundle: bytes, options: FHIRImportOptions())
        #expect(r.record.allergies == [Allergy(text: "Peanut", criticality: .unknown)])
        #expect(r.dropped.contains { $0.resource == "urn:a1" && $0.reason.contains("refuted") })
        #expect(r.dropped.contains { $0.kind == "AllergyIntolerance.clinicalStatus" })  // inactive is not the card's meaning
        #expect(r.record.medications == [Medication(code: ClinicalCode(.rxnorm, "197361"), text: "Amlodipine 5 mg",
                                                    dosage: "once daily", since: try PartialDate("2024-02-10"), status: .active),
                                         Medication(text: "Aspirin", status: .notTaken)])
        #expect(r.dropped.contains { $0.kind == "MedicationRequest.dosageInstruction" && $0.what == "dosage" })
        #expect(r.dropped.contains { $0.kind == "MedicationRequest.intent" })
        #expect(!r.dropped.contains { $0.resource == "urn:m2" })  // not-taken is carried (v1-final)
        #expect(r.record.conditions == nil)  // withheld: absent, and reported
        #expect(r.dropped.contains { $0.what == "emptyReason withheld in S 11450-4" })
        #expect(r.dropped.contains { $0.what == "narrative of S 11450-4" })
        #expect(r.record.immunizations == nil)
        #expect(r.dropped.contains { $0.resource == "urn:i1" && $0.reason.contains("not-done") })
    }

    @Test func vitalsUnitsAndRanges() throws {
        let q = { (v: Any, u: String) -> [String: Any] in ["valueQuantity": ["value": v, "unit": u, "code": u]] }
        let bytes = try bundle(sections: [section("8716-3", ["urn:w", "urn:h", "urn:h2", "urn:bp", "urn:hr"])], resources: [
            ("urn:w", obs("29463-7", q(3500, "g").merging(["effectiveDateTime": "2025-01-02"]) { $1 })),
            ("urn:h", obs("8302-2", q(52, "[in_i]").merging(["effectiveDateTime": "2025-01-02"]) { $1 })),
            ("urn:h2", obs("8302-2", q(300, "cm").merging(["effectiveDateTime": "2025-01-03"]) { $1 })),
            ("urn:bp", obs("85354-9", ["effectiveDateTime": "2025-01-02", "component": [
                ["code": ["coding": [["system": "http://loinc.org", "code": "8480-6"]]], "valueQuantity": ["value": 120.5, "code": "mm[Hg]"]],
                ["code": ["coding": [["system": "http://loinc.org", "code": "8462-4"]]], "valueQuantity": ["value": 80, "code": "mm[Hg]"]],
            ]])),
            ("urn:hr", obs("8867-4", q(72, "/min").merging(["effectiveDateTime": "2025-01-02"]) { $1 })),
        ])
        let r = try FHIRImport.record(fromBundle: bytes, options: FHIRImportOptions())
        // 3500 g = 3.5 kg; 52 [in_i] = 132.08 cm exactly; 300 cm and 120.5 mmHg are reported; heart rate is a vital.
        #expect(r.record.vitals == [VitalSigns(date: try PartialDate("2025-01-02"), heightCm: DecimalValue(significand: 13208, exponent: -2),
                                               weightKg: DecimalValue(significand: 35, exponent: -1), bpDiastolic: 80, heartRate: 72)])
        #expect(r.dropped.filter { $0.what == "body height" }.count == 1)
        #expect(r.dropped.contains { $0.what == "systolic pressure" })
        #expect(r.record.results == nil)
    }

    @Test func limitsAreReportedNotFailed() throws {
        let long = String(repeating: "é", count: 300)  // 600 bytes
        var refs: [String] = []
        var resources: [(String, [String: Any])] = []
        for i in 0..<66 {
            refs.append("urn:c\(i)")
            resources.append(("urn:c\(i)", ["resourceType": "Condition", "code": ["text": i == 0 ? long : "Condition \(i)"]]))
        }
        let bytes = try bundle(sections: [section("11450-4", refs)], resources: resources)
        let r = try FHIRImport.record(fromBundle: bytes, options: FHIRImportOptions())
        #expect(r.record.validate().isEmpty)
        #expect(r.record.conditions?.count == 64)
        #expect(r.record.conditions?.first?.text == String(repeating: "é", count: 250))
        #expect(r.dropped.contains { $0.what == "text beyond 500 bytes" })
        #expect(r.dropped.filter { $0.reason.contains("at most 64 entries") }.count == 2)
    }

    @Test func unresolvedReferencesAndOtherResources() throws {
        let bytes = try bundle(sections: [
            section("18776-5", ["urn:p", "urn:missing"], text: "<div><p>Physiotherapy twice a week</p></div>"),
            section("30954-2", ["urn:panel"]),
        ], resources: [
            ("urn:p", ["resourceType": "CarePlan", "status": "active", "description": "Physiotherapy"]),
            ("urn:panel", obs("24323-8", ["hasMember": [["reference": "urn:k"], ["reference": "urn:nothing"]]])),
            ("urn:k", obs("2823-3", ["valueQuantity": ["value": 4.1, "unit": "mmol/L"], "effectiveDateTime": "2025-03"])),
            ("urn:orphan", ["resourceType": "Observation", "status": "final", "code": ["text": "x"]]),
        ])
        let r = try FHIRImport.record(fromBundle: bytes, options: FHIRImportOptions())
        #expect(r.record.notes == "S 18776-5: Physiotherapy twice a week")
        #expect(r.record.results == [LabResult(code: ClinicalCode(.loinc, "2823-3"), value: "4.1 mmol/L", date: try PartialDate("2025-03"))])
        #expect(r.dropped.contains { $0.what == "reference urn:missing" })
        #expect(r.dropped.contains { $0.what == "hasMember" && $0.reason.contains("does not resolve") })
        #expect(r.dropped.contains { $0.what.hasPrefix("panel") })
        #expect(r.dropped.contains { $0.resource == "urn:orphan" && $0.reason.contains("not referenced") })
        #expect(r.dropped.contains { $0.resource == "urn:p" && $0.kind == "CarePlan" })
    }

    @Test func proceduresDevicesAndAlerts() throws {
        let snomed = "http://snomed.info/sct"
        let patient = ["reference": "urn:uuid:00000000-0000-4000-8000-000000000002"]
        let bytes = try bundle(sections: [
            section("47519-4", ["urn:p1", "urn:p2", "urn:p3"], text: "<div>generated</div>"),
            section("46264-8", ["urn:u1", "urn:d2"]),
            section("104605-1", ["urn:f1", "urn:f2", "urn:f3"]),
        ], resources: [
            ("urn:p1", ["resourceType": "Procedure", "status": "completed", "subject": patient,
                        "code": ["coding": [["system": snomed, "code": "80146002", "display": "Appendectomy"]]],
                        "performedPeriod": ["start": "2010-05-03T10:00:00Z", "end": "2010-05-03T11:00:00Z"]]),
            ("urn:p2", ["resourceType": "Procedure", "status": "stopped", "code": ["text": "Knee physiotherapy"],
                        "performedDateTime": "2026-02", "bodySite": [["text": "left knee"]]]),
            ("urn:p3", ["resourceType": "Procedure", "status": "entered-in-error", "code": ["text": "x"]]),
            ("urn:u1", ["resourceType": "DeviceUseStatement", "status": "active", "subject": patient,
                        "device": ["reference": "urn:dev1"], "timingPeriod": ["start": "2021-06-02"]]),
            ("urn:dev1", ["resourceType": "Device", "patient": patient, "manufacturer": "ACME",
                          "type": ["coding": [["system": snomed, "code": "14106009", "display": "Cardiac pacemaker"]]]]),
            ("urn:d2", ["resourceType": "Device", "type": ["text": "Insulin pump"]]),
            ("urn:f1", ["resourceType": "Flag", "status": "active", "subject": patient,
                        "extension": [["url": "http://hl7.org/fhir/StructureDefinition/flag-priority",
                                       "valueCodeableConcept": ["coding": [["system": "http://hl7.org/fhir/flag-priority-code", "code": "PH"]]]]],
                        "code": ["text": "No MRI"], "period": ["start": "2021-06"],
                        "category": [["text": "clinical"]]]),
            ("urn:f2", ["resourceType": "Flag", "status": "inactive", "code": ["text": "Old alert"]]),
            ("urn:f3", ["resourceType": "Flag", "status": "active", "code": ["text": "Difficult airway"],
                        "extension": [["url": "http://hl7.org/fhir/StructureDefinition/flag-priority",
                                       "valueCodeableConcept": ["coding": [["system": "http://hl7.org/fhir/flag-priority-code", "code": "PM"]]]]]]),
        ])
        let r = try FHIRImport.record(fromBundle: bytes, options: FHIRImportOptions())
        #expect(r.record.procedures == [
            Procedure(code: ClinicalCode(.snomed, "80146002"), text: "Appendectomy", date: try PartialDate("2010-05-03"), status: .completed),
            Procedure(text: "Knee physiotherapy", date: try PartialDate("2026-02")),
        ])
        #expect(r.record.devices == [
            MedicalDevice(code: ClinicalCode(.snomed, "14106009"), text: "Cardiac pacemaker", since: try PartialDate("2021-06-02")),
            MedicalDevice(text: "Insulin pump"),
        ])
        #expect(r.record.alerts == [Alert(text: "No MRI", since: try PartialDate("2021-06"), severity: .high),
                                    Alert(text: "Difficult airway")])
        #expect(r.record.notes == nil)  // the procedures narrative is generated and its entries are mapped
        // What was not carried, one by one.
        #expect(hasDrop(r, kind: "Procedure.performedPeriod.end", count: 1))
        #expect(r.dropped.contains { $0.resource == "urn:p2" && $0.kind == "Procedure.status" })
        #expect(hasDrop(r, kind: "Procedure.bodySite", count: 1))
        #expect(r.dropped.contains { $0.resource == "urn:p3" && $0.kind == "Procedure" && $0.reason.contains("entered-in-error") })
        #expect(hasDrop(r, kind: "Device.manufacturer", count: 1))
        #expect(hasDrop(r, kind: "Flag.category", count: 1))
        #expect(r.dropped.contains { $0.resource == "urn:f2" && $0.kind == "Flag" && $0.reason.contains("inactive") })
        #expect(r.dropped.contains { $0.resource == "urn:f3" && $0.kind == "Flag.extension" })  // PM has no severity
        #expect(r.dropped.reduce(0) { $0 + $1.count } == 8)

        // Export and import again: the same three sections.
        let again = try FHIRImport.record(fromBundle: FHIRExport.bundle(from: r.record), options: FHIRImportOptions())
        #expect(!again.dropped.contains { ["Procedure", "DeviceUseStatement", "Device", "Flag"].contains($0.resourceType) })
        #expect(again.record.procedures == r.record.procedures)
        #expect(again.record.devices == r.record.devices)
        #expect(again.record.alerts == r.record.alerts)
    }
}
