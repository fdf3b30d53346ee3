import Foundation

/// An error that only the command line raises (files, usage, image geometry). Library errors keep their own codes.
struct CLIError: Error, CustomStringConvertible, Sendable {
    /// A stable dotted lowercase code such as `file.exists`.
    let code: String
    /// What went wrong, where, and what to do about it.
    let message: String
    /// The process exit status this error leads to (2 for usage and file problems).
    let exitStatus: Int32

    init(_ code: String, _ message: String, exitStatus: Int32 = 2) {
        self.code = code
        self.message = message
        self.exitStatus = exitStatus
    }

    var description: String { "\(code): \(message)" }

    /// An output file exists and `--force` was not given.
    static func fileExists(_ path: String) -> CLIError {
        CLIError("file.exists", "\(path) already exists; refusing to overwrite it (use --force to replace it)")
    }

    /// An input file cannot be read.
    static func unreadable(_ path: String, _ reason: String) -> CLIError {
        CLIError("file.unreadable", "cannot read \(path): \(reason)")
    }

    /// An output file cannot be written.
    static func unwritable(_ path: String, _ reason: String) -> CLIError {
        CLIError("file.unwritable", "cannot write \(path): \(reason)")
    }

    /// A usage error: `usage.<what>`.
    static func usage(_ what: String, _ message: String) -> CLIError {
        CLIError("usage.\(what)", message)
    }
}

/// Thrown after a command has already reported its outcome, to end with a given status.
struct CLIExit: Error {
    let status: Int32
}
