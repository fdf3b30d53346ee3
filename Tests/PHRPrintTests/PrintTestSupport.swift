import Foundation
import PHRCard
import Testing
@testable import PHRPrint

/// Sample records, a fixed issuer key and the poppler command-line tools.
enum PrintFixtures {
    static let samples = ["minimal", "typical", "heavy"]
    /// Ed25519 and fixed randomness (below) make every test card the same bytes on every run, so that a scan
    /// result can never depend on the luck of one card's module pattern.
    static let issuer = IssuerSigningKey.ed25519(try! Ed25519.PrivateKey(rawRepresentation: Array(repeating: 0x11, count: 32)))
    /// 2026-05-28T20:26:40Z.
    static let now: Int64 = 1_780_000_000

    static func record(_ name: String) throws -> HealthRecord {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try HealthRecord(jsonData: Array(try Data(contentsOf: folder.appendingPathComponent(name + ".json"))))
    }

    /// Issues a card for a sample and returns the card, the record and its printable view.
    static func card(_ name: String) throws -> (IssuedCard, HealthRecord, PrintableCard) {
        let record = try record(name)
        let randomness = (0..<16).flatMap { SHA256.hash(Array("print fixture \(name) \($0)".utf8)) }
        let card = try CardIssuer.issue(record, signingKey: issuer,
                                        options: IssueOptions(issuerID: "TEST-CLINIC", issuedAt: now),
                                        random: FixedRandom(randomness))
        return (card, record, PrintableCard(card: card, record: record, issuerID: "TEST-CLINIC"))
    }

    /// The options each sample is printed with: heavy (QR version 30) needs A6 at 0.40 mm, or 0.35 mm on ID-1.
    static func options(_ name: String, layout: CardLayout = .id1) -> PrintOptions {
        name == "heavy" && layout == .id1 ? PrintOptions(layout: .id1, moduleSizeMM: 0.35)
                                          : PrintOptions(layout: layout, moduleSizeMM: 0.40)
    }
}

/// poppler-utils (`pdftoppm`, `pdfinfo`, `pdftotext`): installed by scripts/bootstrap.
enum Poppler {
    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// True when pdftoppm, pdfinfo and pdftotext are all installed.
    static let available = tool("pdftoppm") != nil && tool("pdfinfo") != nil && tool("pdftotext") != nil
    static let skipMessage = "poppler-utils (pdftoppm, pdfinfo, pdftotext) not installed: run scripts/bootstrap"

    /// Runs a tool and returns its standard output.
    static func run(_ name: String, _ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(tool(name), "\(name) missing: \(skipMessage)"))
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(name) \(arguments.joined(separator: " ")) failed")
        return Array(data)
    }

    /// A temporary directory removed at deinit.
    final class TempDir {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("phrprint-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let path = url.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    /// Rasterises one page of a PDF with pdftoppm and decodes it with the project's PNG decoder.
    static func rasterise(_ pdf: [UInt8], page: Int, dpi: Int) throws -> GrayImage {
        let dir = try TempDir()
        let input = try dir.write("in.pdf", pdf)
        let prefix = dir.url.appendingPathComponent("page").path
        _ = try run("pdftoppm", ["-r", String(dpi), "-png", "-gray", "-f", String(page), "-l", String(page),
                                 "-singlefile", input, prefix])
        let png = Array(try Data(contentsOf: URL(fileURLWithPath: prefix + ".png")))
        return try PNG.decode(png, maxDimension: 12_000)
    }

    /// Page sizes in PDF points as reported by pdfinfo (`Page    N size: W x H pts`).
    static func pageSizes(_ pdf: [UInt8]) throws -> [(Double, Double)] {
        let dir = try TempDir()
        let input = try dir.write("in.pdf", pdf)
        let text = String(decoding: try run("pdfinfo", ["-f", "1", "-l", "999", input]), as: UTF8.self)
        return text.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains(" size: ") }.compactMap { line in
            let fields = line.split(separator: " ")
            guard let i = fields.firstIndex(of: "size:"), fields.count > i + 3,
                  let w = Double(fields[i + 1]), let h = Double(fields[i + 3]) else { return nil }
            return (w, h)
        }
    }

    /// The text of a PDF as extracted by pdftotext.
    static func text(_ pdf: [UInt8]) throws -> String {
        let dir = try TempDir()
        let input = try dir.write("in.pdf", pdf)
        return String(decoding: try run("pdftotext", ["-enc", "UTF-8", input, "-"]), as: UTF8.self)
    }
}

/// Millimetres to PDF points and pixels.
func points(_ mm: Double) -> Double { mm / 25.4 * 72 }
func pixels(_ mm: Double, dpi: Int) -> Double { mm / 25.4 * Double(dpi) }

/// The QR texts zbar finds in an image.
func scannedTexts(_ image: GrayImage) throws -> Set<String> {
    Set(try QRScanner.scan(image).map(\.text))
}

extension HolderCode {
    var digitString: String { String(decoding: digits, as: UTF8.self) }
}
