import Foundation
import PHRCLITestSupport
import Testing

/// The code of the DocC getting-started articles (issue, verify, open, embed) and of the modules' landing pages
/// lives in `Snippets/*.swift`, which SwiftPM builds as executables with `swift build --build-tests`: the articles
/// cannot show code that no longer compiles. These tests run each snippet; its hidden checks (`precondition`, after `// snippet.hide`) assert what
/// the article says happens, such as a reader key opening only the essential tier.
struct DocumentationSnippetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every file in `Snippets/`, by name.
    static var snippetNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Snippets").path)) ?? []
        return files.filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) }.sorted()
    }

    /// The snippet executable: next to `phrcard` in the same build directory, or in `.build/debug`.
    static func executable(_ name: String) -> URL? {
        let candidates = [CLI.binary.deletingLastPathComponent().appendingPathComponent(name),
                          root.appendingPathComponent(".build/debug").appendingPathComponent(name)]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test func theFourArticlesAndTheLandingPagesHaveTheirSnippets() {
        let expected: Set = ["IssueACard", "VerifyACard", "OpenACard", "EmbedTheDecoder",
                             "CodecsTour", "CryptoTour", "ImagingTour", "PrintTour"]
        #expect(expected.subtracting(Self.snippetNames).isEmpty, "missing: \(expected.subtracting(Self.snippetNames))")
    }

    @Test(arguments: snippetNames)
    func snippetRunsAndItsChecksHold(_ name: String) throws {
        let url = try #require(Self.executable(name), "snippet \(name) is not built (swift build --build-tests)")
        let process = Process()
        process.executableURL = url
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(name) failed:\n\(stdout)\n\(stderr)")
        #expect(stdout.hasSuffix("snippet \(name): ok\n"), "\(name) printed:\n\(stdout)")
    }
}
