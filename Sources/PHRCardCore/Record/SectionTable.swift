/// One row of the section table (``HealthRecord/Section/table``): what the card format, the FHIR mapping and the
/// tools know about a record section.
///
/// The record model's presence checks, the tier policy's default assignment and masks, the compact encoding's
/// section ids and default code systems, the opened record (``OpenedRecord``), the FHIR export's section codes and
/// the command's summaries all read this table; adding a section is one row here plus its entry type
/// (docs/adding-a-section.md).
public struct SectionDescriptor: Sendable {
    /// The section.
    public let section: HealthRecord.Section
    /// The section's key in tier content, and its bit (`id − 1`) in a tier's section mask (spec/format.md §5).
    public let id: Int
    /// The tier the section belongs to unless the issuer assigns it elsewhere (``TierPolicy/default``).
    public let defaultTier: Tier
    /// The code system implied for the section's codes, which the card then carries without a system id
    /// (spec/format.md §5.2); nil when the section has no default system.
    public let defaultCodeSystem: CodeSystem?
    /// The Swift type of one entry: the list element for list sections, the section's value otherwise.
    public let entryType: any Sendable.Type
    /// Whether the section is a list of entries (at most ``RecordLimits`` entries) rather than one value.
    public let isList: Bool
    /// The LOINC code of the International Patient Summary Composition section it is exported to (spec/fhir.md);
    /// nil for the holder, which becomes the Patient resource.
    public let fhirSectionCode: String?
    /// The section's place in human-readable summaries (`phrcard decode --format text`, the station's check page):
    /// the holder first, alerts right after, free-text notes last.
    public let summaryPosition: Int

    let isPresent: @Sendable (HealthRecord) -> Bool
    let clear: @Sendable (inout HealthRecord) -> Void
    let copy: @Sendable (HealthRecord, inout HealthRecord) -> Void

    /// The member name in the record's JSON (`allergies`, …), which is also the section's name on the command line.
    public var jsonName: String { section.rawValue }

    /// A section that is a list of `Entry`.
    static func list<Entry: Sendable>(_ section: HealthRecord.Section, id: Int, tier: Tier, system: CodeSystem?,
                                      fhir: String?, summary: Int, _ keyPath: WritableKeyPath<HealthRecord, [Entry]?> & Sendable)
        -> SectionDescriptor
    {
        SectionDescriptor(section: section, id: id, defaultTier: tier, defaultCodeSystem: system, entryType: Entry.self,
                          isList: true, fhirSectionCode: fhir, summaryPosition: summary,
                          isPresent: { $0[keyPath: keyPath] != nil },
                          clear: { $0[keyPath: keyPath] = nil }, copy: { $1[keyPath: keyPath] = $0[keyPath: keyPath] })
    }

    /// A section that holds one `Value`.
    static func single<Value: Sendable>(_ section: HealthRecord.Section, id: Int, tier: Tier, system: CodeSystem?,
                                        fhir: String?, summary: Int, _ keyPath: WritableKeyPath<HealthRecord, Value?> & Sendable)
        -> SectionDescriptor
    {
        SectionDescriptor(section: section, id: id, defaultTier: tier, defaultCodeSystem: system, entryType: Value.self,
                          isList: false, fhirSectionCode: fhir, summaryPosition: summary,
                          isPresent: { $0[keyPath: keyPath] != nil },
                          clear: { $0[keyPath: keyPath] = nil }, copy: { $1[keyPath: keyPath] = $0[keyPath: keyPath] })
    }

    /// The holder: required in a record, so always present and never cleared.
    static let holder = SectionDescriptor(
        section: .holder, id: 1, defaultTier: .essential, defaultCodeSystem: nil, entryType: Holder.self,
        isList: false, fhirSectionCode: nil, summaryPosition: 0, isPresent: { _ in true }, clear: { _ in },
        copy: { $1.holder = $0.holder })
}

extension HealthRecord.Section {
    /// The section table: every record section, in record order (the order of `allCases`, of the record's JSON
    /// and of section ids). This is the one declaration of the sections' ids, default tiers, default code systems,
    /// entry types and IPS section codes.
    public static let table: [SectionDescriptor] = [
        .holder,
        .list(.allergies, id: 2, tier: .essential, system: .snomed, fhir: "48765-2", summary: 2, \.allergies),
        .list(.conditions, id: 3, tier: .clinical, system: .icd10, fhir: "11450-4", summary: 3, \.conditions),
        .list(.medications, id: 4, tier: .clinical, system: .atc, fhir: "10160-0", summary: 4, \.medications),
        .list(.immunizations, id: 5, tier: .essential, system: .cvx, fhir: "11369-6", summary: 5, \.immunizations),
        .list(.results, id: 6, tier: .clinical, system: .loinc, fhir: "30954-2", summary: 6, \.results),
        .list(.vitals, id: 7, tier: .clinical, system: nil, fhir: "8716-3", summary: 7, \.vitals),
        .single(.pregnancy, id: 8, tier: .clinical, system: nil, fhir: "10162-6", summary: 8, \.pregnancy),
        .single(.notes, id: 9, tier: .clinical, system: nil, fhir: "48767-8", summary: 11, \.notes),
        .list(.procedures, id: 10, tier: .clinical, system: .snomed, fhir: "47519-4", summary: 9, \.procedures),
        .list(.devices, id: 11, tier: .clinical, system: .snomed, fhir: "46264-8", summary: 10, \.devices),
        .list(.alerts, id: 12, tier: .essential, system: .snomed, fhir: "104605-1", summary: 1, \.alerts),
    ]

    /// Rows by section, built once from ``table``.
    private static let rows: [HealthRecord.Section: SectionDescriptor] = {
        var rows: [HealthRecord.Section: SectionDescriptor] = [:]
        for row in table {
            precondition(rows[row.section] == nil, "section \(row.section) is in the section table twice")
            rows[row.section] = row
        }
        precondition(allCases.allSatisfy { rows[$0] != nil }, "a section is missing from the section table")
        return rows
    }()

    /// Sections by id.
    private static let byID: [Int: HealthRecord.Section] = Dictionary(uniqueKeysWithValues: table.map { ($0.id, $0.section) })

    /// This section's row of the section table.
    public var descriptor: SectionDescriptor { Self.rows[self]! }

    /// The section's key in tier content (``SectionDescriptor/id``).
    public var id: Int { descriptor.id }

    /// The section with the given id in tier content, if any.
    public init?(id: Int) {
        guard let section = Self.byID[id] else { return nil }
        self = section
    }
}
