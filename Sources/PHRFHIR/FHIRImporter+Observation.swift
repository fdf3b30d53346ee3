import Foundation

/// Observations: vital signs (by LOINC code, `spec/fhir.md`), pregnancy status and due date, results.
extension FHIRImporter {
    mutating func mapObservation(_ e: Entry, section: FHIRSectionKind) -> Bool {
        let r = e.resource
        if ["entered-in-error", "cancelled"].contains(r.string("status") ?? "") {
            dropResource(e, reason: "status \(r.string("status")!): not a result")
            return false
        }
        let loinc = code(r["code"], system: FHIRCodes.loinc)
        let categories = (r["category"]?.items ?? []).flatMap { codes($0) }
        switch loinc {
        case FHIRCodes.pregnancyStatus: return mapPregnancyStatus(e)
        case FHIRCodes.deliveryDate: return mapDueDate(e)
        case let vital? where FHIRCodes.vitalSignCodes.contains(vital):
            return mapVital(e, loinc: vital)
        default:
            // Results and vital-sign sections, laboratory and vital-sign observations, and any other observation that
            // states a value (social history: tobacco use, occupation; functional status) are carried as results.
            let hasValue = r.members.contains { $0.name.hasPrefix("value") || $0.name == "component" || $0.name == "hasMember" }
            if section == .results || section == .vitalSigns || categories.contains("laboratory")
                || categories.contains("vital-signs") || hasValue {
                return mapResult(e)
            }
            dropResource(e, reason: "observation \(loinc.map { "loinc:\($0)" } ?? "") in section \(section == .unknown ? "unknown" : section.title) \(FHIRImporter.notCarried)")
            return false
        }
    }

    private mutating func effectiveDate(_ r: FHIRNode, entry e: Entry, used: inout Set<String>) -> PartialDate? {
        if let dt = r["effectiveDateTime"] { used.insert("effectiveDateTime"); return date(dt, entry: e) }
        if let start = r["effectivePeriod"]?["start"] {
            used.insert("effectivePeriod")
            if let end = r["effectivePeriod"]?["end"] {
                drop(e, end.path, what: "end of the effective period", reason: "the record keeps the start date")
            }
            return date(start, entry: e)
        }
        if let instant = r["effectiveInstant"] { used.insert("effectiveInstant"); return date(instant, entry: e) }
        return nil
    }

    private static let observationReasons: [String: String] = [
        "interpretation": "interpretation flags are carried for results only",
        "referenceRange": "reference ranges are carried for results only",
        "performer": "performers are not carried", "specimen": "specimens are not carried",
        "issued": "the report time is not carried (the effective date is)", "method": "the method is not carried",
        "note": "notes on results are not carried", "bodySite": "the body site is not carried",
        "category": "the category is implied by the record section",
    ]

    mutating func mapPregnancyStatus(_ e: Entry) -> Bool {
        let r = e.resource
        var used: Set<String> = ["code", "status", "category", "valueCodeableConcept", "hasMember", "effectiveDateTime"]
        let value = codes(r["valueCodeableConcept"])
        let status: Pregnancy.Status
        // SNOMED CT values (IPS) or the LOINC answer list LL4129-4 (LA15173-0, LA26683-5, LA4489-6).
        if value.contains(FHIRCodes.pregnant) || value.contains("LA15173-0") { status = .pregnant }
        else if value.contains(FHIRCodes.notPregnant) || value.contains("LA26683-5") { status = .notPregnant }
        else if value.contains(FHIRCodes.pregnancyUnknown) || value.contains("LA4489-6") || value.isEmpty { status = .unknown }
        else {
            dropResource(e, reason: "pregnancy status value \(value.joined(separator: ",")) is not pregnant, not pregnant or unknown")
            return false
        }
        if pregnancy != nil {
            dropResource(e, reason: "the record keeps one pregnancy status")
            return false
        }
        for member in r["hasMember"]?.items ?? [] {
            if let m = resolve(member, from: e), m.type == "Observation", code(m.resource["code"], system: FHIRCodes.loinc) == FHIRCodes.deliveryDate {
                consumed.insert(m.index)
                if mapDueDate(m) { carried.insert(m.index) }
            } else {
                drop(e, member.path, what: "hasMember", reason: "only the estimated delivery date (LOINC 11778-8) is carried")
            }
        }
        if r["effectiveDateTime"] != nil {
            drop(e, r["effectiveDateTime"]!.path, what: "date of the pregnancy status", reason: "the record's pregnancy status has no date")
        }
        used.remove("effectiveDateTime")
        reportRest(e, r, used: used, reasons: FHIRImporter.observationReasons)
        pregnancy = Pregnancy(status: status, dueDate: pendingDueDate)
        return true
    }

