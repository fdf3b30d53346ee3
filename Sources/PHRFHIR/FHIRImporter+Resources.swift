import Foundation

/// Clinical resources: AllergyIntolerance, Condition, MedicationStatement/Request, Immunization, Observation
/// (Procedure, DeviceUseStatement and Flag in `FHIRImporter+ProceduresDevicesAlerts.swift`).
extension FHIRImporter {
    /// Maps one resource referenced from a section; returns whether it became (part of) a record entry.
    mutating func mapResource(_ e: Entry, section: FHIRSectionKind) -> Bool {
        switch e.type {
        case "AllergyIntolerance": return mapAllergy(e)
        case "Condition": return mapCondition(e)
        case "MedicationStatement", "MedicationRequest": return mapMedication(e)
        case "Immunization": return mapImmunization(e)
        case "Observation": return mapObservation(e, section: section)
        case "Procedure": return mapProcedure(e)
        case "DeviceUseStatement": return mapDevice(e)
        case "Device" where section == .devices: return mapDevice(e)
        case "Flag": return mapFlag(e)
        case "DiagnosticReport": return mapReport(e, section: section)
        case "List": return mapList(e, section: section)
        default:
            dropResource(e, reason: "\(e.type) (section \(section == .unknown ? "unknown" : section.title)) \(FHIRImporter.notCarried)")
            return false
        }
    }

    mutating func full(_ count: Int?, _ e: Entry) -> Bool {
        guard (count ?? 0) < RecordLimits.maxEntriesPerSection else {
            dropResource(e, reason: "the record holds at most \(RecordLimits.maxEntriesPerSection) entries per section")
            return true
        }
        return false
    }

    /// Entries whose verification status says they are not true are not carried.
    private mutating func refuted(_ e: Entry) -> Bool {
        let v = codes(e.resource["verificationStatus"])
        if v.contains("refuted") || v.contains("entered-in-error") {
            dropResource(e, reason: "verification status \(v.joined(separator: ",")): not a fact to carry")
            return true
        }
        return false
    }

    private static let statusReason = "the record has no clinical or verification status for this entry"

    mutating func mapAllergy(_ e: Entry) -> Bool {
        let r = e.resource
        if refuted(e) || full(allergies?.count, e) { return false }
        let (code, text) = concept(r["code"], entry: e)
        guard code != nil || text != nil else { dropResource(e, reason: "no code or text"); return false }
        var allergy = Allergy(code: code, text: text)
        if let c = r.string("criticality") {
            allergy.criticality = c == "unable-to-assess" ? .unknown : Allergy.Criticality(rawValue: c)
        }
        let reactions = r["reaction"]?.items ?? []
        // The severity carried is the worst over all reactions (the record keeps the first reaction's text).
        for reaction in reactions {
            guard let node = reaction["severity"], let value = node.string else { continue }
            if let severity = FHIRCodes.reactionSeverities[value] {
                let rank = Allergy.Severity.allCases.firstIndex(of: severity)!
                if allergy.severity.map({ Allergy.Severity.allCases.firstIndex(of: $0)! < rank }) ?? true {
                    allergy.severity = severity
                }
            } else {
                drop(e, node.path, what: "reaction severity \(value)", reason: "not one of mild, moderate, severe")
            }
        }
        if let first = reactions.first {
            var parts: [String] = []
            for m in first["manifestation"]?.items ?? [] {
                // A manifestation that is only a data-absent-reason (the export's "severity without reaction").
                if m["coding"] == nil, m["text"] == nil, m.members.count == 1,
                   m["extension"]?.items.count == 1, m["extension"]?.items.first?.string("url") == FHIRCodes.dataAbsentReasonExtension {
                    continue
                }
                let (mc, mt) = concept(m, entry: e, standardDisplay: false)
                if let t = mt ?? mc?.description { parts.append(t) }
                if let mc, mt != nil {
                    drop(e, m.path, what: "manifestation code \(mc)", reason: "the reaction is carried as text")
                }
            }
            var used: Set<String> = ["manifestation", "severity"]
            if parts.isEmpty, let d = first.string("description") { parts.append(d); used.insert("description") }
            allergy.reaction = self.text(parts.joined(separator: "; "), entry: e, path: first.path)
            reportRest(e, first, used: used)
        }
        for extra in reactions.dropFirst() {
            let rest = extra.members.filter { $0.name != "severity" }
            if !rest.isEmpty {
                drop(e, extra.path, what: "reaction", reason: "the record keeps the first reaction (and the worst severity)")
            }
        }
        for (index, node) in (r["category"]?.items ?? []).enumerated() {
            let value = node.string ?? ""
            if index == 0, let category = Allergy.Category(rawValue: value) {
                allergy.category = category
            } else {
                drop(e, node.path, what: "category \(value)",
                     reason: index == 0 ? "not one of food, medication, environment, biologic" : "the record keeps one category")
            }
        }
        var used: Set<String> = ["code", "criticality", "reaction", "category"]
        if codes(r["clinicalStatus"]) == ["active"] || r["clinicalStatus"] == nil { used.insert("clinicalStatus") }
        if codes(r["verificationStatus"]) == ["confirmed"] || r["verificationStatus"] == nil { used.insert("verificationStatus") }
        reportRest(e, r, used: used, reasons: ["clinicalStatus": FHIRImporter.statusReason, "verificationStatus": FHIRImporter.statusReason])
        allergies = (allergies ?? []) + [allergy]
        return true
    }

