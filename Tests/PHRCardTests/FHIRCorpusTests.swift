import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// The IPS corpus (`Fixtures/ips-corpus`, 29 real documents from 25 producers; see its SOURCES.md): every document
/// imports, the card carries at least 95% of the clinical resources, nothing is lost silently, and
/// IPS → card → IPS keeps every carried element.
enum IPSCorpus {
    static let folder: URL = {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("ips-corpus")
    }()

    static let names: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name + ".json")))
    }

    /// The clinical resource types of the recall measure, as the test counts them (independently of the import).
    static let clinicalTypes: Set<String> = [
        "AllergyIntolerance", "Condition", "MedicationStatement", "MedicationRequest", "MedicationAdministration",
        "MedicationDispense", "Immunization", "Observation", "DiagnosticReport", "Procedure", "DeviceUseStatement", "Flag",
    ]

    /// (type, fullUrl) of every clinical Bundle entry, read with Foundation's JSON parser.
    static func clinicalEntries(_ bytes: [UInt8]) throws -> [(type: String, fullUrl: String?)] {
        let bundle = try FHIRFixtures.json(bytes)
        return (bundle["entry"] as? [[String: Any]] ?? []).compactMap { e in
            guard let type = (e["resource"] as? [String: Any])?["resourceType"] as? String,
                  clinicalTypes.contains(type) else { return nil }
            return (type, e["fullUrl"] as? String)
        }
    }
}

@Suite struct FHIRCorpusTests {
    @Test func corpusIsLargeAndVaried() throws {
        #expect(IPSCorpus.names.count >= 15)
        let sources = try String(contentsOf: IPSCorpus.folder.appendingPathComponent("SOURCES.md"), encoding: .utf8)
        for name in IPSCorpus.names { #expect(sources.contains("`\(name).json`"), "\(name) is not listed in SOURCES.md") }
    }

    /// IPS → record → card → record → IPS → record: the card opens to the imported record, and re-importing the export
    /// gives the same record (every carried element survives). The export is a well-formed IPS document.
    @Test(arguments: IPSCorpus.names)
    func roundTrip(name: String) throws {
        let original = try IPSCorpus.bytes(name)
        let first = try FHIRImport.record(fromBundle: original)
        #expect(first.record.validate().isEmpty)

        let card = try CardTestKeys.issue(first.record)
        let verified = try CardVerifier.verify(text: card.qrText, trusting: CardTestKeys.trusted, at: CardTestKeys.now + 10)
        let opened = try verified.open(holderCode: card.holderCode.description)
        #expect(opened.record == first.record)

        let exported = opened.fhirBundle(options: FHIRExportOptions(date: "2026-05-01T10:00:00Z",
                                                                    identifier: "0102030405060708", author: "TEST-CLINIC"))
        #expect(try FHIRFixtures.structuralProblems(exported) == [])
        let second = try FHIRImport.record(fromBundle: exported)
        #expect(second.record == first.record, "\(name): the re-import differs")
        #expect(second.clinicalResources.allSatisfy { $0.carried }, "\(name): the export has a resource the import drops")
    }

    /// Every clinical resource is either carried or reported dropped whole, counted against the test's own count.
    @Test(arguments: IPSCorpus.names)
    func everyClinicalResourceIsCarriedOrReported(name: String) throws {
        let bytes = try IPSCorpus.bytes(name)
        let expected = try IPSCorpus.clinicalEntries(bytes)
        let result = try FHIRImport.record(fromBundle: bytes)
        #expect(result.clinicalResources.map(\.resourceType) == expected.map(\.type))
        for resource in result.clinicalResources where !resource.carried {
            #expect(result.dropped.contains { $0.resource == resource.resource && $0.kind == resource.resourceType },
                    "\(name): \(resource.resource) is neither carried nor reported whole")
        }
        // Nothing is carried and reported whole at once.
        for resource in result.clinicalResources where resource.carried {
            #expect(!result.dropped.contains { $0.resource == resource.resource && $0.kind == resource.resourceType
                    && $0.what == "\(resource.resourceType) resource" }, "\(name): \(resource.resource)")
        }
    }

    /// The measured goals on the whole corpus: every document imports, ≥ 95% of the clinical resources are carried.
    @Test func recallOverTheCorpus() throws {
        var total = 0, carried = 0
        for name in IPSCorpus.names {
            let bytes = try IPSCorpus.bytes(name)
            let result = try FHIRImport.record(fromBundle: bytes)
            total += try IPSCorpus.clinicalEntries(bytes).count
            carried += result.clinicalResources.filter(\.carried).count
        }
        #expect(total > 400)
        #expect(Double(carried) >= 0.95 * Double(total), "carried \(carried) of \(total)")
    }

    /// Medications named through `medicationReference` (contained or a Bundle entry) keep their code.
    @Test func medicationReferencesKeepTheDrug() throws {
        for name in IPSCorpus.names {
            let bytes = try IPSCorpus.bytes(name)
            let bundle = try FHIRFixtures.json(bytes)
            let entries = bundle["entry"] as? [[String: Any]] ?? []
            let statements = entries.compactMap { $0["resource"] as? [String: Any] }.filter {
                ["MedicationStatement", "MedicationRequest"].contains($0["resourceType"] as? String ?? "")
                    && $0["medicationReference"] != nil && !["entered-in-error", "not-taken", "cancelled"].contains($0["status"] as? String ?? "")
            }
            guard !statements.isEmpty else { continue }
            let result = try FHIRImport.record(fromBundle: bytes)
            let meds = result.record.medications ?? []
            #expect(!meds.isEmpty, "\(name): \(statements.count) medicationReference statements, no medication carried")
            #expect(!result.dropped.contains { $0.reason == "no medication code or text" }, "\(name)")
        }
    }
}
