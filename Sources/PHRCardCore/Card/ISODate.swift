/// Times as the card carries them (seconds since 1970-01-01 UTC) written as ISO 8601 UTC text.
///
/// Computed directly on the proleptic Gregorian calendar (the inverse of days-from-civil, H. Hinnant), with no date
/// formatter: it is exact for every `Int64` second count a card can carry and costs less than verifying a card. The
/// one implementation for the library, the command, the printed card, the station and the translations' dates.
public enum ISODate {
    /// The UTC calendar fields of a time.
    public struct Fields: Sendable, Hashable {
        /// The year (four digits for every time a card can carry).
        public let year: Int
        /// The month, 1…12.
        public let month: Int
        /// The day of the month, 1…31.
        public let day: Int
        /// The hour, 0…23.
        public let hour: Int
        /// The minute, 0…59.
        public let minute: Int
        /// The second, 0…59.
        public let second: Int
    }

    /// The UTC calendar fields of `secondsSince1970`.
    public static func fields(_ secondsSince1970: Int64) -> Fields {
        let t = secondsSince1970
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let secs = Int(t - days * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        let y = Int(yoe + era * 400) + (m <= 2 ? 1 : 0)
        return Fields(year: y, month: m, day: d, hour: secs / 3600, minute: secs % 3600 / 60, second: secs % 60)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, e.g. `2026-12-03T14:05:00Z`.
    public static func format(_ secondsSince1970: Int64) -> String {
        let f = fields(secondsSince1970)
        return "\(day(f))T\(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2))Z"
    }

    /// `YYYY-MM-DD` (the UTC day), e.g. `2026-12-03`.
    public static func formatDay(_ secondsSince1970: Int64) -> String { day(fields(secondsSince1970)) }

    private static func day(_ f: Fields) -> String { "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))" }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
