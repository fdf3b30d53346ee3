import Foundation
import PHRCodecs
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// The members added to record format v1 before it was frozen: holder `unknown`/`declared`, allergy `severity` and
/// `category`, medication `status`, result `interpretation` and `range`, and five vital signs. JSON, validation,
/// compact encoding (hand-derived bytes from spec/format.md §6.2) and strict decoding.
@Suite("Record v1-final members")
struct RecordV1FinalTests {
    static func fixture() throws -> HealthRecord { try HealthRecord(jsonData: RecordFixtures.sample("unknown-identity")) }

    // MARK: JSON

    @Test("unknown-identity.json decodes to the values written in the file")
    func fixtureValues() throws {
        let r = try Self.fixture()
        #expect(r.holder.given == "Yonas" && r.holder.family == nil && r.holder.birthDate == nil)
        #expect(r.holder.unknown == [.birthDate])
        #expect(r.holder.declared == [.name, .nationality])
        #expect(r.allergies?.first?.severity == .moderate && r.allergies?.first?.category == .food)
        #expect(r.medications?.map(\.status) == [.active, .notTaken])
        #expect(r.results?.map(\.interpretation) == [.low, .negative])
        #expect(r.results?.map(\.range) == ["13.0-17.0 g/dL", nil])
        let v = try #require(r.vitals?.first)
        #expect(v.temperatureC == DecimalValue("38.1") && v.heartRate == 96 && v.respiratoryRate == 18)
        #expect(v.oxygenSaturation == 98 && v.bmi == DecimalValue("18.1"))
    }

    @Test("the new members are written last, in the documented order; sets in enumeration order")
    func memberOrder() throws {
        var holder = Holder(given: "A", sex: .male, nationality: "ER")
        holder.declared = [.nationality, .sex, .name]  // a Set: the written order must not depend on it
        let record = HealthRecord(
            holder: holder,
            allergies: [Allergy(text: "x", criticality: .low, reaction: "r", severity: .severe, category: .biologic)],
            medications: [Medication(text: "m", since: try PartialDate("2020"), status: .onHold)],
            results: [LabResult(text: "t", value: "5", interpretation: .criticalHigh, range: "<3")],
            vitals: [VitalSigns(bpDiastolic: 80, temperatureC: DecimalValue("36.6"), heartRate: 60, respiratoryRate: 12,
                                oxygenSaturation: DecimalValue("97.5"), bmi: DecimalValue("22.25"))])
        let json = String(decoding: record.jsonData(prettyPrinted: false), as: UTF8.self)
        #expect(json == #"{"holder":{"given":"A","sex":"male","nationality":"ER","declared":["name","sex","nationality"]},"#
            + #""allergies":[{"text":"x","criticality":"low","reaction":"r","severity":"severe","category":"biologic"}],"#
            + #""medications":[{"text":"m","since":"2020","status":"on-hold"}],"#
            + #""results":[{"text":"t","value":"5","interpretation":"critical-high","range":"<3"}],"#
            + #""vitals":[{"bpDiastolic":80,"temperatureC":36.6,"heartRate":60,"respiratoryRate":12,"#
            + #""oxygenSaturation":97.5,"bmi":22.25}]}"#)
        #expect(record.validate().isEmpty)
        #expect(try HealthRecord(jsonData: Array(json.utf8)) == record)
    }

    @Test("a holder whose name is unknown needs no name; unknown name and birth date are both written")
    func unknownName() throws {
        let json = #"{"holder":{"sex":"male","unknown":["name","birthDate"]}}"#
        let record = try HealthRecord(jsonData: Array(json.utf8))
        #expect(record.holder == Holder(sex: .male, unknown: [.name, .birthDate]))
        #expect(String(decoding: record.jsonData(prettyPrinted: false), as: UTF8.self) == json)
    }

