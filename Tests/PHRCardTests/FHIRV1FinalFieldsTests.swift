import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// FHIR import and export of the v1-final record members: unknown and self-declared identity, allergy severity and
/// category, medication status, result interpretation and reference range, vital signs by LOINC code with units.
@Suite struct FHIRV1FinalFieldsTests {
    static let dar = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
    static let selfDeclared = "urn:phrcard:fhir:self-declared"
    static let v3 = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"

    /// The clean Bundle with its Patient replaced and the given section entries added (allergy section first).
    private func bundle(patient: [String: Any]? = nil, sections: [(String, [(String, [String: Any])])] = []) throws -> [UInt8] {
        var b = FHIRFixtures.cleanBundle()
        var entries = b["entry"] as! [[String: Any]]
        if let patient { entries[1]["resource"] = ["resourceType": "Patient"].merging(patient) { $1 } }
        var composition = entries[0]["resource"] as! [String: Any]
        var compositionSections = composition["section"] as! [[String: Any]]
        for (loinc, resources) in sections {
            if loinc == "48765-2" {
                compositionSections[0]["entry"] = resources.map { ["reference": $0.0] }
                entries.removeLast()
            } else {
                compositionSections.append(["title": "S", "code": ["coding": [["system": "http://loinc.org", "code": loinc]]],
                                            "entry": resources.map { ["reference": $0.0] }])
            }
            for (url, r) in resources { entries.append(["fullUrl": url, "resource": r]) }
        }
        composition["section"] = compositionSections
        entries[0]["resource"] = composition
        b["entry"] = entries
        return try FHIRFixtures.serialise(b)
    }

    private func importing(_ bytes: [UInt8]) throws -> FHIRImportResult {
        try FHIRImport.record(fromBundle: bytes, options: FHIRImportOptions())
    }

    private func darExtension(_ code: String) -> [String: Any] { ["url": Self.dar, "valueCode": code] }

    // MARK: Patient

    @Test("name and birth date carried only as data-absent-reason import as unknown (any code)",
          arguments: ["unknown", "asked-unknown", "masked", "not-applicable"])
    func unknownIdentity(code: String) throws {
        let r = try importing(try bundle(patient: [
            "name": [["extension": [darExtension(code)]]],
            "_birthDate": ["extension": [darExtension(code)]],
            "gender": "male",
        ]))
        #expect(r.record.holder == Holder(sex: .male, unknown: [.name, .birthDate]))
        #expect(r.dropped.isEmpty, "\(r.dropped)")
    }

    @Test("a Patient with no name and no data-absent-reason imports as name unknown, and the report says so")
    func noNameImportsAsUnknown() throws {
        let r = try importing(try bundle(patient: ["name": [["use": "official"]], "gender": "male"]))
        #expect(r.record.holder == Holder(sex: .male, unknown: [.name]))
        #expect(r.dropped.contains { $0.kind == "Patient.name" && $0.reason.contains("unknown") }, "\(r.dropped)")
        let none = try importing(try bundle(patient: ["gender": "female"]))
        #expect(none.record.holder == Holder(sex: .female, unknown: [.name]))
    }

    @Test("data-absent-reason next to a real name is reported, the name kept")
    func absentReasonWithValue() throws {
        let r = try importing(try bundle(patient: ["name": [["given": ["Ali"], "extension": [darExtension("unknown")]]]]))
        #expect(r.record.holder == Holder(given: "Ali"))
        #expect(r.dropped.contains { $0.kind == "Patient.name.extension" })
    }

