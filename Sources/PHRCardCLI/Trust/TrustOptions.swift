import ArgumentParser
import Foundation
import PHRCard
import PHRToolSupport

/// `--trust LIST --root PUB [--max-list-age 60d]`: a signed trust list and the root key that vouches for it, shared
/// by `verify`, `decode` and `issue`. Without `--trust`, `$PHRCARD_HOME/trust.list` and `$PHRCARD_HOME/root.pub`
/// are used when both exist (and no `--issuer-pub` was given).
struct TrustListOptions: ParsableArguments {
    @Option(name: .customLong("trust"), help: "A signed trust list (from `phrcard trust sign`). Default: $PHRCARD_HOME/trust.list if present.")
    var trustList: String?
    @Option(help: "The programme's root public key (PEM) that signs the trust list. Default: $PHRCARD_HOME/root.pub.")
    var root: String?
    @Option(help: "How long after its next-update time a trust list may still be used (e.g. 60d). Default: 60d.")
    var maxListAge: String?

    /// The list and root paths in effect: the explicit ones, or the home's defaults when both exist.
    /// - Parameter explicitIssuers: whether `--issuer-pub` keys were given (they switch the home default off).
    func paths(explicitIssuers: Bool) throws(CLIError) -> (list: String, root: String)? {
        let home = Home.current
        if let list = trustList {
            guard let root = root ?? home.existingFile(home.rootPub) else {
                throw CLIError.usage("missing-root", "--trust \(list) needs --root PUB (the programme's root public key); there is no \(home.rootPub)")
            }
            if explicitIssuers {
                throw CLIError.usage("trust-and-issuer-pub", "--trust and --issuer-pub exclude each other: the trust list says which issuers to trust")
            }
            return (list, root)
        }
        if root != nil { throw CLIError.usage("root-without-trust", "--root needs --trust LIST (or $PHRCARD_HOME/trust.list)") }
        guard !explicitIssuers, let list = home.existingFile(home.trustList), let root = home.existingFile(home.rootPub) else {
            return nil
        }
        return (list, root)
    }

    /// Loads and verifies the trust list in effect, or returns nil when there is none.
    ///
    /// The list is checked at the current time (rollback against the highest sequence seen in PHRCARD_HOME, age
    /// against next-update and `--max-list-age`); its sequence is then recorded. Warnings (`trust.stale`) are
    /// written to standard error.
    /// - Throws: `trust.*` errors (exit 1), file and key errors (exit 2).
    func load(explicitIssuers: Bool) throws -> VerifiedTrustList? {
        guard let (listPath, rootPath) = try paths(explicitIssuers: explicitIssuers) else { return nil }
        let maxAge = try maxListAge.map(Dates.parseDuration) ?? TrustList.defaultMaxAge
        return try TrustStore.verify(listPath: listPath, rootPath: rootPath, maxAge: maxAge)
    }
}

/// `--revocations FILE` (repeatable): signed revocation lists, checked against the trust list. Without it, every
/// file in `$PHRCARD_HOME/revocations/` is used.
struct RevocationOptions: ParsableArguments {
    @Option(help: "A signed revocation list (from `phrcard revoke`). Repeatable. Default: every file in $PHRCARD_HOME/revocations/.")
    var revocations: [String] = []

    /// Verifies the revocation lists against `trust` and records their sequences.
    /// - Throws: `usage.revocations-need-trust` when lists are given without a trust list; `revocation.*` (exit 1).
    func load(trust: VerifiedTrustList?) throws -> RevocationSet {
        guard let trust else {
            if !revocations.isEmpty {
                throw CLIError.usage("revocations-need-trust", "--revocations needs a trust list (--trust LIST --root PUB) to tell who may sign them")
            }
            return RevocationSet()
        }
        let files = revocations.isEmpty ? Home.current.revocationFiles : revocations
        var set = RevocationSet()
        for file in files { set.add(try TrustStore.verifyRevocations(path: file, trust: trust)) }
        return set
    }
}

/// Loading signed lists and keeping the rollback state in PHRCARD_HOME.
enum TrustStore {
    static var home: PHRCardHome { PHRCardHome(path: Home.current.path) }

    /// Verifies a signed trust list at the current time, prints its warnings, records its sequence.
    static func verify(listPath: String, rootPath: String, maxAge: Int64) throws -> VerifiedTrustList {
        let root = try Keys.issuerPublicKey(rootPath)
        let bytes = try Files.read(listPath)
        let list = try HomeLists.verifyTrustList(bytes, root: root, home: Home.current, at: ISODate.now, maxAge: maxAge)
        for w in list.warnings { Console.err("warning: \(w.code.rawValue): \(listPath): \(w.message)") }
        return list
    }

    /// Verifies a signed revocation list against a verified trust list and records its sequence.
    static func verifyRevocations(path: String, trust: VerifiedTrustList) throws -> VerifiedRevocationList {
        try HomeLists.verifyRevocations(try Files.read(path), name: path, trust: trust, home: Home.current)
    }
}

extension TrustContext {
    /// The trust list and revocation lists in effect for `verify` and `decode`, or nil to trust the
    /// `--issuer-pub` keys (or `$PHRCARD_HOME/trusted-issuers/`) as before.
    static func load(_ list: TrustListOptions, _ revocations: RevocationOptions, explicitIssuers: Bool) throws -> TrustContext? {
        guard let verified = try list.load(explicitIssuers: explicitIssuers) else {
            _ = try revocations.load(trust: nil)   // rejects --revocations without a trust list
            return nil
        }
        return TrustContext(list: verified, revocations: try revocations.load(trust: verified))
    }
}
