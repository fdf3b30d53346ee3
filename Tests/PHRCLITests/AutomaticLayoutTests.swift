import PHRCLITestSupport
import Foundation
import Testing

/// `phrcard issue --out card.pdf` without `--layout`: ID-1 when the QR code fits at the module size, A6 otherwise
/// (issue 14; the station chooses the same way). Page sizes are read back with poppler's `pdfinfo`.
struct AutomaticLayoutTests {
    /// The first page's size in millimetres, rounded.
    func pageSizeMM(_ pdf: String) throws -> (Int, Int) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdfinfo")
        p.arguments = [pdf]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let line = try #require(out.split(separator: "\n").first { $0.hasPrefix("Page size:") })
        let numbers = line.split(separator: " ").compactMap { Double($0) }
        return (Int((numbers[0] / 72 * 25.4).rounded()), Int((numbers[1] / 72 * 25.4).rounded()))
    }

    @Test func typicalIsID1HeavyIsA6() throws {
        let ws = try Workspace()
        for (sample, expected) in [("typical", (86, 54)), ("heavy", (105, 148))] {
            let record = try String(contentsOf: CLI.examples.appendingPathComponent("\(sample).json"), encoding: .utf8)
            _ = try ws.issue(record, out: "\(sample).pdf")
            let size = try pageSizeMM(ws.path("\(sample).pdf"))
            #expect(size == expected, "\(sample): \(size)")
        }
    }

    @Test func anExplicitLayoutStillFailsWhenTheCodeDoesNotFit() throws {
        let ws = try Workspace()
        let record = try ws.write("heavy.json", try String(contentsOf: CLI.examples.appendingPathComponent("heavy.json"), encoding: .utf8))
        let r = ws.run("issue", record, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC", "--out", ws.path("h.pdf"),
                       "--layout", "id1")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: print.qr-too-large"))
    }
}
