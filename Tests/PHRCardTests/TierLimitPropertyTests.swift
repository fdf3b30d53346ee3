import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// Generates valid records at and around the decoder limits of a tier (spec/format.md §12): many entries, long
/// repetitive texts (which compress far below their inflated size), every section in one tier, every script, and
/// records tuned to sit a few bytes either side of the inflated-size limit.
struct LimitRecordGenerator {
    var rng: SplitMix64
    var base: RecordGenerator

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        base = RecordGenerator(rng: SplitMix64(seed: seed ^ 0x5EED), size: 1)
    }

    /// A text of at most `maxBytes` UTF-8 bytes, made of one word (of a random script) repeated.
    mutating func repetitive(maxBytes: Int) -> String {
        let word = rng.pick(rng.pick(RecordGenerator.words))
        let target = maxBytes - rng.int(0...min(40, maxBytes - 1))
        var text = word
        while (text + " " + word).utf8.count <= target { text += " " + word }
        return text
    }

    /// An exact-length ASCII text (no leading or trailing space).
    static func exact(bytes: Int) -> String {
        let unit = Array("lorem ipsum dolor sit amet ".utf8)
        var out = (0..<bytes).map { unit[$0 % unit.count] }
        if out.last == UInt8(ascii: " ") { out[out.count - 1] = UInt8(ascii: "x") }
        return String(decoding: out, as: UTF8.self)
    }

    /// Replaces every free text of the record by a long repetitive one (with probability `p` per text).
    mutating func makeRepetitive(_ r: inout HealthRecord, p: Double) {
        let max = RecordLimits.maxTextBytes
        func t(_ g: inout LimitRecordGenerator, _ old: String?) -> String? {
            g.rng.chance(p) ? g.repetitive(maxBytes: max) : old
        }
        r.allergies = r.allergies?.map { a in var a = a; a.reaction = t(&self, a.reaction); if a.code == nil { a.text = t(&self, a.text) }; return a }
        r.conditions = r.conditions?.map { c in var c = c; if c.code == nil { c.text = t(&self, c.text) }; return c }
        r.medications = r.medications?.map { m in var m = m; m.dosage = t(&self, m.dosage); return m }
        r.results = r.results?.map { x in var x = x; x.value = t(&self, x.value); if x.range != nil { x.range = "0-" + String(repeating: "9", count: 90) }; return x }
        r.procedures = r.procedures?.map { x in var x = x; if x.code == nil { x.text = t(&self, x.text) }; return x }
        r.alerts = r.alerts?.map { x in var x = x; if x.code == nil { x.text = t(&self, x.text) }; return x }
        if rng.chance(p) { r.notes = repetitive(maxBytes: RecordLimits.maxNotesBytes) }
    }

    /// Fills every list section to `count` entries by repeating the generated ones.
    mutating func fill(_ r: inout HealthRecord, count: Int) {
        func grow<T>(_ list: [T]?, _ make: () -> T) -> [T] {
            var l = list ?? []
            if l.isEmpty { l.append(make()) }
            var i = 0
            while l.count < count { l.append(l[i % l.count]); i += 1 }
            return Array(l.prefix(count))
        }
        r.allergies = grow(r.allergies) { Allergy(text: "x") }
        r.conditions = grow(r.conditions) { Condition(text: "x") }
        r.medications = grow(r.medications) { Medication(text: "x") }
        r.immunizations = grow(r.immunizations) { Immunization(text: "x") }
        r.results = grow(r.results) { LabResult(text: "x") }
        r.vitals = grow(r.vitals) { VitalSigns(bpSystolic: 120) }
        r.procedures = grow(r.procedures) { Procedure(text: "x") }
        r.devices = grow(r.devices) { MedicalDevice(text: "x") }
        r.alerts = grow(r.alerts) { Alert(text: "x") }
    }

    /// A policy: the default, everything in one tier, or a random assignment.
    mutating func policy() -> TierPolicy {
        var p = TierPolicy.default
        switch rng.int(0...3) {
        case 0: break
        case 1: for s in HealthRecord.Section.allCases { p.assign(s, to: .essential) }
        case 2: for s in HealthRecord.Section.allCases where s != .holder { p.assign(s, to: .clinical) }
        default:
            for s in HealthRecord.Section.allCases where s != .holder && rng.chance(0.5) { p.assign(s, to: rng.pick(Tier.allCases)) }
        }
        return p
    }

    /// Sets the entry count and the notes so that the content of the tier holding the notes is `target` bytes,
    /// when reachable: the largest entry count (0…64) whose content stays 300 bytes below the target, then
    /// notes of the exact length needed.
    static func tune(_ r: inout HealthRecord, policy: TierPolicy, target: Int) {
        let tier = policy.tier(of: .notes)
        let sections = policy.sections(in: tier)
        let full = r
        func cut(_ k: Int) -> HealthRecord {
            var x = full
            x.allergies = x.allergies.map { Array($0.prefix(k)) }
            x.conditions = x.conditions.map { Array($0.prefix(k)) }
            x.medications = x.medications.map { Array($0.prefix(k)) }
            x.immunizations = x.immunizations.map { Array($0.prefix(k)) }
            x.results = x.results.map { Array($0.prefix(k)) }
            x.vitals = x.vitals.map { Array($0.prefix(k)) }
            x.procedures = x.procedures.map { Array($0.prefix(k)) }
            x.devices = x.devices.map { Array($0.prefix(k)) }
            x.alerts = x.alerts.map { Array($0.prefix(k)) }
            x.notes = exact(bytes: 300)
            return x
        }
        var lo = 0, hi = RecordLimits.maxEntriesPerSection
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if CompactRecord.encode(cut(mid), sections: sections).encoded().count <= target - 300 { lo = mid } else { hi = mid - 1 }
        }
        r = cut(lo)
        let withNotes = CompactRecord.encode(r, sections: sections).encoded().count
        let needed = 300 + (target - withNotes)   // the notes' CBOR header is 3 bytes for 256…65535 bytes
        guard needed >= 256, needed <= RecordLimits.maxNotesBytes else { return }
        r.notes = exact(bytes: needed)
    }

    /// One case: a record and a policy.
    mutating func next() -> (HealthRecord, TierPolicy) {
        var r = base.record()
        let p = policy()
        switch rng.int(0...4) {
        case 0:   // many entries
            fill(&r, count: rng.pick([RecordLimits.maxEntriesPerSection, RecordLimits.maxEntriesPerSection - 1, rng.int(32...64)]))
        case 1:   // long repetitive texts
            makeRepetitive(&r, p: 0.9)
        case 2:   // both
            fill(&r, count: rng.int(40...64))
            makeRepetitive(&r, p: rng.pick([0.3, 1.0]))
        case 3:   // a few bytes either side of the inflated-size limit
            fill(&r, count: RecordLimits.maxEntriesPerSection)
            makeRepetitive(&r, p: 1.0)
            Self.tune(&r, policy: p, target: TierLimits.maxInflatedBytes + rng.int(-3...3))
        default:  // an ordinary record with one tier for everything
            break
        }
        return (r, p)
    }
}

