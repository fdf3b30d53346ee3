/// A medication the holder takes (or took, or should take). Needs a ``code`` or a ``text`` (or both).
public struct Medication: Sendable, Hashable {
    /// Where the medication stands (a subset of the FHIR MedicationStatement status values, see `spec/fhir.md`).
    public enum Status: String, CaseIterable, Sendable {
        case active, completed, stopped
        case onHold = "on-hold"
        case intended
        case notTaken = "not-taken"
    }

    /// The medicine, e.g. `atc:A10BA02`.
    public var code: ClinicalCode?
    /// The medicine in words, at most 500 bytes.
    public var text: String?
    /// How much and how often, free text of at most 500 bytes.
    public var dosage: String?
    /// Since when, possibly partial.
    public var since: PartialDate?
    /// Where the medication stands.
    public var status: Status?

    /// Creates a medication entry.
    public init(
        code: ClinicalCode? = nil, text: String? = nil, dosage: String? = nil, since: PartialDate? = nil,
        status: Status? = nil
    ) {
        self.code = code
        self.text = text
        self.dosage = dosage
        self.since = since
        self.status = status
    }
}
