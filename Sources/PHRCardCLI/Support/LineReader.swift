import Foundation

/// Reads a file one line at a time through a fixed buffer, so that a batch of any length is read in constant memory
/// (`issue --batch`, `verify --lines`, `decode --lines`). Lines end at `\n`; a final line without one still counts.
/// Standard input (`-`) is read the same way.
final class LineReader {
    /// The longest line accepted (a record or a card text is far shorter).
    static let maxLineBytes = 4 << 20
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let name: String
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// The number of the line returned last (1-based).
    private(set) var lineNumber = 0
    /// Runs before each `read` that may wait for input (e.g. to flush the results so far to a waiting scanner).
    var beforeBlockingRead: (() -> Void)?

    /// Opens `path`, or standard input for `-`.
    /// - Throws: `file.unreadable` (exit 2).
    init(path: String) throws(CLIError) {
        name = path == "-" ? "standard input" : path
        if path == "-" {
            fd = 0
            ownsDescriptor = false
            return
        }
        var st = stat()
        guard stat(path, &st) == 0 else { throw .unreadable(path, String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) != S_IFDIR else { throw .unreadable(path, "it is a directory") }
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path, String(cString: strerror(errno))) }
        ownsDescriptor = true
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// The next line without its `\n` (and without a `\r` before it), or nil at the end of the file.
    /// - Throws: `file.unreadable` on a read error or a line longer than ``maxLineBytes``.
    func next() throws(CLIError) -> [UInt8]? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                var line = buffer[start..<newline]
                start = newline + 1
                if line.last == 0x0D { line = line.dropLast() }
                lineNumber += 1
                return Array(line)
            }
            if atEOF {
                guard start < end else { return nil }
                var line = buffer[start..<end]
                start = end
                if line.last == 0x0D { line = line.dropLast() }
                lineNumber += 1
                return Array(line)
            }
            try fill()
        }
    }

    /// Counts the lines left (as ``next()`` would return them) without keeping them, then rewinds a regular file.
    /// Returns nil for standard input or a pipe, which cannot be read twice.
    func countRemainingLines() throws(CLIError) -> Int? {
        guard ownsDescriptor, lseek(fd, 0, SEEK_CUR) == 0, start == 0, end == 0 else { return nil }
        var count = 0
        var lastByte: UInt8 = 0x0A
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(name, String(cString: strerror(errno)))
            }
            if n == 0 { break }
            for i in 0..<n where chunk[i] == 0x0A { count += 1 }
            lastByte = chunk[n - 1]
        }
        if lastByte != 0x0A { count += 1 }
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw .unreadable(name, String(cString: strerror(errno))) }
        return count
    }

    private func fill() throws(CLIError) {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    let base = raw.baseAddress!
                    memmove(base, base + start, remaining)
                }
            }
            start = 0
            end = remaining
        }
        if end == buffer.count {
            guard buffer.count < Self.maxLineBytes else {
                throw .unreadable(name, "line \(lineNumber + 1) is longer than \(Self.maxLineBytes) bytes")
            }
            buffer += [UInt8](repeating: 0, count: buffer.count)
        }
        beforeBlockingRead?()
        let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + end, raw.count - end) }
        if n < 0 {
            if errno == EINTR { return }
            throw .unreadable(name, String(cString: strerror(errno)))
        }
        if n == 0 { atEOF = true } else { end += n }
    }
}
