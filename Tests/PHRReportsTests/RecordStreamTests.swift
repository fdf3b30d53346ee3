import Foundation
import PHRCard
import Testing
@testable import PHRReports

@Suite("Report: streaming inputs")
struct RecordStreamTests {
    final class Collected {
        var records: [HealthRecord] = []
        var problems: [InputProblem] = []
    }

    func read(_ paths: [String]) throws -> (Collected, RecordStream) {
        let collected = Collected()
        let stream = RecordStream(onRecord: { collected.records.append($0) }, onProblem: { collected.problems.append($0) })
        for path in paths { try stream.read(path) }
        return (collected, stream)
    }

    func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phrcard-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("JSON Lines: CRLF endings, blank lines, a last line without newline, an overlong line reported by number")
    func lines() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = #"{"holder":{"given":"A"}}"#
        var bytes = Array((good + "\r\n\r\n" + good + "\n").utf8)
        bytes += Array(#"{"holder":{"given":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: RecordStream.maxDocumentBytes + 10)
            + Array(#""}}"#.utf8) + [0x0A]
        bytes += Array(good.utf8)   // no final newline
        let file = dir.appendingPathComponent("people.jsonl")
        try Data(bytes).write(to: file)
        let (collected, _) = try read([file.path])
        #expect(collected.records.count == 3)
        #expect(collected.problems.map(\.code) == ["input.too-large"])
        #expect(collected.problems.first?.line == 4)
    }

    @Test("directories: recursive, .json/.jsonl/.ndjson only, others listed as ignored; Bundles imported")
    func directories() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data(#"{"holder":{"given":"A"}}"#.utf8).write(to: dir.appendingPathComponent("a.json"))
        try Data((#"{"holder":{"given":"B"}}"# + "\n").utf8).write(to: dir.appendingPathComponent("sub/b.ndjson"))
        try Data("notes".utf8).write(to: dir.appendingPathComponent("README.md"))
        try Data("{}".utf8).write(to: dir.appendingPathComponent(".hidden.json"))
        try Data(#"{"resourceType":"Patient"}"#.utf8).write(to: dir.appendingPathComponent("patient.json"))
        let bundle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/fhir/phrcard-ips-synthetic.json")
        try FileManager.default.copyItem(at: bundle, to: dir.appendingPathComponent("sub/ips.json"))
        let (collected, stream) = try read([dir.path])
        #expect(collected.records.count == 3)
        #expect(collected.problems.map(\.code) == ["fhir.not-bundle"])
        #expect(stream.ignored.map { ($0 as NSString).lastPathComponent } == [".hidden.json", "README.md"])
    }

    @Test("several threads count exactly what one thread counts, and report rejected lines in input order",
          arguments: [(2, 1), (3, 7), (4, 256)])
    func parallel(jobs: Int, batchSize: Int) throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines: [String] = []
        for i in 0..<300 {
            lines.append(HandMade.lines[i % HandMade.lines.count])
            if i % 37 == 0 { lines.append(#"{"holder":{"given":"X\#(i)","birthDate":"2023-02-30"}}"#) }
        }
        let file = dir.appendingPathComponent("many.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)

        var serial = PopulationCounts(asOf: HandMade.asOf)
        var serialProblems: [String] = []
        let one = RecordStream(onRecord: { serial.add($0) },
                               onProblem: { serial.reject(code: $0.code); serialProblems.append($0.description) })
        try one.read(file.path)

        final class Sink: @unchecked Sendable { var lines: [String] = []; let lock = NSLock() }
        let sink = Sink()
        let aggregator = ParallelAggregator(asOf: HandMade.asOf, jobs: jobs, batchSize: batchSize) { problem in
            sink.lock.lock(); sink.lines.append(problem.description); sink.lock.unlock()
        }
        try RecordStream(onItem: aggregator.accept).read(file.path)
        let parallel = aggregator.finish()
        #expect(parallel == serial)
        #expect(parallel.records == 300)
        #expect(sink.lines == serialProblems)
        #expect(sink.lines.count == 9)
        #expect(sink.lines.first?.hasPrefix(file.path + ":2: record.invalid-date:") == true)
    }

    @Test("a named input that does not exist is an error, not a rejected line")
    func missing() {
        #expect(throws: ReportInputError.self) { try read(["/nonexistent/phrcard"]) }
    }
}
