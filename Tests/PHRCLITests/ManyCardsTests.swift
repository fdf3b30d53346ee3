import PHRCLITestSupport
import Foundation
import PHRCard
import Testing

/// `issue --batch --jobs N` (input order kept whatever the threads do) and `verify`/`decode` of many cards in one
/// process (several arguments or `--lines`, JSON Lines, exit status for mixed results).
@Suite("many cards: batch jobs, multi-card verify and decode")
struct ManyCardsTests {
    /// A JSON Lines batch of `count` minimal records whose given names say their line ("Line 1", "Line 2", ...).
    static func numberedRecords(_ count: Int, blankAt: Int? = nil, badAt: Int? = nil) throws -> String {
        var lines: [String] = []
        for line in 1...count {
            if line == blankAt { lines.append(""); continue }
            if line == badAt { lines.append("{\"holder\": "); continue }
            var object = try #require(try JSONSerialization.jsonObject(with: Data(Records.minimal.utf8)) as? [String: Any])
            var holder = try #require(object["holder"] as? [String: Any])
            holder["given"] = "Line \(line)"
            object["holder"] = holder
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The holder's given name in a decoded record (`decode --format json`).
    static func givenName(_ json: [UInt8]) throws -> String? {
        try HealthRecord(jsonData: json).holder.given
    }

    @Test func batchWithSeveralJobsKeepsInputOrderInFilesCodesReportAndCards() throws {
        let ws = try Workspace()
        let total = 9
        let input = try ws.write("records.jsonl", try Self.numberedRecords(total, blankAt: 4, badAt: 6))
        let r = ws.run("issue", "--batch", input, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                       "--no-reader", "--format", "txt", "--out-dir", "cards", "--codes-out", "codes.tsv",
                       "--jobs", "3", "--json")
        #expect(r.status == 1, "\(r.stderr)")   // line 6 is not a record
        // stdout is exactly the JSON report (progress and failures are on stderr).
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [String: Any])
        #expect(r.stderr.contains("line 6: record.invalid: "))
        #expect(report["issued"] as? Int == 7)
        #expect(report["jobs"] as? Int == 3)
        let expectedLines = [1, 2, 3, 5, 7, 8, 9]
        let cards = try #require(report["cards"] as? [[String: Any]])
        #expect(cards.compactMap { $0["line"] as? Int } == expectedLines)
        // The codes file: one line per card, in input order.
        let codes = try ws.readText("codes.tsv").split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(codes.map { Int($0[0]) } == expectedLines)
        // Each file carries its line number and holds the card of that line: its holder code opens it and the
        // record inside is the one of that line.
        for line in codes {
            let file = line[3]
            #expect((file as NSString).lastPathComponent.hasPrefix("\(line[0])-\(line[1])."))
            let d = ws.run("decode", file, "--code", line[2], "--issuer-pub", ws.path("iss.pub"), "--format", "json")
            #expect(d.status == 0, "\(d.stderr)")
            #expect(try Self.givenName(d.stdoutBytes) == "Line \(line[0])")
        }
        // The issuance log holds the cards in input order too.
        let log = try IssuanceLog(path: ws.home + "/issuance-log.sqlite")
        let logged = try log.list(limit: 100).reversed().map { $0.cardID.map { String(format: "%02x", $0) }.joined() }
        #expect(logged == codes.map { $0[1] })
    }

    @Test func jobsMustBeAPositiveNumberAndOnlyForBatches() throws {
        let ws = try Workspace()
        let input = try ws.write("records.jsonl", try Self.numberedRecords(1))
        let zero = ws.run("issue", "--batch", input, "--issuer-key", ws.path("iss.key"), "--issuer", "T",
                          "--out-dir", "cards", "--codes-out", "codes.tsv", "--jobs", "0")
        #expect(zero.status == 2)
        #expect(zero.stderr.contains("--jobs must be 1 to 256"))
        let single = ws.run("issue", ws.path("records.jsonl"), "--out", "card.txt", "--jobs", "2")
        #expect(single.status == 2)
        #expect(single.stderr.contains("--jobs is for --batch"))
    }

    /// Three cards from one issuer (with the workspace's reader), as text files; returns (files, holder codes).
    static func threeCards(_ ws: Workspace) throws -> (files: [String], codes: [String]) {
        var files: [String] = [], codes: [String] = []
        for i in 1...3 {
            let record = Records.minimal.replacingOccurrences(of: "\"Amina\"", with: "\"Card \(i)\"")
            codes.append(try ws.issue(record, out: "card\(i).txt"))
            files.append(ws.path("card\(i).txt"))
        }
        return (files, codes)
    }

    @Test func verifySeveralArgumentsGivesOneLineEachInOrderAndExit2ForAMissingFile() throws {
        let ws = try Workspace()
        let (files, _) = try Self.threeCards(ws)
        let all = ws.run(files + ["--issuer-pub", ws.path("iss.pub")], prefix: "verify")
        #expect(all.status == 0, "\(all.stderr)")
        let lines = all.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        for (file, line) in zip(files, lines) { #expect(line.hasPrefix("\(file): VALID (card "), "\(line)") }

        // Mixed: a valid card, a card signed by an untrusted key, a missing file. Every input gets its line; the
        // unreadable input makes the exit status 2 even though a card was also invalid.
        _ = ws.run("keygen", "--role", "issuer", "--out", ws.path("other"))
        let otherCode = try ws.issue(Records.minimal, out: "other.txt", extra: ["--issuer-key", ws.path("other.key")])
        #expect(!otherCode.isEmpty)
        let mixed = ws.run([files[0], ws.path("other.txt"), ws.path("missing.txt"), "--issuer-pub", ws.path("iss.pub")],
                           prefix: "verify")
        #expect(mixed.status == 2)
        let m = mixed.stdout.split(separator: "\n").map(String.init)
        #expect(m.count == 3)
        #expect(m[0].hasPrefix("\(files[0]): VALID"))
        #expect(m[1] == "\(ws.path("other.txt")): UNKNOWN ISSUER [card.unknown-issuer]", "\(m[1])")
        #expect(m[2].hasPrefix("\(ws.path("missing.txt")): ERROR: ") && m[2].hasSuffix("[file.unreadable]"), "\(m[2])")
        // Without the missing file: exit 1 (a card is not valid), still one line each.
        let invalid = ws.run([files[0], ws.path("other.txt"), "--issuer-pub", ws.path("iss.pub")], prefix: "verify")
        #expect(invalid.status == 1)
        #expect(invalid.stdout.split(separator: "\n").count == 2)
    }

    @Test func verifyLinesReadsOneCardPerLineAndWritesJSONLines() throws {
        let ws = try Workspace()
        let (files, _) = try Self.threeCards(ws)
        let texts = try files.map { try ws.readText($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        // A damaged copy of the second card (one digit changed), a blank line, and a line that is not a card.
        var damaged = Array(texts[1])
        let i = damaged.count - 40
        damaged[i] = damaged[i] == "1" ? "2" : "1"
        let input = [texts[0], "", texts[1], String(damaged), "hello", texts[2]].joined(separator: "\n") + "\n"
        let r = ws.run("verify", "--lines", "--json", "--issuer-pub", ws.path("iss.pub"), stdin: input)
        #expect(r.status == 1, "\(r.stderr)")
        let objects = try r.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        // One object per non-blank line, numbered by input line (line 2 is blank).
        #expect(objects.compactMap { $0["line"] as? Int } == [1, 3, 4, 5, 6])
        #expect(objects.compactMap { $0["valid"] as? Bool } == [true, true, false, false, true])
        #expect(objects[2]["status"] as? String == "invalid")
        #expect((objects[3]["error"] as? [String: Any])?["code"] as? String == "text.bad-prefix")
        // The dates are the card's own, formatted as ISO 8601 UTC (checked against Foundation's formatter).
        let card = try CardVerifier.parse(bytes: QRText.decode(texts[0]))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        #expect(objects[0]["expiresAt"] as? String == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(card.expiresAt))))
        #expect(objects[0]["issuedAt"] as? String == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(card.issuedAt))))
        #expect(objects[0]["cardId"] as? String == card.cardID.map { String(format: "%02x", $0) }.joined())

        // Only valid cards: exit 0, text lines labelled by line number.
        let ok = ws.run("verify", "--lines", "--issuer-pub", ws.path("iss.pub"), stdin: texts.joined(separator: "\n"))
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.split(separator: "\n").map { String($0.prefix(15)) } == ["line 1: VALID (", "line 2: VALID (", "line 3: VALID ("])
        // --lines with a CARD argument is a usage error.
        let both = ws.run("verify", "--lines", files[0], "--issuer-pub", ws.path("iss.pub"))
        #expect(both.status == 2)
    }

    @Test func decodeLinesOpensEveryCardWithTheReaderKeyAsJSONLines() throws {
        let ws = try Workspace()
        let (files, codes) = try Self.threeCards(ws)
        let texts = try files.map { try ws.readText($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        let input = [texts[0], "PHR1:123", texts[2]].joined(separator: "\n")
        let r = ws.run("decode", "--lines", "--reader-key", ws.path("rdr.key"), "--issuer-pub", ws.path("iss.pub"),
                       "--format", "json", stdin: input)
        #expect(r.status == 1, "\(r.stderr)")
        let objects = try r.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 3)
        #expect(objects.compactMap { $0["line"] as? Int } == [1, 2, 3])
        #expect(objects[1]["valid"] as? Bool == false)
        for (index, object) in [(0, objects[0]), (2, objects[2])] {
            #expect(object["openedTiers"] as? [String] == ["essential"])
            #expect(object["closedTiers"] as? [String] == ["clinical"])
            let record = try #require(object["record"] as? [String: Any])
            #expect((record["holder"] as? [String: Any])?["given"] as? String == "Card \(index + 1)")
            #expect(record["conditions"] == nil)   // clinical tier: not for this reader
        }
        // Several arguments with the holder code of the first card: the first opens, the others fail with
        // holder-code.wrong; exit 1.
        let text = ws.run(["decode", files[0], files[1], "--code", codes[0], "--issuer-pub", ws.path("iss.pub")])
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("\(files[0]): VALID (card "))
        #expect(text.stdout.contains("\(files[1]): ERROR: "))
        #expect(text.stdout.contains("[holder-code.wrong]"))
    }
}

extension Workspace {
    /// Runs `phrcard <prefix> <arguments...>`.
    func run(_ arguments: [String], prefix: String, stdin: String? = nil) -> CLIResult {
        run([prefix] + arguments, stdin: stdin)
    }
}
