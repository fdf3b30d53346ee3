import Foundation

/// The Bundle, the Composition, its sections and the Patient.
extension FHIRImporter {
    mutating func run() throws(FHIRError) -> HealthRecord {
        if let type = root.string("type"), type != "document" {
            drop(nil, root["type"]!.path, what: "type \(type)",
                 reason: "read as the document its first entry (a Patient summary Composition) describes")
        }
        reportRest(nil, root, used: ["resourceType", "id", "meta", "type", "entry", "language", "total", "link"],
                   defaultReason: "document metadata; the card carries its own issuer, id and issue time")
        guard let composition = entries.first, composition.type == "Composition" else {
            throw FHIRError(FHIRError.noComposition, "entry[0].resource: the first entry of a document must be a Composition")
        }
        consumed.insert(composition.index)
        let c = composition.resource
        let typeCodes = c["type"]?["coding"]?.items.filter { $0.string("system") == FHIRCodes.loinc }.compactMap { $0.string("code") } ?? []
        guard typeCodes.contains(FHIRCodes.patientSummary) else {
            throw FHIRError(FHIRError.notPatientSummary, "\(c.path).type: the Composition is not a Patient summary Document (LOINC 60591-5)")
        }
        guard let patient = resolve(c["subject"], from: composition), patient.type == "Patient" else {
            throw FHIRError(FHIRError.noPatient, "\(c.path).subject: does not resolve to a Patient entry of the Bundle")
        }
        consumed.insert(patient.index)
        if let status = c.string("status"), status != "final" {
            drop(composition, c["status"]!.path, what: "status \(status)", reason: "a card states final content only")
        }
        reportRest(composition, c, used: ["status", "type", "section"],
                   defaultReason: "document metadata; the card carries its own issuer, id and issue time")
        try mapPatient(patient)
        for section in c["section"]?.items ?? [] { mapSection(section, composition: composition) }

        // Resources no mapped section used; contained resources nothing referenced (unless their container went whole).
        for e in entries where !consumed.contains(e.index) {
            if let container = e.container {
                if droppedWhole.contains(container) { continue }
                dropResource(e, reason: "a contained resource that no carried element references")
                continue
            }
            let reason = ["Practitioner", "PractitionerRole", "Organization", "Device", "RelatedPerson"].contains(e.type)
                ? "authors, custodians and other parties are not carried (the card names its issuer)"
                : "not referenced by any section the record carries"
            dropResource(e, reason: reason)
        }
        // A clinical resource that was read but of which nothing could be carried is reported whole too (its
        // elements are reported already), so that "carried or dropped whole" covers every clinical resource.
        for e in entries where e.container == nil && FHIRImporter.clinicalTypes.contains(e.type)
            && !carried.contains(e.index) && !droppedWhole.contains(e.index) {
            dropResource(e, reason: "nothing of this resource could be carried (see its other report lines)")
        }
        // Fit-to-card, older repeats: a result whose code a later-dated result of the record repeats.
        for (i, key) in resultKeys.enumerated() {
            let later = resultKeys.enumerated().contains { j, other in
                j != i && other.code == key.code && (key.date.map { d in other.date.map { $0 > d } ?? false } ?? (other.date != nil))
            }
            if later { fitCandidates.append(.init(index: key.index, rule: .olderResult, date: key.date)) }
        }
        if pregnancy == nil, let due = pendingDueDate { pregnancy = Pregnancy(status: .pregnant, dueDate: due) }
        allergies = deduplicated(allergies, "allergies", composition)
        conditions = deduplicated(conditions, "conditions", composition)
        medications = deduplicated(medications, "medications", composition)
        immunizations = deduplicated(immunizations, "immunizations", composition)
        results = deduplicated(results, "results", composition)
        procedures = deduplicated(procedures, "procedures", composition)
        devices = deduplicated(devices, "devices", composition)
        alerts = deduplicated(alerts, "alerts", composition)
        var notes: String?
        if !notesParts.isEmpty {
            notes = text(notesParts.joined(separator: "\n"), limit: RecordLimits.maxNotesBytes, entry: composition, path: c.path + ".section")
        }
        let record = HealthRecord(holder: holder, allergies: allergies, conditions: conditions, medications: medications,
                                  immunizations: immunizations, results: results, vitals: vitals, pregnancy: pregnancy,
                                  notes: notes, procedures: procedures, devices: devices, alerts: alerts)
        let issues = record.validate()
        guard issues.isEmpty else {
            throw FHIRError(FHIRError.invalidRecord, issues.map(\.description).joined(separator: "; "))
        }
        return record
    }

