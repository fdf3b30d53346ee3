import Foundation
import PHRCard
import PHRCodecs
import PHRCrypto
import PHRImaging

/// `phrcard-bench fhir`: the IPS corpus through the import (recall of clinical resources, drop report), the card it
/// gives (size, QR version at M, display-text bytes that the dictionary does not hold) and the same Bundle as a SMART
/// Health Card (SMART's QR minimisation rules applied to the whole Bundle). `make bench-fhir`.
enum FHIRBench {
    struct Row {
        let name: String
        var refused: String?
        var clinical = 0, carried = 0, droppedWhole = 0, dropLines = 0
        var cardBytes = 0, unpadded = 0, version = 0
        var textBytes = 0, nonDictTextBytes = 0
        var shcJWS = 0, shcVersion: Int?, shcChunks = 0
        /// The whole record's card (no fit-to-card policy) and what the policy left out.
        var wholeUnpadded = 0, wholeVersion = 0, leftOut = 0, leftOutEntries = 0
        init(name: String) { self.name = name }
    }

    static func run(directory: String, setup: BenchSetup, verbose: Bool) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        guard !files.isEmpty else { throw BenchError("no *.json Bundles in \(directory)") }
        var rows: [Row] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: directory + "/" + file) else {
                throw BenchError("cannot read \(directory)/\(file)")
            }
            var row = Row(name: (file as NSString).deletingPathExtension)
            let shc = try SHCBundle.encode(bundle: data, key: setup.signingKey)
            row.shcJWS = shc.jws
            row.shcVersion = QRCode.minimumVersion(for: shc.segments, errorCorrection: .M)
            row.shcChunks = shc.chunks
            let result: FHIRImportResult
            let cardBytes = { (r: HealthRecord) in
                try? CardIssuer.issue(r, signingKey: setup.issuerKey, options: setup.options).unpaddedBytes
            }
            do {
                let whole = try FHIRImport.record(fromBundle: [UInt8](data))
                row.wholeUnpadded = cardBytes(whole.record) ?? 0
                row.wholeVersion = SizeClass.smallest(holding: row.wholeUnpadded)?.qrVersionAtM ?? 0
                result = try FHIRImport.record(fromBundle: [UInt8](data), fittingCard: fitTarget.cardBytes,
                                               cardBytes: cardBytes)
                row.leftOut = result.leftOutToFit.count
                row.leftOutEntries = result.leftOutToFit.filter { $0.rule != .dosageNoLongerTaken }.count
            } catch {
                row.refused = error.code
                rows.append(row)
                continue
            }
            row.clinical = result.clinicalResources.count
            row.carried = result.clinicalResources.filter(\.carried).count
            row.droppedWhole = row.clinical - row.carried
            row.dropLines = result.dropped.count
            (row.textBytes, row.nonDictTextBytes) = displayTextBytes(result.record)
            do {
                let card = try CardIssuer.issue(result.record, signingKey: setup.issuerKey, options: setup.options)
                row.cardBytes = card.bytes.count
                row.unpadded = card.unpaddedBytes
                row.version = card.sizeClass.qrVersionAtM
            } catch {
                row.refused = "card: \(error)"
            }
            if verbose {
                print("### \(row.name)\n")
                print(String(decoding: result.record.jsonData(prettyPrinted: true), as: UTF8.self))
                var cost: [String] = []
                for section in result.record.presentSections where section != .holder {
                    let without = result.record.keepingOnly(Set(result.record.presentSections).subtracting([section]))
                    if let c = try? CardIssuer.issue(without, signingKey: setup.issuerKey, options: setup.options) {
                        cost.append("\(section)=\(row.unpadded - c.unpaddedBytes)")
                    }
                }
                print("unpadded bytes each section costs: " + cost.joined(separator: " "))
                for c in result.clinicalResources where !c.carried { print("- not carried: \(c.resourceType) \(c.resource)") }
                print(result.reportText)
                print("")
            }
            rows.append(row)
        }
        print(table(["document", "clinical", "carried", "dropped whole", "recall", "report lines", "whole record B (QR)",
                     "left out to fit", "card B", "unpadded B", "QR (M)", "entry text B", "not dict B", "SHC JWS chars",
                     "SHC QR (M)"],
                    rows.map { r in
                        if let refused = r.refused {
                            return [r.name, "\(r.clinical)", "—", "—", "REFUSED \(refused)", "", "", "", "", "", "", "", "",
                                    "\(r.shcJWS)", shcText(r)]
                        }
                        let left = r.leftOut == 0 ? "—" : "\(r.leftOutEntries) entries, \(r.leftOut - r.leftOutEntries) dosages"
                        return [r.name, "\(r.clinical)", "\(r.carried)", "\(r.droppedWhole)", percent(r.carried, r.clinical),
                                "\(r.dropLines)", "\(r.wholeUnpadded) (V\(r.wholeVersion))", left, "\(r.cardBytes)",
                                "\(r.unpadded)", "V\(r.version)", "\(r.textBytes)", "\(r.nonDictTextBytes)", "\(r.shcJWS)",
                                shcText(r)]
                    }))
        let imported = rows.filter { $0.refused == nil }
        let clinical = rows.reduce(0) { $0 + $1.clinical }
        let carried = imported.reduce(0) { $0 + $1.carried }
        let fit = imported.filter { $0.version <= 25 }
        let shcFit = rows.filter { ($0.shcVersion ?? 41) <= 25 }
        print("")
        print("- documents: \(rows.count); imported: \(imported.count); refused: \(rows.count - imported.count)")
        print("- clinical resources: \(clinical); carried: \(carried) (\(percent(carried, clinical)))")
        let wholeFit = imported.filter { $0.wholeVersion <= 25 }
        print("- fit-to-card policy (target \(fitTarget.cardBytes) B, QR version \(fitTarget.qrVersionAtM) at M): applied to "
              + "\(imported.filter { $0.leftOut > 0 }.count) documents; left out \(imported.reduce(0) { $0 + $1.leftOutEntries }) "
              + "entries and \(imported.reduce(0) { $0 + $1.leftOut - $1.leftOutEntries }) dosages (all reported)")
        print("- whole records (no policy) at QR version ≤ 25 (M): \(wholeFit.count) of \(rows.count)")
        print("- cards at QR version ≤ 25 (M): \(fit.count) of \(rows.count) (\(percent(fit.count, rows.count)));"
              + " over: \(imported.filter { $0.version > 25 }.map { "\($0.name) V\($0.version)" }.joined(separator: ", "))")
        print("- SMART Health Card of the same Bundle in one QR ≤ V25 (M): \(shcFit.count) of \(rows.count)")
        let textTotal = imported.reduce(0) { $0 + $1.textBytes }, nonDict = imported.reduce(0) { $0 + $1.nonDictTextBytes }
        print("- entry texts: \(textTotal) B, of which \(nonDict) B are not a standard display of the dictionary")
    }

    /// The fit-to-card target: size class 6 (QR version 25 at M, an ID-1 card at 0.4 mm), the CLI's default.
    static let fitTarget = SizeClass.all.first { $0.qrVersionAtM == 25 }!

    static func shcText(_ r: Row) -> String {
        guard let v = r.shcVersion else { return ">V40 (\(r.shcChunks) QR at V22-L)" }
        return "V\(v)"
    }

    static func percent(_ a: Int, _ b: Int) -> String {
        b == 0 ? "—" : String(format: "%.1f%%", 100 * Double(a) / Double(b))
    }

    /// UTF-8 bytes of the entry texts on the card, and of those that are not the dictionary's standard display
    /// of the entry's code (those that the card must spell out).
    static func displayTextBytes(_ r: HealthRecord) -> (Int, Int) {
        var pairs: [(ClinicalCode?, String?)] = []
        pairs += (r.allergies ?? []).map { ($0.code, $0.text) }
        pairs += (r.conditions ?? []).map { ($0.code, $0.text) }
        pairs += (r.medications ?? []).map { ($0.code, $0.text) }
        pairs += (r.immunizations ?? []).map { ($0.code, $0.text) }
        pairs += (r.results ?? []).map { ($0.code, $0.text) }
        pairs += (r.procedures ?? []).map { ($0.code, $0.text) }
        pairs += (r.devices ?? []).map { ($0.code, $0.text) }
        pairs += (r.alerts ?? []).map { ($0.code, $0.text) }
        var all = 0, nonDict = 0
        for (code, text) in pairs {
            guard let text else { continue }
            all += text.utf8.count
            if code.flatMap({ CodeDisplays.standardDisplay(system: $0.system, code: $0.code) }) != text {
                nonDict += text.utf8.count
            }
        }
        return (all, nonDict)
    }
}

