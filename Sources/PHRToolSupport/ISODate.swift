import Foundation
import PHRCardCore

extension ISODate {
    /// The current time in seconds since 1970 (what `phrcard` and the station validate cards at).
    public static var now: Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}
