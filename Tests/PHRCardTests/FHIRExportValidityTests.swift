import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// The IPS Bundles that the export writes (what `decode --format fhir` prints) are valid FHIR R4 according to an
/// independent model library: Python `fhir.resources` 6.1.0 (FHIR 4.0.1), installed by `scripts/bootstrap` into
/// `.build-python/` and run through `scripts/validate-fhir`.
@Suite struct FHIRExportValidityTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs the validator on `files`; returns its exit status and one output line per file.
    private func validate(_ files: [URL]) throws -> (status: Int32, lines: [String]) {
        let python = Self.root.appendingPathComponent(".build-python/bin/python")
        try #require(FileManager.default.isExecutableFile(atPath: python.path),
                     "the FHIR validator is not installed: run scripts/bootstrap")
        let process = Process()
        process.executableURL = python
        process.arguments = [Self.root.appendingPathComponent("scripts/validate-fhir").path] + files.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    private func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phrcard-fhir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func exportsOfTheCorpusAreValidR4() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [URL] = []
        for name in IPSCorpus.names {
            let record: HealthRecord
            do { record = try FHIRImport.record(fromBundle: try IPSCorpus.bytes(name)).record } catch {
                Issue.record("\(name): \(error)")  // the import failure is the corpus tests' business; go on
                continue
            }
            // Everything opened (holder code) and only the essential tier (a reader): both exports.
            let card = try CardTestKeys.issue(record)
            let verified = try CardVerifier.verify(bytes: card.bytes, trusting: CardTestKeys.trusted, at: CardTestKeys.now)
            for (suffix, opened) in [("full", try verified.open(holderCode: card.holderCode.description)),
                                     ("essential", try verified.open(readerKey: CardTestKeys.reader))] {
                let url = dir.appendingPathComponent("\(name)-\(suffix).json")
                try Data(opened.fhirBundle(options: FHIRExportOptions(date: "2026-05-01T10:00:00Z", identifier: "0102030405060708",
                                                                      author: "TEST-CLINIC"))).write(to: url)
                files.append(url)
            }
        }
        let (status, lines) = try validate(files)
        let invalid = lines.filter { !$0.hasPrefix("ok ") }
        #expect(invalid.isEmpty, "\(invalid.joined(separator: "\n"))")
        #expect(lines.count == files.count)
        #expect(status == 0)
    }

    /// The validator is not a rubber stamp: it rejects a Bundle with an a birth date that is not a FHIR date.
    @Test func validatorRejectsInvalidBundles() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var bundle = try FHIRFixtures.json(FHIRExport.bundle(from: HealthRecord(holder: Holder(given: "Ana"))))
        var entries = try #require(bundle["entry"] as? [[String: Any]])
        let index = try #require(entries.firstIndex { ($0["resource"] as? [String: Any])?["resourceType"] as? String == "Patient" })
        var patient = try #require(entries[index]["resource"] as? [String: Any])
        patient["birthDate"] = "31/12/1980"
        entries[index]["resource"] = patient
        bundle["entry"] = entries
        let url = dir.appendingPathComponent("bad.json")
        try Data(FHIRFixtures.serialise(bundle)).write(to: url)
        let (status, lines) = try validate([url])
        #expect(status == 1)
        #expect(lines.first?.hasPrefix("invalid ") == true)
    }
}
