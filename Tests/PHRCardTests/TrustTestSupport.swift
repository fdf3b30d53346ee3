import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// Keys, lists and helpers shared by the trust tests.
enum TrustFixtures {
    static let root = IssuerSigningKey.p256(try! P256.Signing.PrivateKey(rawRepresentation: Array(repeating: 0x41, count: 32)))
    static let otherRoot = IssuerSigningKey.ed25519(try! Ed25519.PrivateKey(rawRepresentation: Array(repeating: 0x42, count: 32)))
    static let issuer = CardTestKeys.issuer
    static let edIssuer = IssuerSigningKey.ed25519(try! Ed25519.PrivateKey(rawRepresentation: Array(repeating: 0x43, count: 32)))
    static let unlisted = IssuerSigningKey.p256(try! P256.Signing.PrivateKey(rawRepresentation: Array(repeating: 0x44, count: 32)))
    static let now = CardTestKeys.now
    static let day: Int64 = 86_400

    static func issuerEntry(_ key: IssuerSigningKey = issuer, id: String = "TEST-CLINIC", from: Int64 = now - 30 * day,
                            to: Int64 = now + 30 * day, status: IssuerKeyStatus = .active) -> TrustListIssuer {
        TrustListIssuer(key: key.publicKey, issuerID: id, displayName: "Test Clinic", country: "KE",
                        validFrom: from, validTo: to, status: status)
    }

    /// A working copy with the test issuer (and optionally other entries) and the test reader.
    static func list(_ issuers: [TrustListIssuer] = [issuerEntry()]) throws -> TrustList {
        var list = TrustList()
        for i in issuers { try list.addIssuer(i) }
        try list.addReader(TrustListReader(key: CardTestKeys.reader.publicKey, authority: "Border Health", country: "UG",
                                           defaultTiers: [.essential]))
        return list
    }

    /// A list signed by the root at `now - 1 day` with a 30-day update interval.
    static func signed(_ issuers: [TrustListIssuer] = [issuerEntry()]) throws -> (TrustList, [UInt8]) {
        var l = try list(issuers)
        let bytes = try l.signed(by: root, at: now - day)
        return (l, bytes)
    }

    static func verified(_ issuers: [TrustListIssuer] = [issuerEntry()], at time: Int64 = now) throws -> VerifiedTrustList {
        try TrustList.verify(signed(issuers).1, root: root.publicKey, at: time, lastSeenSequence: nil)
    }

    static func card(signedBy key: IssuerSigningKey = issuer, issuerID: String = "TEST-CLINIC", at time: Int64 = now) throws -> IssuedCard {
        try CardIssuer.issue(try CardTestKeys.record("minimal"), signingKey: key,
                             options: IssueOptions(issuerID: issuerID, issuedAt: time, readers: []))
    }

    static func expectCode(_ code: PHRCardError.Code, _ body: () throws -> Void,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("expected \(code.rawValue), nothing was thrown", sourceLocation: sourceLocation)
        } catch let e as PHRCardError {
            #expect(e.code == code, "\(e)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
        }
    }

    static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "phrcard-trust-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
