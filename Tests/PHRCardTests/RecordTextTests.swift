import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

@Suite("Record text: NFC and scripts")
struct RecordTextTests {
    @Test("names in any script survive byte for byte", arguments: [
        ("فاطمة", "الزهراء"),       // Arabic
        ("ሳባ", "ገብረመድህን"),         // Ethiopic (Tigrinya)
        ("Наталья", "Шевченко"),   // Cyrillic
        ("রহিম", "উদ্দিন"),          // Bengali
        ("Nguyễn", "Thị Ánh"),     // Vietnamese, precomposed
    ])
    func scripts(given: String, family: String) throws {
        let json = #"{"holder": {"given": "\#(given)", "family": "\#(family)"}}"#
        let record = try HealthRecord(jsonData: Array(json.utf8))
        #expect(Array(try #require(record.holder.given).utf8) == Array(given.utf8))
        #expect(Array(try #require(record.holder.family).utf8) == Array(family.utf8))
        #expect(Array(record.jsonData(prettyPrinted: false))
            == Array(#"{"holder":{"given":"\#(given)","family":"\#(family)"}}"#.utf8))
    }

    @Test("a decomposed é becomes composed")
    func decomposedBecomesComposed() throws {
        // "Jose" + U+0301 COMBINING ACUTE ACCENT, written raw and as JSON escapes.
        for json in [#"{"holder": {"given": "Jose\#u{301}"}}"#, #"{"holder": {"given": "Jose\u0301"}}"#] {
            let record = try HealthRecord(jsonData: Array(json.utf8))
            #expect(Array(try #require(record.holder.given).utf8) == [0x4A, 0x6F, 0x73, 0xC3, 0xA9])
            #expect(Array(record.jsonData(prettyPrinted: false))
                == [UInt8](#"{"holder":{"given":"Jos"#.utf8) + [0xC3, 0xA9] + [UInt8](#""}}"#.utf8))
        }
    }

    @Test("Bengali vowel sign O composes from its two parts (U+09C7 U+09BE → U+09CB)")
    func bengaliComposition() throws {
        let record = try HealthRecord(jsonData: Array(#"{"holder": {"given": "ম\u09C7\u09BEমি"}}"#.utf8))
        #expect(try #require(record.holder.given).unicodeScalars.map(\.value) == [0x09AE, 0x09CB, 0x09AE, 0x09BF])
    }

    @Test("Hangul jamo compose into a syllable")
    func hangul() throws {
        let record = try HealthRecord(jsonData: Array(#"{"holder": {"given": "\u1100\u1161"}}"#.utf8))
        #expect(try #require(record.holder.given).unicodeScalars.map(\.value) == [0xAC00])
    }

    @Test("JSON escapes, including surrogate pairs, decode to the right characters")
    func escapes() throws {
        let json = #"{"holder": {"given": "A\"\\\/\u00e9\ud83d\ude00"}, "notes": "a\nb\tc"}"#
        let record = try HealthRecord(jsonData: Array(json.utf8))
        #expect(record.holder.given == "A\"\\/é😀")
        #expect(record.notes == "a\nb\tc")
        #expect(String(decoding: record.jsonData(prettyPrinted: false), as: UTF8.self)
            == #"{"holder":{"given":"A\"\\/é😀"},"notes":"a\nb\tc"}"#)
    }
}
