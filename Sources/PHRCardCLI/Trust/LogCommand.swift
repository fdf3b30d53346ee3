import ArgumentParser
import Foundation
import PHRCard
import PHRToolSupport

/// `phrcard log`: the issuer's append-only record of the cards it issued.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List and search the issuance log ($PHRCARD_HOME/issuance-log.sqlite).",
        discussion: """
            `phrcard issue` appends every card it writes (unless --no-log): card id, issuer key, dates, size class, \
            reader tiers and kids, and a keyed hash of the holder's identity (no name or health data in clear). \
            `log find --holder RECORD.json` recomputes that hash with the issuer's holder-hash key in \
            $PHRCARD_HOME/keys/ to find every card issued to that person, e.g. to revoke them.

            Examples:
              phrcard log list --limit 20
              phrcard log find --card 0123456789abcdef
              phrcard log find --holder amina.json --json
              phrcard log reconcile --dir cards
            """,
        subcommands: [LogList.self, LogFind.self, LogReconcile.self])

    /// Opens the log read-side (it must exist).
    static func open() throws -> IssuanceLog {
        let path = TrustStore.home.issuanceLogPath
        guard Files.exists(path) else { throw CLIError.unreadable(path, "no such file (no card has been issued with this PHRCARD_HOME)") }
        return try IssuanceLog(path: path)
    }

    static func object(_ e: IssuanceLogEntry) -> [String: Any] {
        ["cardId": e.cardID.hexString, "issuerKid": e.issuerKid.description, "issuedAt": ISODate.format(e.issuedAt),
         "expiresAt": ISODate.format(e.expiresAt), "sizeClass": e.sizeClass, "tiers": e.tiers.map(\.name),
         "readerKids": e.readerKids.map(\.description), "holderHash": e.holderHash.hexString]
    }

    static func line(_ e: IssuanceLogEntry) -> String {
        "\(e.cardID.hexString)  key \(e.issuerKid)  issued \(ISODate.format(e.issuedAt))  expires \(ISODate.formatDay(e.expiresAt))  class \(e.sizeClass)  readers \(e.readerKids.count)\(e.tiers.isEmpty ? "" : " (" + e.tiers.map(\.name).joined(separator: ",") + ")")"
    }

    static func print(_ entries: [IssuanceLogEntry], json: Bool, total: Int?) {
        if json {
            var o: [String: Any] = ["count": entries.count, "entries": entries.map(object)]
            if let total { o["total"] = total }
            Swift.print(Console.json(o), terminator: "")
        } else {
            for e in entries { Swift.print(line(e)) }
            Swift.print("\(entries.count) card(s)" + (total.map { " of \($0) logged" } ?? ""))
        }
    }
}

struct LogList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The most recently issued cards, newest first.")
    @Option(help: "How many cards to show.") var limit = 100
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws { guard limit >= 0 else { throw ValidationError("--limit must not be negative") } }

    func run() throws {
        let log = try LogCommand.open()
        LogCommand.print(try log.list(limit: limit), json: json, total: try log.count())
    }
}

struct LogFind: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "find", abstract: "Find cards by card id or by holder.")
    @Option(help: "A card id (16 hex digits).") var card: String?
    @Option(help: "A record (JSON) whose holder identity (name, birth date, identifiers) to look for.") var holder: String?
    @Option(help: "With --holder: the issuer key whose holder-hash key to use (16 hex digits). Default: every issuer key with a holder-hash key in $PHRCARD_HOME/keys/.")
    var issuerKid: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        guard (card == nil) != (holder == nil) else { throw ValidationError("give exactly one of --card CTI and --holder RECORD.json") }
    }

    func run() throws {
        let log = try LogCommand.open()
        if let card {
            guard let bytes = [UInt8](hexString: card.lowercased()), bytes.count == CardFormat.ctiLength else {
                throw CLIError.usage("bad-card-id", "\"\(card)\" is not a card id (16 hex digits)")
            }
            LogCommand.print(try log.find(cardID: bytes), json: json, total: nil)
            return
        }
        guard let holder else { return }
        let record = try HealthRecord(jsonData: Files.read(holder))
        let home = TrustStore.home
        let kids: [KeyID]
        if let issuerKid {
            kids = [try TrustFiles.kid(issuerKid)]
        } else {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: home.path + "/keys")) ?? []
            kids = names.sorted().compactMap { name -> KeyID? in
                guard name.hasPrefix("holder-hash-"), name.hasSuffix(".key") else { return nil }
                return try? TrustFiles.kid(String(name.dropFirst(12).dropLast(4)))
            }
        }
        var found: [IssuanceLogEntry] = []
        for kid in kids {
            let key = try home.holderHashKey(issuer: kid)
            found += try log.find(holderHash: key.hash(record.holder)).filter { $0.issuerKid == kid }
        }
        LogCommand.print(found, json: json, total: nil)
    }
}

