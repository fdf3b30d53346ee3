import Foundation
import PHRFHIR

/// Turns exact counts into a published report: tables, noise (with ε), suppression, rates (spec/reports.md §5–6).
public enum ReportBuilder {
    /// Table ids, in report order.
    public enum TableID {
        /// People by age band and sex.
        public static let population = "population-age-sex"
        /// People by nationality.
        public static let nationality = "population-nationality"
        /// Vaccination coverage by antigen and age band.
        public static let coverage = "vaccination-coverage"
        /// Infectious-disease screening: people screened and screened positive, by test.
        public static let screening = "screening"
        /// Current conditions by ICD chapter and sex.
        public static let conditions = "conditions-by-chapter"
        /// Pregnancies, allergies and alerts by age band.
        public static let other = "pregnancy-allergies-alerts"
        /// Every table, in report order.
        public static let all = [population, nationality, coverage, screening, conditions, other]
    }

    /// Builds the report.
    /// - Parameters:
    ///   - counts: the exact counts (one site, or several merged).
    ///   - privacy: threshold and budget.
    ///   - noise: the randomness for differential privacy (ignored without ε).
    ///   - sites: how many counts files were merged.
    ///   - title: the report's title.
    public static func build(_ counts: PopulationCounts, privacy: PrivacyParameters, noise: NoiseSource = .system(),
                             sites: Int = 1, title: String = "Population health status report") -> PublishedReport {
        let tableCount = TableID.all.count
        let bands = AgeBand.allCases
        let sexes = PopulationCounts.sexes
        var budgets: [PublishedReport.TableBudget] = []
        var threshold: Int?

        // The distribution for a table of sensitivity Δ: ε_T = ε / tables, P(x) ∝ exp(−|x| ε_T / Δ).
        func mechanism(_ id: String, sensitivity: Int) -> DiscreteLaplace? {
            guard let epsilon = privacy.epsilon else { return nil }
            let laplace = DiscreteLaplace(s: epsilon.numerator,
                                          t: epsilon.denominator * UInt64(tableCount) * UInt64(sensitivity))
            budgets.append(.init(table: id, epsilon: epsilon.value / Double(tableCount), sensitivity: sensitivity,
                                 noise: laplace))
            return laplace
        }
        func noisy(_ values: [[Int?]], _ laplace: DiscreteLaplace?) -> [[Int?]] {
            guard let laplace else { return values }
            return values.map { $0.map { $0.map { max(0, $0 + laplace.sample(noise)) } } }
        }
        let populationTotal = ReportTable.Position(bands.count, sexes.count)

        // 1. Population by age band and sex.
        let population = ReportTable(
            id: TableID.population, title: "Population by age band and sex",
            note: "People (records), by age on \(counts.asOf) and administrative sex.",
            rows: bands.map(\.label), columns: sexes.map { $0.rawValue.capitalized },
            interior: noisy(counts.ageSex.map { $0.map { Optional($0) } }, mechanism(TableID.population, sensitivity: 1)),
            totalColumn: true, totalRow: true, sensitivity: 1)

        // 2. Population by nationality (categories come from the data: §6.3).
        let nationality: ReportTable
        do {
            let laplace = mechanism(TableID.nationality, sensitivity: privacy.epsilon == nil ? 1 : 2)
            var rows: [(label: String, value: Int)] = []
            let notRecorded = counts.nationality[""] ?? 0
            let coded = counts.nationality.filter { !$0.key.isEmpty }
            if let laplace {
                let tau = max(privacy.minCell, 1 + Int((Double(laplace.t) / Double(laplace.s) * log(1 / privacy.delta)).rounded(.up)))
                threshold = tau
                let noisyTotal = max(0, counts.records + laplace.sample(noise))
                let noisyNotRecorded = max(0, notRecorded + laplace.sample(noise))
                var released: [(String, Int)] = []
                for (code, n) in coded.sorted(by: { $0.key < $1.key }) {
                    let value = n + laplace.sample(noise)
                    if value >= tau { released.append((code, value)) }
                }
                released.sort { ($0.1, $1.0) > ($1.1, $0.0) }
                let rest = max(0, noisyTotal - noisyNotRecorded - released.reduce(0) { $0 + $1.1 })
                rows = released.map { ($0.0, $0.1) } + [("Other nationalities", rest), ("Not recorded", noisyNotRecorded)]
            } else {
                let shown = coded.filter { $0.value >= privacy.minCell }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                let rest = coded.filter { $0.value < privacy.minCell }.reduce(0) { $0 + $1.value }
                rows = shown.map { ($0.key, $0.value) } + [("Other nationalities", rest), ("Not recorded", notRecorded)]
            }
            nationality = ReportTable(
                id: TableID.nationality, title: "Population by nationality",
                note: privacy.epsilon == nil
                    ? "People by nationality (ISO 3166-1); nationalities with fewer than \(privacy.minCell) people are pooled as Other."
                    : "People by nationality (ISO 3166-1); a nationality is listed only if its noisy count reaches \(threshold ?? 0) (§6.3), the rest are pooled as Other.",
                rows: rows.map(\.label), columns: ["People"], interior: rows.map { [$0.value] },
                totalColumn: false, totalRow: true, sensitivity: privacy.epsilon == nil ? 1 : 2,
                denominators: { p in
                    // Shares of the population; the total row is the population (no share of itself).
                    p.row == rows.count ? nil : ReportTable.Reference(TableID.population, populationTotal)
                })
        }

        // 3. Vaccination coverage by antigen and age band.
        var coverageRows: [String] = []
        var coverageValues: [[Int?]] = []
        for (index, antigen) in Antigen.allCases.enumerated() {
            coverageRows.append("\(antigen.label): ≥1 dose")
            coverageValues.append(counts.vaccinated[index].map { Optional($0) })
            if antigen.hasSchedule {
                coverageRows.append("\(antigen.label): complete for age")
                coverageValues.append(bands.map { band in
                    band == .under1 || band == .unknown ? nil : counts.complete[index][band.rawValue]
                })
            }
        }
        let coverage = ReportTable(
            id: TableID.coverage, title: "Vaccination coverage by antigen and age band",
            note: "People with at least one dose, and people complete for age (§4.2), as counts and as a share of all people in the age band.",
            rows: coverageRows, columns: bands.map(\.label),
            interior: noisy(coverageValues, mechanism(TableID.coverage, sensitivity: coverageRows.count)),
            totalColumn: true, totalRow: false, sensitivity: coverageRows.count,
            denominators: { p in ReportTable.Reference(TableID.population, .init(p.column, sexes.count)) })

        // 4. Screening.
        let screening = ReportTable(
            id: TableID.screening, title: "Infectious-disease screening",
            note: "People with at least one screening result (share of all people), and people with a positive result (share of those screened).",
            rows: ScreeningTest.allCases.map(\.label), columns: ["Screened", "Positive"],
            interior: noisy(zip(counts.screened, counts.positive).map { [$0.0, $0.1] },
                            mechanism(TableID.screening, sensitivity: 2 * ScreeningTest.allCases.count)),
            totalColumn: false, totalRow: false, sensitivity: 2 * ScreeningTest.allCases.count,
            denominators: { p in
                p.column == 0 ? ReportTable.Reference(TableID.population, populationTotal)
                    : ReportTable.Reference(TableID.screening, .init(p.row, 0))
            })

        // 5. Current conditions by chapter and sex.
        let chapters = ConditionChapter.allCases
        let conditions = ReportTable(
            id: TableID.conditions, title: "Current conditions by ICD chapter and sex",
            note: "People with at least one current (active, recurrent, relapsed or unstated) condition in the chapter, and their share of all people of that sex.",
            rows: chapters.map(\.label), columns: sexes.map { $0.rawValue.capitalized },
            interior: noisy(counts.conditions.map { $0.map { Optional($0) } },
                            mechanism(TableID.conditions, sensitivity: chapters.count)),
            totalColumn: true, totalRow: false, sensitivity: chapters.count,
            denominators: { p in ReportTable.Reference(TableID.population, .init(bands.count, p.column)) })

        // 6. Pregnancies, allergies, alerts by age band.
        let other = ReportTable(
            id: TableID.other, title: "Current pregnancies, allergies and alerts by age band",
            note: "People currently pregnant (share of women in the band), with an allergy recorded, with an alert recorded (share of all people in the band).",
            rows: ["Currently pregnant", "Allergy recorded", "Alert recorded"], columns: bands.map(\.label),
            interior: noisy([counts.pregnant, counts.allergies, counts.alerts].map { $0.map { Optional($0) } },
                            mechanism(TableID.other, sensitivity: 3)),
            totalColumn: true, totalRow: false, sensitivity: 3,
            denominators: { p in
                ReportTable.Reference(TableID.population, .init(p.column, p.row == 0 ? 0 : sexes.count))
            })

        var tables = [population, nationality, coverage, screening, conditions, other]
        protect(&tables, minCell: privacy.minCell,
                links: [(.init(TableID.population, populationTotal),
                         .init(TableID.nationality, .init(nationality.rowCount - 1, 0)))])
        return PublishedReport(
            title: title, asOf: counts.asOf, records: counts.records, rejected: counts.rejected,
            earliest: counts.earliest.map(monthPrecision), latest: counts.latest.map(monthPrecision),
            sites: sites, privacy: privacy, seeded: noise.isSeeded && privacy.epsilon != nil,
            budget: budgets, nationalityThreshold: threshold, tables: tables)
    }

