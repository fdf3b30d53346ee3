/// An allergy or intolerance. Needs a ``code`` or a ``text`` (or both).
public struct Allergy: Sendable, Hashable {
    /// How serious a reaction could be.
    public enum Criticality: String, CaseIterable, Sendable {
        case high, low, unknown
    }

    /// How severe the worst reaction seen was (FHIR `reaction-event-severity`).
    public enum Severity: String, CaseIterable, Sendable {
        case mild, moderate, severe
    }

    /// What kind of substance causes it (FHIR `allergy-intolerance-category`).
    public enum Category: String, CaseIterable, Sendable {
        case food, medication, environment, biologic
    }

    /// The substance, e.g. `snomed:764146007`.
    public var code: ClinicalCode?
    /// The substance in words, at most 500 bytes.
    public var text: String?
    /// How serious a reaction could be.
    public var criticality: Criticality?
    /// The reaction seen, free text of at most 500 bytes.
    public var reaction: String?
    /// The severity of the worst reaction seen.
    public var severity: Severity?
    /// The kind of substance.
    public var category: Category?

    /// Creates an allergy entry.
    public init(
        code: ClinicalCode? = nil, text: String? = nil, criticality: Criticality? = nil, reaction: String? = nil,
        severity: Severity? = nil, category: Category? = nil
    ) {
        self.code = code
        self.text = text
        self.criticality = criticality
        self.reaction = reaction
        self.severity = severity
        self.category = category
    }
}
