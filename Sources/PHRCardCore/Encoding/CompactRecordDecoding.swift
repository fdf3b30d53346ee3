import PHRCodecs

/// Strict decoding of tier content (the inverse of ``CompactRecord/encode(_:sections:)``).
///
/// The result is an ``OpenedRecord`` (the sections decoded so far); fields that another encoder could have written
/// differently (trailing nulls, a text where `true` was due, a text code that has a numeric form, …) are rejected so
/// that decoding and re-encoding give back the same bytes.
extension CompactRecord {
    private struct Bad: Error { let message: String }

    /// Decodes tier content, allowing only the sections in `allowed`.
    static func decode(_ content: CBOR, allowed: [HealthRecord.Section], into out: inout OpenedRecord,
                       tier: Tier) throws(PHRCardError) {
        do {
            try decodeThrowing(content, allowed: allowed, into: &out)
            try checkRecordRules(out)
        } catch let error as PHRCardError {
            throw PHRCardError(error.code, "tier \(tier): \(error.message)")
        } catch let bad as Bad {
            throw PHRCardError(.badContent, "tier \(tier): \(bad.message)")
        } catch {
            throw PHRCardError(.badContent, "tier \(tier): \(error)")
        }
    }

    private static func decodeThrowing(_ content: CBOR, allowed: [HealthRecord.Section],
                                       into out: inout OpenedRecord) throws {
        guard case .map(let entries) = content else { throw Bad(message: "content is not a map") }
        for e in entries {
            guard let id = e.key.intValue, let s = section(id: id) else {
                throw Bad(message: "unknown section key \(e.key)")
            }
            guard allowed.contains(s) else { throw Bad(message: "section \(s.rawValue) is not assigned to this tier") }
            let sys = defaultSystem(s)
            let path = s.rawValue
            switch s {
            case .holder:
                let f = try fields(e.value, max: 9, path)
                var h = Holder()
                h.given = try str(f, 0, path)
                h.family = try str(f, 1, path)
                h.birthDate = try dateField(f, 2, path)
                h.sex = try enumField(f, 3, sexCodes, path)
                h.nationality = try str(f, 4, path)
                if let l = try field(f, 5) {
                    guard case .array(let langs) = l else { throw Bad(message: "\(path).languages is not an array") }
                    h.languages = try langs.map { item throws -> String in
                        guard case .textString(let t) = item else { throw Bad(message: "\(path).languages item is not text") }
                        return t
                    }
                }
                if let ids = try field(f, 6) {
                    guard case .array(let list) = ids else { throw Bad(message: "\(path).identifiers is not an array") }
                    h.identifiers = try list.map { item throws -> Holder.Identifier in
                        guard case .array(let p) = item, p.count == 2, case .textString(let sy) = p[0],
                              case .textString(let v) = p[1] else {
                            throw Bad(message: "\(path).identifiers item is not [system, value]")
                        }
                        return Holder.Identifier(system: sy, value: v)
                    }
                }
                h.unknown = try bitmaskField(f, 7, unknownBits, "\(path).unknown")
                h.declared = try bitmaskField(f, 8, declaredBits, "\(path).declared")
                out.holder = h
            case .allergies:
                out.allergies = try list(e.value, path, fieldCount: 6) { f, p throws in
                    let c = try codeField(f, 0, sys, p)
                    return Allergy(code: c, text: try displayField(f, 1, c, p),
                                   criticality: try enumField(f, 2, criticalityCodes, p), reaction: try str(f, 3, p),
                                   severity: try enumField(f, 4, allergySeverityCodes, p),
                                   category: try enumField(f, 5, allergyCategoryCodes, p))
                }
            case .conditions:
                out.conditions = try list(e.value, path, fieldCount: 4) { f, p throws in
                    let c = try codeField(f, 0, sys, p)
                    return Condition(code: c, text: try displayField(f, 1, c, p),
                                     status: try enumField(f, 2, conditionStatusCodes, p), onset: try dateField(f, 3, p))
                }
            case .medications:
                out.medications = try list(e.value, path, fieldCount: 5) { f, p throws in
                    let c = try codeField(f, 0, sys, p)
                    return Medication(code: c, text: try displayField(f, 1, c, p), dosage: try str(f, 2, p),
                                      since: try dateField(f, 3, p), status: try enumField(f, 4, medicationStatusCodes, p))
                }
            case .immunizations:
                out.immunizations = try list(e.value, path, fieldCount: 5) { f, p throws in
                    let c = try codeField(f, 0, sys, p)
                    return Immunization(code: c, text: try displayField(f, 1, c, p), date: try dateField(f, 2, p),
                                        dose: try intField(f, 3, p), country: try str(f, 4, p))
                }
            case .results:
                out.results = try list(e.value, path, fieldCount: 6) { f, p throws in
                    let c = try codeField(f, 0, sys, p)
                    return LabResult(code: c, text: try displayField(f, 1, c, p), value: try str(f, 2, p),
                                     date: try dateField(f, 3, p), interpretation: try enumField(f, 4, interpretationCodes, p),
                                     range: try str(f, 5, p))
                }
            case .vitals:
                out.vitals = try list(e.value, path, fieldCount: 10) { f, p throws in
                    VitalSigns(date: try dateField(f, 0, p), heightCm: try decimalField(f, 1, p),
                               weightKg: try decimalField(f, 2, p), bpSystolic: try intField(f, 3, p),
                               bpDiastolic: try intField(f, 4, p), temperatureC: try decimalField(f, 5, p),
                               heartRate: try intField(f, 6, p), respiratoryRate: try intField(f, 7, p),
                               oxygenSaturation: try decimalField(f, 8, p), bmi: try decimalField(f, 9, p))
                }
            case .pregnancy:
                let f = try fields(e.value, max: 2, path)
                guard let status = try enumField(f, 0, pregnancyCodes, path) else {
                    throw Bad(message: "pregnancy.status is required")
                }
                out.pregnancy = Pregnancy(status: status, dueDate: try dateField(f, 1, path))
            case .notes:
                guard case .textString(let t) = e.value else { throw Bad(message: "notes is not text") }
                out.notes = t
            case .procedures:
                out.procedures = try list(e.value, path, fieldCount: 4) { f, p throws in
                    let c = try codeField(f, 0, sys, p)
                    return Procedure(code: c, text: try displayField(f, 1, c, p), date: try dateField(f, 2, p),
                                     status: try enumField(f, 3, procedureStatusCodes, p))
                }
            case .devices:
                out.devices = try list(e.value, path, fieldCount: 3) { f, p throws in
                    let c = try codeField(f, 0, sys, p)
                    return MedicalDevice(code: c, text: try displayField(f, 1, c, p), since: try dateField(f, 2, p))
                }
            case .alerts:
                out.alerts = try list(e.value, path, fieldCount: 4) { f, p throws in
                    let c = try codeField(f, 0, sys, p)
                    return Alert(code: c, text: try displayField(f, 1, c, p), since: try dateField(f, 2, p),
                                 severity: try enumField(f, 3, alertSeverityCodes, p))
                }
            }
        }
    }

