import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// The repository root, found from this file's path (Tests/PHRCardTests/DictionaryTests.swift).
private let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func specFile(_ name: String) throws -> [UInt8] {
    let url = repoRoot.appendingPathComponent("spec/dictionary/v1/\(name)")
    return [UInt8](try Data(contentsOf: url))
}

private func specText(_ name: String) throws -> String {
    try #require(String(bytes: try specFile(name), encoding: .utf8), "\(name) is not UTF-8")
}

/// Every `{"code": "system:code", "text": ...}` object anywhere in a JSON value.
private func codedEntries(_ value: Any, path: String = "$") -> [(path: String, system: String, code: String, text: String?)] {
    var found: [(path: String, system: String, code: String, text: String?)] = []
    if let object = value as? [String: Any] {
        if let coded = object["code"] as? String, let colon = coded.firstIndex(of: ":") {
            found.append((path, String(coded[..<colon]), String(coded[coded.index(after: colon)...]),
                          object["text"] as? String))
        }
        for (key, child) in object.sorted(by: { $0.key < $1.key }) {
            found += codedEntries(child, path: "\(path).\(key)")
        }
    } else if let array = value as? [Any] {
        for (index, child) in array.enumerated() {
            found += codedEntries(child, path: "\(path)[\(index)]")
        }
    }
    return found
}

@Suite("Preset dictionary v1")
struct PresetDictionaryTests {
    @Test func bytesEqualCommittedSpecFile() throws {
        let committed = try specFile("dictionary.bin")
        #expect(PresetDictionary.bytes.count == committed.count)
        #expect(PresetDictionary.bytes == committed, "Swift build differs from spec/dictionary/v1/dictionary.bin")
    }

    @Test func fitsZlibWindow() {
        #expect(PresetDictionary.version == 1)
        #expect(PresetDictionary.maximumSize == 32768)
        #expect(!PresetDictionary.bytes.isEmpty)
        #expect(PresetDictionary.bytes.count <= 32768)
    }

    @Test func piecesAreInNormativeOrder() throws {
        let bytes = PresetDictionary.bytes
        let tsvLines = try specText("codes.tsv").split(separator: "\n")
        // (a) starts with the first row's display text.
        let firstDisplay = Array(try #require(tsvLines[1].split(separator: "\t").last).utf8)
        #expect(Array(bytes.prefix(firstDisplay.count)) == firstDisplay)
        // (b) holds "E11.9" as a CBOR text string: 0x65 = major type 3, length 5 (hand-computed).
        let e119: [UInt8] = [0x65, 0x45, 0x31, 0x31, 0x2E, 0x39]
        #expect(bytes.firstRange(of: e119) != nil)
        // (c) ends with the last phrase line; "=ER" is the CBOR text "ER": 0x62 'E' 'R'.
        let lastPhrase = try #require(try specText("phrases.txt").split(separator: "\n").last)
        #expect(lastPhrase == "=ER")
        #expect(Array(bytes.suffix(3)) == [0x62, 0x45, 0x52])
        // All-digit codes (cvx "03", loinc "718-7", snomed) contribute no CBOR piece: "=SO" (0x62 'S' 'O')
        // appears once, from the phrases only.
        #expect(bytes.ranges(of: [0x62, 0x53, 0x4F] as [UInt8]).count == 1)
    }

    @Test(arguments: [
        ("", [0x60]),
        ("a", [0x61, 0x61]),
        ("IETF", [0x64, 0x49, 0x45, 0x54, 0x46]),          // RFC 8949 Appendix A
        ("\u{00FC}", [0x62, 0xC3, 0xBC]),                   // RFC 8949 Appendix A
        (String(repeating: "x", count: 23), [0x77] + Array(repeating: 0x78, count: 23)),
    ] as [(String, [UInt8])])
    func cborTextEncoding(text: String, expected: [UInt8]) {
        #expect(PresetDictionary.cborText(text) == expected)
    }

    @Test func cborTextLengthBoundaries() {
        #expect(Array(PresetDictionary.cborText(String(repeating: "x", count: 24)).prefix(2)) == [0x78, 0x18])
        #expect(Array(PresetDictionary.cborText(String(repeating: "x", count: 255)).prefix(2)) == [0x78, 0xFF])
        let long = PresetDictionary.cborText(String(repeating: "x", count: 256))
        #expect(Array(long.prefix(3)) == [0x79, 0x01, 0x00])
        #expect(long.count == 259)
        #expect(Array(PresetDictionary.cborText(String(repeating: "x", count: 65535)).prefix(3)) == [0x79, 0xFF, 0xFF])
    }

    @Test(arguments: [
        ("loinc", "718-7", true), ("loinc", "100129-6", true), ("loinc", "1-2-3", false),
        ("cvx", "03", true), ("snomed", "764146007", true), ("icd10", "E11.9", false),
        ("icd10", "B86", false), ("icd11", "5A11", false), ("atc", "A10BA02", false),
        ("cvx", "1-2", false), ("cvx", "", false),
    ])
    func numericCodeRule(system: String, code: String, numeric: Bool) {
        #expect(PresetDictionary.isNumericCode(system: system, code: code) == numeric)
    }
}

@Suite("Dictionary v1 sources")
struct DictionarySourceTests {
    @Test func embeddedCodesEqualSpecFile() throws {
        #expect(Array(DictionaryV1Source.codesTSV.utf8) == (try specFile("codes.tsv")),
                "DictionaryV1Source.swift is stale: run scripts/build-dictionary")
        #expect(DictionaryV1Source.codesTSV.hasSuffix("\n"))
    }

