/// A calendar date known to the year, the month or the day: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
///
/// Years run from 1900 to 2150; a day must exist in its month (29 February only in leap years). Dates compare
/// chronologically, and a less precise date sorts before the more precise dates it contains
/// (`2023` < `2023-01` < `2023-01-01`).
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The allowed years.
    public static let years: ClosedRange<Int> = 1900...2150

    /// The year (1900...2150).
    public let year: Int
    /// The month (1...12), or nil when only the year is known.
    public let month: Int?
    /// The day of the month, or nil when only the year or the month is known. Never set without a month.
    public let day: Int?

    /// Creates a date from its parts.
    /// - Parameters:
    ///   - year: 1900...2150.
    ///   - month: 1...12, or nil.
    ///   - day: a day that exists in the month, or nil; requires a month.
    /// - Throws: ``RecordValidationError`` with one `record.invalid-date` issue (empty path).
    public init(year: Int, month: Int? = nil, day: Int? = nil) throws(RecordValidationError) {
        let text = PartialDate.format(year: year, month: month, day: day)
        if let reason = PartialDate.problem(year: year, month: month, day: day) {
            throw PartialDate.error(text, reason)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (exactly these digits and hyphens, nothing else).
    /// - Parameter string: the date text.
    /// - Throws: ``RecordValidationError`` with one `record.invalid-date` issue (empty path).
    public init(_ string: String) throws(RecordValidationError) {
        let bytes = Array(string.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let hyphen = UInt8(ascii: "-")
        var year: Int?
        var month: Int?
        var day: Int?
        switch bytes.count {
        case 4:
            year = number(0..<4)
        case 7 where bytes[4] == hyphen:
            year = number(0..<4)
            month = number(5..<7)
            if month == nil { year = nil }
        case 10 where bytes[4] == hyphen && bytes[7] == hyphen:
            year = number(0..<4)
            month = number(5..<7)
            day = number(8..<10)
            if month == nil || day == nil { year = nil }
        default:
            break
        }
        guard let year else { throw PartialDate.error(string, "expected YYYY, YYYY-MM or YYYY-MM-DD") }
        if let reason = PartialDate.problem(year: year, month: month, day: day) {
            throw PartialDate.error(string, reason)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var description: String { PartialDate.format(year: year, month: month, day: day) }

    /// Chronological order; a less precise date sorts before the more precise dates within it.
    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }

    /// Whether `year` is a Gregorian leap year.
    static func isLeapYear(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// The number of days in a month of a year.
    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func problem(year: Int, month: Int?, day: Int?) -> String? {
        guard years.contains(year) else { return "the year must be 1900 to 2150" }
        guard let month else { return day == nil ? nil : "a day needs a month" }
        guard (1...12).contains(month) else { return "the month must be 01 to 12" }
        guard let day else { return nil }
        let last = daysInMonth(month, year: year)
        guard (1...last).contains(day) else { return "the day must be 01 to \(last) in that month" }
        return nil
    }

    private static func format(year: Int, month: Int?, day: Int?) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return value < 0 ? digits : String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = pad(year, 4)
        if let month { text += "-" + pad(month, 2) }
        if let day { text += (month == nil ? "-??" : "") + "-" + pad(day, 2) }
        return text
    }

    private static func error(_ text: String, _ reason: String) -> RecordValidationError {
        RecordValidationError(issues: [RecordIssue(
            path: "", code: RecordIssue.Code.invalidDate,
            message: "\(RecordText.quoted(text)) is not a valid date (\(reason))")])
    }
}
