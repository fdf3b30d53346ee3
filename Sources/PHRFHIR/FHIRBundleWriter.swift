import Foundation

/// Builds the IPS document Bundle for ``FHIRExport``.
internal struct FHIRBundleWriter {
    let content: OpenedRecord
    let options: FHIRExportOptions
    private var entries: [JSONValue] = []
    private var nextIndex = 0

    init(content: OpenedRecord, options: FHIRExportOptions) {
        self.content = content
        self.options = options
    }

    // MARK: JSON helpers

    private static func obj(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { m in m.1.map { JSONValue.Member(name: m.0, value: $0) } })
    }
    private static func s(_ v: String?) -> JSONValue? { v.map { .string($0) } }
    private static func ref(_ url: String) -> JSONValue { obj([("reference", .string(url))]) }
    private static func coding(_ system: String, _ code: String, _ display: String? = nil) -> JSONValue {
        obj([("system", .string(system)), ("code", .string(code)), ("display", s(display))])
    }
    private static func concept(_ code: ClinicalCode?, _ text: String?) -> JSONValue {
        obj([("coding", code.map { .array([coding(FHIRCodes.uri(forShortName: $0.system), $0.code)]) }),
             ("text", s(text))])
    }
    /// The data-absent-reason extension with code `unknown`.
    private static let dataAbsent = obj([("url", .string(FHIRCodes.dataAbsentReasonExtension)), ("valueCode", .string("unknown"))])
    private static func narrative(_ text: String) -> JSONValue {
        obj([("status", .string("generated")), ("div", .string(FHIRNarrative.div(text)))])
    }

    private mutating func add(_ resource: JSONValue) -> String {
        let url = "resource:\(nextIndex)"
        nextIndex += 1
        entries.append(FHIRBundleWriter.obj([("fullUrl", .string(url)), ("resource", resource)]))
        return url
    }

    // MARK: Document

    mutating func build() -> JSONValue {
        typealias W = FHIRBundleWriter
        let date = options.date ?? ISO8601DateFormatter().string(from: Date())
        nextIndex = 1  // resource:0 is the Composition, written last but placed first
        let patient = add(patientResource())
        let author = add(W.obj([("resourceType", .string("Organization")), ("name", .string(options.author))]))
        var sections: [JSONValue] = []
        let closed = Set(content.closedSections)

        func section(_ recordSection: HealthRecord.Section, required: Bool,
                     entries urls: [String]?, lines: [String]) -> JSONValue? {
            let kind = FHIRSectionKind(exporting: recordSection)
            var members: [(String, JSONValue?)] = [
                ("title", .string(kind.title)),
                ("code", W.obj([("coding", .array([W.coding(FHIRCodes.loinc, kind.loinc, kind.display)]))])),
            ]
            if closed.contains(recordSection) {
                let tiers = content.closedTiers.map(\.name).joined(separator: ", ")
                members.append(("text", W.narrative("Not disclosed: this section is in a tier that was not opened (\(tiers)).")))
                members.append(("emptyReason", W.obj([("coding", .array([W.coding(FHIRCodes.listEmptyReason, "withheld", "Information Withheld")]))])))
            } else if let urls {
                if urls.isEmpty {
                    members.append(("text", W.narrative("None known.")))
                    members.append(("emptyReason", W.obj([("coding", .array([W.coding(FHIRCodes.listEmptyReason, "nilknown", "Nil Known")]))])))
                } else {
                    members.append(("text", W.narrative(lines.joined(separator: "\n"))))
                    members.append(("entry", .array(urls.map(W.ref))))
                }
            } else if required {
                members.append(("text", W.narrative("No information available.")))
                members.append(("emptyReason", W.obj([("coding", .array([W.coding(FHIRCodes.listEmptyReason, "unavailable", "Unavailable")]))])))
            } else {
                return nil
            }
            return W.obj(members)
        }

        let allergyURLs = content.allergies.map { $0.map { add(allergyResource($0, patient)) } }
        sections.append(section(.allergies, required: true, entries: allergyURLs,
                                lines: (content.allergies ?? []).map { [$0.text ?? $0.code?.description, $0.category?.rawValue, $0.reaction.map { "reaction: \($0)" }, $0.severity.map { "severity \($0.rawValue)" }].compactMap { $0 }.joined(separator: "; ") })!)
        let medURLs = content.medications.map { $0.map { add(medicationResource($0, patient)) } }
        sections.append(section(.medications, required: true, entries: medURLs,
                                lines: (content.medications ?? []).map { [$0.text ?? $0.code?.description, $0.dosage, $0.status?.rawValue].compactMap { $0 }.joined(separator: "; ") })!)
        let conditionURLs = content.conditions.map { $0.map { add(conditionResource($0, patient)) } }
        sections.append(section(.conditions, required: true, entries: conditionURLs,
                                lines: (content.conditions ?? []).map { [$0.text ?? $0.code?.description, $0.status?.rawValue].compactMap { $0 }.joined(separator: "; ") })!)
        let immURLs = content.immunizations.map { $0.map { add(immunizationResource($0, patient)) } }
        if let s = section(.immunizations, required: false, entries: immURLs,
                           lines: (content.immunizations ?? []).map { [$0.text ?? $0.code?.description, $0.date?.description].compactMap { $0 }.joined(separator: "; ") }) { sections.append(s) }
        let resultURLs = content.results.map { $0.map { add(resultResource($0, patient)) } }
        if let s = section(.results, required: false, entries: resultURLs,
                           lines: (content.results ?? []).map { [$0.text ?? $0.code?.description, $0.value, $0.interpretation?.rawValue, $0.range.map { "range \($0)" }, $0.date?.description].compactMap { $0 }.joined(separator: "; ") }) { sections.append(s) }
        let vitalURLs = content.vitals.map { $0.flatMap { vitalResources($0, patient) } }
        if let s = section(.vitals, required: false, entries: vitalURLs,
                           lines: (content.vitals ?? []).map(vitalLine)) { sections.append(s) }
        let pregnancyURLs = content.pregnancy.map { [pregnancyResources($0, patient)] }
        if let s = section(.pregnancy, required: false, entries: pregnancyURLs,
                           lines: content.pregnancy.map { ["Pregnancy status: \($0.status.rawValue)" + ($0.dueDate.map { "; due \($0)" } ?? "")] } ?? []) { sections.append(s) }
        let procedureURLs = content.procedures.map { $0.map { add(procedureResource($0, patient)) } }
        if let s = section(.procedures, required: false, entries: procedureURLs,
                           lines: (content.procedures ?? []).map { [$0.text ?? $0.code?.description, $0.date?.description, $0.status?.rawValue].compactMap { $0 }.joined(separator: "; ") }) { sections.append(s) }
        let deviceURLs = content.devices.map { $0.map { add(deviceResources($0, patient)) } }
        if let s = section(.devices, required: false, entries: deviceURLs,
                           lines: (content.devices ?? []).map { [$0.text ?? $0.code?.description, $0.since.map { "since \($0)" }].compactMap { $0 }.joined(separator: "; ") }) { sections.append(s) }
        let alertURLs = content.alerts.map { $0.map { add(alertResource($0, patient)) } }
        if let s = section(.alerts, required: false, entries: alertURLs,
                           lines: (content.alerts ?? []).map { [$0.text ?? $0.code?.description, $0.severity.map { "severity \($0.rawValue)" }, $0.since.map { "since \($0)" }].compactMap { $0 }.joined(separator: "; ") }) { sections.append(s) }
        if closed.contains(.notes) {
            sections.append(section(.notes, required: false, entries: nil, lines: [])!)
        } else if let notes = content.notes {
            sections.append(W.obj([
                ("title", .string(FHIRSectionKind.notes.title)),
                ("code", W.obj([("coding", .array([W.coding(FHIRCodes.loinc, FHIRSectionKind.notes.loinc, FHIRSectionKind.notes.display)]))])),
                ("text", W.narrative(notes)),
            ]))
        }

        var summary = "Patient summary exported from a PHRCard. Opened tiers: "
            + (content.openedTiers.isEmpty ? "none" : content.openedTiers.map(\.name).joined(separator: ", ")) + "."
        if !content.closedTiers.isEmpty {
            summary += "\nNot opened: " + content.closedTiers.map(\.name).joined(separator: ", ")
                + "; their sections (" + content.closedSections.map(\.rawValue).joined(separator: ", ")
                + ") are marked withheld."
        }
        let composition = W.obj([
            ("resourceType", .string("Composition")),
            ("text", W.narrative(summary)),
            ("status", .string("final")),
            ("type", W.obj([("coding", .array([W.coding(FHIRCodes.loinc, FHIRCodes.patientSummary, "Patient summary Document")]))])),
            ("subject", W.ref(patient)),
            ("date", .string(date)),
            ("author", .array([W.ref(author)])),
            ("title", .string(options.title)),
            ("section", .array(sections)),
        ])
        entries.insert(W.obj([("fullUrl", .string("resource:0")), ("resource", composition)]), at: 0)
        return W.obj([
            ("resourceType", .string("Bundle")),
            ("identifier", options.identifier.map { W.obj([("system", .string("urn:phrcard:card-id")), ("value", .string($0))]) }),
            ("type", .string("document")),
            ("timestamp", .string(date)),
            ("entry", .array(entries)),
        ])
    }

    // MARK: Resources

    private func patientResource() -> JSONValue {
        typealias W = FHIRBundleWriter
        guard let h = content.holder else {
            return W.obj([("resourceType", .string("Patient")),
                          ("text", W.narrative("Not disclosed: the holder's tier was not opened."))])
        }
        var ext: [JSONValue] = []
        if let n = h.nationality {
            ext.append(W.obj([("url", .string(FHIRCodes.nationalityExtension)),
                              ("extension", .array([W.obj([("url", .string("code")),
                                                           ("valueCodeableConcept", W.obj([("coding", .array([W.coding(FHIRCodes.iso3166, n)]))]))])]))]))
        }
        for field in Holder.DeclaredField.allCases where h.declared.contains(field) {
            ext.append(W.obj([("url", .string(FHIRCodes.selfDeclaredExtension)), ("valueCode", .string(field.rawValue))]))
        }
        let unknown = W.obj([("extension", .array([W.dataAbsent]))])
        let ids: [JSONValue]? = h.identifiers.map { list in list.map { id in
            id.system.contains(":")
                ? W.obj([("system", .string(id.system)), ("value", .string(id.value))])
                : W.obj([("type", W.obj([("text", .string(id.system))])), ("value", .string(id.value))])
        } }
        return W.obj([
            ("resourceType", .string("Patient")),
            ("extension", ext.isEmpty ? nil : .array(ext)),
            ("identifier", ids.map { .array($0) }),
            ("name", .array([h.unknown.contains(.name) && h.given == nil && h.family == nil ? unknown
                : W.obj([("family", W.s(h.family)), ("given", h.given.map { .array([.string($0)]) })])])),
            ("gender", W.s(h.sex?.rawValue)),
            ("birthDate", W.s(h.birthDate?.description)),
            ("_birthDate", h.unknown.contains(.birthDate) && h.birthDate == nil ? unknown : nil),
            ("communication", h.languages.map { .array($0.map { l in
                W.obj([("language", W.obj([("coding", .array([W.coding(FHIRCodes.bcp47, l)]))]))]) }) }),
        ])
    }

    private func allergyResource(_ a: Allergy, _ patient: String) -> JSONValue {
        typealias W = FHIRBundleWriter
        // A reaction needs a manifestation: a severity without a reaction text gets a data-absent one.
        let manifestation = a.reaction.map { W.obj([("text", .string($0))]) }
            ?? W.obj([("extension", .array([W.dataAbsent]))])
        let reaction: JSONValue? = a.reaction == nil && a.severity == nil ? nil
            : W.obj([("manifestation", .array([manifestation])), ("severity", W.s(a.severity?.rawValue))])
        return W.obj([
            ("resourceType", .string("AllergyIntolerance")),
            ("category", a.category.map { .array([.string($0.rawValue)]) }),
            ("criticality", a.criticality.map { .string($0 == .unknown ? "unable-to-assess" : $0.rawValue) }),
            ("code", W.concept(a.code, a.text)),
            ("patient", W.ref(patient)),
            ("reaction", reaction.map { .array([$0]) }),
        ])
    }

    private func conditionResource(_ c: Condition, _ patient: String) -> JSONValue {
        typealias W = FHIRBundleWriter
        return W.obj([
            ("resourceType", .string("Condition")),
            ("clinicalStatus", c.status.map { W.obj([("coding", .array([W.coding(FHIRCodes.conditionClinical, $0.rawValue)]))]) }),
            ("code", W.concept(c.code, c.text)),
            ("subject", W.ref(patient)),
            ("onsetDateTime", W.s(c.onset?.description)),
        ])
    }

    private func medicationResource(_ m: Medication, _ patient: String) -> JSONValue {
        typealias W = FHIRBundleWriter
        return W.obj([
            ("resourceType", .string("MedicationStatement")),
            ("status", .string(m.status?.rawValue ?? "unknown")),
            ("medicationCodeableConcept", W.concept(m.code, m.text)),
            ("subject", W.ref(patient)),
            ("effectivePeriod", m.since.map { W.obj([("start", .string($0.description))]) }),
            ("dosage", m.dosage.map { .array([W.obj([("text", .string($0))])]) }),
        ])
    }

    private mutating func immunizationResource(_ i: Immunization, _ patient: String) -> JSONValue {
        typealias W = FHIRBundleWriter
        let location = i.country.map { add(W.obj([("resourceType", .string("Location")),
                                                  ("address", W.obj([("country", .string($0))]))])) }
        return W.obj([
            ("resourceType", .string("Immunization")),
            ("status", .string("completed")),
            ("vaccineCode", W.concept(i.code, i.text)),
            ("patient", W.ref(patient)),
            ("occurrenceDateTime", W.s(i.date?.description)),
            ("occurrenceString", i.date == nil ? .string("unknown") : nil),
            ("location", location.map(W.ref)),
            ("protocolApplied", i.dose.map { .array([W.obj([("doseNumberPositiveInt", .number(String($0)))])]) }),
        ])
    }

    private func procedureResource(_ p: Procedure, _ patient: String) -> JSONValue {
        typealias W = FHIRBundleWriter
        return W.obj([
            ("resourceType", .string("Procedure")),
            ("status", .string(p.status?.rawValue ?? "unknown")),
            ("code", W.concept(p.code, p.text)),
            ("subject", W.ref(patient)),
            ("performedDateTime", W.s(p.date?.description)),
        ])
    }

    /// A Device (the type) and the DeviceUseStatement that refers to it; returns the statement's fullUrl.
    private mutating func deviceResources(_ d: MedicalDevice, _ patient: String) -> JSONValue {
        typealias W = FHIRBundleWriter
        let device = add(W.obj([("resourceType", .string("Device")), ("type", W.concept(d.code, d.text)),
                                ("patient", W.ref(patient))]))
        return W.obj([
            ("resourceType", .string("DeviceUseStatement")),
            ("status", .string("active")),
            ("subject", W.ref(patient)),
            ("timingPeriod", d.since.map { W.obj([("start", .string($0.description))]) }),
            ("device", W.ref(device)),
        ])
    }

    private func alertResource(_ a: Alert, _ patient: String) -> JSONValue {
        typealias W = FHIRBundleWriter
        let priority = a.severity.map { FHIRCodes.flagPriority(severity: $0) }
        return W.obj([
            ("resourceType", .string("Flag")),
            ("extension", priority.map { p in .array([W.obj([
                ("url", .string(FHIRCodes.flagPriorityExtension)),
                ("valueCodeableConcept", W.obj([("coding", .array([W.coding(FHIRCodes.flagPriority, p.code, p.display)]))])),
            ])]) }),
            ("status", .string("active")),
            ("code", W.concept(a.code, a.text)),
            ("subject", W.ref(patient)),
            ("period", a.since.map { W.obj([("start", .string($0.description))]) }),
        ])
    }

    private func category(_ code: String) -> JSONValue {
        .array([FHIRBundleWriter.obj([("coding", .array([FHIRBundleWriter.coding(FHIRCodes.observationCategory, code)]))])])
    }

    private func resultResource(_ r: LabResult, _ patient: String) -> JSONValue {
        typealias W = FHIRBundleWriter
        return W.obj([
            ("resourceType", .string("Observation")),
            ("status", .string("final")),
            ("category", category("laboratory")),
            ("code", W.concept(r.code, r.text)),
            ("subject", W.ref(patient)),
            ("effectiveDateTime", W.s(r.date?.description)),
            ("valueString", W.s(r.value)),
            ("interpretation", r.interpretation.map { value in
                let v3 = FHIRCodes.interpretations.first { $0.value == value }!
                return .array([W.obj([("coding", .array([W.coding(FHIRCodes.observationInterpretation, v3.code, v3.display)]))])])
            }),
            ("referenceRange", r.range.map { .array([W.obj([("text", .string($0))])]) }),
        ])
    }

    private func vitalLine(_ v: VitalSigns) -> String {
        var parts: [String] = [v.date?.description ?? "undated"]
        if let h = v.heightCm { parts.append("height \(h) cm") }
        if let w = v.weightKg { parts.append("weight \(w) kg") }
        if v.bpSystolic != nil || v.bpDiastolic != nil {
            parts.append("blood pressure \(v.bpSystolic.map(String.init) ?? "?")/\(v.bpDiastolic.map(String.init) ?? "?") mmHg")
        }
        if let t = v.temperatureC { parts.append("temperature \(t) °C") }
        if let n = v.heartRate { parts.append("heart rate \(n)/min") }
        if let n = v.respiratoryRate { parts.append("respiratory rate \(n)/min") }
        if let o = v.oxygenSaturation { parts.append("oxygen saturation \(o) %") }
        if let b = v.bmi { parts.append("BMI \(b) kg/m2") }
        return parts.joined(separator: "; ")
    }

    private static func quantity(_ value: String, _ unit: String) -> JSONValue {
        obj([("value", .number(value)), ("unit", .string(unit)), ("system", .string(FHIRCodes.ucum)), ("code", .string(unit))])
    }

    private mutating func vitalResources(_ v: VitalSigns, _ patient: String) -> [String] {
        typealias W = FHIRBundleWriter
        func observation(_ loinc: String, _ display: String, _ value: [(String, JSONValue?)]) -> JSONValue {
            W.obj([("resourceType", .string("Observation")), ("status", .string("final")), ("category", category("vital-signs")),
                   ("code", W.obj([("coding", .array([W.coding(FHIRCodes.loinc, loinc, display)])), ("text", .string(display))])),
                   ("subject", W.ref(patient)), ("effectiveDateTime", W.s(v.date?.description))] + value)
        }
        var urls: [String] = []
        if let h = v.heightCm {
            urls.append(add(observation(FHIRCodes.bodyHeight, "Body height", [("valueQuantity", W.quantity(h.description, "cm"))])))
        }
        if let w = v.weightKg {
            urls.append(add(observation(FHIRCodes.bodyWeight, "Body weight", [("valueQuantity", W.quantity(w.description, "kg"))])))
        }
        if v.bpSystolic != nil || v.bpDiastolic != nil {
            var components: [JSONValue] = []
            for (code, display, value) in [(FHIRCodes.bpSystolic, "Systolic blood pressure", v.bpSystolic),
                                           (FHIRCodes.bpDiastolic, "Diastolic blood pressure", v.bpDiastolic)] {
                guard let value else { continue }
                components.append(W.obj([("code", W.obj([("coding", .array([W.coding(FHIRCodes.loinc, code, display)]))])),
                                         ("valueQuantity", W.quantity(String(value), "mm[Hg]"))]))
            }
            urls.append(add(observation(FHIRCodes.bpPanel, "Blood pressure panel with all children optional",
                                        [("component", .array(components))])))
        }
        let single: [(String, String, String?, String)] = [
            (FHIRCodes.bodyTemperature, "Body temperature", v.temperatureC?.description, "Cel"),
            (FHIRCodes.heartRate, "Heart rate", v.heartRate.map(String.init), "/min"),
            (FHIRCodes.respiratoryRate, "Respiratory rate", v.respiratoryRate.map(String.init), "/min"),
            (FHIRCodes.oxygenSaturation, "Oxygen saturation in Arterial blood", v.oxygenSaturation?.description, "%"),
            (FHIRCodes.bmi, "Body mass index (BMI) [Ratio]", v.bmi?.description, "kg/m2"),
        ]
        for (code, display, value, unit) in single {
            guard let value else { continue }
            urls.append(add(observation(code, display, [("valueQuantity", W.quantity(value, unit))])))
        }
        return urls
    }

    private mutating func pregnancyResources(_ p: Pregnancy, _ patient: String) -> String {
        typealias W = FHIRBundleWriter
        let due = p.dueDate.map { d in
            add(W.obj([("resourceType", .string("Observation")), ("status", .string("final")),
                       ("code", W.obj([("coding", .array([W.coding(FHIRCodes.loinc, FHIRCodes.deliveryDate, "Delivery date Estimated")]))])),
                       ("subject", W.ref(patient)), ("valueDateTime", .string(d.description))]))
        }
        let value: (String, String) = switch p.status {
        case .pregnant: (FHIRCodes.pregnant, "Pregnant")
        case .notPregnant: (FHIRCodes.notPregnant, "Not pregnant")
        case .unknown: (FHIRCodes.pregnancyUnknown, "Pregnancy status unknown")
        }
        return add(W.obj([("resourceType", .string("Observation")), ("status", .string("final")),
                          ("code", W.obj([("coding", .array([W.coding(FHIRCodes.loinc, FHIRCodes.pregnancyStatus, "Pregnancy status")]))])),
                          ("subject", W.ref(patient)),
                          ("valueCodeableConcept", W.obj([("coding", .array([W.coding(FHIRCodes.snomed, value.0, value.1)]))])),
                          ("hasMember", due.map { .array([W.ref($0)]) })]))
    }
}
