import Foundation
import PHRCard

/// The station's web app (HTML, CSS, JavaScript), part of the package (`Web/`): nothing comes from a
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
}

extension Station {
    /// The page texts, `lang → key → text`: every officer language of the project's one translation table
    /// (`spec/print/translations.tsv`, read through `Translations.table(for:).texts`).
    static func pageTexts() -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for lang in Translations.officerLanguages {
            if let table = Translations.table(for: lang) { out[lang] = table.texts }
        }
        return out
    }
}
