import PHRFHIR

/// A report ready to publish: protected tables and what the reader needs to interpret them (inputs, date range,
/// parameters, privacy budget, suppressions). It holds no row-level data and no exact value of a suppressed cell.
public struct PublishedReport: Sendable {
    /// The `kind` member of a report's JSON.
    public static let kind = "phrcard-report"

    /// The report's title.
    public var title: String
    /// Reference date for ages and current pregnancies.
    public let asOf: ReportDate
    /// Records counted.
    public let records: Int
    /// Inputs rejected, by error code.
    public let rejected: [String: Int]
    /// The earliest care-event date of the records (exact; published only with at least `minCell` records).
    public let earliest: PartialDate?
    /// The latest care-event date of the records (as ``earliest``).
    public let latest: PartialDate?
    /// Number of counts files merged (1 for a single site).
    public let sites: Int
    /// The protection applied.
    public let privacy: PrivacyParameters
    /// Whether the noise came from a seed (test only, no privacy).
    public let seeded: Bool
    /// The privacy budget per table (empty without differential privacy).
    public let budget: [TableBudget]
    /// The nationality table's release threshold under differential privacy (§6.3), or nil.
    public let nationalityThreshold: Int?
    /// The tables.
    public let tables: [ReportTable]

    /// One table's share of the budget.
    public struct TableBudget: Sendable {
        /// The table id.
        public let table: String
        /// ε for this table (total ε ÷ number of tables).
        public let epsilon: Double
        /// L1 sensitivity of its cells.
        public let sensitivity: Int
        /// The noise distribution.
        public let noise: DiscreteLaplace
    }

    /// The table with an id.
    public func table(_ id: String) -> ReportTable? { tables.first { $0.id == id } }

    /// Cells suppressed in all tables: (primary, complementary).
    public var suppressionCounts: (primary: Int, complementary: Int) {
        var primary = 0, complementary = 0
        for table in tables {
            for p in table.positions {
                switch table.status[p.row][p.column] {
                case .primary: primary += 1
                case .complementary: complementary += 1
                default: break
                }
            }
        }
        return (primary, complementary)
    }

    /// Cells published and applicable in all tables.
    public var cellCount: Int { tables.reduce(0) { $0 + $1.positions.count } }

    /// The date range as text, or a reason it is not shown.
    public var dateRangeText: String {
        guard let earliest, let latest else { return "no dated care events" }
        guard records >= privacy.minCell else { return "not shown (fewer than \(privacy.minCell) records)" }
        return "\(earliest) to \(latest)"
    }
}
