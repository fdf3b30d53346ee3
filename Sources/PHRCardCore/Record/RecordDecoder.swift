/// Turns a parsed JSON tree into a ``HealthRecord``, checking every rule and collecting every problem.
///
/// Values that are present but invalid decode as nil and leave an issue; the record is only usable when
/// ``issues`` is empty. Issues are reported in the record's field order.
internal struct RecordDecoder {
    /// Every problem found so far.
    private(set) var issues: [RecordIssue] = []

    /// How a text field is checked.
    enum TextKind {
        /// Names and identifiers: one line, at most ``RecordLimits/maxNameBytes``.
        case name
        /// Entry texts: newline and tab allowed, at most ``RecordLimits/maxTextBytes``.
        case text
        /// The notes: newline and tab allowed, at most ``RecordLimits/maxNotesBytes``.
        case notes

        var maxBytes: Int {
            switch self {
            case .name: RecordLimits.maxNameBytes
            case .text: RecordLimits.maxTextBytes
            case .notes: RecordLimits.maxNotesBytes
            }
        }

        var allowsLineBreaks: Bool { self != .name }
    }

    // MARK: Record

    /// Decodes a whole record; nil when the holder could not be decoded (issues say why).
    mutating func decodeRecord(_ root: JSONValue) -> HealthRecord? {
        let names = HealthRecord.Section.allCases.map(\.rawValue)
        guard let fields = members(root, at: "", allowed: names) else { return nil }
        let holder: Holder?
        if let value = fields["holder"] {
            holder = decodeHolder(value, at: "holder")
        } else {
            add("holder", RecordIssue.Code.missingField, "the record needs a holder")
            holder = nil
        }
        let allergies = section(fields["allergies"], "allergies") { decoder, value, path in
            decoder.decodeAllergy(value, at: path)
        }
        let conditions = section(fields["conditions"], "conditions") { decoder, value, path in
            decoder.decodeCondition(value, at: path)
        }
        let medications = section(fields["medications"], "medications") { decoder, value, path in
            decoder.decodeMedication(value, at: path)
        }
        let immunizations = section(fields["immunizations"], "immunizations") { decoder, value, path in
            decoder.decodeImmunization(value, at: path)
        }
        let results = section(fields["results"], "results") { decoder, value, path in
            decoder.decodeLabResult(value, at: path)
        }
        let vitals = section(fields["vitals"], "vitals") { decoder, value, path in
            decoder.decodeVitalSigns(value, at: path)
        }
        let pregnancy = fields["pregnancy"].flatMap { decodePregnancy($0, at: "pregnancy") }
        let notes = string(fields["notes"], at: "notes", kind: .notes)
        let procedures = section(fields["procedures"], "procedures") { decoder, value, path in
            decoder.decodeProcedure(value, at: path)
        }
        let devices = section(fields["devices"], "devices") { decoder, value, path in
            decoder.decodeDevice(value, at: path)
        }
        let alerts = section(fields["alerts"], "alerts") { decoder, value, path in
            decoder.decodeAlert(value, at: path)
        }
        guard let holder else { return nil }
        return HealthRecord(
            holder: holder, allergies: allergies, conditions: conditions, medications: medications,
            immunizations: immunizations, results: results, vitals: vitals, pregnancy: pregnancy, notes: notes,
            procedures: procedures, devices: devices, alerts: alerts)
    }

    // MARK: Holder and entries