    /// Fails closed when decoded content breaks a rule of the record model (a conforming issuer never writes such
    /// content): every limit and format rule of `record.md` applies to what a card carries.
    static func checkRecordRules(_ s: OpenedRecord) throws(PHRCardError) {
        let record = s.record(placeholder: Holder(given: "-"))
        let issues = record.validate()
        guard issues.isEmpty else {
            throw PHRCardError(.badContent, "decoded content breaks the record rules: "
                               + issues.prefix(5).map(\.description).joined(separator: "; "))
        }
    }

    // MARK: Field readers

    private static func fields(_ item: CBOR, max: Int, _ path: String) throws -> [CBOR] {
        guard case .array(let f) = item else { throw Bad(message: "\(path) is not an array") }
        guard f.count <= max else { throw Bad(message: "\(path) has \(f.count) fields, at most \(max) allowed") }
        guard f.last != .null else { throw Bad(message: "\(path) ends with a null field (must be dropped)") }
        return f
    }

    /// A section's entry list; each entry has at most `fieldCount` positional fields.
    private static func list<T>(_ item: CBOR, _ path: String, fieldCount: Int,
                                _ make: ([CBOR], String) throws -> T) throws -> [T] {
        guard case .array(let items) = item else { throw Bad(message: "\(path) is not an array") }
        guard items.count <= RecordLimits.maxEntriesPerSection else {
            throw Bad(message: "\(path) has \(items.count) entries, at most \(RecordLimits.maxEntriesPerSection) allowed")
        }
        return try items.enumerated().map { i, entry in
            let p = "\(path)[\(i)]"
            return try make(try fields(entry, max: fieldCount, p), p)
        }
    }

    private static func field(_ f: [CBOR], _ i: Int) throws -> CBOR? {
        guard i < f.count, f[i] != .null else { return nil }
        return f[i]
    }

    private static func str(_ f: [CBOR], _ i: Int, _ path: String) throws -> String? {
        guard let v = try field(f, i) else { return nil }
        guard case .textString(let s) = v else { throw Bad(message: "\(path) field \(i) is not text") }
        return s
    }

    private static func intField(_ f: [CBOR], _ i: Int, _ path: String) throws -> Int? {
        guard let v = try field(f, i) else { return nil }
        guard case .unsignedInt(let n) = v, n <= 100_000 else {
            throw Bad(message: "\(path) field \(i) is not a small unsigned integer")
        }
        return Int(n)
    }

    private static func enumField<E>(_ f: [CBOR], _ i: Int, _ table: [E: Int64], _ path: String) throws -> E? {
        guard let v = try field(f, i) else { return nil }
        guard let n = v.intValue, let match = table.first(where: { $0.value == n }) else {
            throw Bad(message: "\(path) field \(i): \(v) is not a known value")
        }
        return match.key
    }