    mutating func mapCondition(_ e: Entry) -> Bool {
        let r = e.resource
        if refuted(e) || full(conditions?.count, e) || leftOutToFit(e) { return false }
        let (code, text) = concept(r["code"], entry: e)
        guard code != nil || text != nil else { dropResource(e, reason: "no code or text"); return false }
        var condition = Condition(code: code, text: text)
        var used: Set<String> = ["code", "clinicalStatus"]
        if let s = self.code(r["clinicalStatus"], system: FHIRCodes.conditionClinical) ?? codes(r["clinicalStatus"]).first {
            condition.status = Condition.Status(rawValue: s)
            if condition.status == nil { used.remove("clinicalStatus") }
        }
        if let onset = r["onsetDateTime"] {
            condition.onset = date(onset, entry: e)
            used.insert("onsetDateTime")
        } else if let start = r["onsetPeriod"]?["start"] {
            condition.onset = date(start, entry: e)
            used.insert("onsetPeriod")
            if let end = r["onsetPeriod"]?["end"] { drop(e, end.path, what: "onset period end", reason: "the record keeps the onset start") }
        }
        if codes(r["verificationStatus"]) == ["confirmed"] || r["verificationStatus"] == nil { used.insert("verificationStatus") }
        reportRest(e, r, used: used, reasons: ["verificationStatus": FHIRImporter.statusReason,
                                                "severity": "condition severity is not carried",
                                                "abatementDateTime": "the end of a condition is not carried (status is)"])
        if let status = condition.status, [.inactive, .resolved, .remission].contains(status) {
            fitCandidates.append(.init(index: e.index, rule: .inactiveCondition, date: condition.onset))
        }
        conditions = (conditions ?? []) + [condition]
        return true
    }

    mutating func mapMedication(_ e: Entry) -> Bool {
        let r = e.resource
        let status = r.string("status")
        if status == "entered-in-error" {
            dropResource(e, reason: "status entered-in-error: not a medication record")
            return false
        }
        if full(medications?.count, e) || leftOutToFit(e) { return false }
        var used: Set<String> = ["status", "medicationCodeableConcept", "medicationReference"]
        var code: ClinicalCode?
        var text: String?
        if let cc = r["medicationCodeableConcept"] {
            (code, text) = concept(cc, entry: e)
        } else if let ref = r["medicationReference"] {
            if let m = resolve(ref, from: e), m.type == "Medication" {
                consumed.insert(m.index)
                (code, text) = concept(m.resource["code"], entry: m)
                reportRest(m, m.resource, used: ["code"], reasons: [
                    "ingredient": "ingredients and strengths are not carried", "form": "the dose form is not carried"])
            } else {
                text = self.text(ref.string("display"), entry: e, path: ref.path)
                if text != nil { used.insert("medicationReference") } else { used.remove("medicationReference") }
            }
        }
        guard code != nil || text != nil else { dropResource(e, reason: "no medication code or text"); return false }
        var med = Medication(code: code, text: text)
        let dosageName = e.type == "MedicationRequest" ? "dosageInstruction" : "dosage"
        let dosages = r[dosageName]?.items ?? []
        if let first = dosages.first {
            var dosageUsed: Set<String> = ["text"]
            if leaveOutDosage.contains(e.index) {
                drop(e, first.path, what: "dosage " + (first.string("text").map { "\"\($0)\"" } ?? "(structured)"),
                     reason: FHIRCardFit.Rule.dosageNoLongerTaken.reason)
                dosageUsed = Set(first.members.map(\.name))
            } else if first.string("text") != nil {
                med.dosage = self.text(first.string("text"), entry: e, path: first.path + ".text")
            } else if let (rendered, parts) = renderDosage(first, entry: e) {
                // No dosage text: the structured dose, timing, route and instructions written as one text.
                med.dosage = self.text(rendered, entry: e, path: first.path)
                dosageUsed = parts
            }
            reportRest(e, first, used: dosageUsed, reasons: [
                "timing": "structured timing is not carried (dosage text is)", "doseAndRate": "structured doses are not carried (dosage text is)",
                "route": "the route is not carried (dosage text is)"])
            used.insert(dosageName)
        }
        for extra in dosages.dropFirst() { drop(e, extra.path, what: "dosage", reason: "the record keeps the first dosage") }
        if let start = r["effectivePeriod"]?["start"] {
            med.since = date(start, entry: e)
            used.insert("effectivePeriod")
            if let end = r["effectivePeriod"]?["end"] { drop(e, end.path, what: "end date", reason: "the record keeps the start date") }
        } else if let dt = r["effectiveDateTime"] {
            med.since = date(dt, entry: e)
            used.insert("effectiveDateTime")
        } else if let authored = r["authoredOn"] {
            med.since = date(authored, entry: e)
            used.insert("authoredOn")
        }
        if let s = status {
            if let mapped = FHIRCodes.medicationStatus(s, request: e.type == "MedicationRequest") {
                med.status = mapped
            } else {
                used.remove("status")
                drop(e, r["status"]!.path, what: "status \(s)",
                     reason: "not a status the record maps (spec/fhir.md, medication status)")
            }
        }
        reportRest(e, r, used: used, reasons: ["intent": "the request intent is not carried"])
        if let status = med.status, [.stopped, .completed, .notTaken].contains(status) {
            if med.dosage != nil { fitCandidates.append(.init(index: e.index, rule: .dosageNoLongerTaken, date: med.since)) }
            fitCandidates.append(.init(index: e.index, rule: .medicationNoLongerTaken, date: med.since))
        }
        medications = (medications ?? []) + [med]
        return true
    }