/// No valid record yields a card the library cannot open (spec/format.md §10.1 step 4, §12): issuing either
/// refuses with `issue.tier-too-large` (or `card.too-large`), or the card opens to exactly the record.
@Suite struct TierLimitPropertyTests {
    static let tierCases = 1500
    static let cardCases = 60

    static func record(from s: OpenedRecord, holder: Holder) -> HealthRecord {
        HealthRecord(holder: holder, allergies: s.allergies, conditions: s.conditions, medications: s.medications,
                     immunizations: s.immunizations, results: s.results, vitals: s.vitals, pregnancy: s.pregnancy,
                     notes: s.notes, procedures: s.procedures, devices: s.devices, alerts: s.alerts)
    }

    /// Per tier, for thousands of records: the issuer's check refuses exactly when the opener's pipeline (bounded
    /// inflate, CBOR within the tier limits, compact decoding) would fail on the same bytes, and with the cause
    /// the opener reports; otherwise the opener returns exactly the tier's sections.
    @Test func issueRefusesExactlyWhatADecoderRejects() throws {
        var gen = LimitRecordGenerator(seed: 12)
        var refused = 0, accepted = 0, nearLimit = 0
        for i in 0..<Self.tierCases {
            let (r, policy) = gen.next()
            #expect(r.validate().isEmpty, "case \(i): generator made an invalid record: \(r.validate().prefix(3))")
            for tier in Tier.allCases {
                let sections = policy.sections(in: tier)
                let content = CompactRecord.encode(r, sections: sections).encoded()
                if abs(content.count - TierLimits.maxInflatedBytes) <= 3 { nearLimit += 1 }
                // What any decoder does with these bytes, independent of the issuer's check.
                // (Level 1: any valid DEFLATE stream is accepted, and it is fast on the large contents.)
                let compressed = try Deflate.compress(content, dictionary: PresetDictionary.bytes, level: 1)
                var decoded = OpenedRecord()
                var decodeError: PHRCardError?
                do {
                    try TierContent.decode(plaintext: compressed + [0, 0, 0], allowed: sections, tier: tier, into: &decoded)
                } catch { decodeError = error }
                do {
                    let encoded = try TierContent.encode(r, sections: sections, tier: tier)
                    accepted += 1
                    #expect(encoded.content == content, "case \(i) \(tier)")
                    #expect(decodeError == nil, "case \(i) \(tier): issue accepted what a decoder rejects: \(decodeError.map { "\($0) (\($0.underlyingCode ?? "-"))" } ?? "")")
                    let back = Self.record(from: decoded, holder: decoded.holder ?? r.holder)
                    #expect(back == r.keepingOnly(Set(sections)), "case \(i) \(tier): the tier does not decode to its sections")
                    if sections.contains(.holder) { #expect(decoded.holder == r.holder, "case \(i)") }
                } catch {
                    refused += 1
                    #expect(error.code == .tierTooLarge, "case \(i) \(tier): \(error)")
                    let d = try #require(decodeError, "case \(i) \(tier): issue refused what a decoder accepts: \(error)")
                    #expect(d.underlyingCode == error.underlyingCode, "case \(i) \(tier): decoder cause \(d.underlyingCode ?? "-"), issue cause \(error.underlyingCode ?? "-")")
                    #expect(error.message.contains("tier \(tier)") && error.message.contains("over the decoder limit"),
                            "case \(i): \(error.message)")
                }
            }
        }
        print("tier limit properties: \(accepted) tiers accepted, \(refused) refused, \(nearLimit) within 3 bytes of the limit")
        #expect(refused > 100)
        #expect(accepted > 1000)
        #expect(nearLimit > 50)
    }

