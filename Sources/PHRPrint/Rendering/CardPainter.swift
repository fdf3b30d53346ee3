import PHRCardCore
import PHRImaging
import PHRLocalization

/// One card ready to draw: its QR codes encoded and its texts chosen.
struct PreparedCard {
    let card: PrintableCard
    let options: PrintOptions
    /// The card's QR code.
    let qr: QRCode
    /// The holder code as a numeric-mode QR code (for the stub).
    let codeQR: QRCode
    let texts: CardTexts.Selection

    /// The card QR's edge including its quiet zone, in mm.
    var qrSide: Double { Double(qr.size + 2 * PrintGeometry.quietZoneModules) * options.moduleSizeMM }
    var codeQRSide: Double { Double(codeQR.size + 2 * PrintGeometry.quietZoneModules) * options.moduleSizeMM }

    init(_ card: PrintableCard, options: PrintOptions) throws(PrintError) {
        guard options.moduleSizeMM.isFinite, options.moduleSizeMM >= PrintOptions.minimumModuleSizeMM,
              options.moduleSizeMM <= 2 else {
            throw PrintError(.invalidParameter, "a QR module of \(options.moduleSizeMM) mm is outside 0.25...2 mm")
        }
        self.card = card
        self.options = options
        do {
            qr = try QRCode.encode(prefixedNumericText: card.qrText, errorCorrection: options.errorCorrection)
            codeQR = try QRCode.encode(segments: [.numeric(String(decoding: card.holderCode.digits, as: UTF8.self))],
                                       errorCorrection: .M)
        } catch {
            throw PrintError(.qrEncoding, "\(error.code): \(error.message)")
        }
        texts = CardTexts.select(holderLanguages: card.holderLanguages)
    }
}

/// Draws the card front and the holder-code stub into a panel of a page.
enum CardPainter {
    /// Smallest width of the text column next to the QR code on an ID-1 front, in mm.
    static let minimumColumn = 24.0
    static let margin = 3.0

    // MARK: Fit checks

    /// Throws `.qrTooLarge` if the card QR does not fit the front panel of `layout`.
    static func checkFits(_ p: PreparedCard) throws(PrintError) {
        let q = p.qrSide
        let m = p.options.moduleSizeMM
        let modules = p.qr.size + 2 * PrintGeometry.quietZoneModules
        let limit: Double
        let what: String
        switch p.options.layout {
        case .id1:
            limit = min(PrintGeometry.id1Height, PrintGeometry.id1Width - minimumColumn - margin - 1)
            what = "an ID-1 card (85.6 × 54 mm) holds at most \(fmt(limit)) mm"
        case .a6:
            limit = A6.width - 2 * margin
            what = "an A6 card holds at most \(fmt(limit)) mm"
        }
        guard q <= limit + 1e-9 else {
            let largest = (limit / Double(modules) * 1000).rounded(.down) / 1000
            var advice = "use a smaller --module-mm (at most \(fmt(largest)) mm"
            advice += largest < PrintOptions.minimumModuleSizeMM ? ", below the printable minimum)" : ")"
            if p.options.layout == .id1 { advice += " or --layout a6" }
            advice += ", or a lower --ecc"
            throw PrintError(.qrTooLarge, """
                the QR code (version \(p.qr.version), \(p.qr.size) modules + \(2 * PrintGeometry.quietZoneModules) \
                quiet zone) is \(fmt(q)) mm at \(fmt(m)) mm per module; \(what): \(advice)
                """)
        }
    }

