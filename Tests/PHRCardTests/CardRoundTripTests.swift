import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// Shared keys and helpers for card tests.
enum CardTestKeys {
    static let issuer = IssuerSigningKey.p256(try! P256.Signing.PrivateKey(rawRepresentation: Array(repeating: 0x11, count: 32)))
    static let reader = ReaderPrivateKey(try! P256.KeyAgreement.PrivateKey(rawRepresentation: Array(repeating: 0x22, count: 32)))
    static let otherReader = ReaderPrivateKey(try! P256.KeyAgreement.PrivateKey(rawRepresentation: Array(repeating: 0x33, count: 32)))
    static let now: Int64 = 1_780_000_000
    static var trusted: [TrustedIssuer] { [TrustedIssuer(key: issuer.publicKey, issuerID: "TEST-CLINIC")] }

    static func record(_ name: String) throws -> HealthRecord {
        try HealthRecord(jsonData: RecordFixtures.sample(name))
    }

    static func issue(_ record: HealthRecord, readers: [ReaderGrant] = [ReaderGrant(key: reader.publicKey)],
                      policy: TierPolicy = .default) throws -> IssuedCard {
        try CardIssuer.issue(record, signingKey: issuer,
                             options: IssueOptions(issuerID: "TEST-CLINIC", issuedAt: now, readers: readers, policy: policy))
    }
}

@Suite struct CardRoundTripTests {
    @Test(arguments: RecordFixtures.sampleNames)
    func holderCodeOpensEverything(sample: String) throws {
        let record = try CardTestKeys.record(sample)
        let card = try CardTestKeys.issue(record)
        #expect(SizeClass.of(cardBytes: card.bytes.count) == card.sizeClass)
        #expect(card.unpaddedBytes <= card.bytes.count)
        let verified = try CardVerifier.verify(text: card.qrText, trusting: CardTestKeys.trusted, at: CardTestKeys.now + 10)
        #expect(verified.cardID == card.cardID)
        let opened = try verified.open(holderCode: card.holderCode.description)
        #expect(opened.record == record)
        #expect(opened.closedTiers.isEmpty)
    }

    @Test(arguments: RecordFixtures.sampleNames)
    func readerOpensEssentialOnly(sample: String) throws {
        let record = try CardTestKeys.record(sample)
        let card = try CardTestKeys.issue(record)
        let verified = try CardVerifier.verify(bytes: card.bytes, trusting: CardTestKeys.trusted, at: CardTestKeys.now)
        let opened = try verified.open(readerKey: CardTestKeys.reader)
        #expect(opened.openedTiers == [.essential])
        #expect(opened.record == record.keepingOnly([.holder, .allergies, .immunizations]))
    }
}

