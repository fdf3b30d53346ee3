import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// Reference resolution and groupings on small hand-written Bundles (`spec/fhir.md`, "References" and "Groupings").
@Suite struct FHIRReferenceTests {
    private static let loinc = "http://loinc.org"

    /// A document Bundle: Composition (subject `patientRef`) with `sections`, the Patient under `patientURL`, then
    /// `resources` as (fullUrl or nil, resource).
    private func bundle(sections: [[String: Any]], resources: [(String?, [String: Any])],
                        compositionURL: String = "urn:uuid:c", patientURL: String = "urn:uuid:p",
                        patientRef: String = "urn:uuid:p") throws -> [UInt8] {
        var entries: [[String: Any]] = [
            ["fullUrl": compositionURL, "resource": [
                "resourceType": "Composition", "status": "final",
                "type": ["coding": [["system": Self.loinc, "code": "60591-5"]]],
                "subject": ["reference": patientRef], "section": sections,
            ] as [String: Any]],
            ["fullUrl": patientURL, "resource": ["resourceType": "Patient", "id": "p",
                                                 "name": [["family": "Doe", "given": ["Jane"]]]] as [String: Any]],
        ]
        for (url, r) in resources {
            var e: [String: Any] = ["resource": r]
            if let url { e["fullUrl"] = url }
            entries.append(e)
        }
        return try FHIRFixtures.serialise(["resourceType": "Bundle", "type": "document", "entry": entries] as [String: Any])
    }

