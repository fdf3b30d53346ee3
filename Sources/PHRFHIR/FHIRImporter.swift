import Foundation

/// The state of one import: the Bundle's entries, what was consumed, the record being built and the drops.
internal struct FHIRImporter {
    struct Entry {
        let index: Int
        let fullUrl: String?
        let resource: FHIRNode
        let type: String
        let id: String?
        /// For a `contained` resource: the index of the Bundle entry that contains it (nil for a Bundle entry).
        var container: Int? = nil
        /// The name used in the drop report: the fullUrl, else `Type/id`, else `entry[N]`; a contained resource is
        /// named `<container name>#<id>`.
        var name: String
    }

    struct RawDrop {
        let resourceType: String
        let resource: String
        let resourcePath: String
        let path: String
        let what: String
        let reason: String
    }

    /// Members every resource may have that carry no clinical content of their own.
    static let structural: Set<String> = ["resourceType", "id", "meta", "text", "language", "subject", "patient", "contained"]
    /// The resource types counted as clinical content (the recall measure of `spec/fhir.md`).
    static let clinicalTypes: Set<String> = [
        "AllergyIntolerance", "Condition", "MedicationStatement", "MedicationRequest", "MedicationAdministration",
        "MedicationDispense", "Immunization", "Observation", "DiagnosticReport", "Procedure", "DeviceUseStatement", "Flag",
    ]
    static let notCarried = "not carried by the PHRCard record (see the extension proposal in spec/fhir.md)"

    let root: FHIRNode
    var entries: [Entry] = []
    var byFullUrl: [String: Int] = [:]
    var byTypeID: [String: [Int]] = [:]
    /// Contained resources by `<container index>#<id>`.
    var byContained: [String: Int] = [:]
    var consumed: Set<Int> = []
    /// Entries that became (part of) a record entry.
    var carried: Set<Int> = []
    /// Entries reported as dropped whole.
    var droppedWhole: Set<Int> = []
    var drops: [RawDrop] = []

    var holder = Holder()
    var allergies: [Allergy]?
    var conditions: [Condition]?
    var medications: [Medication]?
    var immunizations: [Immunization]?
    var results: [LabResult]?
    var vitals: [VitalSigns]?
    var pregnancy: Pregnancy?
    var procedures: [Procedure]?
    var devices: [MedicalDevice]?
    var alerts: [Alert]?
    var pendingDueDate: PartialDate?
    var notesParts: [String] = []

    /// Fit-to-card (``FHIRCardFit``): the entries to leave out whole, and the medications whose dosage to leave out,
    /// by entry index; and what this run found that the policy could leave out.
    var leaveOutEntries: [Int: FHIRCardFit.Rule] = [:]
    var leaveOutDosage: Set<Int> = []
    var fitCandidates: [FHIRCardFit.Candidate] = []
    /// Every carried result: entry index, code and date (for the older-repeat rule).
    var resultKeys: [(index: Int, code: ClinicalCode, date: PartialDate?)] = []

