import Foundation

/// File input and output with the guarantees the commands promise: atomic writes (temporary file + rename or
/// link), no overwriting without `--force`, private files created with mode 0600 from the start.
enum Files {
    /// The largest input file read (records, keys, card texts, images).
    static let maxInputBytes = 64 << 20

    /// Reads a whole file, or standard input for `-`.
    /// - Throws: `file.unreadable` (exit 2).
    static func read(_ path: String) throws(CLIError) -> [UInt8] {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard data.count <= maxInputBytes else { throw .unreadable("standard input", "more than \(maxInputBytes) bytes") }
            return [UInt8](data)
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw .unreadable(path, "no such file")
        }
        guard !isDir.boolValue else { throw .unreadable(path, "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path, "permission denied") }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maxInputBytes + 1) ?? Data() } catch {
            throw .unreadable(path, "\(error.localizedDescription)")
        }
        guard data.count <= maxInputBytes else { throw .unreadable(path, "larger than \(maxInputBytes) bytes") }
        return [UInt8](data)
    }

    /// Reads a UTF-8 text file.
    static func readText(_ path: String) throws(CLIError) -> String {
        let bytes = try read(path)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .unreadable(path, "not UTF-8 text") }
        return text
    }

    /// Reads a passphrase file: its first line, without the line break.
    static func readPassphrase(_ path: String?) throws(CLIError) -> [UInt8]? {
        guard let path else { return nil }
        let text = try readText(path)
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
        guard !trimmed.isEmpty else { throw CLIError.usage("empty-passphrase", "the passphrase file \(path) is empty") }
        return Array(trimmed.utf8)
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Fails with `file.exists` when `path` exists and overwriting is not allowed.
    static func checkWritable(_ path: String, force: Bool) throws(CLIError) {
        if !force && exists(path) { throw .fileExists(path) }
        let dir = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir.isEmpty ? "." : dir, isDirectory: &isDir) || !isDir.boolValue {
            throw .unwritable(path, "the directory \(dir) does not exist")
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory, created with
    /// `O_CREAT|O_EXCL` and `mode`, written and synced, then renamed over `path` (with `force`) or hard-linked to
    /// `path` (without, so that an existing file is never replaced, even one created meanwhile).
    /// - Throws: `file.exists`, `file.unwritable`.
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, force: Bool) throws(CLIError) {
        try checkWritable(path, force: force)
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temp = (dir.isEmpty ? "" : dir + "/") + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        if let reason = createSynced(bytes, at: temp, mode: mode) { throw .unwritable(path, reason.text) }
        do throws(CLIError) {
            try moveIntoPlace(temp, to: path, force: force)
        } catch {
            unlink(temp)
            throw error
        }
    }

    /// Creates `path` (which must not exist) with `mode`, writes `bytes` and syncs the file. On failure the file is
    /// removed.
    /// - Throws: `file.exists`, `file.unwritable`.
    static func writeNew(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(CLIError) {
        guard let failure = createSynced(bytes, at: path, mode: mode) else { return }
        if failure.errno == EEXIST { throw .fileExists(path) }
        throw .unwritable(path, failure.text)
    }

    /// Creates, writes and syncs a new file; returns why it failed (the file is then removed), or nil.
    private static func createSynced(_ bytes: [UInt8], at path: String, mode: mode_t) -> (errno: Int32, text: String)? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { return (errno, String(cString: strerror(errno))) }
        var failure: (errno: Int32, text: String)?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = (errno, String(cString: strerror(errno)))
                    return
                }
                offset += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = (errno, String(cString: strerror(errno))) }
        close(fd)
        if failure != nil { unlink(path) }
        return failure
    }

    /// Gives the complete file `temp` its final name `path` in the same directory: `rename` (with `force`), or
    /// `link` then `unlink` (without, so an existing file is never replaced). On failure `temp` is left in place.
    /// - Throws: `file.exists`, `file.unwritable`.
    static func moveIntoPlace(_ temp: String, to path: String, force: Bool) throws(CLIError) {
        if force {
            guard rename(temp, path) == 0 else { throw .unwritable(path, String(cString: strerror(errno))) }
            return
        }
        guard link(temp, path) == 0 else {
            if errno == EEXIST { throw .fileExists(path) }
            throw .unwritable(path, String(cString: strerror(errno)))
        }
        unlink(temp)
    }

    /// Syncs a directory, so the names created or renamed in it survive a crash. Best effort.
    static func syncDirectory(_ dir: String) {
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    /// Creates a directory (and its parents) if missing, with `mode` for the directories created.
    static func makeDirectory(_ path: String, mode: Int = 0o755) throws(CLIError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw .unwritable(path, "it exists and is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: mode])
        } catch {
            throw .unwritable(path, error.localizedDescription)
        }
    }

    /// The `.pub` files in a directory, sorted by name.
    static func publicKeyFiles(in dir: String) -> [String] { Home.publicKeyFiles(in: dir) }
}
