import PHRCardCore
import PHRImaging
import PHRLocalization

/// A rendered document and what the renderer noticed on the way.
public struct PrintedDocument: Sendable {
    /// The file bytes (PDF or PNG).
    public let bytes: [UInt8]
    /// The number of pages (PDF) or stacked pages (PNG preview).
    public let pageCount: Int
    /// Holder languages without a translation (the card falls back to English for them), per card, deduplicated.
    public let missingLanguages: [String]
    /// Glyphs that no installed font covers (drawn as empty boxes); 0 when every text could be shaped.
    public let unknownGlyphs: Int
}

/// Lays out and renders printed cards: the card front with its QR code at an exact physical module size, and the
/// detachable holder-code stub. Text in any script is shaped by Pango with the Noto fonts.
///
/// - ID-1 (`.id1`): a two-page PDF of 85.6 × 54 mm pages, the front and then the stub (to be printed on a separate
///   card or slip, so that the code is kept apart from the card; the stub has a dashed cut frame).
/// - A6 (`.a6`): one 105 × 148 mm page, the card panel above a dashed cut line and the stub below it.
/// - Sheets: A4 pages with 8 ID-1 cards (2 columns × 4 rows) and crop marks, each followed by an A4 page with the
///   8 stubs at the same positions (not mirrored: print single-sided, never on the back of the cards).
public enum CardPrinter {
    /// Renders one card as a vector PDF.
    /// - Parameters:
    ///   - card: what to print.
    ///   - options: layout, module size, error correction, name visibility, issuer name.
    /// - Returns: the PDF and notes (missing translations, uncovered glyphs).
    /// - Throws: `PrintError` `.qrTooLarge` when the QR does not fit the layout, `.invalidParameter` for a module
    ///   size outside 0.25...2 mm, `.qrEncoding`, `.rendering`.
    public static func pdf(_ card: PrintableCard, options: PrintOptions = PrintOptions()) throws(PrintError)
        -> PrintedDocument
    {
        let prepared = try PreparedCard(card, options: options)
        try CardPainter.checkFits(prepared)
        let pages = pages(for: prepared)
        let (bytes, unknown) = try Surfaces.pdf(pages, title: "Personal Health Record card")
        return PrintedDocument(bytes: bytes, pageCount: pages.count, missingLanguages: prepared.texts.missing,
                               unknownGlyphs: unknown)
    }

    /// Renders one card's pages as a greyscale PNG preview (pages one below the other, 4 mm grey gap).
    /// - Parameters:
    ///   - card: what to print.
    ///   - options: as for ``pdf(_:options:)``.
    ///   - dpi: resolution, 50...1200 (default 300); stored in the PNG's pHYs chunk.
    /// - Throws: as ``pdf(_:options:)``; `.pngEncode` if writing the PNG fails.
    public static func previewPNG(_ card: PrintableCard, options: PrintOptions = PrintOptions(), dpi: Double = 300)
        throws(PrintError) -> PrintedDocument
    {
        let prepared = try PreparedCard(card, options: options)
        try CardPainter.checkFits(prepared)
        let pages = pages(for: prepared)
        let (image, unknown) = try Surfaces.raster(pages, dpi: dpi)
        let png: [UInt8]
        do throws(ImagingError) { png = try PNG.encode(image, bitDepth: 8, dpi: dpi) } catch {
            throw PrintError(.pngEncode, error.message)
        }
        return PrintedDocument(bytes: png, pageCount: pages.count, missingLanguages: prepared.texts.missing,
                               unknownGlyphs: unknown)
    }

    /// Checks that a card's QR code fits the layout at the module size, without rendering.
    /// - Throws: `.qrTooLarge` (with the largest module size that would fit), `.invalidParameter`, `.qrEncoding`.
    public static func checkFits(_ card: PrintableCard, options: PrintOptions) throws(PrintError) {
        try CardPainter.checkFits(try PreparedCard(card, options: options))
    }

    /// The number of ID-1 cards on one A4 sheet.
    public static let cardsPerSheet = 8

    /// Renders cards on A4 sheets: for every 8 cards a page of fronts (2 × 4, abutting, with crop marks) and then
    /// a page of their stubs at the same positions. Only the ID-1 layout is used (`options.layout` is ignored).
    /// - Parameters:
    ///   - cards: 1 to 10 000 cards.
    ///   - options: module size, error correction, name visibility, issuer name.
    /// - Throws: `.invalidParameter` for no cards or too many, and the errors of ``pdf(_:options:)``.
    public static func sheetPDF(_ cards: [PrintableCard], options: PrintOptions = PrintOptions()) throws(PrintError)
        -> PrintedDocument
    {
        guard !cards.isEmpty, cards.count <= 10_000 else {
            throw PrintError(.invalidParameter, "a sheet needs 1 to 10000 cards, not \(cards.count)")
        }
        var id1 = options
        id1.layout = .id1
        var prepared: [PreparedCard] = []
        for card in cards {
            let p = try PreparedCard(card, options: id1)
            try CardPainter.checkFits(p)
            prepared.append(p)
        }
        var pages: [PageSpec] = []
        var missing: [String] = []
        for p in prepared { for m in p.texts.missing where !missing.contains(m) { missing.append(m) } }
        for start in stride(from: 0, to: prepared.count, by: cardsPerSheet) {
            let group = Array(prepared[start..<min(start + cardsPerSheet, prepared.count)])
            pages.append(Sheet.page(group, stubs: false))
            pages.append(Sheet.page(group, stubs: true))
        }
        let (bytes, unknown) = try Surfaces.pdf(pages, title: "Personal Health Record cards")
        return PrintedDocument(bytes: bytes, pageCount: pages.count, missingLanguages: missing, unknownGlyphs: unknown)
    }

    static func pages(for p: PreparedCard) -> [PageSpec] {
        switch p.options.layout {
        case .id1:
            let w = PrintGeometry.id1Width, h = PrintGeometry.id1Height
            return [
                PageSpec(width: w, height: h) { canvas throws(PrintError) in
                    try CardPainter.drawFront(p, on: canvas, width: w, height: h)
                },
                PageSpec(width: w, height: h) { canvas throws(PrintError) in
                    try CardPainter.drawStub(p, on: canvas, width: w, height: h)
                    CardPainter.drawCutFrame(on: canvas, width: w, height: h)
                },
            ]
        case .a6:
            return [PageSpec(width: A6.width, height: A6.height) { canvas throws(PrintError) in
                try CardPainter.drawFront(p, on: canvas, width: A6.width, height: A6.cardHeight)
                try canvas.translated(0, A6.cardHeight) { () throws(PrintError) in
                    try CardPainter.drawStub(p, on: canvas, width: A6.width, height: A6.stubHeight)
                }
                CardPainter.drawCutLine(on: canvas, y: A6.cardHeight, width: A6.width)
            }]
        }
    }
}
