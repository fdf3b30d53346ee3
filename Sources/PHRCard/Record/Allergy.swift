/// An allergy or intolerance. Needs a ``code`` or a ``text`` (or both).
public struct Allergy: Sendable, Hashable {
    /// How serious a reaction could be.
    public enum Criticality: String, CaseIterable, Sendable {
        case high, low, unknown
    }

    /// The substance, e.g. `snomed:764146007`.
    public var code: ClinicalCode?
    /// The substance in words, at most 500 bytes.
    public var text: String?
    /// How serious a reaction could be.
    public var criticality: Criticality?
    /// The reaction seen, free text of at most 500 bytes.
    public var reaction: String?

    /// Creates an allergy entry.
    public init(code: ClinicalCode? = nil, text: String? = nil, criticality: Criticality? = nil, reaction: String? = nil) {
        self.code = code
        self.text = text
        self.criticality = criticality
        self.reaction = reaction
    }
}
