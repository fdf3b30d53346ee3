import Foundation
import PHRCard

/// `phrcard issue --batch`: one card per non-empty line of a JSON Lines file. Every line ends up as a card (and a
/// line of the codes file) or as a reported failure.
///
/// Order of operations for each card (crash consistency, spec/trust.md §6.1):
///  1. issue the card in memory (scrypt-bound, ~45 ms);
///  2. write it to `DIR/.tmp-<name>` (`O_EXCL`), `fsync` it and DIR (which also makes the previous card's rename
///     durable; the last one's is synced when the loop ends);
///  3. append its line to the codes file, `fsync`;
///  4. append its issuance-log row in its own transaction and `COMMIT` (WAL, `synchronous=FULL`);
///  5. give it its final name `DIR/<name>` (`rename`, or `link` + `unlink` without --force).
///
/// Cost (debug build, 100 text cards): about 10 ms per card over one transaction per 100 cards, against ~100 ms
/// of issuing; the fsyncs only matter for power loss, a killed process loses nothing the kernel already has.
///
/// So at every instant, even under SIGKILL or power loss:
///  - every card file under its final name is logged and has its codes line (5 comes after 3 and 4);
///  - every logged card has its codes line, and has its final file except at most one, the last logged, whose
///    complete file is still `DIR/.tmp-<name>` (killed between 4 and 5);
///  - every codes line's card is logged except at most the last line (killed between 3 and 4), whose card has at
///    most a `DIR/.tmp-<name>` file, never a final one;
///  - at most one `DIR/.tmp-<name>` exists (the card in progress); nothing else is ever half-written.
/// The next batch into DIR (or `phrcard log reconcile --dir DIR`) repairs the one window: it renames a logged
/// `.tmp-` card into place and deletes an unlogged one (``BatchRecovery``), after which "card files ⇔ log rows" holds
/// exactly. Batches lock DIR (`flock`), so two never write to it at once.
///
/// SIGINT and SIGTERM (``InterruptWatcher``) are checked between cards: the card in progress is finished (all five
/// steps), no new line is started, the codes file, log and report hold every card written, the summary says
/// `interrupted after N of M lines: K cards written and logged; rerun with the remaining lines (N+1 to M)`, and the
/// exit status is 128 + the signal number: 130 for SIGINT, 143 for SIGTERM. A second signal ends the process at once
/// (the order above keeps that safe).
struct BatchIssue {
    let command: IssueCommand
    let setup: IssueCommand.Setup
    let input: String

    struct Failure {
        let line: Int
        let code: String
        let messages: [String]
    }

    func run() throws {
        guard let outDir = command.outDir, let codesOut = command.codesOut else { return }
        let watcher = InterruptWatcher()
        defer { watcher.stop() }
        let data = try Files.read(input)
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        try Files.makeDirectory(outDir)
        let lockFD = try BatchRecovery.lock(dir: outDir)
        defer { close(lockFD) }
        let recovery = try BatchRecovery.reconcile(dir: outDir, isLogged: BatchRecovery.logLookup())
        for line in recovery.lines { Console.err(line) }
        if let report = command.report { try Files.checkWritable(report, force: command.force) }
        let codes = try CodesFile(path: codesOut, force: command.force)
        defer { codes.close() }

        let width = String(lines.count).count
        let tty = isatty(1) == 1
        let total = lines.count
        var issued: [[String: Any]] = []
        var failures: [Failure] = []
        var processed = 0
        var interrupted: Int32?
        func progress(final: Bool = false) {
            if command.json { return }
            let text = "\(processed)/\(total) lines: issued \(issued.count), failed \(failures.count)"
            if tty {
                print("\r\u{1B}[K" + text, terminator: final ? "\n" : "")
                fflush(nil)
            } else if !final && processed % 10 == 0 {
                print("progress: " + text)
            }
        }
        for (index, raw) in lines.enumerated() {
            if let signo = watcher.caught { interrupted = signo; break }
            let number = index + 1
            let isBlank = raw.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if isBlank { processed += 1; continue }
            do {
                let record = try HealthRecord(jsonData: Array(raw))
                let result = try IssueCommand.issueOne(record, setup: setup, ecc: command.ecc.level,
                                                       moduleMm: command.moduleMm, dpi: command.dpi)
                let padded = String(repeating: "0", count: width - String(number).count) + String(number)
                let name = "\(padded)-\(result.card.cardID.hexString).\(setup.format.rawValue)"
                let path = outDir + "/" + name
                try write(result, record: record, name: name, outDir: outDir, codes: codes,
                          codesLine: "\(number)\t\(result.card.cardID.hexString)\t\(result.card.holderCode)\t\(path)\n")
                issued.append(["line": number, "cardId": result.card.cardID.hexString, "file": path,
                               "cardBytes": result.card.bytes.count, "sizeClass": result.card.sizeClass.number,
                               "qrVersion": result.qr.version])
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
            processed += 1
            progress()
        }
        Files.syncDirectory(outDir)   // the last card's rename
        try setup.logger?.flush()
        progress(final: true)
        for f in failures {
            for m in f.messages { Console.err("line \(f.line): \(f.code): \(m)") }
        }
        var object: [String: Any] = [
            "input": input, "outDir": outDir, "codesFile": codesOut, "issued": issued.count,
            "failed": failures.count, "issuer": setup.options.issuerID, "format": setup.format.rawValue,
            "cards": issued,
            "failures": failures.map { ["line": $0.line, "code": $0.code, "messages": $0.messages] as [String: Any] },
        ]
        if !recovery.isEmpty { object["recovery"] = recovery.object }
        var interruption: String?
        if let signo = interrupted {
            let remaining = processed < total ? " (\(processed + 1) to \(total))" : ""
            interruption = "interrupted after \(processed) of \(total) lines: \(issued.count) cards written"
                + (setup.logger == nil ? "; " : " and logged; ")
                + "rerun with the remaining lines\(remaining)"
            object["interrupted"] = ["signal": InterruptWatcher.name(signo), "linesDone": processed, "lines": total,
                                     "cards": issued.count, "nextLine": processed + 1,
                                     "message": interruption ?? ""] as [String: Any]
        }
        if command.json {
            print(Console.json(object), terminator: "")
        } else {
            print("issued \(issued.count), failed \(failures.count) (of \(issued.count + failures.count) records in \(input))")
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
