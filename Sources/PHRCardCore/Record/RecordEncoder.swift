/// Turns a ``HealthRecord`` into a JSON tree in the canonical member order, omitting absent values.
/// Texts are NFC-normalised; numbers are written as exact literals.
internal enum RecordEncoder {
    static func encode(_ record: HealthRecord) -> JSONValue {
        var members: [JSONValue.Member] = [.init(name: "holder", value: encode(record.holder))]
        func add(_ name: String, _ value: JSONValue?) {
            if let value { members.append(.init(name: name, value: value)) }
        }
        add("allergies", record.allergies.map { .array($0.map(encode)) })
        add("conditions", record.conditions.map { .array($0.map(encode)) })
        add("medications", record.medications.map { .array($0.map(encode)) })
        add("immunizations", record.immunizations.map { .array($0.map(encode)) })
        add("results", record.results.map { .array($0.map(encode)) })
        add("vitals", record.vitals.map { .array($0.map(encode)) })
        add("pregnancy", record.pregnancy.map(encode))
        add("notes", text(record.notes))
        add("procedures", record.procedures.map { .array($0.map(encode)) })
        add("devices", record.devices.map { .array($0.map(encode)) })
        add("alerts", record.alerts.map { .array($0.map(encode)) })
        return .object(members)
    }

    private static func encode(_ holder: Holder) -> JSONValue {
        object([
            ("given", text(holder.given)),
            ("family", text(holder.family)),
            ("birthDate", date(holder.birthDate)),
            ("sex", holder.sex.map { .string($0.rawValue) }),
            ("nationality", text(holder.nationality)),
            ("languages", holder.languages.map { .array($0.map { .string(RecordText.nfc($0)) }) }),
            ("identifiers", holder.identifiers.map { identifiers in
                .array(identifiers.map { object([("system", text($0.system)), ("value", text($0.value))]) })
            }),
            ("unknown", list(holder.unknown)),
            ("declared", list(holder.declared)),
        ])
    }

    private static func encode(_ entry: Allergy) -> JSONValue {
        object([
            ("code", code(entry.code)), ("text", text(entry.text)),
            ("criticality", entry.criticality.map { .string($0.rawValue) }), ("reaction", text(entry.reaction)),
            ("severity", entry.severity.map { .string($0.rawValue) }),
            ("category", entry.category.map { .string($0.rawValue) }),
        ])
    }

    private static func encode(_ entry: Condition) -> JSONValue {
        object([
            ("code", code(entry.code)), ("text", text(entry.text)),
            ("status", entry.status.map { .string($0.rawValue) }), ("onset", date(entry.onset)),
        ])
    }

    private static func encode(_ entry: Medication) -> JSONValue {
        object([
            ("code", code(entry.code)), ("text", text(entry.text)),
            ("dosage", text(entry.dosage)), ("since", date(entry.since)),
            ("status", entry.status.map { .string($0.rawValue) }),
        ])
    }

    private static func encode(_ entry: Immunization) -> JSONValue {
        object([
            ("code", code(entry.code)), ("text", text(entry.text)), ("date", date(entry.date)),
            ("dose", entry.dose.map { .number(String($0)) }), ("country", text(entry.country)),
        ])
    }

    private static func encode(_ entry: LabResult) -> JSONValue {
        object([
            ("code", code(entry.code)), ("text", text(entry.text)),
            ("value", text(entry.value)), ("date", date(entry.date)),
            ("interpretation", entry.interpretation.map { .string($0.rawValue) }), ("range", text(entry.range)),
        ])
    }

    private static func encode(_ entry: VitalSigns) -> JSONValue {
        object([
            ("date", date(entry.date)),
            ("heightCm", entry.heightCm.map { .number($0.description) }),
            ("weightKg", entry.weightKg.map { .number($0.description) }),
            ("bpSystolic", entry.bpSystolic.map { .number(String($0)) }),
            ("bpDiastolic", entry.bpDiastolic.map { .number(String($0)) }),
            ("temperatureC", entry.temperatureC.map { .number($0.description) }),
            ("heartRate", entry.heartRate.map { .number(String($0)) }),
            ("respiratoryRate", entry.respiratoryRate.map { .number(String($0)) }),
            ("oxygenSaturation", entry.oxygenSaturation.map { .number($0.description) }),
            ("bmi", entry.bmi.map { .number($0.description) }),
        ])
    }

    private static func encode(_ entry: Procedure) -> JSONValue {
        object([
            ("code", code(entry.code)), ("text", text(entry.text)), ("date", date(entry.date)),
            ("status", entry.status.map { .string($0.rawValue) }),
        ])
    }

    private static func encode(_ entry: MedicalDevice) -> JSONValue {
        object([("code", code(entry.code)), ("text", text(entry.text)), ("since", date(entry.since))])
    }

    private static func encode(_ entry: Alert) -> JSONValue {
        object([
            ("code", code(entry.code)), ("text", text(entry.text)), ("since", date(entry.since)),
            ("severity", entry.severity.map { .string($0.rawValue) }),
        ])
    }

    private static func encode(_ pregnancy: Pregnancy) -> JSONValue {
        object([("status", .string(pregnancy.status.rawValue)), ("dueDate", date(pregnancy.dueDate))])
    }

    private static func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(pairs.compactMap { name, value in value.map { JSONValue.Member(name: name, value: $0) } })
    }

    /// A set of enumeration values as an array in the enumeration's order; nil (omitted) when empty.
    private static func list<Value: RawRepresentable & CaseIterable & Hashable>(_ values: Set<Value>) -> JSONValue?
    where Value.RawValue == String {
        values.isEmpty ? nil : .array(Value.allCases.filter(values.contains).map { .string($0.rawValue) })
    }

    private static func text(_ value: String?) -> JSONValue? { value.map { .string(RecordText.nfc($0)) } }

    private static func date(_ value: PartialDate?) -> JSONValue? { value.map { .string($0.description) } }

    private static func code(_ value: ClinicalCode?) -> JSONValue? {
        value.map { .string(RecordText.nfc($0.description)) }
    }
}
