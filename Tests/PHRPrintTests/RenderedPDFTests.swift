import Foundation
import PHRCard
import Testing
@testable import PHRPrint

/// Renders the sample cards as PDF, rasterises them with poppler's pdftoppm (an independent PDF renderer) at
/// phone-camera-like resolutions and reads them back with zbar.
@Suite(.enabled(if: Poppler.available, Comment(rawValue: Poppler.skipMessage)))
struct RenderedPDFTests {
    static let cases: [(String, CardLayout, Int)] = PrintFixtures.samples.flatMap { s in
        [CardLayout.id1, .a6].flatMap { layout in [300, 200].map { (s, layout, $0) } }
    }

    @Test(arguments: cases)
    func cardQRScansToTheCardText(sample: String, layout: CardLayout, dpi: Int) throws {
        let (card, _, printable) = try PrintFixtures.card(sample)
        let doc = try CardPrinter.pdf(printable, options: PrintFixtures.options(sample, layout: layout))
        let page = try Poppler.rasterise(doc.bytes, page: 1, dpi: dpi)
        let texts = try scannedTexts(page)
        #expect(texts.contains(card.qrText), "\(sample) \(layout) at \(dpi) dpi: card QR not read back")
        // Page 1 of ID-1 is the front only: no holder code on it. A6 carries the stub on the same page.
        #expect(texts.contains(card.holderCode.digitString) == (layout == .a6), "\(sample) \(layout) \(dpi) dpi")
        #expect(texts.isSubset(of: [card.qrText, card.holderCode.digitString]))
    }

    @Test(arguments: PrintFixtures.samples, [300, 200])
    func stubQRScansToTheHolderCode(sample: String, dpi: Int) throws {
        let (card, _, printable) = try PrintFixtures.card(sample)
        let doc = try CardPrinter.pdf(printable, options: PrintFixtures.options(sample))
        #expect(doc.pageCount == 2)
        let stub = try Poppler.rasterise(doc.bytes, page: 2, dpi: dpi)
        #expect(try scannedTexts(stub) == [card.holderCode.digitString], "\(sample) stub at \(dpi) dpi")
        #expect(card.holderCode.digitString.count == 20)
    }

    /// The finder pattern in the top-left corner is 7 modules wide and high: measure it in pixels on a 600 dpi
    /// rendering and compare with 7 × module mm × 600 / 25.4.
    @Test(arguments: [("typical", 0.40), ("typical", 0.50), ("minimal", 0.33), ("heavy", 0.35)])
    func moduleSizeOnThePageIsTheRequestedOne(sample: String, moduleMM: Double) throws {
        let (_, _, printable) = try PrintFixtures.card(sample)
        let doc = try CardPrinter.pdf(printable, options: PrintOptions(layout: .id1, moduleSizeMM: moduleMM))
        let dpi = 600
        let image = try Poppler.rasterise(doc.bytes, page: 1, dpi: dpi)
        // The QR is on the left of the ID-1 front; the text column starts after it. Look at the left 30%.
        let limit = image.width * 3 / 10
        func dark(_ x: Int, _ y: Int) -> Bool { image.pixels[y * image.width + x] < 128 }
        let top = try #require((0..<image.height).first { y in (0..<limit).contains { dark($0, y) } })
        let left = try #require((0..<limit).first { dark($0, top) })
        var right = left
        while right < image.width && dark(right, top) { right += 1 }
        var bottom = top
        while bottom < image.height && dark(left, bottom) { bottom += 1 }
        let expected = pixels(7 * moduleMM, dpi: dpi)
        #expect(abs(Double(right - left) - expected) <= 2, "width \(right - left) px, expected \(expected)")
        #expect(abs(Double(bottom - top) - expected) <= 2, "height \(bottom - top) px, expected \(expected)")
    }

    @Test(arguments: PrintFixtures.samples)
    func pagesAreExactlyID1(sample: String) throws {
        let (_, _, printable) = try PrintFixtures.card(sample)
        let doc = try CardPrinter.pdf(printable, options: PrintFixtures.options(sample))
        let sizes = try Poppler.pageSizes(doc.bytes)
        #expect(sizes.count == 2)
        for (w, h) in sizes {
            // pdfinfo prints 3 decimals: 85.6 mm = 242.646 pt, 54 mm = 153.071 pt.
            #expect(abs(w - 242.646) < 0.002 && abs(h - 153.071) < 0.002, "\(w) × \(h) pt")
            #expect(abs(w * 25.4 / 72 - 85.6) < 0.001 && abs(h * 25.4 / 72 - 54) < 0.001)
        }
        // The MediaBox in the file itself says the same.
        let pdf = String(decoding: doc.bytes, as: UTF8.self)
        #expect(pdf.contains("/MediaBox [ 0 0 242.645669 153.070866 ]") || pdf.contains("/MediaBox [0 0 242.645669 153.070866]"),
                "MediaBox of 85.6 × 54 mm not found")
    }

    @Test func a6PageIsA6() throws {
        let (_, _, printable) = try PrintFixtures.card("heavy")
        let doc = try CardPrinter.pdf(printable, options: PrintOptions(layout: .a6))
        let sizes = try Poppler.pageSizes(doc.bytes)
        #expect(sizes.count == 1)
        let (w, h) = try #require(sizes.first)
        #expect(abs(w - points(105)) < 0.002 && abs(h - points(148)) < 0.002, "\(w) × \(h) pt")
    }

    /// Nothing of the health record is readable on the printed card; the name is, unless it is left off.
    @Test(arguments: PrintFixtures.samples)
    func noHealthDataInClear(sample: String) throws {
        let (card, record, printable) = try PrintFixtures.card(sample)
        for showName in [true, false] {
            var options = PrintFixtures.options(sample)
            options.showHolderName = showName
            let text = try Poppler.text(try CardPrinter.pdf(printable, options: options).bytes)
            #expect(text.contains("Personal Health Record card"))
            #expect(text.contains(card.holderCode.description.replacingOccurrences(of: "-", with: " ")))
            var clinical: [String] = []
            clinical += (record.allergies ?? []).compactMap(\.text)
            clinical += (record.conditions ?? []).compactMap(\.text)
            clinical += (record.medications ?? []).compactMap(\.text)
            clinical += (record.immunizations ?? []).compactMap(\.text)
            for item in clinical where item.count >= 4 {
                #expect(!text.contains(item), "\(sample): \"\(item)\" printed in clear")
            }
            if let family = record.holder.family {
                #expect(text.contains(family) == showName, "\(sample) showName=\(showName): family name")
            }
            if let born = record.holder.birthDate?.description {
                #expect(text.contains(born) == showName, "\(sample) showName=\(showName): birth date")
            }
        }
    }
}
