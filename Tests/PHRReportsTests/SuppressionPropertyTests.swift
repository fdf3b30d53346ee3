import Foundation
import PHRCard
import Testing
@testable import PHRReports

/// An independent check of what the published cells and totals reveal: exact Gaussian elimination over the
/// rationals on the table's line equations (not the bridge argument the library uses).
enum Disclosure {
    /// The suppressed cells whose value the equations determine.
    static func determined(_ table: ReportTable) -> [ReportTable.Position] {
        let unknowns = table.suppressed
        guard !unknowns.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: unknowns.enumerated().map { ($1, $0) })
        var equations: [[Int]] = []
        func addLine(_ cells: [ReportTable.Position], total: ReportTable.Position) {
            var row = Array(repeating: 0, count: unknowns.count)
            var any = false
            for p in cells + [total] where table.status[p.row][p.column] != .notApplicable {
                if let i = index[p] { row[i] += p == total ? -1 : 1; any = true }
            }
            if any { equations.append(row) }
        }
        if table.hasTotalColumn {
            for r in 0..<table.rowCount {
                addLine((0..<table.columnCount - 1).map { .init(r, $0) }, total: .init(r, table.columnCount - 1))
            }
        }
        if table.hasTotalRow {
            for c in 0..<table.columnCount {
                addLine((0..<table.rowCount - 1).map { .init($0, c) }, total: .init(table.rowCount - 1, c))
            }
        }
        // x_j is determined iff removing column j lowers the rank.
        let full = rank(equations)
        return unknowns.indices.filter { j in rank(equations.map { row in row.enumerated().filter { $0.offset != j }.map(\.element) }) < full }
            .map { unknowns[$0] }
    }

    /// Rank over the rationals (fraction-free elimination with Int; entries stay small for these tables).
    static func rank(_ matrix: [[Int]]) -> Int {
        var m = matrix.map { $0.map { Double($0) } }
        guard let width = m.first?.count, width > 0 else { return 0 }
        var rank = 0
        for c in 0..<width {
            guard let pivot = (rank..<m.count).max(by: { abs(m[$0][c]) < abs(m[$1][c]) }), abs(m[pivot][c]) > 1e-9 else { continue }
            m.swapAt(rank, pivot)
            for r in 0..<m.count where r != rank && abs(m[r][c]) > 1e-12 {
                let f = m[r][c] / m[rank][c]
                for k in c..<width { m[r][k] -= f * m[rank][k] }
            }
            rank += 1
            if rank == m.count { break }
        }
        return rank
    }
}

/// A small deterministic generator for test populations.
struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 11
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

@Suite("Report: small-cell suppression properties")
struct SuppressionPropertyTests {
    /// Random counts with many small cells: each cell 0 with probability 1/3, else 1…12 (skewed small).
    static func randomCounts(seed: UInt64) -> PopulationCounts {
        var random = TestRandom(state: seed)
        var counts = PopulationCounts(asOf: ReportDate(year: 2026, month: 12, day: 1))
        func value() -> Int { random.below(3) == 0 ? 0 : 1 + random.below(random.below(2) == 0 ? 4 : 12) }
        for b in counts.ageSex.indices { for s in counts.ageSex[b].indices { counts.ageSex[b][s] = value() } }
        counts.records = counts.ageSex.joined().reduce(0, +)
        var rest = counts.records
        for code in ["SY", "AF", "SO", "ER", "UA", "IQ"] {
            let n = min(rest, value())
            counts.nationality[code] = n
            rest -= n
        }
        counts.nationality[""] = rest
        let bandTotals = counts.ageSex.map { $0.reduce(0, +) }
        for a in counts.vaccinated.indices {
            for b in bandTotals.indices {
                counts.vaccinated[a][b] = random.below(bandTotals[b] + 1)
                counts.complete[a][b] = random.below(counts.vaccinated[a][b] + 1)
            }
        }
        for t in counts.screened.indices {
            counts.screened[t] = random.below(counts.records + 1)
            counts.positive[t] = random.below(min(counts.screened[t], 8) + 1)
        }
        for c in counts.conditions.indices { for s in counts.conditions[c].indices { counts.conditions[c][s] = value() } }
        for b in bandTotals.indices {
            counts.pregnant[b] = random.below(counts.ageSex[b][0] + 1)
            counts.allergies[b] = random.below(bandTotals[b] + 1)
            counts.alerts[b] = random.below(bandTotals[b] + 1)
        }
        return counts
    }

