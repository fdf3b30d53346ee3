/// A warning that anyone treating or checking the holder must see (e.g. a border or reception health check):
/// an infection-control flag, a "no blood products" directive, a difficult airway. Needs a ``code`` or a
/// ``text`` (or both).
public struct Alert: Sendable, Hashable {
    /// How important the alert is.
    public enum Severity: String, CaseIterable, Sendable {
        case high, low
    }

    /// The alert, e.g. `snomed:719864002`.
    public var code: ClinicalCode?
    /// The alert in words, at most 500 bytes.
    public var text: String?
    /// Since when it applies, possibly partial.
    public var since: PartialDate?
    /// How important the alert is.
    public var severity: Severity?

    /// Creates an alert entry.
    public init(code: ClinicalCode? = nil, text: String? = nil, since: PartialDate? = nil, severity: Severity? = nil) {
        self.code = code
        self.text = text
        self.since = since
        self.severity = severity
    }
}