    private mutating func decodeHolder(_ value: JSONValue, at path: String) -> Holder? {
        let allowed = ["given", "family", "birthDate", "sex", "nationality", "languages", "identifiers", "unknown",
                       "declared"]
        guard let fields = members(value, at: path, allowed: allowed) else { return nil }
        var holder = Holder()
        let unknown = fieldList(fields["unknown"], at: RecordText.path(path, "unknown"), as: Holder.UnknownField.self)
        let declared = fieldList(fields["declared"], at: RecordText.path(path, "declared"),
                                 as: Holder.DeclaredField.self)
        let nameUnknown = unknown.contains(.name)
        if fields["given"] == nil && fields["family"] == nil && !nameUnknown {
            add(path, RecordIssue.Code.missingField,
                "the holder needs a given or a family name (or \"unknown\": [\"name\"])")
        }
        holder.given = string(fields["given"], at: RecordText.path(path, "given"), kind: .name)
        holder.family = string(fields["family"], at: RecordText.path(path, "family"), kind: .name)
        holder.birthDate = date(fields["birthDate"], at: RecordText.path(path, "birthDate"))
        holder.sex = enumeration(fields["sex"], at: RecordText.path(path, "sex"), as: Holder.Sex.self)
        holder.nationality = country(fields["nationality"], at: RecordText.path(path, "nationality"))
        let languagesPath = RecordText.path(path, "languages")
        if let items = array(fields["languages"], at: languagesPath, maxItems: RecordLimits.maxLanguages,
                             what: "languages") {
            holder.languages = items.enumerated().compactMap { index, item in
                language(item, at: RecordText.path(languagesPath, index: index))
            }
        }
        let identifiersPath = RecordText.path(path, "identifiers")
        if let items = array(fields["identifiers"], at: identifiersPath, maxItems: RecordLimits.maxIdentifiers,
                             what: "identifiers") {
            holder.identifiers = items.enumerated().compactMap { index, item in
                decodeIdentifier(item, at: RecordText.path(identifiersPath, index: index))
            }
        }
        checkUnknown(unknown, fields, at: path)
        checkDeclared(declared, fields, at: path)
        holder.unknown = Set(unknown)
        holder.declared = Set(declared)
        return holder
    }

    /// A holder `unknown`/`declared` list: known names, each at most once, in the enumeration's order, not empty.
    /// Returns the valid names (in order) for the presence checks.
    private mutating func fieldList<Value: RawRepresentable & CaseIterable & Equatable>(
        _ value: JSONValue?, at path: String, as type: Value.Type
    ) -> [Value] where Value.RawValue == String {
        let order = Array(Value.allCases)
        guard let items = array(value, at: path, maxItems: order.count, what: "values") else { return [] }
        if items.isEmpty {
            add(path, RecordIssue.Code.emptyList, "must not be empty (leave the member out instead)")
        }
        var result: [Value] = []
        for (index, item) in items.enumerated() {
            let itemPath = RecordText.path(path, index: index)
            guard let field = enumeration(item, at: itemPath, as: type) else { continue }
            if result.contains(field) {
                add(itemPath, RecordIssue.Code.listOrder, "\(RecordText.quoted(field.rawValue)) is listed more than once")
            } else if let last = result.last,
                      order.firstIndex(of: last)! > order.firstIndex(of: field)! {
                let names = order.map(\.rawValue).joined(separator: ", ")
                add(itemPath, RecordIssue.Code.listOrder,
                    "\(RecordText.quoted(field.rawValue)) is out of order (the order is \(names))")
                result.append(field)
            } else {
                result.append(field)
            }
        }
        return result
    }

    /// A field listed as unknown must be absent (`name`: neither `given` nor `family`).
    private mutating func checkUnknown(_ unknown: [Holder.UnknownField], _ fields: [String: JSONValue], at path: String) {
        for field in unknown {
            let members = field == .name ? ["given", "family"] : ["birthDate"]
            for member in members where fields[member] != nil {
                add(RecordText.path(path, member), RecordIssue.Code.unknownValuePresent,
                    "is present although \"unknown\" lists \(RecordText.quoted(field.rawValue))")
            }
        }
    }

    /// A field listed as declared must be present (`name`: `given` or `family`).
    private mutating func checkDeclared(_ declared: [Holder.DeclaredField], _ fields: [String: JSONValue], at path: String) {
        for field in declared {
            let present = field == .name ? fields["given"] != nil || fields["family"] != nil : fields[field.rawValue] != nil
            if !present {
                add(RecordText.path(path, "declared"), RecordIssue.Code.declaredValueMissing,
                    "lists \(RecordText.quoted(field.rawValue)) as self-declared, but the holder has no \(field == .name ? "given or family name" : field.rawValue)")
            }
        }
    }

    private mutating func decodeIdentifier(_ value: JSONValue, at path: String) -> Holder.Identifier? {
        guard let fields = members(value, at: path, allowed: ["system", "value"]) else { return nil }
        let system = required(fields, "system", at: path) { decoder, value, fieldPath in
            decoder.string(value, at: fieldPath, kind: .name)
        }
        let identifierValue = required(fields, "value", at: path) { decoder, value, fieldPath in
            decoder.string(value, at: fieldPath, kind: .name)
        }
        guard let system, let identifierValue else { return nil }
        return Holder.Identifier(system: system, value: identifierValue)
    }

