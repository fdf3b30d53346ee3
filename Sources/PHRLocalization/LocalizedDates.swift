extension Translations {
    /// A possibly partial date in the language's pattern (`date.pattern.day`, `.month` or `.year`), e.g.
    /// `03/12/2026`, `12/2026` or `2026` in French; English keeps ISO 8601 (`2026-12-03`).
    public func date(_ date: PartialDate) -> String {
        let key: TranslationKey = date.day != nil ? .datePatternDay : date.month != nil ? .datePatternMonth : .datePatternYear
        return Self.render(self[key], year: date.year, month: date.month ?? 1, day: date.day ?? 1)
    }

    /// A UTC day given as seconds since 1970, in the language's day pattern.
    public func day(_ secondsSince1970: Int64) -> String {
        let (y, m, d, _, _, _) = Self.civil(secondsSince1970)
        return Self.render(self[.datePatternDay], year: y, month: m, day: d)
    }

    /// A UTC instant given as seconds since 1970, in the language's `date.pattern.time` (English:
    /// `2026-12-03T14:05:00Z`).
    public func dateTime(_ secondsSince1970: Int64) -> String {
        let (y, m, d, hh, mm, ss) = Self.civil(secondsSince1970)
        return Self.render(self[.datePatternTime], year: y, month: m, day: d, hour: hh, minute: mm, second: ss)
    }

    /// Fills a date pattern: `YYYY`, `MM`/`M`, `DD`/`D`, `HH`, `mm`, `ss`; every other character is literal.
    static func render(_ pattern: String, year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0,
                       second: Int = 0) -> String
    {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var out = ""
        let chars = Array(pattern)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            var run = 1
            while i + run < chars.count, chars[i + run] == c { run += 1 }
            switch (c, run) {
            case ("Y", 4): out += String(year)
            case ("M", 2): out += two(month)
            case ("M", 1): out += String(month)
            case ("D", 2): out += two(day)
            case ("D", 1): out += String(day)
            case ("H", 2): out += two(hour)
            case ("m", 2): out += two(minute)
            case ("s", 2): out += two(second)
            default: out += String(repeating: c, count: run)
            }
            i += run
        }
        return out
    }

    /// Gregorian UTC fields of seconds since 1970 (``ISODate/fields(_:)``).
    static func civil(_ t: Int64) -> (Int, Int, Int, Int, Int, Int) {
        let f = ISODate.fields(t)
        return (f.year, f.month, f.day, f.hour, f.minute, f.second)
    }
}
