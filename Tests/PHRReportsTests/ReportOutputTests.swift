import Foundation
import PHRCard
import Testing
@testable import PHRReports

/// Runs a tool with stdin and returns (status, stdout, stderr).
func runTool(_ tool: String, _ arguments: [String], stdin: [UInt8] = []) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let input = Pipe(), output = Pipe(), error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(Data(stdin))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

@Suite("Report: HTML, PDF, CSV and JSON output")
struct ReportOutputTests {
    static func report(epsilon: String? = nil) throws -> PublishedReport {
        ReportBuilder.build(try HandMade.counts(), privacy: try PrivacyParameters(minCell: 3, epsilon: try epsilon.map { try .init($0) }),
                            noise: .seeded(1), title: "Test report <&>")
    }

    /// python3's html.parser walks the page; the script lists every tag, every attribute that could load
    /// something, and unbalanced tags.
    static let checker = #"""
    import sys, json
    from html.parser import HTMLParser
    VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "source", "wbr", "rect", "line"}
    class P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.tags, self.refs, self.errors, self.text = [], {}, [], [], []
        def handle_starttag(self, tag, attrs):
            self.tags[tag] = self.tags.get(tag, 0) + 1
            for k, v in attrs:
                if k in ("src", "href", "xlink:href", "srcset", "action", "data", "poster") or (v and ("url(" in v or "://" in v)):
                    self.refs.append(f"{tag}.{k}={v}")
            if tag not in VOID: self.stack.append(tag)
        def handle_startendtag(self, tag, attrs):
            self.tags[tag] = self.tags.get(tag, 0) + 1
        def handle_endtag(self, tag):
            if tag in VOID: return
            if not self.stack or self.stack[-1] != tag: self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            else: self.stack.pop()
        def handle_data(self, data):
            self.text.append(data)
    p = P(); p.feed(sys.stdin.read()); p.close()
    text = "".join(p.text)
    for bad in ("@import", "url(", "://"):
        if bad in text: p.refs.append("text contains " + bad)
    print(json.dumps({"tags": p.tags, "refs": p.refs, "errors": p.errors + [f"unclosed {t}" for t in p.stack]}))
    """#

    @Test("the HTML parses, is balanced, loads nothing external and has both charts and every table")
    func html() throws {
        let report = try Self.report()
        let page = HTMLReport.render(report)
        let (status, out, err) = try runTool("python3", ["-c", Self.checker], stdin: Array(page.utf8))
        try #require(status == 0, "python3: \(err)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect((result["refs"] as? [String]) == [])
        #expect((result["errors"] as? [String]) == [])
        let tags = try #require(result["tags"] as? [String: Int])
        #expect(tags["svg"] == ReportCharts.all(report).count)
        #expect(ReportCharts.all(report).count >= 2)
        #expect(tags["table"] == report.tables.count)
        #expect(tags["script"] == nil)
        #expect(tags["link"] == nil)
        #expect(page.contains("Test report &lt;&amp;&gt;"))
        for table in report.tables { #expect(page.contains("id=\"\(table.id)\"")) }
    }

    @Test("no suppressed value appears in any output")
    func noSuppressedValues() throws {
        let report = try Self.report()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.jsonData())) as? [String: Any])
        let tables = try #require(json["tables"] as? [[String: Any]])
        var suppressedSeen = 0
        for table in tables {
            for line in try #require(table["cells"] as? [[[String: Any]]]) {
                for cell in line where cell["status"] as? String == "primary" || cell["status"] as? String == "complementary" {
                    suppressedSeen += 1
                    #expect(cell["value"] is NSNull)
                    #expect(cell["rate"] == nil)
                }
            }
        }
        #expect(suppressedSeen == report.suppressionCounts.primary + report.suppressionCounts.complementary)
        #expect(suppressedSeen > 0)
        let csv = String(decoding: report.csvData(), as: UTF8.self)
        for line in csv.split(separator: "\r\n") where line.hasSuffix(",primary,") || line.hasSuffix(",complementary,") {
            #expect(line.contains(",,primary,") || line.contains(",,complementary,"), "\(line)")
        }
        #expect(csv.split(separator: "\r\n").count == 1 + report.tables.reduce(0) { $0 + $1.rowCount * $1.columnCount })
    }

    @Test("the PDF renders with pdftoppm, several pages, with ink on them")
    func pdf() throws {
        let bytes = try PDFReport.render(try Self.report(epsilon: "1"))
        #expect(bytes.starts(with: Array("%PDF-".utf8)))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phrcard-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("r.pdf")
        try Data(bytes).write(to: pdf)
        let (status, _, err) = try runTool("pdftoppm", ["-r", "30", "-gray", pdf.path, dir.appendingPathComponent("p").path])
        #expect(status == 0, "pdftoppm: \(err)")
        // The text layer holds the title, every table's title and the privacy budget.
        let (textStatus, text, textErr) = try runTool("pdftotext", ["-layout", pdf.path, "-"])
        #expect(textStatus == 0, "pdftotext: \(textErr)")
        #expect(text.contains("Test report <&>"))
        for title in try Self.report(epsilon: "1").tables.map(\.title) { #expect(text.contains(title), "\(title)") }
        #expect(text.contains("Privacy budget"))
        #expect(text.contains("TEST"))   // seeded noise is flagged
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".pgm") }.sorted()
        #expect(pages.count >= 3)
        for page in pages {
            // PGM: header "P5\nW H\n255\n" then pixels; a rendered page has dark pixels (text), not just white.
            let data = [UInt8](try Data(contentsOf: dir.appendingPathComponent(page)))
            let dark = data.dropFirst(20).filter { $0 < 128 }.count
            #expect(dark > 30, "page \(page) looks blank")
        }
    }

    @Test("SVG charts are built from published values only")
    func charts() throws {
        let report = try Self.report()
        let pyramid = try #require(ReportCharts.pyramid(report))
        let texts = pyramid.shapes.compactMap { shape -> String? in
            if case let .text(_, _, text, _, _, _, _) = shape { return text }
            return nil
        }
        // With k = 3 every band of the hand-made population (at most 1 person per sex) is 0 or suppressed.
        #expect(texts.contains("– suppressed"))
        #expect(!texts.contains("1"))
    }

    @Test("the conditions chart lists published chapter totals, largest first, none suppressed")
    func conditionsChart() throws {
        // Without suppression: V Mental (2), then IV, XV, XXI, Not coded in ICD (1 each), alphabetically.
        let open = ReportBuilder.build(try HandMade.counts(), privacy: try PrivacyParameters(minCell: 1))
        let chart = try #require(ReportCharts.conditions(open))
        let labels = chart.shapes.compactMap { shape -> String? in
            if case let .text(x, _, text, _, _, _, _) = shape, x == 8, text.contains(" ") || text.hasPrefix("Not") { return text }
            return nil
        }
        #expect(Array(labels.dropFirst().prefix(5)) == ["V Mental and behavioural", "IV Endocrine, nutritional, metabolic",
                                                         "Not coded in ICD", "XV Pregnancy and childbirth",
                                                         "XXI Factors influencing health status"])
        // With k = 3 every chapter total of the hand-made population (at most 2) is suppressed: no chart.
        #expect(ReportCharts.conditions(try Self.report()) == nil)
    }
}
