import Foundation
import PHRCard
import Testing
@testable import PHRPrint

/// Rendering without poppler: previews, fonts, errors.
@Suite struct RenderingTests {
    /// Every translation (and every sample name) is shaped with an installed font: no empty boxes.
    @Test(arguments: TranslationTests.required)
    func everyLanguageRendersWithoutMissingGlyphs(language: String) throws {
        var (_, _, p) = try PrintFixtures.card("typical")
        p.holderLanguages = [language]
        let doc = try CardPrinter.pdf(p, options: PrintFixtures.options("typical"))
        #expect(doc.unknownGlyphs == 0, "\(language): \(doc.unknownGlyphs) glyphs without a font")
        #expect(doc.missingLanguages.isEmpty)
    }

    @Test(arguments: PrintFixtures.samples, CardLayout.allCases)
    func samplesRenderWithoutMissingGlyphs(sample: String, layout: CardLayout) throws {
        let (_, _, p) = try PrintFixtures.card(sample)
        let doc = try CardPrinter.pdf(p, options: PrintFixtures.options(sample, layout: layout))
        #expect(doc.unknownGlyphs == 0)
        #expect(doc.bytes.starts(with: Array("%PDF-".utf8)))
    }

    @Test func unknownLanguageIsReported() throws {
        var (_, _, p) = try PrintFixtures.card("minimal")
        p.holderLanguages = ["so", "wo"]
        #expect(try CardPrinter.pdf(p).missingLanguages == ["wo"])
    }

    /// The preview is a greyscale PNG at the requested dpi whose pixels are the page sizes at that dpi, and its
    /// QR codes read back.
    @Test(arguments: [(CardLayout.id1, 300), (.a6, 200)])
    func previewHasTheRightSizeAndScans(layout: CardLayout, dpi: Int) throws {
        let (card, _, p) = try PrintFixtures.card("typical")
        let doc = try CardPrinter.previewPNG(p, options: PrintOptions(layout: layout), dpi: Double(dpi))
        #expect(PNG.physicalDPI(doc.bytes).map { abs($0 - Double(dpi)) < 0.1 } == true)
        let image = try PNG.decode(doc.bytes)
        let (wmm, hmm) = layout == .id1 ? (85.6, 54.0 + 4 + 54) : (105, 148)
        #expect(image.width == Int(pixels(wmm, dpi: dpi).rounded(.up)))
        #expect(image.height == Int(pixels(hmm, dpi: dpi).rounded(.up)))
        #expect(try scannedTexts(image) == [card.qrText, card.holderCode.digitString])
    }

    @Test func qrTooLargeForID1SaysWhatFits() throws {
        let (_, _, p) = try PrintFixtures.card("heavy")   // version 30 at M: 145 modules with the quiet zone
        do {
            _ = try CardPrinter.pdf(p, options: PrintOptions(layout: .id1, moduleSizeMM: 0.40))
            Issue.record("expected print.qr-too-large")
        } catch {
            #expect(error.code == "print.qr-too-large")
            // 54 mm / 145 modules = 0.3724 mm: the largest module that fits, rounded down.
            #expect(error.message.contains("0.37"), "\(error.message)")
            #expect(error.message.contains("--layout a6"))
        }
        #expect(throws: PrintError(.qrTooLarge, "")) { try CardPrinter.checkFits(p, options: PrintOptions()) }
        // 0.67 mm: 145 × 0.67 = 97.15 mm, wider than A6 less its margins (99 mm)? No: fits; 0.70 mm does not.
        #expect(throws: PrintError(.qrTooLarge, "")) {
            try CardPrinter.pdf(p, options: PrintOptions(layout: .a6, moduleSizeMM: 0.70))
        }
    }

    @Test func moduleSizeOutOfRangeIsRejected() throws {
        let (_, _, p) = try PrintFixtures.card("minimal")
        for mm in [0.2, 0, -1, .nan, 3] {
            #expect(throws: PrintError(.invalidParameter, ""), "\(mm)") {
                try CardPrinter.pdf(p, options: PrintOptions(moduleSizeMM: mm))
            }
        }
    }

    @Test func previewResolutionOutOfRangeIsRejected() throws {
        let (_, _, p) = try PrintFixtures.card("minimal")
        for dpi in [10.0, 5000, .infinity] {
            #expect(throws: PrintError(.invalidParameter, "")) { try CardPrinter.previewPNG(p, dpi: dpi) }
        }
    }

    @Test func invalidQRTextIsAnEncodingError() throws {
        var (_, _, p) = try PrintFixtures.card("minimal")
        p.qrText = "PHR1:12a4"
        #expect(throws: PrintError(.qrEncoding, "")) { try CardPrinter.pdf(p) }
    }

    @Test func errorCodesAreStable() {
        #expect(PrintError.Kind.allCases.map { PrintError($0, "").code } == [
            "print.qr-too-large", "print.invalid-parameter", "print.qr-encoding", "print.rendering", "print.png-encode",
        ])
        #expect(PrintError(.rendering, "x").description == "print.rendering: x")
    }

    /// Dates are printed as UTC calendar dates (hand-checked values).
    @Test func datesAreUTCCalendarDates() {
        #expect(PrintText.date(0) == "1970-01-01")
        #expect(PrintText.date(951_782_400) == "2000-02-29")
        #expect(PrintText.date(1_780_000_000) == "2026-05-28")
        #expect(PrintText.date(-1) == "1969-12-31")
        #expect(PrintText.date(4_102_444_799) == "2099-12-31")
    }

    @Test func cardIDIsGroupedHex() {
        let p = PrintableCard(qrText: "PHR1:0", holderCode: HolderCode(),
                              cardID: [0x01, 0xAB, 0xFF, 0x10, 0, 1, 2, 3], issuerID: "X", issuedAt: 0, expiresAt: 0)
        #expect(p.cardIDText == "01ab ff10 0001 0203")
        #expect(p.shortReference == "00010203")
        #expect(p.holderName == nil)
    }
}
