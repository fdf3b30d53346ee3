import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRFHIR

/// The size levers of the FHIR import (`spec/fhir.md`: *Codes* rule 4, *Fit to card*): they never lose anything
/// unreported, never break IPS → card → IPS, and the fit-to-card policy leaves out only what its rules name.
@Suite struct FHIRCardFitTests {
    /// Size class 6: QR version 25 at M (the CLI's default target).
    static let target = 980

    static func unpadded(_ record: HealthRecord) -> Int? { try? CardTestKeys.issue(record).unpaddedBytes }

    /// Every corpus document under the policy: the card fits when the policy says so, only what the rules name is
    /// left out (checked against the Bundle's own statuses), each left-out item is reported, everything else of the
    /// whole import is still there, and the fitted record survives IPS → card → IPS.
    @Test(arguments: IPSCorpus.names)
    func fitToCard(name: String) throws {
        let bytes = try IPSCorpus.bytes(name)
        let whole = try FHIRImport.record(fromBundle: bytes)
        let fitted = try FHIRImport.record(fromBundle: bytes, fittingCard: Self.target, cardBytes: Self.unpadded)
        let wholeSize = try #require(Self.unpadded(whole.record))
        let size = try #require(Self.unpadded(fitted.record))
        switch fitted.fitOutcome {
        case .fits:
            #expect(wholeSize <= Self.target)
            #expect(fitted.record == whole.record && fitted.leftOutToFit.isEmpty && fitted.dropped == whole.dropped)
        case .cannotFit:
            #expect(wholeSize > Self.target && size == wholeSize)
            #expect(fitted.record == whole.record && fitted.leftOutToFit.isEmpty && fitted.dropped == whole.dropped)
        case .fitted:
            #expect(wholeSize > Self.target && size <= Self.target, "\(name): \(size) bytes")
            #expect(!fitted.leftOutToFit.isEmpty)
        }

        // What the rules allow, read from the Bundle with Foundation (not with the import).
        let resources = Dictionary(uniqueKeysWithValues: try IPSCorpus.clinicalResources(bytes).map { ($0.name, $0) })
        for item in fitted.leftOutToFit {
            let r = try #require(resources[item.resource], "\(name): \(item.resource) is not a clinical entry")
            switch item.rule {
            case .dosageNoLongerTaken, .medicationNoLongerTaken:
                #expect(["MedicationStatement", "MedicationRequest"].contains(r.type))
                #expect(["stopped", "completed", "not-taken", "cancelled"].contains(r.status ?? ""), "\(name): \(item)")
            case .inactiveCondition:
                #expect(r.type == "Condition")
                #expect(["inactive", "resolved", "remission"].contains(r.clinicalStatus ?? ""), "\(name): \(item)")
            case .olderResult:
                #expect(r.type == "Observation")
            }
            // Reported, with the rule's reason; an entry left out is not carried and is reported whole.
            #expect(fitted.dropped.contains { $0.resource == item.resource && $0.reason == item.rule.reason }, "\(name): \(item)")
            let outcome = fitted.clinicalResources.first { $0.resource == item.resource }
            #expect(outcome?.carried == (item.rule == .dosageNoLongerTaken), "\(name): \(item)")
        }
        // Nothing else changed: every entry of the fitted record is one of the whole record (a medication maybe
        // without its dosage), and the whole record lost exactly the entries left out.
        let leftEntries = fitted.leftOutToFit.filter { $0.rule != .dosageNoLongerTaken }.count
        let leftDosages = fitted.leftOutToFit.filter { $0.rule == .dosageNoLongerTaken }.count
        func stripped(_ m: [Medication]?) -> [Medication] { (m ?? []).map { var x = $0; x.dosage = nil; return x } }
        #expect(count(fitted.record) + leftEntries == count(whole.record), "\(name)")
        #expect(isSubsequence(fitted.record.conditions ?? [], of: whole.record.conditions ?? []))
        #expect(isSubsequence(fitted.record.results ?? [], of: whole.record.results ?? []))
        #expect(isSubsequence(stripped(fitted.record.medications), of: stripped(whole.record.medications)))
        #expect(fitted.record.allergies == whole.record.allergies && fitted.record.immunizations == whole.record.immunizations
                && fitted.record.alerts == whole.record.alerts && fitted.record.vitals == whole.record.vitals
                && fitted.record.procedures == whole.record.procedures && fitted.record.devices == whole.record.devices
                && fitted.record.notes == whole.record.notes && fitted.record.holder == whole.record.holder)
        let dosagesGone = (whole.record.medications ?? []).filter { $0.dosage != nil }.count
            - (fitted.record.medications ?? []).filter { $0.dosage != nil }.count
        #expect(dosagesGone <= leftDosages + leftEntries, "\(name): a dosage disappeared without a report")

