import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization
import PHRToolSupport

@Suite struct TrustIssuanceLogTests {
    typealias F = TrustFixtures

    func entry(_ n: UInt8, holder: [UInt8] = Array(repeating: 0xaa, count: 32)) -> IssuanceLogEntry {
        IssuanceLogEntry(cardID: Array(repeating: n, count: 8), issuerKid: F.issuer.publicKey.kid, issuedAt: 1000 + Int64(n),
                         expiresAt: 9000, sizeClass: 2, tiers: [.essential],
                         readerKids: [CardTestKeys.reader.publicKey.kid, CardTestKeys.otherReader.publicKey.kid],
                         holderHash: holder)
    }

    @Test func appendListFindAndReopen() throws {
        let path = F.temporaryDirectory() + "/log/issuance-log.sqlite"
        let ana = Array(repeating: UInt8(0xaa), count: 32), bo = Array(repeating: UInt8(0xbb), count: 32)
        do {
            let log = try IssuanceLog(path: path)
            try log.append([entry(1, holder: ana), entry(2, holder: bo), entry(3, holder: ana)])
            #expect(try log.count() == 3)
            #expect(try log.list(limit: 2).map(\.cardID) == [Array(repeating: 3, count: 8), Array(repeating: 2, count: 8)])
            #expect(try log.find(holderHash: ana).map(\.cardID.first) == [1, 3])
            #expect(try log.find(cardID: Array(repeating: 2, count: 8)) == [entry(2, holder: bo)])
            #expect(try log.find(cardID: Array(repeating: 9, count: 8)).isEmpty)
        }
        let reopened = try IssuanceLog(path: path)
        #expect(try reopened.count() == 3)
        #expect(try reopened.list().last == entry(1, holder: ana))
        try reopened.append([entry(4)])
        #expect(try reopened.count() == 4)
    }

    @Test func updateAndDeleteAreRefusedByTriggers() throws {
        let log = try IssuanceLog(path: F.temporaryDirectory() + "/log.sqlite")
        try log.append([entry(1)])
        F.expectCode(.logWrite) { try log.executeRaw("UPDATE issuance SET exp = 0") }
        F.expectCode(.logWrite) { try log.executeRaw("DELETE FROM issuance") }
        do { try log.executeRaw("DELETE FROM issuance") } catch { #expect(error.message.contains("append-only")) }
        #expect(try log.list() == [entry(1)])
    }

    @Test func aFailingBatchWritesNothing() throws {
        let log = try IssuanceLog(path: F.temporaryDirectory() + "/log.sqlite")
        try log.append([entry(1)])
        // The second batch repeats card 1 at its end: the whole batch is rolled back.
        F.expectCode(.logDuplicate) { try log.append([entry(5), entry(6), entry(1)]) }
        #expect(try log.count() == 1)
        F.expectCode(.logBadEntry) { try log.append([IssuanceLogEntry(cardID: [1], issuerKid: F.issuer.publicKey.kid, issuedAt: 0, expiresAt: 1, sizeClass: 1, tiers: [], readerKids: [], holderHash: [])]) }
    }

    @Test func notADatabaseFailsToOpen() throws {
        let path = F.temporaryDirectory() + "/garbage.sqlite"
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        F.expectCode(.logOpen) { _ = try IssuanceLog(path: path) }
    }

    @Test func entryFromAnIssuedCard() throws {
        let record = try CardTestKeys.record("minimal")
        let key = try HolderHashKey(bytes: Array(repeating: 9, count: 32))
        let grants = [ReaderGrant(key: CardTestKeys.reader.publicKey)]
        let card = try CardTestKeys.issue(record, readers: grants)
        let e = IssuanceLogEntry(card: card, record: record, signingKey: F.issuer.publicKey, readers: grants, holderKey: key)
        #expect(e.cardID == card.cardID && e.issuedAt == F.now && e.expiresAt == card.expiresAt)
        #expect(e.tiers == [.essential] && e.readerKids == [CardTestKeys.reader.publicKey.kid])
        #expect(e.sizeClass == card.sizeClass.number)
        #expect(e.holderHash == key.hash(record.holder))
    }

    @Test func holderHashIsHMACOverTheCanonicalIdentity() throws {
        let key = try HolderHashKey(bytes: Array(repeating: 1, count: 32))
        let holder = Holder(given: "Ana", family: "Doe", birthDate: try PartialDate("1990-02"))
        // Hand-encoded: ["phrcard-holder-v1", "Doe", "Ana", "1990-02", []]
        let expected: [UInt8] = [0x85, 0x71] + Array("phrcard-holder-v1".utf8) + [0x63] + Array("Doe".utf8)
            + [0x63] + Array("Ana".utf8) + [0x67] + Array("1990-02".utf8) + [0x80]
        #expect(HolderHashKey.identityBytes(holder) == expected)
        #expect(key.hash(holder) == HMACSHA256.authenticationCode(for: expected, key: key.bytes))
    }

    @Test func holderHashNormalises() throws {
        let key = try HolderHashKey(bytes: Array(repeating: 1, count: 32))
        let nfc = Holder(given: "Jos\u{E9}", family: "Mu\u{F1}oz ", identifiers: [.init(system: "unhcr", value: "1"), .init(system: "id", value: "2")])
        let nfd = Holder(given: "Jose\u{301}", family: " Mun\u{303}oz", identifiers: [.init(system: "id", value: "2"), .init(system: "unhcr", value: "1")])
        #expect(key.hash(nfc) == key.hash(nfd))
        #expect(key.hash(nfc) != (try HolderHashKey(bytes: Array(repeating: 2, count: 32))).hash(nfc))
        // Fields are framed: moving text between given and family changes the hash.
        #expect(key.hash(Holder(given: "AnaDoe")) != key.hash(Holder(given: "Ana", family: "Doe")))
        F.expectCode(.trustState) { _ = try HolderHashKey(bytes: [1]) }
    }

    @Test func holderHashKeyIsCreatedOnceInHome() throws {
        let home = PHRCardHome(path: F.temporaryDirectory())
        let kid = F.issuer.publicKey.kid
        F.expectCode(.trustState) { _ = try home.holderHashKey(issuer: kid) }
        let created = try home.holderHashKey(issuer: kid, create: true)
        #expect(try home.holderHashKey(issuer: kid) == created)
        #expect(try home.holderHashKey(issuer: kid, create: true) == created)
        let attrs = try FileManager.default.attributesOfItem(atPath: home.path + "/keys/holder-hash-\(kid).key")
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(home.issuanceLogPath == home.path + "/issuance-log.sqlite")
    }
}
