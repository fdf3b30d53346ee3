import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// Loading of the record fixtures and small helpers shared by the Record test suites.
enum RecordFixtures {
    static let sampleNames = ["minimal", "typical", "heavy", "unknown-identity"]

    /// The bytes of `Fixtures/record/<name>`.
    static func bytes(_ name: String) throws -> [UInt8] {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return Array(try Data(contentsOf: folder.appendingPathComponent("record").appendingPathComponent(name)))
    }

    static func sample(_ name: String) throws -> [UInt8] { try bytes(name + ".json") }

    /// Parses JSON with Foundation (independent of the code under test).
    static func foundationJSON(_ bytes: [UInt8]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// The sample `minimal.json` parsed with Foundation as a mutable dictionary, for building broken variants.
    static func minimalObject() throws -> [String: Any] {
        try #require(try foundationJSON(try sample("minimal")) as? [String: Any])
    }

    /// Serialises a Foundation JSON object.
    static func serialise(_ object: Any) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// The issues thrown for a JSON text, or an empty list when it is accepted.
    static func issues(_ json: String) -> [RecordIssue] {
        issues(Array(json.utf8))
    }

    static func issues(_ bytes: [UInt8]) -> [RecordIssue] {
        do {
            _ = try HealthRecord(jsonData: bytes)
            return []
        } catch {
            return error.issues
        }
    }

    /// `path code` pairs, for compact exact comparisons.
    static func summary(_ issues: [RecordIssue]) -> [String] {
        issues.map { "\($0.path) \($0.code)" }
    }

    /// A minimal valid record with the given JSON members added at top level (raw JSON text).
    static func record(_ extra: String = "", holder: String = #""given": "Ana""#) -> String {
        #"{"holder": {\#(holder)}\#(extra.isEmpty ? "" : ", " + extra)}"#
    }
}
