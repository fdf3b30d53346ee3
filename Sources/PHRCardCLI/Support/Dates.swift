import Foundation

/// Parsing ISO 8601 dates and durations on the command line (writing them: ``ISODate``).
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
