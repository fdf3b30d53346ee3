/// A personal health record: what a PHRCard carries.
///
/// The native form is JSON in the shape of `examples/*.json` (see `spec/record.md`). Every optional section may
/// be absent (nil) or present; an empty list is allowed and means "recorded as none". The holder is required and
/// belongs to every disclosure tier.
public struct HealthRecord: Sendable, Hashable {
    /// The record's sections, by JSON name, in the order they are written. What the format and the tools know about
    /// each section is in its row of ``table`` (`SectionTable.swift`).
    public enum Section: String, CaseIterable, Sendable {
        case holder, allergies, conditions, medications, immunizations, results, vitals, pregnancy, notes
        case procedures, devices, alerts
    }

    /// The person the record belongs to (always present).
    public var holder: Holder
    /// Allergies and intolerances, at most 64.
    public var allergies: [Allergy]?
    /// Problems and diagnoses, at most 64.
    public var conditions: [Condition]?
    /// Current medications, at most 64.
    public var medications: [Medication]?
    /// Vaccine doses given, at most 64.
    public var immunizations: [Immunization]?
    /// Laboratory and imaging results, at most 64.
    public var results: [LabResult]?
    /// Vital signs by visit, at most 64.
    public var vitals: [VitalSigns]?
    /// Pregnancy status.
    public var pregnancy: Pregnancy?
    /// Free-text notes, at most 4000 UTF-8 bytes; newline and tab allowed.
    public var notes: String?
    /// Procedures done, at most 64.
    public var procedures: [Procedure]?
    /// Medical devices in use (implants, pumps), at most 64.
    public var devices: [MedicalDevice]?
    /// Alerts anyone treating or checking the holder must see, at most 64.
    public var alerts: [Alert]?

    /// Creates a record. Nothing is checked here; call ``validate()`` before using a record built in code.
    public init(
        holder: Holder, allergies: [Allergy]? = nil, conditions: [Condition]? = nil, medications: [Medication]? = nil,
        immunizations: [Immunization]? = nil, results: [LabResult]? = nil, vitals: [VitalSigns]? = nil,
        pregnancy: Pregnancy? = nil, notes: String? = nil, procedures: [Procedure]? = nil,
        devices: [MedicalDevice]? = nil, alerts: [Alert]? = nil
    ) {
        self.holder = holder
        self.allergies = allergies
        self.conditions = conditions
        self.medications = medications
        self.immunizations = immunizations
        self.results = results
        self.vitals = vitals
        self.pregnancy = pregnancy
        self.notes = notes
        self.procedures = procedures
        self.devices = devices
        self.alerts = alerts
    }

    /// The sections that are present (non-nil), in ``Section`` order; always starts with ``Section/holder``.
    public var presentSections: [Section] {
        Section.table.filter { $0.isPresent(self) }.map(\.section)
    }

    /// A copy with only the given sections; every other optional section becomes nil.
    /// The holder is always kept, whether or not ``Section/holder`` is in the set.
    /// - Parameter sections: the sections to keep.
    /// - Returns: the reduced record.
    public func keepingOnly(_ sections: Set<Section>) -> HealthRecord {
        var reduced = self
        for row in Section.table where !sections.contains(row.section) { row.clear(&reduced) }
        return reduced
    }
}
