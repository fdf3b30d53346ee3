import PHRCLITestSupport
import Foundation
import Testing

/// `phrcard report` end to end through the binary.
@Suite("CLI: report")
struct ReportCommandTests {
    /// Four people and two bad lines (line 5: impossible date; line 7: not JSON; line 6 blank is skipped).
    static let lines = """
        {"holder":{"given":"A","birthDate":"1990-03-14","sex":"female","nationality":"SY"},"immunizations":[{"code":"cvx:03","dose":1}]}
        {"holder":{"given":"B","birthDate":"1991-05-01","sex":"female","nationality":"SY"},"immunizations":[{"code":"cvx:03","dose":1},{"code":"cvx:03","dose":2}]}
        {"holder":{"given":"C","birthDate":"2020-01-01","sex":"male","nationality":"AF"},"results":[{"code":"loinc:71773-6","value":"positive"}]}
        {"holder":{"given":"D","sex":"male"}}
        {"holder":{"given":"E","birthDate":"2023-13-01"}}

        not json
        """

    func json(_ w: Workspace, _ name: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(try w.read(name))) as? [String: Any])
    }

    func table(_ report: [String: Any], _ id: String) throws -> [String: Any] {
        let tables = try #require(report["tables"] as? [[String: Any]])
        return try #require(tables.first { $0["id"] as? String == id })
    }

    func value(_ table: [String: Any], _ row: String, _ column: String) throws -> Any? {
        let rows = try #require(table["rows"] as? [String]), columns = try #require(table["columns"] as? [String])
        let cells = try #require(table["cells"] as? [[[String: Any]]])
        let r = try #require(rows.firstIndex(of: row)), c = try #require(columns.firstIndex(of: column))
        return cells[r][c]["value"]
    }

    @Test("the demo: a report of examples/ as HTML")
    func demo() throws {
        let w = try Workspace(keys: false)
        let r = w.run("report", CLI.examples.path, "--out", "report.html")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote report.html"))
        #expect(!r.stderr.contains("rejected"))
        let html = try w.readText("report.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
    }

    @Test("bad lines are reported with file, line and code, counted in the report, and exit 1")
    func badLines() throws {
        let w = try Workspace(keys: false)
        _ = try w.write("people.jsonl", Self.lines)
        let r = w.run("report", "people.jsonl", "--out", "r.json", "--min-cell", "1", "--as-of", "2026-12-01")
        #expect(r.status == 1)
        #expect(r.stderr.contains("rejected people.jsonl:5: record.invalid-date: holder.birthDate:"))
        #expect(r.stderr.contains("rejected people.jsonl:7: record.not-json:"))
        #expect(!r.stderr.contains(":6:"))
        let report = try json(w, "r.json")
        let inputs = try #require(report["inputs"] as? [String: Any])
        #expect(inputs["records"] as? Int == 4)
        #expect(inputs["rejected"] as? [String: Int] == ["record.invalid-date": 1, "record.not-json": 1])
        let population = try table(report, "population-age-sex")
        #expect(try value(population, "30–39", "Female") as? Int == 2)
        #expect(try value(population, "5–9", "Male") as? Int == 1)
        #expect(try value(population, "age unknown", "Male") as? Int == 1)
        #expect(try value(population, "Total", "Total") as? Int == 4)
        let coverage = try table(report, "vaccination-coverage")
        #expect(try value(coverage, "Measles-containing (MCV): ≥1 dose", "30–39") as? Int == 2)
        #expect(try value(coverage, "Measles-containing (MCV): complete for age", "30–39") as? Int == 1)
    }

    @Test("--jobs 1 and --jobs 3 write the same report and the same rejected lines")
    func jobs() throws {
        let w = try Workspace(keys: false)
        _ = try w.write("people.jsonl", Array(repeating: Self.lines, count: 40).joined(separator: "\n"))
        let one = w.run("report", "people.jsonl", "--jobs", "1", "--as-of", "2026-12-01", "--out", "one.json")
        let three = w.run("report", "people.jsonl", "--jobs", "3", "--as-of", "2026-12-01", "--out", "three.json")
        #expect(one.status == 1 && three.status == 1)
        #expect(one.stderr == three.stderr)
        #expect(one.stderr.components(separatedBy: "rejected ").count - 1 == 80)
        #expect(try w.read("one.json") == w.read("three.json"))
    }

    @Test("suppression by default: small counts are null in the JSON, and the run says how many")
    func suppressed() throws {
        let w = try Workspace(keys: false)
        _ = try w.write("people.jsonl", Self.lines)
        let r = w.run("report", "people.jsonl", "--out", "r.csv", "--as-of", "2026-12-01")
        #expect(r.status == 1)   // the two bad lines
        #expect(r.stdout.contains("suppressed"))
        let csv = try w.readText("r.csv")
        #expect(csv.contains("population-age-sex,30–39,Female,,primary,"))
        #expect(!csv.contains("population-age-sex,30–39,Female,2,"))
    }

    @Test("never overwrites without --force")
    func overwrite() throws {
        let w = try Workspace(keys: false)
        let existing = try w.write("r.html", "keep me")
        let r = w.run("report", CLI.examples.path + "/typical.json", "--out", "r.html")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: file.exists:"))
        #expect(try w.readText("r.html") == "keep me")
        #expect(w.run("report", CLI.examples.path + "/typical.json", "--out", existing, "--force").status == 0)
        #expect(try w.readText("r.html").hasPrefix("<!DOCTYPE html>"))
    }

    @Test("sites' counts merged equal one report over all their records; counts files are private")
    func merge() throws {
        let w = try Workspace(keys: false)
        let all = Self.lines.split(separator: "\n").prefix(4).map(String.init)
        _ = try w.write("a.jsonl", all.prefix(2).joined(separator: "\n"))
        _ = try w.write("b.jsonl", all.suffix(2).joined(separator: "\n"))
        _ = try w.write("all.jsonl", all.joined(separator: "\n"))
        for site in ["a", "b"] {
            let r = w.run("report", "\(site).jsonl", "--counts", "--as-of", "2026-12-01", "--out", "\(site).counts.json")
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("EXACT counts"))
            let mode = try FileManager.default.attributesOfItem(atPath: w.path("\(site).counts.json"))[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        let merged = w.run("report", "--merge", "a.counts.json", "b.counts.json", "--min-cell", "2", "--out", "merged.json")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("2 sites merged"))
        #expect(w.run("report", "all.jsonl", "--min-cell", "2", "--as-of", "2026-12-01", "--out", "all.json").status == 0)
        let m = try json(w, "merged.json"), a = try json(w, "all.json")
        #expect(NSDictionary(dictionary: ["t": m["tables"]!]) == NSDictionary(dictionary: ["t": a["tables"]!]))
        #expect((m["inputs"] as? [String: Any])?["sites"] as? Int == 2)

        // A published report cannot be merged; counts at different dates cannot be added.
        let published = w.run("report", "--merge", "a.counts.json", "all.json", "--out", "x.json")
        #expect(published.status == 2)
        #expect(published.stderr.contains("error: report.not-counts: all.json: this is a published report"))
        #expect(w.run("report", "b.jsonl", "--counts", "--as-of", "2025-01-01", "--out", "old.counts.json").status == 0)
        let mismatch = w.run("report", "--merge", "a.counts.json", "old.counts.json", "--out", "y.json")
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("error: report.merge-mismatch:"))
        let asOf = w.run("report", "--merge", "a.counts.json", "--as-of", "2026-12-01", "--out", "z.json")
        #expect(asOf.status == 2 && asOf.stderr.contains("error: usage:"))
        #expect(!FileManager.default.fileExists(atPath: w.path("x.json")) && !FileManager.default.fileExists(atPath: w.path("y.json")))
    }

    @Test("differential privacy: the same seed reproduces the report; parameters are checked")
    func privacy() throws {
        let w = try Workspace(keys: false)
        _ = try w.write("people.jsonl", Self.lines)
        let args = ["report", "people.jsonl", "--epsilon", "1", "--seed", "7", "--as-of", "2026-12-01"]
        #expect(w.run(args + ["--out", "one.csv"]).status == 1)
        let second = w.run(args + ["--out", "two.csv"])
        #expect(second.stdout.contains("seeded: TEST ONLY"))
        #expect(try w.read("one.csv") == w.read("two.csv"))
        let html = w.run(args + ["--out", "r.html"])
        #expect(html.status == 1)
        #expect(try w.readText("r.html").contains("Privacy budget"))

        let zero = w.run("report", "people.jsonl", "--epsilon", "0", "--out", "z.html")
        #expect(zero.status == 2)
        #expect(zero.stderr.contains("error: report.invalid-parameter: --epsilon must be above 0"))
        let delta = w.run("report", "people.jsonl", "--delta", "0.001", "--out", "d.html")
        #expect(delta.status == 2 && delta.stderr.contains("error: report.invalid-parameter: --delta applies"))
        let seedOnly = w.run("report", "people.jsonl", "--seed", "1", "--out", "s.html")
        #expect(seedOnly.status == 2 && seedOnly.stderr.contains("error: usage:"))
        let format = w.run("report", "people.jsonl", "--out", "r.txt")
        #expect(format.status == 2 && format.stderr.contains("error: usage.format:"))
        let missing = w.run("report", "nope/", "--out", "m.html")
        #expect(missing.status == 2 && missing.stderr.contains("error: file.unreadable: cannot read nope/"))
    }

    @Test("IPS Bundles, record files and standard input are inputs; PDF output")
    func inputs() throws {
        let w = try Workspace(keys: false)
        let bundle = CLI.examples.appendingPathComponent("fhir/phrcard-ips-synthetic.json").path
        let r = w.run("report", bundle, CLI.examples.path + "/minimal.json", "-", "--out", "r.pdf", "--min-cell", "1",
                      stdin: Self.lines.split(separator: "\n").prefix(2).joined(separator: "\n"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("4 records from 3 inputs"))
        #expect(try w.read("r.pdf").starts(with: Array("%PDF-".utf8)))
    }
}