    /// Whole cards around the limits: `issue.tier-too-large` / `card.too-large`, or the card verifies and a reader
    /// that receives every tier opens exactly the record.
    @Test func cardsAroundTheLimitsOpenOrAreRefused() throws {
        var gen = LimitRecordGenerator(seed: 1212)
        var opened = 0, refused = 0
        let readers = [ReaderGrant(key: CardTestKeys.otherReader.publicKey, tiers: Set(Tier.allCases))]
        for i in 0..<Self.cardCases {
            var (r, policy) = gen.next()
            // Bias towards cards that fit: fewer entries, keep the repetitive texts.
            if i % 2 == 0 { gen.makeRepetitive(&r, p: 1.0) }
            let card: IssuedCard
            do {
                card = try CardTestKeys.issue(r, readers: readers, policy: policy)
            } catch let error as PHRCardError {
                #expect(error.code == .tierTooLarge || error.code == .cardTooLarge, "case \(i): \(error)")
                refused += 1
                continue
            }
            let verified = try CardVerifier.verify(text: card.qrText, trusting: CardTestKeys.trusted, at: CardTestKeys.now)
            let full = try verified.open(readerKey: CardTestKeys.otherReader)
            #expect(full.record == r, "case \(i)")
            opened += 1
        }
        print("card limit properties: \(opened) opened, \(refused) refused")
        #expect(opened >= 10)
    }

