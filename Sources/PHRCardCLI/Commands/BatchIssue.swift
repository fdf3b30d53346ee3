import Foundation
import PHRCard
import PHRPrint

/// `phrcard issue --batch`: one card per non-empty line of a JSON Lines file. Every line ends up as a card (and a
/// line of the codes file) or as a reported failure.
///
/// Threads (`--jobs N`, default: every core): N workers parse lines and issue cards in memory (step 1 below, the
/// scrypt-bound part); one writer, this command's own thread, takes the finished cards strictly in input order
/// (``OrderedWorkPool``) and does steps 2 to 5 for each, one card at a time. So the files, the codes file, the log
/// and the report are in input order, and everything said below about "the card in progress" holds as with one job:
/// only the writer touches the disk. The input is read line by line and at most 2 × N cards wait for the writer, so
/// memory does not grow with the batch (the per-card entries of `--report`/`--json` excepted).
///
/// Order of operations for each card (crash consistency, spec/trust.md §6.1):
///  1. issue the card in memory (a worker; scrypt-bound, ~30–45 ms);
///  2. write it to `DIR/.tmp-<name>` (`O_EXCL`), `fsync` it and DIR (which also makes the previous card's rename
///     durable; the last one's is synced when the loop ends);
///  3. append its line to the codes file, `fsync`;
///  4. append its issuance-log row in its own transaction and `COMMIT` (WAL, `synchronous=FULL`);
///  5. give it its final name `DIR/<name>` (`rename`, or `link` + `unlink` without --force).
///
/// So at every instant, even under SIGKILL or power loss:
///  - every card file under its final name is logged and has its codes line (5 comes after 3 and 4);
///  - every logged card has its codes line, and has its final file except at most one, the last logged, whose
///    complete file is still `DIR/.tmp-<name>` (killed between 4 and 5);
///  - every codes line's card is logged except at most the last line (killed between 3 and 4), whose card has at
///    most a `DIR/.tmp-<name>` file, never a final one;
///  - at most one `DIR/.tmp-<name>` exists (the card the writer is on); nothing else is ever half-written (cards the
///    workers hold are only in memory).
/// The next batch into DIR (or `phrcard log reconcile --dir DIR`) repairs the one window: it renames a logged
/// `.tmp-` card into place and deletes an unlogged one (``BatchRecovery``), after which "card files ⇔ log rows" holds
/// exactly. Batches lock DIR (`flock`), so two never write to it at once.
///
/// SIGINT and SIGTERM (``InterruptWatcher``) stop the pool at once: no new line is started, the lines already started
/// (at most 2 × N) are finished and written (all five steps), the codes file, log and report hold every card written,
/// the summary says `interrupted after N of M lines: K cards written and logged; rerun with the remaining lines (N+1
/// to M)` (lines 1...N are all done, there is no gap), and the exit status is 128 + the signal number: 130 for
/// SIGINT, 143 for SIGTERM. A second signal ends the process at once (the order above keeps that safe).
struct BatchIssue {
    let command: IssueCommand
    let setup: IssueCommand.Setup
    let input: String

    struct Failure {
        let line: Int
        let code: String
        let messages: [String]
    }

    /// What a worker produced for one line.
    enum LineOutcome: @unchecked Sendable {
        case blank
        case issued(HealthRecord, IssueCommand.Issued, PrintableCard?)
        case failed(Failure)
    }

    /// The part of the setup the workers read (everything but the log and the sheet, which only the writer uses).
    struct WorkerSetup: @unchecked Sendable {
        let setup: IssueCommand.Setup
        let ecc: QRErrorCorrection
        let moduleMm: Double
        let dpi: Int
        let sheet: Bool
    }

    /// The number of worker threads when --jobs is not given: the processors this process may run on.
    static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Step 1 for one line (runs on a worker thread).
    static func issueLine(_ raw: [UInt8], number: Int, worker: WorkerSetup) -> LineOutcome {
        if raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
        do {
            let record = try HealthRecord(jsonData: raw)
            var setup = worker.setup
            setup.sheet = nil
            setup.logger = nil
            let result = try IssueCommand.issueOne(record, setup: setup, ecc: worker.ecc, moduleMm: worker.moduleMm,
                                                   dpi: worker.dpi)
            var printable: PrintableCard?
            if worker.sheet {
                let card = IssuePrint.printable(result.card, record: record, setup: setup)
                try SheetCollector.check(card, setup.printOptions)
                printable = card
            }
            return .issued(record, result, printable)
        } catch {
            let (pairs, _) = Console.lines(for: error)
            return .failed(Failure(line: number, code: pairs.first?.0 ?? "internal", messages: pairs.map(\.1)))
        }
    }

