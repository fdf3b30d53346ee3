/// A laboratory or imaging result. Needs a ``code`` or a ``text`` (or both).
public struct LabResult: Sendable, Hashable {
    /// The test, e.g. `loinc:4548-4`.
    public var code: ClinicalCode?
    /// The test in words, at most 500 bytes.
    public var text: String?
    /// The result as text with its unit, e.g. `7.4 %`, `negative`; at most 500 bytes.
    public var value: String?
    /// When the sample was taken, possibly partial.
    public var date: PartialDate?

    /// Creates a result entry.
    public init(code: ClinicalCode? = nil, text: String? = nil, value: String? = nil, date: PartialDate? = nil) {
        self.code = code
        self.text = text
        self.value = value
        self.date = date
    }
}
