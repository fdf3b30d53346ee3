extension CardPrinter {
    /// The layout a card is printed on when none is chosen: ID-1 when its QR code fits an ID-1 card at the module
    /// size of `options`, A6 otherwise (the rule of `phrcard issue --out card.pdf` and the station).
    /// - Throws: what ``checkFits(_:options:)`` throws for A6 (a card too large even for A6 at this module size).
    public static func automaticLayout(_ card: PrintableCard, options: PrintOptions) throws(PrintError) -> CardLayout {
        var id1 = options
        id1.layout = .id1
        do {
            try checkFits(card, options: id1)
            return .id1
        } catch where error.kind == .qrTooLarge {
            var a6 = options
            a6.layout = .a6
            try checkFits(card, options: a6)
            return .a6
        }
    }
}