    // MARK: Sections

    mutating func mapSection(_ section: FHIRNode, composition: Entry) {
        let loinc = code(section["code"], system: FHIRCodes.loinc) ?? ""
        let kind = FHIRSectionKind(loinc: loinc)
        let title = section.string("title") ?? (kind == .unknown ? "Section \(loinc)" : kind.title)
        var mapped = 0
        for ref in section["entry"]?.items ?? [] {
            guard let e = resolve(ref, from: composition) else {
                drop(composition, ref.path, what: "reference \(ref.string("reference") ?? "(none)")",
                     reason: "the reference does not resolve to an entry of the Bundle")
                continue
            }
            if consumed.contains(e.index) { continue }
            consumed.insert(e.index)
            if mapResource(e, section: kind) {
                mapped += 1
                carried.insert(e.index)
            }
        }
        // emptyReason: nilknown = "recorded as none"; unavailable = not recorded; others are reported.
        var emptyReasonCode: String?
        if let reason = section["emptyReason"] {
            emptyReasonCode = code(reason, system: FHIRCodes.listEmptyReason) ?? codes(reason).first ?? "?"
            switch emptyReasonCode {
            case "nilknown": markRecordedAsNone(kind)
            case "unavailable": break
            default:
                drop(composition, reason.path, what: "emptyReason \(emptyReasonCode!) in \(title)",
                     reason: "the record can only say \"none known\" (empty list) or \"not recorded\" (absent)")
            }
        }
        if mapped > 0 { markRecordedAsNone(kind) }  // makes sure the list exists (entries already appended)
        if let narrative = section["text"] {
            let stripped = narrative.string("div").flatMap(FHIRNarrative.strip)
            // Entries the fit-to-card policy left out do not turn the section into a narrative-only one (the
            // narrative would bring back what was left out).
            let leftOut = (section["entry"]?.items ?? []).contains { ref in
                resolve(ref, from: composition).map { leaveOutEntries[$0.index] != nil } ?? false
            }
            if kind == .notes, emptyReasonCode == nil, let s = stripped {
                notesParts.append(s)
            } else if mapped == 0 && emptyReasonCode == nil && leftOut, stripped != nil {
                drop(composition, narrative.path, what: "narrative of \(title)",
                     reason: "the section's entries were left out to fit the card, so its narrative is not carried either")
            } else if mapped == 0 && emptyReasonCode == nil, let s = stripped {
                notesParts.append("\(title): " + s)
                let entryCount = section["entry"]?.items.count ?? 0
                if entryCount > 0 {
                    drop(composition, narrative.path, what: "entries of \(title)",
                         reason: "none of the section's \(entryCount) entries could be carried, so its narrative is carried in notes instead")
                }
            } else if narrative.string("status") != "generated", emptyReasonCode == nil {
                drop(composition, narrative.path, what: "narrative of \(title)",
                     reason: "a section narrative beside coded entries is not carried")
            } else if stripped != nil, emptyReasonCode != nil, !(emptyReasonCode == "nilknown" || emptyReasonCode == "unavailable") {
                drop(composition, narrative.path, what: "narrative of \(title)", reason: "narrative of a section whose emptyReason is not carried")
            }
        }
        if kind == .unknown && (section["entry"]?.items.isEmpty ?? true) && section["text"] == nil {
            drop(composition, section.path, what: "section \(loinc)", reason: "unknown section without content")
        }
        reportRest(composition, section, used: ["title", "code", "entry", "emptyReason", "text"],
                   reasons: ["section": "nested sections are not carried"])
    }

    /// Removes entries identical to an earlier one of the same section (an EHR that lists a drug both as a
    /// statement and as a request, say); each removal is reported. The resources stay counted as carried.
    mutating func deduplicated<T: Hashable>(_ list: [T]?, _ name: String, _ composition: Entry) -> [T]? {
        guard let list else { return nil }
        var seen: Set<T> = []
        var out: [T] = []
        for (i, item) in list.enumerated() {
            if seen.insert(item).inserted { out.append(item) } else {
                drop(composition, composition.resource.path + ".section", what: "\(name)[\(i)] (a repeat of an earlier entry)",
                     reason: "an entry identical to an earlier one of the same section is carried once")
            }
        }
        return out
    }

