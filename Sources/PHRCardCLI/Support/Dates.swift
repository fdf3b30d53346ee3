import Foundation

/// ISO 8601 dates and durations on the command line.
enum Dates {
    /// Parses `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time (`2030-01-01T12:00:00Z`, with an offset, or
    /// without a zone meaning UTC; fractional seconds allowed) to seconds since 1970.
    static func parse(_ text: String) throws(CLIError) -> Int64 {
        let t = text.trimmingCharacters(in: .whitespaces)
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        let frac = ISO8601DateFormatter()
        frac.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        dateOnly.timeZone = TimeZone(identifier: "UTC")
        for f in [full, frac] {
            for s in [t, t + "Z"] where t.contains("T") {
                if let d = f.date(from: s) { return Int64(d.timeIntervalSince1970.rounded(.down)) }
            }
        }
        if t.count == 10, let d = dateOnly.date(from: t) { return Int64(d.timeIntervalSince1970) }
        throw CLIError.usage("bad-date", "\"\(text)\" is not an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SSZ)")
    }

    /// Formats seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`.
    /// Computed directly (proleptic Gregorian calendar, UTC); an ICU date formatter costs more than verifying a card.
    static func format(_ t: Int64) -> String {
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let secs = t - days * 86_400
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ n: Int64, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))Z"
    }

    /// Formats seconds since 1970 as `YYYY-MM-DD`.
    static func formatDay(_ t: Int64) -> String { String(format(t).prefix(10)) }

    /// The current time in seconds since 1970.
    static var now: Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }

    /// Parses a duration: a positive whole number followed by `h` (hours), `d` (days), `w` (weeks) or `y`
    /// (years of 365 days), e.g. `12h`, `365d`, `3y`.
    static func parseDuration(_ text: String) throws(CLIError) -> Int64 {
        let units: [Character: Int64] = ["h": 3600, "d": 86_400, "w": 7 * 86_400, "y": 365 * 86_400]
        guard let unit = text.last, let seconds = units[unit], let n = Int64(text.dropLast()), n > 0,
              n <= 200 * 365 * 86_400 / seconds else {
            throw CLIError.usage("bad-duration", "\"\(text)\" is not a duration such as 12h, 365d, 52w or 3y (a positive number and a unit h, d, w or y)")
        }
        return n * seconds
    }
}