    /// Suppression (primary, complementary, linked cells), then rates, then removal of suppressed values.
    static func protect(_ tables: inout [ReportTable], minCell: Int,
                        links: [(ReportTable.Reference, ReportTable.Reference)]) {
        func index(_ id: String) -> Int { tables.firstIndex { $0.id == id }! }
        func published(_ ref: ReportTable.Reference) -> Int? { tables[index(ref.table)].value(ref.position) }
        for i in tables.indices {
            var table = tables[i]
            CellSuppression.applyPrimary(&table, minCell: minCell, denominator: published)
            CellSuppression.applyComplementary(&table)
            tables[i] = table
        }
        // A cell published in two tables (a shared total) must be suppressed in both or neither.
        var changed = true
        while changed {
            changed = false
            for (a, b) in links {
                let (ia, ib) = (index(a.table), index(b.table))
                let sa = tables[ia].value(a.position) == nil, sb = tables[ib].value(b.position) == nil
                if sa && !sb {
                    tables[ib].status[b.position.row][b.position.column] = .complementary
                    CellSuppression.applyComplementary(&tables[ib])
                    changed = true
                } else if sb && !sa {
                    tables[ia].status[a.position.row][a.position.column] = .complementary
                    CellSuppression.applyComplementary(&tables[ia])
                    changed = true
                }
            }
        }
        for i in tables.indices {
            var rates: [[Double?]] = []
            for r in 0..<tables[i].rowCount {
                var line: [Double?] = []
                for c in 0..<tables[i].columnCount {
                    let p = ReportTable.Position(r, c)
                    guard let n = tables[i].value(p), let ref = tables[i].denominators[r][c], let d = published(ref), d > 0 else {
                        line.append(nil)
                        continue
                    }
                    line.append(min(1, max(0, Double(n) / Double(d))))
                }
                rates.append(line)
            }
            tables[i].rates = rates
        }
        for i in tables.indices {
            for p in tables[i].suppressed { tables[i].values[p.row][p.column] = nil }
        }
    }

    static func monthPrecision(_ date: PartialDate) -> PartialDate {
        (try? PartialDate(year: date.year, month: date.month)) ?? date
    }
}
