import PHRCard

/// A clinical summary of an opened card for `decode --format text`.
enum RecordSummary {
    static func text(_ o: OpenedCard) -> String {
        var out: [String] = []
        let c = o.card
        out.append("PHRCard: VALID card from \(c.issuerID) (key \(c.kid)), card id \(c.cardID.hexString)")
        out.append("Issued \(Dates.formatDay(c.issuedAt)), expires \(Dates.formatDay(c.expiresAt))")
        func tierList(_ tiers: [Tier]) -> String {
            tiers.map { t in "\(t.name) (\(c.policy.sections(in: t).map(\.rawValue).joined(separator: ", ")))" }
                .joined(separator: "; ")
        }
        out.append("Readable:     " + (o.openedTiers.isEmpty ? "nothing" : tierList(o.openedTiers)))
        out.append("Not readable: " + (o.closedTiers.isEmpty ? "nothing (whole record shown)" : tierList(o.closedTiers) + " (needs the holder code or another reader key)"))

        let readable = Set(o.openedTiers.flatMap { c.policy.sections(in: $0) })
        func section(_ s: HealthRecord.Section, _ title: String, _ lines: [String]?) {
            guard readable.contains(s) else { return }
            out.append("")
            guard let lines else {
                out.append("\(title): not recorded")
                return
            }
            if lines.isEmpty {
                out.append("\(title): none recorded")
                return
            }
            out.append(title.uppercased() + (s == .holder || s == .pregnancy || s == .notes ? "" : " (\(lines.count))"))
            out.append(contentsOf: lines.map { "  " + $0 })
        }

        if let h = o.holder {
            func declared(_ field: Holder.DeclaredField) -> String { h.declared.contains(field) ? " (self-declared)" : "" }
            let name = h.unknown.contains(.name) ? "name unknown"
                : [h.given, h.family].compactMap { $0 }.joined(separator: " ") + declared(.name)
            var lines = ["Name:        " + name]
            if let b = h.birthDate { lines.append("Born:        \(b)" + declared(.birthDate)) }
            if h.unknown.contains(.birthDate) { lines.append("Born:        birth date unknown") }
            if let s = h.sex { lines.append("Sex:         \(s.rawValue)" + declared(.sex)) }
            if let n = h.nationality { lines.append("Nationality: \(n)" + declared(.nationality)) }
            if let l = h.languages, !l.isEmpty { lines.append("Languages:   " + l.joined(separator: ", ")) }
            for id in h.identifiers ?? [] { lines.append("Identifier:  \(id.system) \(id.value)") }
            section(.holder, "Holder", lines)
        }
        section(.alerts, "Alerts", o.alerts?.map { a in
            join([describe(a.code, a.text), a.severity.map { "severity \($0.rawValue)" }, a.since.map { "since \($0)" }])
        })
        section(.allergies, "Allergies", o.allergies?.map { a in
            join([describe(a.code, a.text), a.category?.rawValue, a.criticality.map { "criticality \($0.rawValue)" },
                  a.reaction.map { "reaction: \($0)" }, a.severity.map { "severity \($0.rawValue)" }])
        })
        section(.conditions, "Conditions", o.conditions?.map { x in
            join([describe(x.code, x.text), x.status?.rawValue, x.onset.map { "since \($0)" }])
        })
        section(.medications, "Medications", o.medications?.map { m in
            join([describe(m.code, m.text), m.dosage, m.since.map { "since \($0)" }, m.status?.rawValue])
        })
        section(.immunizations, "Immunizations", o.immunizations?.map { i in
            join([i.date.map { "\($0)" } ?? "date unknown", describe(i.code, i.text), i.dose.map { "dose \($0)" }, i.country])
        })
        section(.results, "Results", o.results?.map { r in
            join([r.date.map { "\($0)" } ?? "date unknown", describe(r.code, r.text), r.value.map { "= \($0)" },
                  r.interpretation?.rawValue, r.range.map { "range \($0)" }])
        })
        section(.vitals, "Vital signs", o.vitals?.map { v in
            join([v.date.map { "\($0)" } ?? "date unknown", v.heightCm.map { "height \($0) cm" }, v.weightKg.map { "weight \($0) kg" },
                  (v.bpSystolic != nil || v.bpDiastolic != nil)
                      ? "BP \(v.bpSystolic.map(String.init) ?? "?")/\(v.bpDiastolic.map(String.init) ?? "?") mmHg" : nil,
                  v.temperatureC.map { "temperature \($0) °C" }, v.heartRate.map { "heart rate \($0)/min" },
                  v.respiratoryRate.map { "respiratory rate \($0)/min" }, v.oxygenSaturation.map { "SpO2 \($0) %" },
                  v.bmi.map { "BMI \($0)" }])
        })
        section(.pregnancy, "Pregnancy", o.pregnancy.map { p in
            [join([p.status.rawValue, p.dueDate.map { "due \($0)" }])]
        })
        section(.procedures, "Procedures", o.procedures?.map { p in
            join([p.date.map { "\($0)" } ?? "date unknown", describe(p.code, p.text), p.status?.rawValue])
        })
        section(.devices, "Devices", o.devices?.map { d in
            join([describe(d.code, d.text), d.since.map { "since \($0)" }])
        })
        section(.notes, "Notes", o.notes.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) })
        return out.joined(separator: "\n") + "\n"
    }

    /// `Text [system:code]`, using the dictionary's standard display when the record has no text.
    static func describe(_ code: ClinicalCode?, _ text: String?) -> String {
        let display = text ?? code.flatMap { CodeDisplays.standardDisplay(system: $0.system, code: $0.code) }
        switch (display, code) {
        case let (d?, c?): return "\(d) [\(c)]"
        case let (d?, nil): return d
        case let (nil, c?): return "[\(c)]"
        default: return "(no description)"
        }
    }

    static func join(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — ")
    }
}
