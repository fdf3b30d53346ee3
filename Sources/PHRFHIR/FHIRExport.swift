import Foundation

/// Options of ``FHIRExport``.
public struct FHIRExportOptions: Sendable, Hashable {
    /// Composition.date and Bundle.timestamp, a FHIR dateTime (e.g. `2026-05-01T10:00:00Z`); default: now (UTC).
    public var date: String?
    /// Bundle.identifier value (e.g. the card id in hex), with system `urn:phrcard:card-id`; nil for none.
    public var identifier: String?
    /// The author (an Organization name), e.g. the card's issuer id.
    public var author: String
    /// The Composition title.
    public var title: String
    /// Indented output (the default) or the most compact form.
    public var prettyPrinted: Bool

    /// Creates options.
    public init(date: String? = nil, identifier: String? = nil, author: String = "PHRCard issuer",
                title: String = "International Patient Summary", prettyPrinted: Bool = true) {
        self.date = date
        self.identifier = identifier
        self.author = author
        self.title = title
        self.prettyPrinted = prettyPrinted
    }
}

/// Writes record content as an HL7 FHIR R4 International Patient Summary document Bundle (`spec/fhir.md`).
public enum FHIRExport {
    /// Writes a document Bundle: Composition first (status final, type LOINC 60591-5, subject the Patient), one
    /// section per present record section with its entries, required IPS sections always present (with
    /// `emptyReason`), sections of closed tiers present with `emptyReason` `withheld`, and `resource:N` fullUrls.
    /// - Parameters:
    ///   - content: the sections to write: an opened card's `OpenedRecord` (sections of closed tiers are written
    ///     as withheld) or a whole record's.
    ///   - options: date, identifier, author, title and layout.
    /// - Returns: the Bundle as UTF-8 JSON.
    public static func bundle(from content: OpenedRecord, options: FHIRExportOptions = FHIRExportOptions()) -> [UInt8] {
        var writer = FHIRBundleWriter(content: content, options: options)
        return JSONWriter.write(writer.build(), prettyPrinted: options.prettyPrinted)
    }

    /// Writes a whole record as a document Bundle (see ``bundle(from:options:)-(OpenedRecord,_)``).
    /// - Parameters:
    ///   - record: the record.
    ///   - options: date, identifier, author, title and layout.
    /// - Returns: the Bundle as UTF-8 JSON.
    public static func bundle(from record: HealthRecord, options: FHIRExportOptions = FHIRExportOptions()) -> [UInt8] {
        bundle(from: OpenedRecord(record: record), options: options)
    }
}