    func run() throws {
        guard let outDir = command.outDir, let codesOut = command.codesOut else { return }
        let startTime = Date()
        // Lines: streamed from a file (counted first, for the progress and the summary); standard input is read whole.
        let total: Int
        let source: () throws -> [UInt8]?
        if input == "-" {
            let data = try Files.read(input)
            var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if lines.last?.isEmpty == true { lines.removeLast() }
            total = lines.count
            var iterator = lines.makeIterator()
            source = { iterator.next().map { Array($0) } }
        } else {
            let reader = try LineReader(path: input)
            total = try reader.countRemainingLines() ?? 0
            source = { try reader.next() }
        }
        try Files.makeDirectory(outDir)
        let lockFD = try BatchRecovery.lock(dir: outDir)
        defer { close(lockFD) }
        let recovery = try BatchRecovery.reconcile(dir: outDir, isLogged: BatchRecovery.logLookup())
        for line in recovery.lines { Console.err(line) }
        if let report = command.report { try Files.checkWritable(report, force: command.force) }
        let codes = try CodesFile(path: codesOut, force: command.force)
        defer { codes.close() }

        let jobs = command.jobs ?? Self.defaultJobs
        let worker = WorkerSetup(setup: setup, ecc: command.ecc.level, moduleMm: command.moduleMm, dpi: command.dpi,
                                 sheet: setup.sheet != nil)
        let pool = OrderedWorkPool<LineOutcome>(jobs: jobs, window: 2 * jobs, source: source) { index, raw in
            Self.issueLine(raw, number: index + 1, worker: worker)
        }
        let watcher = InterruptWatcher(onSignal: { pool.stop() })
        defer { watcher.stop() }
        pool.start()
        defer { pool.finish() }

        let width = String(total).count
        let tty = isatty(2) == 1
        let keepEntries = command.report != nil || command.json
        var issued: [[String: Any]] = []
        var issuedCount = 0
        var failures: [Failure] = []
        var processed = 0
        func progress(final: Bool = false) {
            let text = "\(processed)/\(total) lines: issued \(issuedCount), failed \(failures.count)"
            if tty {
                Console.errRaw("\r\u{1B}[K" + text + (final ? "\n" : ""))
            } else if !final && processed % 10 == 0 {
                Console.err("progress: " + text)
            }
        }
        while let (index, outcome) = try pool.next() {
            let number = index + 1
            switch outcome {
            case .blank:
                break
            case .failed(let failure):
                failures.append(failure)
            case .issued(let record, let result, let printable):
                let padded = String(repeating: "0", count: max(0, width - String(number).count)) + String(number)
                let name = "\(padded)-\(result.card.cardID.hexString).\(setup.format.rawValue)"
                let path = outDir + "/" + name
                do {
                    try write(result, record: record, name: name, outDir: outDir, codes: codes,
                              codesLine: "\(number)\t\(result.card.cardID.hexString)\t\(result.card.holderCode)\t\(path)\n")
                    if let printable { setup.sheet?.append(printable) }
                    issuedCount += 1
                    if keepEntries {
                        issued.append(["line": number, "cardId": result.card.cardID.hexString, "file": path,
                                       "cardBytes": result.card.bytes.count, "sizeClass": result.card.sizeClass.number,
                                       "qrVersion": result.qr.version])
                    }
                } catch let e as CLIError where e.code == "file.unwritable" && e.message.contains(codesOut) {
                    throw e   // the codes file is broken: stop rather than issue cards whose codes are lost
                } catch let e as CLIError where e.code == "batch.unplaced" {
                    throw e   // a logged card could not be moved into place: stop and let the operator repair
                } catch let e as PHRCardError where e.code.rawValue.hasPrefix("log.") {
                    throw e   // the issuance log is broken: stop rather than hand out cards that are not logged
                } catch {
                    let (pairs, _) = Console.lines(for: error)
                    failures.append(Failure(line: number, code: pairs.first?.0 ?? "internal", messages: pairs.map(\.1)))
                }
            }
            processed += 1
            progress()
        }
        // A signal that came after the last line was started interrupted nothing.
        let interrupted = processed < total ? watcher.caught : nil
        Files.syncDirectory(outDir)   // the last card's rename
        try setup.logger?.flush()
        progress(final: true)
        let seconds = Date().timeIntervalSince(startTime)
        Console.err(String(format: "%d cards in %.1f s (%.1f cards/s) on %d job%@", issuedCount, seconds,
                           seconds > 0 ? Double(issuedCount) / seconds : 0, jobs, jobs == 1 ? "" : "s"))
        for f in failures {
            for m in f.messages { Console.err("line \(f.line): \(f.code): \(m)") }
        }
        var object: [String: Any] = [
            "input": input, "outDir": outDir, "codesFile": codesOut, "issued": issuedCount,
            "failed": failures.count, "issuer": setup.options.issuerID, "format": setup.format.rawValue,
            "jobs": jobs, "cards": issued,
            "failures": failures.map { ["line": $0.line, "code": $0.code, "messages": $0.messages] as [String: Any] },
        ]
        if !recovery.isEmpty { object["recovery"] = recovery.object }
        var interruption: String?
        if let signo = interrupted {
            let remaining = processed < total ? " (\(processed + 1) to \(total))" : ""
            interruption = "interrupted after \(processed) of \(total) lines: \(issuedCount) cards written"
                + (setup.logger == nil ? "; " : " and logged; ")
                + "rerun with the remaining lines\(remaining)"
            object["interrupted"] = ["signal": InterruptWatcher.name(signo), "linesDone": processed, "lines": total,
                                     "cards": issuedCount, "nextLine": processed + 1,
                                     "message": interruption ?? ""] as [String: Any]
        }
        if command.json {
            print(Console.json(object), terminator: "")
        } else {
            print("issued \(issuedCount), failed \(failures.count) (of \(issuedCount + failures.count) records in \(input))")
            if let interruption { print(interruption) }
        }
        if let report = command.report {
            try Files.writeAtomically(Array(Console.json(object).utf8), to: report, mode: 0o644, force: command.force)
        }
        if let signo = interrupted { throw CLIExit(status: InterruptWatcher.exitStatus(signo)) }
        if !failures.isEmpty { throw CLIExit(status: 1) }
    }

