import Foundation

/// The record content to export: any subset of the sections (the holder too may be missing when its tier was
/// not opened), with the tiers and sections that could not be opened.
public struct FHIRExportContent: Sendable, Hashable {
    /// The holder, or nil when its tier was not opened (the Patient then says "Not disclosed").
    public var holder: Holder?
    /// Allergies: nil = not recorded (or closed), `[]` = none known.
    public var allergies: [Allergy]?
    /// Problems and diagnoses (written to the problem list section).
    public var conditions: [Condition]?
    /// Current medications.
    public var medications: [Medication]?
    /// Vaccine doses given.
    public var immunizations: [Immunization]?
    /// Laboratory and imaging results.
    public var results: [LabResult]?
    /// Vital signs by visit.
    public var vitals: [VitalSigns]?
    /// Pregnancy status.
    public var pregnancy: Pregnancy?
    /// Free-text notes (written as the notes section's narrative).
    public var notes: String?
    /// Procedures done.
    public var procedures: [Procedure]?
    /// Medical devices in use.
    public var devices: [MedicalDevice]?
    /// Alerts.
    public var alerts: [Alert]?
    /// The tiers that were opened (named in the Composition narrative).
    public var openedTiers: [Tier]
    /// The tiers that could not be opened.
    public var closedTiers: [Tier]
    /// The sections of the closed tiers: written as sections with `emptyReason` `withheld`.
    public var closedSections: [HealthRecord.Section]

    /// Creates content from individual sections.
    /// - Parameters:
    ///   - holder: the holder, or nil when its tier is closed.
    ///   - openedTiers: the tiers that were opened.
    ///   - closedTiers: the tiers that could not be opened.
    ///   - closedSections: the sections of the closed tiers.
    public init(holder: Holder?, allergies: [Allergy]? = nil, conditions: [Condition]? = nil,
                medications: [Medication]? = nil, immunizations: [Immunization]? = nil, results: [LabResult]? = nil,
                vitals: [VitalSigns]? = nil, pregnancy: Pregnancy? = nil, notes: String? = nil,
                procedures: [Procedure]? = nil, devices: [MedicalDevice]? = nil, alerts: [Alert]? = nil,
                openedTiers: [Tier] = Tier.allCases, closedTiers: [Tier] = [], closedSections: [HealthRecord.Section] = []) {
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
        self.openedTiers = openedTiers
        self.closedTiers = closedTiers
        self.closedSections = closedSections
    }

    /// Content with every section of a whole record (all tiers opened).
    /// - Parameter r: the record.
    public init(record r: HealthRecord) {
        self.init(holder: r.holder, allergies: r.allergies, conditions: r.conditions, medications: r.medications,
                  immunizations: r.immunizations, results: r.results, vitals: r.vitals, pregnancy: r.pregnancy,
                  notes: r.notes, procedures: r.procedures, devices: r.devices, alerts: r.alerts)
    }
}

/// Options of ``FHIRExport``.
public struct FHIRExportOptions: Sendable, Hashable {
    /// Composition.date and Bundle.timestamp, a FHIR dateTime (e.g. `2026-05-01T10:00:00Z`); default: now (UTC).
    public var date: String?
    /// Bundle.identifier value (e.g. the card id in hex), with system `urn:phrcard:card-id`; nil for none.
    public var identifier: String?
    /// The author (an Organization name), e.g. the card's issuer id.
    public var author: String
    /// The Composition title.
    public var title: String
    /// Indented output (the default) or the most compact form.
    public var prettyPrinted: Bool

    /// Creates options.
    public init(date: String? = nil, identifier: String? = nil, author: String = "PHRCard issuer",
                title: String = "International Patient Summary", prettyPrinted: Bool = true) {
        self.date = date
        self.identifier = identifier
        self.author = author
        self.title = title
        self.prettyPrinted = prettyPrinted
    }
}

/// Writes record content as an HL7 FHIR R4 International Patient Summary document Bundle (`spec/fhir.md`).
public enum FHIRExport {
    /// Writes a document Bundle: Composition first (status final, type LOINC 60591-5, subject the Patient), one
    /// section per present record section with its entries, required IPS sections always present (with
    /// `emptyReason`), sections of closed tiers present with `emptyReason` `withheld`, and `resource:N` fullUrls.
    /// - Parameters:
    ///   - content: the sections to write.
    ///   - options: date, identifier, author, title and layout.
    /// - Returns: the Bundle as UTF-8 JSON.
    public static func bundle(from content: FHIRExportContent, options: FHIRExportOptions = FHIRExportOptions()) -> [UInt8] {
        var writer = FHIRBundleWriter(content: content, options: options)
        return JSONWriter.write(writer.build(), prettyPrinted: options.prettyPrinted)
    }

    /// Writes a whole record as a document Bundle (see ``bundle(from:options:)-(FHIRExportContent,_)``).
    /// - Parameters:
    ///   - record: the record.
    ///   - options: date, identifier, author, title and layout.
    /// - Returns: the Bundle as UTF-8 JSON.
    public static func bundle(from record: HealthRecord, options: FHIRExportOptions = FHIRExportOptions()) -> [UInt8] {
        bundle(from: FHIRExportContent(record: record), options: options)
    }
}
