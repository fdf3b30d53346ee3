import Foundation

/// The protection a report applies: the small-cell threshold and, optionally, differential privacy.
public struct PrivacyParameters: Sendable, Equatable {
    /// Cells with a value in 1…minCell−1 are suppressed (spec/reports.md §5). Default 5; 1 disables suppression.
    public var minCell: Int
    /// The total privacy budget ε, or nil for no noise.
    public var epsilon: Epsilon?
    /// δ for the one table whose categories come from the data (nationalities, §6.3). Default 10⁻⁶.
    public var delta: Double

    /// The default threshold.
    public static let defaultMinCell = 5
    /// The default δ.
    public static let defaultDelta = 1e-6

    /// Creates parameters, checking their ranges.
    /// - Throws: `report.invalid-parameter`.
    public init(minCell: Int = defaultMinCell, epsilon: Epsilon? = nil, delta: Double? = nil) throws(ReportError) {
        guard (1...1000).contains(minCell) else {
            throw ReportError(.invalidParameter, "--min-cell must be 1 to 1000 (1 suppresses nothing), not \(minCell)")
        }
        if let delta {
            guard epsilon != nil else {
                throw ReportError(.invalidParameter, "--delta applies to differential privacy: give --epsilon too")
            }
            guard delta.isFinite, delta > 0, delta <= 0.01 else {
                throw ReportError(.invalidParameter, "--delta must be above 0 and at most 0.01, not \(delta)")
            }
        }
        self.minCell = minCell
        self.epsilon = epsilon
        self.delta = delta ?? Self.defaultDelta
    }

    /// A privacy budget ε > 0 written as a decimal, kept as an exact fraction (numerator / 10^decimals) so the
    /// noise sampler needs no floating point.
    public struct Epsilon: Sendable, Equatable, CustomStringConvertible {
        /// The numerator of ε = numerator / denominator.
        public let numerator: UInt64
        /// The denominator of ε, a power of ten.
        public let denominator: UInt64
        /// As given on the command line.
        public let text: String

        /// Parses `1`, `0.5`, `2.25` (at most 6 decimals; 0.000001 to 100).
        /// - Throws: `report.invalid-parameter`.
        public init(_ text: String) throws(ReportError) {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let digits = { (s: Substring) in !s.isEmpty && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
            guard (parts.count == 1 && digits(parts[0])) || (parts.count == 2 && digits(parts[0]) && digits(parts[1]) && parts[1].count <= 6),
                  parts[0].count <= 3 else {
                throw ReportError(.invalidParameter, "--epsilon must be a decimal number such as 1 or 0.5 (at most 6 decimals), not \"\(text)\"")
            }
            let decimals = parts.count == 2 ? parts[1].count : 0
            var denominator: UInt64 = 1
            for _ in 0..<decimals { denominator *= 10 }
            let numerator = UInt64(parts[0])! * denominator + (parts.count == 2 ? UInt64(parts[1])! : 0)
            guard numerator > 0, numerator <= 100 * denominator else {
                throw ReportError(.invalidParameter, "--epsilon must be above 0 and at most 100, not \(text)")
            }
            self.numerator = numerator
            self.denominator = denominator
            self.text = text
        }

        /// ε as a floating-point number (for display only).
        public var value: Double { Double(numerator) / Double(denominator) }
        public var description: String { text }
    }
}
