import PHRCLITestSupport
import Foundation
import PHRCard
import Testing

@Suite("issuance log and FHIR")
struct IssuanceLogAndFHIRTests {
    private func json(_ r: CLIResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)\n\(r.stderr)")
    }

    @Test func batchWithFailuresLogsExactlyTheCardsWritten() throws {
        let ws = try Workspace()
        let amina = #"{"holder": {"given": "Amina", "family": "Yusuf", "birthDate": "1990-03-14"}, "allergies": []}"#
        let other = #"{"holder": {"given": "Juma", "family": "Otieno", "birthDate": "1985-07-01"}}"#
        let bad = #"{"holder": {"given": "Bad", "birthDate": "2023-13-01"}}"#
        let lines = [amina, bad, other, "not json", amina, other]
        let input = try ws.write("batch.jsonl", lines.joined(separator: "\n") + "\n")
        let r = ws.run("issue", "--batch", input, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                       "--no-reader", "--format", "txt", "--out-dir", ws.path("cards"), "--codes-out", ws.path("codes.tsv"))
        #expect(r.status == 1)
        #expect(r.stdout.contains("issued 4, failed 2"))
        let files = try FileManager.default.contentsOfDirectory(atPath: ws.path("cards")).filter { $0.hasSuffix(".txt") }
        #expect(files.count == 4)
        let list = try json(ws.run("log", "list", "--json"))
        #expect(list["total"] as? Int == 4)
        let ids = Set((list["entries"] as? [[String: Any]] ?? []).compactMap { $0["cardId"] as? String })
        // Every logged id is a card file written (files are named <line>-<card id>.txt), and vice versa.
        let fileIDs = Set(files.map { String($0.split(separator: "-")[1].prefix(16)) })
        #expect(ids == fileIDs)
        // Find Amina's two cards by her identity, not by the other fields of the record.
        let holder = try ws.write("amina.json", #"{"holder": {"given": "Amina", "family": "Yusuf", "birthDate": "1990-03-14"}, "notes": "x"}"#)
        let found = try json(ws.run("log", "find", "--holder", holder, "--json"))
        #expect(found["count"] as? Int == 2)
        let foundIDs = Set((found["entries"] as? [[String: Any]] ?? []).compactMap { $0["cardId"] as? String })
        let aminaIDs = Set(files.filter { $0.hasPrefix("1-") || $0.hasPrefix("5-") }.map { String($0.split(separator: "-")[1].prefix(16)) })
        #expect(foundIDs == aminaIDs)
        let one = try #require(aminaIDs.first)
        let byCard = try json(ws.run("log", "find", "--card", one, "--json"))
        #expect(byCard["count"] as? Int == 1)
        // The log holds no name in clear.
        let db = try ws.read(ws.home + "/issuance-log.sqlite")
        #expect(!String(decoding: db, as: UTF8.self).contains("Yusuf"))
    }

    @Test func singleIssueLogsAndNoLogSkips() throws {
        let ws = try Workspace()
        _ = try ws.issue(Records.minimal, out: "a.txt")
        _ = try ws.issue(Records.minimal, out: "b.txt", extra: ["--no-log"])
        let list = try json(ws.run("log", "list", "--json"))
        #expect(list["total"] as? Int == 1)
        let bad = ws.run("log", "find", "--card", "12")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("error: usage.bad-card-id:"))
        let both = ws.run("log", "find")
        #expect(both.status == 2)
    }

    @Test func logListWithoutALog() throws {
        let ws = try Workspace()
        let r = ws.run("log", "list")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: file.unreadable:"))
    }

    @Test(arguments: ["phrcard-ips-synthetic.json", "hl7-ips-bundle-minimal.json", "hl7-ips-bundle-no-info-required-sections.json"])
    func issueFromFHIRAndDecodeAsFHIR(example: String) throws {
        let ws = try Workspace()
        let bundle = CLI.examples.appendingPathComponent("fhir/\(example)").path
        let r = ws.run("issue", "--fhir", bundle, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                       "--no-reader", "--out", "c.txt", "--code-out", "c.code", "--report", "drops.json")
        #expect(r.status == 0, "\(example): \(r.stderr)")
        #expect(r.stderr.contains("FHIR element(s) not carried"), "\(example)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(ws.read("drops.json"))) as? [String: Any])
        #expect((report["total"] as? Int ?? 0) > 0)
        let code = try ws.readText("c.code")
        let d = ws.run("decode", ws.path("c.txt"), "--code-file", ws.path("c.code"), "--issuer-pub", ws.path("iss.pub"),
                       "--format", "fhir")
        #expect(d.status == 0, "\(example): \(d.stderr) \(code)")
        let out = try json(d)
        #expect(out["resourceType"] as? String == "Bundle")
        #expect(out["type"] as? String == "document")
        let entries = try #require(out["entry"] as? [[String: Any]])
        let first = try #require(entries.first?["resource"] as? [String: Any])
        #expect(first["resourceType"] as? String == "Composition")
        #expect(entries.contains { ($0["resource"] as? [String: Any])?["resourceType"] as? String == "Patient" })
    }

    /// `--fit-version` (default 25): a corpus document whose whole card needs QR version 30 is fitted into version 25
    /// by leaving out the dosages of medications no longer taken, each reported; `none` keeps everything.
    @Test func fitToCardOnTheCommandLine() throws {
        let ws = try Workspace()
        let bundle = CLI.examples.deletingLastPathComponent()
            .appendingPathComponent("Tests/PHRCardTests/Fixtures/ips-corpus/ca-verto-debronkart-sept2024.json").path
        let fitted = ws.run("issue", "--fhir", bundle, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                            "--no-reader", "--out", "c.txt", "--report", "drops.json")
        #expect(fitted.status == 0, "\(fitted.stderr)")
        #expect(fitted.stderr.contains("fit-to-card: left out 0 entries and"))
        #expect(fitted.stdout.contains("version 25 at ECC M"), "\(fitted.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(ws.read("drops.json"))) as? [String: Any])
        let reasons = (report["dropped"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        #expect(reasons.contains { $0.contains("fit-to-card policy") && $0.contains("dosage of a medication no longer taken") })
        let whole = ws.run("issue", "--fhir", bundle, "--fit-version", "none", "--issuer-key", ws.path("iss.key"),
                           "--issuer", "TEST-CLINIC", "--no-reader", "--out", "w.txt")
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(!whole.stderr.contains("fit-to-card"))
        #expect(whole.stdout.contains("version 30 at ECC M"), "\(whole.stdout)")
        let bad = ws.run("issue", "--fhir", bundle, "--fit-version", "26", "--issuer-key", ws.path("iss.key"),
                         "--issuer", "TEST-CLINIC", "--no-reader", "--out", "b.txt")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--fit-version must be none or the QR version of a size class"))
    }

    @Test func strictFHIRImportRefusesDrops() throws {
        let ws = try Workspace()
        let bundle = CLI.examples.appendingPathComponent("fhir/phrcard-ips-synthetic.json").path
        let r = ws.run("issue", "--fhir", bundle, "--strict", "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                       "--no-reader", "--out", "c.txt", "--report", "drops.json")
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: fhir.would-drop:"))
        #expect(!FileManager.default.fileExists(atPath: ws.path("c.txt")))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(ws.read("drops.json"))) as? [String: Any])
        #expect((report["dropped"] as? [Any])?.isEmpty == false)
        let notJSON = try ws.write("x.json", "{")
        let e = ws.run("issue", "--fhir", notJSON, "--issuer-key", ws.path("iss.key"), "--issuer", "T", "--no-reader", "--out", "d.txt")
        #expect(e.status == 1)
        #expect(e.stderr.contains("error: fhir.not-json:"))
    }

    @Test func decodeFHIRWithAReaderKeyMarksClosedTiersWithheld() throws {
        let ws = try Workspace()
        _ = try ws.issue(Records.minimal, out: "c.txt")   // the reader gets the essential tier only
        let d = ws.run("decode", ws.path("c.txt"), "--reader-key", ws.path("rdr.key"), "--issuer-pub", ws.path("iss.pub"),
                       "--format", "fhir")
        #expect(d.status == 0, "\(d.stderr)")
        #expect(d.stdout.contains("withheld"))
    }
}
