import PHRTrust
import PHRIssuanceLog
import PHRFHIR
import PHRLocalization

/// Everything `verify`, `decode` and the station check beyond the signature: the verified trust list and the
/// revocation lists.
public struct TrustContext: Sendable {
    public let list: VerifiedTrustList
    public let revocations: RevocationSet

    public init(list: VerifiedTrustList, revocations: RevocationSet) {
        self.list = list
        self.revocations = revocations
    }
}

/// Verifying the signed lists of a home and keeping its rollback state (spec/trust.md §6): the same steps for the
/// command line and the station.
public enum HomeLists {
    /// Verifies a signed trust list at `time` against the highest sequence seen in `home`, then records its sequence.
    /// Warnings (`trust.stale`) are in the result's `warnings`.
    /// - Throws: `trust.*` errors.
    public static func verifyTrustList(_ bytes: [UInt8], root: IssuerPublicKey, home: Home, at time: Int64,
                                       maxAge: Int64) throws(PHRCardError) -> VerifiedTrustList {
        let subject = PHRCardHome.SequenceSubject.trustList(root: root.kid)
        let seen = try home.state.lastSeenSequence(for: subject)
        let list = try TrustList.verify(bytes, root: root, at: time, lastSeenSequence: seen, maxAge: maxAge)
        try home.state.recordSequence(list.sequence, for: subject)
        return list
    }

    /// Verifies a signed revocation list (named `name` in errors) against a verified trust list, refuses an older
    /// sequence than the one recorded in `home`, and records its sequence.
    /// - Throws: `revocation.*` errors.
    public static func verifyRevocations(_ bytes: [UInt8], name: String, trust: VerifiedTrustList,
                                         home: Home) throws(PHRCardError) -> VerifiedRevocationList {
        // The issuer kid is only known after verifying; check rollback against the stored number afterwards.
        let list = try RevocationList.verify(bytes, trustList: trust, lastSeenSequence: nil)
        let subject = PHRCardHome.SequenceSubject.revocationList(issuer: list.issuerKid)
        if let seen = try home.state.lastSeenSequence(for: subject), list.list.sequence < seen {
            throw PHRCardError(.revocationRollback, "\(name): the revocation list for \(list.issuerKid) has sequence \(list.list.sequence) but \(seen) was already seen")
        }
        try home.state.recordSequence(list.list.sequence, for: subject)
        return list
    }
}
