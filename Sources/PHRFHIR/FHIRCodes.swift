/// Code-system URIs, LOINC section and observation codes used by the FHIR mapping (`spec/fhir.md`).
internal enum FHIRCodes {
    static let loinc = "http://loinc.org"
    static let snomed = "http://snomed.info/sct"
    static let ucum = "http://unitsofmeasure.org"
    static let bcp47 = "urn:ietf:bcp:47"
    static let iso3166 = "urn:iso:std:iso:3166"
    static let listEmptyReason = "http://terminology.hl7.org/CodeSystem/list-empty-reason"
    static let nationalityExtension = "http://hl7.org/fhir/StructureDefinition/patient-nationality"
    static let conditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical"
    static let observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
    static let flagPriorityExtension = "http://hl7.org/fhir/StructureDefinition/flag-priority"
    static let flagPriority = "http://hl7.org/fhir/flag-priority-code"
    /// The FHIR data-absent-reason extension (any code: the value is unknown).
    static let dataAbsentReasonExtension = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
    /// PHRCard's extension on Patient: `valueCode` names a self-declared field (`name`, `birthDate`, `sex`,
    /// `nationality`); repeated once per field (`spec/fhir.md`).
    static let selfDeclaredExtension = "urn:phrcard:fhir:self-declared"
    /// HL7 v3 ObservationInterpretation (Observation.interpretation).
    static let observationInterpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
    /// AllergyIntolerance.reaction.severity values, mildest first.
    static let reactionSeverities: [String: Allergy.Severity] = ["mild": .mild, "moderate": .moderate, "severe": .severe]
    /// Prefix of the system URI written for a record code system that has no URI (round-trips on import).
    static let phrcardSystemPrefix = "urn:phrcard:code-system:"

    /// LOINC 60591-5 Patient summary Document.
    static let patientSummary = "60591-5"

    // Observation codes.
    static let bodyHeight = "8302-2"
    static let bodyWeight = "29463-7"
    static let bpPanel = "85354-9"
    static let bpSystolic = "8480-6"
    static let bpDiastolic = "8462-4"
    static let bodyTemperature = "8310-5"
    static let heartRate = "8867-4"
    static let respiratoryRate = "9279-1"
    static let oxygenSaturation = "2708-6"
    static let oxygenSaturationPulse = "59408-5"
    static let bmi = "39156-5"
    /// Every LOINC code that maps to a `vitals` measurement.
    static let vitalSignCodes: Set<String> = [
        bodyHeight, bodyWeight, bpPanel, bpSystolic, bpDiastolic, bodyTemperature, heartRate, respiratoryRate,
        oxygenSaturation, oxygenSaturationPulse, bmi,
    ]
    static let pregnancyStatus = "82810-3"
    static let deliveryDate = "11778-8"
    /// SNOMED pregnancy status values.
    static let pregnant = "77386006"
    static let notPregnant = "60001007"
    static let pregnancyUnknown = "261665006"

    /// The alert severity of a flag-priority code: `PH` high, `PL` low (`PM` medium and `PN` none have no severity).
    static func flagSeverity(priority: String) -> Alert.Severity? {
        switch priority {
        case "PH": .high
        case "PL": .low
        default: nil
        }
    }

    /// The flag-priority code written for an alert severity.
    static func flagPriority(severity: Alert.Severity) -> (code: String, display: String) {
        switch severity {
        case .high: ("PH", "High priority")
        case .low: ("PL", "Low priority")
        }
    }

    /// HL7 v3 ObservationInterpretation codes and the record's interpretation.
    static let interpretations: [(code: String, value: LabResult.Interpretation, display: String)] = [
        ("N", .normal, "Normal"), ("A", .abnormal, "Abnormal"), ("L", .low, "Low"), ("H", .high, "High"),
        ("LL", .criticalLow, "Critical low"), ("HH", .criticalHigh, "Critical high"), ("POS", .positive, "Positive"),
        ("NEG", .negative, "Negative"), ("IND", .indeterminate, "Indeterminate"),
    ]

    /// The record's medication status for a MedicationStatement or MedicationRequest status (`spec/fhir.md`):
    /// `.some(nil)` = carried as no status (`unknown`); nil = not a status the record maps.
    static func medicationStatus(_ status: String, request: Bool) -> Medication.Status?? {
        switch status {
        case "active": .active
        case "completed": .completed
        case "stopped": .stopped
        case "on-hold": .onHold
        case "intended": request ? nil : .intended
        case "not-taken": request ? nil : .notTaken
        case "draft": request ? .intended : nil
        case "cancelled": request ? .notTaken : nil
        case "unknown": .some(nil)
        default: nil
        }
    }