    private mutating func decodeAllergy(_ value: JSONValue, at path: String) -> Allergy? {
        let allowed = ["code", "text", "criticality", "reaction", "severity", "category"]
        guard let fields = members(value, at: path, allowed: allowed) else { return nil }
        requireCodeOrText(fields, at: path)
        return Allergy(
            code: code(fields["code"], at: RecordText.path(path, "code")),
            text: string(fields["text"], at: RecordText.path(path, "text"), kind: .text),
            criticality: enumeration(fields["criticality"], at: RecordText.path(path, "criticality"),
                                     as: Allergy.Criticality.self),
            reaction: string(fields["reaction"], at: RecordText.path(path, "reaction"), kind: .text),
            severity: enumeration(fields["severity"], at: RecordText.path(path, "severity"), as: Allergy.Severity.self),
            category: enumeration(fields["category"], at: RecordText.path(path, "category"), as: Allergy.Category.self))
    }

    private mutating func decodeCondition(_ value: JSONValue, at path: String) -> Condition? {
        guard let fields = members(value, at: path, allowed: ["code", "text", "status", "onset"]) else { return nil }
        requireCodeOrText(fields, at: path)
        return Condition(
            code: code(fields["code"], at: RecordText.path(path, "code")),
            text: string(fields["text"], at: RecordText.path(path, "text"), kind: .text),
            status: enumeration(fields["status"], at: RecordText.path(path, "status"), as: Condition.Status.self),
            onset: date(fields["onset"], at: RecordText.path(path, "onset")))
    }

    private mutating func decodeMedication(_ value: JSONValue, at path: String) -> Medication? {
        guard let fields = members(value, at: path, allowed: ["code", "text", "dosage", "since", "status"]) else {
            return nil
        }
        requireCodeOrText(fields, at: path)
        return Medication(
            code: code(fields["code"], at: RecordText.path(path, "code")),
            text: string(fields["text"], at: RecordText.path(path, "text"), kind: .text),
            dosage: string(fields["dosage"], at: RecordText.path(path, "dosage"), kind: .text),
            since: date(fields["since"], at: RecordText.path(path, "since")),
            status: enumeration(fields["status"], at: RecordText.path(path, "status"), as: Medication.Status.self))
    }

    private mutating func decodeImmunization(_ value: JSONValue, at path: String) -> Immunization? {
        let allowed = ["code", "text", "date", "dose", "country"]
        guard let fields = members(value, at: path, allowed: allowed) else { return nil }
        requireCodeOrText(fields, at: path)
        return Immunization(
            code: code(fields["code"], at: RecordText.path(path, "code")),
            text: string(fields["text"], at: RecordText.path(path, "text"), kind: .text),
            date: date(fields["date"], at: RecordText.path(path, "date")),
            dose: integer(fields["dose"], at: RecordText.path(path, "dose"), in: Immunization.doses, unit: ""),
            country: country(fields["country"], at: RecordText.path(path, "country")))
    }

    private mutating func decodeLabResult(_ value: JSONValue, at path: String) -> LabResult? {
        let allowed = ["code", "text", "value", "date", "interpretation", "range"]
        guard let fields = members(value, at: path, allowed: allowed) else { return nil }
        requireCodeOrText(fields, at: path)
        return LabResult(
            code: code(fields["code"], at: RecordText.path(path, "code")),
            text: string(fields["text"], at: RecordText.path(path, "text"), kind: .text),
            value: string(fields["value"], at: RecordText.path(path, "value"), kind: .text),
            date: date(fields["date"], at: RecordText.path(path, "date")),
            interpretation: enumeration(fields["interpretation"], at: RecordText.path(path, "interpretation"),
                                        as: LabResult.Interpretation.self),
            range: string(fields["range"], at: RecordText.path(path, "range"), kind: .name))
    }

