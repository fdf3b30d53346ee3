import Foundation
import PHRFHIR

/// One input that could not be counted: where, why (a stable code) and a message. Reported, never skipped
/// silently.
public struct InputProblem: Error, Sendable, CustomStringConvertible {
    /// The file (or `standard input`).
    public let source: String
    /// The line of a JSON Lines input, or nil for a whole file.
    public let line: Int?
    /// A stable code: the record issue code (`record.invalid-date`, …), a FHIR import code (`fhir.no-patient`,
    /// …), `input.too-large` or `file.unreadable`.
    public let code: String
    /// What is wrong.
    public let message: String

    public var description: String {
        "\(source)\(line.map { ":\($0)" } ?? ""): \(code): \(message)"
    }
}

/// Streams records from files, directories, JSON Lines and standard input (spec/reports.md §2): one record (or
/// IPS Bundle) at a time, so memory does not grow with the number of records.
///
/// - A file named `*.jsonl` or `*.ndjson`, and standard input (`-`), is JSON Lines: one record or Bundle per
///   line (the format of `phrcard issue --batch`); blank lines are skipped.
/// - Any other file is one JSON document: a record, or an IPS document Bundle.
/// - A directory is read recursively in name order: its `*.json`, `*.jsonl` and `*.ndjson` files; other files
///   and names starting with `.` are not inputs and are counted as ignored.
/// A document is a FHIR Bundle when it has a `"resourceType"` member (a record never has one: it would be an
/// unknown field); it is then imported with the library's FHIR importer (non-strict: what the record model cannot
/// carry is dropped, as `phrcard issue --fhir` does).
public final class RecordStream {
    /// The largest single document or line: the FHIR importer's limit.
    public static let maxDocumentBytes = 4 * 1_048_576

    private let onItem: (Item) -> Void
    /// Files in directories that were not inputs (by name).
    public private(set) var ignored: [String] = []
    /// Files read.
    public private(set) var files = 0

    /// One unparsed document (a file or a JSON line) and where it came from.
    public struct Document: Sendable {
        /// The document's bytes (JSON).
        public let bytes: [UInt8]
        /// The file it came from (`standard input` for `-`).
        public let source: String
        /// Its line number in a JSON Lines input, nil for a whole file.
        public let line: Int?
    }

    /// What the stream hands on, in input order: a document to parse, or an input already rejected (unreadable,
    /// too large).
    public enum Item: Sendable {
        /// A document to parse.
        case document(Document)
        /// An input rejected before parsing (unreadable, too large).
        case problem(InputProblem)
    }

    /// Creates a stream that calls `onRecord` for every valid record and `onProblem` for every rejected input,
    /// parsing on the reading thread.
    public convenience init(onRecord: @escaping (HealthRecord) -> Void, onProblem: @escaping (InputProblem) -> Void) {
        self.init(onItem: { item in
            switch item {
            case .problem(let problem): onProblem(problem)
            case .document(let document):
                switch RecordStream.parse(document) {
                case .success(let record): onRecord(record)
                case .failure(let problem): onProblem(problem)
                }
            }
        })
    }

    /// Creates a stream that hands every document and rejected input, unparsed and in input order, to `onItem`
    /// (``ParallelAggregator`` parses them on several threads).
    public init(onItem: @escaping (Item) -> Void) {
        self.onItem = onItem
    }

    private func onProblem(_ problem: InputProblem) { onItem(.problem(problem)) }

    /// Reads one input path (`-` for standard input).
    /// - Throws: `file.unreadable` as an ``InputProblem``-carrying error when a named input does not exist.
    public func read(_ path: String) throws(ReportInputError) {
        if path == "-" {
            files += 1
            readLines(fd: 0, source: "standard input")
            return
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReportInputError(path: path, reason: "no such file or directory")
        }
        if isDirectory.boolValue {
            readDirectory(path)
        } else {
            readFile(path)
        }
    }

