import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// Property tests over seeded random records (``RecordGenerator``; fixed seeds, so every run sees the same cases).
///
/// Cost: issuing runs scrypt once for the holder keys (~50 ms), and so does every holder-code open. The cheap
/// properties (JSON and compact-encoding round trips) run on thousands of records; the card properties run on
/// fewer, and only every 10th card is opened with the holder code (reader keys open the rest).
@Suite struct PropertyRoundTripTests {
    static let jsonCases = 1500
    static let compactCases = 2000
    static let cardCases = 80

    /// A generator with mostly small records, some medium and a few maximal ones.
    static func records(seed: UInt64, count: Int) -> [HealthRecord] {
        var sizer = SplitMix64(seed: seed ^ 0xA5A5)
        var gen = RecordGenerator(rng: SplitMix64(seed: seed), size: 0)
        return (0..<count).map { _ in
            let roll = sizer.int(0...99)
            gen.size = roll < 70 ? 0 : (roll < 97 ? 1 : 2)
            return gen.record()
        }
    }

    @Test func generatedRecordsAreValid() {
        for (i, r) in Self.records(seed: 1, count: 500).enumerated() {
            #expect(r.validate().isEmpty, "case \(i): \(r.validate())")
        }
    }

    @Test func jsonRoundTripIsExact() throws {
        for (i, r) in Self.records(seed: 2, count: Self.jsonCases).enumerated() {
            for pretty in [true, false] {
                let again = try HealthRecord(jsonData: r.jsonData(prettyPrinted: pretty))
                #expect(again == r, "case \(i) (pretty \(pretty))")
                #expect(again.jsonData(prettyPrinted: pretty) == r.jsonData(prettyPrinted: pretty), "case \(i)")
            }
        }
    }

    /// What each tier carries after decryption: compact CBOR → DEFLATE (preset dictionary) → inflate → strict CBOR
    /// → compact decoding gives back exactly the record, and decoding then re-encoding gives the same bytes.
    @Test func compactEncodingRoundTripIsExact() throws {
        let all = HealthRecord.Section.allCases
        for (i, r) in Self.records(seed: 3, count: Self.compactCases).enumerated() {
            let content = CompactRecord.encode(r, sections: all).encoded()
            // Maximal records exceed the inflated-tier bound; no card carries them (see maximalRecordsAreTooLarge).
            guard content.count <= CardFormat.maxInflatedTierBytes else { continue }
            let compressed = try Deflate.compress(content, dictionary: PresetDictionary.bytes)
            let inflated = try Deflate.decompress(compressed, dictionary: PresetDictionary.bytes,
                                                  maxOutputSize: 1 << 20)
            #expect(inflated == content, "case \(i)")
            var s = OpenedRecord()
            try CompactRecord.decode(try CBOR.decode(inflated, options: .strict), allowed: all, into: &s, tier: .essential)
            let decoded = HealthRecord(holder: try #require(s.holder), allergies: s.allergies, conditions: s.conditions,
                                       medications: s.medications, immunizations: s.immunizations, results: s.results,
                                       vitals: s.vitals, pregnancy: s.pregnancy, notes: s.notes,
                                       procedures: s.procedures, devices: s.devices, alerts: s.alerts)
            #expect(decoded == r, "case \(i)")
            #expect(CompactRecord.encode(decoded, sections: all).encoded() == content, "case \(i)")
        }
    }