    private mutating func decodeVitalSigns(_ value: JSONValue, at path: String) -> VitalSigns? {
        let measurements = ["heightCm", "weightKg", "bpSystolic", "bpDiastolic", "temperatureC", "heartRate",
                            "respiratoryRate", "oxygenSaturation", "bmi"]
        guard let fields = members(value, at: path, allowed: ["date"] + measurements) else { return nil }
        if !measurements.contains(where: { fields[$0] != nil }) {
            add(path, RecordIssue.Code.emptyEntry,
                "a vital signs entry needs at least one measurement (\(measurements.joined(separator: ", ")))")
        }
        return VitalSigns(
            date: date(fields["date"], at: RecordText.path(path, "date")),
            heightCm: decimal(fields["heightCm"], at: RecordText.path(path, "heightCm"),
                              in: VitalSigns.heightRangeCm, unit: " cm"),
            weightKg: decimal(fields["weightKg"], at: RecordText.path(path, "weightKg"),
                              in: VitalSigns.weightRangeKg, unit: " kg"),
            bpSystolic: integer(fields["bpSystolic"], at: RecordText.path(path, "bpSystolic"),
                                in: VitalSigns.bloodPressureRange, unit: " mmHg"),
            bpDiastolic: integer(fields["bpDiastolic"], at: RecordText.path(path, "bpDiastolic"),
                                 in: VitalSigns.bloodPressureRange, unit: " mmHg"),
            temperatureC: decimal(fields["temperatureC"], at: RecordText.path(path, "temperatureC"),
                                  in: VitalSigns.temperatureRangeC, unit: " °C"),
            heartRate: integer(fields["heartRate"], at: RecordText.path(path, "heartRate"),
                               in: VitalSigns.heartRateRange, unit: "/min"),
            respiratoryRate: integer(fields["respiratoryRate"], at: RecordText.path(path, "respiratoryRate"),
                                     in: VitalSigns.respiratoryRateRange, unit: "/min"),
            oxygenSaturation: decimal(fields["oxygenSaturation"], at: RecordText.path(path, "oxygenSaturation"),
                                      in: VitalSigns.oxygenSaturationRange, unit: " %"),
            bmi: decimal(fields["bmi"], at: RecordText.path(path, "bmi"), in: VitalSigns.bmiRange, unit: " kg/m²"))
    }

    private mutating func decodePregnancy(_ value: JSONValue, at path: String) -> Pregnancy? {
        guard let fields = members(value, at: path, allowed: ["status", "dueDate"]) else { return nil }
        let status = required(fields, "status", at: path) { decoder, value, fieldPath in
            decoder.enumeration(value, at: fieldPath, as: Pregnancy.Status.self)
        }
        let dueDate = date(fields["dueDate"], at: RecordText.path(path, "dueDate"))
        guard let status else { return nil }
        return Pregnancy(status: status, dueDate: dueDate)
    }

    private mutating func decodeProcedure(_ value: JSONValue, at path: String) -> Procedure? {
        guard let fields = members(value, at: path, allowed: ["code", "text", "date", "status"]) else { return nil }
        requireCodeOrText(fields, at: path)
        return Procedure(
            code: code(fields["code"], at: RecordText.path(path, "code")),
            text: string(fields["text"], at: RecordText.path(path, "text"), kind: .text),
            date: date(fields["date"], at: RecordText.path(path, "date")),
            status: enumeration(fields["status"], at: RecordText.path(path, "status"), as: Procedure.Status.self))
    }

    private mutating func decodeDevice(_ value: JSONValue, at path: String) -> MedicalDevice? {
        guard let fields = members(value, at: path, allowed: ["code", "text", "since"]) else { return nil }
        requireCodeOrText(fields, at: path)
        return MedicalDevice(
            code: code(fields["code"], at: RecordText.path(path, "code")),
            text: string(fields["text"], at: RecordText.path(path, "text"), kind: .text),
            since: date(fields["since"], at: RecordText.path(path, "since")))
    }

    private mutating func decodeAlert(_ value: JSONValue, at path: String) -> Alert? {
        guard let fields = members(value, at: path, allowed: ["code", "text", "since", "severity"]) else {
            return nil
        }
        requireCodeOrText(fields, at: path)
        return Alert(
            code: code(fields["code"], at: RecordText.path(path, "code")),
            text: string(fields["text"], at: RecordText.path(path, "text"), kind: .text),
            since: date(fields["since"], at: RecordText.path(path, "since")),
            severity: enumeration(fields["severity"], at: RecordText.path(path, "severity"), as: Alert.Severity.self))
    }

    // MARK: Structure

    private mutating func add(_ path: String, _ code: String, _ message: String) {
        issues.append(RecordIssue(path: path, code: code, message: message))
    }