    @Test("self-declared fields: the PHRCard extension, one per field; invalid or valueless ones are reported")
    func selfDeclaredImport() throws {
        let r = try importing(try bundle(patient: [
            "name": [["given": ["Yonas"]]], "birthDate": "2010", "gender": "male",
            "extension": [
                ["url": Self.selfDeclared, "valueCode": "name"], ["url": Self.selfDeclared, "valueCode": "birthDate"],
                ["url": Self.selfDeclared, "valueCode": "nationality"], ["url": Self.selfDeclared, "valueCode": "age"],
            ],
        ]))
        #expect(r.record.holder == Holder(given: "Yonas", birthDate: try PartialDate("2010"), sex: .male,
                                          declared: [.name, .birthDate]))
        #expect(r.dropped.contains { $0.what == "self-declared nationality" })  // the Patient has no nationality
        #expect(r.dropped.contains { $0.what == "self-declared age" })
        #expect(r.record.validate().isEmpty)
    }

    // MARK: Allergy

    @Test("allergy: the worst reaction severity and the first category are carried")
    func allergySeverityAndCategory() throws {
        let allergy: [String: Any] = [
            "resourceType": "AllergyIntolerance", "code": ["text": "Peanut"], "category": ["food", "medication"],
            "reaction": [
                ["manifestation": [["text": "hives"]], "severity": "mild"],
                ["severity": "severe"],
                ["manifestation": [["text": "wheeze"]], "severity": "moderate"],
            ],
        ]
        let r = try importing(try bundle(sections: [("48765-2", [("urn:a", allergy)])]))
        #expect(r.record.allergies == [Allergy(text: "Peanut", reaction: "hives", severity: .severe, category: .food)])
        #expect(r.dropped.contains { $0.what == "category medication" && $0.reason == "the record keeps one category" })
        // The third reaction has a manifestation the record cannot keep; the second only a severity (carried).
        #expect(r.dropped.filter { $0.kind == "AllergyIntolerance.reaction" }.map(\.path) == ["entry[2].resource.reaction[2]"])
    }

    @Test("an unknown reaction severity or category is reported")
    func allergyBadValues() throws {
        let allergy: [String: Any] = ["resourceType": "AllergyIntolerance", "code": ["text": "Dust"], "category": ["dust"],
                                      "reaction": [["manifestation": [["text": "rhinitis"]], "severity": "fatal"]]]
        let r = try importing(try bundle(sections: [("48765-2", [("urn:a", allergy)])]))
        #expect(r.record.allergies == [Allergy(text: "Dust", reaction: "rhinitis")])
        #expect(r.dropped.contains { $0.what == "reaction severity fatal" })
        #expect(r.dropped.contains { $0.what == "category dust" })
    }

    // MARK: Medication

    @Test("medication status table (spec/fhir.md)", arguments: [
        ("MedicationStatement", "active", Medication.Status?.some(.active)),
        ("MedicationStatement", "completed", .completed), ("MedicationStatement", "stopped", .stopped),
        ("MedicationStatement", "on-hold", .onHold), ("MedicationStatement", "intended", .intended),
        ("MedicationStatement", "not-taken", .notTaken), ("MedicationStatement", "unknown", nil),
        ("MedicationRequest", "active", .active), ("MedicationRequest", "on-hold", .onHold),
        ("MedicationRequest", "completed", .completed), ("MedicationRequest", "stopped", .stopped),
        ("MedicationRequest", "draft", .intended), ("MedicationRequest", "cancelled", .notTaken),
        ("MedicationRequest", "unknown", nil),
    ])
    func medicationStatus(type: String, status: String, expected: Medication.Status?) throws {
        var resource: [String: Any] = ["resourceType": type, "status": status, "medicationCodeableConcept": ["text": "Aspirin"]]
        if type == "MedicationRequest" { resource["intent"] = "order" }
        let r = try importing(try bundle(sections: [("10160-0", [("urn:m", resource)])]))
        #expect(r.record.medications == [Medication(text: "Aspirin", status: expected)], "\(type) \(status)")
        #expect(!r.dropped.contains { $0.kind == "\(type).status" })
    }

    @Test("entered-in-error drops the medication; a status the record does not map is reported")
    func medicationStatusEdges() throws {
        let r = try importing(try bundle(sections: [("10160-0", [
            ("urn:m1", ["resourceType": "MedicationStatement", "status": "entered-in-error", "medicationCodeableConcept": ["text": "A"]]),
            ("urn:m2", ["resourceType": "MedicationRequest", "status": "intended", "intent": "order", "medicationCodeableConcept": ["text": "B"]]),
        ])]))
        #expect(r.record.medications == [Medication(text: "B")])
        #expect(r.dropped.contains { $0.resource == "urn:m1" && $0.kind == "MedicationStatement" })
        #expect(r.dropped.contains { $0.resource == "urn:m2" && $0.kind == "MedicationRequest.status" })
    }

    // MARK: Results

    private func result(_ extra: [String: Any]) -> [String: Any] {
        ["resourceType": "Observation", "status": "final", "code": ["text": "Hb"], "valueString": "10"].merging(extra) { $1 }
    }

    private func interpretation(_ code: String) -> [String: Any] { ["coding": [["system": Self.v3, "code": code]]] }

    @Test("interpretation: the nine v3 codes", arguments: [
        ("N", LabResult.Interpretation.normal), ("A", .abnormal), ("L", .low), ("H", .high), ("LL", .criticalLow),
        ("HH", .criticalHigh), ("POS", .positive), ("NEG", .negative), ("IND", .indeterminate),
    ])
    func interpretationCodes(code: String, expected: LabResult.Interpretation) throws {
        let r = try importing(try bundle(sections: [("30954-2", [("urn:o", result(["interpretation": [interpretation(code)]]))])]))
        #expect(r.record.results == [LabResult(text: "Hb", value: "10", interpretation: expected)])
        #expect(!r.dropped.contains { $0.kind.hasPrefix("Observation.interpretation") })
    }

    @Test("other interpretation codes and a second interpretation are reported")
    func interpretationReported() throws {
        let r = try importing(try bundle(sections: [("30954-2", [
            ("urn:o1", result(["interpretation": [interpretation("HU")]])),
            ("urn:o2", result(["interpretation": [interpretation("H"), interpretation("A")]])),
        ])]))
        #expect(r.record.results?.map(\.interpretation) == [nil, .high])
        #expect(r.dropped.contains { $0.resource == "urn:o1" && $0.what == "interpretation HU" })
        #expect(r.dropped.contains { $0.resource == "urn:o2" && $0.what == "interpretation A" })
    }

    @Test("reference range: text, else low-high with the unit; one range kept", arguments: [
        (#"{"text": "4.0-6.0 %", "low": {"value": 4, "unit": "%"}}"#, "4.0-6.0 %"),
        (#"{"low": {"value": 13.0, "unit": "g/dL"}, "high": {"value": 17.5, "unit": "g/dL"}}"#, "13.0-17.5 g/dL"),
        (#"{"low": {"value": 60, "code": "mL/min"}}"#, ">=60 mL/min"),
        (#"{"high": {"value": 5, "unit": "mg/L"}}"#, "<=5 mg/L"),
        (#"{"low": {"value": 1}, "high": {"value": 2}}"#, "1-2"),
    ])
    func referenceRange(rangeJSON: String, expected: String) throws {
        // The Bundle is built as text so that number literals (13.0) reach the importer exactly as written.
        let placeholder = "RANGE-PLACEHOLDER"
        let bytes = try bundle(sections: [("30954-2", [("urn:o", result(["referenceRange": [placeholder]]))])])
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"\(placeholder)\"", with: rangeJSON)
        let r = try importing(Array(text.utf8))
        #expect(r.record.results?.first?.range == expected)
        #expect(!r.dropped.contains { $0.kind.hasPrefix("Observation.referenceRange") })
    }

    @Test("a second reference range and range details are reported")
    func referenceRangeReported() throws {
        let r = try importing(try bundle(sections: [("30954-2", [("urn:o", result(["referenceRange": [
            ["text": "adult", "appliesTo": [["text": "women"]]], ["text": "child"],
        ]]))])]))
        #expect(r.record.results?.first?.range == "adult")
        #expect(r.dropped.contains { $0.kind == "Observation.referenceRange" && $0.reason == "the record keeps one reference range" })
        #expect(r.dropped.contains { $0.kind == "Observation.referenceRange.appliesTo" })
    }

    // MARK: Vital signs

    private func vital(_ loinc: String, _ value: Any, _ unit: String, date: String = "2026-01-05") -> [String: Any] {
        ["resourceType": "Observation", "status": "final",
         "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"]]]],
         "code": ["coding": [["system": "http://loinc.org", "code": loinc]]], "effectiveDateTime": date,
         "valueQuantity": ["value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit]]
    }

    @Test("vital signs by LOINC code, with unit conversion (expected values computed by hand)")
    func vitalSigns() throws {
        let r = try importing(try bundle(sections: [("8716-3", [
            ("urn:t", vital("8310-5", 100.4, "[degF]")),           // (100.4 − 32) × 5/9 = 38.0
            ("urn:hr", vital("8867-4", 88, "/min")),
            ("urn:rr", vital("9279-1", 16, "{breaths}/min")),
            ("urn:o2", vital("59408-5", 97, "%")),
            ("urn:bmi", vital("39156-5", 22.4, "kg/m2")),
            ("urn:w", vital("29463-7", 150, "[lb_av]")),           // 150 × 0.45359237 = 68.0388555 → 68.04
            ("urn:h", vital("8302-2", 65, "[in_i]")),              // 65 × 2.54 = 165.1 exactly
            ("urn:t2", vital("8310-5", 98.6, "[degF]", date: "2026-01-06")),  // 37.0
            ("urn:t3", vital("8310-5", 37.25, "Cel", date: "2026-01-07")),    // Celsius kept exactly
            ("urn:o3", vital("2708-6", 94.5, "%", date: "2026-01-07")),
        ])]))
        #expect(r.record.vitals == [
            VitalSigns(date: try PartialDate("2026-01-05"), heightCm: DecimalValue("165.1"), weightKg: DecimalValue("68.04"),
                       temperatureC: 38, heartRate: 88, respiratoryRate: 16, oxygenSaturation: 97, bmi: DecimalValue("22.4")),
            VitalSigns(date: try PartialDate("2026-01-06"), temperatureC: 37),
            VitalSigns(date: try PartialDate("2026-01-07"), temperatureC: DecimalValue("37.25"), oxygenSaturation: DecimalValue("94.5")),
        ])
        #expect(r.record.results == nil)
        #expect(r.dropped.isEmpty, "\(r.dropped)")
    }

    @Test("vital signs that the record cannot hold are reported, not guessed", arguments: [
        ("8310-5", 310.15, "K", "body temperature"),              // kelvin: not converted
        ("8310-5", 47, "Cel", "body temperature"),                // outside 25–45
        ("8867-4", 72.5, "/min", "heart rate"),                   // not whole
        ("8867-4", 72, "Hz", "heart rate"),
        ("9279-1", 0, "/min", "respiratory rate"),
        ("2708-6", 0.97, "1", "oxygen saturation"),               // a fraction, not %
        ("39156-5", 22, "kg", "body mass index"),
        ("29463-7", 12, "[oz_av]", "body weight"),
    ])
    func vitalRefused(loinc: String, value: Double, unit: String, what: String) throws {
        let r = try importing(try bundle(sections: [("8716-3", [("urn:v", vital(loinc, value, unit))])]))
        #expect(r.record.vitals == nil, "\(loinc) \(unit)")
        #expect(r.dropped.contains { $0.what == what }, "\(loinc) \(unit)")
    }

    @Test("a vital-signs observation without a vitals code is a result, in any section")
    func otherVitalSignIsResult() throws {
        let r = try importing(try bundle(sections: [("30954-2", [("urn:v", vital("9843-4", 35, "cm"))])]))
        #expect(r.record.results == [LabResult(code: ClinicalCode(.loinc, "9843-4"), value: "35 cm", date: try PartialDate("2026-01-05"))])
    }

    @Test("Fahrenheit conversion rounds half away from zero to 0.1 °C")
    func fahrenheit() {
        #expect(VitalMeasure.fahrenheitToCelsius(DecimalValue("32.09")!) == DecimalValue("0.1"))  // 0.05 → 0.1
        #expect(VitalMeasure.fahrenheitToCelsius(DecimalValue("31.91")!) == DecimalValue("-0.1"))  // −0.05 → −0.1
        #expect(VitalMeasure.fahrenheitToCelsius(212) == 100)
        #expect(VitalMeasure.fahrenheitToCelsius(DecimalValue("101.3")!) == DecimalValue("38.5"))  // 38.5 exactly
        #expect(VitalMeasure.fahrenheitToCelsius(DecimalValue("1e2")!) == DecimalValue("37.8"))  // 37.777…
    }

    // MARK: Export and round trip

    static let fullRecord = HealthRecord(
        holder: Holder(sex: .female, nationality: "ER", unknown: [.name, .birthDate], declared: [.sex, .nationality]),
        allergies: [Allergy(text: "Peanut", criticality: .high, reaction: "hives", severity: .severe, category: .food),
                    Allergy(text: "Latex", severity: .mild)],
        medications: Medication.Status.allCases.map { Medication(text: "M \($0.rawValue)", status: $0) } + [Medication(text: "none")],
        results: LabResult.Interpretation.allCases.map { LabResult(text: "R \($0.rawValue)", value: "1", interpretation: $0) }
            + [LabResult(text: "HbA1c", value: "7.4 %", range: "4.0-6.0 %")],
        vitals: [VitalSigns(date: try? PartialDate("2026-01-05"), heightCm: 162, weightKg: DecimalValue("47.5"),
                            bpSystolic: 110, bpDiastolic: 70, temperatureC: DecimalValue("38.1"), heartRate: 96,
                            respiratoryRate: 18, oxygenSaturation: 98, bmi: DecimalValue("18.1"))])

    @Test("record → IPS → record keeps every new member")
    func exportRoundTrip() throws {
        #expect(Self.fullRecord.validate().isEmpty)
        let exported = FHIRExport.bundle(from: Self.fullRecord, options: FHIRExportOptions(date: "2026-05-01T10:00:00Z"))
        #expect(try FHIRFixtures.structuralProblems(exported) == [])
        let again = try importing(exported)
        #expect(again.record == Self.fullRecord)
        let kinds = Set(again.dropped.map(\.kind))
        #expect(kinds.isSubset(of: ["Bundle.timestamp", "Composition.date", "Composition.author", "Composition.title",
                                    "Organization"]), "\(kinds)")
    }

    @Test("the export writes data-absent-reason and the self-declared extension as spec/fhir.md says")
    func exportShape() throws {
        let exported = try FHIRFixtures.json(FHIRExport.bundle(from: Self.fullRecord, options: FHIRExportOptions(date: "2026-05-01")))
        let resources = (exported["entry"] as! [[String: Any]]).map { $0["resource"] as! [String: Any] }
        let patient = try #require(resources.first { $0["resourceType"] as? String == "Patient" })
        let absent: [String: Any] = ["extension": [["url": Self.dar, "valueCode": "unknown"]]]
        #expect((patient["name"] as? [[String: Any]]).map { $0 as NSArray } == [absent] as NSArray)
        #expect((patient["_birthDate"] as? [String: Any]).map { $0 as NSDictionary } == absent as NSDictionary)
        #expect(patient["birthDate"] == nil)
        let declared = (patient["extension"] as? [[String: Any]] ?? []).filter { $0["url"] as? String == Self.selfDeclared }
        #expect(declared.compactMap { $0["valueCode"] as? String } == ["sex", "nationality"])
        let statuses = resources.filter { $0["resourceType"] as? String == "MedicationStatement" }.compactMap { $0["status"] as? String }
        #expect(statuses == ["active", "completed", "stopped", "on-hold", "intended", "not-taken", "unknown"])
        let observations = resources.filter { $0["resourceType"] as? String == "Observation" }
        let codes = observations.compactMap { (($0["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String }
        for loinc in ["8302-2", "29463-7", "85354-9", "8310-5", "8867-4", "9279-1", "2708-6", "39156-5"] {
            #expect(codes.contains(loinc), "\(loinc)")
        }
        let v3 = observations.compactMap { (($0["interpretation"] as? [[String: Any]])?.first?["coding"] as? [[String: Any]])?.first?["code"] as? String }
        #expect(v3 == ["N", "A", "L", "H", "LL", "HH", "POS", "NEG", "IND"])
        let latex = try #require(resources.first { (($0["code"] as? [String: Any])?["text"] as? String) == "Latex" })
        let reaction = try #require((latex["reaction"] as? [[String: Any]])?.first)
        #expect(reaction["severity"] as? String == "mild")
        #expect((reaction["manifestation"] as? [[String: Any]]).map { $0 as NSArray } == [absent] as NSArray)
    }
}
