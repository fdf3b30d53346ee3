import PHRCard

/// A clinical summary of an opened card for `decode --format text`, in the officer's language (`--lang`). Codes'
/// displays, free texts and values are shown as the card carries them; labels, section titles, coded values and
/// dates follow the translation table.
enum RecordSummary {
    static func text(_ o: OpenedCard, _ x: OfficerText = .english) -> String {
        var out: [String] = []
        let c = o.card
        out.append(x.format(.summaryCard, ["issuer": c.issuerID, "kid": c.kid.description, "id": c.cardID.hexString]))
        out.append(x.format(.summaryDates, ["issued": x.t.day(c.issuedAt), "expires": x.t.day(c.expiresAt)]))
        func tierList(_ tiers: [Tier]) -> String {
            tiers.map { t in
                "\(x[TranslationKey("tier." + t.name)]) (\(x.list(c.policy.sections(in: t).map { x[sectionKey($0)] })))"
            }.joined(separator: x[.punctuationSemicolon] + " ")
        }
        let readability = [x[.summaryReadable], x[.summaryNotReadable]]
        out.append(x.labelled(x[.summaryReadable], among: readability,
                              o.openedTiers.isEmpty ? x[.summaryNothing] : tierList(o.openedTiers)))
        out.append(x.labelled(x[.summaryNotReadable], among: readability,
                              o.closedTiers.isEmpty ? x[.summaryWholeRecord]
                                  : tierList(o.closedTiers) + " " + x[.summaryNeedsCode]))

        let readable = Set(o.openedTiers.flatMap { c.policy.sections(in: $0) })
        func section(_ s: HealthRecord.Section, _ lines: [String]?) {
            guard readable.contains(s) else { return }
            out.append("")
            let title = x[sectionKey(s)]
            guard let lines else {
                out.append("\(title): \(x[.summaryNotRecorded])")
                return
            }
            if lines.isEmpty {
                out.append("\(title): \(x[.summaryNoneRecorded])")
                return
            }
            out.append(x.heading(sectionKey(s)) + (s == .holder || s == .pregnancy || s == .notes ? "" : " (\(lines.count))"))
            out.append(contentsOf: lines.map { "  " + $0 })
        }
        func since(_ d: PartialDate?) -> String? { d.map { x.format(.phraseSince, ["date": x.t.date($0)]) } }
        func dated(_ d: PartialDate?) -> String { d.map(x.date) ?? x[.summaryDateUnknown] }

        /// The lines of one section (nil: not recorded). One case per row of the section table.
        func lines(_ section: HealthRecord.Section) -> [String]? {
            switch section {
            case .holder:
                guard let h = o.holder else { return nil }
                let labels = [x[.labelName], x[.labelBorn], x[.labelSex], x[.labelNationality], x[.labelLanguages],
                              x[.labelIdentifier]]
                func declared(_ field: Holder.DeclaredField) -> String {
                    h.declared.contains(field) ? " (\(x[.valueDeclared]))" : ""
                }
                let name = h.unknown.contains(.name) ? x[.summaryNameUnknown]
                    : x.value([h.given, h.family].compactMap { $0 }.joined(separator: " ")) + declared(.name)
                var lines = [x.labelled(x[.labelName], among: labels, name)]
                if let b = h.birthDate { lines.append(x.labelled(x[.labelBorn], among: labels, x.date(b) + declared(.birthDate))) }
                if h.unknown.contains(.birthDate) {
                    lines.append(x.labelled(x[.labelBorn], among: labels, x[.summaryBirthDateUnknown]))
                }
                if let s = h.sex {
                    lines.append(x.labelled(x[.labelSex], among: labels, x.coded("sex", s.rawValue) + declared(.sex)))
                }
                if let n = h.nationality {
                    lines.append(x.labelled(x[.labelNationality], among: labels, x.value(n) + declared(.nationality)))
                }
                if let l = h.languages, !l.isEmpty {
                    lines.append(x.labelled(x[.labelLanguages], among: labels, x.value(l.joined(separator: ", "))))
                }
                for id in h.identifiers ?? [] {
                    lines.append(x.labelled(x[.labelIdentifier], among: labels, x.value("\(id.system) \(id.value)")))
                }
                return lines
            case .alerts:
                return o.alerts?.map { a in
                    join([describe(a.code, a.text, x),
                          a.severity.map { x.t.format(.phraseSeverity, ["value": x.coded("alert-severity", $0.rawValue)]) },
                          since(a.since)])
                }
            case .allergies:
                return o.allergies?.map { a in
                    join([describe(a.code, a.text, x), a.category.map { x.coded("allergy-category", $0.rawValue) },
                          a.criticality.map { x.t.format(.phraseCriticality, ["value": x.coded("criticality", $0.rawValue)]) },
                          a.reaction.map { x.format(.phraseReaction, ["text": $0]) },
                          a.severity.map { x.t.format(.phraseSeverity, ["value": x.coded("allergy-severity", $0.rawValue)]) }])
                }
            case .conditions:
                return o.conditions?.map { c in
                    join([describe(c.code, c.text, x), c.status.map { x.coded("condition-status", $0.rawValue) }, since(c.onset)])
                }
            case .medications:
                return o.medications?.map { m in
                    join([describe(m.code, m.text, x), m.dosage.map(x.value), since(m.since),
                          m.status.map { x.coded("medication-status", $0.rawValue) }])
                }
            case .immunizations:
                return o.immunizations?.map { i in
                    join([dated(i.date), describe(i.code, i.text, x), i.dose.map { x.format(.phraseDose, ["value": "\($0)"]) },
                          i.country.map(x.value)])
                }
            case .results:
                return o.results?.map { r in
                    join([dated(r.date), describe(r.code, r.text, x), r.value.map { "= " + x.value($0) },
                          r.interpretation.map { x.coded("interpretation", $0.rawValue) },
                          r.range.map { x.format(.phraseRange, ["range": $0]) }])
                }
            case .vitals:
                return o.vitals?.map { v in
                    join([dated(v.date),
                          v.heightCm.map { x.format(.phraseHeight, ["value": "\($0)"]) },
                          v.weightKg.map { x.format(.phraseWeight, ["value": "\($0)"]) },
                          (v.bpSystolic != nil || v.bpDiastolic != nil)
                              ? x.format(.phraseBloodPressure, ["value": "\(v.bpSystolic.map(String.init) ?? "?")/\(v.bpDiastolic.map(String.init) ?? "?")"])
                              : nil,
                          v.temperatureC.map { x.format(.phraseTemperature, ["value": "\($0)"]) },
                          v.heartRate.map { x.format(.phraseHeartRate, ["value": "\($0)"]) },
                          v.respiratoryRate.map { x.format(.phraseRespiratoryRate, ["value": "\($0)"]) },
                          v.oxygenSaturation.map { x.format(.phraseOxygenSaturation, ["value": "\($0)"]) },
                          v.bmi.map { x.format(.phraseBmi, ["value": "\($0)"]) }])
                }
            case .pregnancy:
                return o.pregnancy.map { p in
                    [join([x.coded("pregnancy", p.status.rawValue), p.dueDate.map { x.format(.phraseDue, ["date": x.t.date($0)]) }])]
                }
            case .procedures:
                return o.procedures?.map { p in
                    join([dated(p.date), describe(p.code, p.text, x), p.status.map { x.coded("procedure-status", $0.rawValue) }])
                }
            case .devices:
                return o.devices?.map { d in
                    join([describe(d.code, d.text, x), since(d.since)])
                }
            case .notes:
                return o.notes.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map { x.value(String($0)) } }
            }
        }

        for s in HealthRecord.Section.table.sorted(by: { $0.summaryPosition < $1.summaryPosition }).map(\.section) {
            section(s, lines(s))
        }
        return x.render(out)
    }

    /// The translation-table key of a section's title (`section.<name>`).
    static func sectionKey(_ s: HealthRecord.Section) -> TranslationKey { TranslationKey("section." + s.rawValue) }

    /// `Text [system:code]`, using the dictionary's standard display when the record has no text. The display is
    /// shown as carried (isolated in right-to-left output); only "(no description)" is translated.
    static func describe(_ code: ClinicalCode?, _ text: String?, _ x: OfficerText = .english) -> String {
        let display = text ?? code.flatMap { CodeDisplays.standardDisplay(system: $0.system, code: $0.code) }
        switch (display, code) {
        case let (d?, c?): return x.value("\(d) [\(c)]")
        case let (d?, nil): return x.value(d)
        case let (nil, c?): return x.value("[\(c)]")
        default: return x[.summaryNoDescription]
        }
    }

    static func join(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — ")
    }
}
