import PHRCLITestSupport
import Foundation
import PHRCard
import Testing

/// `issue --batch` interrupted by SIGTERM (graceful) and SIGKILL (crash), and the repair of what a kill leaves
/// (the order of operations is documented on `BatchIssue`).
@Suite("issue --batch interrupted")
struct BatchInterruptTests {
    /// A batch running in the background, started with the workspace's issuer and no reader, as text cards.
    final class RunningBatch {
        let process = Process()
        let outDir: String
        let codes: String
        private let outURL: URL
        private let errURL: URL

        init(_ ws: Workspace, records: Int, jobs: Int = 1) throws {
            outDir = ws.path("cards")
            codes = ws.path("codes.tsv")
            let input = try ws.write("records.jsonl", try BatchInterruptTests.jsonLines(count: records))
            process.executableURL = CLI.binary
            process.arguments = ["issue", "--batch", input, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                                 "--no-reader", "--format", "txt", "--out-dir", outDir, "--codes-out", codes,
                                 "--jobs", String(jobs)]
            process.currentDirectoryURL = ws.dir
            var env = ProcessInfo.processInfo.environment
            env["PHRCARD_HOME"] = ws.home
            process.environment = env
            outURL = ws.dir.appendingPathComponent("batch.stdout")
            errURL = ws.dir.appendingPathComponent("batch.stderr")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        /// Waits until at least `count` cards have their final names (at most 60 s).
        func waitForCards(_ count: Int) throws {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline && process.isRunning {
                if (try? BatchInterruptTests.cardFiles(outDir).count) ?? 0 >= count { return }
                usleep(5_000)
            }
            Issue.record("the batch wrote fewer than \(count) cards in time (running: \(process.isRunning))")
        }

        func signalAndWait(_ signo: Int32) {
            kill(process.processIdentifier, signo)
            process.waitUntilExit()
        }

        var stdout: String { String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self) }
        var stderr: String { String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self) }
    }

    /// `count` copies of examples/minimal.json, one per line, each with a different given name.
    static func jsonLines(count: Int) throws -> String {
        let data = try Data(contentsOf: CLI.examples.appendingPathComponent("minimal.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var holder = try #require(object["holder"] as? [String: Any])
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var lines: [String] = []
        for i in 0..<count {
            holder["given"] = "Faadumo " + String(letters[i / 26 % 26]).uppercased() + String(letters[i % 26])
            object["holder"] = holder
            let line = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            lines.append(String(decoding: line, as: UTF8.self))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Card files under their final names (`<line>-<card id>.txt`), by card id.
    static func cardFiles(_ dir: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where !name.hasPrefix(".") {
            out[idInName(name)] = dir + "/" + name
        }
        return out
    }

    /// `.tmp-` files in the directory, by card id.
    static func tempFiles(_ dir: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasPrefix(".tmp-") {
            out[idInName(String(name.dropFirst(5)))] = dir + "/" + name
        }
        return out
    }

    /// The card id in `<line>-<card id>.txt`.
    static func idInName(_ name: String) -> String {
        let parts = name.split(separator: "-", maxSplits: 1)
        return parts.count == 2 ? String(parts[1].prefix(16)) : name
    }

    /// The card ids in the issuance log, in log order (oldest first), duplicates kept.
    static func loggedIDs(_ ws: Workspace) throws -> [String] {
        guard FileManager.default.fileExists(atPath: ws.home + "/issuance-log.sqlite") else { return [] }
        let log = try IssuanceLog(path: ws.home + "/issuance-log.sqlite")
        return try log.list(limit: 100_000).reversed().map { $0.cardID.map { String(format: "%02x", $0) }.joined() }
    }

    /// The complete lines of the codes file (line, card id, holder code, file).
    static func codeLines(_ path: String) throws -> [[String]] {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()   // the text after the last newline: empty, or a line cut off by a kill
        return lines.map { $0.split(separator: "\t").map(String.init) }
    }

    /// Whether `phrcard inspect` reads the card file.
    static func inspects(_ ws: Workspace, _ file: String) -> Bool {
        let r = ws.run("inspect", file)
        return r.status == 0
    }

    /// With several jobs the cards are issued in parallel but written by one thread in input order, so an interrupted
    /// batch has written exactly lines 1...N, whatever order the workers finished in.
    @Test(arguments: [1, 3])
    func sigtermStopsAfterTheCurrentCardWithLogAndCodesMatchingTheFiles(jobs: Int) throws {
        let ws = try Workspace()
        let total = 80
        let batch = try RunningBatch(ws, records: total, jobs: jobs)
        try batch.waitForCards(3)
        batch.signalAndWait(SIGTERM)
        #expect(batch.process.terminationReason == .exit)
        #expect(batch.process.terminationStatus == 143, "\(batch.stdout)\n\(batch.stderr)")

        let files = try Self.cardFiles(batch.outDir)
        #expect(files.count >= 3 && files.count < total)
        #expect(try Self.tempFiles(batch.outDir).isEmpty)
        let logged = try Self.loggedIDs(ws)
        // Every card file has exactly one log row, and every log row has its card file.
        #expect(logged.count == files.count)
        #expect(Set(logged) == Set(files.keys))
        // One codes line per card, for lines 1...N in order, each naming its file.
        let codes = try Self.codeLines(batch.codes)
        #expect(codes.count == files.count)
        #expect(codes.map { $0.first } == (1...files.count).map { String($0) })
        for line in codes {
            #expect(line.count == 4 && files[line[1]] == line[3], "\(line)")
        }
        let n = files.count
        // The files are lines 1...N: their names carry the line numbers, without a gap.
        let fileLines: Set<Int> = Set(files.values.map { (path: String) -> Int in
            Int((path as NSString).lastPathComponent.prefix(2)) ?? -1
        })
        #expect(fileLines == Set(1...n))
        #expect(batch.stdout.contains("interrupted after \(n) of \(total) lines: \(n) cards written and logged; rerun with the remaining lines (\(n + 1) to \(total))"),
                "\(batch.stdout)")
        // The cards are whole: the first and the last written open.
        let byLine = codes.map { $0[3] }
        #expect(Self.inspects(ws, byLine[0]))
        #expect(Self.inspects(ws, byLine[n - 1]))
    }

    @Test func sigtermJSONReportSaysInterrupted() throws {
        let ws = try Workspace()
        let input = try ws.write("records.jsonl", try Self.jsonLines(count: 60))
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["issue", "--batch", input, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                             "--no-reader", "--format", "txt", "--out-dir", ws.path("cards"), "--codes-out", ws.path("codes.tsv"),
                             "--json", "--report", ws.path("report.json")]
        var env = ProcessInfo.processInfo.environment
        env["PHRCARD_HOME"] = ws.home
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline && ((try? Self.cardFiles(ws.path("cards")).count) ?? 0) < 2 { usleep(5_000) }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(ws.read("report.json"))) as? [String: Any])
        let interrupted = try #require(report["interrupted"] as? [String: Any])
        let cards = try Self.cardFiles(ws.path("cards")).count
        #expect(interrupted["signal"] as? String == "SIGINT")
        #expect(interrupted["cards"] as? Int == cards)
        #expect(interrupted["nextLine"] as? Int == cards + 1)
        #expect(report["issued"] as? Int == cards)
    }

    @Test(arguments: [1, 3])
    func sigkillLeavesNoHalfWrittenCardAndAtMostOneLoggedCardUnplaced(jobs: Int) throws {
        let ws = try Workspace()
        let batch = try RunningBatch(ws, records: 80, jobs: jobs)
        try batch.waitForCards(4)
        batch.signalAndWait(SIGKILL)
        #expect(batch.process.terminationReason == .uncaughtSignal)

        let files = try Self.cardFiles(batch.outDir)
        let temps = try Self.tempFiles(batch.outDir)
        let logged = try Self.loggedIDs(ws)
        let codes = try Self.codeLines(batch.codes)
        let codeIDs = codes.map { $0[1] }
        #expect(temps.count <= 1, "\(temps)")
        #expect(Set(logged).count == logged.count)
        // No half-written card under its final name: every card file reads.
        for (_, file) in files { #expect(Self.inspects(ws, file), "\(file)") }
        // Every card file is logged and has its codes line.
        #expect(Set(files.keys).isSubset(of: Set(logged)))
        #expect(Set(files.keys).isSubset(of: Set(codeIDs)))
        // Every logged card has its codes line, and its final file except at most the last one logged, whose
        // complete file is still .tmp-<name>.
        #expect(Set(logged).isSubset(of: Set(codeIDs)))
        let unplaced = logged.filter { files[$0] == nil }
        #expect(unplaced.count <= 1)
        if let id = unplaced.first {
            #expect(id == logged.last)
            let temp = try #require(temps[id])
            #expect(Self.inspects(ws, temp))
        }
        // Every codes line's card is logged except at most the last line, whose card has no final file.
        // The codes file is in input order: lines 1, 2, 3, ... without a gap (one writer, whatever the jobs).
        let codeLineNumbers: [String] = codes.map { $0[0] }
        let expectedNumbers: [String] = (0..<codes.count).map { String($0 + 1) }
        #expect(codeLineNumbers == expectedNumbers)
        let unlogged = codeIDs.filter { !logged.contains($0) }
        #expect(unlogged.count <= 1)
        if let id = unlogged.first {
            #expect(id == codeIDs.last)
            #expect(files[id] == nil)
        }

        // The repair: afterwards card files and log rows match exactly, with no temporary file left.
        let r = ws.run("log", "reconcile", "--dir", batch.outDir)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(try Self.tempFiles(batch.outDir).isEmpty)
        let after = try Self.cardFiles(batch.outDir)
        #expect(Set(after.keys) == Set(logged))
        #expect(after.count == logged.count)
    }

    /// The two states a kill can leave, made by hand: a logged card still under its temporary name, and an unlogged
    /// one. The next batch into the directory completes the first and deletes the second.
    @Test func nextBatchCompletesALoggedTemporaryCardAndRemovesAnUnloggedOne() throws {
        let ws = try Workspace()
        let input = try ws.write("two.jsonl", try Self.jsonLines(count: 2))
        let first = ws.run("issue", "--batch", input, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                           "--no-reader", "--format", "txt", "--out-dir", "cards", "--codes-out", "codes1.tsv")
        #expect(first.status == 0, "\(first.stderr)")
        let files = try Self.cardFiles(ws.path("cards"))
        let (id, path) = try #require(files.first)
        let name = (path as NSString).lastPathComponent
        let loggedTemp = ws.path("cards/.tmp-" + name)
        #expect(rename(path, loggedTemp) == 0)
        let strayTemp = ws.path("cards/.tmp-7-00112233445566ff.txt")
        _ = try ws.write("cards/.tmp-7-00112233445566ff.txt", "half a card")
        let other = ws.path("cards/.tmp-notes.txt")   // not a card name: left alone
        _ = try ws.write("cards/.tmp-notes.txt", "x")

        let second = ws.run("issue", "--batch", input, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                            "--no-reader", "--format", "txt", "--out-dir", ws.path("cards"), "--codes-out", "codes2.tsv")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("recovered \(path): "))
        #expect(second.stderr.contains("removed \(strayTemp): "))
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: loggedTemp))
        #expect(!FileManager.default.fileExists(atPath: strayTemp))
        #expect(FileManager.default.fileExists(atPath: other))
        let all = try Self.cardFiles(ws.path("cards"))
        #expect(all.count == 4 && all[id] == path)
        #expect(Set(try Self.loggedIDs(ws)) == Set(all.keys))
    }

    @Test func reconcileReportsAndLeavesAConflictingFile() throws {
        let ws = try Workspace()
        let input = try ws.write("one.jsonl", try Self.jsonLines(count: 1))
        let r = ws.run("issue", "--batch", input, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                       "--no-reader", "--format", "txt", "--out-dir", "cards", "--codes-out", "codes.tsv")
        #expect(r.status == 0, "\(r.stderr)")
        let (_, path) = try #require(try Self.cardFiles(ws.path("cards")).first)
        let temp = ws.path("cards/.tmp-" + (path as NSString).lastPathComponent)
        _ = try ws.write("cards/.tmp-" + (path as NSString).lastPathComponent, "a different file")
        let rec = ws.run("log", "reconcile", "--dir", ws.path("cards"))
        #expect(rec.status == 1)
        #expect(rec.stdout.contains("kept \(temp): "))
        #expect(FileManager.default.fileExists(atPath: temp))
        let missing = ws.run("log", "reconcile", "--dir", ws.path("nowhere"))
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error: file.unreadable: "))
    }

    @Test func aSecondBatchIntoTheSameDirectoryIsRefused() throws {
        let ws = try Workspace()
        try FileManager.default.createDirectory(atPath: ws.path("cards"), withIntermediateDirectories: true)
        let fd = open(ws.path("cards"), O_RDONLY | O_DIRECTORY)
        try #require(fd >= 0)
        defer { close(fd) }
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let input = try ws.write("one.jsonl", try Self.jsonLines(count: 1))
        let r = ws.run("issue", "--batch", input, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                       "--no-reader", "--format", "txt", "--out-dir", "cards", "--codes-out", "codes.tsv")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: batch.busy: "))
        #expect(!FileManager.default.fileExists(atPath: ws.path("codes.tsv")))
    }
}
