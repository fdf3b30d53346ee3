/// A4 sheets of ID-1 cards.
enum Sheet {
    static let columns = 2
    static let rows = 4
    /// Crop marks: length and distance from the card grid, in mm.
    static let markLength = 5.0
    static let markGap = 1.5

    /// The top-left corner of the card grid on the page.
    static var origin: (x: Double, y: Double) {
        ((PrintGeometry.a4Width - Double(columns) * PrintGeometry.id1Width) / 2,
         (PrintGeometry.a4Height - Double(rows) * PrintGeometry.id1Height) / 2)
    }

    /// The position of card `index` (0...7): row-major, left to right, top to bottom.
    static func position(_ index: Int) -> (x: Double, y: Double) {
        (origin.x + Double(index % columns) * PrintGeometry.id1Width,
         origin.y + Double(index / columns) * PrintGeometry.id1Height)
    }

    /// A page of up to 8 card fronts or their stubs, with crop marks at every grid line.
    static func page(_ cards: [PreparedCard], stubs: Bool) -> PageSpec {
        PageSpec(width: PrintGeometry.a4Width, height: PrintGeometry.a4Height) { canvas throws(PrintError) in
            let w = PrintGeometry.id1Width, h = PrintGeometry.id1Height
            for (i, card) in cards.enumerated() {
                let (x, y) = position(i)
                try canvas.translated(x, y) { () throws(PrintError) in
                    if stubs {
                        try CardPainter.drawStub(card, on: canvas, width: w, height: h)
                    } else {
                        try CardPainter.drawFront(card, on: canvas, width: w, height: h)
                    }
                }
            }
            drawCropMarks(on: canvas)
            let note = stubs
                ? "Holder-code stubs: cut along the marks and give each stub to its holder separately from the card (same position as the card on the previous page)."
                : "Cards: cut along the marks. The stubs with the holder codes are on the next page."
            canvas.draw(note, .init(size: 2.4, gray: 0.4, wrap: true), x: origin.x,
                        y: origin.y - markLength - markGap - 10, width: Double(columns) * w)
        }
    }

    /// Marks outside the grid continuing each cut line, so that no mark is printed on a card.
    static func drawCropMarks(on canvas: Canvas) {
        let (x0, y0) = origin
        let x1 = x0 + Double(columns) * PrintGeometry.id1Width
        let y1 = y0 + Double(rows) * PrintGeometry.id1Height
        for c in 0...columns {
            let x = x0 + Double(c) * PrintGeometry.id1Width
            canvas.stroke([(x, y0 - markGap - markLength), (x, y0 - markGap)], width: 0.2)
            canvas.stroke([(x, y1 + markGap), (x, y1 + markGap + markLength)], width: 0.2)
        }
        for r in 0...rows {
            let y = y0 + Double(r) * PrintGeometry.id1Height
            canvas.stroke([(x0 - markGap - markLength, y), (x0 - markGap, y)], width: 0.2)
            canvas.stroke([(x1 + markGap, y), (x1 + markGap + markLength, y)], width: 0.2)
        }
    }
}
