import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

@Suite("Record JSON syntax and input limits")
struct RecordJSONSyntaxTests {
    @Test("malformed JSON is record.not-json with line and column", arguments: [
        (#"{"holder": {"given": "A",}}"#, "line 1, column 26"),            // trailing comma
        ("{\"holder\":\n  {\"given\": 'A'}}", "line 2, column 13"),        // single quotes
        (#"{"holder": {"given": "A"}} x"#, "line 1, column 28"),           // trailing content
        (#"{"holder": {"given": "A"}, "vitals": [{"bpSystolic": 0120}]}"#, "line 1, column 55"),  // leading zero
        (#"{"holder": {"given": "A" /* c */}}"#, "line 1, column 26"),     // comment
        (#"{"holder": {"given": "A\x"}}"#, "line 1, column 25"),           // bad escape
        (#"{"holder": {"given": "\ud800"}}"#, "line 1, column 29"),         // lone high surrogate
        (#"{"holder": {"given": "\udc00"}}"#, "line 1, column 29"),         // lone low surrogate
        ("{\"holder\": {\"given\": \"A\tB\"}}", "line 1, column 24"),      // raw tab inside a string
        (#"{"holder": {"given": "A"}"#, "line 1, column 26"),              // truncated
        (#"{"holder": {"given": "ሳባ", x}}"#, "line 1, column 28"),         // columns count characters
        ("", "line 1, column 1"),
        (#"{"a": tru}"#, "line 1, column 7"),
        (#"{"a": 1.}"#, "line 1, column 9"),
        (#"{"a": -}"#, "line 1, column 8"),
    ])
    func malformed(json: String, position: String) {
        let issues = RecordFixtures.issues(json)
        #expect(issues.count == 1, "\(json)")
        #expect(issues.first?.code == "record.not-json", "\(json)")
        #expect(issues.first?.path == "", "\(json)")
        #expect(issues.first?.message.hasPrefix(position + ":") == true, "\(json): \(issues.first?.message ?? "")")
    }

    @Test("invalid UTF-8 is rejected with its byte offset")
    func invalidUTF8() {
        let bytes = Array(#"{"holder": {"given": ""#.utf8) + [0xC3, 0x28] + Array(#""}}"#.utf8)
        let issues = RecordFixtures.issues(bytes)
        #expect(RecordFixtures.summary(issues) == [" record.not-json"])
        #expect(issues.first?.message == "the input is not valid UTF-8 at byte offset 22")
        #expect(RecordFixtures.summary(RecordFixtures.issues([0xFF])) == [" record.not-json"])
    }

    @Test("a UTF-8 byte order mark is skipped")
    func byteOrderMark() throws {
        let record = try HealthRecord(jsonData: [0xEF, 0xBB, 0xBF] + Array(#"{"holder": {"given": "A"}}"#.utf8))
        #expect(record.holder.given == "A")
    }

    @Test("input over 1 MiB is refused before parsing")
    func tooLarge() {
        // Not even JSON: the size check must come first.
        let issues = RecordFixtures.issues([UInt8](repeating: 0x20, count: 1_048_577))
        #expect(RecordFixtures.summary(issues) == [" record.too-large"])
        #expect(issues.first?.message == "the input is 1048577 bytes; the limit is 1048576")
        // Exactly 1 MiB is parsed (and here fails only as a record).
        let padded = Array(#"{"holder": {"given": "A"}}"#.utf8)
        let exact = padded + [UInt8](repeating: 0x20, count: 1_048_576 - padded.count)
        #expect(RecordFixtures.issues(exact).isEmpty)
    }

    @Test("nesting deeper than 16 is refused")
    func tooDeep() {
        func nested(_ depth: Int) -> String {
            #"{"holder": {"given": "A"}, "x": "# + String(repeating: "[", count: depth - 1)
                + String(repeating: "]", count: depth - 1) + "}"
        }
        // Depth 16 parses (the unknown field is then reported); depth 17 is refused while parsing.
        #expect(RecordFixtures.summary(RecordFixtures.issues(nested(16))) == ["x record.unknown-field"])
        let issues = RecordFixtures.issues(nested(17))
        #expect(RecordFixtures.summary(issues) == [" record.too-deep"])
        #expect(issues.first?.message == "line 1, column 48: nesting is deeper than 16 levels")
        // A hostile depth does not overflow the stack.
        #expect(RecordFixtures.summary(RecordFixtures.issues(String(repeating: "[", count: 100_000))) == [" record.too-deep"])
    }
}