    static func fmt(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    // MARK: Front

    /// A line of the text column.
    private struct Block {
        var text: String
        var style: Canvas.Style
        var gapBefore: Double
        var label: String?
    }

    /// Draws the card front into the panel (0, 0, width, height) of the current origin.
    static func drawFront(_ p: PreparedCard, on canvas: Canvas, width: Double, height: Double) throws(PrintError) {
        try checkFits(p)
        let q = p.qrSide
        let m = p.options.moduleSizeMM
        switch p.options.layout {
        case .id1:
            let qy = max(0, (height - q) / 2)
            let qx = min(qy, 1.5)
            canvas.draw(qr: p.qr, x: qx, y: qy, module: m, quietZone: PrintGeometry.quietZoneModules)
            let cx = qx + q + 0.5
            try drawColumn(p, on: canvas, x: cx, y: margin, width: width - cx - margin, height: height - 2 * margin)
        case .a6:
            let qx = (width - q) / 2
            canvas.draw(qr: p.qr, x: qx, y: margin, module: m, quietZone: PrintGeometry.quietZoneModules)
            let top = margin + q + 1
            try drawColumn(p, on: canvas, x: margin + 2, y: top, width: width - 2 * margin - 4,
                           height: height - top - margin)
        }
    }

    /// The title, name and card facts, top to bottom, shrunk together until they fit the column.
    private static func drawColumn(_ p: PreparedCard, on canvas: Canvas, x: Double, y: Double, width: Double,
                                   height: Double) throws(PrintError) {
        let big = p.options.layout == .a6 ? 1.25 : 1.0
        func blocks(_ f: Double) -> (top: [Block], bottom: [Block]) {
            var top: [Block] = []
            for (i, t) in p.texts.titles.enumerated() {
                top.append(Block(text: t.text, style: .init(size: (i == 0 ? 2.5 : 2.0) * f * big, bold: i == 0,
                                                            gray: i == 0 ? 0 : 0.2, minSize: 1.3),
                                 gapBefore: i == 0 ? 0 : 0.15 * f))
            }
            if p.options.showHolderName {
                if let name = p.card.holderName {
                    top.append(Block(text: name, style: .init(size: 3.2 * f * big, bold: true, minSize: 1.8),
                                     gapBefore: 1.6 * f))
                }
                if let born = p.card.holderBirthDateText {
                    top.append(Block(text: born, style: .init(size: 2.0 * f * big, minSize: 1.3),
                                     gapBefore: 0.2 * f, label: "Born"))
                }
            }
            var bottom: [Block] = []
            let issuer = p.options.issuerName.map { "\($0) (\(p.card.issuerID))" } ?? p.card.issuerID
            let small = Canvas.Style(size: 1.75 * f * big, minSize: 1.2)
            bottom.append(Block(text: issuer, style: small, gapBefore: 0, label: "Issuer"))
            bottom.append(Block(text: p.card.cardIDText, style: small, gapBefore: 0.1 * f, label: "Card"))
            bottom.append(Block(text: PrintText.date(p.card.issuedAt), style: small, gapBefore: 0.1 * f,
                                label: "Issued"))
            bottom.append(Block(text: PrintText.date(p.card.expiresAt), style: small, gapBefore: 0.1 * f,
                                label: "Expires"))
            return (top, bottom)
        }
        let labelWidth = 9.0 * big
        func columnHeight(of list: [Block], _ f: Double) -> Double {
            list.reduce(0) { sum, b in
                let w = b.label == nil ? width : width - labelWidth * f
                return sum + b.gapBefore + canvas.measure(b.text, b.style, width: w).height
            }
        }
        var f = 1.0
        var (top, bottom) = blocks(f)
        let ruleGap = 1.2
        while f > 0.5 && columnHeight(of: top, f) + columnHeight(of: bottom, f) + ruleGap * 2 > height {
            f *= 0.93
            (top, bottom) = blocks(f)
        }
        func draw(_ list: [Block], from start: Double) -> Double {
            var cy = start
            for b in list {
                cy += b.gapBefore
                if let label = b.label {
                    let lw = labelWidth * f
                    let labelStyle = Canvas.Style(size: b.style.size * 0.85, bold: true, gray: 0.4)
                    let value = canvas.measure(b.text, b.style, width: width - lw)
                    let lab = canvas.measure(label, labelStyle, width: lw)
                    // Baselines roughly aligned: centre the smaller label on the value line.
                    canvas.draw(label, labelStyle, x: x, y: cy + max(0, (value.height - lab.height) / 2), width: lw)
                    cy += canvas.draw(b.text, b.style, x: x + lw, y: cy, width: width - lw)
                } else {
                    cy += canvas.draw(b.text, b.style, x: x, y: cy, width: width)
                }
            }
            return cy
        }
        let titleEnd = draw(top, from: y)
        let bottomHeight = columnHeight(of: bottom, f)
        let bottomStart = y + height - bottomHeight
        let rule = max(titleEnd + 0.6, min(bottomStart - ruleGap, titleEnd + ruleGap))
        canvas.stroke([(x, rule), (x + width, rule)], width: 0.15, gray: 0.6)
        _ = draw(bottom, from: bottomStart)
        try canvas.check()
    }

    // MARK: Stub

    /// Draws the holder-code stub into the panel (0, 0, width, height) of the current origin.
    static func drawStub(_ p: PreparedCard, on canvas: Canvas, width: Double, height: Double) throws(PrintError) {
        let m = p.options.moduleSizeMM
        let s = p.codeQRSide
        let quiet = Double(PrintGeometry.quietZoneModules) * m
        // The quiet zone may use the margin: the dark modules keep `margin` from the right and top edges.
        let qx = width - margin - s + quiet
        let qy = max(0, margin - quiet)
        canvas.draw(qr: p.codeQR, x: qx, y: qy, module: m, quietZone: PrintGeometry.quietZoneModules)
        let columnWidth = qx + quiet - margin - 1.5 - margin
        let digits = String(decoding: p.card.holderCode.digits, as: UTF8.self)
        let grouped = PrintText.grouped(digits, by: 4, separator: " ")
        var cy = margin
        cy += canvas.draw("HOLDER CODE · card …\(p.card.shortReference)",
                          .init(size: 1.8, bold: true, gray: 0.35, minSize: 1.2), x: margin, y: cy,
                          width: columnWidth)
        cy += 0.6
        let codeStyle = Canvas.Style(size: 5.0, bold: true, minSize: 3.0, letterSpacing: 0.12,
                                     family: "Noto Sans Mono, DejaVu Sans Mono, Noto Sans")
        cy += canvas.draw(grouped, codeStyle, x: margin, y: cy, width: columnWidth)
        let textTop = max(cy + 1.2, qy + s - quiet + 1.2)
        let available = height - textTop - margin
        let textWidth = width - 2 * margin
        var f = 1.0
        func total(_ f: Double) -> Double {
            p.texts.stubSentences.reduce(0) {
                $0 + canvas.measure($1.text, .init(size: 2.1 * f, wrap: true), width: textWidth).height + 0.5 * f
            }
        }
        while f > 0.4 && total(f) > available { f *= 0.93 }
        var ty = textTop
        for (i, sentence) in p.texts.stubSentences.enumerated() {
            let style = Canvas.Style(size: 2.1 * f, gray: i == 0 ? 0 : 0.15, wrap: true)
            ty += canvas.draw(sentence.text, style, x: margin, y: ty, width: textWidth) + 0.5 * f
        }
        try canvas.check()
    }

    // MARK: Decorations

    /// A dashed cut line across the panel width at height `y`, with scissors at the start.
    static func drawCutLine(on canvas: Canvas, y: Double, width: Double) {
        canvas.stroke([(0, y), (width, y)], width: 0.2, gray: 0.35, dash: [1.5, 1.0])
        let style = Canvas.Style(size: 3.2, gray: 0.35, family: "DejaVu Sans")
        let size = canvas.measure("✂", style, width: 10)
        canvas.fill(rects: [(2, y - size.height / 2, size.width + 1, size.height)], gray: 1)
        canvas.draw("✂", style, x: 2.5, y: y - size.height / 2, width: 10)
    }

    /// A dashed rectangle around a panel, inset by `inset` mm.
    static func drawCutFrame(on canvas: Canvas, width: Double, height: Double, inset: Double = 0.4) {
        canvas.stroke([(inset, inset), (width - inset, inset), (width - inset, height - inset), (inset, height - inset)],
                      width: 0.15, gray: 0.5, dash: [1.2, 0.8], closed: true)
    }
}

/// A6 page geometry, in mm.
enum A6 {
    static let width = 105.0
    static let height = 148.0
    /// Height of the stub panel at the bottom of the page.
    static let stubHeight = 50.0
    static var cardHeight: Double { height - stubHeight }
}
