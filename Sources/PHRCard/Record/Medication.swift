/// A medication the holder takes. Needs a ``code`` or a ``text`` (or both).
public struct Medication: Sendable, Hashable {
    /// The medicine, e.g. `atc:A10BA02`.
    public var code: ClinicalCode?
    /// The medicine in words, at most 500 bytes.
    public var text: String?
    /// How much and how often, free text of at most 500 bytes.
    public var dosage: String?
    /// Since when, possibly partial.
    public var since: PartialDate?

    /// Creates a medication entry.
    public init(code: ClinicalCode? = nil, text: String? = nil, dosage: String? = nil, since: PartialDate? = nil) {
        self.code = code
        self.text = text
        self.dosage = dosage
        self.since = since
    }
}