/// A whole FHIR Bundle as a SMART Health Card: SMART's QR minimisation (no `Resource.id`, no `meta`, no narrative
/// `text`, no `CodeableConcept.text`, no `Coding.display`; `fullUrl` → `resource:N` and references rewritten), minified
/// JSON in the VC, raw DEFLATE, JWS ES256, `shc:/` + numeric digits.
enum SHCBundle {
    struct Layers {
        let jws: Int
        let segments: [QRSegment]
        var chunks: Int { (jws + SMARTStyle.singleQRLimit - 1) / SMARTStyle.singleQRLimit }
    }

    static func encode(bundle data: Data, key: P256.Signing.PrivateKey) throws -> Layers {
        guard var bundle = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BenchError("not a JSON object")
        }
        var entries = bundle["entry"] as? [[String: Any]] ?? []
        var urls: [String: String] = [:]
        for (i, e) in entries.enumerated() {
            let r = e["resource"] as? [String: Any] ?? [:]
            if let u = e["fullUrl"] as? String { urls[u] = "resource:\(i)" }
            if let t = r["resourceType"] as? String, let id = r["id"] as? String { urls["\(t)/\(id)"] = "resource:\(i)" }
        }
        for i in entries.indices {
            entries[i]["fullUrl"] = "resource:\(i)"
            entries[i]["resource"] = minimise(entries[i]["resource"] as Any, urls: urls, isResource: true)
            entries[i].removeValue(forKey: "search")
        }
        bundle["entry"] = entries
        for k in ["id", "meta", "identifier", "timestamp"] { bundle.removeValue(forKey: k) }
        let payload: [String: Any] = ["iss": SMARTStyle.issuer, "nbf": Int(BenchSetup.issuedAt), "vc": [
            "type": ["https://smarthealth.cards#health-card"],
            "credentialSubject": ["fhirVersion": "4.0.1", "fhirBundle": bundle] as [String: Any],
        ] as [String: Any]]
        let json = try JSONSerialization.data(withJSONObject: payload, options: [.withoutEscapingSlashes, .sortedKeys])
        let deflated = try Deflate.compress([UInt8](json))
        let header = "{\"alg\":\"ES256\",\"zip\":\"DEF\",\"kid\":\"3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s\"}"
        let signingInput = base64url(Array(header.utf8)) + "." + base64url(deflated)
        let jws = signingInput + "." + base64url(try key.signature(for: Array(signingInput.utf8)))
        var digits = ""
        digits.reserveCapacity(jws.utf8.count * 2)
        for c in jws.utf8 {
            let v = Int(c) - 45
            digits += v < 10 ? "0\(v)" : String(v)
        }
        return Layers(jws: jws.utf8.count, segments: [.byte(Array("shc:/".utf8)), .numeric(digits)])
    }

    static func minimise(_ value: Any, urls: [String: String], isResource: Bool = false) -> Any {
        if var d = value as? [String: Any] {
            if isResource || d["resourceType"] != nil {
                d.removeValue(forKey: "id")
                if let meta = d["meta"] as? [String: Any], let security = meta["security"] {
                    d["meta"] = ["security": security]
                } else {
                    d.removeValue(forKey: "meta")
                }
            }
            if let t = d["text"] as? [String: Any], t["div"] != nil { d.removeValue(forKey: "text") }
            if d["coding"] != nil { d.removeValue(forKey: "text") }
            if d["system"] != nil, d["code"] != nil { d.removeValue(forKey: "display") }
            if let ref = d["reference"] as? String, let mapped = urls[ref] { d["reference"] = mapped }
            for (k, v) in d where !(k == "reference" && v is String) { d[k] = minimise(v, urls: urls) }
            return d
        }
        if let a = value as? [Any] { return a.map { minimise($0, urls: urls) } }
        return value
    }
}
