import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization
import PHRToolSupport

@Suite struct TrustListTests {
    typealias F = TrustFixtures

    @Test func validChainRootListIssuerCard() throws {
        let trust = try F.verified()
        #expect(trust.warnings.isEmpty)
        #expect(trust.sequence == 1)
        let card = try F.card()
        let verified = try CardVerifier.verify(bytes: card.bytes, trusting: trust.trustedIssuers(at: F.now), at: F.now)
        try trust.check(verified)
        #expect(verified.cardID == card.cardID)
        #expect(verified.issuer.displayName == "Test Clinic")
        // The one-call form does the same.
        let again = try trust.verifyCard(text: card.qrText, at: F.now)
        #expect(again.cardID == card.cardID)
    }

    @Test func ed25519IssuerAndRoot() throws {
        var list = try F.list([F.issuerEntry(F.edIssuer, id: "ED-CLINIC")])
        let bytes = try list.signed(by: F.otherRoot, at: F.now)
        let trust = try TrustList.verify(bytes, root: F.otherRoot.publicKey, at: F.now, lastSeenSequence: nil)
        let card = try F.card(signedBy: F.edIssuer, issuerID: "ED-CLINIC")
        #expect(try trust.verifyCard(bytes: card.bytes, at: F.now).kid == F.edIssuer.publicKey.kid)
    }

    @Test func signingBumpsSequenceAndSetsTimes() throws {
        var list = try F.list()
        #expect(list.sequence == 0)
        _ = try list.signed(by: F.root, at: 1000, nextUpdateAfter: 500)
        let second = try list.signed(by: F.root, at: 2000, nextUpdateAfter: 500)
        #expect(list.sequence == 2 && list.issuedAt == 2000 && list.nextUpdate == 2500)
        let v = try TrustList.verify(second, root: F.root.publicKey, at: 2000, lastSeenSequence: 1)
        #expect(v.sequence == 2)
        #expect(v.list == list)
        F.expectCode(.trustEdit) { _ = try list.signed(by: F.root, at: 3000, nextUpdateAfter: 0) }
    }

    @Test func payloadFollowsTheCDDL() throws {
        var list = try F.list([F.issuerEntry(status: .compromised(since: 1234))])
        _ = try list.signed(by: F.root, at: 1000, nextUpdateAfter: 10)
        let item = try CBOR.decode(list.encoded())
        #expect(item.mapEntries?.map(\.key) == [1, 2, 3, 4, 5, 6])
        #expect(item[1] == 1 && item[2] == 1 && item[3] == 1000 && item[4] == 1010)
        let issuer = try #require(item[5]?.arrayValue?.first)
        #expect(issuer.mapEntries?.map(\.key) == [1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(issuer[1] == .byteString(Array(SHA256.hash(F.issuer.publicKey.spkiDER).prefix(8))))
        #expect(issuer[3] == "TEST-CLINIC" && issuer[5] == "KE" && issuer[8] == 2 && issuer[9] == 1234)
        let reader = try #require(item[6]?.arrayValue?.first)
        #expect(reader.mapEntries?.map(\.key) == [1, 2, 3, 4, 5])
        #expect(reader[5] == [0])
        // The working copy round-trips.
        #expect(try TrustList(decoding: list.encoded()) == list)
    }

    @Test func wrongRootIsRejected() throws {
        let (_, bytes) = try F.signed()
        F.expectCode(.trustWrongRoot) { _ = try TrustList.verify(bytes, root: F.otherRoot.publicKey, at: F.now, lastSeenSequence: nil) }
    }

    @Test func forgedListClaimingTheRootKidIsRejected() throws {
        // Signed by another key but naming the root's kid in the protected header.
        let payload = try F.list().encoded()
        let protected = CBOR.map([(.int(1), .int(-7)), (.int(4), .byteString(F.root.publicKey.kid.bytes))]).encoded()
        let tbs = COSESign1.toBeSigned(protectedBytes: protected, payload: payload)
        let sig = try F.unlisted.signature(for: tbs)
        let forged = CBOR.tagged(18, [.byteString(protected), .map([CBOR.Entry]()), .byteString(payload), .byteString(sig)]).encoded()
        F.expectCode(.trustBadSignature) { _ = try TrustList.verify(forged, root: F.root.publicKey, at: F.now, lastSeenSequence: nil) }
    }

    @Test func tamperedListIsRejected() throws {
        var (_, bytes) = try F.signed()
        // Change the issuer's display name "Test Clinic" to "Best Clinic" inside the signed payload.
        let needle = Array("Test Clinic".utf8)
        let at = try #require((0...(bytes.count - needle.count)).first { Array(bytes[$0..<$0 + needle.count]) == needle })
        bytes[at] = UInt8(ascii: "B")
        F.expectCode(.trustBadSignature) { _ = try TrustList.verify(bytes, root: F.root.publicKey, at: F.now, lastSeenSequence: nil) }
    }

