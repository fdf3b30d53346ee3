import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// A tiny JSON Schema (draft 2020-12) validator for exactly the keywords `spec/record.schema.json` uses:
/// type, properties, required, additionalProperties (false), items, enum, pattern, minimum, maximum, maxLength,
/// maxItems, anyOf, allOf, if/then, contains, const, boolean schemas (`false`) and `$ref` into `$defs`. Any other keyword is reported as unsupported so the test cannot
/// silently ignore a rule. Instances are Foundation JSON values (independent of the code under test).
struct MiniSchemaValidator {
    let root: [String: Any]
    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$defs"]
    static let supported: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "pattern", "minimum", "maximum",
        "maxLength", "maxItems", "anyOf", "$ref", "allOf", "if", "then", "contains", "const",
    ]

    /// Every keyword in the schema that this validator does not implement.
    func unsupportedKeywords() -> Set<String> {
        var found: Set<String> = []
        func visit(_ schema: [String: Any]) {
            for (key, value) in schema {
                if !Self.supported.contains(key) && !Self.annotations.contains(key) { found.insert(key) }
                switch key {
                case "properties", "$defs":
                    for case let sub as [String: Any] in (value as? [String: Any] ?? [:]).values { visit(sub) }
                case "items", "if", "then", "contains":
                    if let sub = value as? [String: Any] { visit(sub) }
                case "anyOf", "allOf":
                    for case let sub as [String: Any] in value as? [Any] ?? [] { visit(sub) }
                default: break
                }
            }
        }
        visit(root)
        return found
    }

    func errors(_ instance: Any) -> [String] { errors(instance, root, at: "$") }

    /// A subschema that may be a boolean schema (`false` rejects everything, `true` accepts everything).
    private func errors(_ instance: Any, anySchema: Any, at path: String) -> [String] {
        if let flag = anySchema as? Bool, !(anySchema is [String: Any]) { return flag ? [] : ["\(path): not allowed"] }
        return errors(instance, anySchema as? [String: Any] ?? [:], at: path)
    }

    private func errors(_ instance: Any, _ schema: [String: Any], at path: String) -> [String] {
        var out: [String] = []
        if let constant = schema["const"], (constant as? NSObject)?.isEqual(instance) != true {
            out.append("\(path): not the constant")
        }
        for case let sub as [String: Any] in schema["allOf"] as? [Any] ?? [] {
            out += errors(instance, sub, at: path)
        }
        if let condition = schema["if"] as? [String: Any], errors(instance, condition, at: path).isEmpty,
           let then = schema["then"] as? [String: Any] {
            out += errors(instance, then, at: path)
        }
        if let contains = schema["contains"] as? [String: Any], let array = instance as? [Any],
           !array.contains(where: { errors($0, contains, at: path).isEmpty }) {
            out.append("\(path): contains no matching item")
        }
        if let reference = schema["$ref"] as? String {
            let prefix = "#/$defs/"
            guard reference.hasPrefix(prefix),
                  let defs = root["$defs"] as? [String: Any],
                  let target = defs[String(reference.dropFirst(prefix.count))] as? [String: Any]
            else { return ["\(path): unresolvable $ref \(reference)"] }
            out += errors(instance, target, at: path)
        }
        if let type = schema["type"] as? String, !Self.matches(instance, type: type) {
            return out + ["\(path): not of type \(type)"]
        }
        if let choices = schema["enum"] as? [Any],
           !choices.contains(where: { ($0 as? NSObject)?.isEqual(instance) == true }) {
            out.append("\(path): not in enum")
        }
        if let object = instance as? [String: Any], !Self.isNumber(instance) {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                out.append("\(path): missing \(name)")
            }
            for (name, value) in object {
                if let sub = properties[name] {
                    out += errors(value, anySchema: sub, at: "\(path).\(name)")
                } else if (schema["additionalProperties"] as? Bool) == false {
                    out.append("\(path): additional property \(name)")
                }
            }
        }
        if let array = instance as? [Any] {
            if let max = schema["maxItems"] as? Int, array.count > max { out.append("\(path): more than \(max) items") }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { out += errors(item, items, at: "\(path)[\(index)]") }
            }
        }
        if let text = instance as? String {
            if let max = schema["maxLength"] as? Int, text.unicodeScalars.count > max {
                out.append("\(path): longer than \(max)")
            }
            if let pattern = schema["pattern"] as? String {
                do {
                    let regex = try NSRegularExpression(pattern: pattern)
                    let range = NSRange(text.startIndex..., in: text)
                    if regex.firstMatch(in: text, range: range) == nil { out.append("\(path): does not match \(pattern)") }
                } catch {
                    out.append("\(path): bad pattern \(pattern)")
                }
            }
        }
        if Self.isNumber(instance), let number = (instance as? NSNumber)?.doubleValue {
            if let minimum = (schema["minimum"] as? NSNumber)?.doubleValue, number < minimum {
                out.append("\(path): below \(minimum)")
            }
            if let maximum = (schema["maximum"] as? NSNumber)?.doubleValue, number > maximum {
                out.append("\(path): above \(maximum)")
            }
        }
        if let alternatives = schema["anyOf"] as? [Any] {
            let satisfied = alternatives.contains { alternative in
                (alternative as? [String: Any]).map { errors(instance, $0, at: path).isEmpty } ?? false
            }
            if !satisfied { out.append("\(path): matches none of anyOf") }
        }
        return out
    }

    private static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    private static func isNumber(_ value: Any) -> Bool {
        value is NSNumber && !isBool(value) && !(value is String)
    }

    private static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any] && !isNumber(value)
        case "array": return value is [Any]
        case "string": return value is String
        case "number": return isNumber(value)
        case "integer":
            guard isNumber(value), let double = (value as? NSNumber)?.doubleValue else { return false }
            return double.rounded() == double
        default: return false
        }
    }
}

