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
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .unwritable(path, String(cString: strerror(errno))) }
        var ok = true
        var reason = ""
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    reason = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if ok && fsync(fd) != 0 { ok = false; reason = String(cString: strerror(errno)) }
        close(fd)
        guard ok else {
            unlink(temp)
            throw .unwritable(path, reason)
        }
        if force {
            guard rename(temp, path) == 0 else {
                let r = String(cString: strerror(errno))
                unlink(temp)
                throw .unwritable(path, r)
            }
        } else {
            let status = link(temp, path)
            let err = errno
            unlink(temp)
            if status != 0 {
                if err == EEXIST { throw .fileExists(path) }
                throw .unwritable(path, String(cString: strerror(err)))
            }
        }
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
    static func publicKeyFiles(in dir: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".pub") }.sorted().map { dir + "/" + $0 }
    }
}
