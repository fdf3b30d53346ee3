import Foundation
import Testing
@testable import PHRCardCore
@testable import PHRFHIR

/// The section table (`HealthRecord.Section.table`) against the specification it implements: spec/format.md §6.1
/// (ids, names, default code systems, default masks) and spec/fhir.md (IPS section codes). The expected values are
/// read from the spec files, not from the code.
@Suite struct SectionTableTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private static func spec(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The rows `| id | section | content | default code system |` of spec/format.md §6.1.
    private static func formatRows() throws -> [(id: Int, name: String, system: String?)] {
        let text = try spec("spec/format.md")
        let start = try #require(text.range(of: "### 6.1 Sections"))
        var rows: [(Int, String, String?)] = []
        for line in text[start.upperBound...].split(separator: "\n").prefix(20) {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 4, let id = Int(cells[0]) else { continue }
            rows.append((id, cells[1], cells[3] == "—" ? nil : cells[3]))
        }
        return rows
    }

    @Test func tableMatchesTheFormatSpecification() throws {
        let rows = try Self.formatRows()
        #expect(rows.count == 12)
        #expect(HealthRecord.Section.table.count == rows.count)
        for (row, spec) in zip(HealthRecord.Section.table, rows) {
            #expect(row.id == spec.id)
            #expect(row.jsonName == spec.name)
            #expect(row.defaultCodeSystem?.shortName == spec.system, "\(spec.name)")
            #expect(HealthRecord.Section(id: spec.id) == row.section)
            #expect(row.section.id == spec.id)
        }
        // The table's order is the enum's, the JSON's and the ids'.
        #expect(HealthRecord.Section.table.map(\.section) == HealthRecord.Section.allCases)
        #expect(HealthRecord.Section(id: 0) == nil && HealthRecord.Section(id: 13) == nil)
    }

    @Test func defaultTiersGiveTheSpecifiedMasks() {
        // spec/format.md §6.1: essential = 2067, clinical = 2028.
        #expect(TierPolicy.default.mask(of: .essential) == 2067)
        #expect(TierPolicy.default.mask(of: .clinical) == 2028)
        for row in HealthRecord.Section.table {
            #expect(TierPolicy.default.tier(of: row.section) == row.defaultTier)
        }
    }

    @Test func entryTypes() {
        let table = HealthRecord.Section.table
        #expect(table.filter { !$0.isList }.map(\.jsonName) == ["holder", "pregnancy", "notes"])
        #expect(ObjectIdentifier(table[0].entryType) == ObjectIdentifier(Holder.self))
        #expect(ObjectIdentifier(table[1].entryType) == ObjectIdentifier(Allergy.self))
        #expect(ObjectIdentifier(table[8].entryType) == ObjectIdentifier(String.self))
        #expect(ObjectIdentifier(table[11].entryType) == ObjectIdentifier(Alert.self))
    }

    @Test func fhirSectionCodesMatchTheFHIRSpecificationAndTheImport() throws {
        let fhir = try Self.spec("spec/fhir.md")
        for row in HealthRecord.Section.table {
            guard let code = row.fhirSectionCode else {
                #expect(row.section == .holder)
                continue
            }
            // spec/fhir.md's mapping table names the code on the line of the record section.
            let line = fhir.split(separator: "\n").first { $0.hasPrefix("| ") && $0.contains(" \(code)") && $0.contains("`\(row.jsonName)`") }
            #expect(line != nil, "spec/fhir.md has no row with \(code) for \(row.jsonName)")
            // Import and export agree: the kind exported for the section is imported back into it.
            #expect(FHIRSectionKind(exporting: row.section).recordSection == row.section)
            #expect(FHIRSectionKind(exporting: row.section).loinc == code)
        }
    }

    @Test func presenceAndKeepingOnlyFollowTheTable() {
        let record = HealthRecord(holder: Holder(given: "A"), allergies: [], notes: "n", alerts: [Alert(text: "x")])
        #expect(record.presentSections == [.holder, .allergies, .notes, .alerts])
        let kept = record.keepingOnly([.notes])
        #expect(kept.presentSections == [.holder, .notes])
        #expect(kept.holder == record.holder && kept.notes == "n" && kept.allergies == nil && kept.alerts == nil)
    }

    @Test func openedRecordWithoutTheHolder() {
        var opened = OpenedRecord(openedTiers: [.clinical], closedTiers: [.essential])
        opened.notes = "line"
        opened.conditions = []
        #expect(opened.record == nil)
        #expect(opened.presentSections == [.conditions, .notes])
        #expect(opened.openedSections == Set(TierPolicy.default.sections(in: .clinical)))
        #expect(opened.closedSections == [.holder, .allergies, .immunizations, .alerts])
        let json = String(decoding: opened.jsonData(prettyPrinted: false), as: UTF8.self)
        #expect(json == #"{"conditions":[],"notes":"line"}"#)
        let whole = OpenedRecord(record: HealthRecord(holder: Holder(given: "B"), notes: "n"))
        #expect(whole.record == HealthRecord(holder: Holder(given: "B"), notes: "n"))
        #expect(whole.closedSections.isEmpty && whole.openedSections == Set(HealthRecord.Section.allCases))
    }
}
