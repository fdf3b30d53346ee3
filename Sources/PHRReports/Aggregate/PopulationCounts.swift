import PHRFHIR

/// The exact aggregate counts of a population: every figure any report table is built from, and nothing else.
/// Its size does not grow with the number of records (fixed arrays plus one counter per nationality seen), so
/// 1,000,000 records aggregate in the same memory as ten.
///
/// Counts are **not** protected: they are what a site hands to a programme under a data-sharing agreement for
/// merging (spec/reports.md §7), and what suppression and noise are applied to before anything is published.
public struct PopulationCounts: Sendable, Equatable {
    /// The sexes, in column order; a record without `sex` counts as `unknown`.
    public static let sexes: [Holder.Sex] = [.female, .male, .other, .unknown]

    /// The reference date ages and current pregnancies are computed at.
    public var asOf: ReportDate
    /// Records counted.
    public var records = 0
    /// Inputs rejected (bad lines, files, bundles), by error code.
    public var rejected: [String: Int] = [:]
    /// The earliest date of a care event (immunization, result, vital signs, procedure).
    public var earliest: PartialDate?
    /// The latest date of a care event.
    public var latest: PartialDate?
    /// People by age band and sex: `ageSex[band][sex]`.
    public var ageSex: [[Int]]
    /// People by nationality (ISO 3166-1 alpha-2; "" = not recorded).
    public var nationality: [String: Int] = [:]
    /// People with at least one dose, by antigen and age band: `vaccinated[antigen][band]`.
    public var vaccinated: [[Int]]
    /// People complete for age, by antigen and age band (zero where the schedule says nothing).
    public var complete: [[Int]]
    /// People screened, by test.
    public var screened: [Int]
    /// People screened positive, by test.
    public var positive: [Int]
    /// People with at least one current condition in a chapter, by chapter and sex: `conditions[chapter][sex]`.
    public var conditions: [[Int]]
    /// People currently pregnant, by age band.
    public var pregnant: [Int]
    /// People with at least one allergy recorded, by age band.
    public var allergies: [Int]
    /// People with at least one alert, by age band.
    public var alerts: [Int]

    /// Empty counts for reports as of `asOf`.
    public init(asOf: ReportDate) {
        self.asOf = asOf
        let bands = AgeBand.allCases.count
        ageSex = Array(repeating: Array(repeating: 0, count: Self.sexes.count), count: bands)
        vaccinated = Array(repeating: Array(repeating: 0, count: bands), count: Antigen.allCases.count)
        complete = vaccinated
        screened = Array(repeating: 0, count: ScreeningTest.allCases.count)
        positive = screened
        conditions = Array(repeating: Array(repeating: 0, count: Self.sexes.count), count: ConditionChapter.allCases.count)
        pregnant = Array(repeating: 0, count: bands)
        allergies = pregnant
        alerts = pregnant
    }

    /// Rejected inputs in total.
    public var rejectedTotal: Int { rejected.values.reduce(0, +) }

    /// Counts a rejected input under its error code.
    public mutating func reject(code: String) { rejected[code, default: 0] += 1 }

