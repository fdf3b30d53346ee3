import PHRFHIR

/// The chapters conditions are counted by: the ICD-10 chapters, with ICD-11 codes mapped to the ICD-11 chapter
/// that covers the same ground (spec/reports.md §4.4). Codes of other systems, and texts without a code, are
/// counted as "not coded in ICD".
public enum ConditionChapter: Int, CaseIterable, Sendable {
    case infectious = 1, neoplasms, blood, endocrine, mental, nervous, eye, ear, circulatory, respiratory
    case digestive, skin, musculoskeletal, genitourinary, pregnancy, perinatal, congenital, symptoms, injury
    case external, factors, special, notICD

    /// The row label (ICD-10 chapter number and title, shortened).
    public var label: String {
        switch self {
        case .infectious: "I Infectious and parasitic"
        case .neoplasms: "II Neoplasms"
        case .blood: "III Blood and immune"
        case .endocrine: "IV Endocrine, nutritional, metabolic"
        case .mental: "V Mental and behavioural"
        case .nervous: "VI Nervous system"
        case .eye: "VII Eye"
        case .ear: "VIII Ear"
        case .circulatory: "IX Circulatory system"
        case .respiratory: "X Respiratory system"
        case .digestive: "XI Digestive system"
        case .skin: "XII Skin"
        case .musculoskeletal: "XIII Musculoskeletal"
        case .genitourinary: "XIV Genitourinary"
        case .pregnancy: "XV Pregnancy and childbirth"
        case .perinatal: "XVI Perinatal"
        case .congenital: "XVII Congenital anomalies"
        case .symptoms: "XVIII Symptoms and signs"
        case .injury: "XIX Injury and poisoning"
        case .external: "XX External causes"
        case .factors: "XXI Factors influencing health status"
        case .special: "XXII Special purposes (e.g. COVID-19)"
        case .notICD: "Not coded in ICD"
        }
    }

    /// The chapter of a condition's code.
    public init(code: ClinicalCode?) {
        guard let code else { self = .notICD; return }
        let value = code.code.uppercased()
        switch code.system {
        case "icd10": self = ConditionChapter.icd10(value) ?? .notICD
        case "icd11": self = ConditionChapter.icd11(value) ?? .notICD
        default: self = .notICD
        }
    }

    /// ICD-10 chapter by the code's letter and two digits (WHO ICD-10 2019 chapter ranges).
    static func icd10(_ code: String) -> ConditionChapter? {
        let bytes = Array(code.utf8)
        guard bytes.count >= 3, let letter = bytes.first, letter >= 65, letter <= 90,
              bytes[1] >= 48, bytes[1] <= 57, bytes[2] >= 48, bytes[2] <= 57 else { return nil }
        let n = Int(bytes[1] - 48) * 10 + Int(bytes[2] - 48)
        switch Character(UnicodeScalar(letter)) {
        case "A", "B": return .infectious
        case "C": return .neoplasms
        case "D": return n <= 48 ? .neoplasms : .blood
        case "E": return .endocrine
        case "F": return .mental
        case "G": return .nervous
        case "H": return n <= 59 ? .eye : .ear
        case "I": return .circulatory
        case "J": return .respiratory
        case "K": return .digestive
        case "L": return .skin
        case "M": return .musculoskeletal
        case "N": return .genitourinary
        case "O": return .pregnancy
        case "P": return .perinatal
        case "Q": return .congenital
        case "R": return .symptoms
        case "S", "T": return .injury
        case "V", "W", "X", "Y": return .external
        case "Z": return .factors
        case "U": return .special
        default: return nil
        }
    }

    /// ICD-11 MMS chapter by the stem code's first character (chapters 01–25 and their equivalent ICD-10 chapter;
    /// ICD-11 chapters without an ICD-10 counterpart join the closest one: 04 immune → III, 07 sleep-wake → VI,
    /// 17 sexual health → XIV, 20 developmental anomalies → XVII).
    static func icd11(_ code: String) -> ConditionChapter? {
        guard let first = code.first else { return nil }
        switch first {
        case "1": return .infectious
        case "2": return .neoplasms
        case "3", "4": return .blood
        case "5": return .endocrine
        case "6": return .mental
        case "7", "8": return .nervous
        case "9": return .eye
        case "A": return .ear
        case "B": return .circulatory
        case "C": return .respiratory
        case "D": return .digestive
        case "E": return .skin
        case "F": return .musculoskeletal
        case "G", "H": return .genitourinary
        case "J": return .pregnancy
        case "K": return .perinatal
        case "L": return .congenital
        case "M": return .symptoms
        case "N": return .injury
        case "P": return .external
        case "Q": return .factors
        case "R": return .special
        default: return nil
        }
    }
}