    /// Code-system URIs without a registry entry that are still carried, by a short alias (`spec/fhir.md`).
    /// The registry's own systems (`CodeSystem.fhirURI`) come first; these are extra URIs and aliases.
    static let uriAliases: [(uri: String, name: String)] = [
        ("urn:oid:2.16.840.1.113883.6.96", "snomed"),
        ("urn:oid:2.16.840.1.113883.6.1", "loinc"),
        ("urn:oid:2.16.840.1.113883.6.73", "atc"),
        ("urn:oid:2.16.840.1.113883.12.292", "cvx"),
        ("urn:oid:2.16.840.1.113883.6.88", "rxnorm"),
        ("urn:oid:2.16.840.1.113883.6.3", "icd10"),
        ("http://id.who.int/icd11/mms", "icd11"),
        ("http://hl7.org/fhir/sid/icd-10-cm", "icd10cm"),
        ("http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips", "ips-absent"),
        ("http://terminology.hl7.org/CodeSystem/data-absent-reason", "data-absent"),
        ("http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "nullflavor"),
        ("http://standardterms.edqm.eu", "edqm"),
        ("http://hl7.org/fhir/sid/ndc", "ndc"),
        ("http://www.ama-assn.org/go/cpt", "cpt"),
        ("http://unitsofmeasure.org", "ucum"),
    ]

    /// The record's short system name for a FHIR system URI, or nil when it cannot be carried.
    static func shortName(forURI uri: String) -> String? {
        if let known = CodeSystem(fhirURI: uri) { return known.shortName }
        if let alias = uriAliases.first(where: { $0.uri == uri }) { return alias.name }
        if uri.hasPrefix(phrcardSystemPrefix) {
            let name = String(uri.dropFirst(phrcardSystemPrefix.count))
            return ClinicalCode(system: name, code: "x").problem == nil ? name : nil
        }
        return nil
    }

    /// The FHIR system URI for a record short system name.
    static func uri(forShortName name: String) -> String {
        if let known = CodeSystem(shortName: name) { return known.fhirURI }
        if let alias = uriAliases.first(where: { $0.name == name }) { return alias.uri }
        return phrcardSystemPrefix + name
    }
}

/// The IPS Composition sections the mapping knows, by LOINC section code.
internal enum FHIRSectionKind: CaseIterable, Sendable {
    case allergies, medications, problems, pastIllness, immunizations, results, vitalSigns, pregnancy, notes
    case procedures, devices, alerts, planOfCare, functionalStatus, socialHistory, advanceDirectives, patientStory
    case unknown

    var loinc: String {
        switch self {
        case .allergies: "48765-2"
        case .medications: "10160-0"
        case .problems: "11450-4"
        case .pastIllness: "11348-0"
        case .immunizations: "11369-6"
        case .results: "30954-2"
        case .vitalSigns: "8716-3"
        case .pregnancy: "10162-6"
        case .notes: "48767-8"
        case .procedures: "47519-4"
        case .devices: "46264-8"
        case .alerts: "104605-1"
        case .planOfCare: "18776-5"
        case .functionalStatus: "47420-5"
        case .socialHistory: "29762-2"
        case .advanceDirectives: "42348-3"
        case .patientStory: "81338-6"
        case .unknown: ""
        }
    }

    /// The section title written on export.
    var title: String {
        switch self {
        case .allergies: "Allergies and Intolerances"
        case .medications: "Medication Summary"
        case .problems: "Problem List"
        case .pastIllness: "History of Past Illness"
        case .immunizations: "Immunizations"
        case .results: "Results"
        case .vitalSigns: "Vital Signs"
        case .pregnancy: "History of Pregnancy"
        case .notes: "Notes"
        case .procedures: "History of Procedures"
        case .devices: "Medical Devices"
        case .alerts: "Alerts"
        case .planOfCare: "Plan of Care"
        case .functionalStatus: "Functional Status"
        case .socialHistory: "Social History"
        case .advanceDirectives: "Advance Directives"
        case .patientStory: "Patient Story"
        case .unknown: "Section"
        }
    }

    /// The LOINC display written on export.
    var display: String {
        switch self {
        case .allergies: "Allergies and adverse reactions Document"
        case .medications: "History of Medication use Narrative"
        case .problems: "Problem list - Reported"
        case .pastIllness: "History of Past illness Narrative"
        case .immunizations: "History of Immunization Narrative"
        case .results: "Relevant diagnostic tests/laboratory data Narrative"
        case .vitalSigns: "Vital signs"
        case .pregnancy: "History of pregnancies Narrative"
        case .notes: "Annotation comment [Interpretation] Narrative"
        case .procedures: "History of Procedures Document"
        case .devices: "History of medical device use"
        case .alerts: "Alert"
        default: title
        }
    }

    init(loinc: String) {
        self = FHIRSectionKind.allCases.first { $0 != .unknown && $0.loinc == loinc } ?? .unknown
    }

    /// The section a record section is exported to: the one with the LOINC code of the section table
    /// (``SectionDescriptor/fhirSectionCode``).
    init(exporting section: HealthRecord.Section) {
        self.init(loinc: section.descriptor.fhirSectionCode ?? "")
    }

    /// The record section this kind fills, or nil when the record has none.
    var recordSection: HealthRecord.Section? {
        switch self {
        case .allergies: .allergies
        case .medications: .medications
        case .problems, .pastIllness: .conditions
        case .immunizations: .immunizations
        case .results: .results
        case .vitalSigns: .vitals
        case .pregnancy: .pregnancy
        case .notes: .notes
        case .procedures: .procedures
        case .devices: .devices
        case .alerts: .alerts
        default: nil
        }
    }
}