    private func section(_ loinc: String, _ refs: [String], text: String? = nil) -> [String: Any] {
        var s: [String: Any] = ["title": "S \(loinc)", "code": ["coding": [["system": Self.loinc, "code": loinc]]],
                                "entry": refs.map { ["reference": $0] }]
        if let text { s["text"] = ["status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">\(text)</div>"] }
        return s
    }

    private func lab(_ code: String, _ text: String, _ value: Any) -> [String: Any] {
        ["resourceType": "Observation", "status": "final", "category": [["coding": [["code": "laboratory"]]]],
         "code": ["coding": [["system": Self.loinc, "code": code]], "text": text],
         "valueQuantity": ["value": value, "unit": "mmol/L"], "effectiveDateTime": "2024-03-01"]
    }

    @Test func containedMedicationIsResolvedAndUnusedContainedIsReported() throws {
        let bytes = try bundle(sections: [section("10160-0", ["urn:uuid:ms"])], resources: [
            ("urn:uuid:ms", [
                "resourceType": "MedicationStatement", "status": "active",
                "contained": [
                    ["resourceType": "Medication", "id": "med",
                     "code": ["coding": [["system": "http://www.whocc.no/atc", "code": "C07AB07"]], "text": "Bisoprolol 5 mg"]],
                    ["resourceType": "Organization", "id": "org", "name": "Pharmacy"],
                ],
                "medicationReference": ["reference": "#med"], "dosage": [["text": "1 tablet daily"]],
            ]),
        ])
        let r = try FHIRImport.record(fromBundle: bytes)
        #expect(r.record.medications == [Medication(code: ClinicalCode(.atc, "C07AB07"), text: "Bisoprolol 5 mg", dosage: "1 tablet daily",
                                                     status: .active)])
        #expect(r.clinicalResources == [FHIRClinicalResource(resourceType: "MedicationStatement", resource: "urn:uuid:ms", carried: true)])
        #expect(r.dropped.contains { $0.resource == "urn:uuid:ms#org" && $0.kind == "Organization" })
        #expect(!r.dropped.contains { $0.resource == "urn:uuid:ms#med" })
    }

    @Test func relativeReferencesUseTheReferringEntrysBase() throws {
        // Two Conditions with the id "1" on different servers; the section's relative reference means the one on the
        // Composition's server. The MedicationRequest on server B names its Medication relatively, too.
        let a = "http://a.example/fhir/", b = "http://b.example/fhir/"
        let bytes = try bundle(sections: [section("11450-4", ["Condition/1"]), section("10160-0", [b + "MedicationRequest/m"])],
                               resources: [
                                   (b + "Condition/1", ["resourceType": "Condition", "id": "1", "code": ["text": "Wrong server"]]),
                                   (a + "Condition/1", ["resourceType": "Condition", "id": "1", "code": ["text": "Asthma"]]),
                                   (b + "MedicationRequest/m", ["resourceType": "MedicationRequest", "id": "m", "status": "active",
                                                               "intent": "order", "medicationReference": ["reference": "Medication/x/_history/2"]]),
                                   (b + "Medication/x", ["resourceType": "Medication", "id": "x", "code": ["text": "Salbutamol inhaler"]]),
                               ],
                               compositionURL: a + "Composition/c", patientURL: a + "Patient/p", patientRef: "Patient/p")
        let r = try FHIRImport.record(fromBundle: bytes)
        #expect(r.record.conditions == [Condition(text: "Asthma")])
        #expect(r.record.medications == [Medication(text: "Salbutamol inhaler", status: .active)])
        #expect(r.dropped.contains { $0.resource == b + "Condition/1" && $0.reason.contains("not referenced") })
    }

    @Test func urnAndAbsoluteReferences() throws {
        // An absolute reference to another base resolves to the one entry with that type and id; an ambiguous one
        // does not resolve and is reported.
        let bytes = try bundle(sections: [section("48765-2", ["http://elsewhere.example/AllergyIntolerance/a1", "urn:uuid:missing"]),
                                          section("11450-4", ["Condition/dup"])],
                               resources: [
                                   ("urn:uuid:a1", ["resourceType": "AllergyIntolerance", "id": "a1", "code": ["text": "Latex"]]),
                                   ("urn:uuid:d1", ["resourceType": "Condition", "id": "dup", "code": ["text": "One"]]),
                                   ("urn:uuid:d2", ["resourceType": "Condition", "id": "dup", "code": ["text": "Two"]]),
                               ])
        let r = try FHIRImport.record(fromBundle: bytes)
        #expect(r.record.allergies == [Allergy(text: "Latex")])
        #expect(r.record.conditions == nil)
        // Both unresolved references are in one report line (same kind and reason), the first named.
        #expect(r.dropped.contains { $0.what == "reference urn:uuid:missing" && $0.kind == "Composition.section.entry" && $0.count == 2 })
        #expect(r.clinicalResources.filter { !$0.carried }.map(\.resource) == ["urn:uuid:d1", "urn:uuid:d2"])
    }

    @Test func diagnosticReportResultsAndPanels() throws {
        let bytes = try bundle(sections: [section("30954-2", ["urn:uuid:dr", "urn:uuid:dr2"])], resources: [
            ("urn:uuid:dr", ["resourceType": "DiagnosticReport", "status": "final",
                             "code": ["coding": [["system": Self.loinc, "code": "24323-8"]], "text": "Metabolic panel"],
                             "result": [["reference": "urn:uuid:o1"], ["reference": "urn:uuid:panel"]],
                             "performer": [["display": "Lab"]]]),
            ("urn:uuid:o1", lab("2345-7", "Glucose", 5.4)),
            ("urn:uuid:panel", ["resourceType": "Observation", "status": "final",
                                "code": ["coding": [["system": Self.loinc, "code": "24331-1"]], "text": "Lipid panel"],
                                "hasMember": [["reference": "urn:uuid:o2"]]]),
            ("urn:uuid:o2", lab("2093-3", "Cholesterol", 4.9)),
            ("urn:uuid:dr2", ["resourceType": "DiagnosticReport", "status": "final",
                              "code": ["coding": [["system": Self.loinc, "code": "36643-5"]], "text": "Chest X-ray"],
                              "effectiveDateTime": "2024-02-02", "conclusion": "No abnormality"]),
        ])
        let r = try FHIRImport.record(fromBundle: bytes)
        #expect(r.record.results == [
            LabResult(code: ClinicalCode(.loinc, "2345-7"), text: "Glucose", value: "5.4 mmol/L", date: try PartialDate("2024-03-01")),
            LabResult(code: ClinicalCode(.loinc, "2093-3"), text: "Cholesterol", value: "4.9 mmol/L", date: try PartialDate("2024-03-01")),
            LabResult(code: ClinicalCode(.loinc, "36643-5"), text: "Chest X-ray", value: "No abnormality", date: try PartialDate("2024-02-02")),
        ])
        #expect(r.clinicalResources.allSatisfy { $0.carried })
        #expect(r.dropped.contains { $0.resource == "urn:uuid:dr" && $0.reason.contains("grouping of results into a report") })
        #expect(r.dropped.contains { $0.kind == "DiagnosticReport.performer" })
        #expect(r.dropped.contains { $0.resource == "urn:uuid:panel" && $0.reason.contains("panel") })
    }

    @Test func sectionEntryPointingAtAList() throws {
        let bytes = try bundle(sections: [section("11348-0", ["urn:uuid:list"])], resources: [
            ("urn:uuid:list", ["resourceType": "List", "status": "current", "mode": "snapshot", "title": "Past problems",
                               "entry": [["item": ["reference": "urn:uuid:c1"]], ["item": ["reference": "urn:uuid:c2"]]]]),
            ("urn:uuid:c1", ["resourceType": "Condition", "code": ["text": "Appendicitis"],
                             "clinicalStatus": ["coding": [["code": "resolved"]]]]),
            ("urn:uuid:c2", ["resourceType": "Condition", "code": ["text": "Measles"],
                             "clinicalStatus": ["coding": [["code": "resolved"]]]]),
        ])
        let r = try FHIRImport.record(fromBundle: bytes)
        #expect(r.record.conditions == [Condition(text: "Appendicitis", status: .resolved), Condition(text: "Measles", status: .resolved)])
        #expect(r.clinicalResources.count == 2 && r.clinicalResources.allSatisfy { $0.carried })
        #expect(!r.dropped.contains { $0.resource == "urn:uuid:list" })
    }

    @Test func immunizationDoseNumbers() throws {
        func imm(_ protocolApplied: [String: Any]) -> [String: Any] {
            ["resourceType": "Immunization", "status": "completed", "vaccineCode": ["text": "MMR"],
             "occurrenceDateTime": "2020-01-01", "protocolApplied": [protocolApplied]]
        }
        let bytes = try bundle(sections: [section("11369-6", ["urn:uuid:i1", "urn:uuid:i2", "urn:uuid:i3"])], resources: [
            ("urn:uuid:i1", imm(["doseNumberPositiveInt": 2])),
            ("urn:uuid:i2", imm(["doseNumberString": "3"])),
            ("urn:uuid:i3", imm(["doseNumberString": "booster"])),
        ])
        let r = try FHIRImport.record(fromBundle: bytes)
        #expect(r.record.immunizations?.map(\.dose) == [2, 3, nil])
        #expect(r.dropped.contains { $0.resource == "urn:uuid:i3" && $0.kind == "Immunization.protocolApplied.doseNumberString" })
    }

    @Test func narrativeOnlyWhenNoEntryIsCarried() throws {
        let bytes = try bundle(sections: [
            section("10160-0", ["urn:uuid:m1"], text: "<table><tr><td>Aspirin</td><td>daily</td></tr></table>"),
            section("48765-2", ["urn:uuid:a1"], text: "<p>Latex allergy</p>"),
        ], resources: [
            ("urn:uuid:m1", ["resourceType": "MedicationStatement", "status": "active", "medicationReference": ["reference": "#nowhere"]]),
            ("urn:uuid:a1", ["resourceType": "AllergyIntolerance", "code": ["text": "Latex"]]),
        ])
        let r = try FHIRImport.record(fromBundle: bytes)
        #expect(r.record.notes == "S 10160-0: Aspirin | daily")
        #expect(r.record.allergies == [Allergy(text: "Latex")])
        #expect(r.dropped.contains { $0.what == "entries of S 10160-0" && $0.reason.contains("narrative is carried in notes") })
        #expect(r.dropped.contains { $0.resource == "urn:uuid:m1" && $0.kind == "MedicationStatement" })
    }

    @Test func socialHistoryObservationsAreResultsAndRepeatsAreCarriedOnce() throws {
        let smoking: [String: Any] = [
            "resourceType": "Observation", "status": "final",
            "code": ["coding": [["system": Self.loinc, "code": "72166-2"]], "text": "Tobacco smoking status"],
            "valueCodeableConcept": ["coding": [["system": "http://snomed.info/sct", "code": "266919005"]], "text": "Never smoked tobacco"],
            "effectiveDateTime": "2023-05-01",
        ]
        let bytes = try bundle(sections: [section("29762-2", ["urn:uuid:s1", "urn:uuid:s2"])],
                               resources: [("urn:uuid:s1", smoking), ("urn:uuid:s2", smoking)])
        let r = try FHIRImport.record(fromBundle: bytes)
        #expect(r.record.results == [LabResult(code: ClinicalCode(.loinc, "72166-2"), text: "Tobacco smoking status",
                                               value: "Never smoked tobacco", date: try PartialDate("2023-05-01"))])
        #expect(r.clinicalResources.allSatisfy { $0.carried })
        #expect(r.dropped.contains { $0.reason.contains("identical to an earlier one") })
        #expect(r.record.notes == nil)
    }

    /// A section that lists a report and also its results (as the NZ connectathon documents do): the results are
    /// mapped once, and the report counts as carried through them.
    @Test func reportWhoseResultsTheSectionAlsoLists() throws {
        let bytes = try bundle(sections: [section("30954-2", ["urn:uuid:o1", "urn:uuid:dr"])], resources: [
            ("urn:uuid:dr", ["resourceType": "DiagnosticReport", "status": "final", "code": ["text": "HbA1c"],
                             "result": [["reference": "urn:uuid:o1"]]]),
            ("urn:uuid:o1", lab("4548-4", "HbA1c", 48)),
        ])
        let r = try FHIRImport.record(fromBundle: bytes)
        #expect(r.record.results?.count == 1)
        #expect(r.clinicalResources.map(\.carried) == [true, true])
    }

    /// Pregnancy status coded with the LOINC answer list (LA15173-0 = pregnant) instead of SNOMED CT.
    @Test func pregnancyStatusWithLOINCAnswers() throws {
        let bytes = try bundle(sections: [section("10162-6", ["urn:uuid:ps"])], resources: [
            ("urn:uuid:ps", ["resourceType": "Observation", "status": "final",
                             "code": ["coding": [["system": Self.loinc, "code": "82810-3"]]],
                             "valueCodeableConcept": ["coding": [["system": Self.loinc, "code": "LA15173-0", "display": "Pregnant"]]]]),
        ])
        #expect(try FHIRImport.record(fromBundle: bytes).record.pregnancy == Pregnancy(status: .pregnant))
    }

    /// Elements read only in part are reported: the end of an effective period, a manifestation's code when the
    /// reaction is carried as text, the route coding of a dosage written as text.
    @Test func partlyReadElementsAreReported() throws {
        var observation = lab("2345-7", "Glucose", 5.1)
        observation.removeValue(forKey: "effectiveDateTime")
        observation["effectivePeriod"] = ["start": "2024-01-01", "end": "2024-01-02"]
        let bytes = try bundle(sections: [section("30954-2", ["urn:uuid:o"]), section("48765-2", ["urn:uuid:a"]),
                                          section("10160-0", ["urn:uuid:m"])], resources: [
            ("urn:uuid:o", observation),
            ("urn:uuid:a", ["resourceType": "AllergyIntolerance", "code": ["text": "Peanut"],
                            "reaction": [["manifestation": [["coding": [["system": "http://snomed.info/sct", "code": "39579001"]],
                                                             "text": "Anaphylaxis"]]]]]),
            ("urn:uuid:m", ["resourceType": "MedicationStatement", "status": "active", "medicationCodeableConcept": ["text": "Insulin"],
                            "dosage": [["route": ["coding": [["system": "http://standardterms.edqm.eu", "code": "20066000",
                                                              "display": "Subcutaneous use"]]]]]]),
        ])
        let r = try FHIRImport.record(fromBundle: bytes)
        #expect(r.record.results?.first?.date == (try PartialDate("2024-01-01")))
        #expect(r.record.allergies?.first?.reaction == "Anaphylaxis")
        #expect(r.record.medications?.first?.dosage == "Subcutaneous use")
        #expect(r.dropped.contains { $0.kind == "Observation.effectivePeriod.end" })
        #expect(r.dropped.contains { $0.kind == "AllergyIntolerance.reaction.manifestation" && $0.what == "manifestation code snomed:39579001" })
        #expect(r.dropped.contains { $0.kind == "MedicationStatement.dosage.route.coding" })
    }

    /// A $summary searchset that starts with the Patient summary Composition is read as its document (the type is
    /// reported); a searchset without it is still refused.
    @Test func summarySearchsetIsReadAsADocument() throws {
        let document = try FHIRFixtures.json(try bundle(sections: [section("48765-2", ["urn:uuid:a"])], resources: [
            ("urn:uuid:a", ["resourceType": "AllergyIntolerance", "code": ["text": "Latex"]]),
        ]))
        var searchset = document
        searchset["type"] = "searchset"
        searchset["total"] = 3
        let r = try FHIRImport.record(fromBundle: try FHIRFixtures.serialise(searchset))
        #expect(r.record.allergies == [Allergy(text: "Latex")])
        #expect(r.dropped.contains { $0.kind == "Bundle.type" && $0.what == "type searchset" })
        var other = searchset
        var entries = try #require(other["entry"] as? [[String: Any]])
        entries.swapAt(0, 1)  // the Patient first
        other["entry"] = entries
        let bytes = try FHIRFixtures.serialise(other)
        do {
            _ = try FHIRImport.record(fromBundle: bytes)
            Issue.record("expected fhir.not-document")
        } catch {
            #expect(error.code == FHIRError.notDocument)
        }
    }
}