        // IPS → card → IPS keeps the fitted record.
        let card = try CardTestKeys.issue(fitted.record)
        let opened = try CardVerifier.verify(text: card.qrText, trusting: CardTestKeys.trusted, at: CardTestKeys.now + 10)
            .open(holderCode: card.holderCode.description)
        #expect(opened.record == fitted.record)
        let again = try FHIRImport.record(fromBundle: opened.fhirBundle(options: FHIRExportOptions(
            date: "2026-05-01T10:00:00Z", identifier: "0102030405060708", author: "TEST-CLINIC")))
        #expect(again.record == fitted.record, "\(name): the re-import differs")
    }

    /// No entry text is changed silently: every entry text of the record is a string of the Bundle (or the start of
    /// one that was cut, reported), or the dictionary's standard display of its code with a report line naming the
    /// display it replaced.
    @Test(arguments: IPSCorpus.names)
    func entryTextsComeFromTheBundleOrAreReported(name: String) throws {
        let bytes = try IPSCorpus.bytes(name)
        var strings = Set<String>()
        func collect(_ v: Any) {
            // As spec/fhir.md cleans texts: NFC, CR LF → LF, other control characters → spaces, trimmed.
            if let s = v as? String {
                let t = s.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\r\n", with: "\n")
                let cleaned = String(t.unicodeScalars.map { $0.value < 0x20 && $0 != "\n" && $0 != "\t" ? " " : Character($0) })
                strings.insert(cleaned.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if let d = v as? [String: Any] { d.values.forEach(collect) }
            if let a = v as? [Any] { a.forEach(collect) }
        }
        collect(try FHIRFixtures.json(bytes))
        let result = try FHIRImport.record(fromBundle: bytes)
        let r = result.record
        var pairs: [(ClinicalCode?, String?)] = []
        pairs += (r.allergies ?? []).map { ($0.code, $0.text) } + (r.conditions ?? []).map { ($0.code, $0.text) }
        pairs += (r.medications ?? []).map { ($0.code, $0.text) } + (r.immunizations ?? []).map { ($0.code, $0.text) }
        pairs += (r.results ?? []).map { ($0.code, $0.text) } + (r.procedures ?? []).map { ($0.code, $0.text) }
        pairs += (r.devices ?? []).map { ($0.code, $0.text) } + (r.alerts ?? []).map { ($0.code, $0.text) }
        for case let (code, text?) in pairs {
            if strings.contains(text) || strings.contains(where: { $0.hasPrefix(text) && text.utf8.count >= 400 }) { continue }
            let code = try #require(code, "\(name): \"\(text)\" is not in the Bundle and has no code")
            #expect(CodeDisplays.standardDisplay(system: code.system, code: code.code) == text, "\(name): \"\(text)\"")
            #expect(result.dropped.contains { $0.what.hasPrefix("display \"") && $0.what.hasSuffix("\" of \(code)")
                    && $0.reason.contains("standard display \"\(text)\"") }, "\(name): \(code) \"\(text)\" unreported")
        }
    }

    /// The goals with the policy: recall stays ≥ 95% over the corpus, and the documents it fits are counted.
    @Test func recallWithThePolicy() throws {
        var total = 0, carried = 0, fitting = 0
        for name in IPSCorpus.names {
            let bytes = try IPSCorpus.bytes(name)
            let result = try FHIRImport.record(fromBundle: bytes, fittingCard: Self.target, cardBytes: Self.unpadded)
            total += try IPSCorpus.clinicalEntries(bytes).count
            carried += result.clinicalResources.filter(\.carried).count
            if (Self.unpadded(result.record) ?? .max) <= Self.target { fitting += 1 }
        }
        #expect(Double(carried) >= 0.95 * Double(total), "carried \(carried) of \(total)")
        // Measured (README bench-fhir): 24 of 29; this guards against a regression, not the 95% goal (not met).
        #expect(fitting >= 24, "\(fitting) of \(IPSCorpus.names.count) documents fit QR version 25")
    }

    /// The policy's order: dosages of medications no longer taken first (oldest first), whole entries later.
    @Test func policyOrder() throws {
        let d = { (s: String) in try PartialDate(s) }
        let ordered = FHIRCardFit.ordered([
            .init(index: 1, rule: .medicationNoLongerTaken, date: try d("2020")),
            .init(index: 2, rule: .inactiveCondition, date: nil),
            .init(index: 3, rule: .dosageNoLongerTaken, date: try d("2021-05")),
            .init(index: 4, rule: .dosageNoLongerTaken, date: try d("2019-01-02")),
            .init(index: 5, rule: .olderResult, date: try d("2018")),
            .init(index: 6, rule: .inactiveCondition, date: try d("1999")),
        ])
        #expect(ordered.map(\.index) == [4, 3, 5, 2, 6, 1])
    }

    /// A coding's own display beside a code the dictionary knows becomes the standard display (reported); a text of
    /// the user's own wording stays.
    @Test func standardDisplayForADictionaryCode() throws {
        func importCondition(_ code: [String: Any]) throws -> FHIRImportResult {
            var b = FHIRFixtures.cleanBundle()
            var entries = b["entry"] as! [Any]
            var composition = (entries[0] as! [String: Any])
            var c = composition["resource"] as! [String: Any]
            c["section"] = [[
                "title": "Problems", "code": ["coding": [["system": "http://loinc.org", "code": "11450-4"]]],
                "entry": [["reference": "urn:uuid:x"]],
            ] as [String: Any]]
            composition["resource"] = c
            entries[0] = composition
            entries.append(["fullUrl": "urn:uuid:x", "resource": [
                "resourceType": "Condition", "code": code, "subject": ["reference": "urn:uuid:p"]] as [String: Any]])
            b["entry"] = entries
            return try FHIRImport.record(fromBundle: try FHIRFixtures.serialise(b))
        }
        let coding: [String: Any] = ["system": "http://snomed.info/sct", "code": "38341003", "display": "Hypertensive disorder"]
        // codes.tsv: snomed 38341003 Hypertension.
        for code in [["coding": [coding]], ["coding": [coding], "text": "Hypertensive disorder"]] as [[String: Any]] {
            let r = try importCondition(code)
            #expect(r.record.conditions?.first?.text == "Hypertension")
            #expect(r.dropped.contains { $0.what == "display \"Hypertensive disorder\" of snomed:38341003"
                    && $0.reason.contains("standard display \"Hypertension\"") })
        }
        let own = try importCondition(["coding": [coding], "text": "HTN, poorly controlled"])
        #expect(own.record.conditions?.first?.text == "HTN, poorly controlled")
        #expect(!own.dropped.contains { $0.what.hasPrefix("display ") })
        // A code the dictionary does not know keeps its display.
        let unknown = try importCondition(["coding": [["system": "http://snomed.info/sct", "code": "609558009",
                                                        "display": "Essential tremor"]]])
        #expect(unknown.record.conditions?.first?.text == "Essential tremor")
    }

    private func count(_ r: HealthRecord) -> Int {
        (r.allergies?.count ?? 0) + (r.conditions?.count ?? 0) + (r.medications?.count ?? 0) + (r.immunizations?.count ?? 0)
            + (r.results?.count ?? 0) + (r.procedures?.count ?? 0) + (r.devices?.count ?? 0) + (r.alerts?.count ?? 0)
    }

    private func isSubsequence<T: Equatable>(_ a: [T], of b: [T]) -> Bool {
        var i = a.startIndex
        for x in b where i < a.endIndex && a[i] == x { i += 1 }
        return i == a.endIndex
    }
}

extension IPSCorpus {
    /// Name (fullUrl, else `Type/id`), type, status and clinical status of every clinical Bundle entry, read with
    /// Foundation's JSON parser.
    static func clinicalResources(_ bytes: [UInt8]) throws -> [(name: String, type: String, status: String?, clinicalStatus: String?)] {
        let bundle = try FHIRFixtures.json(bytes)
        return (bundle["entry"] as? [[String: Any]] ?? []).compactMap { e in
            guard let r = e["resource"] as? [String: Any], let type = r["resourceType"] as? String,
                  clinicalTypes.contains(type) else { return nil }
            let name = (e["fullUrl"] as? String) ?? "\(type)/\(r["id"] as? String ?? "")"
            let clinical = ((r["clinicalStatus"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String
            return (name, type, r["status"] as? String, clinical)
        }
    }
}
