import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

@Suite struct SizeClassTests {
    /// Each class is the largest card that fits its QR version at level M (prefix alphanumeric, digits numeric),
    /// checked against the QR capacity tables.
    @Test(arguments: SizeClass.all)
    func classFillsItsQRVersion(c: SizeClass) {
        func version(_ bytes: Int) -> Int? {
            QRCode.minimumVersion(for: [.alphanumeric(CardFormat.prefix),
                                        .numeric(String(repeating: "1", count: NumericText.digitCount(forByteCount: bytes)))],
                                  errorCorrection: .M)
        }
        #expect(version(c.cardBytes) == c.qrVersionAtM)
        #expect((version(c.cardBytes + 1) ?? 41) > c.qrVersionAtM)
    }

    @Test func classesAreOrderedAndLookupsWork() {
        #expect(SizeClass.all.map(\.cardBytes) == SizeClass.all.map(\.cardBytes).sorted())
        #expect(SizeClass.smallest(holding: 1)?.number == 1)
        #expect(SizeClass.smallest(holding: 244)?.number == 2)
        #expect(SizeClass.smallest(holding: CardFormat.maxCardBytes + 1) == nil)
        #expect(SizeClass.of(cardBytes: 612)?.qrVersionAtM == 19)
        #expect(SizeClass.of(cardBytes: 611)?.qrVersionAtM == 19)
        #expect(SizeClass.of(cardBytes: 600) == nil)
    }
}

@Suite struct HolderCodeTests {
    static let codes: [HolderCode] = (0..<40).map { i in HolderCode(random: FixedRandom(SHA256.hash([UInt8(i)]) + SHA256.hash([UInt8(i), 1]))) }

    @Test func formatIsFiveGroupsOfFourDigits() throws {
        for c in Self.codes {
            let groups = c.description.split(separator: "-")
            #expect(groups.count == 5 && groups.allSatisfy { $0.count == 4 && $0.allSatisfy(\.isNumber) })
            #expect(try HolderCode(parsing: c.description) == c)
            #expect(try HolderCode(parsing: c.description.replacingOccurrences(of: "-", with: " ")) == c)
            #expect(try HolderCode(parsing: c.description.replacingOccurrences(of: "-", with: "")) == c)
        }
    }

    @Test func everySingleDigitErrorIsCaughtAsMistyped() throws {
        for c in Self.codes.prefix(10) {
            for i in 0..<20 {
                for d in 0..<10 where UInt8(d) + 48 != c.digits[i] {
                    var digits = c.digits
                    digits[i] = UInt8(d) + 48
                    let text = String(decoding: digits, as: UTF8.self)
                    #expect(throws: PHRCardError(.holderCodeMistyped, "")) { try HolderCode(parsing: text) }
                }
            }
        }
    }

    @Test func everyAdjacentSwapIsCaughtAsMistyped() {
        for c in Self.codes {
            for i in 0..<19 where c.digits[i] != c.digits[i + 1] {
                var digits = c.digits
                digits.swapAt(i, i + 1)
                let text = String(decoding: digits, as: UTF8.self)
                #expect(throws: PHRCardError(.holderCodeMistyped, "")) { try HolderCode(parsing: text) }
            }
        }
    }

    @Test func badFormats() {
        for text in ["", "1234", "1234-5678-9012-3456-789", "1234-5678-9012-3456-78901", "1234-5678-9012-3456-789x", "١٢٣٤-5678-9012-3456-7890"] {
            #expect(throws: PHRCardError(.holderCodeFormat, "")) { try HolderCode(parsing: text) }
        }
    }

    /// Published Verhoeff examples: 236 → check digit 3; 12345 → 1; 142857 → 0.
    @Test func verhoeffKnownAnswers() {
        #expect(Verhoeff.checkDigit(for: [2, 3, 6]) == 3)
        #expect(Verhoeff.checkDigit(for: [1, 2, 3, 4, 5]) == 1)
        #expect(Verhoeff.checkDigit(for: [1, 4, 2, 8, 5, 7]) == 0)
        #expect(Verhoeff.isValid([2, 3, 6, 3]))
        #expect(!Verhoeff.isValid([2, 3, 6, 4]))
    }
}

