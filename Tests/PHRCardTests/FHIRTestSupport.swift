import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// Loading of the FHIR fixtures and independent structural checks of exported Bundles (Foundation JSON only).
enum FHIRFixtures {
    /// The fixture files: two HL7 IPS examples and one project-authored Bundle (see Fixtures/README.md).
    static let names = ["hl7-ips-bundle-minimal", "hl7-ips-bundle-no-info-required-sections", "phrcard-ips-synthetic"]

    static func bytes(_ name: String) throws -> [UInt8] {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return Array(try Data(contentsOf: folder.appendingPathComponent("fhir").appendingPathComponent(name + ".json")))
    }

    static func json(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    static func serialise(_ object: Any) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// Every `reference` string anywhere under `value`.
    static func references(in value: Any) -> [String] {
        if let d = value as? [String: Any] {
            var out: [String] = []
            for (k, v) in d {
                if k == "reference", let s = v as? String { out.append(s) } else { out += references(in: v) }
            }
            return out
        }
        if let a = value as? [Any] { return a.flatMap { references(in: $0) } }
        return []
    }

    /// Structural problems of an IPS document Bundle (empty when it is well-formed): Composition first with status
    /// final, type LOINC 60591-5, subject a Patient, date, author and title; unique fullUrls; every reference
    /// resolves to a fullUrl; every section has a title, a LOINC code and entries or an emptyReason (or a narrative).
    static func structuralProblems(_ bytes: [UInt8]) throws -> [String] {
        var problems: [String] = []
        let bundle = try json(bytes)
        if bundle["resourceType"] as? String != "Bundle" { problems.append("not a Bundle") }
        if bundle["type"] as? String != "document" { problems.append("type is not document") }
        if bundle["timestamp"] == nil { problems.append("no timestamp") }
        let entries = bundle["entry"] as? [[String: Any]] ?? []
        var urls: [String: String] = [:]
        for (i, e) in entries.enumerated() {
            guard let url = e["fullUrl"] as? String else { problems.append("entry[\(i)] has no fullUrl"); continue }
            if urls[url] != nil { problems.append("duplicate fullUrl \(url)") }
            urls[url] = (e["resource"] as? [String: Any])?["resourceType"] as? String
        }
        guard let composition = entries.first?["resource"] as? [String: Any],
              composition["resourceType"] as? String == "Composition" else {
            return problems + ["the first entry is not a Composition"]
        }
        if composition["status"] as? String != "final" { problems.append("Composition.status is not final") }
        let typeCodings = (composition["type"] as? [String: Any])?["coding"] as? [[String: Any]] ?? []
        if !typeCodings.contains(where: { $0["system"] as? String == "http://loinc.org" && $0["code"] as? String == "60591-5" }) {
            problems.append("Composition.type is not LOINC 60591-5")
        }
        for member in ["date", "author", "title"] where composition[member] == nil { problems.append("Composition.\(member) missing") }
        let subject = (composition["subject"] as? [String: Any])?["reference"] as? String
        if subject.flatMap({ urls[$0] }) != "Patient" { problems.append("Composition.subject is not a Patient entry") }
        for (i, section) in (composition["section"] as? [[String: Any]] ?? []).enumerated() {
            if section["title"] == nil { problems.append("section[\(i)] has no title") }
            let codings = (section["code"] as? [String: Any])?["coding"] as? [[String: Any]] ?? []
            if !codings.contains(where: { $0["system"] as? String == "http://loinc.org" }) { problems.append("section[\(i)] has no LOINC code") }
            if section["entry"] == nil && section["emptyReason"] == nil && section["text"] == nil {
                problems.append("section[\(i)] has neither entries, emptyReason nor text")
            }
        }
        for ref in references(in: bundle) where urls[ref] == nil { problems.append("reference \(ref) does not resolve") }
        return problems
    }

    /// A small, complete IPS Bundle that the record carries without any loss (for strict mode and error cases).
    static func cleanBundle() -> [String: Any] {
        [
            "resourceType": "Bundle", "type": "document",
            "entry": [
                ["fullUrl": "urn:uuid:c", "resource": [
                    "resourceType": "Composition", "status": "final",
                    "type": ["coding": [["system": "http://loinc.org", "code": "60591-5"]]],
                    "subject": ["reference": "urn:uuid:p"],
                    "section": [[
                        "title": "Allergies", "code": ["coding": [["system": "http://loinc.org", "code": "48765-2"]]],
                        "entry": [["reference": "urn:uuid:a"]],
                    ]],
                ] as [String: Any]],
                ["fullUrl": "urn:uuid:p", "resource": [
                    "resourceType": "Patient", "name": [["family": "Doe", "given": ["Jane"]]], "birthDate": "1980",
                ] as [String: Any]],
                ["fullUrl": "urn:uuid:a", "resource": [
                    "resourceType": "AllergyIntolerance", "criticality": "high",
                    "code": ["coding": [["system": "http://snomed.info/sct", "code": "91936005"]], "text": "Penicillin"],
                    "patient": ["reference": "urn:uuid:p"],
                ] as [String: Any]],
            ] as [Any],
        ]
    }
}
