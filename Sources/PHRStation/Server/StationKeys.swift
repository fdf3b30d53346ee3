import Foundation
import PHRCard
import PHRToolSupport

/// The keys and lists of the station, loaded once at start from `$PHRCARD_HOME` exactly as `phrcard` loads them:
/// the issuer key and id (`issuer.key`, `config.json`), the reader key (`reader.key`), the trusted issuers
/// (`trust.list` + `root.pub` when both exist, with the revocation lists in `revocations/`; otherwise
/// `trusted-issuers/*.pub`), and the reader keys cards are encrypted to (the trust list's readers, or `reader.pub`).
public struct StationKeys: Sendable {
    /// One reader a card can be encrypted to.
    public struct Reader: Sendable {
        public let grant: ReaderGrant
        /// The authority's name (trust list) or "this station".
        public let name: String
        public let country: String?
    }

    public let home: Home
    /// For issuing; nil when the home has no issuer key.
    public let signingKey: IssuerSigningKey?
    public let issuerID: String?
    /// For reading cards; nil when the home has no reader key.
    public let readerKey: ReaderPrivateKey?
    public let readers: [Reader]
    /// The keys trusted without a trust list.
    public let trustedIssuers: [TrustedIssuer]
    public let trust: TrustContext?
    /// Warnings to print at start (e.g. `trust.stale`).
    public let warnings: [String]

    /// Loads what `role` needs from `home`.
    /// - Throws: ``StationSetupError`` (a file cannot be read) or the library's key and list errors.
    public static func load(home: Home, role: StationOptions.Role) throws -> StationKeys {
        var warnings: [String] = []
        var trust: TrustContext?
        if let listPath = home.existingFile(home.trustList), let rootPath = home.existingFile(home.rootPub) {
            let root = try IssuerPublicKey(pem: read(rootPath))
            let list = try HomeLists.verifyTrustList(Array(try readBytes(listPath)), root: root, home: home,
                                                     at: ISODate.now, maxAge: TrustList.defaultMaxAge)
            warnings += list.warnings.map { "warning: \($0.code.rawValue): \(listPath): \($0.message)" }
            var revocations = RevocationSet()
            for file in home.revocationFiles {
                revocations.add(try HomeLists.verifyRevocations(Array(try readBytes(file)), name: file, trust: list, home: home))
            }
            trust = TrustContext(list: list, revocations: revocations)
        }
        let trusted = try Home.publicKeyFiles(in: home.trustedIssuers).map { TrustedIssuer(key: try IssuerPublicKey(pem: read($0))) }
        if role.checks && trust == nil && trusted.isEmpty {
            warnings.append("note: no trusted issuer keys in \(home.trustedIssuers) and no trust list: every card will be UNKNOWN ISSUER (run `phrcard init`)")
        }
        var signingKey: IssuerSigningKey?
        var issuerID: String?
        if role.issues {
            guard let keyPath = home.existing(home.issuerKey) else {
                throw StationSetupError("usage.missing-issuer-key", "the issue role needs \(home.issuerKey) (run `phrcard init` for a demo issuer)")
            }
            let key = try IssuerSigningKey(pem: read(keyPath), passphrase: nil)
            signingKey = key
            issuerID = (home.exists ? home.issuerID : nil) ?? trust?.list.list.issuer(kid: key.publicKey.kid)?.issuerID
            guard issuerID != nil else {
                throw StationSetupError("usage.missing-issuer", "no issuer id in \(home.config) (run `phrcard init`)")
            }
        }
        var readerKey: ReaderPrivateKey?
        if let path = home.existing(home.readerKey) {
            readerKey = try ReaderPrivateKey(pem: read(path), passphrase: nil)
        } else if role.checks {
            warnings.append("note: no reader key \(home.readerKey): only holder codes open cards here")
        }
        var readers: [Reader] = []
        if let list = trust?.list {
            readers = list.list.readers.map { Reader(grant: $0.grant, name: $0.authority, country: $0.country) }
        } else if let pub = home.existing(home.readerPub) {
            readers = [Reader(grant: ReaderGrant(key: try ReaderPublicKey(pem: read(pub))), name: "this station (reader.pub)", country: nil)]
        }
        return StationKeys(home: home, signingKey: signingKey, issuerID: issuerID, readerKey: readerKey, readers: readers,
                           trustedIssuers: trusted, trust: trust, warnings: warnings)
    }

    /// The issuers to verify against now.
    func issuers(at time: Int64) -> [TrustedIssuer] {
        trust.map { $0.list.trustedIssuers(at: time) } ?? trustedIssuers
    }

    /// The display name of an issuer key from the trust list, if any.
    func issuerName(kid: KeyID) -> String? {
        trust?.list.list.issuer(kid: kid)?.displayName
    }

    private static func read(_ path: String) throws -> String {
        guard let text = String(validating: try readBytes(path), as: UTF8.self) else {
            throw StationSetupError("file.unreadable", "cannot read \(path): not UTF-8 text")
        }
        return text
    }

    private static func readBytes(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StationSetupError("file.unreadable", "cannot read \(path)")
        }
        return data
    }
}

/// A station that cannot start: a stable code and a message (`phrcard serve` prints `error: <code>: <message>`).
public struct StationSetupError: Error, CustomStringConvertible, Sendable {
    public let code: String
    public let message: String
    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { "\(code): \(message)" }
}
