import Foundation
import PHRCard
import Testing
@testable import PHRPrint

/// A4 sheets: 8 ID-1 cards per page with crop marks, then their stubs at the same positions.
@Suite(.enabled(if: Poppler.available, Comment(rawValue: Poppler.skipMessage)))
struct SheetTests {
    @Test func nineCardsMakeTwoSheetsOfCardsAndStubs() throws {
        var cards: [IssuedCard] = []
        var printable: [PrintableCard] = []
        for i in 0..<9 {
            let (card, _, p) = try PrintFixtures.card(i % 2 == 0 ? "minimal" : "typical")
            cards.append(card)
            printable.append(p)
        }
        let doc = try CardPrinter.sheetPDF(printable)
        #expect(doc.pageCount == 4)
        let sizes = try Poppler.pageSizes(doc.bytes)
        #expect(sizes.count == 4)
        for (w, h) in sizes { #expect(abs(w - points(210)) < 0.002 && abs(h - points(297)) < 0.002) }

        let fronts = try Poppler.rasterise(doc.bytes, page: 1, dpi: 200)
        let stubs = try Poppler.rasterise(doc.bytes, page: 2, dpi: 200)
        // Each card position is scanned on its own: position i holds card i, and its stub is at the same place.
        for i in 0..<8 {
            let (x, y) = Sheet.position(i)
            let region = try crop(fronts, x: x, y: y, dpi: 200)
            #expect(try scannedTexts(region) == [cards[i].qrText], "front position \(i)")
            let stub = try crop(stubs, x: x, y: y, dpi: 200)
            #expect(try scannedTexts(stub) == [cards[i].holderCode.digitString], "stub position \(i)")
        }
        let lastFront = try Poppler.rasterise(doc.bytes, page: 3, dpi: 200)
        #expect(try scannedTexts(lastFront) == [cards[8].qrText])
        let lastStub = try Poppler.rasterise(doc.bytes, page: 4, dpi: 200)
        #expect(try scannedTexts(lastStub) == [cards[8].holderCode.digitString])
    }

    /// Crop marks sit outside the card grid and continue the cut lines: the 8 cards fill 171.2 × 216 mm,
    /// centred on A4, and no mark is drawn inside it.
    @Test func cropMarksAreOnTheCutLinesOutsideTheGrid() throws {
        let (_, _, p) = try PrintFixtures.card("minimal")
        let doc = try CardPrinter.sheetPDF([p])
        let dpi = 300
        let page = try Poppler.rasterise(doc.bytes, page: 1, dpi: dpi)
        let x0 = (210 - 2 * 85.6) / 2, y0 = (297 - 4 * 54.0) / 2
        func dark(_ xmm: Double, _ ymm: Double) -> Bool {
            let x = Int(pixels(xmm, dpi: dpi).rounded()), y = Int(pixels(ymm, dpi: dpi).rounded())
            return (max(0, x - 1)...x + 1).contains { xx in (max(0, y - 1)...y + 1).contains { page.pixels[$0 * page.width + xx] < 160 } }
        }
        // Vertical marks above the grid on each column line, horizontal marks left of the grid on each row line.
        for c in 0...2 { #expect(dark(x0 + Double(c) * 85.6, y0 - 4), "vertical mark \(c)") }
        for r in 0...4 { #expect(dark(x0 - 4, y0 + Double(r) * 54), "horizontal mark \(r)") }
        // Between the marks (off the cut lines) the margin is blank.
        #expect(!dark(x0 + 40, y0 - 4))
        #expect(!dark(x0 - 4, y0 + 27))
    }

    @Test func emptySheetIsRejected() {
        #expect(throws: PrintError(.invalidParameter, "")) { try CardPrinter.sheetPDF([]) }
        do { _ = try CardPrinter.sheetPDF([]) } catch { #expect(error.code == "print.invalid-parameter") }
    }

    private func crop(_ image: GrayImage, x: Double, y: Double, dpi: Int) throws -> GrayImage {
        let px = Int(pixels(x, dpi: dpi)), py = Int(pixels(y, dpi: dpi))
        let w = Int(pixels(85.6, dpi: dpi)), h = Int(pixels(54, dpi: dpi))
        var out = [UInt8](repeating: 255, count: w * h)
        for row in 0..<h where py + row < image.height {
            for col in 0..<w where px + col < image.width {
                out[row * w + col] = image.pixels[(py + row) * image.width + px + col]
            }
        }
        return try GrayImage(width: w, height: h, pixels: out)
    }
}