    mutating func markRecordedAsNone(_ kind: FHIRSectionKind) {
        switch kind.recordSection {
        case .allergies: allergies = allergies ?? []
        case .conditions: conditions = conditions ?? []
        case .medications: medications = medications ?? []
        case .immunizations: immunizations = immunizations ?? []
        case .results: results = results ?? []
        case .vitals: vitals = vitals ?? []
        case .procedures: procedures = procedures ?? []
        case .devices: devices = devices ?? []
        case .alerts: alerts = alerts ?? []
        default: break
        }
    }

    // MARK: Patient

    /// The data-absent-reason extension of an element (its `extension` list), if any (any code means unknown).
    /// Other extensions of the element are reported.
    mutating func dataAbsentReason(_ element: FHIRNode, entry e: Entry) -> FHIRNode? {
        var found: FHIRNode?
        for ext in element["extension"]?.items ?? [] {
            if ext.string("url") == FHIRCodes.dataAbsentReasonExtension, found == nil {
                found = ext
            } else {
                drop(e, ext.path, what: "extension \(ext.string("url") ?? "")", reason: FHIRImporter.notCarried)
            }
        }
        return found
    }

    mutating func mapPatient(_ e: Entry) throws(FHIRError) {
        let p = e.resource
        var used: Set<String> = ["name", "birthDate", "gender", "identifier", "communication", "extension"]
        // Name: the first official, else usual, else the first. A name that is only a data-absent-reason
        // extension means "name unknown".
        let names = p["name"]?.items ?? []
        let chosen = names.first { $0.string("use") == "official" } ?? names.first { $0.string("use") == "usual" } ?? names.first
        var nameUnknown = false
        if let name = chosen {
            let given = (name["given"]?.items ?? []).compactMap(\.string).joined(separator: " ")
            holder.given = text(given.isEmpty ? nil : given, limit: RecordLimits.maxNameBytes, multiline: false, entry: e, path: name.path + ".given")
            holder.family = text(name.string("family"), limit: RecordLimits.maxNameBytes, multiline: false, entry: e, path: name.path + ".family")
            if holder.given == nil && holder.family == nil {
                holder.given = text(name.string("text"), limit: RecordLimits.maxNameBytes, multiline: false, entry: e, path: name.path + ".text")
            } else if name["text"] != nil {
                drop(e, name["text"]!.path, what: "name text", reason: "the record keeps given and family names")
            }
            var nameUsed: Set<String> = ["given", "family", "text", "use"]
            if let absent = dataAbsentReason(name, entry: e) {
                nameUsed.insert("extension")
                if holder.given == nil && holder.family == nil {
                    nameUnknown = true
                } else {
                    drop(e, absent.path, what: "data-absent-reason on a name that has a value",
                         reason: "the name's given/family parts are carried")
                }
            }
            reportRest(e, name, used: nameUsed,
                       reasons: ["prefix": "name prefixes are not carried", "suffix": "name suffixes are not carried"])
        }
        for name in names where name.path != chosen?.path {
            drop(e, name.path, what: "name (\(name.string("use") ?? "no use"))", reason: "the record keeps one name")
        }
        if !nameUnknown && holder.given == nil && holder.family == nil {
            // No usable name and no data-absent-reason: for people without documents this is a normal case, not a
            // reason to refuse the summary. The card says "name unknown" and the report says why.
            nameUnknown = true
            drop(e, chosen?.path ?? p.path + ".name", what: "name",
                 reason: "the Patient has no given, family or text name; the card records the name as unknown")
        }
        if nameUnknown { holder.unknown.insert(.name) }
        if let birth = p["birthDate"] {
            holder.birthDate = date(birth, entry: e)
        } else if let birthExtensions = p["_birthDate"] {
            used.insert("_birthDate")
            if dataAbsentReason(birthExtensions, entry: e) != nil {
                holder.unknown.insert(.birthDate)
            }
            reportRest(e, birthExtensions, used: ["extension"])
        }
        if let g = p.string("gender") {
            holder.sex = Holder.Sex(rawValue: g)
            if holder.sex == nil { drop(e, p["gender"]!.path, what: "gender \(g)", reason: "not one of female, male, other, unknown") }
        }
        var identifiers: [Holder.Identifier] = []
        for id in p["identifier"]?.items ?? [] {
            let system = id.string("system") ?? id["type"]?.string("text") ?? id["type"]?["coding"]?.items.first?.string("code")
            guard let sys = text(system, limit: RecordLimits.maxNameBytes, multiline: false, entry: e, path: id.path + ".system"),
                  let value = text(id.string("value"), limit: RecordLimits.maxNameBytes, multiline: false, entry: e, path: id.path + ".value")
            else {
                drop(e, id.path, what: "identifier", reason: "an identifier needs a system (or type) and a value")
                continue
            }
            guard identifiers.count < RecordLimits.maxIdentifiers else {
                drop(e, id.path, what: "identifier \(sys)", reason: "the record holds at most \(RecordLimits.maxIdentifiers) identifiers")
                continue
            }
            if identifiers.contains(Holder.Identifier(system: sys, value: value)) {
                drop(e, id.path, what: "identifier \(sys)", reason: "the same identifier is carried once")
                continue
            }
            identifiers.append(Holder.Identifier(system: sys, value: value))
            let typeUsed = id.string("system") == nil
            reportRest(e, id, used: typeUsed ? ["system", "value", "type"] : ["system", "value"],
                       reasons: ["type": "identifier types are not carried", "use": "identifier use is not carried",
                                 "period": "identifier periods are not carried", "assigner": "identifier assigners are not carried"])
        }
        if !identifiers.isEmpty { holder.identifiers = identifiers }
        var languages: [String] = []
        for comm in p["communication"]?.items ?? [] {
            let language = comm["language"]
            let tag = code(language, system: FHIRCodes.bcp47) ?? codes(language).first
            let primary = (tag ?? "").split(separator: "-").first.map { $0.lowercased() } ?? ""
            let valid = (2...3).contains(primary.count) && primary.allSatisfy { $0 >= "a" && $0 <= "z" }
            if valid {
                if !languages.contains(primary) && languages.count < RecordLimits.maxLanguages { languages.append(primary) }
                else if !languages.contains(primary) {
                    drop(e, comm.path, what: "language \(tag!)", reason: "the record holds at most \(RecordLimits.maxLanguages) languages")
                }
                if let t = tag, t.lowercased() != primary {
                    drop(e, language!.path, what: "language region/script of \(t)", reason: "the record keeps the ISO 639 language only")
                }
            } else {
                drop(e, comm.path, what: "language \(tag ?? "(none)")", reason: "not an ISO 639 language code")
            }
            reportRest(e, comm, used: ["language"], reasons: ["preferred": "the preferred flag is not carried"])
        }
        if !languages.isEmpty { holder.languages = languages }
        for ext in p["extension"]?.items ?? [] {
            if ext.string("url") == FHIRCodes.nationalityExtension {
                var found = false
                for inner in ext["extension"]?.items ?? [] {
                    if inner.string("url") == "code", let cc = inner["valueCodeableConcept"] {
                        let value = code(cc, system: FHIRCodes.iso3166) ?? codes(cc).first
                        if let v = value, v.count == 2, v.allSatisfy({ $0.isLetter && $0.isASCII }), holder.nationality == nil {
                            holder.nationality = v.uppercased()
                            found = true
                            continue
                        }
                    }
                    drop(e, inner.path, what: "nationality \(inner.string("url") ?? "")",
                         reason: "the record keeps one nationality as an ISO 3166-1 alpha-2 code")
                }
                if !found { drop(e, ext.path, what: "nationality", reason: "no ISO 3166-1 alpha-2 code") }
            } else if ext.string("url") == FHIRCodes.selfDeclaredExtension {
                if let v = ext.string("valueCode"), let field = Holder.DeclaredField(rawValue: v) {
                    holder.declared.insert(field)
                } else {
                    drop(e, ext.path, what: "self-declared \(ext.string("valueCode") ?? "(no valueCode)")",
                         reason: "not one of name, birthDate, sex, nationality")
                }
            } else {
                drop(e, ext.path, what: "extension \(ext.string("url") ?? "")", reason: FHIRImporter.notCarried)
            }
        }
        // A self-declared field the Patient does not carry (or that did not import) cannot be marked.
        for field in Holder.DeclaredField.allCases where holder.declared.contains(field) {
            let present = switch field {
            case .name: holder.given != nil || holder.family != nil
            case .birthDate: holder.birthDate != nil
            case .sex: holder.sex != nil
            case .nationality: holder.nationality != nil
            }
            if !present {
                holder.declared.remove(field)
                drop(e, p.path + ".extension", what: "self-declared \(field.rawValue)",
                     reason: "the Patient has no \(field.rawValue) value to mark")
            }
        }
        used.insert("extension")
        reportRest(e, p, used: used, reasons: [
            "telecom": "contact details are not carried", "address": "addresses are not carried",
            "contact": "contact persons are not carried", "active": "record status is not carried",
            "maritalStatus": "marital status is not carried", "generalPractitioner": "care providers are not carried",
            "managingOrganization": "care providers are not carried", "deceasedBoolean": "not carried",
            "photo": "photos are not carried",
        ])
    }
}
