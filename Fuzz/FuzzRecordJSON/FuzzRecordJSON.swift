import PHRCardCore
import FuzzSupport

/// Fuzz target: `HealthRecord(jsonData:)`. Oracles: an accepted record validates, and its JSON (pretty and
/// compact) parses back to an equal record.
func fuzzRecordJSON(_ bytes: [UInt8]) {
    guard let record = try? HealthRecord(jsonData: bytes) else { return }
    precondition(record.validate().isEmpty, "a parsed record does not validate: \(record.validate())")
    for pretty in [true, false] {
        guard let again = try? HealthRecord(jsonData: record.jsonData(prettyPrinted: pretty)) else {
            preconditionFailure("the JSON written for a parsed record does not parse")
        }
        precondition(again == record, "JSON round trip changed the record")
    }
}

@main enum FuzzRecordJSONMain {
    static func main() { FuzzMain.run(fuzzRecordJSON) }
}
