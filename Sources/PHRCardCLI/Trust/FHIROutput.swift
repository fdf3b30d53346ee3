import Foundation
import PHRCard
import PHRToolSupport

/// FHIR on the command line: `issue --fhir` (import with a drop report) and `decode --format fhir` (export).
enum FHIROutput {
    /// The opened card as an IPS document Bundle (spec/fhir.md): the opened sections, the closed tiers' sections
    /// as `emptyReason` withheld, dated at the card's `iat`, identified by its card id, authored by its issuer id.
    static func bundle(_ o: OpenedCard) -> [UInt8] {
        let c = o.card
        let options = FHIRExportOptions(date: ISODate.format(c.issuedAt), identifier: c.cardID.hexString, author: c.issuerID)
        var bytes = o.fhirBundle(options: options)
        if bytes.last != 0x0A { bytes.append(0x0A) }
        return bytes
    }

    /// The drop report as JSON (`{"dropped": [...], "total": N}`, as ``FHIRImportResult/reportJSON(prettyPrinted:)``).
    static func reportJSON(_ dropped: [DroppedElement]) -> String {
        Console.json(["dropped": dropped.map { d in
            ["resourceType": d.resourceType, "resource": d.resource, "path": d.path, "kind": d.kind, "what": d.what,
             "reason": d.reason, "count": d.count] as [String: Any]
        }, "total": dropped.reduce(0) { $0 + $1.count }] as [String: Any])
    }

    /// Imports a Bundle: prints the drop summary on stderr, writes the JSON report to `report` if given (also when
    /// strict mode refuses the Bundle), and returns the record.
    /// - Throws: ``FHIRError`` (exit 1), including `fhir.would-drop` with `strict`.
    static func importRecord(_ bytes: [UInt8], name: String, strict: Bool, fit: SizeClass?, cardBytes: (HealthRecord) -> Int?,
                             report: String?, force: Bool) throws -> HealthRecord {
        let outcome = Result { () throws(FHIRError) -> FHIRImportResult in
            let options = FHIRImportOptions(strict: strict)
            guard let fit else { return try FHIRImport.record(fromBundle: bytes, options: options) }
            return try FHIRImport.record(fromBundle: bytes, options: options, fittingCard: fit.cardBytes, cardBytes: cardBytes)
        }
        let result: FHIRImportResult
        switch outcome {
        case .success(let r):
            result = r
        case .failure(let e):
            if let report, e.code == FHIRError.wouldDrop {
                try Files.writeAtomically(Array(reportJSON(e.dropped).utf8), to: report, mode: 0o644, force: force)
            }
            throw e
        }
        let dropped = result.dropped, record = result.record
        if let report { try Files.writeAtomically(Array(reportJSON(dropped).utf8), to: report, mode: 0o644, force: force) }
        let total = dropped.reduce(0) { $0 + $1.count }
        if let fit {
            switch result.fitOutcome {
            case .fits: break
            case .fitted:
                let dosages = result.leftOutToFit.filter { $0.rule == .dosageNoLongerTaken }.count
                Console.err("note: \(name): fit-to-card: left out \(result.leftOutToFit.count - dosages) entries and \(dosages) dosages "
                            + "so that the card fits QR version \(fit.qrVersionAtM) (each listed below; --fit-version none keeps them)")
            case .cannotFit:
                Console.err("note: \(name): the card needs more than QR version \(fit.qrVersionAtM) even with the fit-to-card "
                            + "policy, so nothing was left out")
            }
        }
        if total > 0 {
            Console.err("note: \(name): \(total) FHIR element(s) not carried on the card\(report.map { " (report: \($0))" } ?? ""):")
            for d in dropped { Console.err("  dropped: \(d.kind)\(d.count > 1 ? " ×\(d.count)" : "") (\(d.path)): \(d.what) — \(d.reason)") }
        } else {
            Console.err("note: \(name): every FHIR element was carried on the card")
        }
        return record
    }
}
