/// A procedure done (or planned and not done). Needs a ``code`` or a ``text`` (or both).
public struct Procedure: Sendable, Hashable {
    /// Where the procedure stands (a subset of the FHIR event-status values).
    public enum Status: String, CaseIterable, Sendable {
        case completed
        case inProgress = "in-progress"
        case notDone = "not-done"
    }

    /// The procedure, e.g. `snomed:80146002`.
    public var code: ClinicalCode?
    /// The procedure in words, at most 500 bytes.
    public var text: String?
    /// When it was done, possibly partial.
    public var date: PartialDate?
    /// Where the procedure stands.
    public var status: Status?

    /// Creates a procedure entry.
    public init(code: ClinicalCode? = nil, text: String? = nil, date: PartialDate? = nil, status: Status? = nil) {
        self.code = code
        self.text = text
        self.date = date
        self.status = status
    }
}
