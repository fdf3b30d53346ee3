import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

@Suite struct TrustRevocationTests {
    typealias F = TrustFixtures

    func revoking(_ cards: [IssuedCard], reason: RevocationReason = .superseded) throws -> RevocationList {
        try RevocationList(issuerKid: F.issuer.publicKey.kid,
                           entries: cards.map { try RevocationEntry(cardID: $0.cardID, reason: reason, revokedAt: F.now + 60) })
    }

    @Test func revokedCardIsRejectedOthersPass() throws {
        let trust = try F.verified()
        let revokedCard = try F.card(), goodCard = try F.card()
        var list = try revoking([revokedCard], reason: .issuedInError)
        let signed = try list.signed(by: F.issuer, at: F.now)
        let verified = try RevocationList.verify(signed, trustList: trust, lastSeenSequence: nil)
        #expect(verified.signerKid == F.issuer.publicKey.kid)
        let set = RevocationSet([verified])
        do {
            _ = try trust.verifyCard(bytes: revokedCard.bytes, at: F.now, revocations: set)
            Issue.record("a revoked card was accepted")
        } catch {
            #expect(error.code == .revoked)
            #expect(error.message.contains("issuedInError"))
            #expect(error.message.contains(revokedCard.cardID.hexString))
        }
        #expect(try trust.verifyCard(bytes: goodCard.bytes, at: F.now, revocations: set).cardID == goodCard.cardID)
        // A list for another issuer key does not touch this issuer's cards.
        var other = try RevocationList(issuerKid: F.edIssuer.publicKey.kid,
                                       entries: [RevocationEntry(cardID: goodCard.cardID, reason: .unspecified, revokedAt: 0)])
        let otherVerified = try RevocationList.verify(try other.signed(by: F.root, at: F.now), trustList: trust, lastSeenSequence: nil)
        try otherVerified.check(try trust.verifyCard(bytes: goodCard.bytes, at: F.now))
    }

