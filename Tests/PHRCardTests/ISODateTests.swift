import Foundation
import Testing
import PHRCardCore

/// `ISODate`, the one UTC date writer of the library, the command, the printed card and the station.
@Suite struct ISODateTests {
    @Test func knownInstants() {
        // Expected texts from Python's datetime (UTC), not from this code.
        let known: [(Int64, String)] = [
            (0, "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"), (4_102_444_799, "2099-12-31T23:59:59Z"),
            (-1, "1969-12-31T23:59:59Z"), (-31_536_000, "1969-01-01T00:00:00Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"), (1_796_302_867, "2026-12-03T13:01:07Z"),
        ]
        for (t, text) in known {
            #expect(ISODate.format(t) == text)
            #expect(ISODate.formatDay(t) == String(text.prefix(10)))
        }
        let f = ISODate.fields(1_796_302_867)
        let fields: [Int] = [f.year, f.month, f.day, f.hour, f.minute, f.second]
        #expect(fields == [2026, 12, 3, 13, 1, 7])
    }

    @Test func agreesWithFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var rng = SplitMix64(seed: 0x1507)
        for _ in 0..<2000 {
            // 1900 … 2200, where Foundation's formatter writes four-digit years too.
            let t = Int64(rng.next() % 9_467_280_000) - 2_208_988_800
            #expect(ISODate.format(t) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(t))), "\(t)")
        }
    }
}