    /// Adds one person's record.
    public mutating func add(_ record: HealthRecord) {
        records += 1
        let holder = record.holder
        let age = holder.birthDate.flatMap { AgeBand.age(birthDate: $0, asOf: asOf) }
        let band = AgeBand(age: age).rawValue
        let sex = Self.sexes.firstIndex(of: holder.sex ?? .unknown) ?? 3
        ageSex[band][sex] += 1
        nationality[holder.nationality ?? "", default: 0] += 1

        let immunizations = record.immunizations ?? []
        for (index, antigen) in Antigen.allCases.enumerated() {
            let doses = antigen.doses(in: immunizations)
            if doses >= 1 { vaccinated[index][band] += 1 }
            if let needed = antigen.dosesForComplete(age: age), doses >= needed { complete[index][band] += 1 }
        }
        let results = record.results ?? []
        for (index, test) in ScreeningTest.allCases.enumerated() {
            var done = false, isPositive = false
            for result in results {
                guard let code = result.code, test.codes.contains(code) else { continue }
                done = true
                if ScreeningTest.reading(of: result) == .positive { isPositive = true }
            }
            if done { screened[index] += 1 }
            if isPositive { positive[index] += 1 }
        }
        var chapters = Set<ConditionChapter>()
        for condition in record.conditions ?? [] where Self.isCurrent(condition.status) {
            chapters.insert(ConditionChapter(code: condition.code))
        }
        for chapter in chapters { conditions[chapter.rawValue - 1][sex] += 1 }
        if let pregnancy = record.pregnancy, pregnancy.status == .pregnant,
           pregnancy.dueDate.map({ Self.notBefore($0, asOf) }) ?? true {
            pregnant[band] += 1
        }
        if let list = record.allergies, list.contains(where: { !Self.isNoKnownAllergy($0) }) { allergies[band] += 1 }
        if let list = record.alerts, !list.isEmpty { alerts[band] += 1 }

        for entry in immunizations { see(entry.date) }
        for entry in results { see(entry.date) }
        for entry in record.vitals ?? [] { see(entry.date) }
        for entry in record.procedures ?? [] { see(entry.date) }
    }

    /// Adds another site's counts (same reference date).
    /// - Throws: `report.merge-mismatch` when the reference dates differ.
    public mutating func merge(_ other: PopulationCounts) throws(ReportError) {
        guard other.asOf == asOf else {
            throw ReportError(.mergeMismatch, """
                counts as of \(other.asOf) cannot be added to counts as of \(asOf): ages and current pregnancies \
                depend on the date; rerun every site's report with the same --as-of
                """)
        }
        records += other.records
        for (code, n) in other.rejected { rejected[code, default: 0] += n }
        see(other.earliest)
        see(other.latest)
        Self.add(&ageSex, other.ageSex)
        for (code, n) in other.nationality { nationality[code, default: 0] += n }
        Self.add(&vaccinated, other.vaccinated)
        Self.add(&complete, other.complete)
        Self.add(&conditions, other.conditions)
        for i in screened.indices { screened[i] += other.screened[i]; positive[i] += other.positive[i] }
        for i in pregnant.indices {
            pregnant[i] += other.pregnant[i]
            allergies[i] += other.allergies[i]
            alerts[i] += other.alerts[i]
        }
    }

    /// Active, recurring or relapsed, or without a status (a recorded problem is current unless marked otherwise).
    static func isCurrent(_ status: Condition.Status?) -> Bool {
        switch status {
        case nil, .active?, .recurrence?, .relapse?: true
        case .inactive?, .remission?, .resolved?: false
        }
    }

    /// "No known allergy" and "no known drug allergy" entries (SNOMED CT 716186003, 409137002) record an absence.
    static func isNoKnownAllergy(_ allergy: Allergy) -> Bool {
        guard let code = allergy.code, code.system == "snomed" else { return false }
        return code.code == "716186003" || code.code == "409137002"
    }

    /// Whether a partial date is on or after `asOf` at its own precision.
    static func notBefore(_ date: PartialDate, _ asOf: ReportDate) -> Bool {
        guard let month = date.month else { return date.year >= asOf.year }
        guard let day = date.day else { return (date.year, month) >= (asOf.year, asOf.month) }
        return (date.year, month, day) >= (asOf.year, asOf.month, asOf.day)
    }

    private mutating func see(_ date: PartialDate?) {
        guard let date else { return }
        if earliest.map({ date < $0 }) ?? true { earliest = date }
        if latest.map({ $0 < date }) ?? true { latest = date }
    }

    private static func add(_ a: inout [[Int]], _ b: [[Int]]) {
        for i in a.indices { for j in a[i].indices { a[i][j] += b[i][j] } }
    }
}