struct LogReconcile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Repair a batch output directory after an interrupted or killed `issue --batch`.",
        discussion: """
            A batch writes each card as DIR/.tmp-<name>, logs it, then renames it to DIR/<name>. After a kill at most \
            one .tmp- file is left: if its card is in the issuance log it is renamed into place (the card is complete \
            and its codes line was written), otherwise it is deleted (the card was never issued). Afterwards every \
            card file in DIR is logged and every card logged for DIR has its file. `issue --batch` does the same when \
            it starts. Exit status 0, or 1 if a file had to be left alone (listed).
            """)
    @Option(help: "The batch output directory.") var dir: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw CLIError.unreadable(dir, "no such directory")
        }
        let lockFD = try BatchRecovery.lock(dir: dir)
        defer { close(lockFD) }
        let outcome = try BatchRecovery.reconcile(dir: dir, isLogged: BatchRecovery.logLookup())
        if json {
            Swift.print(Console.json(outcome.object), terminator: "")
        } else {
            for line in outcome.lines { Swift.print(line) }
            Swift.print("\(outcome.completed.count) recovered, \(outcome.removed.count) removed, \(outcome.kept.count) left alone")
        }
        if !outcome.kept.isEmpty { throw CLIExit(status: 1) }
    }
}

/// Appends issued cards to the issuance log in step with the card files (spec/trust.md §6.1).
///
/// Single cards (`add` + `flush`): collected after their files are in place and appended in one transaction, after
/// the directories holding them were synced. Batches (`commit`): each card in its own transaction, after its complete
/// file was synced under a temporary name and before it is renamed into place (see ``BatchIssue``).
final class IssuanceLogger {
    static let chunkSize = 100
    private let log: IssuanceLog
    private let key: HolderHashKey
    private let signer: IssuerPublicKey
    private let readers: [ReaderGrant]
    private var pending: [IssuanceLogEntry] = []
    private var directories: Set<String> = []
    /// How many cards were logged.
    private(set) var logged = 0

    /// Opens the log of the current home, or returns nil with `--no-log`.
    static func open(signer: IssuerPublicKey, readers: [ReaderGrant], disabled: Bool) throws -> IssuanceLogger? {
        if disabled { return nil }
        let home = TrustStore.home
        return IssuanceLogger(log: try IssuanceLog(path: home.issuanceLogPath),
                              key: try home.holderHashKey(issuer: signer.kid, create: true), signer: signer, readers: readers)
    }

    private init(log: IssuanceLog, key: HolderHashKey, signer: IssuerPublicKey, readers: [ReaderGrant]) {
        self.log = log
        self.key = key
        self.signer = signer
        self.readers = readers
    }

    /// Records a card whose file is already at `path`; appends the chunk when it is full.
    func add(_ card: IssuedCard, record: HealthRecord, path: String) throws {
        pending.append(IssuanceLogEntry(card: card, record: record, signingKey: signer, readers: readers, holderKey: key))
        let dir = (path as NSString).deletingLastPathComponent
        directories.insert(dir.isEmpty ? "." : dir)
        if pending.count >= Self.chunkSize { try flush() }
    }

    /// Appends one card now, in its own transaction (committed and synced when this returns).
    /// - Throws: `log.*` with a message saying the card is not logged.
    func commit(_ card: IssuedCard, record: HealthRecord) throws {
        let entry = IssuanceLogEntry(card: card, record: record, signingKey: signer, readers: readers, holderKey: key)
        do {
            try log.append([entry])
        } catch {
            throw PHRCardError(error.code, "\(error.message); card \(card.cardID.hexString) is not in the issuance log (\(log.path))")
        }
        logged += 1
    }

    /// Whether a card with this id is in the log (under any issuer key).
    func isLogged(cardID: [UInt8]) throws -> Bool {
        !(try log.find(cardID: cardID)).isEmpty
    }

    /// Syncs the directories of the pending cards and appends them in one transaction.
    func flush() throws {
        guard !pending.isEmpty else { return }
        for dir in directories {
            let fd = Foundation.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0 { _ = fsync(fd); close(fd) }
        }
        directories = []
        do {
            try log.append(pending)
        } catch {
            throw PHRCardError(error.code, "\(error.message); \(pending.count) card(s) just written are not in the issuance log (\(log.path)): do not hand them out, issue them again")
        }
        logged += pending.count
        pending = []
    }
}
