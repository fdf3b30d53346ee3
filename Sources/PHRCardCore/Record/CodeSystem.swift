/// The registry of well-known clinical code systems, with stable integer ids for compact encodings.
///
/// A ``ClinicalCode`` may use any system name; names in this registry are recognised (and can be encoded as
/// their id), any other name is carried as text. Ids are never reused or renumbered; new systems are appended.
public enum CodeSystem: Int, CaseIterable, Sendable {
    /// ICD-10 (WHO), short name `icd10`.
    case icd10 = 1
    /// ICD-11 MMS (WHO), short name `icd11`.
    case icd11 = 2
    /// SNOMED CT, short name `snomed`.
    case snomed = 3
    /// LOINC, short name `loinc`.
    case loinc = 4
    /// WHO ATC classification, short name `atc`.
    case atc = 5
    /// CDC CVX vaccine codes, short name `cvx`.
    case cvx = 6
    /// RxNorm, short name `rxnorm`.
    case rxnorm = 7
    /// ISO 3166-1 country codes, short name `iso3166`.
    case iso3166 = 8

    /// The short name used before the colon in a record's codes, e.g. `snomed` in `snomed:764146007`.
    public var shortName: String {
        switch self {
        case .icd10: "icd10"
        case .icd11: "icd11"
        case .snomed: "snomed"
        case .loinc: "loinc"
        case .atc: "atc"
        case .cvx: "cvx"
        case .rxnorm: "rxnorm"
        case .iso3166: "iso3166"
        }
    }

    /// The canonical FHIR system URI, e.g. `http://snomed.info/sct`.
    public var fhirURI: String {
        switch self {
        case .icd10: "http://hl7.org/fhir/sid/icd-10"
        case .icd11: "http://id.who.int/icd/release/11/mms"
        case .snomed: "http://snomed.info/sct"
        case .loinc: "http://loinc.org"
        case .atc: "http://www.whocc.no/atc"
        case .cvx: "http://hl7.org/fhir/sid/cvx"
        case .rxnorm: "http://www.nlm.nih.gov/research/umls/rxnorm"
        case .iso3166: "urn:iso:std:iso:3166"
        }
    }

    /// Looks a system up by its short name (exact, lowercase).
    /// - Parameter shortName: e.g. `loinc`.
    public init?(shortName: String) {
        guard let match = CodeSystem.allCases.first(where: { $0.shortName == shortName }) else { return nil }
        self = match
    }

    /// Looks a system up by its canonical FHIR URI (exact).
    /// - Parameter fhirURI: e.g. `http://loinc.org`.
    public init?(fhirURI: String) {
        guard let match = CodeSystem.allCases.first(where: { $0.fhirURI == fhirURI }) else { return nil }
        self = match
    }
}