    /// The defect of issue 12, reproduced: 64 allergies, each with a 500-byte repetitive reaction, compress into
    /// one card. With the v1 limits the card issues and opens; all of it in one tier three times over is refused
    /// with the limit, the tier and the amount named.
    @Test func sixtyFourRepetitiveAllergies() throws {
        let reaction = LimitRecordGenerator.exact(bytes: 500)
        var r = HealthRecord(holder: Holder(given: "Amina"))
        r.allergies = (0..<64).map { _ in Allergy(text: "Penicillin", reaction: reaction) }
        let card = try CardTestKeys.issue(r)
        let opened = try CardVerifier.verify(bytes: card.bytes, trusting: CardTestKeys.trusted, at: CardTestKeys.now)
            .open(readerKey: CardTestKeys.reader)
        #expect(opened.record == r)

        r.medications = (0..<64).map { _ in Medication(text: "Amoxicillin", dosage: reaction) }
        r.results = (0..<64).map { _ in LabResult(text: "Glucose", value: reaction) }
        var policy = TierPolicy.default
        for s in HealthRecord.Section.allCases { policy.assign(s, to: .essential) }
        let error = #expect(throws: PHRCardError.self) { try CardTestKeys.issue(r, policy: policy) }
        #expect(error?.code == .tierTooLarge)
        #expect(error?.underlyingCode == "deflate.output-too-large")
        let content = CompactRecord.encode(r, sections: policy.sections(in: .essential)).encoded().count
        #expect(error?.message.contains("tier essential") == true)
        #expect(error?.message.contains("\(content) bytes, \(content - 65_536) over the decoder limit of 65536") == true,
                "\(error?.message ?? "")")
    }

    /// The item and depth limits never bind for a record within `record.md`'s limits: a record with every section
    /// full and every field at its most expensive form (codes as `[name, value]`, decimals as tag 4) stays below
    /// them even with all sections in one tier (the arithmetic of spec/format.md §12).
    @Test func largestRecordStaysWithinItemAndDepthLimits() throws {
        let r = Self.mostItems()
        #expect(r.validate().isEmpty, "\(r.validate().prefix(3))")
        let item = CompactRecord.encode(r, sections: HealthRecord.Section.allCases)
        let bytes = item.encoded()
        // Decode with the decoder's own options but the inflated-size limit lifted: items and depth must pass.
        var options = TierLimits.cborOptions
        options.maxInputSize = bytes.count
        _ = try CBOR.decode(bytes, options: options)
        let m = TierLimits.measure(item, encodedLength: bytes.count)
        print("largest record: \(m.items) items, depth \(m.depth), \(m.bytes) bytes")
        #expect(m.depth <= 5)
        options.maxItems = 4096
        #expect(throws: CBORError.self) { _ = try CBOR.decode(bytes, options: options) }  // the v0 limit did bind
    }

    static func mostItems() -> HealthRecord {
        let code = ClinicalCode(system: "x-local", code: "A1")
        let date = try! PartialDate(year: 2020, month: 5, day: 1)
        let n = RecordLimits.maxEntriesPerSection
        var h = Holder(given: "A", family: "B", birthDate: date, sex: .female, nationality: "SO")
        h.languages = Array(repeating: "so", count: RecordLimits.maxLanguages)
        h.identifiers = Array(repeating: Holder.Identifier(system: "s", value: "v"), count: RecordLimits.maxIdentifiers)
        h.declared = Set(Holder.DeclaredField.allCases)
        var r = HealthRecord(holder: h)
        var allergy = Allergy(code: code, text: "t", criticality: .high, reaction: "r")
        allergy.severity = Allergy.Severity.allCases.last
        allergy.category = Allergy.Category.allCases.last
        r.allergies = Array(repeating: allergy, count: n)
        r.conditions = Array(repeating: Condition(code: code, text: "t", status: .active, onset: date), count: n)
        var medication = Medication(code: code, text: "t", dosage: "d", since: date)
        medication.status = Medication.Status.allCases.last
        r.medications = Array(repeating: medication, count: n)
        r.immunizations = Array(repeating: Immunization(code: code, text: "t", date: date, dose: 1, country: "SO"), count: n)
        var result = LabResult(code: code, text: "t", value: "v", date: date)
        result.interpretation = LabResult.Interpretation.allCases.last
        result.range = "3.5-5.0"
        r.results = Array(repeating: result, count: n)
        var vitals = VitalSigns(date: date, heightCm: DecimalValue("170.5")!, weightKg: DecimalValue("61.2")!,
                                bpSystolic: 120, bpDiastolic: 80)
        vitals.temperatureC = DecimalValue("36.6")
        vitals.heartRate = 72
        vitals.respiratoryRate = 16
        vitals.oxygenSaturation = DecimalValue("97.5")
        vitals.bmi = DecimalValue("22.4")
        r.vitals = Array(repeating: vitals, count: n)
        r.pregnancy = Pregnancy(status: .pregnant, dueDate: date)
        r.notes = "n"
        r.procedures = Array(repeating: Procedure(code: code, text: "t", date: date, status: .completed), count: n)
        r.devices = Array(repeating: MedicalDevice(code: code, text: "t", since: date), count: n)
        r.alerts = Array(repeating: Alert(code: code, text: "t", since: date, severity: .high), count: n)
        return r
    }
}
