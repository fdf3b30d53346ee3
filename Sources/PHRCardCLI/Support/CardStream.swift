import Foundation
import PHRCard

/// Many cards in one process, for `verify` and `decode`: several CARD arguments, or `--lines` (standard input holds one
/// card text per line). A scanner or a script then pays the process start-up and the loading of the trusted keys once,
/// not per card. Each card gets exactly one result, in input order; blank input lines are skipped (their numbers
/// still count).
enum CardStream {
    /// One card to check: where it came from, and its QR text or why it could not be read.
    struct Item {
        /// `line N` for `--lines`, otherwise the argument (or `argument N` for QR text given directly).
        let label: String
        /// The input line number with `--lines`.
        let line: Int?
        /// The file-level problem (missing file, not an image, ...): the card could not even be read.
        let readError: (any Error)?
        /// The argument to read (arguments), or nil when ``text`` is already known.
        let argument: String?
        let text: String?
    }

    /// Exit status of a run over many cards: 0 when every card is valid (and opened, for `decode`), 1 when at least
    /// one card is not, 2 when at least one input could not be read at all (this wins over 1).
    struct Status {
        private(set) var value: Int32 = 0
        mutating func record(_ status: Int32) { value = max(value, status) }
    }

    /// Calls `body` for every card, in order. With `lines`, standard input is read one line at a time and the output is
    /// flushed whenever the next line is not yet available, so a scanner sees each result at once.
    static func forEach(arguments: [String], lines: Bool, output: OutputBuffer, _ body: (Item) throws -> Void) throws {
        if lines {
            let reader = try LineReader(path: "-")
            reader.beforeBlockingRead = { output.flush() }
            while let raw = try reader.next() {
                if raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                let number = reader.lineNumber
                let text = String(decoding: raw, as: UTF8.self)
                try body(Item(label: "line \(number)", line: number, readError: nil, argument: nil, text: text))
            }
            return
        }
        for (i, argument) in arguments.enumerated() {
            let label = argument.hasPrefix(CardFormat.prefix) ? "argument \(i + 1)" : argument
            try body(Item(label: label, line: nil, readError: nil, argument: argument, text: nil))
        }
    }
}

/// Buffered standard output for result lines: written in large blocks, flushed when the input would block and at the
/// end (a million result lines cost a few hundred `write` calls, not a million).
final class OutputBuffer {
    private var bytes: [UInt8] = []
    private let limit = 1 << 16

    init() { bytes.reserveCapacity(limit + 4096) }

    func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= limit { flush() }
    }

    func append(bytes more: [UInt8]) {
        bytes.append(contentsOf: more)
        if bytes.count >= limit { flush() }
    }

    func flush() {
        guard !bytes.isEmpty else { return }
        fflush(nil)   // whatever `print` buffered comes first
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(1, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// A one-line JSON object built by hand (JSON Lines output of `verify`/`decode`: one object per card). Keys are
/// written in the order given.
struct JSONLine {
    private var text = "{"

    mutating func add(_ key: String, _ value: String) { field(key); Self.quote(value, into: &text) }
    mutating func add(_ key: String, _ value: Int) { field(key); text += String(value) }
    mutating func add(_ key: String, _ value: Bool) { field(key); text += value ? "true" : "false" }
    /// Adds an already serialised JSON value (must be one line).
    mutating func add(_ key: String, raw: String) { field(key); text += raw }

    var line: String { text + "}\n" }

    private mutating func field(_ key: String) {
        if text.utf8.count > 1 { text += "," }
        Self.quote(key, into: &text)
        text += ":"
    }

    /// Appends `value` as a JSON string (RFC 8259 escapes; other characters as they are).
    static func quote(_ value: String, into out: inout String) {
        out += "\""
        var plain = true
        for b in value.utf8 where b < 0x20 || b == 0x22 || b == 0x5C { plain = false; break }
        if plain {
            out += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
