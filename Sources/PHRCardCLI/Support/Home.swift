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

    /// Whether `phrcard init` has run here.
    var exists: Bool { FileManager.default.fileExists(atPath: config) }

    /// The default issuer id from `config.json`.
    var issuerID: String? {
        guard let data = FileManager.default.contents(atPath: config),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["issuerId"] as? String
    }

    /// A file of the home if it exists.
    func existing(_ file: String) -> String? {
        exists && FileManager.default.fileExists(atPath: file) ? file : nil
    }
}
