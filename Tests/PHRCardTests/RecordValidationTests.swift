import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

@Suite("Record validation")
struct RecordValidationTests {
    @Test("a record with many problems reports every one, in field order")
    func everyProblemAtOnce() {
        let json = """
        {
          "holder": {"given": "Ana", "birthDate": "1990-02-30", "sex": "femme", "nationality": "it",
                     "languages": ["it", "ITA"]},
          "allergies": [{"criticality": "high"}],
          "immunizations": [
            {"code": "cvx:03", "date": "2023-13-01", "dose": 0, "country": "Italy"},
            {"code": "CVX:03", "text": "MMR", "lot": "X1"}
          ],
          "vitals": [{"date": "2024", "heightCm": 300, "weightKg": "60", "bpSystolic": 120.5}],
          "pregnancy": {"dueDate": "2026"},
          "notes": "line\\u0007bell",
          "extra": true
        }
        """
        let issues = RecordFixtures.issues(json)
        #expect(RecordFixtures.summary(issues) == [
            "extra record.unknown-field",
            "holder.birthDate record.invalid-date",
            "holder.sex record.invalid-value",
            "holder.nationality record.invalid-value",
            "holder.languages[1] record.invalid-value",
            "allergies[0] record.empty-entry",
            "immunizations[0].date record.invalid-date",
            "immunizations[0].dose record.out-of-range",
            "immunizations[0].country record.invalid-value",
            "immunizations[1].lot record.unknown-field",
            "immunizations[1].code record.invalid-code",
            "vitals[0].heightCm record.out-of-range",
            "vitals[0].weightKg record.wrong-type",
            "vitals[0].bpSystolic record.wrong-type",
            "pregnancy.status record.missing-field",
            "notes record.control-character",
        ])
        let descriptions = issues.map(\.description)
        #expect(descriptions.contains(
            #"immunizations[0].date: "2023-13-01" is not a valid date (the month must be 01 to 12)"#))
        #expect(descriptions.contains(
            #"holder.birthDate: "1990-02-30" is not a valid date (the day must be 01 to 28 in that month)"#))
        #expect(descriptions.contains(#"holder.sex: "femme" is not one of female, male, other, unknown"#))
        #expect(descriptions.contains("allergies[0]: an entry needs a code or a text (or both)"))
        #expect(descriptions.contains("vitals[0].heightCm: 300 cm is outside 20 to 260 cm"))
        #expect(descriptions.contains("immunizations[0].dose: 0 is outside 1 to 99"))
        #expect(descriptions.contains(#"vitals[0].weightKg: expected a number, found a string ("60")"#))
        #expect(descriptions.contains("notes: contains the control character U+0007 (only newline and tab are allowed)"))
        #expect(descriptions.contains(#"pregnancy.status: the required field "status" is missing"#))
        #expect(descriptions.contains(
            #"immunizations[1].code: "CVX:03" is not a valid code (the code system name must be a lowercase letter followed by a-z, 0-9, '+', '.' or '-')"#))
    }

    @Test("the error's code and description")
    func errorShape() throws {
        let error = RecordValidationError(issues: [
            RecordIssue(path: "holder.sex", code: "record.invalid-value", message: "bad"),
            RecordIssue(path: "", code: "record.not-json", message: "worse"),
        ])
        #expect(error.code == "record.invalid")
        #expect(error.description == "invalid health record (2 problems):\n  holder.sex: bad\n  worse")
    }

    // MARK: Structure

    @Test("missing holder, missing names and missing required fields")
    func missingFields() {
        #expect(RecordFixtures.summary(RecordFixtures.issues(#"{"notes": "x"}"#)) == ["holder record.missing-field"])
        #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(holder: #""sex": "male""#)))
            == ["holder record.missing-field"])
        #expect(RecordFixtures.summary(RecordFixtures.issues(
            RecordFixtures.record(holder: #""family": "Ali", "identifiers": [{"system": "unhcr"}, {"value": "1"}]"#)))
            == ["holder.identifiers[0].value record.missing-field", "holder.identifiers[1].system record.missing-field"])
        #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(#""pregnancy": {}"#)))
            == ["pregnancy.status record.missing-field"])
    }

    @Test("a single name is enough, either given or family")
    func singleName() throws {
        #expect(RecordFixtures.issues(RecordFixtures.record(holder: #""family": "Ali""#)).isEmpty)
        #expect(RecordFixtures.issues(RecordFixtures.record(holder: #""given": "Ali""#)).isEmpty)
    }

    @Test("unknown and duplicate fields are errors, never dropped")
    func unknownAndDuplicate() {
        let issues = RecordFixtures.issues(
            #"{"holder": {"given": "A", "given": "B", "middle": "C"}, "allergies": [{"text": "x", "grade": 1}], "x y": 1}"#)
        #expect(RecordFixtures.summary(issues) == [
            #"["x y"] record.unknown-field"#,
            "holder.given record.duplicate-field",
            "holder.middle record.unknown-field",
            "allergies[0].grade record.unknown-field",
        ])
        #expect(issues[2].message.hasPrefix(#"unknown field "middle"; allowed here: given, family"#))
    }

    @Test("wrong JSON types, including null and a non-object root")
    func wrongTypes() {
        #expect(RecordFixtures.summary(RecordFixtures.issues("[1, 2]")) == [" record.wrong-type"])
        #expect(RecordFixtures.issues("[1, 2]").first?.description == "expected an object, found an array")
        let issues = RecordFixtures.issues(RecordFixtures.record(
            #""allergies": null, "conditions": {}, "medications": [7], "notes": 5, "pregnancy": []"#,
            holder: #""given": 1, "languages": "so", "identifiers": [true]"#))
        #expect(RecordFixtures.summary(issues) == [
            "holder.given record.wrong-type",
            "holder.languages record.wrong-type",
            "holder.identifiers[0] record.wrong-type",
            "allergies record.wrong-type",
            "conditions record.wrong-type",
            "medications[0] record.wrong-type",
            "pregnancy record.wrong-type",
            "notes record.wrong-type",
        ])
        #expect(issues[3].description == "allergies: expected an array, found null")
    }

    @Test("an entry needs a code or a text; vitals need a measurement")
    func emptyEntries() {
        let issues = RecordFixtures.issues(RecordFixtures.record(
            #""conditions": [{"status": "active"}], "medications": [{"dosage": "1"}], "results": [{"value": "1"}], "vitals": [{"date": "2024"}]"#))
        #expect(RecordFixtures.summary(issues) == [
            "conditions[0] record.empty-entry", "medications[0] record.empty-entry",
            "results[0] record.empty-entry", "vitals[0] record.empty-entry",
        ])
        #expect(RecordFixtures.issues(RecordFixtures.record(#""results": [{"code": "loinc:718-7"}]"#)).isEmpty)
        #expect(RecordFixtures.issues(RecordFixtures.record(#""results": [{"text": "Hb"}]"#)).isEmpty)
    }

    // MARK: Values

    @Test("enumerations accept exactly their values", arguments: [
        (#""allergies": [{"text": "x", "criticality": "High"}]"#, "allergies[0].criticality"),
        (#""conditions": [{"text": "x", "status": "cured"}]"#, "conditions[0].status"),
        (#""pregnancy": {"status": "not pregnant"}"#, "pregnancy.status"),
    ])
    func enumerations(extra: String, path: String) {
        #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(extra)))
            == ["\(path) record.invalid-value"], "\(path)")
    }

    @Test("every enumeration value is accepted")
    func allEnumerationValues() {
        for sex in ["female", "male", "other", "unknown"] {
            #expect(RecordFixtures.issues(RecordFixtures.record(holder: #""given": "A", "sex": "\#(sex)""#)).isEmpty)
        }
        for status in ["active", "recurrence", "relapse", "inactive", "remission", "resolved"] {
            #expect(RecordFixtures.issues(RecordFixtures.record(#""conditions": [{"text": "x", "status": "\#(status)"}]"#)).isEmpty)
        }
        for status in ["pregnant", "not-pregnant", "unknown"] {
            #expect(RecordFixtures.issues(RecordFixtures.record(#""pregnancy": {"status": "\#(status)"}"#)).isEmpty)
        }
        for criticality in ["high", "low", "unknown"] {
            #expect(RecordFixtures.issues(RecordFixtures.record(#""allergies": [{"text": "x", "criticality": "\#(criticality)"}]"#)).isEmpty)
        }
    }

    @Test("country and language formats")
    func countriesAndLanguages() {
        let issues = RecordFixtures.issues(RecordFixtures.record(
            #""immunizations": [{"text": "x", "country": "ITA"}, {"text": "y", "country": "I1"}]"#,
            holder: #""given": "A", "nationality": "So", "languages": ["s", "som", "abcd", "SO", "pt"]"#))
        #expect(RecordFixtures.summary(issues) == [
            "holder.nationality record.invalid-value",
            "holder.languages[0] record.invalid-value",
            "holder.languages[2] record.invalid-value",
            "holder.languages[3] record.invalid-value",
            "immunizations[0].country record.invalid-value",
            "immunizations[1].country record.invalid-value",
        ])
    }

    @Test("number ranges and integer rules")
    func numbers() {
        func vitals(_ body: String) -> [String] {
            RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(#""vitals": [{\#(body)}]"#)))
        }
        #expect(vitals(#""heightCm": 20, "weightKg": 0.3, "bpSystolic": 300, "bpDiastolic": 20"#) == [])
        #expect(vitals(#""heightCm": 260, "weightKg": 400"#) == [])
        #expect(vitals(#""heightCm": 19.99"#) == ["vitals[0].heightCm record.out-of-range"])
        #expect(vitals(#""heightCm": 260.000000000000001"#) == ["vitals[0].heightCm record.out-of-range"])
        #expect(vitals(#""weightKg": 0.29"#) == ["vitals[0].weightKg record.out-of-range"])
        #expect(vitals(#""weightKg": 400.1"#) == ["vitals[0].weightKg record.out-of-range"])
        #expect(vitals(#""weightKg": -60"#) == ["vitals[0].weightKg record.out-of-range"])
        #expect(vitals(#""weightKg": 60.1234567890123456789"#) == ["vitals[0].weightKg record.out-of-range"])
        #expect(vitals(#""bpSystolic": 19"#) == ["vitals[0].bpSystolic record.out-of-range"])
        #expect(vitals(#""bpDiastolic": 301"#) == ["vitals[0].bpDiastolic record.out-of-range"])
        #expect(vitals(#""bpDiastolic": 1e400"#) == ["vitals[0].bpDiastolic record.out-of-range"])
        #expect(vitals(#""bpDiastolic": "80""#) == ["vitals[0].bpDiastolic record.wrong-type"])
        // Whole numbers written with a zero fraction or an exponent are whole numbers (as in JSON Schema).
        #expect(vitals(#""bpSystolic": 120.0, "bpDiastolic": 8e1"#) == [])
        #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(
            #""immunizations": [{"text": "x", "dose": 99}, {"text": "x", "dose": 100}, {"text": "x", "dose": 1.5}]"#)))
            == ["immunizations[1].dose record.out-of-range", "immunizations[2].dose record.wrong-type"])
    }

    @Test("vitals written as 120.0 read back as the integer 120")
    func integerFromDecimalLiteral() throws {
        let record = try HealthRecord(jsonData: Array(RecordFixtures.record(#""vitals": [{"bpSystolic": 120.0}]"#).utf8))
        #expect(record.vitals?.first?.bpSystolic == 120)
    }

    // MARK: Limits

    @Test("section, language and identifier counts are limited")
    func entryLimits() {
        let entry = #"{"text": "x"}"#
        let ok = Array(repeating: entry, count: 64).joined(separator: ",")
        #expect(RecordFixtures.issues(RecordFixtures.record(#""allergies": [\#(ok)]"#)).isEmpty)
        let tooMany = Array(repeating: entry, count: 65).joined(separator: ",")
        let issues = RecordFixtures.issues(RecordFixtures.record(#""allergies": [\#(tooMany)]"#))
        #expect(RecordFixtures.summary(issues) == ["allergies record.too-many-entries"])
        #expect(issues.first?.message == "has 65 entries; the limit is 64")
        let languages = Array(repeating: #""so""#, count: 11).joined(separator: ",")
        let identifiers = Array(repeating: #"{"system": "s", "value": "v"}"#, count: 11).joined(separator: ",")
        #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(
            holder: #""given": "A", "languages": [\#(languages)], "identifiers": [\#(identifiers)]"#)))
            == ["holder.languages record.too-many-entries", "holder.identifiers record.too-many-entries"])
    }

    @Test("text limits count UTF-8 bytes after NFC")
    func textLimits() {
        // 250 × "é" (2 bytes each) = 500 bytes: allowed; one more character: 502 bytes.
        let fits = String(repeating: "é", count: 250)
        #expect(RecordFixtures.issues(RecordFixtures.record(#""allergies": [{"text": "\#(fits)"}]"#)).isEmpty)
        let over = RecordFixtures.issues(RecordFixtures.record(#""allergies": [{"text": "\#(fits)é"}]"#))
        #expect(RecordFixtures.summary(over) == ["allergies[0].text record.too-long"])
        #expect(over.first?.message == "is 502 UTF-8 bytes long; the limit is 500")
        // 250 decomposed "é" are 750 bytes as input but 500 bytes after NFC.
        let decomposed = String(repeating: "e\u{301}", count: 250)
        #expect(RecordFixtures.issues(RecordFixtures.record(#""allergies": [{"reaction": "x", "text": "\#(decomposed)"}]"#)).isEmpty)
        // Names: 100 bytes; Ethiopic letters are 3 bytes each.
        let name34 = String(repeating: "ሳ", count: 34)  // 102 bytes
        #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(holder: #""given": "\#(name34)""#)))
            == ["holder.given record.too-long"])
        #expect(RecordFixtures.issues(RecordFixtures.record(holder: #""given": "\#(name34.dropLast())""#)).isEmpty)
        let notes = String(repeating: "a", count: 4000)
        #expect(RecordFixtures.issues(RecordFixtures.record(#""notes": "\#(notes)""#)).isEmpty)
        #expect(RecordFixtures.summary(RecordFixtures.issues(RecordFixtures.record(#""notes": "\#(notes)a""#)))
            == ["notes record.too-long"])
    }

    @Test("empty and whitespace-only texts are errors")
    func emptyTexts() {
        let issues = RecordFixtures.issues(RecordFixtures.record(
            #""medications": [{"text": "", "dosage": " \t "}], "notes": "\n""#, holder: #""given": "  ""#))
        #expect(RecordFixtures.summary(issues) == [
            "holder.given record.empty-text", "medications[0].text record.empty-text",
            "medications[0].dosage record.empty-text", "notes record.empty-text",
        ])
    }

    @Test("control characters: newline and tab only in free text")
    func controlCharacters() {
        #expect(RecordFixtures.issues(RecordFixtures.record(#""notes": "a\nb\tc", "results": [{"text": "a\tb", "value": "1\n2"}]"#)).isEmpty)
        let issues = RecordFixtures.issues(RecordFixtures.record(
            #""results": [{"text": "a\rb"}, {"text": "x\u0000"}, {"text": "c\u0085"}], "notes": "\u001b[31m""#,
            holder: #""given": "A\tB", "family": "C\nD""#))
        #expect(RecordFixtures.summary(issues) == [
            "holder.given record.control-character", "holder.family record.control-character",
            "results[0].text record.control-character", "results[1].text record.control-character",
            "results[2].text record.control-character", "notes record.control-character",
        ])
        #expect(issues[0].message == "contains the control character U+0009")
        #expect(issues[4].message == "contains the control character U+0085 (only newline and tab are allowed)")
    }

    @Test("long values are cut in messages")
    func longValuesInMessages() {
        let long = String(repeating: "x", count: 100)
        let issue = RecordFixtures.issues(RecordFixtures.record(#""pregnancy": {"status": "\#(long)"}"#)).first
        #expect(issue?.message == "\"\(String(repeating: "x", count: 40))…\" is not one of pregnant, not-pregnant, unknown")
    }

    // MARK: Records built in code

    @Test("validate() finds the same problems in a record built in code")
    func validateBuiltInCode() throws {
        let record = HealthRecord(
            holder: Holder(nationality: "it", languages: ["pt", "x"],
                           identifiers: [Holder.Identifier(system: "", value: "1")]),
            allergies: [Allergy(criticality: .high)],
            conditions: [Condition(code: ClinicalCode(system: "a:b", code: "c"))],
            immunizations: [Immunization(code: ClinicalCode(system: "cvx", code: "0 3"), dose: 0, country: "IT")],
            vitals: [VitalSigns(heightCm: DecimalValue(significand: 2601, exponent: -1), bpSystolic: 400), VitalSigns()],
            notes: String(repeating: "n", count: 4001))
        #expect(RecordFixtures.summary(record.validate()) == [
            "holder record.missing-field",
            "holder.nationality record.invalid-value",
            "holder.languages[1] record.invalid-value",
            "holder.identifiers[0].system record.empty-text",
            "allergies[0] record.empty-entry",
            "immunizations[0].code record.invalid-code",
            "immunizations[0].dose record.out-of-range",
            "vitals[0].heightCm record.out-of-range",
            "vitals[0].bpSystolic record.out-of-range",
            "vitals[1] record.empty-entry",
            "notes record.too-long",
            "conditions[0].code record.invalid-code",
        ])
    }

    @Test("validate() accepts decomposed text (it is normalised on output)")
    func validateDecomposed() {
        let record = HealthRecord(holder: Holder(given: "Jose\u{301}"))
        #expect(record.validate().isEmpty)
        #expect(Array(record.jsonData(prettyPrinted: false))
            == Array(#"{"holder":{"given":"José"}}"#.utf8))
    }
}
