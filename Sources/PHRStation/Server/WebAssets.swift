import Foundation

/// The station's web app (HTML, CSS, JavaScript, translations), part of the package (`Web/`): nothing comes from a
/// CDN or the internet.
struct WebAssets: Sendable {
    struct Asset: Sendable {
        let bytes: [UInt8]
        let mime: String
    }

    let files: [String: Asset]

    /// Loads every file of the `Web` resource folder.
    static func load() throws -> WebAssets {
        guard let dir = Bundle.module.resourceURL?.appendingPathComponent("Web"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            throw StationSetupError("station.assets", "the station's web files are missing from the installation")
        }
        let types = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
                     "js": "text/javascript; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
                     "svg": "image/svg+xml", "png": "image/png"]
        var files: [String: Asset] = [:]
        for name in names where !name.hasPrefix(".") {
            guard let mime = types[(name as NSString).pathExtension],
                  let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) else { continue }
            files[name] = Asset(bytes: Array(data), mime: mime)
        }
        return WebAssets(files: files)
    }

    /// The page translations: `lang → key → text` from `translations.tsv` (columns lang, key, text, source).
    func translations() -> [String: [String: String]] {
        guard let tsv = files["translations.tsv"] else { return [:] }
        var out: [String: [String: String]] = [:]
        for line in String(decoding: tsv.bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 3, cols[0] != "lang" else { continue }
            out[cols[0], default: [:]][cols[1]] = cols[2]
        }
        return out
    }
}