    mutating func mapDueDate(_ e: Entry) -> Bool {
        let r = e.resource
        guard let due = date(r["valueDateTime"], entry: e) else { dropResource(e, reason: "no delivery date"); return false }
        if pregnancy != nil, pregnancy!.dueDate == nil { pregnancy!.dueDate = due } else { pendingDueDate = due }
        var used: Set<String> = ["code", "status", "category", "valueDateTime"]
        if r["effectiveDateTime"] == nil { used.insert("effectiveDateTime") }
        reportRest(e, r, used: used, reasons: FHIRImporter.observationReasons.merging(
            ["effectiveDateTime": "the date of the estimate is not carried"]) { $1 })
        return true
    }

    /// A quantity's value and unit code (UCUM `code`, else `unit`).
    private func quantity(_ q: FHIRNode?) -> (DecimalValue, String)? {
        guard let q, let literal = q["value"]?.numberLiteral, let v = DecimalValue(literal) else { return nil }
        return (v, q.string("code") ?? q.string("unit") ?? "")
    }

    mutating func mapVital(_ e: Entry, loinc: String) -> Bool {
        let r = e.resource
        var used: Set<String> = ["code", "status", "category"]
        let when = effectiveDate(r, entry: e, used: &used)
        var index = vitals?.firstIndex { $0.date == when }
        func slot(_ set: (inout VitalSigns) -> Void) {
            if index == nil {
                vitals = (vitals ?? []) + [VitalSigns(date: when)]
                index = vitals!.count - 1
            }
            set(&vitals![index!])
        }
        var mappedAny = false
        func bp(_ node: FHIRNode?, _ path: String, systolic: Bool) {
            guard let (v, unit) = quantity(node), ["mm[Hg]", "mmHg"].contains(unit), v.exponent >= 0,
                  let i = Int(v.description), VitalSigns.bloodPressureRange.contains(i) else {
                drop(e, path, what: systolic ? "systolic pressure" : "diastolic pressure",
                     reason: "not a whole number of mm[Hg] in 20–300")
                return
            }
            let current = index.map { systolic ? vitals![$0].bpSystolic : vitals![$0].bpDiastolic } ?? nil
            guard current == nil else {
                drop(e, path, what: "second blood pressure on \(when?.description ?? "an undated visit")", reason: "the record keeps one blood pressure per date")
                return
            }
            slot { if systolic { $0.bpSystolic = i } else { $0.bpDiastolic = i } }
            mappedAny = true
        }
        switch loinc {
        case FHIRCodes.bpPanel, FHIRCodes.bpSystolic, FHIRCodes.bpDiastolic:
            break
        default:
            guard let measure = VitalMeasure.forLOINC(loinc) else { break }
            used.insert("valueQuantity")
            let converted = quantity(r["valueQuantity"]).flatMap { measure.convert($0.0, $0.1) }
            let current = index.flatMap { measure.get(vitals![$0]) }
            if let v = converted, measure.range.contains(v), current == nil {
                slot { measure.set(&$0, v) }
                mappedAny = true
            } else {
                drop(e, (r["valueQuantity"] ?? r).path, what: measure.name,
                     reason: current != nil ? "the record keeps one value per date" : "not \(measure.accepted)")
            }
        }
        switch loinc {
        case FHIRCodes.bpPanel:
            used.insert("component")
            for comp in r["component"]?.items ?? [] {
                let c = code(comp["code"], system: FHIRCodes.loinc)
                if c == FHIRCodes.bpSystolic { bp(comp["valueQuantity"], comp.path, systolic: true) }
                else if c == FHIRCodes.bpDiastolic { bp(comp["valueQuantity"], comp.path, systolic: false) }
                else { drop(e, comp.path, what: "component \(c ?? "")", reason: "only systolic and diastolic pressure are carried") }
                reportRest(e, comp, used: ["code", "valueQuantity"], reasons: FHIRImporter.observationReasons)
            }
        case FHIRCodes.bpSystolic, FHIRCodes.bpDiastolic:
            used.insert("valueQuantity")
            bp(r["valueQuantity"], (r["valueQuantity"] ?? r).path, systolic: loinc == FHIRCodes.bpSystolic)
        default:
            break
        }
        reportRest(e, r, used: used, reasons: FHIRImporter.observationReasons)
        return mappedAny
    }

