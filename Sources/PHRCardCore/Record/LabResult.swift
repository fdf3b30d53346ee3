/// A laboratory or imaging result. Needs a ``code`` or a ``text`` (or both).
public struct LabResult: Sendable, Hashable {
    /// How the value compares with its reference range (HL7 v3 ObservationInterpretation `N A L H LL HH POS NEG
    /// IND`).
    public enum Interpretation: String, CaseIterable, Sendable {
        case normal, abnormal, low, high
        case criticalLow = "critical-low"
        case criticalHigh = "critical-high"
        case positive, negative, indeterminate
    }

    /// The test, e.g. `loinc:4548-4`.
    public var code: ClinicalCode?
    /// The test in words, at most 500 bytes.
    public var text: String?
    /// The result as text with its unit, e.g. `7.4 %`, `negative`; at most 500 bytes.
    public var value: String?
    /// When the sample was taken, possibly partial.
    public var date: PartialDate?
    /// How the value compares with its reference range.
    public var interpretation: Interpretation?
    /// The reference range as shown, e.g. `4.0-6.0 %`: one line of at most 100 bytes.
    public var range: String?

    /// Creates a result entry.
    public init(
        code: ClinicalCode? = nil, text: String? = nil, value: String? = nil, date: PartialDate? = nil,
        interpretation: Interpretation? = nil, range: String? = nil
    ) {
        self.code = code
        self.text = text
        self.value = value
        self.date = date
        self.interpretation = interpretation
        self.range = range
    }
}
