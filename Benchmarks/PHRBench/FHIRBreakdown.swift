import Foundation
import PHRCard

/// `phrcard-bench fhir --breakdown`: where the bytes of each corpus card go (docs/benchmarks.md, "IPS card bytes").
/// Fixed overhead (signature, claims, the two tiers' COSE_Encrypt, the reader recipient), each tier's compressed
/// content, and the marginal cost of kinds of fields: the card is issued again without them (or with them replaced)
/// and the unpadded sizes compared. A marginal cost is what the card would save, not a share of a sum.
enum FHIRBreakdown {
    static func run(directory: String, setup: BenchSetup) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        var rows: [[String]] = []
        var entryRows: [[String]] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: directory + "/" + file),
                  let result = try? FHIRImport.record(fromBundle: [UInt8](data)) else { continue }
            let name = (file as NSString).deletingPathExtension
            let record = result.record
            let card = try CardIssuer.issue(record, signingKey: setup.issuerKey, options: setup.options)
            let tierBytes = card.tiers.map(\.compressed.count)
            let overhead = card.unpaddedBytes - tierBytes.reduce(0, +)
            func size(_ r: HealthRecord) -> Int {
                (try? CardIssuer.issue(r, signingKey: setup.issuerKey, options: setup.options).unpaddedBytes) ?? -1
            }
            func saved(_ transform: (inout HealthRecord) -> Void) -> String {
                var r = record
                transform(&r)
                let s = size(r)
                return s < 0 ? "err" : "\(card.unpaddedBytes - s)"
            }
            // Texts beside a code (all entry kinds): removed; or replaced by the standard display when the
            // dictionary knows the code.
            let codedTexts = saved { r in mapTexts(&r) { code, text in code == nil ? text : nil } }
            let dictCodedTexts = saved { r in
                mapTexts(&r) { code, text in
                    guard let code, let std = CodeDisplays.standardDisplay(system: code.system, code: code.code) else { return text }
                    return std
                }
            }
            let dosage = saved { r in r.medications = r.medications?.map { var m = $0; m.dosage = nil; return m } }
            let dates = saved { r in
                r.conditions = r.conditions?.map { var e = $0; e.onset = nil; return e }
                r.medications = r.medications?.map { var e = $0; e.since = nil; return e }
                r.immunizations = r.immunizations?.map { var e = $0; e.date = nil; return e }
                r.results = r.results?.map { var e = $0; e.date = nil; return e }
                r.procedures = r.procedures?.map { var e = $0; e.date = nil; return e }
                r.devices = r.devices?.map { var e = $0; e.since = nil; return e }
                r.alerts = r.alerts?.map { var e = $0; e.since = nil; return e }
            }
            let resultValues = saved { r in
                r.results = r.results?.map { var e = $0; e.value = nil; e.range = nil; e.interpretation = nil; return e }
            }
            // Results whose code repeats an earlier result's code (a series): all but the latest left out.
            let repeats = saved { r in
                guard let results = r.results else { return }
                var seen = Set<String>()
                var kept: [LabResult] = []
                for e in results.sorted(by: { ($0.date?.description ?? "") > ($1.date?.description ?? "") }) {
                    if let c = e.code?.description {
                        if seen.contains(c) { continue }
                        seen.insert(c)
                    }
                    kept.append(e)
                }
                r.results = kept
            }
            let coded = (record.results ?? []).compactMap { $0.code?.description }
            let repeatCount = coded.count - Set(coded).count
            // Everything the fit-to-card policy may leave out (FHIRCardFit.Rule), all at once: what it would save.
            let allRules = saved { r in
                let gone: Set<Condition.Status> = [.inactive, .resolved, .remission]
                r.conditions = r.conditions?.filter { !($0.status.map(gone.contains) ?? false) }
                let notTaken: Set<Medication.Status> = [.stopped, .completed, .notTaken]
                r.medications = r.medications?.filter { !($0.status.map(notTaken.contains) ?? false) }
                if let results = r.results {
                    r.results = results.filter { e in
                        !results.contains { o in o.code != nil && o.code == e.code && (e.date.map { d in o.date.map { $0 > d } ?? false } ?? (o.date != nil)) }
                    }
                }
            }
            // Medication statements of a drug (same code and text) that a later-dated statement repeats.
            let medRepeats = saved { r in
                guard let meds = r.medications else { return }
                r.medications = meds.filter { e in
                    !meds.contains { o in o.code == e.code && o.text == e.text && (e.since.map { d in o.since.map { $0 > d } ?? false } ?? false) }
                }
            }
            let notes = saved { r in r.notes = nil }
            let reactions = saved { r in r.allergies = r.allergies?.map { var e = $0; e.reaction = nil; return e } }
            rows.append([name, "\(card.unpaddedBytes)", "V\(card.sizeClass.qrVersionAtM)", "\(overhead)",
                         "\(tierBytes[0])", "\(tierBytes.count > 1 ? tierBytes[1] : 0)", codedTexts, dictCodedTexts,
                         dosage, dates, resultValues, "\(repeats) (\(repeatCount))", notes, reactions, allRules, medRepeats])
            // Entries per section and their entry-text bytes.
            func count<T>(_ a: [T]?) -> String { "\(a?.count ?? 0)" }
            entryRows.append([name, count(record.allergies), count(record.conditions), count(record.medications),
                              count(record.immunizations), count(record.results), count(record.vitals),
                              count(record.procedures), count(record.devices), count(record.alerts),
                              "\(record.notes?.utf8.count ?? 0)",
                              "\((record.medications ?? []).compactMap(\.dosage).reduce(0) { $0 + $1.utf8.count })"])
        }
        print(table(["document", "unpadded", "QR", "fixed overhead", "essential tier (deflated)",
                     "clinical tier (deflated)", "texts beside a code", "…beside a dict code → std",
                     "dosage texts", "dates", "result values+ranges", "older repeats of a result code (n)", "notes",
                     "reaction texts", "every fit-to-card rule", "older repeats of a medication"], rows))
        print("")
        print(table(["document", "allergies", "conditions", "medications", "immunizations", "results", "vitals",
                     "procedures", "devices", "alerts", "notes B", "dosage text B"], entryRows))
    }

    /// Applies `f(code, text)` to the text of every coded-or-not entry of the sections with a code and a text.
    static func mapTexts(_ r: inout HealthRecord, _ f: (ClinicalCode?, String?) -> String?) {
        func fix<T>(_ a: [T]?, _ get: (T) -> (ClinicalCode?, String?), _ set: (inout T, String?) -> Void) -> [T]? {
            a?.map { e in
                var e = e
                let (c, t) = get(e)
                guard c != nil else { return e }
                set(&e, f(c, t))
                return e
            }
        }
        r.allergies = fix(r.allergies, { ($0.code, $0.text) }, { $0.text = $1 })
        r.conditions = fix(r.conditions, { ($0.code, $0.text) }, { $0.text = $1 })
        r.medications = fix(r.medications, { ($0.code, $0.text) }, { $0.text = $1 })
        r.immunizations = fix(r.immunizations, { ($0.code, $0.text) }, { $0.text = $1 })
        r.results = fix(r.results, { ($0.code, $0.text) }, { $0.text = $1 })
        r.procedures = fix(r.procedures, { ($0.code, $0.text) }, { $0.text = $1 })
        r.devices = fix(r.devices, { ($0.code, $0.text) }, { $0.text = $1 })
        r.alerts = fix(r.alerts, { ($0.code, $0.text) }, { $0.text = $1 })
    }
}