@Suite struct QRTextTests {
    @Test func roundTripAndWhitespace() throws {
        let bytes: [UInt8] = [0xd2, 0x84, 0x00, 0xff, 0x10, 0x20, 0x30, 0x40, 0x50]
        let text = QRText.encode(bytes)
        #expect(text == "PHR1:" + NumericText.encode(bytes))
        #expect(try QRText.decode(text) == bytes)
        #expect(try QRText.decode("  \(text)\r\n") == bytes)
    }

    @Test func errors() {
        #expect(throws: PHRCardError(.badPrefix, "")) { try QRText.decode("HC1:NCFOXN") }
        #expect(throws: PHRCardError(.badPrefix, "")) { try QRText.decode("phr1:123") }
        #expect(throws: PHRCardError(.nonDigit, "")) { try QRText.decode("PHR1:12a") }
        #expect(throws: PHRCardError(.badLength, "")) { try QRText.decode("PHR1:1234") }
        #expect(throws: PHRCardError(.groupOverflow, "")) { try QRText.decode("PHR1:256") }
        #expect(throws: PHRCardError(.cardTooLarge, "")) {
            try QRText.decode("PHR1:" + String(repeating: "0", count: NumericText.digitCount(forByteCount: CardFormat.maxCardBytes + 7)))
        }
    }
}

@Suite struct CompactDateTests {
    /// Day numbers against an independent count: 1900-01-01 is day 0, 1900 is not a leap year, 2000 is.
    @Test func dayNumbers() {
        #expect(CompactRecord.daysSinceEpoch(year: 1900, month: 1, day: 1) == 0)
        #expect(CompactRecord.daysSinceEpoch(year: 1900, month: 3, day: 1) == 59)
        #expect(CompactRecord.daysSinceEpoch(year: 1901, month: 1, day: 1) == 365)
        #expect(CompactRecord.daysSinceEpoch(year: 1970, month: 1, day: 1) == 25_567)
        #expect(CompactRecord.daysSinceEpoch(year: 2000, month: 3, day: 1) == 36_584)
        #expect(CompactRecord.daysSinceEpoch(year: 2079, month: 6, day: 6) == 65_535)
        for n in stride(from: 0, through: 65_535, by: 97) {
            let (y, m, d) = CompactRecord.dateFromDays(n)
            #expect(CompactRecord.daysSinceEpoch(year: y, month: m, day: d) == n)
        }
    }

    @Test func encodings() throws {
        #expect(CompactRecord.date(try PartialDate("1900-01-01")) == .unsignedInt(0))
        #expect(CompactRecord.date(try PartialDate("2079-06-06")) == .unsignedInt(65_535))
        #expect(CompactRecord.date(try PartialDate("2079-06-07")) == .textString("2079-06-07"))
        #expect(CompactRecord.date(try PartialDate("1990")) == .negativeInt(90 * 13))
        #expect(CompactRecord.date(try PartialDate("1990-03")) == .negativeInt(90 * 13 + 3))
        #expect(CompactRecord.date(try PartialDate("2150-12")) == .negativeInt(250 * 13 + 12))
    }

    @Test func codeNumericForms() {
        #expect(CompactRecord.numericCode("03", .cvx) == 3)
        #expect(CompactRecord.numericCode("3", .cvx) == nil)
        #expect(CompactRecord.numericCode("510", .cvx) == 510)
        #expect(CompactRecord.numericCode("56888-1", .loinc) == 568_881)
        #expect(CompactRecord.numericCode("568881", .loinc) == nil)
        #expect(CompactRecord.numericCode("764146007", .snomed) == 764_146_007)
        #expect(CompactRecord.numericCode("0764146007", .snomed) == nil)
        #expect(CompactRecord.numericCode("E11.9", .icd10) == nil)
    }
}
