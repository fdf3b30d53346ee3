import PHRFHIR

/// A vaccine antigen whose coverage the report gives, with its code list (CVX and ATC) and its "complete for age"
/// rule (spec/reports.md §4.2). Combination vaccines count for every antigen they contain.
public enum Antigen: String, CaseIterable, Sendable {
    case measles, dtp, polio, hepatitisB = "hepatitis-b", covid19 = "covid-19"

    /// The row label.
    public var label: String {
        switch self {
        case .measles: "Measles-containing (MCV)"
        case .dtp: "Diphtheria–tetanus containing (DTP/Td)"
        case .polio: "Polio (OPV/IPV)"
        case .hepatitisB: "Hepatitis B (HepB)"
        case .covid19: "COVID-19"
        }
    }

    /// Short label for charts.
    public var shortLabel: String {
        switch self {
        case .measles: "MCV"
        case .dtp: "DTP/Td"
        case .polio: "Polio"
        case .hepatitisB: "HepB"
        case .covid19: "COVID-19"
        }
    }

    /// The codes counted as a dose of this antigen.
    public var codes: CodeList { Antigen.lists[self]! }

    private static let lists: [Antigen: CodeList] = [
        .measles: CodeList(["cvx:03", "cvx:04", "cvx:05", "cvx:94", "atc:J07BD*"]),
        .dtp: CodeList(["cvx:01", "cvx:09", "cvx:20", "cvx:22", "cvx:28", "cvx:35", "cvx:50", "cvx:102", "cvx:106",
                        "cvx:107", "cvx:110", "cvx:112", "cvx:113", "cvx:115", "cvx:120", "cvx:130", "cvx:132",
                        "cvx:138", "cvx:139", "cvx:146", "cvx:170", "cvx:198",
                        "atc:J07AM*", "atc:J07AJ5*", "atc:J07CA01", "atc:J07CA02", "atc:J07CA05", "atc:J07CA06",
                        "atc:J07CA09", "atc:J07CA11"]),
        .polio: CodeList(["cvx:02", "cvx:10", "cvx:89", "cvx:110", "cvx:120", "cvx:130", "cvx:132", "cvx:146",
                          "cvx:170", "cvx:178", "cvx:179", "cvx:182",
                          "atc:J07BF*", "atc:J07CA01", "atc:J07CA02", "atc:J07CA06", "atc:J07CA09"]),
        .hepatitisB: CodeList(["cvx:08", "cvx:42", "cvx:43", "cvx:44", "cvx:45", "cvx:51", "cvx:102", "cvx:104",
                               "cvx:110", "cvx:132", "cvx:146", "cvx:189", "cvx:198", "cvx:220",
                               "atc:J07BC01", "atc:J07BC20", "atc:J07CA05", "atc:J07CA09", "atc:J07CA11"]),
        .covid19: CodeList(["cvx:207", "cvx:208", "cvx:210", "cvx:211", "cvx:212", "cvx:213", "cvx:217", "cvx:218",
                            "cvx:219", "cvx:221", "cvx:225", "cvx:227", "cvx:228", "cvx:229", "cvx:230",
                            "cvx:300", "cvx:301", "cvx:302", "cvx:500", "cvx:501", "cvx:502", "cvx:503", "cvx:504",
                            "cvx:505", "cvx:506", "cvx:507", "cvx:508", "cvx:509", "cvx:510", "cvx:511", "cvx:512",
                            "atc:J07BN*", "atc:J07BX03"]),
    ]

    /// Whether "complete for age" is defined for this antigen (not for COVID-19: WHO's SAGE roadmap recommends
    /// doses by priority group, not a routine schedule by age).
    public var hasSchedule: Bool { self != .covid19 }

    /// The doses that make a person of `age` completed years "complete for age", or nil when the schedule says
    /// nothing for that age (under 1, unknown age, COVID-19). Source: WHO, Summary of WHO position papers —
    /// recommendations for routine immunization (Table 1), and the WUENIC indicators MCV2, DTP3, Pol3, HepB3;
    /// the position papers recommend the same series as catch-up for unvaccinated older children and adults.
    public func dosesForComplete(age: Int?) -> Int? {
        guard hasSchedule, let age, age >= 1 else { return nil }
        switch self {
        case .measles: return age >= 2 ? 2 : 1      // MCV1 at 9–12 months, MCV2 at 15–18 months
        case .dtp, .polio, .hepatitisB: return 3    // DTP3, Pol3, HepB3 by the first birthday
        case .covid19: return nil
        }
    }

    /// The number of doses a record shows: the larger of the number of its entries on the list and the highest
    /// dose number recorded on them (a lone "dose 3" means earlier doses were given).
    public func doses(in immunizations: [Immunization]) -> Int {
        var count = 0
        var highest = 0
        for entry in immunizations {
            guard let code = entry.code, codes.contains(code) else { continue }
            count += 1
            highest = max(highest, entry.dose ?? 0)
        }
        return max(count, highest)
    }
}
