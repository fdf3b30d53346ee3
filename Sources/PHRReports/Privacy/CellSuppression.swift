/// Small-cell suppression with complementary suppression (spec/reports.md §5).
///
/// **Primary:** every applicable cell, totals included, whose value is nonzero and below `minCell` is suppressed;
/// so is a count whose denominator is published and exceeds it by a nonzero amount below `minCell` (publishing
/// both would reveal that fewer than `minCell` people are *not* counted, e.g. "all but 2 are vaccinated").
///
/// **Complementary:** a table's totals give one linear equation per line (row or column with a total). A
/// suppressed cell can be recovered exactly from the published cells iff, in the graph whose vertices are the
/// lines and whose edges are the suppressed cells, that edge is a **bridge** (lies on no cycle) — lines without
/// an equation are merged into one free vertex. (For a table with margins, the equations are a network matrix:
/// the solutions for the suppressed cells differ by circulations, which exist on an edge iff it lies on a
/// cycle.) So, while some suppressed cell is a bridge, another cell is suppressed: the candidate from the
/// bridge's lines that removes most bridges, preferring inner cells to totals and small nonzero values to zeros
/// and large values (least information lost). The loop ends because every round suppresses one more cell.
public enum CellSuppression {
    /// Marks the primary suppressions of `table`.
    /// - Parameters:
    ///   - table: the table whose small cells are marked suppressed, in place.
    ///   - minCell: the threshold k (cells 1…k−1 are suppressed); 1 or less suppresses nothing.
    ///   - denominator: the published value of a referenced denominator cell, or nil when it is not published.
    public static func applyPrimary(_ table: inout ReportTable, minCell: Int, denominator: (ReportTable.Reference) -> Int?) {
        guard minCell > 1 else { return }
        for p in table.positions {
            guard let value = table.values[p.row][p.column] else { continue }
            var small = value > 0 && value < minCell
            if !small, let ref = table.denominators[p.row][p.column], let d = denominator(ref) {
                let rest = d - value
                small = rest > 0 && rest < minCell
            }
            if small { table.status[p.row][p.column] = .primary }
        }
    }

    /// Adds complementary suppressions until no suppressed cell of `table` is a bridge.
    public static func applyComplementary(_ table: inout ReportTable) {
        var bridges = recoverableCells(in: table)
        while let target = bridges.first {
            let published = table.positions.filter { table.status[$0.row][$0.column] == .published }
            func cost(_ p: ReportTable.Position) -> (Int, Int, Int, ReportTable.Position) {
                let value = table.values[p.row][p.column] ?? 0
                return (table.isTotal(p) ? 1 : 0, value == 0 ? 1 : 0, value, p)
            }
            let inLines = published.filter { $0.row == target.row || $0.column == target.column }
                .sorted { cost($0) < cost($1) }
            var best: (position: ReportTable.Position, remaining: Int)?
            for candidate in inLines {
                table.status[candidate.row][candidate.column] = .complementary
                let after = recoverableCells(in: table)
                table.status[candidate.row][candidate.column] = .published
                guard !after.contains(target) else { continue }
                if best == nil || after.count < best!.remaining { best = (candidate, after.count) }
                if after.count < bridges.count { break }   // candidates are in cost order: take the cheapest that helps
            }
            if best == nil {
                // Nothing in the bridge's own lines closes a cycle: take the cheapest cell anywhere that does.
                for candidate in published.sorted(by: { cost($0) < cost($1) }) {
                    table.status[candidate.row][candidate.column] = .complementary
                    let after = recoverableCells(in: table)
                    table.status[candidate.row][candidate.column] = .published
                    if !after.contains(target) { best = (candidate, after.count); break }
                }
            }
            if let best {
                table.status[best.position.row][best.position.column] = .complementary
            } else if let rectangle = cheapestRectangle(around: target, in: table) {
                // A lone suppressed cell in a table with equations both ways: no single cell puts it on a cycle;
                // the cheapest rectangle (target, same row, same column, opposite corner) does.
                for p in rectangle { table.status[p.row][p.column] = .complementary }
            } else {
                // Cannot happen for a table with margins, but never publish a recoverable cell: hide its lines.
                for p in published where p.row == target.row || p.column == target.column {
                    table.status[p.row][p.column] = .complementary
                }
                if published.isEmpty { break }
            }
            bridges = recoverableCells(in: table)
        }
    }

