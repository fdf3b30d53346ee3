import Foundation

/// Imports an HL7 FHIR R4 (4.0.1) International Patient Summary document Bundle as a `HealthRecord`
/// (`spec/fhir.md`). Everything the record cannot carry is listed in ``FHIRImportResult/dropped``; nothing is
/// dropped silently.
public enum FHIRImport {
    /// Maps an IPS document Bundle to a record.
    ///
    /// The Bundle must be `type: document` with a Composition of type LOINC 60591-5 as its first entry whose
    /// subject resolves to a Patient. Entries are taken from the Composition's sections (by LOINC section code) and
    /// mapped by resource type; every element, resource and section that is not mapped is reported.
    /// - Parameters:
    ///   - json: the Bundle as UTF-8 JSON.
    ///   - options: strict mode and input limits.
    /// - Returns: the record (valid) and the drop report.
    /// - Throws: ``FHIRError`` with `fhir.too-large`, `fhir.not-json`, `fhir.not-bundle`, `fhir.not-document`,
    ///   `fhir.no-composition`, `fhir.not-patient-summary`, `fhir.no-patient`, `fhir.malformed`,
    ///   `fhir.invalid-record`, or (strict) `fhir.would-drop` carrying the report.
    public static func record(fromBundle json: [UInt8], options: FHIRImportOptions = FHIRImportOptions())
        throws(FHIRError) -> FHIRImportResult
    {
        try run(parse(json, options: options), options: options).result
    }

    /// Maps an IPS document Bundle to a record whose card fits `maxCardBytes`, by the fit-to-card policy
    /// (``FHIRCardFit``): when the card of the whole record is larger, lower-priority content is left out in the
    /// policy's order until it fits, each left-out item reported (and listed in ``FHIRImportResult/leftOutToFit``).
    /// When even the policy cannot make the card fit, nothing is left out (``FHIRCardFit/Outcome/cannotFit``).
    /// - Parameters:
    ///   - json: the Bundle as UTF-8 JSON.
    ///   - options: strict mode and input limits.
    ///   - maxCardBytes: the largest card wanted (a size class's bytes, e.g. 980 for QR version 25 at M).
    ///   - cardBytes: the size of the card the caller would issue for a record (its unpadded bytes), or nil when
    ///     it cannot be issued.
    /// - Throws: as ``record(fromBundle:options:)``.
    public static func record(fromBundle json: [UInt8], options: FHIRImportOptions = FHIRImportOptions(),
                              fittingCard maxCardBytes: Int, cardBytes: (HealthRecord) -> Int?) throws(FHIRError) -> FHIRImportResult
    {
        let root = try parse(json, options: options)
        let (whole, candidates) = try run(root, options: options)
        guard let size = cardBytes(whole.record), size > maxCardBytes else { return whole }
        let ordered = FHIRCardFit.ordered(candidates)
        var cache: [Int: FHIRImportResult] = [:]
        func attempt(_ k: Int) throws(FHIRError) -> FHIRImportResult? {
            if let r = cache[k] { return r }
            var entries: [Int: FHIRCardFit.Rule] = [:]
            var dosage: Set<Int> = []
            for c in ordered.prefix(k) {
                if c.rule == .dosageNoLongerTaken { dosage.insert(c.index) } else { entries[c.index] = c.rule }
            }
            var result = try run(root, options: options, leaveOut: entries, leaveOutDosage: dosage).result
            guard let s = cardBytes(result.record), s <= maxCardBytes else { return nil }
            result.fitOutcome = .fitted
            cache[k] = result
            return result
        }
        guard !ordered.isEmpty, var best = try attempt(ordered.count) else {
            var result = whole
            result.fitOutcome = .cannotFit
            return result
        }
        // The shortest prefix of the policy's order that fits (the card shrinks as more is left out).
        var low = 0, high = ordered.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if let r = try attempt(mid) { best = r; high = mid } else { low = mid }
        }
        return best
    }

    static func parse(_ json: [UInt8], options: FHIRImportOptions) throws(FHIRError) -> FHIRNode {
        guard json.count <= options.maxInputBytes else {
            throw FHIRError(FHIRError.tooLarge, "the Bundle is \(json.count) bytes; the limit is \(options.maxInputBytes)")
        }
        do {
            return FHIRNode(value: try JSONParser.parse(json, maxDepth: options.maxDepth), path: "")
        } catch {
            throw FHIRError(FHIRError.notJSON, error.message)
        }
    }

    static func run(_ root: FHIRNode, options: FHIRImportOptions, leaveOut: [Int: FHIRCardFit.Rule] = [:],
                    leaveOutDosage: Set<Int> = []) throws(FHIRError) -> (result: FHIRImportResult, candidates: [FHIRCardFit.Candidate]) {
        var importer = try FHIRImporter(root: root)
        importer.leaveOutEntries = leaveOut
        importer.leaveOutDosage = leaveOutDosage
        let record = try importer.run()
        let dropped = importer.aggregatedDrops()
        if options.strict && !dropped.isEmpty {
            let total = dropped.reduce(0) { $0 + $1.count }
            throw FHIRError(FHIRError.wouldDrop,
                            "strict import: \(total) element(s) would be dropped, first \(dropped[0])", dropped: dropped)
        }
        let leftOut = importer.entries.filter { leaveOut[$0.index] != nil || leaveOutDosage.contains($0.index) }.map {
            FHIRLeftOut(resourceType: $0.type, resource: $0.name,
                        rule: leaveOut[$0.index] ?? .dosageNoLongerTaken)
        }
        return (FHIRImportResult(record: record, dropped: dropped, clinicalResources: importer.clinicalOutcomes(),
                                 leftOutToFit: leftOut), importer.fitCandidates)
    }
}