    mutating func mapImmunization(_ e: Entry) -> Bool {
        let r = e.resource
        if r.string("status") == "not-done" || r.string("status") == "entered-in-error" {
            dropResource(e, reason: "status \(r.string("status")!): no dose was given")
            return false
        }
        if full(immunizations?.count, e) { return false }
        let (code, text) = concept(r["vaccineCode"], entry: e)
        guard code != nil || text != nil else { dropResource(e, reason: "no vaccine code or text"); return false }
        var imm = Immunization(code: code, text: text)
        var used: Set<String> = ["status", "vaccineCode"]
        if let dt = r["occurrenceDateTime"] { imm.date = date(dt, entry: e); used.insert("occurrenceDateTime") }
        if r.string("occurrenceString") == "unknown" { used.insert("occurrenceString") }  // written by the export for "no date"
        let protocols = r["protocolApplied"]?.items ?? []
        if let first = protocols.first {
            used.insert("protocolApplied")
            var pUsed: Set<String> = []
            let dose = first["doseNumberPositiveInt"]?.integer ?? first.string("doseNumberString").flatMap { Int($0) }
            if let d = dose, Immunization.doses.contains(d) {
                imm.dose = d
                pUsed = ["doseNumberPositiveInt", "doseNumberString"]
            }
            reportRest(e, first, used: pUsed, reasons: ["series": "the series name is not carried",
                                                        "targetDisease": "target diseases are not carried",
                                                        "seriesDosesPositiveInt": "the series length is not carried"])
        }
        for extra in protocols.dropFirst() { drop(e, extra.path, what: "protocolApplied", reason: "the record keeps one dose number") }
        if let locRef = r["location"] {
            if let loc = resolve(locRef, from: e), loc.type == "Location",
               let country = loc.resource["address"]?.string("country"), country.count == 2,
               country.allSatisfy({ $0.isASCII && $0.isLetter }) {
                imm.country = country.uppercased()
                consumed.insert(loc.index)
                used.insert("location")
                reportRest(loc, loc.resource, used: ["address"], reasons: [:])
                if let addr = loc.resource["address"] { reportRest(loc, addr, used: ["country"], reasons: [:]) }
            }
        }
        reportRest(e, r, used: used, reasons: [
            "lotNumber": "lot numbers are not carried", "expirationDate": "expiry dates are not carried",
            "site": "the site is not carried", "route": "the route is not carried", "performer": "performers are not carried",
            "location": "the place is carried only as a Location with an ISO 3166-1 alpha-2 address.country",
            "manufacturer": "the manufacturer is not carried"])
        immunizations = (immunizations ?? []) + [imm]
        return true
    }
}