    /// The members of an object by name, after reporting a wrong type, duplicate names and unknown names.
    private mutating func members(_ value: JSONValue, at path: String, allowed: [String]) -> [String: JSONValue]? {
        guard case .object(let list) = value else {
            add(path, RecordIssue.Code.wrongType, "expected an object, found \(describe(value))")
            return nil
        }
        var fields: [String: JSONValue] = [:]
        for member in list {
            let memberPath = RecordText.path(path, member.name)
            if fields[member.name] != nil {
                add(memberPath, RecordIssue.Code.duplicateField, "the field \(RecordText.quoted(member.name)) appears more than once")
            } else if !allowed.contains(member.name) {
                add(memberPath, RecordIssue.Code.unknownField,
                    "unknown field \(RecordText.quoted(member.name)); allowed here: \(allowed.joined(separator: ", "))")
            } else {
                fields[member.name] = member.value
            }
        }
        return fields
    }

    /// Decodes a section's list, checking the entry limit; nil when absent or not an array.
    private mutating func section<Entry>(
        _ value: JSONValue?, _ name: String, _ decode: (inout RecordDecoder, JSONValue, String) -> Entry?
    ) -> [Entry]? {
        guard let items = array(value, at: name, maxItems: RecordLimits.maxEntriesPerSection, what: "entries") else {
            return nil
        }
        var entries: [Entry] = []
        for (index, item) in items.enumerated() {
            if let entry = decode(&self, item, RecordText.path(name, index: index)) { entries.append(entry) }
        }
        return entries
    }

    private mutating func array(_ value: JSONValue?, at path: String, maxItems: Int, what: String) -> [JSONValue]? {
        guard let value else { return nil }
        guard case .array(let items) = value else {
            add(path, RecordIssue.Code.wrongType, "expected an array, found \(describe(value))")
            return nil
        }
        if items.count > maxItems {
            add(path, RecordIssue.Code.tooManyEntries, "has \(items.count) \(what); the limit is \(maxItems)")
        }
        return items
    }

    private mutating func required<Value>(
        _ fields: [String: JSONValue], _ name: String, at path: String,
        _ decode: (inout RecordDecoder, JSONValue?, String) -> Value?
    ) -> Value? {
        let fieldPath = RecordText.path(path, name)
        guard let value = fields[name] else {
            add(fieldPath, RecordIssue.Code.missingField, "the required field \(RecordText.quoted(name)) is missing")
            return nil
        }
        return decode(&self, value, fieldPath)
    }

    private mutating func requireCodeOrText(_ fields: [String: JSONValue], at path: String) {
        if fields["code"] == nil && fields["text"] == nil {
            add(path, RecordIssue.Code.emptyEntry, "an entry needs a code or a text (or both)")
        }
    }

    // MARK: Values

    /// A text, NFC-normalised, checked for type, control characters, blankness and length.
    mutating func string(_ value: JSONValue?, at path: String, kind: TextKind) -> String? {
        guard let value else { return nil }
        guard case .string(let raw) = value else {
            add(path, RecordIssue.Code.wrongType, "expected a string, found \(describe(value))")
            return nil
        }
        let text = RecordText.nfc(raw)
        var valid = true
        if let scalar = RecordText.firstControlCharacter(in: text, allowingLineBreaks: kind.allowsLineBreaks) {
            let allowed = kind.allowsLineBreaks ? " (only newline and tab are allowed)" : ""
            add(path, RecordIssue.Code.controlCharacter,
                "contains the control character \(RecordText.scalarName(scalar))\(allowed)")
            valid = false
        }
        if RecordText.isBlank(text) {
            add(path, RecordIssue.Code.emptyText, "must not be empty or only whitespace")
            valid = false
        }
        let length = text.utf8.count
        if length > kind.maxBytes {
            add(path, RecordIssue.Code.tooLong, "is \(length) UTF-8 bytes long; the limit is \(kind.maxBytes)")
            valid = false
        }
        return valid ? text : nil
    }

    private mutating func plainString(_ value: JSONValue?, at path: String) -> String? {
        guard let value else { return nil }
        guard case .string(let text) = value else {
            add(path, RecordIssue.Code.wrongType, "expected a string, found \(describe(value))")
            return nil
        }
        return text
    }

