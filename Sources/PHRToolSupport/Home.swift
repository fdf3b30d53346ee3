import Foundation
import PHRTrust
import PHRIssuanceLog
import PHRFHIR
import PHRLocalization

/// The tool's home directory, `$PHRCARD_HOME` (default `~/.phrcard`), created by `phrcard init`:
/// `issuer.key`/`issuer.pub` (the default issuer), `reader.key`/`reader.pub` (the default reader),
/// `trusted-issuers/*.pub` (the keys `verify` and `decode` trust by default) and `config.json`.
public struct Home: Sendable {
    /// The directory.
    public let path: String

    /// Uses `path` as the home.
    public init(path: String) { self.path = path }

    /// `$PHRCARD_HOME`, or `~/.phrcard`.
    public static var current: Home {
        if let env = ProcessInfo.processInfo.environment["PHRCARD_HOME"], !env.isEmpty { return Home(path: env) }
        return Home(path: NSHomeDirectory() + "/.phrcard")
    }

    public var issuerKey: String { path + "/issuer.key" }
    public var issuerPub: String { path + "/issuer.pub" }
    public var readerKey: String { path + "/reader.key" }
    public var readerPub: String { path + "/reader.pub" }
    public var trustedIssuers: String { path + "/trusted-issuers" }
    public var config: String { path + "/config.json" }
    /// The trust list `verify`, `decode` and `issue` use by default (with ``rootPub``), when both exist.
    public var trustList: String { path + "/trust.list" }
    /// The programme's root public key that signs ``trustList``.
    public var rootPub: String { path + "/root.pub" }
    /// Signed revocation lists used by default.
    public var revocations: String { path + "/revocations" }

    /// The files in ``revocations`` (not hidden ones, not `.draft` working copies), sorted by name.
    public var revocationFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: revocations)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".draft") }.sorted().map { revocations + "/" + $0 }
    }

    /// Whether `phrcard init` has run here.
    public var exists: Bool { FileManager.default.fileExists(atPath: config) }

    /// The default issuer id from `config.json`.
    public var issuerID: String? {
        guard let data = FileManager.default.contents(atPath: config),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["issuerId"] as? String
    }

    /// A file if it exists, whether or not `phrcard init` ran.
    public func existingFile(_ file: String) -> String? {
        FileManager.default.fileExists(atPath: file) ? file : nil
    }

    /// A file of the home if it exists.
    public func existing(_ file: String) -> String? {
        exists && FileManager.default.fileExists(atPath: file) ? file : nil
    }
}

extension Home {
    /// The `.pub` files in a directory, sorted by name.
    public static func publicKeyFiles(in dir: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".pub") }.sorted().map { dir + "/" + $0 }
    }

    /// The rollback state, holder-hash keys and issuance log kept in this home.
    public var state: PHRCardHome { PHRCardHome(path: path) }
}