    @Test func embeddedPhrasesEqualSpecFile() throws {
        #expect(Array(DictionaryV1Source.phrases.utf8) == (try specFile("phrases.txt")),
                "DictionaryV1Source.swift is stale: run scripts/build-dictionary")
        #expect(DictionaryV1Source.phrases.hasSuffix("\n"))
    }

    @Test func specTableIsWellFormedAndUnique() throws {
        let lines = try specText("codes.tsv").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "system\tcode\tdisplay")
        #expect(lines.last == "", "codes.tsv must end with a newline")
        var seen: Set<String> = []
        for (index, line) in lines.dropFirst().dropLast().enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields.count == 3 && fields.allSatisfy { !$0.isEmpty }, "codes.tsv line \(index + 2)")
            let key = fields.prefix(2).joined(separator: "\t")
            #expect(seen.insert(key).inserted, "duplicate on codes.tsv line \(index + 2): \(key)")
        }
        #expect(CodeDisplays.count == seen.count)
        #expect(DictionaryV1Tables.rows.count == seen.count)
    }

    @Test func phrasesSkipCommentsAndBlankLines() {
        #expect(DictionaryV1Tables.parsePhrases("# c\n\nrash\n=SO\n") == ["rash", "=SO"])
        #expect(DictionaryV1Tables.parsePhrases("") == [])
        #expect(DictionaryV1Tables.phrases.allSatisfy { !$0.isEmpty && !$0.hasPrefix("#") })
    }
}

@Suite("Code displays")
struct CodeDisplaysTests {
    static let samples = ["minimal", "typical", "heavy"]

