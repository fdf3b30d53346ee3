import Testing
import PHRCodecs
import PHRCard
@testable import PHRCardCore

/// The shortcuts `verify` takes to stay near the cost of its signature check (issue 17) must give exactly the
/// answers of the general code they skip.
@Suite struct VerifyFastPathTests {
    @Test func wellKnownProtectedHeadersEqualTheirDecoding() throws {
        for bytes: [UInt8] in [[0xA1, 0x01, 0x01], [0xA1, 0x01, 0x38, 0x1C]] {
            let known = try #require(COSEHeaders.wellKnownProtected(bytes))
            guard case .map(let decoded) = try CBOR.decode(bytes, options: .strict) else {
                Issue.record("not a map"); return
            }
            #expect(known == decoded)
        }
        // Anything else goes through the decoder: near misses are not recognised.
        for bytes: [UInt8] in [[], [0xA0], [0xA1, 0x01, 0x03], [0xA1, 0x01, 0x38, 0x1E], [0xA1, 0x01, 0x01, 0x00]] {
            #expect(COSEHeaders.wellKnownProtected(bytes) == nil)
        }
    }

    @Test func asciiTextIsReturnedAsItIsAndOtherTextIsNormalised() {
        #expect(RecordText.isASCII("PHR-DEMO issuer 01"))
        #expect(!RecordText.isASCII("Zoë"))
        // Decomposed "e" + U+0308 composes to U+00EB; precomposed text stays.
        #expect(RecordText.nfc("Zoe\u{0308}").unicodeScalars.map(\.value) == [0x5A, 0x6F, 0xEB])
        #expect(RecordText.nfc("Zo\u{00EB}") == "Zo\u{00EB}")
        #expect(CardFormat.issuerIDProblem("issuer-e\u{0301}") == "must be in Unicode NFC")
        #expect(CardFormat.issuerIDProblem("issuer-01") == nil)
    }

    @Test func tierPolicyFromMaskListAgreesWithTheMaskDictionary() {
        let masks: [[UInt64]] = [
            Tier.allCases.map { TierPolicy.default.mask(of: $0) }, [2067, 2028], [19, 492], [2067 | 4096, 2028],
            [2067 | 1024, 2028], [2579, 1516], [2067], [2067, 2028, 0],
        ]
        for list in masks {
            let viaDictionary = list.count == Tier.allCases.count
                ? TierPolicy.fromMasks(Dictionary(uniqueKeysWithValues: zip(Tier.allCases, list))) : nil
            #expect(TierPolicy.fromMasks(list) == viaDictionary, "masks \(list)")
        }
        // The cached sections follow a changed assignment.
        var policy = TierPolicy.default
        #expect(!policy.sections(in: .essential).contains(.conditions))
        policy.assign(.conditions, to: .essential)
        #expect(policy.sections(in: .essential).contains(.conditions))
        #expect(!policy.sections(in: .clinical).contains(.conditions))
        #expect(policy.sections(in: .essential) == HealthRecord.Section.allCases.filter { policy.tier(of: $0) == .essential })
    }
}