    mutating func mapResult(_ e: Entry) -> Bool {
        let r = e.resource
        if leftOutToFit(e) { return false }
        var used: Set<String> = ["code", "status", "category", "hasMember"]
        let members = r["hasMember"]?.items ?? []
        let (code, text) = concept(r["code"], entry: e)
        var value: String?
        if let s = r.string("valueString") { value = s; used.insert("valueString") }
        else if let q = r["valueQuantity"], let literal = q["value"]?.numberLiteral {
            let unit = q.string("unit") ?? q.string("code")
            value = (q.string("comparator") ?? "") + literal + (unit.map { " " + $0 } ?? "")
            used.insert("valueQuantity")
        } else if let cc = r["valueCodeableConcept"] {
            value = cc.string("text") ?? cc["coding"]?.items.compactMap { $0.string("display") }.first ?? codes(cc).first
            used.insert("valueCodeableConcept")
            for coding in cc["coding"]?.items ?? [] {
                drop(e, coding.path, what: "value coding \(coding.string("system") ?? "")|\(coding.string("code") ?? "")",
                     reason: "a coded result value is carried as its text")
            }
        } else if let b = r["valueBoolean"]?.bool { value = b ? "true" : "false"; used.insert("valueBoolean") }
        else if let i = r["valueInteger"]?.numberLiteral { value = i; used.insert("valueInteger") }
        else if let dt = r.string("valueDateTime") { value = dt; used.insert("valueDateTime") }
        else if let p = r["valuePeriod"], let start = p.string("start") {
            value = start + (p.string("end").map { " – " + $0 } ?? " –")
            used.insert("valuePeriod")
        }
        if value == nil, let components = r["component"]?.items, !components.isEmpty {
            // A panel of components without a value of its own: "component: value; …".
            var parts: [String] = []
            for comp in components {
                let name = comp["code"]?.string("text") ?? comp["code"]?["coding"]?.items.first?.string("display")
                    ?? codes(comp["code"]).first ?? "?"
                if let v = componentValue(comp) {
                    parts.append("\(name): \(v)")
                    for coding in comp["valueCodeableConcept"]?["coding"]?.items ?? [] {
                        drop(e, coding.path, what: "value coding \(coding.string("system") ?? "")|\(coding.string("code") ?? "")",
                             reason: "a coded result value is carried as its text")
                    }
                    reportRest(e, comp, used: ["code", "valueQuantity", "valueString", "valueCodeableConcept",
                                               "valueInteger", "valueBoolean"], reasons: FHIRImporter.observationReasons)
                } else {
                    drop(e, comp.path, what: "component \(name)", reason: "a component without a value is not carried")
                }
            }
            if !parts.isEmpty { value = parts.joined(separator: "; "); used.insert("component") }
        }
        let when = effectiveDate(r, entry: e, used: &used)
        if let status = r.string("status"), !["final", "amended", "corrected"].contains(status) {
            drop(e, r["status"]!.path, what: "status \(status)", reason: "the record carries results without status (as final)")
        }
        let interpretation = resultInterpretation(r, entry: e, used: &used)
        let range = referenceRange(r, entry: e, used: &used)
        var mapped = false
        if value != nil || members.isEmpty {
            if code == nil && text == nil {
                dropResource(e, reason: "no code or text")
            } else if !full(results?.count, e) {
                results = (results ?? []) + [LabResult(code: code, text: text,
                                                       value: self.text(value, entry: e, path: r.path), date: when,
                                                       interpretation: interpretation, range: range)]
                if let code { resultKeys.append((e.index, code, when)) }
                mapped = true
            }
        } else {
            drop(e, r.path, what: "panel \(text ?? code?.description ?? "")", reason: "the grouping of results into a panel is not carried (its members are)")
        }
        for member in members {
            guard let m = resolve(member, from: e) else {
                drop(e, member.path, what: "hasMember", reason: "the reference does not resolve to an entry of the Bundle")
                continue
            }
            if consumed.contains(m.index) {
                // Listed by the section too (and mapped there): the panel is carried through it.
                if carried.contains(m.index) { mapped = true }
                continue
            }
            consumed.insert(m.index)
            if m.type == "Observation", mapObservation(m, section: .results) {
                carried.insert(m.index)
                mapped = true
            } else if m.type != "Observation" {
                dropResource(m, reason: "panel member of type \(m.type) is not carried")
            }
        }
        reportRest(e, r, used: used, reasons: FHIRImporter.observationReasons)
        return mapped
    }

