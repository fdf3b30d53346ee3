import Foundation

/// Imports an HL7 FHIR R4 (4.0.1) International Patient Summary document Bundle as a ``HealthRecord``
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
        guard json.count <= options.maxInputBytes else {
            throw FHIRError(FHIRError.tooLarge, "the Bundle is \(json.count) bytes; the limit is \(options.maxInputBytes)")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(json, maxDepth: options.maxDepth)
        } catch {
            throw FHIRError(FHIRError.notJSON, error.message)
        }
        var importer = try FHIRImporter(root: FHIRNode(value: root, path: ""))
        let record = try importer.run()
        let dropped = importer.aggregatedDrops()
        if options.strict && !dropped.isEmpty {
            let total = dropped.reduce(0) { $0 + $1.count }
            throw FHIRError(FHIRError.wouldDrop,
                            "strict import: \(total) element(s) would be dropped, first \(dropped[0])", dropped: dropped)
        }
        return FHIRImportResult(record: record, dropped: dropped, clinicalResources: importer.clinicalOutcomes())
    }
}