    @Test func malformedEnvelopesAreRejected() throws {
        let (_, bytes) = try F.signed()
        F.expectCode(.trustMalformed) { _ = try TrustList.verify(Array(bytes.dropLast()), root: F.root.publicKey, at: F.now, lastSeenSequence: nil) }
        F.expectCode(.trustMalformed) { _ = try TrustList.verify(Array(bytes.dropFirst()), root: F.root.publicKey, at: F.now, lastSeenSequence: nil) }
        F.expectCode(.trustMalformed) { _ = try TrustList.verify([], root: F.root.publicKey, at: F.now, lastSeenSequence: nil) }
    }

    @Test func malformedPayloadsAreRejected() throws {
        // Signed correctly by the root, but the payload breaks the CDDL.
        func sign(_ payload: CBOR) throws -> [UInt8] { try SignedEnvelope.sign(payload: payload.encoded(), with: F.root) }
        let good = try F.list().encoded()
        let item = try CBOR.decode(good)
        var entries = try #require(item.mapEntries)
        entries.append(CBOR.Entry(7, "extra"))
        F.expectCode(.trustMalformed) { _ = try TrustList.verify(try sign(.map(entries)), root: F.root.publicKey, at: F.now, lastSeenSequence: nil) }
        // Version 2 is not read.
        var v2 = try #require(item.mapEntries)
        v2[0] = CBOR.Entry(1, 2)
        F.expectCode(.trustUnsupportedVersion) { _ = try TrustList.verify(try sign(.map(v2)), root: F.root.publicKey, at: F.now, lastSeenSequence: nil) }
        // An issuer whose kid does not match its key.
        var issuer = try #require(item[5]?.arrayValue?.first?.mapEntries)
        issuer[0] = CBOR.Entry(1, .byteString(Array(repeating: 0, count: 8)))
        var badKid = try #require(item.mapEntries)
        badKid[4] = CBOR.Entry(5, [.map(issuer)])
        F.expectCode(.trustMalformed) { _ = try TrustList.verify(try sign(.map(badKid)), root: F.root.publicKey, at: F.now, lastSeenSequence: nil) }
        // compromised-since with status active.
        var withSince = try #require(item[5]?.arrayValue?.first?.mapEntries)
        withSince.append(CBOR.Entry(9, 5))
        var badStatus = try #require(item.mapEntries)
        badStatus[4] = CBOR.Entry(5, [.map(withSince)])
        F.expectCode(.trustMalformed) { _ = try TrustList.verify(try sign(.map(badStatus)), root: F.root.publicKey, at: F.now, lastSeenSequence: nil) }
        // A non-deterministic working copy (integer 1 in two bytes).
        F.expectCode(.trustMalformed) { _ = try TrustList(decoding: [0xa1, 0x18, 0x01, 0x01]) }
    }

    @Test func rollbackIsRejectedAndEqualSequenceAccepted() throws {
        var list = try F.list()
        let first = try list.signed(by: F.root, at: F.now)
        let second = try list.signed(by: F.root, at: F.now)
        #expect(try TrustList.verify(second, root: F.root.publicKey, at: F.now, lastSeenSequence: 2).sequence == 2)
        F.expectCode(.trustRollback) { _ = try TrustList.verify(first, root: F.root.publicKey, at: F.now, lastSeenSequence: 2) }
    }

    @Test func staleListWarnsAndTooOldListFails() throws {
        var list = try F.list()
        let bytes = try list.signed(by: F.root, at: 1_000_000, nextUpdateAfter: 100)
        let ok = try TrustList.verify(bytes, root: F.root.publicKey, at: 1_000_100, lastSeenSequence: nil, maxAge: 50)
        #expect(ok.warnings.isEmpty)
        let stale = try TrustList.verify(bytes, root: F.root.publicKey, at: 1_000_101, lastSeenSequence: nil, maxAge: 50)
        #expect(stale.warnings.map(\.code) == [.trustStale])
        #expect(try TrustList.verify(bytes, root: F.root.publicKey, at: 1_000_150, lastSeenSequence: nil, maxAge: 50).warnings.count == 1)
        F.expectCode(.trustTooOld) { _ = try TrustList.verify(bytes, root: F.root.publicKey, at: 1_000_151, lastSeenSequence: nil, maxAge: 50) }
        F.expectCode(.trustNotYetValid) { _ = try TrustList.verify(bytes, root: F.root.publicKey, at: 1_000_000 - 301, lastSeenSequence: nil) }
    }

    @Test func unknownIssuerIsRejected() throws {
        let trust = try F.verified()
        let card = try F.card(signedBy: F.unlisted)
        F.expectCode(.unknownIssuer) { _ = try trust.verifyCard(bytes: card.bytes, at: F.now) }
        // check() alone also refuses a card that another verifier accepted.
        let elsewhere = try CardVerifier.verify(bytes: card.bytes, trusting: [TrustedIssuer(key: F.unlisted.publicKey)], at: F.now)
        F.expectCode(.unknownIssuer) { try trust.check(elsewhere) }
    }

    @Test func issuerIDMustMatchTheList() throws {
        let trust = try F.verified()
        let card = try F.card(issuerID: "OTHER")
        F.expectCode(.issuerMismatch) { _ = try trust.verifyCard(bytes: card.bytes, at: F.now) }
    }

