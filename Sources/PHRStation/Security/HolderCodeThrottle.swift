import Foundation
import PHRCrypto
import Synchronization

/// Throttles holder-code attempts per card: after ``freeFailures`` wrong codes for one card, each further attempt
/// must wait, 30 s after the 5th failure, doubling with each one up to an hour. Only a hash of the card id is kept,
/// in memory, for at most a day after the last failure; nothing is written to disk.
final class HolderCodeThrottle: Sendable {
    static let freeFailures = 5
    static let maxEntries = 100_000

    private struct Entry {
        var failures: Int
        var lastFailure: Int64
    }

    private let state = Mutex<[[UInt8]: Entry]>([:])
    private let clock: @Sendable () -> Int64

    init(clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.clock = clock
    }

    private static func key(_ cardID: [UInt8]) -> [UInt8] { Array(SHA256.hash(cardID).prefix(16)) }

    /// The delay before failure number `failures + 1` may be tried, in seconds.
    static func delay(afterFailures failures: Int) -> Int64 {
        guard failures >= freeFailures else { return 0 }
        return min(3600, 30 << min(failures - freeFailures, 7))
    }

    /// Seconds to wait before a code may be tried on this card (0: try now).
    func waitSeconds(cardID: [UInt8]) -> Int64 {
        let now = clock()
        return state.withLock { entries in
            guard let e = entries[Self.key(cardID)] else { return 0 }
            return max(0, e.lastFailure + Self.delay(afterFailures: e.failures) - now)
        }
    }

    /// Records a wrong code for this card.
    func recordFailure(cardID: [UInt8]) {
        let now = clock()
        state.withLock { entries in
            if entries.count >= Self.maxEntries {
                entries = entries.filter { now - $0.value.lastFailure < 86_400 }
                if entries.count >= Self.maxEntries { entries.removeAll() }
            }
            var e = entries[Self.key(cardID)] ?? Entry(failures: 0, lastFailure: now)
            e.failures += 1
            e.lastFailure = now
            entries[Self.key(cardID)] = e
        }
    }

    /// Forgets the failures of a card once its code was right.
    func recordSuccess(cardID: [UInt8]) {
        _ = state.withLock { $0.removeValue(forKey: Self.key(cardID)) }
    }
}