    init(root: FHIRNode) throws(FHIRError) {
        self.root = root
        guard root.string("resourceType") == "Bundle" else {
            throw FHIRError(FHIRError.notBundle, "resourceType: the root is not a Bundle (found \(root.string("resourceType").map { "\"\($0)\"" } ?? "none"))")
        }
        // A `searchset` or `collection` whose first entry is a Patient summary Composition (what some $summary
        // servers return) is read as the document it holds; the type is reported. Anything else is refused.
        let firstIsSummary = root["entry"]?.items.first?["resource"].map { c in
            c.string("resourceType") == "Composition"
                && (c["type"]?["coding"]?.items ?? []).contains { $0.string("system") == FHIRCodes.loinc && $0.string("code") == FHIRCodes.patientSummary }
        } ?? false
        guard root.string("type") == "document" || (["searchset", "collection"].contains(root.string("type") ?? "") && firstIsSummary) else {
            throw FHIRError(FHIRError.notDocument, "type: the Bundle type is \(root.string("type").map { "\"\($0)\"" } ?? "missing"), expected \"document\"")
        }
        guard let entryNode = root["entry"], case .array = entryNode.value else {
            throw FHIRError(FHIRError.malformed, "entry: a document Bundle needs an entry array")
        }
        for item in entryNode.items {
            guard let resource = item["resource"], resource.isObject, let type = resource.string("resourceType") else {
                throw FHIRError(FHIRError.malformed, "\(item.path).resource: not a resource object with a resourceType")
            }
            let fullUrl = item.string("fullUrl"), id = resource.string("id")
            let entry = Entry(index: entries.count, fullUrl: fullUrl, resource: resource, type: type, id: id,
                              name: fullUrl ?? (id.map { "\(type)/\($0)" } ?? "entry[\(entries.count)]"))
            if let url = entry.fullUrl, byFullUrl[url] == nil { byFullUrl[url] = entry.index }
            if let id { byTypeID["\(type)/\(id)", default: []].append(entry.index) }
            entries.append(entry)
            registerContained(of: entry)
            for (name, node) in item.members where name != "fullUrl" && name != "resource" {
                drop(nil, node.path, what: name, reason: "Bundle entry \(name) is transport information, not content")
            }
        }
    }

    // MARK: Drops

    mutating func drop(_ entry: Entry?, _ path: String, what: String, reason: String) {
        drops.append(RawDrop(resourceType: entry?.type ?? "Bundle", resource: entry?.name ?? "",
                             resourcePath: entry?.resource.path ?? "", path: path, what: what, reason: reason))
    }

    /// Reports every member of `node` not in `used` (and not structural).
    mutating func reportRest(_ entry: Entry?, _ node: FHIRNode, used: Set<String>, reasons: [String: String] = [:],
                             defaultReason: String = FHIRImporter.notCarried) {
        for (name, child) in node.members where !used.contains(name) {
            if name == "text", FHIRImporter.structural.contains(name) {
                if let status = child.string("status"), status != "generated" {
                    drop(entry, child.path, what: "narrative (status \(status))",
                         reason: "a narrative written by hand is not carried for this resource")
                }
                continue
            }
            if FHIRImporter.structural.contains(name) && node.path == entry?.resource.path { continue }
            if name.hasPrefix("_") {
                drop(entry, child.path, what: name, reason: "element extensions are not carried")
                continue
            }
            if name == "extension" || name == "modifierExtension" {
                for ext in child.items {
                    drop(entry, ext.path, what: "\(name) \(ext.string("url") ?? "")", reason: reasons[name] ?? defaultReason)
                }
                continue
            }
            if case .array = child.value {
                for item in child.items { drop(entry, item.path, what: name, reason: reasons[name] ?? defaultReason) }
            } else {
                drop(entry, child.path, what: name, reason: reasons[name] ?? defaultReason)
            }
        }
    }

    /// Leaves the entry out when the fit-to-card policy chose it (reported as dropped whole, with the rule).
    mutating func leftOutToFit(_ e: Entry) -> Bool {
        guard let rule = leaveOutEntries[e.index] else { return false }
        dropResource(e, reason: rule.reason)
        return true
    }

    /// Marks a whole resource as dropped.
    mutating func dropResource(_ entry: Entry, reason: String) {
        consumed.insert(entry.index)
        droppedWhole.insert(entry.index)
        drop(entry, entry.resource.path, what: "\(entry.type) resource", reason: reason)
    }

    /// The clinical Bundle entries and whether each was carried.
    func clinicalOutcomes() -> [FHIRClinicalResource] {
        entries.filter { $0.container == nil && FHIRImporter.clinicalTypes.contains($0.type) }.map {
            FHIRClinicalResource(resourceType: $0.type, resource: $0.name, carried: carried.contains($0.index))
        }
    }

    func aggregatedDrops() -> [DroppedElement] {
        var order: [String] = []
        var groups: [String: (RawDrop, Int)] = [:]
        for d in drops {
            let kind = fhirKind(resourceType: d.resourceType, path: d.path, resourcePath: d.resourcePath)
            let key = "\(d.resource)\u{1}\(kind)\u{1}\(d.reason)"
            if let g = groups[key] { groups[key] = (g.0, g.1 + 1) } else { groups[key] = (d, 1); order.append(key) }
        }
        return order.map { key in
            let (d, n) = groups[key]!
            return DroppedElement(resourceType: d.resourceType, resource: d.resource, path: d.path,
                                  kind: fhirKind(resourceType: d.resourceType, path: d.path, resourcePath: d.resourcePath),
                                  what: d.what, reason: d.reason, count: n)
        }
    }

    // MARK: Values

    /// Cleans a text for the record: NFC, CR/LF to LF, other controls to spaces, trimmed, limited in bytes.
    mutating func text(_ raw: String?, limit: Int = RecordLimits.maxTextBytes, multiline: Bool = true,
                       entry: Entry?, path: String) -> String? {
        guard let raw else { return nil }
        var s = raw.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\r\n", with: "\n")
        s = String(String.UnicodeScalarView(s.unicodeScalars.map { c -> Unicode.Scalar in
            let isControl = c.value < 0x20 || (0x7F...0x9F).contains(c.value)
            if !isControl { return c }
            if multiline && (c == "\n" || c == "\t") { return c }
            return " "
        }))
        s = s.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !s.isEmpty else { return nil }
        if s.utf8.count > limit {
            var cut = ""
            for ch in s {
                if cut.utf8.count + String(ch).utf8.count > limit { break }
                cut.append(ch)
            }
            drop(entry, path, what: "text beyond \(limit) bytes", reason: "the record limits this text to \(limit) UTF-8 bytes; the rest was cut")
            s = cut.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return s
    }

    /// The date part of a FHIR date/dateTime as a partial date (time of day and zone are not carried).
    mutating func date(_ node: FHIRNode?, entry: Entry?) -> PartialDate? {
        guard let node, let s = node.string else { return nil }
        let datePart = String(s.prefix(while: { $0 != "T" }))
        do { return try PartialDate(datePart) } catch {
            drop(entry, node.path, what: "date \(s)", reason: "not a date the record can hold (years 1900–2150)")
            return nil
        }
    }

    /// A CodeableConcept as one code and a text; other codings are reported.
    ///
    /// With `standardDisplay` (an entry's own code, carried beside its text): when the text is only the chosen
    /// coding's `display` (no `text`, or a `text` equal to it) and the dictionary has a standard display for the code
    /// that differs from it, the text is the standard display (written as CBOR `true`) and the original display is
    /// reported (`spec/fhir.md`, *Codes*, rule 4). A `text` of the user's own wording is kept.
    mutating func concept(_ node: FHIRNode?, entry: Entry?, standardDisplay: Bool = true) -> (code: ClinicalCode?, text: String?) {
        guard let node else { return (nil, nil) }
        var chosen: (ClinicalCode, FHIRNode)?
        let codings = node["coding"]?.items ?? []
        for coding in codings {
            guard chosen == nil, let system = coding.string("system"), let value = coding.string("code"),
                  let name = FHIRCodes.shortName(forURI: system) else { continue }
            let code = ClinicalCode(system: name, code: value)
            if code.problem == nil { chosen = (code, coding) }
        }
        for coding in codings {
            if let c = chosen, c.1.path == coding.path {
                reportRest(entry, coding, used: ["system", "code", "display", "version", "userSelected"])
                continue
            }
            let label = "coding \(coding.string("system") ?? "(no system)")|\(coding.string("code") ?? "(no code)")"
            let system = coding.string("system") ?? ""
            let reason = FHIRCodes.shortName(forURI: system) == nil
                ? "the code system has no short name in the record (spec/fhir.md, code systems)"
                : (chosen != nil ? "the record keeps one code per entry"
                   : "the code is not a valid record code (1–64 printable ASCII characters)")
            drop(entry, coding.path, what: label, reason: reason)
        }
        reportRest(entry, node, used: ["coding", "text"])
        let display = chosen?.1.string("display") ?? codings.compactMap { $0.string("display") }.first
        var t = text(node.string("text") ?? display, entry: entry, path: node.path + ".text")
        if chosen == nil && t == nil, let first = codings.first, let c = first.string("code") {
            t = text(c, entry: entry, path: first.path)
        }
        if standardDisplay, let (code, coding) = chosen, let own = coding.string("display"), let current = t,
           node.string("text") == nil || node.string("text") == own,
           let standard = CodeDisplays.standardDisplay(system: code.system, code: code.code), standard != current {
            drop(entry, coding.path + ".display", what: "display \"\(current)\" of \(code)",
                 reason: "the card carries the code with the dictionary's standard display \"\(standard)\" instead (spec/fhir.md, codes)")
            t = standard
        }
        return (chosen?.0, t)
    }

    /// The first code of a CodeableConcept in `system` (a URI).
    func code(_ node: FHIRNode?, system: String) -> String? {
        node?["coding"]?.items.first(where: { $0.string("system") == system })?.string("code")
    }

    /// All codes of a CodeableConcept, whatever their system.
    func codes(_ node: FHIRNode?) -> [String] {
        node?["coding"]?.items.compactMap { $0.string("code") } ?? []
    }
}
