import Foundation
import PHRCard

/// What an interrupted batch can leave in its output directory, and how it is repaired (see ``BatchIssue`` for the
/// order of operations that makes this complete).
///
/// A batch writes each card first as `DIR/.tmp-<name>` (complete and synced), then appends its codes line, commits its
/// log row, and only then gives it its final name `DIR/<name>`. So a `.tmp-` file whose card id is in the issuance
/// log is a complete, logged card whose rename was cut off: it is **completed** (renamed into place). A `.tmp-` file
/// whose card id is not logged never became a card: it is **removed**.
enum BatchRecovery {
    /// The prefix of a card file that is not yet in place.
    static let tempPrefix = ".tmp-"

    /// What ``reconcile(dir:isLogged:)`` did.
    struct Outcome {
        /// Final paths of logged cards whose files were moved into place.
        var completed: [String] = []
        /// Temporary files of cards that were never logged, now deleted.
        var removed: [String] = []
        /// Temporary files left alone, with the reason (e.g. a different file already has the final name).
        var kept: [(path: String, reason: String)] = []

        var isEmpty: Bool { completed.isEmpty && removed.isEmpty && kept.isEmpty }

        /// One line per action, for stderr.
        var lines: [String] {
            completed.map { "recovered \($0): its card was logged before an interruption; the file is now in place" }
                + removed.map { "removed \($0): an unfinished card that was never logged (interrupted run)" }
                + kept.map { "kept \($0.path): \($0.reason)" }
        }

        var object: [String: Any] {
            ["completed": completed, "removed": removed,
             "kept": kept.map { ["file": $0.path, "reason": $0.reason] as [String: Any] }]
        }
    }

    /// The card id in a batch card file name `<line>-<16 hex digits>.<ext>`, or nil if it is not one.
    static func cardID(inName name: String) -> [UInt8]? {
        let parts = name.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber) else { return nil }
        let rest = parts[1]
        guard let dot = rest.firstIndex(of: "."), rest.distance(from: rest.startIndex, to: dot) == 2 * CardFormat.ctiLength,
              let id = [UInt8](hexString: String(rest[..<dot])), id.count == CardFormat.ctiLength else { return nil }
        return id
    }

    /// Whether a card id is in the issuance log of the current home (false when there is no log yet).
    static func logLookup() throws -> ([UInt8]) throws -> Bool {
        let path = TrustStore.home.issuanceLogPath
        guard Files.exists(path) else { return { _ in false } }
        let log = try IssuanceLog(path: path)
        return { id in !(try log.find(cardID: id)).isEmpty }
    }

    /// Completes or removes every `.tmp-<card file>` in `dir` (other files are not touched).
    /// - Throws: what `isLogged` throws (the log cannot be read): then nothing more is changed.
    static func reconcile(dir: String, isLogged: ([UInt8]) throws -> Bool) throws -> Outcome {
        var outcome = Outcome()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        for tempName in names where tempName.hasPrefix(tempPrefix) {
            let name = String(tempName.dropFirst(tempPrefix.count))
            guard let id = cardID(inName: name) else { continue }
            let temp = dir + "/" + tempName, final = dir + "/" + name
            guard try isLogged(id) else {
                if unlink(temp) == 0 { outcome.removed.append(temp) } else {
                    outcome.kept.append((temp, "cannot remove it: \(String(cString: strerror(errno)))"))
                }
                continue
            }
            var a = stat(), b = stat()
            if lstat(final, &b) == 0 {
                if lstat(temp, &a) == 0, a.st_ino == b.st_ino, a.st_dev == b.st_dev {
                    unlink(temp)   // interrupted between link and unlink: the card is already in place
                    outcome.completed.append(final)
                } else {
                    outcome.kept.append((temp, "card \(id.hexString) is logged but another file is named \(final)"))
                }
                continue
            }
            do throws(CLIError) {
                try Files.moveIntoPlace(temp, to: final, force: false)
                outcome.completed.append(final)
            } catch {
                outcome.kept.append((temp, "card \(id.hexString) is logged but cannot be moved into place: \(error.message)"))
            }
        }
        if !outcome.completed.isEmpty || !outcome.removed.isEmpty { Files.syncDirectory(dir) }
        return outcome
    }

    /// Takes an exclusive lock on the directory for this process (released when it exits, even when killed), so
    /// two batches never write to, or repair, the same directory at once.
    /// - Returns: the descriptor holding the lock (close it to release).
    /// - Throws: `batch.busy` when another process holds it, `file.unwritable` if the directory cannot be opened.
    static func lock(dir: String) throws(CLIError) -> Int32 {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .unwritable(dir, String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw CLIError("batch.busy", "another phrcard process is writing cards to \(dir); wait for it to finish")
        }
        return fd
    }
}