    @Test("every enumeration value is accepted in JSON", arguments: [
        (#""allergies":[{"text":"x","severity":"VALUE"}]"#, Allergy.Severity.allCases.map(\.rawValue)),
        (#""allergies":[{"text":"x","category":"VALUE"}]"#, Allergy.Category.allCases.map(\.rawValue)),
        (#""medications":[{"text":"x","status":"VALUE"}]"#, Medication.Status.allCases.map(\.rawValue)),
        (#""results":[{"text":"x","interpretation":"VALUE"}]"#, LabResult.Interpretation.allCases.map(\.rawValue)),
    ])
    func enumerationValues(template: String, values: [String]) {
        for value in values {
            let json = RecordFixtures.record(template.replacingOccurrences(of: "VALUE", with: value))
            #expect(RecordFixtures.issues(json).isEmpty, "\(value)")
        }
    }

    @Test("the enumerations have exactly the documented values")
    func enumerationNames() {
        #expect(Allergy.Severity.allCases.map(\.rawValue) == ["mild", "moderate", "severe"])
        #expect(Allergy.Category.allCases.map(\.rawValue) == ["food", "medication", "environment", "biologic"])
        #expect(Medication.Status.allCases.map(\.rawValue)
                == ["active", "completed", "stopped", "on-hold", "intended", "not-taken"])
        #expect(LabResult.Interpretation.allCases.map(\.rawValue) == [
            "normal", "abnormal", "low", "high", "critical-low", "critical-high", "positive", "negative", "indeterminate"])
        #expect(Holder.UnknownField.allCases.map(\.rawValue) == ["name", "birthDate"])
        #expect(Holder.DeclaredField.allCases.map(\.rawValue) == ["name", "birthDate", "sex", "nationality"])
    }

    // MARK: Validation

    @Test("holder unknown/declared rules: path and code of each", arguments: [
        (#""given":"A","unknown":["name"]"#, ["holder.given record.unknown-value-present"]),
        (#""given":"A","family":"B","unknown":["name"]"#,
         ["holder.given record.unknown-value-present", "holder.family record.unknown-value-present"]),
        (#""given":"A","birthDate":"2001","unknown":["birthDate"]"#, ["holder.birthDate record.unknown-value-present"]),
        (#""unknown":["birthDate"]"#, ["holder record.missing-field"]),
        (#""given":"A","declared":["birthDate","sex","nationality"]"#, [
            "holder.declared record.declared-value-missing", "holder.declared record.declared-value-missing",
            "holder.declared record.declared-value-missing"]),
        (#""unknown":["name"],"declared":["name"]"#, ["holder.declared record.declared-value-missing"]),
        (#""given":"A","unknown":[]"#, ["holder.unknown record.empty-list"]),
        (#""given":"A","declared":[]"#, ["holder.declared record.empty-list"]),
        (#""given":"A","sex":"male","declared":["sex","name"]"#, ["holder.declared[1] record.list-order"]),
        (#""unknown":["name","name"]"#, ["holder.unknown[1] record.list-order"]),
        (#""unknown":["name","birthDate","name"]"#,
         ["holder.unknown record.too-many-entries", "holder.unknown[2] record.list-order"]),
        (#""given":"A","unknown":["family"]"#, ["holder.unknown[0] record.invalid-value"]),
        (#""given":"A","unknown":"name""#, ["holder.unknown record.wrong-type"]),
        (#""given":"A","declared":[1]"#, ["holder.declared[0] record.wrong-type"]),
    ])
    func holderRules(holder: String, expected: [String]) {
        #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(holder: holder))) == expected, "\(holder)")
    }

    @Test("entry rules: path and code of each", arguments: [
        (#""results":[{"text":"x","range":""}]"#, ["results[0].range record.empty-text"]),
        (#""results":[{"text":"x","range":"a\tb"}]"#, ["results[0].range record.control-character"]),
        (#""results":[{"text":"x","range":"\#(String(repeating: "9", count: 101))"}]"#, ["results[0].range record.too-long"]),
        (#""results":[{"text":"x","range":7}]"#, ["results[0].range record.wrong-type"]),
        (#""results":[{"text":"x","interpretation":"HH"}]"#, ["results[0].interpretation record.invalid-value"]),
        (#""medications":[{"text":"x","status":"on hold"}]"#, ["medications[0].status record.invalid-value"]),
        (#""allergies":[{"text":"x","severity":"life-threatening"}]"#, ["allergies[0].severity record.invalid-value"]),
        (#""allergies":[{"text":"x","category":"food "}]"#, ["allergies[0].category record.invalid-value"]),
        (#""vitals":[{"temperatureC":24.9}]"#, ["vitals[0].temperatureC record.out-of-range"]),
        (#""vitals":[{"temperatureC":45.01}]"#, ["vitals[0].temperatureC record.out-of-range"]),
        (#""vitals":[{"heartRate":301}]"#, ["vitals[0].heartRate record.out-of-range"]),
        (#""vitals":[{"heartRate":72.5}]"#, ["vitals[0].heartRate record.wrong-type"]),
        (#""vitals":[{"respiratoryRate":151}]"#, ["vitals[0].respiratoryRate record.out-of-range"]),
        (#""vitals":[{"oxygenSaturation":49.9}]"#, ["vitals[0].oxygenSaturation record.out-of-range"]),
        (#""vitals":[{"bmi":150.5}]"#, ["vitals[0].bmi record.out-of-range"]),
        (#""vitals":[{"date":"2020"}]"#, ["vitals[0] record.empty-entry"]),
    ])
    func entryRules(extra: String, expected: [String]) {
        #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(extra))) == expected, "\(extra)")
    }

    @Test("each new vital sign alone is a measurement; the bounds are inclusive", arguments: [
        "temperatureC\":25", "temperatureC\":45", "heartRate\":20", "heartRate\":300", "respiratoryRate\":1",
        "respiratoryRate\":150", "oxygenSaturation\":50", "oxygenSaturation\":100", "bmi\":5", "bmi\":150",
    ])
    func vitalBounds(member: String) {
        #expect(RecordFixtures.issues(RecordFixtures.record(#""vitals":[{"\#(member)}]"#)).isEmpty, "\(member)")
    }

    @Test("validate() applies the same rules to a record built in code")
    func validateInCode() {
        var holder = Holder(given: "A", unknown: [.name, .birthDate], declared: [.sex])
        holder.birthDate = try? PartialDate("2001")
        let record = HealthRecord(holder: holder, results: [LabResult(text: "x", range: "1\n2")],
                                  vitals: [VitalSigns(heartRate: 10)])
        #expect(RecordFixtures.summary(record.validate()) == [
            "holder.given record.unknown-value-present", "holder.birthDate record.unknown-value-present",
            "holder.declared record.declared-value-missing", "results[0].range record.control-character",
            "vitals[0].heartRate record.out-of-range",
        ])
        #expect(HealthRecord(holder: Holder(unknown: [.name])).validate().isEmpty)
    }

    // MARK: Compact encoding

    @Test("compact encoding by hand (format.md §6.2): bitmasks and appended positions")
    func compactByHand() throws {
        let record = HealthRecord(
            holder: Holder(sex: .female, unknown: [.name, .birthDate], declared: [.sex]),
            allergies: [Allergy(text: "x", severity: .severe, category: .environment)],
            medications: [Medication(text: "m", status: .notTaken)],
            results: [LabResult(text: "t", interpretation: .indeterminate, range: "<3")],
            vitals: [VitalSigns(temperatureC: DecimalValue("36.6"), heartRate: 60, respiratoryRate: 12,
                                oxygenSaturation: 97, bmi: DecimalValue("22.5"))])
        let all = HealthRecord.Section.allCases
        let content = CompactRecord.encode(record, sections: all)
        let n = CBOR.null
        let expected = CBOR.intMap([
            // Holder: sex female 1 at position 4; unknown name|birthDate = 3 (8th), declared sex = 4 (9th).
            (1, .array([n, n, n, .unsignedInt(1), n, n, n, .unsignedInt(3), .unsignedInt(4)])),
            // Allergy: severe 3 (5th), environment 3 (6th).
            (2, .array([.array([n, .textString("x"), n, n, .unsignedInt(3), .unsignedInt(3)])])),
            // Medication: not-taken 6 (5th).
            (4, .array([.array([n, .textString("m"), n, n, .unsignedInt(6)])])),
            // Result: indeterminate 9 (5th), range text (6th).
            (6, .array([.array([n, .textString("t"), n, n, .unsignedInt(9), .textString("<3")])])),
            // Vitals: 36.6 = 4([-1, 366]) (6th), 60, 12, 97 as integers, 22.5 = 4([-1, 225]) (10th).
            (7, .array([.array([n, n, n, n, n, .tagged(4, .array([.negativeInt(0), .unsignedInt(366)])),
                                .unsignedInt(60), .unsignedInt(12), .unsignedInt(97),
                                .tagged(4, .array([.negativeInt(0), .unsignedInt(225)]))])])),
        ])
        #expect(content == expected)
        var s = OpenedRecord()
        try CompactRecord.decode(content, allowed: all, into: &s, tier: .clinical)
        #expect(s.holder == record.holder && s.allergies == record.allergies && s.medications == record.medications)
        #expect(s.results == record.results && s.vitals == record.vitals)
    }

    @Test("every enumeration value and every bitmask survives the compact round trip")
    func compactEnumerations() throws {
        var holders: [Holder] = []
        for mask in 1...3 {
            let unknown = Set(Holder.UnknownField.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
            holders.append(Holder(given: unknown.contains(.name) ? nil : "A", unknown: unknown))
        }
        for mask in 1...15 {
            let declared = Set(Holder.DeclaredField.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
            holders.append(Holder(given: "A", birthDate: try PartialDate("2001"), sex: .other, nationality: "ZZ",
                                  declared: declared))
        }
        let all = HealthRecord.Section.allCases
        for holder in holders {
            let record = HealthRecord(
                holder: holder,
                allergies: Allergy.Severity.allCases.map { Allergy(text: "a", severity: $0) }
                    + Allergy.Category.allCases.map { Allergy(text: "a", category: $0) },
                medications: Medication.Status.allCases.map { Medication(text: "m", status: $0) },
                results: LabResult.Interpretation.allCases.map { LabResult(text: "r", interpretation: $0) })
            #expect(record.validate().isEmpty)
            var s = OpenedRecord()
            try CompactRecord.decode(CompactRecord.encode(record, sections: all), allowed: all, into: &s, tier: .clinical)
            #expect(s.holder == record.holder)
            #expect(s.allergies == record.allergies && s.medications == record.medications && s.results == record.results)
        }
        #expect(CompactRecord.unknownBits == [.name: 1, .birthDate: 2])
        #expect(CompactRecord.declaredBits == [.name: 1, .birthDate: 2, .sex: 4, .nationality: 8])
    }

    static func holder(_ fields: [CBOR]) -> CBOR { CBOR.intMap([(1, .array(fields))]) }
    static func entry(_ id: Int64, _ fields: [CBOR]) -> CBOR { CBOR.intMap([(id, .array([.array(fields)]))]) }
    static let n = CBOR.null
    static let x = CBOR.textString("x")

    static let badContent: [(String, CBOR)] = [
        ("holder unknown 0", holder([x, n, n, n, n, n, n, .unsignedInt(0)])),
        ("holder unknown undefined bit 4", holder([n, n, n, n, n, n, n, .unsignedInt(4)])),
        ("holder unknown as text", holder([n, n, n, n, n, n, n, .textString("name")])),
        ("holder unknown negative", holder([x, n, n, n, n, n, n, .negativeInt(0)])),
        ("holder declared 0", holder([x, n, n, n, n, n, n, n, .unsignedInt(0)])),
        ("holder declared undefined bit 16", holder([x, n, n, n, n, n, n, n, .unsignedInt(17)])),
        ("holder with 10 fields", holder([x, n, n, n, n, n, n, n, .unsignedInt(1), .unsignedInt(1)])),
        ("holder trailing null after identifiers", holder([x, n, n, n, n, n, n, n])),
        ("unknown name but given present", holder([x, n, n, n, n, n, n, .unsignedInt(1)])),
        ("unknown birth date but present", holder([x, n, .negativeInt(1300), n, n, n, n, .unsignedInt(2)])),
        ("declared sex absent", holder([x, n, n, n, n, n, n, n, .unsignedInt(4)])),
        ("declared name absent (name unknown)", holder([n, n, n, n, n, n, n, .unsignedInt(1), .unsignedInt(1)])),
        ("no name and name not unknown", holder([n, n, n, .unsignedInt(1)])),
        ("allergy severity 0", entry(2, [n, x, n, n, .unsignedInt(0)])),
        ("allergy severity 4", entry(2, [n, x, n, n, .unsignedInt(4)])),
        ("allergy category 5", entry(2, [n, x, n, n, n, .unsignedInt(5)])),
        ("allergy with 7 fields", entry(2, [n, x, n, n, n, .unsignedInt(1), .unsignedInt(1)])),
        ("allergy trailing null", entry(2, [n, x, n, n, n])),
        ("condition with 5 fields", entry(3, [n, x, n, n, .unsignedInt(1)])),
        ("medication status 7", entry(4, [n, x, n, n, .unsignedInt(7)])),
        ("medication status as text", entry(4, [n, x, n, n, .textString("active")])),
        ("medication with 6 fields", entry(4, [n, x, n, n, .unsignedInt(1), .unsignedInt(1)])),
        ("result interpretation 10", entry(6, [n, x, n, n, .unsignedInt(10)])),
        ("result range not text", entry(6, [n, x, n, n, n, .unsignedInt(3)])),
        ("result range of 101 bytes", entry(6, [n, x, n, n, n, .textString(String(repeating: "9", count: 101))])),
        ("result range with a line break", entry(6, [n, x, n, n, n, .textString("1\n2")])),
        ("result with 7 fields", entry(6, [n, x, n, n, n, x, x])),
        ("temperature 46", entry(7, [n, n, n, n, n, .unsignedInt(46)])),
        ("temperature as a float", entry(7, [n, n, n, n, n, .float(36.6)])),
        ("heart rate 301", entry(7, [n, n, n, n, n, n, .unsignedInt(301)])),
        ("heart rate as a decimal", entry(7, [n, n, n, n, n, n, .tagged(4, .array([.negativeInt(0), .unsignedInt(725)]))])),
        ("respiratory rate 0", entry(7, [n, n, n, n, n, n, n, .unsignedInt(0)])),
        ("saturation 101", entry(7, [n, n, n, n, n, n, n, n, .unsignedInt(101)])),
        ("BMI 4", entry(7, [n, n, n, n, n, n, n, n, n, .unsignedInt(4)])),
        ("BMI not normalised", entry(7, [n, n, n, n, n, n, n, n, n, .tagged(4, .array([.negativeInt(0), .unsignedInt(220)]))])),
        ("vitals with 11 fields", entry(7, [n, n, n, n, n, n, n, n, n, .unsignedInt(20), .unsignedInt(1)])),
    ]

    @Test("strict compact decoding of the new fields", arguments: Self.badContent)
    func compactRejects(name: String, content: CBOR) {
        var s = OpenedRecord()
        #expect(throws: PHRCardError(.badContent, ""), "\(name)") {
            try CompactRecord.decode(content, allowed: HealthRecord.Section.allCases, into: &s, tier: .clinical)
        }
    }

    @Test("the fixture issues as a card and opens to the same record")
    func cardRoundTrip() throws {
        let record = try Self.fixture()
        let card = try CardTestKeys.issue(record, readers: [ReaderGrant(key: CardTestKeys.reader.publicKey,
                                                                        tiers: Set(Tier.allCases))])
        let opened = try CardVerifier.verify(bytes: card.bytes, trusting: CardTestKeys.trusted, at: CardTestKeys.now)
            .open(readerKey: CardTestKeys.reader)
        #expect(opened.record == record)
    }
}