    private mutating func date(_ value: JSONValue?, at path: String) -> PartialDate? {
        guard let text = plainString(value, at: path) else { return nil }
        do {
            return try PartialDate(text)
        } catch {
            add(path, RecordIssue.Code.invalidDate, error.issues.first?.message ?? "is not a valid date")
            return nil
        }
    }

    private mutating func code(_ value: JSONValue?, at path: String) -> ClinicalCode? {
        guard let text = plainString(value, at: path) else { return nil }
        do {
            return try ClinicalCode(text)
        } catch {
            add(path, RecordIssue.Code.invalidCode, error.issues.first?.message ?? "is not a valid code")
            return nil
        }
    }

    private mutating func enumeration<Value: RawRepresentable & CaseIterable>(
        _ value: JSONValue?, at path: String, as type: Value.Type
    ) -> Value? where Value.RawValue == String {
        guard let text = plainString(value, at: path) else { return nil }
        guard let result = Value(rawValue: text) else {
            let choices = Value.allCases.map(\.rawValue).joined(separator: ", ")
            add(path, RecordIssue.Code.invalidValue, "\(RecordText.quoted(text)) is not one of \(choices)")
            return nil
        }
        return result
    }

    private mutating func country(_ value: JSONValue?, at path: String) -> String? {
        guard let text = plainString(value, at: path) else { return nil }
        let bytes = Array(text.utf8)
        guard bytes.count == 2, bytes.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            add(path, RecordIssue.Code.invalidValue,
                "\(RecordText.quoted(text)) is not an ISO 3166-1 alpha-2 country code (two uppercase letters)")
            return nil
        }
        return text
    }

    private mutating func language(_ value: JSONValue, at path: String) -> String? {
        guard let text = plainString(value, at: path) else { return nil }
        let bytes = Array(text.utf8)
        guard (2...3).contains(bytes.count), bytes.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") })
        else {
            add(path, RecordIssue.Code.invalidValue,
                "\(RecordText.quoted(text)) is not an ISO 639-1 or 639-3 language code (2 or 3 lowercase letters)")
            return nil
        }
        return text
    }

    private mutating func integer(_ value: JSONValue?, at path: String, in range: ClosedRange<Int>, unit: String) -> Int? {
        guard let value else { return nil }
        guard case .number(let literal) = value else {
            add(path, RecordIssue.Code.wrongType, "expected a whole number, found \(describe(value))")
            return nil
        }
        guard let decimal = DecimalValue(literal) else {
            add(path, RecordIssue.Code.outOfRange,
                "\(literal) has more than \(DecimalValue.maxSignificantDigits) significant digits")
            return nil
        }
        guard decimal.exponent >= 0 else {
            add(path, RecordIssue.Code.wrongType, "expected a whole number, found \(literal)")
            return nil
        }
        var whole: Int? = Int(decimal.significand)
        for _ in 0..<min(decimal.exponent, 20) {
            guard let current = whole else { break }
            let (product, overflow) = current.multipliedReportingOverflow(by: 10)
            whole = overflow ? nil : product
        }
        guard let whole, range.contains(whole) else {
            add(path, RecordIssue.Code.outOfRange,
                "\(literal)\(unit) is outside \(range.lowerBound) to \(range.upperBound)\(unit)")
            return nil
        }
        return whole
    }

    private mutating func decimal(
        _ value: JSONValue?, at path: String, in range: ClosedRange<DecimalValue>, unit: String
    ) -> DecimalValue? {
        guard let value else { return nil }
        guard case .number(let literal) = value else {
            add(path, RecordIssue.Code.wrongType, "expected a number, found \(describe(value))")
            return nil
        }
        guard let decimal = DecimalValue(literal) else {
            add(path, RecordIssue.Code.outOfRange,
                "\(literal) has more than \(DecimalValue.maxSignificantDigits) significant digits")
            return nil
        }
        guard range.contains(decimal) else {
            add(path, RecordIssue.Code.outOfRange,
                "\(literal)\(unit) is outside \(range.lowerBound) to \(range.upperBound)\(unit)")
            return nil
        }
        return decimal
    }

    /// A short description of a JSON value for messages: `a number (12)`, `a string ("x")`, `null`.
    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string(let text): "a string (\(RecordText.quoted(text)))"
        case .number(let literal): "a number (\(literal.count > 40 ? String(literal.prefix(40)) + "…" : literal))"
        case .bool(let flag): "a boolean (\(flag))"
        case .null: "null"
        }
    }
}