@Suite("Record JSON Schema")
struct RecordSchemaTests {
    static func validator() throws -> MiniSchemaValidator {
        let schema = try #require(try RecordFixtures.foundationJSON(try RecordFixtures.bytes("record.schema.json"))
            as? [String: Any])
        return MiniSchemaValidator(root: schema)
    }

    @Test("the schema uses only keywords the test validator implements")
    func keywordsCovered() throws {
        let validator = try Self.validator()
        #expect(validator.unsupportedKeywords().isEmpty)
        #expect(validator.root["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test("the examples are valid against the schema", arguments: RecordFixtures.sampleNames)
    func examplesValid(name: String) throws {
        let instance = try RecordFixtures.foundationJSON(try RecordFixtures.sample(name))
        #expect(try Self.validator().errors(instance) == [], "\(name)")
    }

    /// Broken variants of minimal.json: each must fail the schema and the Swift validation.
    static let brokenVariants: [(String, String, @Sendable (inout [String: Any]) -> Void)] = [
        ("lowercase nationality", "holder.nationality record.invalid-value", { record in
            var holder = record["holder"] as? [String: Any] ?? [:]
            holder["nationality"] = "so"
            record["holder"] = holder
        }),
        ("month 13", "immunizations[0].date record.invalid-date", { record in
            record["immunizations"] = [["code": "cvx:05", "date": "2019-13-16"]]
        }),
        ("dose 0", "immunizations[0].dose record.out-of-range", { record in
            record["immunizations"] = [["code": "cvx:05", "dose": 0]]
        }),
        ("unknown field", "extra record.unknown-field", { record in record["extra"] = "x" }),
        ("no holder", "holder record.missing-field", { record in record["holder"] = nil }),
        ("no names", "holder record.missing-field", { record in record["holder"] = ["sex": "female"] }),
        ("neither code nor text", "immunizations[0] record.empty-entry", { record in
            record["immunizations"] = [["date": "2019-12-16"]]
        }),
        ("uppercase code system", "immunizations[0].code record.invalid-code", { record in
            record["immunizations"] = [["code": "CVX:05"]]
        }),
        ("height 300", "vitals[0].heightCm record.out-of-range", { record in record["vitals"] = [["heightCm": 300]] }),
        ("empty vitals entry", "vitals[0] record.empty-entry", { record in record["vitals"] = [["date": "2020"]] }),
        ("eleven languages", "holder.languages record.too-many-entries", { record in
            var holder = record["holder"] as? [String: Any] ?? [:]
            holder["languages"] = Array(repeating: "so", count: 11)
            record["holder"] = holder
        }),
        ("bell in notes", "notes record.control-character", { record in record["notes"] = "ring\u{07}" }),
        ("wrong pregnancy status", "pregnancy.status record.invalid-value", { record in
            record["pregnancy"] = ["status": "yes"]
        }),
        ("dose as string", "immunizations[0].dose record.wrong-type", { record in
            record["immunizations"] = [["text": "x", "dose": "1"]]
        }),
        // v1-final additions.
        ("name unknown but family present", "holder.family record.unknown-value-present", { record in
            record["holder"] = ["family": "Warsame", "unknown": ["name"]]
        }),
        ("birth date unknown but present", "holder.birthDate record.unknown-value-present", { record in
            var holder = record["holder"] as? [String: Any] ?? [:]
            holder["unknown"] = ["birthDate"]
            record["holder"] = holder
        }),
        ("declared sex absent", "holder.declared record.declared-value-missing", { record in
            record["holder"] = ["given": "A", "declared": ["sex"]]
        }),
        ("unknown list out of order", "holder.unknown[1] record.list-order", { record in
            record["holder"] = ["unknown": ["birthDate", "name"]]
        }),
        ("declared listed twice", "holder.declared[1] record.list-order", { record in
            record["holder"] = ["given": "A", "declared": ["name", "name"]]
        }),
        ("empty unknown list", "holder.unknown record.empty-list", { record in
            record["holder"] = ["given": "A", "unknown": [String]()]
        }),
        ("unknown sex", "holder.unknown[0] record.invalid-value", { record in
            record["holder"] = ["given": "A", "unknown": ["sex"]]
        }),
        ("allergy severity", "allergies[0].severity record.invalid-value", { record in
            record["allergies"] = [["text": "x", "severity": "fatal"]]
        }),
        ("allergy category", "allergies[0].category record.invalid-value", { record in
            record["allergies"] = [["text": "x", "category": "drug"]]
        }),
        ("medication status", "medications[0].status record.invalid-value", { record in
            record["medications"] = [["text": "x", "status": "unknown"]]
        }),
        ("result interpretation", "results[0].interpretation record.invalid-value", { record in
            record["results"] = [["text": "x", "interpretation": "H"]]
        }),
        ("result range with a line break", "results[0].range record.control-character", { record in
            record["results"] = [["text": "x", "range": "4-6\n%"]]
        }),
        ("temperature 46", "vitals[0].temperatureC record.out-of-range", { record in
            record["vitals"] = [["temperatureC": 46]]
        }),
        ("heart rate 19", "vitals[0].heartRate record.out-of-range", { record in record["vitals"] = [["heartRate": 19]] }),
        ("respiratory rate 0", "vitals[0].respiratoryRate record.out-of-range", { record in
            record["vitals"] = [["respiratoryRate": 0]]
        }),
        ("respiratory rate 12.5", "vitals[0].respiratoryRate record.wrong-type", { record in
            record["vitals"] = [["respiratoryRate": 12.5]]
        }),
        ("saturation 101", "vitals[0].oxygenSaturation record.out-of-range", { record in
            record["vitals"] = [["oxygenSaturation": 101]]
        }),
        ("BMI 4.9", "vitals[0].bmi record.out-of-range", { record in record["vitals"] = [["bmi": 4.9]] }),
    ]

    @Test("broken records fail both the schema and the Swift validation",
          arguments: brokenVariants.indices)
    func brokenRecords(index: Int) throws {
        let (name, expected, mutate) = Self.brokenVariants[index]
        var record = try RecordFixtures.minimalObject()
        mutate(&record)
        #expect(try !Self.validator().errors(record).isEmpty, "\(name): schema accepted it")
        #expect(RecordFixtures.summary(RecordFixtures.issues(try RecordFixtures.serialise(record))) == [expected],
                "\(name)")
    }

    @Test("limits the schema cannot express are caught by the Swift validation only")
    func swiftOnlyRules() throws {
        let validator = try Self.validator()
        // 30 February matches the date pattern; 60 Ethiopic letters are 60 characters but 180 UTF-8 bytes.
        let cases: [([String: Any], String)] = [
            (["holder": ["given": "A", "birthDate": "2023-02-30"]], "holder.birthDate record.invalid-date"),
            (["holder": ["given": String(repeating: "ሳ", count: 60)]], "holder.given record.too-long"),
            (["holder": ["given": "A"], "results": [["text": "x", "range": String(repeating: "ሳ", count: 40)]]],
             "results[0].range record.too-long"),
        ]
        for (record, expected) in cases {
            #expect(validator.errors(record).isEmpty, "\(expected)")
            #expect(RecordFixtures.summary(RecordFixtures.issues(try RecordFixtures.serialise(record))) == [expected])
        }
    }

    @Test("the fixture copies match examples/ and spec/ in the source tree")
    func fixturesMatchSourceTree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let pairs = RecordFixtures.sampleNames.map { ("examples/\($0).json", "\($0).json") }
            + [("spec/record.schema.json", "record.schema.json")]
        for (source, fixture) in pairs {
            let url = root.appendingPathComponent(source)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }  // installed elsewhere
            #expect(Array(try Data(contentsOf: url)) == (try RecordFixtures.bytes(fixture)), "\(source)")
        }
    }
}
