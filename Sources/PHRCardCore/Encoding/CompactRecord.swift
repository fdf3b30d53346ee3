import PHRCodecs

/// The compact CBOR encoding of record sections carried inside a tier (spec/format.md §5).
///
/// A tier's content is a map from section id to the section's content. Entries are positional arrays with trailing
/// absent fields dropped; codes of the section's default system are carried as bare values; a display text equal to
/// the code's standard display (``CodeDisplays``) is carried as `true`; dates are small integers; enumerations
/// are small integers. The encoding is deterministic, and decoding is strict: anything another encoder could
/// write differently is rejected, so that every card has exactly one encoding of its record.
enum CompactRecord {
    /// Section ids on the card (`1`…`12`, in record order): ``HealthRecord/Section/id`` from the section table.
    static func sectionID(_ section: HealthRecord.Section) -> Int { section.id }

    static func section(id: Int64) -> HealthRecord.Section? {
        Int(exactly: id).flatMap { HealthRecord.Section(id: $0) }
    }

    /// The code system implied for codes of a section (carried without a system id), from the section table.
    static func defaultSystem(_ section: HealthRecord.Section) -> CodeSystem? { section.descriptor.defaultCodeSystem }

    // MARK: Enumerations

    static let sexCodes: [Holder.Sex: Int64] = [.female: 1, .male: 2, .other: 3, .unknown: 4]
    static let criticalityCodes: [Allergy.Criticality: Int64] = [.high: 1, .low: 2, .unknown: 3]
    static let conditionStatusCodes: [Condition.Status: Int64] = [
        .active: 1, .recurrence: 2, .relapse: 3, .inactive: 4, .remission: 5, .resolved: 6,
    ]
    static let pregnancyCodes: [Pregnancy.Status: Int64] = [.pregnant: 1, .notPregnant: 2, .unknown: 3]
    static let procedureStatusCodes: [Procedure.Status: Int64] = [.completed: 1, .inProgress: 2, .notDone: 3]
    static let alertSeverityCodes: [Alert.Severity: Int64] = [.high: 1, .low: 2]
    static let allergySeverityCodes: [Allergy.Severity: Int64] = [.mild: 1, .moderate: 2, .severe: 3]
    static let allergyCategoryCodes: [Allergy.Category: Int64] = [
        .food: 1, .medication: 2, .environment: 3, .biologic: 4,
    ]
    static let medicationStatusCodes: [Medication.Status: Int64] = [
        .active: 1, .completed: 2, .stopped: 3, .onHold: 4, .intended: 5, .notTaken: 6,
    ]
    static let interpretationCodes: [LabResult.Interpretation: Int64] = [
        .normal: 1, .abnormal: 2, .low: 3, .high: 4, .criticalLow: 5, .criticalHigh: 6, .positive: 7, .negative: 8,
        .indeterminate: 9,
    ]
    /// Bits of the holder's `unknown` bitmask (field 8).
    static let unknownBits: [Holder.UnknownField: UInt64] = [.name: 1, .birthDate: 2]
    /// Bits of the holder's `declared` bitmask (field 9).
    static let declaredBits: [Holder.DeclaredField: UInt64] = [.name: 1, .birthDate: 2, .sex: 4, .nationality: 8]

    // MARK: Encoding

    /// Encodes the given sections of `record` as the tier content map. Absent sections are left out.
    static func encode(_ record: HealthRecord, sections: [HealthRecord.Section]) -> CBOR {
        var pairs: [(Int64, CBOR)] = []
        for section in sections {
            guard let content = encodeSection(record, section) else { continue }
            pairs.append((Int64(sectionID(section)), content))
        }
        return .intMap(pairs)
    }

    private static func encodeSection(_ r: HealthRecord, _ s: HealthRecord.Section) -> CBOR? {
        let sys = defaultSystem(s)
        switch s {
        case .holder:
            let h = r.holder
            return entry([text(h.given), text(h.family), date(h.birthDate), h.sex.map { .int(sexCodes[$0]!) },
                          text(h.nationality), h.languages.map { .array($0.map { .textString($0) }) },
                          h.identifiers.map { .array($0.map { .array([.textString($0.system), .textString($0.value)]) }) },
                          bitmask(h.unknown, unknownBits), bitmask(h.declared, declaredBits)])
        case .allergies:
            return r.allergies.map { .array($0.map { a in
                entry([code(a.code, sys), display(a.text, a.code), a.criticality.map { .int(criticalityCodes[$0]!) },
                       text(a.reaction), a.severity.map { .int(allergySeverityCodes[$0]!) },
                       a.category.map { .int(allergyCategoryCodes[$0]!) }])
            }) }
        case .conditions:
            return r.conditions.map { .array($0.map { c in
                entry([code(c.code, sys), display(c.text, c.code), c.status.map { .int(conditionStatusCodes[$0]!) },
                       date(c.onset)])
            }) }
        case .medications:
            return r.medications.map { .array($0.map { m in
                entry([code(m.code, sys), display(m.text, m.code), text(m.dosage), date(m.since),
                       m.status.map { .int(medicationStatusCodes[$0]!) }])
            }) }
        case .immunizations:
            return r.immunizations.map { .array($0.map { i in
                entry([code(i.code, sys), display(i.text, i.code), date(i.date), i.dose.map { .int(Int64($0)) },
                       text(i.country)])
            }) }
        case .results:
            return r.results.map { .array($0.map { x in
                entry([code(x.code, sys), display(x.text, x.code), text(x.value), date(x.date),
                       x.interpretation.map { .int(interpretationCodes[$0]!) }, text(x.range)])
            }) }
        case .vitals:
            return r.vitals.map { .array($0.map { v in
                entry([date(v.date), decimal(v.heightCm), decimal(v.weightKg), v.bpSystolic.map { .int(Int64($0)) },
                       v.bpDiastolic.map { .int(Int64($0)) }, decimal(v.temperatureC), v.heartRate.map { .int(Int64($0)) },
                       v.respiratoryRate.map { .int(Int64($0)) }, decimal(v.oxygenSaturation), decimal(v.bmi)])
            }) }
        case .pregnancy:
            return r.pregnancy.map { p in entry([.int(pregnancyCodes[p.status]!), date(p.dueDate)]) }
        case .notes:
            return r.notes.map { .textString($0) }
        case .procedures:
            return r.procedures.map { .array($0.map { x in
                entry([code(x.code, sys), display(x.text, x.code), date(x.date),
                       x.status.map { .int(procedureStatusCodes[$0]!) }])
            }) }
        case .devices:
            return r.devices.map { .array($0.map { d in
                entry([code(d.code, sys), display(d.text, d.code), date(d.since)])
            }) }
        case .alerts:
            return r.alerts.map { .array($0.map { a in
                entry([code(a.code, sys), display(a.text, a.code), date(a.since),
                       a.severity.map { .int(alertSeverityCodes[$0]!) }])
            }) }
        }
    }

