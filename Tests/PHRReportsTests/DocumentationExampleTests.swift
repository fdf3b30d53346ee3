import Foundation
import PHRReports
import Testing

/// The code on PHRReports' DocC landing page (`Sources/PHRReports/PHRReports.docc/PHRReports.md`) runs as written,
/// through the public API only (no `@testable`). PHRReports is not a library product, so it cannot be a SwiftPM
/// snippet like the card articles' code; this test holds the same lines and checks that the page still shows them.
@Suite("Report: the DocC landing page's example")
struct DocumentationExampleTests {
    static let landingPage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/PHRReports/PHRReports.docc/PHRReports.md")

    final class Problems: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func append(_ problem: String) { lock.lock(); items.append(problem); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
    }

    @Test("the example counts the valid records, reports the bad line and renders HTML")
    func exampleRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phrcard-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let recordsPath = dir.appendingPathComponent("records.jsonl").path
        let lines = (0..<6).map { #"{"holder":{"given":"P\#($0)","birthDate":"1990","sex":"female"}}"# } + ["not json"]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: recordsPath))
        let rejected = Problems()
        @Sendable func print(_ problem: InputProblem) { rejected.append(problem.description) }

        // The landing page's lines, from `let aggregator` to `let html`:
        let aggregator = ParallelAggregator(asOf: try ReportDate("2026-12-01"), jobs: 2) { problem in
            print(problem)                                  // a rejected input, with its code and place
        }
        let stream = RecordStream(onItem: aggregator.accept)
        try stream.read(recordsPath)                        // a file or folder; JSON, JSON Lines, FHIR; "-": stdin
        let counts = aggregator.finish()
        let report = ReportBuilder.build(counts, privacy: try PrivacyParameters(minCell: 5))
        let html = HTMLReport.render(report)

        #expect(counts.records == 6)
        #expect(rejected.all.count == 1 && rejected.all[0].contains(":7:"), "\(rejected.all)")
        #expect(report.records == 6 && html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test("the landing page shows exactly the lines this test runs")
    func landingPageMatches() throws {
        let page = try String(contentsOf: Self.landingPage, encoding: .utf8)
        let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let block = try #require(page.components(separatedBy: "```swift\n").dropFirst().first?
            .components(separatedBy: "```").first)
        let code = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("import ") }
        #expect(code.count == 8)
        let testLines = test.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for line in code { #expect(testLines.contains(line), "not in the test: \(line)") }
    }
}
