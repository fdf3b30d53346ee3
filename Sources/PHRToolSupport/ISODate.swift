import Foundation

/// Dates as `phrcard` and the station print them.
public enum ISODate {
    /// Formats seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func format(_ t: Int64) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(t)))
    }

    /// The current time in seconds since 1970.
    public static var now: Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}
