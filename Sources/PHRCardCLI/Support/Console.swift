import Foundation
import PHRCard
import PHRReports
import PHRToolSupport

/// Writing to stdout/stderr and turning errors into `error: <code>: <message>` lines and exit statuses.
enum Console {
    /// Writes a line to standard error.
    static func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes text to standard error as it is (no line break added), e.g. an updating progress line.
    static func errRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes raw bytes to standard output (after flushing what `print` buffered).
    static func out(bytes: [UInt8]) {
        fflush(nil)
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Writes `error: <code>: <message>` lines (one per line of a multi-line message) to standard error.
    static func report(code: String, message: String) {
        for line in message.split(separator: "\n", omittingEmptySubsequences: true) {
            err("error: \(code): \(line.trimmingCharacters(in: .whitespaces))")
        }
    }

    /// The error lines for any error this tool knows, and the exit status it maps to.
    ///
    /// Exit statuses: 2 for usage errors, missing or unreadable files, unusable keys and images that are not PNG or
    /// JPEG; 1 for everything that concerns the card or the record (invalid, not verifiable, not openable).
    static func lines(for error: any Error) -> (lines: [(String, String)], status: Int32) {
        switch error {
        case let e as CLIError:
            return ([(e.code, e.message)], e.exitStatus)
        case let e as ReportError:
            return ([(e.code, e.message)], e.kind == .rendering ? 1 : 2)
        case let e where ErrorLines.lines(for: e) != nil:
            let (lines, usage) = ErrorLines.lines(for: e)!
            return (lines.map { ($0.code, $0.message) }, usage ? 2 : 1)
        default:
            return ([("internal", "\(error)")], 1)
        }
    }

    /// Whether the error is one this tool reports itself (not one of ArgumentParser's).
    static func isToolError(_ error: any Error) -> Bool {
        error is CLIError || error is CLIExit || error is RecordValidationError || error is PHRCardError
            || error is ImagingError || error is CryptoError || error is FHIRError || error is ReportError
    }

    /// Reports an error on standard error and returns its exit status.
    static func fail(_ error: any Error) -> Int32 {
        if let exit = error as? CLIExit { return exit.status }
        let (lines, status) = lines(for: error)
        for (code, message) in lines { report(code: code, message: message) }
        return status
    }

    /// Serialises a JSON object for `--json` output: sorted keys, two-space indentation, trailing newline.
    static func json(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object,
                                                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