    @Test func cardOutsideTheKeyPeriodIsRejected() throws {
        let card = try F.card()
        // Period starts after the card's iat.
        let late = try F.verified([F.issuerEntry(from: F.now + 1, to: F.now + 100 * F.day)], at: F.now + 10)
        F.expectCode(.issuerKeyOutsidePeriod) { _ = try late.verifyCard(bytes: card.bytes, at: F.now + 10) }
        // Period ended before the card's iat.
        let early = try F.verified([F.issuerEntry(from: F.now - 100 * F.day, to: F.now - 1)])
        F.expectCode(.issuerKeyOutsidePeriod) { _ = try early.verifyCard(bytes: card.bytes, at: F.now) }
        // Both ends are inclusive.
        let exact = try F.verified([F.issuerEntry(from: F.now, to: F.now)])
        #expect(try exact.verifyCard(bytes: card.bytes, at: F.now).issuedAt == F.now)
        // checkSigningKey applies the same rule before issuing.
        F.expectCode(.issuerKeyOutsidePeriod) { try early.checkSigningKey(F.issuer.publicKey, issuerID: "TEST-CLINIC", at: F.now) }
    }

    @Test func compromisedKeyCutOff() throws {
        let card = try F.card() // iat = now
        let before = try F.verified([F.issuerEntry(status: .compromised(since: F.now + 1))])
        #expect(try before.verifyCard(bytes: card.bytes, at: F.now).cardID == card.cardID)
        let atIat = try F.verified([F.issuerEntry(status: .compromised(since: F.now))])
        F.expectCode(.issuerKeyCompromised) { _ = try atIat.verifyCard(bytes: card.bytes, at: F.now) }
        let earlier = try F.verified([F.issuerEntry(status: .compromised(since: F.now - F.day))])
        F.expectCode(.issuerKeyCompromised) { _ = try earlier.verifyCard(bytes: card.bytes, at: F.now) }
    }

    @Test func suspendedKeyIsRejected() throws {
        let trust = try F.verified([F.issuerEntry(status: .suspended)])
        F.expectCode(.issuerKeySuspended) { _ = try trust.verifyCard(bytes: try F.card().bytes, at: F.now) }
    }

    @Test func editingRules() throws {
        var list = try F.list()
        F.expectCode(.trustEdit) { try list.addIssuer(F.issuerEntry()) }
        F.expectCode(.trustEdit) { try list.addIssuer(F.issuerEntry(F.edIssuer, id: "")) }
        var badCountry = F.issuerEntry(F.edIssuer)
        badCountry.country = "ke"
        F.expectCode(.trustEdit) { try list.addIssuer(badCountry) }
        F.expectCode(.trustEdit) { try list.addIssuer(F.issuerEntry(F.edIssuer, from: 10, to: 5)) }
        F.expectCode(.trustEdit) { try list.removeIssuer(kid: F.unlisted.publicKey.kid) }
        F.expectCode(.trustEdit) { try list.removeReader(kid: F.unlisted.publicKey.kid) }
        F.expectCode(.trustEdit) {
            try list.addReader(TrustListReader(key: CardTestKeys.otherReader.publicKey, authority: "X", country: "UG", defaultTiers: []))
        }
        try list.setStatus(.compromised(since: 5), ofIssuer: F.issuer.publicKey.kid)
        #expect(list.issuer(kid: F.issuer.publicKey.kid)?.status == .compromised(since: 5))
        try list.removeIssuer(kid: F.issuer.publicKey.kid)
        #expect(list.issuers.isEmpty)
        try list.removeReader(kid: CardTestKeys.reader.publicKey.kid)
        #expect(list.readers.isEmpty)
    }

    @Test func readerGrantsComeFromTheList() throws {
        let trust = try F.verified()
        #expect(trust.readerGrants().map(\.key.kid) == [CardTestKeys.reader.publicKey.kid])
        #expect(trust.readerGrants(country: "UG").first?.tiers == [.essential])
        #expect(trust.readerGrants(country: "KE").isEmpty)
    }

    @Test func homeRecordsTheHighestSequence() throws {
        let home = PHRCardHome(path: F.temporaryDirectory())
        let subject = PHRCardHome.SequenceSubject.trustList(root: F.root.publicKey.kid)
        #expect(try home.lastSeenSequence(for: subject) == nil)
        try home.recordSequence(7, for: subject)
        try home.recordSequence(3, for: subject)
        #expect(try home.lastSeenSequence(for: subject) == 7)
        #expect(try home.lastSeenSequence(for: .revocationList(issuer: F.root.publicKey.kid)) == nil)
        try Data("not a number".utf8).write(to: URL(fileURLWithPath: home.path + "/state/" + "trust-list-\(F.root.publicKey.kid).seq"))
        F.expectCode(.trustState) { _ = try home.lastSeenSequence(for: subject) }
        #expect(PHRCardHome.resolve(environment: ["PHRCARD_HOME": "/x/y", "HOME": "/h"]).path == "/x/y")
        #expect(PHRCardHome.resolve(environment: ["HOME": "/h"]).path == "/h/.phrcard")
    }
}
