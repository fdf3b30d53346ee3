/// An error from building, merging or rendering a report. Codes are stable (`report.<kind>`); see spec/reports.md §9.
public struct ReportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Kind: String, Sendable, CaseIterable {
        /// A parameter is out of range (`--min-cell`, `--epsilon`, `--delta`, `--as-of`).
        case invalidParameter = "invalid-parameter"
        /// A file given to `--merge` is not a counts file (for example an already published report).
        case notCounts = "not-counts"
        /// Counts files that cannot be added up (different reference dates or format versions).
        case mergeMismatch = "merge-mismatch"
        /// cairo failed to render the PDF.
        case rendering
    }

    /// The kind of failure.
    public let kind: Kind
    /// What went wrong and what to do about it.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The stable code, `report.<kind>`.
    public var code: String { "report." + kind.rawValue }

    public var description: String { "\(code): \(message)" }
}