    @Test(arguments: samples)
    func everySampleCodeHasItsStandardDisplay(sample: String) throws {
        let url = try #require(Bundle.module.url(forResource: sample, withExtension: "json",
                                                 subdirectory: "Fixtures/samples"), "missing fixture \(sample)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        let entries = codedEntries(json)
        #expect(!entries.isEmpty, "\(sample): no coded entries found")
        for entry in entries {
            #expect(CodeDisplays.standardDisplay(system: entry.system, code: entry.code) == entry.text,
                    "\(sample) \(entry.path): \(entry.system):\(entry.code)")
        }
    }

    /// Rows the format requires verbatim (from the format brief; CDC CVX short descriptions, WHO titles).
    @Test(arguments: [
        ("cvx", "03", "MMR"), ("cvx", "09", "Td (adult), adsorbed"), ("cvx", "43", "Hep B, adult"),
        ("cvx", "510", "COVID-19 IV Non-US Vaccine (BIBP, Sinopharm)"),
        ("cvx", "208", "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose"), ("cvx", "05", "measles"),
        ("cvx", "10", "IPV"), ("cvx", "19", "BCG"), ("cvx", "182", "OPV, Unspecified"), ("cvx", "01", "DTP"),
        ("cvx", "173", "cholera, BivWC"), ("cvx", "88", "influenza, unspecified formulation"),
        ("cvx", "115", "Tdap"), ("cvx", "37", "yellow fever"),
        ("loinc", "56888-1", "HIV 1+2 Ag/Ab"), ("loinc", "5196-1", "HBsAg"), ("loinc", "16935-9", "Anti-HBs"),
        ("loinc", "13955-0", "HCV antibody"), ("loinc", "71773-6", "TB IGRA"), ("loinc", "36643-5", "Chest X-ray"),
        ("loinc", "2106-3", "Urine pregnancy test"), ("loinc", "20507-0", "Syphilis RPR"),
        ("loinc", "718-7", "Haemoglobin"), ("loinc", "4548-4", "HbA1c"),
        ("icd10", "E11.9", "Type 2 diabetes mellitus"), ("icd10", "F43.1", "Post-traumatic stress disorder"),
        ("icd10", "B86", "Scabies"), ("icd10", "Z34.9", "Supervision of normal pregnancy, unspecified"),
        ("icd10", "O99.0", "Anaemia complicating pregnancy, childbirth and the puerperium"),
        ("icd10", "O24.4", "Diabetes mellitus arising in pregnancy"), ("icd10", "Z22.7", "Latent tuberculosis"),
        ("icd10", "B65.9", "Schistosomiasis, unspecified"), ("icd10", "E55.9", "Vitamin D deficiency, unspecified"),
        ("icd10", "Z65.5", "Exposure to disaster, war and other hostilities"),
        ("icd10", "I10", "Essential (primary) hypertension"), ("icd10", "J45.9", "Asthma, unspecified"),
        ("atc", "A10BA02", "Metformin"), ("atc", "N06AB06", "Sertraline"), ("atc", "B03BB01", "Folic acid"),
        ("atc", "B03AA07", "Ferrous sulfate"), ("atc", "A10AB01", "Insulin (human)"),
        ("atc", "A11CC05", "Colecalciferol"), ("atc", "B01AC06", "Acetylsalicylic acid"),
        ("atc", "N02BE01", "Paracetamol"), ("atc", "A02BC01", "Omeprazole"),
        ("atc", "J04AC01", "Isoniazid"), ("atc", "J01CA04", "Amoxicillin"),
        ("snomed", "764146007", "Penicillin"), ("snomed", "387406002", "Sulfonamide"),
        ("snomed", "111088007", "Latex"),
    ])
    func requiredRows(system: String, code: String, display: String) {
        #expect(CodeDisplays.standardDisplay(system: system, code: code) == display)
    }

    @Test func unknownOrMiscasedCodesHaveNoDisplay() {
        #expect(CodeDisplays.standardDisplay(system: "cvx", code: "3") == nil)      // "03" only
        #expect(CodeDisplays.standardDisplay(system: "icd10", code: "e11.9") == nil)
        #expect(CodeDisplays.standardDisplay(system: "ICD10", code: "E11.9") == nil)
        #expect(CodeDisplays.standardDisplay(system: "icd10", code: "E11.90") == nil)
        #expect(CodeDisplays.standardDisplay(system: "", code: "") == nil)
        #expect(CodeDisplays.standardDisplay(system: "cvx\t03", code: "") == nil)
    }

    @Test func rowCountsPerSystem() {
        var counts: [String: Int] = [:]
        for row in DictionaryV1Tables.rows { counts[row.system, default: 0] += 1 }
        #expect(counts["cvx", default: 0] >= 70)
        #expect(counts["loinc", default: 0] >= 40)
        #expect(counts["icd10", default: 0] >= 80)
        #expect(counts["atc", default: 0] >= 70)
        #expect(counts["snomed", default: 0] >= 20)
        #expect(counts["icd11", default: 0] >= 1)
        #expect(Set(counts.keys) == ["cvx", "loinc", "icd10", "icd11", "atc", "snomed"])
    }
}
