/// A FHIR Dosage without `text` written as one dosage text (`spec/fhir.md`, "Dosage text").
extension FHIRImporter {
    private static let whenNames: [String: String] = [
        "MORN": "in the morning", "AFT": "in the afternoon", "EVE": "in the evening", "NIGHT": "at night",
        "HS": "at bedtime", "WAKE": "on waking", "C": "with meals", "CM": "with breakfast", "CD": "with lunch",
        "CV": "with dinner", "AC": "before meals", "ACM": "before breakfast", "ACD": "before lunch",
        "ACV": "before dinner", "PC": "after meals", "PCM": "after breakfast", "PCD": "after lunch", "PCV": "after dinner",
    ]
    private static let unitNames: [String: String] = ["s": "s", "min": "min", "h": "h", "d": "day", "wk": "week",
                                                      "mo": "month", "a": "year"]

    /// The dosage as text, e.g. `0.5 Tablet, 2×/day, in the morning, Oral use, as needed` — dose
    /// (`doseAndRate[0].doseQuantity` or `doseRange`), timing (`timing.code` text, else `repeat`: frequency per
    /// period and unit, `when`), route (text, else display), `asNeeded`, `patientInstruction`, in that order — and the
    /// members used; nil when none of them gives anything.
    mutating func renderDosage(_ d: FHIRNode, entry e: Entry) -> (String, Set<String>)? {
        var parts: [String] = []
        var used: Set<String> = ["text"]
        func quantity(_ q: FHIRNode?) -> String? {
            guard let q, let v = q["value"]?.numberLiteral else { return nil }
            let unit = q.string("unit") ?? q.string("code")
            return v + (unit.map { " " + $0 } ?? "")
        }
        if let rate = d["doseAndRate"]?.items.first {
            var dose = quantity(rate["doseQuantity"])
            if dose == nil, let range = rate["doseRange"], let low = quantity(range["low"]) {
                dose = low + (quantity(range["high"]).map { "–" + $0 } ?? "")
            }
            if let dose {
                parts.append(dose)
                used.insert("doseAndRate")
                reportRest(e, rate, used: ["doseQuantity", "doseRange", "type"],
                           reasons: ["rateQuantity": "infusion rates are not carried", "rateRatio": "infusion rates are not carried"])
                for extra in (d["doseAndRate"]?.items ?? []).dropFirst() {
                    drop(e, extra.path, what: "doseAndRate", reason: "the dosage text keeps the first dose")
                }
            }
        }
        if let timing = d["timing"] {
            var t: [String] = []
            if let code = timing["code"], let s = code.string("text") ?? code["coding"]?.items.first?.string("display") {
                t.append(s)
            } else if let rep = timing["repeat"] {
                if let unit = rep.string("periodUnit") {
                    let f = rep["frequency"]?.integer ?? 1
                    let fMax = rep["frequencyMax"]?.integer
                    let p = rep["period"]?.numberLiteral ?? "1"
                    let name = FHIRImporter.unitNames[unit] ?? unit
                    t.append("\(f)\(fMax.map { "–\($0)" } ?? "")×/\(p == "1" ? "" : p + " ")\(name)")
                }
                for w in rep["when"]?.items.compactMap(\.string) ?? [] { t.append(FHIRImporter.whenNames[w] ?? w) }
            }
            if !t.isEmpty {
                parts += t
                used.insert("timing")
                if timing["code"] == nil, let rep = timing["repeat"] {
                    reportRest(e, rep, used: ["frequency", "frequencyMax", "period", "periodUnit", "when"],
                               reasons: ["boundsPeriod": "the medication's dates are carried as since",
                                         "count": "the number of doses is not carried",
                                         "countMax": "the number of doses is not carried"])
                }
            }
        }
        if let route = d["route"],
           let s = route.string("text") ?? route["coding"]?.items.compactMap({ $0.string("display") }).first {
            parts.append(s)
            used.insert("route")
            for coding in route["coding"]?.items ?? [] where coding.string("code") != nil {
                drop(e, coding.path, what: "route coding \(coding.string("system") ?? "")|\(coding.string("code")!)",
                     reason: "the route is carried as text in the dosage")
            }
        }
        if d["asNeededBoolean"]?.bool == true {
            parts.append("as needed")
            used.insert("asNeededBoolean")
        } else if let reason = d["asNeededCodeableConcept"],
                  let s = reason.string("text") ?? reason["coding"]?.items.compactMap({ $0.string("display") }).first {
            parts.append("as needed for \(s)")
            used.insert("asNeededCodeableConcept")
        }
        if let instruction = d.string("patientInstruction") {
            parts.append(instruction)
            used.insert("patientInstruction")
        }
        return parts.isEmpty ? nil : (parts.joined(separator: ", "), used)
    }
}