    /// A positional entry with trailing absent fields dropped and inner absent fields as null.
    private static func entry(_ fields: [CBOR?]) -> CBOR {
        var f = fields
        while let last = f.last, last == nil { f.removeLast() }
        return .array(f.map { $0 ?? .null })
    }

    private static func text(_ s: String?) -> CBOR? { s.map { .textString($0) } }

    /// A set as a bitmask `uint`; absent (nil) when empty, so that 0 is never written.
    private static func bitmask<E: Hashable>(_ values: Set<E>, _ bits: [E: UInt64]) -> CBOR? {
        values.isEmpty ? nil : .unsignedInt(values.reduce(0) { $0 | bits[$1]! })
    }

    private static func display(_ s: String?, _ code: ClinicalCode?) -> CBOR? {
        guard let s else { return nil }
        if let code, CodeDisplays.standardDisplay(for: code) == s { return .bool(true) }
        return .textString(s)
    }

    /// `code = value / [system-id, value] / [system-name, tstr]`.
    static func code(_ c: ClinicalCode?, _ sectionDefault: CodeSystem?) -> CBOR? {
        guard let c else { return nil }
        if let known = CodeSystem(shortName: c.system) {
            let value = codeValue(c.code, known)
            return known == sectionDefault ? value : .array([.int(Int64(known.rawValue)), value])
        }
        return .array([.textString(c.system), .textString(c.code)])
    }

    /// A code value: an unsigned integer when the code is exactly the system's numeric form of that integer.
    static func codeValue(_ code: String, _ system: CodeSystem) -> CBOR {
        if let n = numericCode(code, system) { return .unsignedInt(n) }
        return .textString(code)
    }

    static func numericCode(_ code: String, _ system: CodeSystem) -> UInt64? {
        let digits = system == .loinc ? code.replacingOccurrences(of: "-", with: "") : code
        guard !digits.isEmpty, digits.count <= 19, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let n = UInt64(digits), formatCode(n, system) == code else { return nil }
        return n
    }

    /// The numeric form of a code: CVX at least two digits; LOINC with a hyphen before the check digit; else decimal.
    static func formatCode(_ n: UInt64, _ system: CodeSystem) -> String? {
        switch system {
        case .cvx: return n < 10 ? "0\(n)" : "\(n)"
        case .loinc: return n < 10 ? nil : "\(n / 10)-\(n % 10)"
        default: return "\(n)"
        }
    }

    static let epochYear = 1900
    static let maxDayNumber = 65_535

    /// `date = uint (days since 1900-01-01) / nint (-1 − ((year − 1900) × 13 + month), month 0 = year only) / tstr`.
    static func date(_ d: PartialDate?) -> CBOR? {
        guard let d else { return nil }
        if let month = d.month, let day = d.day {
            let n = daysSinceEpoch(year: d.year, month: month, day: day)
            return n <= maxDayNumber ? .unsignedInt(UInt64(n)) : .textString(d.description)
        }
        let k = (d.year - epochYear) * 13 + (d.month ?? 0)
        return .negativeInt(UInt64(k))
    }

    /// `decimal = int / 4([exponent, significand])` (RFC 8949 §3.4.4 decimal fraction) for non-integers.
    static func decimal(_ v: DecimalValue?) -> CBOR? {
        guard let v else { return nil }
        if v.exponent >= 0 {
            // An integral value is written as an integer (the record's limits keep it far inside Int64).
            var n = v.significand
            for _ in 0..<v.exponent { n *= 10 }
            return .int(n)
        }
        return .tagged(4, .array([.int(Int64(v.exponent)), .int(v.significand)]))
    }

    /// Days from 1900-01-01 (day 0) to the given date in the proleptic Gregorian calendar.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        // Days from civil (H. Hinnant's algorithm), shifted so that 1900-01-01 is 0.
        func civil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
            let y = m <= 2 ? y0 - 1 : y0
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe
        }
        return civil(year, month, day) - civil(1900, 1, 1)
    }

    static func dateFromDays(_ n: Int) -> (Int, Int, Int) {
        let z = n + 693_901 + 0  // civil(1900,1,1) relative to 0000-03-01 epoch
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