    @Test func payloadLayoutIsFixedRecordsSortedByCti() throws {
        let a = try RevocationEntry(cardID: [0, 0, 0, 0, 0, 0, 0, 2], reason: .holderRequest, revokedAt: 0x01_0203_0405)
        let b = try RevocationEntry(cardID: [0xff, 1, 2, 3, 4, 5, 6, 7], reason: .keyCompromise, revokedAt: 1)
        let list = try RevocationList(issuerKid: F.issuer.publicKey.kid, entries: [b, a], sequence: 9, issuedAt: 100)
        let item = try CBOR.decode(list.encoded())
        #expect(item.mapEntries?.map(\.key) == [1, 2, 3, 4, 5])
        #expect(item[1] == 1 && item[2] == .byteString(F.issuer.publicKey.kid.bytes) && item[3] == 9 && item[4] == 100)
        // Hand-written records: cti ‖ reason ‖ 5-byte big-endian time, ascending by cti.
        #expect(item[5] == .byteString([0, 0, 0, 0, 0, 0, 0, 2, 4, 0x01, 0x02, 0x03, 0x04, 0x05,
                                        0xff, 1, 2, 3, 4, 5, 6, 7, 1, 0, 0, 0, 0, 1]))
        let back = try RevocationList(decoding: list.encoded())
        #expect(back == list)
        #expect(back.entry(for: a.cardID) == a)
        #expect(back.entry(for: b.cardID) == b)
        #expect(back.entry(for: [0, 0, 0, 0, 0, 0, 0, 3]) == nil)
        #expect(back.entry(for: [1, 2, 3]) == nil)
    }

    @Test func rootMaySignAnIssuersList() throws {
        let trust = try F.verified()
        var list = try revoking([try F.card()])
        let v = try RevocationList.verify(try list.signed(by: F.root, at: F.now), trustList: trust, lastSeenSequence: nil)
        #expect(v.signerKid == F.root.publicKey.kid)
    }

    @Test func unauthorisedSignersAreRejected() throws {
        let trust = try F.verified([F.issuerEntry(), F.issuerEntry(F.edIssuer, id: "ED")])
        var list = try revoking([try F.card()])
        // A key that is not in the trust list.
        let byUnlisted = try list.signed(by: F.unlisted, at: F.now)
        F.expectCode(.revocationBadSignature) { _ = try RevocationList.verify(byUnlisted, trustList: trust, lastSeenSequence: nil) }
        // Another listed issuer signing this issuer's list.
        let byOther = try list.signed(by: F.edIssuer, at: F.now)
        F.expectCode(.revocationBadSignature) { _ = try RevocationList.verify(byOther, trustList: trust, lastSeenSequence: nil) }
        // A compromised issuer key may no longer sign its own list.
        let compromised = try F.verified([F.issuerEntry(status: .compromised(since: F.now - 1))])
        let byCompromised = try list.signed(by: F.issuer, at: F.now)
        F.expectCode(.revocationBadSignature) { _ = try RevocationList.verify(byCompromised, trustList: compromised, lastSeenSequence: nil) }
        // A tampered list.
        var tampered = try list.signed(by: F.issuer, at: F.now)
        tampered[tampered.count - 70] ^= 1 // inside the entries, before the 64-byte signature
        F.expectCode(.revocationBadSignature) { _ = try RevocationList.verify(tampered, trustList: trust, lastSeenSequence: nil) }
    }

    @Test func rollbackIsRejected() throws {
        let trust = try F.verified()
        var list = try revoking([try F.card()])
        let first = try list.signed(by: F.issuer, at: F.now)
        _ = try list.signed(by: F.issuer, at: F.now)
        F.expectCode(.revocationRollback) { _ = try RevocationList.verify(first, trustList: trust, lastSeenSequence: 2) }
        #expect(try RevocationList.verify(first, trustList: trust, lastSeenSequence: 1).list.sequence == 1)
    }

    @Test func malformedListsAreRejected() throws {
        let kid = CBOR.byteString(F.issuer.publicKey.kid.bytes)
        func payload(_ records: [UInt8]) -> [UInt8] {
            CBOR.map([(.int(1), .int(1)), (.int(2), kid), (.int(3), .int(1)), (.int(4), .int(0)), (.int(5), .byteString(records))]).encoded()
        }
        let rec1: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
        let rec2: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]
        #expect(try RevocationList(decoding: payload(rec1 + rec2)).count == 2)
        F.expectCode(.revocationMalformed) { _ = try RevocationList(decoding: payload(rec2 + rec1)) } // not sorted
        F.expectCode(.revocationMalformed) { _ = try RevocationList(decoding: payload(rec1 + rec1)) } // duplicate
        F.expectCode(.revocationMalformed) { _ = try RevocationList(decoding: payload(rec1 + [0])) }  // partial record
        F.expectCode(.revocationMalformed) { _ = try RevocationList(decoding: [0xa0]) }
        // Signed by the issuer but structurally broken payloads still fail as malformed.
        let trust = try F.verified()
        let signed = try SignedEnvelope.sign(payload: payload(rec2 + rec1), with: F.issuer)
        F.expectCode(.revocationMalformed) { _ = try RevocationList.verify(signed, trustList: trust, lastSeenSequence: nil) }
        F.expectCode(.revocationMalformed) { _ = try RevocationList.verify([0x01], trustList: trust, lastSeenSequence: nil) }
    }

    @Test func editingRules() throws {
        let e = try RevocationEntry(cardID: Array(repeating: 7, count: 8), reason: .superseded, revokedAt: 5)
        var list = try RevocationList(issuerKid: F.issuer.publicKey.kid, entries: [e])
        F.expectCode(.trustEdit) { try list.revoke(e) }
        F.expectCode(.trustEdit) { _ = try RevocationEntry(cardID: [1, 2], reason: .superseded, revokedAt: 0) }
        F.expectCode(.trustEdit) { _ = try RevocationEntry(cardID: Array(repeating: 0, count: 8), reason: .superseded, revokedAt: -1) }
        F.expectCode(.trustEdit) { _ = try RevocationEntry(cardID: Array(repeating: 0, count: 8), reason: .superseded, revokedAt: 1 << 40) }
        #expect(RevocationReason(name: "holderRequest") == .holderRequest)
        #expect(RevocationReason(rawValue: 200).name == "reason-200")
        #expect(RevocationReason(name: "nonsense") == nil)
    }

    @Test func millionEntriesLoadAndLookUpCorrectly() throws {
        // Correctness only: every listed id is found with its entry, unlisted ids are not.
        var rng = SplitMix64(seed: 42)
        var ids = Set<UInt64>()
        while ids.count < 1_000_000 { ids.insert(rng.next()) }
        let idList = Array(ids)
        let entries = try idList.enumerated().map { i, id in
            try RevocationEntry(cardID: RevocationList.bytes(of: id), reason: RevocationReason(rawValue: UInt8(i % 6)),
                                revokedAt: Int64(i))
        }
        var list = try RevocationList(issuerKid: F.issuer.publicKey.kid, entries: entries)
        let signed = try list.signed(by: F.issuer, at: F.now)
        #expect(signed.count > 14_000_000 && signed.count < 14_000_200)
        let loaded = try RevocationList.verify(signed, trustList: try F.verified(), lastSeenSequence: nil).list
        #expect(loaded.count == 1_000_000)
        for i in stride(from: 0, to: idList.count, by: 997) {
            #expect(loaded.entry(for: RevocationList.bytes(of: idList[i])) == entries[i])
        }
        var misses = 0
        for _ in 0..<10_000 {
            let probe = rng.next()
            if !ids.contains(probe), !loaded.contains(cardID: RevocationList.bytes(of: probe)) { misses += 1 }
        }
        #expect(misses == 10_000)
    }
}