    @Test("no published nonzero cell is below k, and no suppressed cell can be solved from the totals",
          arguments: [2, 3, 5, 10], [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func properties(k: Int, seed: UInt64) throws {
        let report = ReportBuilder.build(Self.randomCounts(seed: seed), privacy: try PrivacyParameters(minCell: k))
        var suppressed = 0
        for table in report.tables {
            for p in table.positions {
                if let v = table.value(p) {
                    #expect(v == 0 || v >= k, "\(table.id) \(table.rowLabels[p.row]) / \(table.columnLabels[p.column]) = \(v) < \(k)")
                    // A published count next to its published denominator must not leave 1…k−1 people uncounted.
                    if let ref = table.denominators[p.row][p.column], let d = report.table(ref.table)?.value(ref.position) {
                        #expect(d - v == 0 || d - v >= k || d - v < 0, "\(table.id) \(p): denominator \(d) − \(v) < \(k)")
                    }
                } else if table.status[p.row][p.column] != .notApplicable {
                    suppressed += 1
                    #expect(table.values[p.row][p.column] == nil, "a suppressed value stays in the report")
                }
            }
            // No line with an equation has exactly one suppressed cell…
            if table.hasTotalColumn {
                for r in 0..<table.rowCount {
                    let n = table.suppressed.filter { $0.row == r }.count
                    #expect(n != 1, "\(table.id) row \(table.rowLabels[r]) has exactly one suppressed cell")
                }
            }
            if table.hasTotalRow {
                for c in 0..<table.columnCount {
                    let n = table.suppressed.filter { $0.column == c }.count
                    #expect(n != 1, "\(table.id) column \(table.columnLabels[c]) has exactly one suppressed cell")
                }
            }
            // …and solving all of them together determines no suppressed cell.
            #expect(Disclosure.determined(table).isEmpty, "\(table.id): \(Disclosure.determined(table)) recoverable")
        }
        #expect(suppressed > 0, "the random population should exercise suppression")
        // Shared total: the population total is published in both population tables or in neither.
        let a = try #require(report.table(ReportBuilder.TableID.population))
        let b = try #require(report.table(ReportBuilder.TableID.nationality))
        #expect((a.value(.init(a.rowCount - 1, a.columnCount - 1)) == nil) == (b.value(.init(b.rowCount - 1, 0)) == nil))
    }

    /// Two suppressed 2×2 rectangles joined through one more suppressed cell: every line holds two suppressed cells,
    /// yet the joining cell is a bridge, so it is determined. The algorithm must go beyond "two per line".
    @Test("a suppressed cell on no cycle is found and protected even with two suppressed cells per line")
    func bridgeBeyondLines() throws {
        // Rows r0..r3 and columns c0..c3 (+ totals). Suppressed: rectangle {r0,r1}×{c0,c1}, rectangle {r2,r3}×{c2,c3}
        // and the joining cell (r1,c2) — r1 then has 3, c2 has 3: no line with exactly one.
        var interior: [[Int?]] = Array(repeating: Array(repeating: 50, count: 4), count: 4)
        for (r, c) in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)] { interior[r][c] = 2 }
        var table = ReportTable(id: "t", title: "t", note: "", rows: ["a", "b", "c", "d"], columns: ["w", "x", "y", "z"],
                                interior: interior, totalColumn: true, totalRow: true, sensitivity: 1)
        CellSuppression.applyPrimary(&table, minCell: 5) { _ in nil }
        #expect(table.suppressed.count == 9)
        #expect(Disclosure.determined(table) == [.init(1, 2)])   // the independent solver agrees it leaks
        #expect(CellSuppression.recoverableCells(in: table) == [.init(1, 2)])
        CellSuppression.applyComplementary(&table)
        #expect(Disclosure.determined(table).isEmpty)
        #expect(table.suppressed.count > 9)
    }

    @Test("a row with one small cell gets exactly one complementary cell, the smallest nonzero inner one")
    func simpleComplement() throws {
        var table = ReportTable(id: "t", title: "t", note: "", rows: ["a"], columns: ["x", "y", "z"],
                                interior: [[3, 40, 9]], totalColumn: true, totalRow: false, sensitivity: 1)
        CellSuppression.applyPrimary(&table, minCell: 5) { _ in nil }
        CellSuppression.applyComplementary(&table)
        #expect(table.status[0] == [.primary, .published, .complementary, .published])
    }
}

@Suite("Report: complementary suppression of a lone small cell")
struct LoneCellTests {
    @Test("one small cell in a table with totals both ways is protected by the cheapest rectangle, not by hiding lines")
    func rectangle() throws {
        let interior: [[Int?]] = [[3, 40, 50], [60, 7, 80], [90, 100, 110]]
        var table = ReportTable(id: "t", title: "t", note: "", rows: ["a", "b", "c"], columns: ["x", "y", "z"],
                                interior: interior, totalColumn: true, totalRow: true, sensitivity: 1)
        CellSuppression.applyPrimary(&table, minCell: 5) { _ in nil }
        CellSuppression.applyComplementary(&table)
        // The cheapest rectangle through (a, x) = 3: (a, y) = 40, (b, x) = 60, (b, y) = 7 → 107.
        #expect(Set(table.suppressed) == [.init(0, 0), .init(0, 1), .init(1, 0), .init(1, 1)])
        #expect(Disclosure.determined(table).isEmpty)
    }
}
