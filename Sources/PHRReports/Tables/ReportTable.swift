/// One table of a report: labelled rows and columns of counts, with optional totals, the additivity that
/// suppression must respect, and what each count is a share of (for rates).
///
/// The grid includes the totals: with ``hasTotalColumn`` the last column is each row's total; with
/// ``hasTotalRow`` the last row is each column's total. A total equals the sum of the applicable cells of its line;
/// these are the equations an attacker can solve, and the ones complementary suppression protects against.
public struct ReportTable: Sendable {
    /// The status of a published cell.
    public enum Status: String, Sendable {
        /// The value is published.
        case published
        /// Suppressed because it is nonzero and below the threshold (or because its complement in its
        /// denominator is).
        case primary
        /// Suppressed so that a primary cell cannot be recovered from totals.
        case complementary
        /// The indicator is not defined for this cell (e.g. "complete for age" under 1 year).
        case notApplicable = "n/a"
    }

    /// A position in the grid (totals included).
    public struct Position: Hashable, Sendable, Comparable {
        /// The grid row (the total row included).
        public let row: Int
        /// The grid column (the total column included).
        public let column: Int
        /// Creates a position.
        public init(_ row: Int, _ column: Int) {
            self.row = row
            self.column = column
        }
        public static func < (a: Position, b: Position) -> Bool { (a.row, a.column) < (b.row, b.column) }
    }

    /// A cell of another (or the same) table, by table id.
    public struct Reference: Hashable, Sendable {
        /// The table id.
        public let table: String
        /// The cell in that table.
        public let position: Position
        /// Creates a reference.
        public init(_ table: String, _ position: Position) {
            self.table = table
            self.position = position
        }
    }

    /// Stable identifier (`population-age-sex`, …), used in CSV/JSON and for references.
    public let id: String
    /// Title printed above the table.
    public let title: String
    /// What is counted: numerator and denominator in words.
    public let note: String
    /// Row labels, the total row's included.
    public let rowLabels: [String]
    /// Column labels, the total column's included.
    public let columnLabels: [String]
    /// Whether the last column is the row total.
    public let hasTotalColumn: Bool
    /// Whether the last row is the column total.
    public let hasTotalRow: Bool
    /// Values, `values[row][column]`; nil where not applicable. After protection: the published (possibly noisy)
    /// values, nil also where suppressed.
    public internal(set) var values: [[Int?]]
    /// Cell status.
    public internal(set) var status: [[Status]]
    /// For rate tables: the cell each cell is a share of, or nil.
    public let denominators: [[Reference?]]
    /// L1 sensitivity of the table's interior cells: how much one person can change them in total.
    public let sensitivity: Int
    /// Published rates (value ÷ its denominator's published value, clipped to [0, 1]); nil where either is not
    /// published, the denominator is zero, or the cell has no denominator.
    public internal(set) var rates: [[Double?]] = []

    /// Creates a table from its interior counts; totals are added here (sums of applicable interior cells).
    init(id: String, title: String, note: String, rows: [String], columns: [String], interior: [[Int?]],
         totalColumn: Bool, totalRow: Bool, sensitivity: Int, denominators: ((Position) -> Reference?)? = nil) {
        self.id = id
        self.title = title
        self.note = note
        self.rowLabels = rows + (totalRow ? ["Total"] : [])
        self.columnLabels = columns + (totalColumn ? ["Total"] : [])
        self.hasTotalColumn = totalColumn
        self.hasTotalRow = totalRow
        self.sensitivity = sensitivity
        let grid = ReportTable.withTotals(interior, totalColumn: totalColumn, totalRow: totalRow)
        values = grid
        status = grid.map { $0.map { $0 == nil ? .notApplicable : .published } }
        var refs: [[Reference?]] = []
        for r in grid.indices {
            refs.append(grid[r].indices.map { c in denominators?(Position(r, c)) })
        }
        self.denominators = refs
    }

    /// Adds the total column and row to interior values.
    static func withTotals(_ interior: [[Int?]], totalColumn: Bool, totalRow: Bool) -> [[Int?]] {
        var grid = interior
        if totalColumn {
            grid = grid.map { row in
                let applicable = row.compactMap { $0 }
                return row + [applicable.isEmpty ? nil : applicable.reduce(0, +)]
            }
        }
        if totalRow, let width = grid.first?.count {
            var total: [Int?] = []
            for c in 0..<width {
                let applicable = grid.compactMap { $0[c] }
                total.append(applicable.isEmpty ? nil : applicable.reduce(0, +))
            }
            grid.append(total)
        }
        return grid
    }

    /// Number of rows and columns of the grid.
    /// Number of rows of the grid (totals included).
    public var rowCount: Int { values.count }
    /// Number of columns of the grid (totals included).
    public var columnCount: Int { values.first?.count ?? 0 }

    /// Whether a position is a total.
    public func isTotal(_ p: Position) -> Bool {
        (hasTotalColumn && p.column == columnCount - 1) || (hasTotalRow && p.row == rowCount - 1)
    }

    /// Every applicable position, row by row.
    public var positions: [Position] {
        var out: [Position] = []
        for r in 0..<rowCount { for c in 0..<columnCount where status[r][c] != .notApplicable { out.append(Position(r, c)) } }
        return out
    }

    /// The suppressed positions.
    public var suppressed: [Position] {
        positions.filter { status[$0.row][$0.column] == .primary || status[$0.row][$0.column] == .complementary }
    }

    /// The published value at a position (nil when suppressed or not applicable).
    public func value(_ p: Position) -> Int? {
        status[p.row][p.column] == .published ? values[p.row][p.column] : nil
    }
}
