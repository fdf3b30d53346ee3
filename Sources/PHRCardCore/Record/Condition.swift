/// A problem or diagnosis. Needs a ``code`` or a ``text`` (or both).
public struct Condition: Sendable, Hashable {
    /// The clinical status (the FHIR condition-clinical values).
    public enum Status: String, CaseIterable, Sendable {
        case active, recurrence, relapse, inactive, remission, resolved
    }

    /// The condition, e.g. `icd10:E11.9`.
    public var code: ClinicalCode?
    /// The condition in words, at most 500 bytes.
    public var text: String?
    /// The clinical status.
    public var status: Status?
    /// When it started, possibly partial.
    public var onset: PartialDate?

    /// Creates a condition entry.
    public init(code: ClinicalCode? = nil, text: String? = nil, status: Status? = nil, onset: PartialDate? = nil) {
        self.code = code
        self.text = text
        self.status = status
        self.onset = onset
    }
}
