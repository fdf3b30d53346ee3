import Foundation
import PHRCard
import Testing
@testable import PHRReports

@Suite("Report: counts files and merging sites")
struct CountsMergeTests {
    static func counts(_ lines: [String]) throws -> PopulationCounts {
        var counts = PopulationCounts(asOf: HandMade.asOf)
        for line in lines { counts.add(try HealthRecord(jsonData: Array(line.utf8))) }
        return counts
    }

    @Test("merging the counts of any split of the population gives the counts of the whole", arguments: [1, 37, 90, 128, 200, 254])
    func splits(mask: Int) throws {
        let lines = HandMade.lines
        let a = lines.indices.filter { mask & (1 << $0) != 0 }.map { lines[$0] }
        let b = lines.indices.filter { mask & (1 << $0) == 0 }.map { lines[$0] }
        var merged = try Self.counts(a)
        try merged.merge(try Self.counts(b))
        #expect(merged == (try HandMade.counts()))
    }

    @Test("a counts file reads back to the same counts")
    func roundTrip() throws {
        var counts = try HandMade.counts()
        counts.reject(code: "record.not-json")
        let back = try PopulationCounts(jsonData: counts.jsonData(), name: "x")
        #expect(back == counts)
        #expect(String(decoding: counts.jsonData(), as: UTF8.self).contains("EXACT COUNTS, NOT PROTECTED"))
    }

    @Test("tampered or foreign counts files are refused", arguments: [
        ("\"records\" : 8", "\"records\" : 9", ReportError.Kind.notCounts),            // tables no longer add up
        ("\"version\" : 1", "\"version\" : 2", .notCounts),
        ("\"kind\" : \"phrcard-report-counts\"", "\"kind\" : \"phrcard-report\"", .notCounts),
        ("\"pregnant\" : [\n    0", "\"pregnant\" : [\n    -1", .notCounts),
        ("\"screened\" : [\n    1,", "\"screened\" : [\n    1.5,", .notCounts),
        ("\"sexes\" : [\n    \"female\"", "\"sexes\" : [\n    \"woman\"", .mergeMismatch),
        ("\"SY\" : 3", "\"Syria\" : 3", .notCounts),
    ])
    func refused(find: String, replace: String, kind: ReportError.Kind) throws {
        let text = String(decoding: try HandMade.counts().jsonData(), as: UTF8.self)
        try #require(text.contains(find), "fixture text changed: \(find)")
        #expect {
            try PopulationCounts(jsonData: Array(text.replacingOccurrences(of: find, with: replace).utf8), name: "x")
        } throws: { ($0 as? ReportError)?.kind == kind }
    }

    @Test("counts at different reference dates are not added")
    func mismatch() throws {
        var a = try HandMade.counts()
        let b = PopulationCounts(asOf: ReportDate(year: 2025, month: 1, day: 1))
        #expect { try a.merge(b) } throws: { ($0 as? ReportError)?.kind == .mergeMismatch }
    }
}
