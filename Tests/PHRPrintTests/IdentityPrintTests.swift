import Foundation
import PHRCard
import Testing
@testable import PHRPrint

/// Unknown and self-declared identity on the printed card: shown plainly, never a blank or a guess.
@Suite struct IdentityPrintTests {
    static func printable(_ holder: Holder) throws -> PrintableCard {
        let record = HealthRecord(holder: holder)
        let randomness = (0..<16).flatMap { SHA256.hash(Array("identity print \($0)".utf8)) }
        let card = try CardIssuer.issue(record, signingKey: PrintFixtures.issuer,
                                        options: IssueOptions(issuerID: "TEST-CLINIC", issuedAt: PrintFixtures.now),
                                        random: FixedRandom(randomness))
        return PrintableCard(card: card, record: record, issuerID: "TEST-CLINIC")
    }

    @Test func unknownNameAndBirthDateArePrintedAsUnknown() throws {
        let p = try Self.printable(Holder(sex: .male, unknown: [.name, .birthDate]))
        #expect(p.holderName == "name unknown" && p.holderBirthDateText == "birth date unknown")
        let doc = try CardPrinter.pdf(p, options: PrintOptions(layout: .id1, moduleSizeMM: 0.40))
        #expect(doc.unknownGlyphs == 0)
        let text = try Poppler.text(doc.bytes)
        #expect(text.contains("name unknown"))
        #expect(text.contains("birth date unknown"))
    }

    @Test func selfDeclaredNameAndBirthDateAreMarked() throws {
        let p = try Self.printable(Holder(given: "Yonas", birthDate: try PartialDate("2010"), declared: [.name, .birthDate]))
        #expect(p.holderName == "Yonas (self-declared)" && p.holderBirthDateText == "2010 (self-declared)")
        for layout in CardLayout.allCases {
            let doc = try CardPrinter.pdf(p, options: PrintOptions(layout: layout, moduleSizeMM: 0.40))
            #expect(doc.unknownGlyphs == 0)
            let text = try Poppler.text(doc.bytes)
            #expect(text.contains("Yonas (self-declared)"), "\(layout)")
            #expect(text.contains("2010 (self-declared)"), "\(layout)")
        }
    }

    @Test func documentedIdentityHasNoMark() throws {
        let p = try Self.printable(Holder(given: "Amina", family: "Yusuf", birthDate: try PartialDate("1990-03-14")))
        #expect(p.holderName == "Amina Yusuf" && p.holderBirthDateText == "1990-03-14")
    }
}
