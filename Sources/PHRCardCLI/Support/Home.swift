import Foundation

/// The tool's home directory, `$PHRCARD_HOME` (default `~/.phrcard`), created by `phrcard init`:
/// `issuer.key`/`issuer.pub` (the default issuer), `reader.key`/`reader.pub` (the default reader),
/// `trusted-issuers/*.pub` (the keys `verify` and `decode` trust by default) and `config.json`.
struct Home {
    let path: String

    /// `$PHRCARD_HOME`, or `~/.phrcard`.
    static var current: Home {
        if let env = ProcessInfo.processInfo.environment["PHRCARD_HOME"], !env.isEmpty { return Home(path: env) }
        return Home(path: NSHomeDirectory() + "/.phrcard")
    }

    var issuerKey: String { path + "/issuer.key" }
    var issuerPub: String { path + "/issuer.pub" }
    var readerKey: String { path + "/reader.key" }
    var readerPub: String { path + "/reader.pub" }
    var trustedIssuers: String { path + "/trusted-issuers" }
    var config: String { path + "/config.json" }
    /// The trust list `verify`, `decode` and `issue` use by default (with ``rootPub``), when both exist.
    var trustList: String { path + "/trust.list" }
    /// The programme's root public key that signs ``trustList``.
    var rootPub: String { path + "/root.pub" }
    /// Signed revocation lists used by default.
    var revocations: String { path + "/revocations" }

    /// The files in ``revocations`` (not hidden ones, not `.draft` working copies), sorted by name.
    var revocationFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: revocations)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".draft") }.sorted().map { revocations + "/" + $0 }
    }

    /// Whether `phrcard init` has run here.
    var exists: Bool { FileManager.default.fileExists(atPath: config) }

    /// The default issuer id from `config.json`.
    var issuerID: String? {
        guard let data = FileManager.default.contents(atPath: config),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["issuerId"] as? String
    }

    /// A file if it exists, whether or not `phrcard init` ran.
    func existingFile(_ file: String) -> String? {
        FileManager.default.fileExists(atPath: file) ? file : nil
    }

    /// A file of the home if it exists.
    func existing(_ file: String) -> String? {
        exists && FileManager.default.fileExists(atPath: file) ? file : nil
    }
}