    private func readDirectory(_ path: String) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            onProblem(InputProblem(source: path, line: nil, code: "file.unreadable", message: "cannot list the directory"))
            return
        }
        for name in names {
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            if name.hasPrefix(".") { ignored.append(child); continue }
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                readDirectory(child)
            } else if Self.isLines(name) || name.lowercased().hasSuffix(".json") {
                readFile(child)
            } else {
                ignored.append(child)
            }
        }
    }

    static func isLines(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson")
    }

    private func readFile(_ path: String) {
        files += 1
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            onProblem(InputProblem(source: path, line: nil, code: "file.unreadable", message: String(cString: strerror(errno))))
            return
        }
        defer { close(fd) }
        if Self.isLines(path) {
            readLines(fd: fd, source: path)
            return
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                onProblem(InputProblem(source: path, line: nil, code: "file.unreadable", message: String(cString: strerror(errno))))
                return
            }
            if n == 0 { break }
            bytes += chunk[0..<n]
            if bytes.count > Self.maxDocumentBytes {
                onProblem(InputProblem(source: path, line: nil, code: "input.too-large",
                                       message: "larger than \(Self.maxDocumentBytes) bytes (the FHIR Bundle limit)"))
                return
            }
        }
        document(bytes[...], source: path, line: nil)
    }

    /// Reads JSON Lines in 1 MiB chunks; a line longer than the document limit is reported and skipped to its end.
    private func readLines(fd: Int32, source: String) {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var pending: [UInt8] = []
        var lineNumber = 0
        var overlong = false
        func finish(_ line: ArraySlice<UInt8>) {
            lineNumber += 1
            if overlong {
                overlong = false
                onProblem(InputProblem(source: source, line: lineNumber, code: "input.too-large",
                                       message: "the line is longer than \(Self.maxDocumentBytes) bytes"))
                return
            }
            var line = line
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            document(line, source: source, line: lineNumber)
        }
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                onProblem(InputProblem(source: source, line: lineNumber + 1, code: "file.unreadable",
                                       message: String(cString: strerror(errno))))
                return
            }
            if n == 0 { break }
            var start = 0
            let view = chunk[0..<n]
            while let newline = view[start...].firstIndex(of: 0x0A) {
                if overlong || pending.count + (newline - start) > Self.maxDocumentBytes {
                    overlong = true
                    pending.removeAll(keepingCapacity: true)
                    finish(view[start..<start])
                } else if pending.isEmpty {
                    finish(view[start..<newline])
                } else {
                    pending += view[start..<newline]
                    finish(pending[...])
                    pending.removeAll(keepingCapacity: true)
                }
                start = newline + 1
            }
            if !overlong {
                pending += view[start..<n]
                if pending.count > Self.maxDocumentBytes {
                    overlong = true
                    pending.removeAll()
                }
            }
        }
        if !pending.isEmpty || overlong { finish(pending[...]) }
    }

    private func document(_ bytes: ArraySlice<UInt8>, source: String, line: Int?) {
        onItem(.document(Document(bytes: Array(bytes), source: source, line: line)))
    }

    /// Parses a document: a record, or an IPS Bundle imported as a record.
    public static func parse(_ document: Document) -> Result<HealthRecord, InputProblem> {
        let array = document.bytes
        if looksLikeFHIR(array) {
            do {
                return .success(try FHIRImport.record(fromBundle: array).record)
            } catch {
                return .failure(InputProblem(source: document.source, line: document.line, code: error.code, message: error.message))
            }
        }
        do {
            return .success(try HealthRecord(jsonData: array))
        } catch {
            let first = error.issues.first
            let more = error.issues.count > 1 ? " (and \(error.issues.count - 1) more problem\(error.issues.count > 2 ? "s" : ""))" : ""
            return .failure(InputProblem(source: document.source, line: document.line, code: first?.code ?? error.code,
                                         message: (first?.description ?? "invalid record") + more))
        }
    }

    /// Whether the bytes contain `"resourceType"` as a JSON string (unescaped quotes: a member name or a value).
    static func looksLikeFHIR(_ bytes: [UInt8]) -> Bool {
        let needle = Array("\"resourceType\"".utf8)
        guard bytes.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == 0x22 && bytes[i + 1] == 0x72 && Array(bytes[i..<i + needle.count]) == needle { return true }
            i += 1
        }
        return false
    }
}

/// A named input that does not exist or cannot be opened (`file.unreadable`, exit 2).
public struct ReportInputError: Error, Sendable {
    /// The input as given.
    public let path: String
    /// Why it cannot be read.
    public let reason: String
    /// Always `file.unreadable`.
    public var code: String { "file.unreadable" }
    /// The message shown after the code.
    public var message: String { "cannot read \(path): \(reason)" }
}
