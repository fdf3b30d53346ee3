/// The error thrown when a health record is not valid. It carries every problem found, not just the first.
public struct RecordValidationError: Error, CustomStringConvertible, Sendable, Hashable {
    /// All problems found, in document order.
    public let issues: [RecordIssue]

    /// Creates an error from its issues.
    /// - Parameter issues: the problems found (should not be empty).
    public init(issues: [RecordIssue]) {
        self.issues = issues
    }

    /// The stable error code: always `record.invalid`; the individual problems carry their own codes.
    public var code: String { "record.invalid" }

    /// A summary line followed by one line per issue.
    public var description: String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return (["invalid health record (\(count)):"] + issues.map { "  \($0.description)" })
            .joined(separator: "\n")
    }
}