    /// The three cells that, with `target`, form the cheapest rectangle (corners (r,c), (r,c'), (r',c), (r',c')) —
    /// a cycle in the line graph. Cost: the values of the cells not yet suppressed, a total counting as more than
    /// any inner cell. Nil when the table has no such rectangle (fewer than two rows or columns).
    static func cheapestRectangle(around target: ReportTable.Position, in table: ReportTable) -> [ReportTable.Position]? {
        func applicable(_ p: ReportTable.Position) -> Bool { table.status[p.row][p.column] != .notApplicable }
        func price(_ p: ReportTable.Position) -> Int {
            switch table.status[p.row][p.column] {
            case .primary, .complementary: return 0
            default: return (table.values[p.row][p.column] ?? 0) + (table.isTotal(p) ? 1 << 40 : 0) + 1
            }
        }
        var best: (cost: Int, cells: [ReportTable.Position])?
        for r in 0..<table.rowCount where r != target.row {
            for c in 0..<table.columnCount where c != target.column {
                let cells = [ReportTable.Position(target.row, c), ReportTable.Position(r, target.column), ReportTable.Position(r, c)]
                guard cells.allSatisfy(applicable) else { continue }
                let cost = cells.map(price).reduce(0, +)
                if best == nil || cost < best!.cost { best = (cost, cells) }
            }
        }
        return best.map { $0.cells.filter { table.status[$0.row][$0.column] == .published } }
    }

    /// The suppressed cells of `table` that the published cells and totals determine exactly (the bridges of the
    /// line graph), in row order.
    public static func recoverableCells(in table: ReportTable) -> [ReportTable.Position] {
        let suppressed = table.suppressed
        guard !suppressed.isEmpty else { return [] }
        // Vertices: 0 = free (lines without an equation), 1... rows with an equation, then columns with one.
        let rowsHaveEquations = table.hasTotalColumn
        let columnsHaveEquations = table.hasTotalRow
        func rowVertex(_ r: Int) -> Int { rowsHaveEquations ? 1 + r : 0 }
        func columnVertex(_ c: Int) -> Int { columnsHaveEquations ? 1 + table.rowCount + c : 0 }
        let vertexCount = 1 + table.rowCount + table.columnCount
        var adjacency = Array(repeating: [(to: Int, edge: Int)](), count: vertexCount)
        for (edge, p) in suppressed.enumerated() {
            let a = rowVertex(p.row), b = columnVertex(p.column)
            adjacency[a].append((b, edge))
            adjacency[b].append((a, edge))
        }
        // Tarjan's bridge finding (iterative), skipping only the edge we came by, so parallel edges form cycles.
        var order = Array(repeating: -1, count: vertexCount)
        var low = Array(repeating: 0, count: vertexCount)
        var isBridge = Array(repeating: false, count: suppressed.count)
        var counter = 0
        for start in 0..<vertexCount where order[start] == -1 && !adjacency[start].isEmpty {
            var stack: [(vertex: Int, parentEdge: Int, next: Int)] = [(start, -1, 0)]
            order[start] = counter; low[start] = counter; counter += 1
            while !stack.isEmpty {
                let top = stack.count - 1
                let (v, parentEdge, next) = stack[top]
                if next < adjacency[v].count {
                    stack[top].next += 1
                    let (w, edge) = adjacency[v][next]
                    if edge == parentEdge { continue }
                    if order[w] == -1 {
                        order[w] = counter; low[w] = counter; counter += 1
                        stack.append((w, edge, 0))
                    } else {
                        low[v] = min(low[v], order[w])
                    }
                } else {
                    stack.removeLast()
                    if let parent = stack.last {
                        low[parent.vertex] = min(low[parent.vertex], low[v])
                        if low[v] > order[parent.vertex] { isBridge[parentEdge] = true }
                    }
                }
            }
        }
        return suppressed.indices.filter { isBridge[$0] }.map { suppressed[$0] }
    }
}
