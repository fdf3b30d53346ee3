/// Options of ``FHIRImport``.
public struct FHIRImportOptions: Sendable, Hashable {
    /// Fail with `fhir.would-drop` instead of returning a result with a non-empty ``FHIRImportResult/dropped``.
    public var strict: Bool
    /// The largest Bundle accepted, in bytes (checked before parsing). Default 4 MiB.
    public var maxInputBytes: Int
    /// The deepest nesting of JSON arrays and objects accepted. Default 64.
    public var maxDepth: Int

    /// Creates options.
    /// - Parameters:
    ///   - strict: fail instead of dropping anything.
    ///   - maxInputBytes: the input size limit.
    ///   - maxDepth: the JSON nesting limit.
    public init(strict: Bool = false, maxInputBytes: Int = 4 * 1_048_576, maxDepth: Int = 64) {
        self.strict = strict
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
    }
}

/// What an import produced: the record and the report of everything it could not carry.
public struct FHIRImportResult: Sendable {
    /// The record (already valid: `HealthRecord.validate()` returns no issue).
    public let record: HealthRecord
    /// Everything in the Bundle that the record does not carry, aggregated per resource, path kind and reason.
    public let dropped: [DroppedElement]
    /// Every clinical resource of the Bundle (AllergyIntolerance, Condition, MedicationStatement/Request/
    /// Administration/Dispense, Immunization, Observation, DiagnosticReport, Procedure, DeviceUseStatement, Flag; Bundle
    /// entries only, not contained resources), in Bundle order, with whether the card carries it. A resource that is
    /// not carried has a whole-resource line in ``dropped``.
    public let clinicalResources: [FHIRClinicalResource]
    /// What the fit-to-card policy left out (``FHIRImport/record(fromBundle:options:fittingCard:cardBytes:)``), in
    /// Bundle order; each item is also in ``dropped`` with the rule as its reason. Empty without the policy.
    public let leftOutToFit: [FHIRLeftOut]
    /// How the fit-to-card policy ended (``FHIRCardFit/Outcome/fits`` without the policy).
    public internal(set) var fitOutcome: FHIRCardFit.Outcome = .fits

    init(record: HealthRecord, dropped: [DroppedElement], clinicalResources: [FHIRClinicalResource] = [],
         leftOutToFit: [FHIRLeftOut] = []) {
        self.record = record
        self.dropped = dropped
        self.clinicalResources = clinicalResources
        self.leftOutToFit = leftOutToFit
    }

    /// The drop report as JSON: `{"dropped": [{resourceType, resource, path, kind, what, reason, count}], "total": N}`.
    /// - Parameter prettyPrinted: indented output (the default) or the most compact form.
    public func reportJSON(prettyPrinted: Bool = true) -> [UInt8] {
        let items: [JSONValue] = dropped.map { d in
            .object([
                .init(name: "resourceType", value: .string(d.resourceType)),
                .init(name: "resource", value: .string(d.resource)),
                .init(name: "path", value: .string(d.path)),
                .init(name: "kind", value: .string(d.kind)),
                .init(name: "what", value: .string(d.what)),
                .init(name: "reason", value: .string(d.reason)),
                .init(name: "count", value: .number(String(d.count))),
            ])
        }
        let total = dropped.reduce(0) { $0 + $1.count }
        return JSONWriter.write(.object([.init(name: "dropped", value: .array(items)),
                                         .init(name: "total", value: .number(String(total)))]),
                                prettyPrinted: prettyPrinted)
    }

    /// One line per report entry: `Patient.telecom ×2 (entry[1].resource.telecom[0]): telecom — reason`.
    public var reportText: String {
        dropped.map { d in
            "\(d.kind)\(d.count > 1 ? " ×\(d.count)" : "") (\(d.path)): \(d.what) — \(d.reason)"
        }.joined(separator: "\n")
    }
}

/// A clinical resource of an imported Bundle and whether the card carries it (the recall measure).
public struct FHIRClinicalResource: Sendable, Hashable {
    /// The resource type, e.g. `Observation`.
    public let resourceType: String
    /// The resource's fullUrl, or `Type/id` when it has none.
    public let resource: String
    /// Whether the resource became (part of) a record entry. A DiagnosticReport is carried when one of its results
    /// (or its conclusion) is.
    public let carried: Bool

    init(resourceType: String, resource: String, carried: Bool) {
        self.resourceType = resourceType
        self.resource = resource
        self.carried = carried
    }
}

/// Something in the Bundle that the record does not carry.
///
/// Drops are aggregated: one element per resource, path kind and reason, with ``count`` saying how many concrete
/// elements it stands for and ``path`` naming the first of them.
public struct DroppedElement: Sendable, Hashable, CustomStringConvertible {
    /// The resource type, e.g. `Patient` (`Bundle` for the Bundle itself).
    public let resourceType: String
    /// The resource's fullUrl, or `Type/id` when it has none (empty for the Bundle itself).
    public let resource: String
    /// The JSON path of the first dropped element, e.g. `entry[3].resource.note[0]`.
    public let path: String
    /// The path kind without array indices, prefixed with the resource type, e.g. `AllergyIntolerance.note`.
    public let kind: String
    /// What was dropped, e.g. `coding urn:oid:2.16.840.1.113883.2.4.4.1|99872`.
    public let what: String
    /// Why it could not be carried.
    public let reason: String
    /// How many elements of this kind were dropped from this resource for this reason.
    public let count: Int

    /// `kind (path): what — reason`.
    public var description: String { "\(kind) (\(path)): \(what) — \(reason)" }
}