    /// A bitmask field: a `uint` other than 0 using only the defined bits (absent means the empty set).
    private static func bitmaskField<E: Hashable>(_ f: [CBOR], _ i: Int, _ bits: [E: UInt64],
                                                  _ path: String) throws -> Set<E> {
        guard let v = try field(f, i) else { return [] }
        guard case .unsignedInt(let mask) = v else { throw Bad(message: "\(path): \(v) is not a bitmask") }
        guard mask != 0 else { throw Bad(message: "\(path): an empty bitmask must be left out, not written as 0") }
        let defined = bits.values.reduce(0, |)
        guard mask & ~defined == 0 else {
            throw Bad(message: "\(path): bitmask \(mask) has undefined bits (defined: \(defined))")
        }
        return Set(bits.filter { mask & $0.value != 0 }.map(\.key))
    }

    private static func dateField(_ f: [CBOR], _ i: Int, _ path: String) throws -> PartialDate? {
        guard let v = try field(f, i) else { return nil }
        switch v {
        case .unsignedInt(let n) where n <= UInt64(maxDayNumber):
            let (y, m, d) = dateFromDays(Int(n))
            return try PartialDate(year: y, month: m, day: d)
        case .negativeInt(let k) where k <= 251 * 13:
            let year = epochYear + Int(k / 13)
            let month = Int(k % 13)
            return try PartialDate(year: year, month: month == 0 ? nil : month)
        case .textString(let s):
            let d = try PartialDate(s)
            guard d.day != nil, daysSinceEpoch(year: d.year, month: d.month!, day: d.day!) > maxDayNumber else {
                throw Bad(message: "\(path) field \(i): date \"\(s)\" must be written as an integer")
            }
            return d
        default:
            throw Bad(message: "\(path) field \(i): \(v) is not a date")
        }
    }

    private static func decimalField(_ f: [CBOR], _ i: Int, _ path: String) throws -> DecimalValue? {
        guard let v = try field(f, i) else { return nil }
        if let n = v.intValue {
            guard abs(n) < 1_000_000_000_000 else { throw Bad(message: "\(path) field \(i): \(n) is out of range") }
            return DecimalValue(significand: n, exponent: 0)
        }
        guard case .tagged(4, .array(let parts)) = v, parts.count == 2, let e = parts[0].intValue,
              let m = parts[1].intValue, e < 0, e >= -18 else {
            throw Bad(message: "\(path) field \(i): \(v) is not a decimal")
        }
        let d = DecimalValue(significand: m, exponent: Int(e))
        guard d.significand == m, d.exponent == Int(e) else {
            throw Bad(message: "\(path) field \(i): decimal is not normalised")
        }
        return d
    }

    private static func codeField(_ f: [CBOR], _ i: Int, _ sectionDefault: CodeSystem?, _ path: String) throws -> ClinicalCode? {
        guard let v = try field(f, i) else { return nil }
        let system: CodeSystem
        let value: CBOR
        switch v {
        case .array(let p) where p.count == 2:
            if case .textString(let name) = p[0] {
                guard CodeSystem(shortName: name) == nil, case .textString(let c) = p[1] else {
                    throw Bad(message: "\(path): code system \"\(name)\" must be written by its id")
                }
                return ClinicalCode(system: name, code: c)
            }
            guard let id = p[0].intValue, let s = CodeSystem(rawValue: Int(id)), s != sectionDefault else {
                throw Bad(message: "\(path): unknown or redundant code system id \(p[0])")
            }
            system = s
            value = p[1]
        case .unsignedInt, .textString:
            guard let d = sectionDefault else { throw Bad(message: "\(path): this section has no default code system") }
            system = d
            value = v
        default:
            throw Bad(message: "\(path): \(v) is not a code")
        }
        switch value {
        case .unsignedInt(let n):
            guard let s = formatCode(n, system) else { throw Bad(message: "\(path): \(n) has no \(system.shortName) form") }
            return ClinicalCode(system: system.shortName, code: s)
        case .textString(let s):
            guard numericCode(s, system) == nil else {
                throw Bad(message: "\(path): code \"\(s)\" must be written as an integer")
            }
            return ClinicalCode(system: system.shortName, code: s)
        default:
            throw Bad(message: "\(path): code value \(value) is neither integer nor text")
        }
    }

    private static func displayField(_ f: [CBOR], _ i: Int, _ code: ClinicalCode?, _ path: String) throws -> String? {
        guard let v = try field(f, i) else { return nil }
        switch v {
        case .bool(true):
            guard let code, let d = CodeDisplays.standardDisplay(for: code) else {
                throw Bad(message: "\(path): standard display requested but \(code.map { "\($0)" } ?? "no code") has none")
            }
            return d
        case .textString(let s):
            if let code, CodeDisplays.standardDisplay(for: code) == s {
                throw Bad(message: "\(path): text equal to the standard display must be written as true")
            }
            return s
        default:
            throw Bad(message: "\(path): \(v) is not a display text")
        }
    }
}
