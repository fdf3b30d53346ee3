import Foundation
import PHRFHIR

/// An infectious-disease screening the report counts: done (a result with a code on the list) and positive
/// (such a result whose value reads positive) (spec/reports.md §4.3).
public enum ScreeningTest: String, CaseIterable, Sendable {
    case tuberculosis, hiv, hepatitisB = "hepatitis-b", hepatitisC = "hepatitis-c", syphilis

    /// The row label.
    public var label: String {
        switch self {
        case .tuberculosis: "Tuberculosis (IGRA, smear, PCR)"
        case .hiv: "HIV"
        case .hepatitisB: "Hepatitis B (HBsAg)"
        case .hepatitisC: "Hepatitis C (antibody, RNA)"
        case .syphilis: "Syphilis"
        }
    }

    /// The result codes (LOINC, SNOMED CT) that count as this screening.
    public var codes: CodeList {
        switch self {
        case .tuberculosis:
            CodeList(["loinc:71773-6", "loinc:11545-1", "loinc:38379-4", "loinc:71774-4", "snomed:171126009"])
        case .hiv: CodeList(["loinc:56888-1", "loinc:7917-8", "loinc:75622-1", "snomed:171121004"])
        case .hepatitisB: CodeList(["loinc:5196-1", "loinc:5195-3"])
        case .hepatitisC: CodeList(["loinc:13955-0", "loinc:11259-9", "loinc:16128-1"])
        case .syphilis: CodeList(["loinc:20507-0", "loinc:22587-0", "loinc:5292-8", "snomed:171123001"])
        }
    }

    /// How a result value reads.
    public enum Reading: Sendable, Equatable { case positive, negative, other }

    /// How a result reads: its coded interpretation when it has one (`positive`, `negative`; any other
    /// interpretation reads as other), otherwise its value text (``read(_:)``).
    public static func reading(of result: LabResult) -> Reading {
        switch result.interpretation {
        case .positive?: return .positive
        case .negative?: return .negative
        case nil: return read(result.value)
        default: return .other
        }
    }

    /// Reads a result value: `positive`, `reactive`, `detected`, `pos` (and the same followed by more words or
    /// punctuation) are positive; `negative`, `non-reactive`, `nonreactive`, `not detected`, `neg` are negative;
    /// anything else (a number, `indeterminate`) is other. Case-insensitive, surrounding spaces ignored.
    public static func read(_ value: String?) -> Reading {
        guard let value else { return .other }
        let text = value.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        func starts(_ word: String) -> Bool {
            guard text.hasPrefix(word) else { return false }
            let rest = text.dropFirst(word.count)
            return rest.isEmpty || !(rest.first!.isLetter)
        }
        for word in ["non-reactive", "nonreactive", "not detected", "negative", "neg"] where starts(word) {
            return .negative
        }
        for word in ["positive", "reactive", "detected", "pos"] where starts(word) { return .positive }
        return .other
    }
}
