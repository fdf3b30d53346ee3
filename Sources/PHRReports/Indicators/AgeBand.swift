import Foundation
import PHRFHIR

/// The age bands of every table (spec/reports.md §3). One scheme for the whole report, so that no table's
/// figures can be subtracted from another's to recover a narrower band; the boundary at 1 year is where the
/// "complete for age" schedule starts, so a band's "complete" denominator is the whole band.
public enum AgeBand: Int, CaseIterable, Sendable, Comparable {
    case under1, from1to4, from5to9, from10to14, from15to19, from20to29, from30to39, from40to49, from50to64
    case from65, unknown

    /// The bands with a known age, youngest first.
    public static let known: [AgeBand] = allCases.filter { $0 != .unknown }

    /// The band of a completed age in years (nil = unknown).
    public init(age: Int?) {
        guard let age, age >= 0 else { self = .unknown; return }
        switch age {
        case 0: self = .under1
        case 1...4: self = .from1to4
        case 5...9: self = .from5to9
        case 10...14: self = .from10to14
        case 15...19: self = .from15to19
        case 20...29: self = .from20to29
        case 30...39: self = .from30to39
        case 40...49: self = .from40to49
        case 50...64: self = .from50to64
        default: self = .from65
        }
    }

    /// The label printed in tables and charts.
    public var label: String {
        switch self {
        case .under1: "<1"
        case .from1to4: "1–4"
        case .from5to9: "5–9"
        case .from10to14: "10–14"
        case .from15to19: "15–19"
        case .from20to29: "20–29"
        case .from30to39: "30–39"
        case .from40to49: "40–49"
        case .from50to64: "50–64"
        case .from65: "65+"
        case .unknown: "age unknown"
        }
    }

    public static func < (lhs: AgeBand, rhs: AgeBand) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Completed years of age on `asOf` for a possibly partial birth date: a missing month counts as July, a
    /// missing day as the 15th (the middle of the period). Nil when the birth date is after `asOf`.
    public static func age(birthDate: PartialDate, asOf: ReportDate) -> Int? {
        let month = birthDate.month ?? 7
        let day = birthDate.day ?? 15
        var years = asOf.year - birthDate.year
        if (asOf.month, asOf.day) < (month, day) { years -= 1 }
        return years >= 0 ? years : nil
    }
}

/// A full calendar date (the report's reference date, "as of").
public struct ReportDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// Parses `YYYY-MM-DD`.
    /// - Throws: `report.invalid-parameter`.
    public init(_ text: String) throws(ReportError) {
        guard let date = try? PartialDate(text), let month = date.month, let day = date.day else {
            throw ReportError(.invalidParameter, "\"\(text)\" is not a date of the form YYYY-MM-DD")
        }
        self.year = date.year
        self.month = month
        self.day = day
    }

    /// Creates a date from parts already known to be valid.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Today in UTC.
    public static func today() -> ReportDate {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        return ReportDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: ReportDate, rhs: ReportDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
