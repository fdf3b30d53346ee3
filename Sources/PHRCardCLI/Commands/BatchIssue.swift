import Foundation
import PHRCard

/// `phrcard issue --batch`: one card per non-empty line of a JSON Lines file. Every line ends up as a card (and a
/// line of the codes file) or as a reported failure.
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
        let data = try Files.read(input)
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        try Files.makeDirectory(outDir)
        if let report = command.report { try Files.checkWritable(report, force: command.force) }
        let codes = try CodesFile(path: codesOut, force: command.force)
        defer { codes.close() }

        let width = String(lines.count).count
        let tty = isatty(1) == 1
        let total = lines.count
        var issued: [[String: Any]] = []
        var failures: [Failure] = []
        var processed = 0
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
                try Files.writeAtomically(result.fileBytes, to: path, mode: 0o644, force: command.force)
                try codes.append("\(number)\t\(result.card.cardID.hexString)\t\(result.card.holderCode)\t\(path)\n")
                try setup.logger?.add(result.card, record: record, path: path)
                issued.append(["line": number, "cardId": result.card.cardID.hexString, "file": path,
                               "cardBytes": result.card.bytes.count, "sizeClass": result.card.sizeClass.number,
                               "qrVersion": result.qr.version])
            } catch let e as CLIError where e.code == "file.unwritable" && e.message.contains(codesOut) {
                throw e   // the codes file is broken: stop rather than issue cards whose codes are lost
            } catch let e as PHRCardError where e.code.rawValue.hasPrefix("log.") {
                throw e   // the issuance log is broken: stop rather than hand out cards that are not logged
            } catch {
                let (pairs, _) = Console.lines(for: error)
                failures.append(Failure(line: number, code: pairs.first?.0 ?? "internal", messages: pairs.map(\.1)))
            }
            processed += 1
            progress()
        }
        try setup.logger?.flush()
        progress(final: true)
        for f in failures {
            for m in f.messages { Console.err("line \(f.line): \(f.code): \(m)") }
        }
        let object: [String: Any] = [
            "input": input, "outDir": outDir, "codesFile": codesOut, "issued": issued.count,
            "failed": failures.count, "issuer": setup.options.issuerID, "format": setup.format.rawValue,
            "cards": issued,
            "failures": failures.map { ["line": $0.line, "code": $0.code, "messages": $0.messages] as [String: Any] },
        ]
        if command.json {
            print(Console.json(object), terminator: "")
        } else {
            print("issued \(issued.count), failed \(failures.count) (of \(issued.count + failures.count) records in \(input))")
        }
        if let report = command.report {
            try Files.writeAtomically(Array(Console.json(object).utf8), to: report, mode: 0o644, force: command.force)
        }
        if !failures.isEmpty { throw CLIExit(status: 1) }
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
