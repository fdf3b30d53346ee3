/// Resources that group others: a DiagnosticReport (its `result` Observations) and a List (its `entry.item`s), as
/// IPS sections often reference them instead of the clinical resources themselves (`spec/fhir.md`, "Groupings").
extension FHIRImporter {
    private static let reportReasons: [String: String] = [
        "performer": "performers are not carried", "resultsInterpreter": "performers are not carried",
        "specimen": "specimens are not carried", "issued": "the report time is not carried (the effective date is)",
        "presentedForm": "attached report documents are not carried", "imagingStudy": "imaging studies are not carried",
        "media": "images are not carried", "basedOn": "orders are not carried", "encounter": "encounters are not carried",
        "identifier": "report identifiers are not carried", "category": "the category is implied by the record section",
        "conclusionCode": "the record keeps the conclusion as text",
        "effectiveDateTime": "the report's date is not carried (its results' dates are)",
        "effectivePeriod": "the report's date is not carried (its results' dates are)",
    ]

    /// A DiagnosticReport: every `result` Observation is mapped in the report's section (a laboratory result, a
    /// vital sign, …); the grouping itself is reported. A report without a carried result but with a `conclusion`
    /// (or a coded conclusion) becomes one result whose value is the conclusion.
    mutating func mapReport(_ e: Entry, section: FHIRSectionKind) -> Bool {
        let r = e.resource
        if ["entered-in-error", "cancelled"].contains(r.string("status") ?? "") {
            dropResource(e, reason: "status \(r.string("status")!): not a result")
            return false
        }
        var used: Set<String> = ["result", "status", "code", "conclusion"]
        var mapped = false
        // Results the fit-to-card policy left out: the report's conclusion must not bring them back as a result.
        var leftOutToFit = false
        for ref in r["result"]?.items ?? [] {
            guard let m = resolve(ref, from: e) else {
                drop(e, ref.path, what: "result \(ref.string("reference") ?? "(none)")",
                     reason: "the reference does not resolve to an entry of the Bundle")
                continue
            }
            if consumed.contains(m.index) {
                // Also listed elsewhere (and mapped there): the grouping is carried through it.
                if carried.contains(m.index) { mapped = true }
                continue
            }
            consumed.insert(m.index)
            guard m.type == "Observation" else {
                dropResource(m, reason: "a report result of type \(m.type) is not carried")
                continue
            }
            if leaveOutEntries[m.index] != nil { leftOutToFit = true }
            if mapObservation(m, section: section == .unknown ? .results : section) {
                carried.insert(m.index)
                mapped = true
            }
        }
        let conclusion = r.string("conclusion")
            ?? (r["conclusionCode"]?.items.first).flatMap { $0.string("text") ?? $0["coding"]?.items.first?.string("display") }
        if !mapped, !leftOutToFit, let conclusion {
            if r.string("conclusion") == nil {
                used.insert("conclusionCode")
                for coding in r["conclusionCode"]?.items.flatMap({ $0["coding"]?.items ?? [] }) ?? [] {
                    drop(e, coding.path, what: "conclusion coding \(coding.string("system") ?? "")|\(coding.string("code") ?? "")",
                         reason: "the conclusion is carried as text")
                }
            }
            let (code, text) = concept(r["code"], entry: e)
            var when: PartialDate?
            if let dt = r["effectiveDateTime"] ?? r["effectivePeriod"]?["start"] { when = date(dt, entry: e) }
            used.formUnion(["effectiveDateTime", "effectivePeriod"])
            if code == nil && text == nil {
                dropResource(e, reason: "no code or text")
                return false
            }
            if full(results?.count, e) { return false }
            results = (results ?? []) + [LabResult(code: code, text: text,
                                                   value: self.text(conclusion, entry: e, path: r.path + ".conclusion"),
                                                   date: when)]
            mapped = true
        } else {
            if mapped {
                drop(e, r.path, what: "report \(r["code"]?.string("text") ?? codes(r["code"]).first ?? "")",
                     reason: "the grouping of results into a report is not carried (its results are)")
            }
            if let c = r["conclusion"] {
                drop(e, c.path, what: "conclusion", reason: "a report conclusion beside carried results is not carried")
            }
        }
        if !mapped {
            dropResource(e, reason: (r["result"]?.items.isEmpty ?? true)
                ? "a report without results or conclusion" : "none of the report's results could be carried")
            return false
        }
        if let s = r.string("status"), !["final", "amended", "corrected", "appended"].contains(s) {
            drop(e, r["status"]!.path, what: "status \(s)", reason: "the record carries results without status (as final)")
        }
        reportRest(e, r, used: used, reasons: FHIRImporter.reportReasons)
        return true
    }

    /// A List: each `entry.item` is mapped in the list's section; the list itself (title, code, mode, status) is
    /// structure, like a section.
    mutating func mapList(_ e: Entry, section: FHIRSectionKind) -> Bool {
        let r = e.resource
        var mapped = false
        for item in r["entry"]?.items ?? [] {
            let ref = item["item"]
            guard let m = resolve(ref, from: e) else {
                drop(e, (ref ?? item).path, what: "item \(ref?.string("reference") ?? "(none)")",
                     reason: "the reference does not resolve to an entry of the Bundle")
                continue
            }
            if consumed.contains(m.index) {
                // Also listed elsewhere (and mapped there): the grouping is carried through it.
                if carried.contains(m.index) { mapped = true }
                continue
            }
            consumed.insert(m.index)
            if mapResource(m, section: section) {
                carried.insert(m.index)
                mapped = true
            }
            reportRest(e, item, used: ["item"], reasons: ["flag": "list item flags are not carried",
                                                          "deleted": "list item flags are not carried",
                                                          "date": "the date an item was added is not carried"])
        }
        if let reason = r["emptyReason"], !mapped {
            let value = code(reason, system: FHIRCodes.listEmptyReason) ?? codes(reason).first ?? "?"
            if value == "nilknown" { markRecordedAsNone(section) } else {
                drop(e, reason.path, what: "emptyReason \(value)",
                     reason: "the record can only say \"none known\" (empty list) or \"not recorded\" (absent)")
            }
        }
        reportRest(e, r, used: ["entry", "status", "mode", "title", "code", "date", "emptyReason", "orderedBy"],
                   reasons: ["source": "authors are not carried", "note": "list notes are not carried"])
        return mapped
    }
}
