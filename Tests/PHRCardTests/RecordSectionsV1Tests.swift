import Foundation
import PHRCodecs
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// The `procedures`, `devices` and `alerts` sections (record format v1, section ids 10–12): JSON, validation,
/// compact encoding, tiers and cards.
@Suite("Procedures, devices and alerts")
struct RecordSectionsV1Tests {
    static func sectionsRecord() throws -> HealthRecord { try HealthRecord(jsonData: RecordFixtures.bytes("sections.json")) }

    // MARK: JSON

    @Test("sections.json decodes to the values written in the file")
    func fixtureValues() throws {
        let r = try Self.sectionsRecord()
        #expect(r.procedures == [
            Procedure(code: ClinicalCode(.snomed, "80146002"), text: "Appendectomy", date: try PartialDate("2012"), status: .completed),
            Procedure(code: ClinicalCode(.snomed, "11466000"), text: "Cesarean section", date: try PartialDate("2019-04-02"), status: .completed),
            Procedure(text: "Physiotherapy for the left knee", date: try PartialDate("2026-02"), status: .inProgress),
            Procedure(text: "Colonoscopy", status: .notDone),
        ])
        #expect(r.devices == [
            MedicalDevice(code: ClinicalCode(.snomed, "14106009"), text: "Cardiac pacemaker", since: try PartialDate("2021-06-02")),
            MedicalDevice(text: "Insulin pump"),
        ])
        #expect(r.alerts == [
            Alert(code: ClinicalCode(system: "local", code: "no-mri"), text: "Pacemaker: no MRI without cardiology clearance",
                  since: try PartialDate("2021-06"), severity: .high),
            Alert(text: "Refuses blood products", severity: .low),
            Alert(text: "Difficult airway"),
        ])
        #expect(r.presentSections == [.holder, .allergies, .notes, .procedures, .devices, .alerts])
        #expect(r.validate().isEmpty)
    }

    @Test("sections.json round-trips byte for byte; the new sections are written after notes")
    func jsonRoundTrip() throws {
        let input = try RecordFixtures.bytes("sections.json")
        let record = try HealthRecord(jsonData: input)
        #expect(record.jsonData() == input)
        let compact = record.jsonData(prettyPrinted: false)
        #expect(try HealthRecord(jsonData: compact) == record)
        let expected = try #require(try RecordFixtures.foundationJSON(input) as? NSDictionary)
        #expect(try RecordFixtures.foundationJSON(compact) as? NSDictionary == expected)
        let text = String(decoding: compact, as: UTF8.self)
        let order = ["\"notes\"", "\"procedures\"", "\"devices\"", "\"alerts\""].map { text.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test("sections.json is valid against the schema")
    func schemaAcceptsFixture() throws {
        let validator = try RecordSchemaTests.validator()
        #expect(validator.errors(try RecordFixtures.foundationJSON(try RecordFixtures.bytes("sections.json"))).isEmpty)
    }

    @Test("section order and ids: the new sections come after notes")
    func sectionOrder() {
        #expect(HealthRecord.Section.allCases.map(\.rawValue) == [
            "holder", "allergies", "conditions", "medications", "immunizations", "results", "vitals", "pregnancy", "notes",
            "procedures", "devices", "alerts"])
        #expect(HealthRecord.Section.allCases.map(CompactRecord.sectionID) == Array(1...12))
        #expect(CompactRecord.section(id: 10) == .procedures && CompactRecord.section(id: 11) == .devices
                && CompactRecord.section(id: 12) == .alerts && CompactRecord.section(id: 13) == nil)
        #expect(CompactRecord.defaultSystem(.procedures) == .snomed && CompactRecord.defaultSystem(.devices) == .snomed
                && CompactRecord.defaultSystem(.alerts) == .snomed)
    }

    @Test("keepingOnly keeps or drops each new section")
    func keepingOnly() throws {
        let r = try Self.sectionsRecord()
        let essential = r.keepingOnly([.holder, .alerts])
        #expect(essential.alerts == r.alerts && essential.procedures == nil && essential.devices == nil && essential.notes == nil)
        let clinical = r.keepingOnly([.procedures, .devices])
        #expect(clinical.procedures == r.procedures && clinical.devices == r.devices && clinical.alerts == nil)
    }

    // MARK: Validation

    static let invalidCases: [(String, String)] = [
        (#""procedures": [{"date": "2012"}]"#, "procedures[0] record.empty-entry"),
        (#""procedures": [{"text": "x", "status": "done"}]"#, "procedures[0].status record.invalid-value"),
        (#""procedures": [{"text": "x", "date": "2012-13"}]"#, "procedures[0].date record.invalid-date"),
        (#""procedures": [{"code": "snomed", "text": "x"}]"#, "procedures[0].code record.invalid-code"),
        (#""procedures": [{"text": "x", "outcome": "ok"}]"#, "procedures[0].outcome record.unknown-field"),
        (#""procedures": [{"text": 5}]"#, "procedures[0].text record.wrong-type"),
        (#""procedures": {"text": "x"}"#, "procedures record.wrong-type"),
        (#""devices": [{"since": "2020"}]"#, "devices[0] record.empty-entry"),
        (#""devices": [{"text": "x", "since": "1899"}]"#, "devices[0].since record.invalid-date"),
        (#""devices": [{"text": "x", "status": "active"}]"#, "devices[0].status record.unknown-field"),
        (#""devices": [{"code": "Snomed:1", "text": "x"}]"#, "devices[0].code record.invalid-code"),
        (#""alerts": [{"severity": "high"}]"#, "alerts[0] record.empty-entry"),
        (#""alerts": [{"text": "x", "severity": "medium"}]"#, "alerts[0].severity record.invalid-value"),
        (#""alerts": [{"text": "x", "since": "2021-02-30"}]"#, "alerts[0].since record.invalid-date"),
        (#""alerts": [{"text": "x", "priority": "high"}]"#, "alerts[0].priority record.unknown-field"),
        (#""alerts": [{"text": "x\u0001"}]"#, "alerts[0].text record.control-character"),
        (#""alerts": [{"text": "x", "severity": "high", "severity": "low"}]"#, "alerts[0].severity record.duplicate-field"),
    ]

    @Test("each new field is validated", arguments: Self.invalidCases)
    func invalidField(json: String, expected: String) {
        #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(json))) == [expected], "\(json)")
    }

    @Test("text limits and the entry limit apply to the new sections")
    func limits() {
        let long = String(repeating: "a", count: RecordLimits.maxTextBytes + 1)
        for section in ["procedures", "devices", "alerts"] {
            #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(#""\#(section)": [{"text": "\#(long)"}]"#)))
                    == ["\(section)[0].text record.too-long"])
            let entries = Array(repeating: #"{"text": "x"}"#, count: RecordLimits.maxEntriesPerSection + 1).joined(separator: ",")
            #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(#""\#(section)": [\#(entries)]"#)))
                    == ["\(section) record.too-many-entries"])
            let ok = Array(repeating: #"{"text": "x"}"#, count: RecordLimits.maxEntriesPerSection).joined(separator: ",")
            #expect(RecordFixtures.issues(RecordFixtures.record(#""\#(section)": [\#(ok)]"#)).isEmpty)
        }
    }

    @Test("validate() reports a code system with a colon in the new sections")
    func colonInCodeSystem() {
        let code = ClinicalCode(system: "a:b", code: "1")
        let r = HealthRecord(holder: Holder(given: "A"), procedures: [Procedure(code: code)], devices: [MedicalDevice(code: code)],
                             alerts: [Alert(code: code)])
        #expect(RecordFixtures.summary(r.validate()).filter { $0.hasSuffix("record.invalid-code") }
                == ["procedures[0].code record.invalid-code", "devices[0].code record.invalid-code", "alerts[0].code record.invalid-code"])
    }

    // MARK: Compact encoding

    static let small = HealthRecord(
        holder: Holder(given: "Ana"),
        procedures: [Procedure(code: ClinicalCode(.snomed, "80146002"), text: "Appendectomy", date: try! PartialDate("2012"),
                               status: .completed)],
        devices: [MedicalDevice(text: "Insulin pump", since: try! PartialDate("2024-03"))],
        alerts: [Alert(code: ClinicalCode(system: "local", code: "no-mri"), text: "No MRI", since: try! PartialDate("2021-06-02"),
                       severity: .high),
                 Alert(code: ClinicalCode(.icd10, "Z99.2"), severity: .low)])

    @Test("compact encoding of the new sections, computed by hand")
    func compactByHand() throws {
        let content = CompactRecord.encode(Self.small, sections: [.procedures, .devices, .alerts])
        // 2012 (year only) = -1 - (112 × 13); 2024-03 = -1 - (124 × 13 + 3); 2021-06-02 = day 44347 after 1900-01-01.
        // icd10 is not the section's default (snomed): [system id, code]; the id comes from the registry.
        let icd10 = CBOR.unsignedInt(UInt64(CodeSystem.icd10.rawValue))
        let expected = CBOR.intMap([
            (10, .array([.array([.unsignedInt(80_146_002), .textString("Appendectomy"), .negativeInt(1456), .unsignedInt(1)])])),
            (11, .array([.array([.null, .textString("Insulin pump"), .negativeInt(1615)])])),
            (12, .array([
                .array([.array([.textString("local"), .textString("no-mri")]), .textString("No MRI"), .unsignedInt(44347), .unsignedInt(1)]),
                .array([.array([icd10, .textString("Z99.2")]), .null, .null, .unsignedInt(2)]),
            ])),
        ])
        #expect(content == expected)
        var s = OpenedRecord()
        try CompactRecord.decode(content, allowed: [.procedures, .devices, .alerts], into: &s, tier: .clinical)
        #expect(s.procedures == Self.small.procedures && s.devices == Self.small.devices && s.alerts == Self.small.alerts)
    }

    @Test("every enumeration value survives the compact round trip")
    func compactEnumerations() throws {
        let record = HealthRecord(holder: Holder(given: "A"),
                                  procedures: Procedure.Status.allCases.map { Procedure(text: "p", status: $0) },
                                  alerts: Alert.Severity.allCases.map { Alert(text: "a", severity: $0) })
        let all = HealthRecord.Section.allCases
        var s = OpenedRecord()
        try CompactRecord.decode(CompactRecord.encode(record, sections: all), allowed: all, into: &s, tier: .clinical)
        #expect(s.procedures == record.procedures && s.alerts == record.alerts && s.devices == nil)
        #expect(CompactRecord.procedureStatusCodes == [.completed: 1, .inProgress: 2, .notDone: 3])
        #expect(CompactRecord.alertSeverityCodes == [.high: 1, .low: 2])
    }

    /// Tier content with one section holding the given entries.
    static func content(_ id: Int64, _ entries: [CBOR]) -> CBOR { CBOR.intMap([(id, CBOR.array(entries))]) }

    static let badContent: [(String, CBOR)] = [
        ("procedure with 5 fields", content(10, [.array([.null, .textString("x"), .null, .unsignedInt(1), .unsignedInt(1)])])),
        ("procedure status 4", content(10, [.array([.null, .textString("x"), .null, .unsignedInt(4)])])),
        ("procedure status 0", content(10, [.array([.null, .textString("x"), .null, .unsignedInt(0)])])),
        ("procedure trailing null", content(10, [.array([.null, .textString("x"), .null])])),
        ("device with 4 fields", content(11, [.array([.null, .textString("x"), .null, .unsignedInt(1)])])),
        ("device date as text", content(11, [.array([.null, .textString("x"), .textString("2020-01-01")])])),
        ("device without code or text", content(11, [.array([.null, .null, .unsignedInt(1)])])),
        ("alert severity 3", content(12, [.array([.null, .textString("x"), .null, .unsignedInt(3)])])),
        ("alert with redundant snomed id",
         content(12, [.array([.array([.unsignedInt(UInt64(CodeSystem.snomed.rawValue)), .unsignedInt(5)])])])),
        ("alert numeric code as text", content(12, [.array([.textString("123")])])),
        ("alerts not an array", CBOR.intMap([(12, .textString("x"))])),
        ("section 13", content(13, [])),
    ]

    @Test("strict compact decoding of the new sections", arguments: Self.badContent)
    func compactRejects(name: String, content: CBOR) {
        var s = OpenedRecord()
        #expect(throws: PHRCardError(.badContent, ""), "\(name)") {
            try CompactRecord.decode(content, allowed: HealthRecord.Section.allCases, into: &s, tier: .clinical)
        }
    }

    @Test("a new section outside the tier's assignment is rejected")
    func sectionOutsideTier() {
        var s = OpenedRecord()
        let content = Self.content(10, [])
        #expect(throws: PHRCardError(.badContent, "")) {
            try CompactRecord.decode(content, allowed: TierPolicy.default.sections(in: .essential), into: &s, tier: .essential)
        }
    }

    // MARK: Tiers and cards

    @Test("default policy: alerts essential, procedures and devices clinical; masks 2067 and 2028")
    func defaultMasks() throws {
        let p = TierPolicy.default
        #expect(p.tier(of: .alerts) == .essential && p.tier(of: .procedures) == .clinical && p.tier(of: .devices) == .clinical)
        #expect(p.sections(in: .essential) == [.holder, .allergies, .immunizations, .alerts])
        // essential: bits 0, 1, 4, 11 = 1 + 2 + 16 + 2048; clinical: bits 2, 3, 5, 6, 7, 8, 9, 10.
        #expect(p.mask(of: .essential) == 2067)
        #expect(p.mask(of: .clinical) == 4 + 8 + 32 + 64 + 128 + 256 + 512 + 1024)
        #expect(p.mask(of: .clinical) == 2028)
        #expect(TierPolicy.fromMasks([.essential: 2067, .clinical: 2028]) == p)
        #expect(TierPolicy.fromMasks([.essential: 19, .clinical: 492]) == nil)  // sections 10-12 unassigned
        #expect(TierPolicy.fromMasks([.essential: 2067 | 4096, .clinical: 2028]) == nil)  // bit of an unknown section
        #expect(TierPolicy.fromMasks([.essential: 2067 | 1024, .clinical: 2028]) == nil)  // devices in both tiers
        var moved = p
        moved.assign(.procedures, to: .essential)
        #expect(moved.mask(of: .essential) == 2067 + 512 && TierPolicy.fromMasks([.essential: 2579, .clinical: 1516]) == moved)
        #expect(try TierPolicy(overrides: ["alerts=clinical", "devices=essential"]).mask(of: .essential) == 19 + 1024)
    }

    @Test("card round trip: the holder code opens every section")
    func cardHolderCode() throws {
        let record = try Self.sectionsRecord()
        let card = try CardTestKeys.issue(record)
        let verified = try CardVerifier.verify(text: card.qrText, trusting: CardTestKeys.trusted, at: CardTestKeys.now)
        #expect(verified.tiers.map(\.mask) == [2067, 2028])
        let opened = try verified.open(holderCode: card.holderCode.description)
        #expect(opened.record == record)
        #expect(opened.procedures == record.procedures && opened.devices == record.devices && opened.alerts == record.alerts)
        #expect(opened.jsonData() == record.jsonData())
    }

    @Test("card round trip: an essential-only reader sees alerts but not procedures or devices")
    func cardReaderEssential() throws {
        let record = try Self.sectionsRecord()
        let card = try CardTestKeys.issue(record)
        let verified = try CardVerifier.verify(bytes: card.bytes, trusting: CardTestKeys.trusted, at: CardTestKeys.now)
        let opened = try verified.open(readerKey: CardTestKeys.reader)
        #expect(opened.openedTiers == [.essential])
        #expect(opened.alerts == record.alerts)
        #expect(opened.procedures == nil && opened.devices == nil && opened.notes == nil)
        #expect(opened.record == HealthRecord(holder: record.holder, allergies: record.allergies, alerts: record.alerts))
        let json = try #require(try RecordFixtures.foundationJSON(opened.jsonData()) as? [String: Any])
        #expect(Set(json.keys) == ["holder", "allergies", "alerts"])
    }
}