    /// Steps 2 to 5 of the order above for one card.
    private func write(_ result: IssueCommand.Issued, record: HealthRecord, name: String, outDir: String,
                       codes: CodesFile, codesLine: String) throws {
        let path = outDir + "/" + name
        let temp = outDir + "/" + BatchRecovery.tempPrefix + name
        if !command.force && Files.exists(path) { throw CLIError.fileExists(path) }
        try Files.writeNew(result.fileBytes, to: temp, mode: 0o644)
        Files.syncDirectory(outDir)
        do {
            try codes.append(codesLine)
            try setup.logger?.commit(result.card, record: record)
        } catch {
            unlink(temp)   // not logged: the card never leaves the issuer
            throw error
        }
        do throws(CLIError) {
            try Files.moveIntoPlace(temp, to: path, force: command.force)
        } catch {
            throw CLIError("batch.unplaced", """
                card \(result.card.cardID.hexString) is logged but could not be moved into place (\(error.message)); \
                its complete file is \(temp): run `phrcard log reconcile --dir \(outDir)` or the batch again to finish it
                """)
        }
    }
}

/// The batch codes file: created with mode 0600 (never over an existing file without --force), one synced line per
/// issued card.
final class CodesFile {
    let path: String
    private var fd: Int32

    init(path: String, force: Bool) throws(CLIError) {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL)
        fd = open(path, flags, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw .fileExists(path) }
            throw .unwritable(path, String(cString: strerror(errno)))
        }
    }

    func append(_ line: String) throws(CLIError) {
        let bytes = Array(line.utf8)
        let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard n == bytes.count, fsync(fd) == 0 else { throw .unwritable(path, String(cString: strerror(errno))) }
    }

    func close() {
        if fd >= 0 { Foundation.close(fd); fd = -1 }
    }
}
