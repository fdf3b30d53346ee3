import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// Regressions found by the property tests and the fuzz targets (Fuzz/).
@Suite struct PropertyRegressionTests {
    /// A decimal whose normalised form has a positive exponent (170 = 17 × 10¹, 100 = 1 × 10²) is written as the
    /// decimal fraction `4([1, 17])`, which the tier decoder rejects (it accepts only negative exponents): the card
    /// issues, but no key opens it (`tier.bad-content`). Any height or weight that is a multiple of 10 hits this.
    @Test(arguments: ["170", "100", "260", "400", "1.7e2"])
    func wholeDecimalsThatEndInZeroRoundTrip(literal: String) throws {
        let json = #"{"holder":{"given":"A"},"vitals":[{"heightCm":170,"weightKg":\#(literal == "1.7e2" ? "100" : literal)}]}"#
        let record = try HealthRecord(jsonData: Array(json.utf8))
        let card = try CardTestKeys.issue(record, readers: [ReaderGrant(key: CardTestKeys.reader.publicKey,
                                                                        tiers: Set(Tier.allCases))])
        let opened = try CardVerifier.verify(bytes: card.bytes, trusting: CardTestKeys.trusted, at: CardTestKeys.now)
            .open(readerKey: CardTestKeys.reader)
        #expect(opened.record == record)
    }

    /// The same bug without crypto: compact encoding of 170 cm does not decode.
    @Test
    func compactDecimalWithPositiveExponentDecodes() throws {
        let record = HealthRecord(holder: Holder(given: "A"), vitals: [VitalSigns(heightCm: DecimalValue("170")!)])
        let all = HealthRecord.Section.allCases
        var s = OpenedRecord()
        try CompactRecord.decode(CompactRecord.encode(record, sections: all), allowed: all, into: &s, tier: .clinical)
        #expect(s.vitals == record.vitals)
    }

    /// Fuzz finding (FuzzTierContent): tier content whose holder identifier contains U+0010 decodes to a record
    /// that `validate()` rejects. The tier decoder must apply the record's text rules and fail with
    /// `tier.bad-content` (a signed card from a faulty or compromised issuer must not yield an invalid record).
    @Test
    func tierContentWithControlCharacterIsRejected() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/fuzz-regressions/tier-content-control-character",
                                                 withExtension: "bin"))
        let plaintext = try [UInt8](Data(contentsOf: url))
        let content = try Deflate.decompress(plaintext, dictionary: PresetDictionary.bytes,
                                             maxOutputSize: CardFormat.maxInflatedTierBytes)
        let item = try CBOR.decode(content, options: .strict)
        var s = OpenedRecord()
        #expect(throws: PHRCardError(.badContent, "")) {
            try CompactRecord.decode(item, allowed: HealthRecord.Section.allCases, into: &s, tier: .essential)
        }
    }

    /// The fixture really is the finding: its compact CBOR holds a holder identifier with U+0010 (checked on the
    /// CBOR itself, independently of the record decoder).
    @Test func tierContentFixtureHoldsAControlCharacter() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/fuzz-regressions/tier-content-control-character",
                                                 withExtension: "bin"))
        let plaintext = try [UInt8](Data(contentsOf: url))
        let content = try Deflate.decompress(plaintext, dictionary: PresetDictionary.bytes,
                                             maxOutputSize: CardFormat.maxInflatedTierBytes)
        let item = try CBOR.decode(content, options: .strict)
        let identifiers = try #require(item[1]?.arrayValue?[6].arrayValue)
        let values = identifiers.compactMap { $0.arrayValue?[1].stringValue }
        #expect(values.contains { $0.unicodeScalars.contains("\u{10}") })
    }
}