    /// issue → verify → open: with the holder code (every 10th case) the whole record comes back exactly; with a
    /// reader key exactly the sections of that reader's tiers; re-issuing the decoded record gives the same record.
    /// A record that does not fit fails with `card.too-large` or `issue.tier-too-large`, never anything else.
    @Test func cardRoundTripIsExact() throws {
        var rng = SplitMix64(seed: 4)
        var issued = 0, tooLarge = 0, holderOpens = 0
        for (i, r) in Self.records(seed: 5, count: Self.cardCases).enumerated() {
            var policy = TierPolicy.default
            for s in HealthRecord.Section.allCases where s != .holder && rng.chance(0.3) {
                policy.assign(s, to: rng.pick(Tier.allCases))
            }
            let readers = [ReaderGrant(key: CardTestKeys.reader.publicKey, tiers: [.essential]),
                           ReaderGrant(key: CardTestKeys.otherReader.publicKey, tiers: Set(Tier.allCases))]
            let card: IssuedCard
            do {
                card = try CardTestKeys.issue(r, readers: readers, policy: policy)
            } catch let error as PHRCardError {
                #expect(error.code == .cardTooLarge || error.code == .tierTooLarge, "case \(i): \(error)")
                tooLarge += 1
                continue
            }
            issued += 1
            #expect(card.bytes.count == card.sizeClass.cardBytes || card.bytes.count + 1 == card.sizeClass.cardBytes,
                    "case \(i)")
            let verified = try CardVerifier.verify(text: card.qrText, trusting: CardTestKeys.trusted,
                                                   at: CardTestKeys.now + 60)
            let essential = Set(policy.sections(in: .essential))
            let byReader = try verified.open(readerKey: CardTestKeys.reader)
            if essential.contains(.holder) {
                #expect(byReader.record == r.keepingOnly(essential), "case \(i)")
            } else {
                #expect(byReader.record == nil, "case \(i)")
            }
            let full = try verified.open(readerKey: CardTestKeys.otherReader)
            #expect(full.record == r, "case \(i)")
            if i % 10 == 0 {
                holderOpens += 1
                let byHolder = try verified.open(holderCode: card.holderCode.description)
                #expect(byHolder.record == r, "case \(i)")
                #expect(byHolder.closedTiers.isEmpty, "case \(i)")
            }
            if i % 4 == 0, let decoded = full.record {
                let again = try CardTestKeys.issue(decoded, readers: readers, policy: policy)
                let reopened = try CardVerifier.verify(bytes: again.bytes, trusting: CardTestKeys.trusted,
                                                       at: CardTestKeys.now).open(readerKey: CardTestKeys.otherReader)
                #expect(reopened.record == r, "case \(i)")
                #expect(again.sizeClass == card.sizeClass, "case \(i)")
            }
        }
        print("card properties: \(issued) issued, \(tooLarge) too large, \(holderOpens) holder-code opens")
        #expect(issued >= Self.cardCases / 2)
    }

    /// Maximal records (every section at its limits) are far beyond one QR code and beyond the decoder's
    /// inflated-size limit: `issue.tier-too-large` (checked before compression), no crash.
    @Test func maximalRecordsAreTooLarge() {
        var gen = RecordGenerator(rng: SplitMix64(seed: 6), size: 2)
        for i in 0..<5 {
            let r = gen.record()
            #expect(r.validate().isEmpty, "case \(i)")
            #expect(throws: PHRCardError(.tierTooLarge, "")) { try CardTestKeys.issue(r) }
        }
    }

    /// Growing notes across the card-size limit: every size either round-trips exactly or fails with
    /// `card.too-large` (never truncated), and once too large, larger notes stay too large.
    @Test func notesAcrossTheSizeLimit() throws {
        var gen = RecordGenerator(rng: SplitMix64(seed: 7), size: 0)
        let base = gen.record()
        var sawTooLarge = false
        var length = 200
        // Incompressible-ish text so that the card grows with the notes.
        var rng = SplitMix64(seed: 8)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 äöüßçéñ")
        let pool = String((0..<RecordLimits.maxNotesBytes).map { _ in rng.pick(alphabet) })
        while length <= RecordLimits.maxNotesBytes {
            var r = base
            var notes = String(pool.prefix(length))
            while notes.utf8.count > RecordLimits.maxNotesBytes { notes.removeLast() }
            r.notes = notes.trimmingCharacters(in: .whitespaces).isEmpty ? "x" : notes
            do {
                let card = try CardTestKeys.issue(r, readers: [ReaderGrant(key: CardTestKeys.reader.publicKey,
                                                                           tiers: Set(Tier.allCases))])
                #expect(!sawTooLarge, "notes of \(length) characters fit after a shorter text did not")
                let opened = try CardVerifier.verify(bytes: card.bytes, trusting: CardTestKeys.trusted, at: CardTestKeys.now)
                    .open(readerKey: CardTestKeys.reader)
                #expect(opened.record == r, "notes of \(length) characters")
            } catch let error as PHRCardError {
                #expect(error.code == .cardTooLarge, "\(error)")
                sawTooLarge = true
            }
            length += 200
        }
        #expect(sawTooLarge)
    }
}
