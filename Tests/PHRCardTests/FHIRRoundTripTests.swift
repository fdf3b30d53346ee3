import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// IPS → record → card → IPS: the card fits, the export is a well-formed IPS document, and re-importing the export
/// gives the first import's record back. Also compares sizes with a SMART Health Card of the same Bundle.
@Suite struct FHIRRoundTripTests {
    @Test(arguments: FHIRFixtures.names)
    func ipsCardIPS(name: String) throws {
        let original = try FHIRFixtures.bytes(name)
        let first = try FHIRImport.record(fromBundle: original, options: FHIRImportOptions())
        #expect(first.record.validate().isEmpty, "\(name)")

        let card = try CardTestKeys.issue(first.record)
        #expect(card.bytes.count <= CardFormat.maxCardBytes, "\(name)")
        let verified = try CardVerifier.verify(text: card.qrText, trusting: CardTestKeys.trusted, at: CardTestKeys.now + 10)
        let opened = try verified.open(holderCode: card.holderCode.description)
        let decoded = try #require(opened.record)
        #expect(decoded == first.record, "\(name)")

        let exported = FHIRExport.bundle(from: decoded, options: FHIRExportOptions(date: "2026-05-01T10:00:00Z",
                                                                                   identifier: "0102030405060708",
                                                                                   author: "TEST-CLINIC"))
        #expect(try FHIRFixtures.structuralProblems(exported) == [], "\(name)")
        let second = try FHIRImport.record(fromBundle: exported, options: FHIRImportOptions())
        #expect(second.record == first.record, "\(name)")
        // What the second import drops is only the export's own document metadata.
        let kinds = Set(second.dropped.map(\.kind))
        #expect(kinds.isSubset(of: ["Bundle.identifier", "Bundle.timestamp", "Composition.date", "Composition.author",
                                    "Composition.title", "Organization"]), "\(name): \(kinds)")

        let shc = SHCSize(bundle: original)
        let shcExport = SHCSize(bundle: exported)
        print("FHIRSIZE | \(name) | \(original.count) | \(shc.minifiedBytes) | \(shc.deflatedBytes) | \(shc.jwsChars) | \(shc.numericChars) | \(shc.chunks) | \(shcExport.jwsChars) | \(shcExport.chunks) | \(card.bytes.count) | \(card.sizeClass.qrVersionAtM) | \(first.dropped.reduce(0) { $0 + $1.count }) |")
    }

    @Test func exportOfPartialCardMarksClosedTiers() throws {
        let record = try FHIRImport.record(fromBundle: try FHIRFixtures.bytes("phrcard-ips-synthetic"), options: FHIRImportOptions()).record
        let card = try CardTestKeys.issue(record)
        let verified = try CardVerifier.verify(bytes: card.bytes, trusting: CardTestKeys.trusted, at: CardTestKeys.now)
        let opened = try verified.open(readerKey: CardTestKeys.reader)
        #expect(opened.openedTiers == [.essential])
        // The library's own conversion of what the reader opened (OpenedCard.fhirBundle).
        let bytes = opened.fhirBundle(options: FHIRExportOptions(date: "2026-05-01"))
        #expect(opened.content.closedSections == TierPolicy.default.sections(in: .clinical))
        #expect(try FHIRFixtures.structuralProblems(bytes) == [])
        let bundle = try FHIRFixtures.json(bytes)
        let composition = try #require(((bundle["entry"] as? [[String: Any]])?.first?["resource"]) as? [String: Any])
        let sections = try #require(composition["section"] as? [[String: Any]])
        func emptyReason(_ loinc: String) -> String? {
            let s = sections.first { (($0["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String == loinc }
            return (((s?["emptyReason"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"]) as? String
        }
        #expect(emptyReason("11450-4") == "withheld")  // conditions: clinical tier
        #expect(emptyReason("10160-0") == "withheld")  // medications: clinical tier
        #expect(emptyReason("48765-2") == nil)  // allergies: essential, present with entries
        let narrative = try #require((composition["text"] as? [String: Any])?["div"] as? String)
        #expect(narrative.contains("Not opened: clinical"))
        // Re-import: essential content back, withheld sections absent and reported.
        let again = try FHIRImport.record(fromBundle: bytes, options: FHIRImportOptions())
        #expect(again.record == record.keepingOnly([.holder, .allergies, .immunizations, .alerts]))
        #expect(again.dropped.contains { $0.what.contains("emptyReason withheld") })
    }

    @Test func exportWithoutHolderIsStillADocument() throws {
        var content = OpenedRecord(openedTiers: [.clinical], closedTiers: [.essential])
        content.conditions = [Condition(text: "Asthma", status: .active)]
        #expect(content.holder == nil && content.record == nil)
        #expect(content.closedSections == [.holder, .allergies, .immunizations, .alerts])
        let bytes = FHIRExport.bundle(from: content, options: FHIRExportOptions(date: "2026-05-01"))
        #expect(try FHIRFixtures.structuralProblems(bytes) == [])
        // Re-imported, the nameless Patient becomes a holder whose name is unknown (never a refusal).
        let again = try FHIRImport.record(fromBundle: bytes, options: FHIRImportOptions())
        #expect(again.record.holder.unknown.contains(.name))
        #expect(again.record.conditions == [Condition(text: "Asthma", status: .active)])
    }

    @Test func emptyListsAndNotesRoundTrip() throws {
        let record = HealthRecord(holder: Holder(given: "Ali", identifiers: [Holder.Identifier(system: "unhcr", value: "X1")]),
                                  allergies: [], conditions: [], medications: [],
                                  immunizations: [Immunization(text: "BCG", country: "SO")],
                                  vitals: [VitalSigns(bpSystolic: 120)],
                                  pregnancy: Pregnancy(status: .notPregnant), notes: "Line one\nLine <two> & three")
        #expect(record.validate().isEmpty)
        let bytes = FHIRExport.bundle(from: record, options: FHIRExportOptions(date: "2026-05-01"))
        #expect(try FHIRFixtures.structuralProblems(bytes) == [])
        let back = try FHIRImport.record(fromBundle: bytes, options: FHIRImportOptions())
        #expect(back.record == record)
    }
}

/// What a Bundle costs as a SMART Health Card: minified JSON in a JWT payload, raw DEFLATE, compact JWS with an
/// ES256 header and an 86-character signature, `shc:/` numeric encoding, 1195-character chunks.
struct SHCSize {
    let minifiedBytes: Int
    let deflatedBytes: Int
    let jwsChars: Int
    let numericChars: Int
    let chunks: Int

    init(bundle: [UInt8]) {
        let object = try! JSONSerialization.jsonObject(with: Data(bundle))
        let minified = try! JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes, .sortedKeys])
        let payload: [String: Any] = ["iss": "https://issuer.example.org", "nbf": 1_780_000_000, "vc": [
            "type": ["https://smarthealth.cards#health-card"],
            "credentialSubject": ["fhirVersion": "4.0.1", "fhirBundle": object],
        ] as [String: Any]]
        let payloadBytes = Array(try! JSONSerialization.data(withJSONObject: payload, options: [.withoutEscapingSlashes, .sortedKeys]))
        let deflated = try! Deflate.compress(payloadBytes)
        func b64(_ n: Int) -> Int { (n * 4 + 2) / 3 }
        let header = #"{"zip":"DEF","alg":"ES256","kid":"3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s"}"#
        minifiedBytes = minified.count
        deflatedBytes = deflated.count
        jwsChars = b64(header.utf8.count) + 1 + b64(deflated.count) + 1 + 86
        numericChars = "shc:/".count + 2 * jwsChars
        chunks = (jwsChars + 1194) / 1195
    }
}