    /// The first interpretation coded in HL7 v3 ObservationInterpretation `N A L H LL HH POS NEG IND`; any other
    /// interpretation is reported.
    private mutating func resultInterpretation(_ r: FHIRNode, entry e: Entry, used: inout Set<String>) -> LabResult.Interpretation? {
        var result: LabResult.Interpretation?
        for node in r["interpretation"]?.items ?? [] {
            let v3 = code(node, system: FHIRCodes.observationInterpretation)
            if result == nil, let v3, let match = FHIRCodes.interpretations.first(where: { $0.code == v3 }) {
                result = match.value
            } else {
                let label = v3 ?? node.string("text") ?? codes(node).first ?? "(no code)"
                drop(e, node.path, what: "interpretation \(label)",
                     reason: result == nil ? "not one of the v3 codes N, A, L, H, LL, HH, POS, NEG, IND"
                        : "the record keeps one interpretation")
            }
        }
        used.insert("interpretation")
        return result
    }

    /// The first reference range as one line of text: its `text`, else `low-high unit` (`>=low unit`,
    /// `<=high unit` when one bound is missing); further ranges and range details are reported.
    private mutating func referenceRange(_ r: FHIRNode, entry e: Entry, used: inout Set<String>) -> String? {
        let ranges = r["referenceRange"]?.items ?? []
        used.insert("referenceRange")
        for extra in ranges.dropFirst() {
            drop(e, extra.path, what: "reference range", reason: "the record keeps one reference range")
        }
        guard let first = ranges.first else { return nil }
        func bound(_ q: FHIRNode?) -> (String, String?)? {
            guard let q, let literal = q["value"]?.numberLiteral else { return nil }
            return (literal, q.string("unit") ?? q.string("code"))
        }
        let low = bound(first["low"])
        let high = bound(first["high"])
        var line: String?
        if let t = first.string("text") {
            line = t
        } else if let low, let high {
            line = low.1 == high.1 || low.1 == nil
                ? "\(low.0)-\(high.0)" + (high.1.map { " " + $0 } ?? "")
                : "\(low.0) \(low.1!)-\(high.0)" + (high.1.map { " " + $0 } ?? "")
        } else if let low {
            line = ">=\(low.0)" + (low.1.map { " " + $0 } ?? "")
        } else if let high {
            line = "<=\(high.0)" + (high.1.map { " " + $0 } ?? "")
        }
        guard let line else {
            drop(e, first.path, what: "reference range", reason: "no text, low or high to carry")
            return nil
        }
        reportRest(e, first, used: ["text", "low", "high"], reasons: [
            "type": "the range type is not carried", "appliesTo": "the population a range applies to is not carried",
            "age": "the age a range applies to is not carried"])
        return text(line, limit: RecordLimits.maxNameBytes, multiline: false, entry: e, path: first.path)
    }

    /// The value of an Observation.component as text (`[comparator]value unit`, a coded value's text, a string).
    private func componentValue(_ comp: FHIRNode) -> String? {
        if let q = comp["valueQuantity"], let literal = q["value"]?.numberLiteral {
            let unit = q.string("unit") ?? q.string("code")
            return (q.string("comparator") ?? "") + literal + (unit.map { " " + $0 } ?? "")
        }
        if let s = comp.string("valueString") { return s }
        if let cc = comp["valueCodeableConcept"] {
            return cc.string("text") ?? cc["coding"]?.items.compactMap { $0.string("display") }.first ?? codes(cc).first
        }
        if let i = comp["valueInteger"]?.numberLiteral { return i }
        if let b = comp["valueBoolean"]?.bool { return b ? "true" : "false" }
        return nil
    }
}
