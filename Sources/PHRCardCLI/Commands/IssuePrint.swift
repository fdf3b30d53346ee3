import ArgumentParser
import Foundation
import PHRCard
import PHRPrint

/// The printed-card options of `phrcard issue` (PDF output, previews and A4 sheets).
struct PrintArguments: ParsableArguments {
    enum Layout: String, ExpressibleByArgument, CaseIterable { case id1, a6 }

    @Option(help: "PDF layout: id1 (85.6 × 54 mm card + stub page) or a6 (card and stub on one A6 page). Default: id1 when the QR code fits an ID-1 card at --module-mm, a6 otherwise.")
    var layout: Layout?
    @Flag(help: "Leave the holder's name and birth date off the printed card.") var noName = false
    @Option(help: "The issuer's name printed next to its id on the card.") var issuerName: String?
    @Option(help: "Also write a PNG preview of the printed card (front and stub) at --dpi.") var preview: String?
    @Option(help: "Batch mode: also write A4 sheets of 8 ID-1 cards with cut marks, each followed by a page of their stubs.")
    var sheet: String?

    func validate() throws {
        if let issuerName, issuerName.isEmpty || issuerName.utf8.count > 100 {
            throw ValidationError("--issuer-name must be 1 to 100 bytes")
        }
    }

    /// The library options for a run.
    func options(moduleMm: Double, ecc: QRErrorCorrection) -> PrintOptions {
        PrintOptions(layout: layout == .a6 ? .a6 : .id1, moduleSizeMM: moduleMm, errorCorrection: ecc,
                     showHolderName: !noName, issuerName: issuerName)
    }
}

/// Collects the printable cards of a batch run for `--sheet`.
final class SheetCollector {
    private(set) var cards: [PrintableCard] = []
    /// Adds a card after checking that it fits an ID-1 sheet position (a card that does not fit fails its line).
    func add(_ card: PrintableCard, _ options: PrintOptions) throws(CLIError) {
        try Self.check(card, options)
        cards.append(card)
    }

    /// Checks that a card fits an ID-1 sheet position (batch workers check; the writer appends in input order).
    static func check(_ card: PrintableCard, _ options: PrintOptions) throws(CLIError) {
        var id1 = options
        id1.layout = .id1
        do { try CardPrinter.checkFits(card, options: id1) } catch {
            throw CLIError(error.code, "--sheet: " + error.message, exitStatus: 1)
        }
    }

    /// Appends a card already checked with ``check(_:_:)``.
    func append(_ card: PrintableCard) {
        cards.append(card)
    }
}

/// PDF and preview rendering for `issue`, with library errors turned into CLI errors.
enum IssuePrint {
    /// The printable view of an issued card.
    static func printable(_ card: IssuedCard, record: HealthRecord, setup: IssueCommand.Setup) -> PrintableCard {
        PrintableCard(card: card, record: record, issuerID: setup.options.issuerID)
    }

    /// Serialises PDF rendering: batch workers issue cards in parallel, but cairo/Pango/fontconfig state is not
    /// shared across threads here.
    private static let renderLock = NSLock()

    /// The print options for one card: `--layout`, or without it ID-1 when the QR code fits, A6 otherwise.
    static func options(for card: PrintableCard, setup: IssueCommand.Setup) throws(CLIError) -> PrintOptions {
        var options = setup.printOptions
        guard setup.automaticLayout else { return options }
        do { options.layout = try CardPrinter.automaticLayout(card, options: options) } catch {
            throw CLIError(error.code, error.message, exitStatus: error.kind == .qrTooLarge ? 2 : 1)
        }
        return options
    }

    /// Renders the card PDF and reports missing translations on stderr.
    static func pdf(_ card: PrintableCard, options: PrintOptions) throws(CLIError) -> [UInt8] {
        renderLock.lock()
        defer { renderLock.unlock() }
        return try note(run { () throws(PrintError) in try CardPrinter.pdf(card, options: options) }).bytes
    }

    /// Renders the PNG preview.
    static func preview(_ card: PrintableCard, options: PrintOptions, dpi: Int) throws(CLIError) -> [UInt8] {
        try note(run { () throws(PrintError) in try CardPrinter.previewPNG(card, options: options, dpi: Double(dpi)) }).bytes
    }

    /// Renders the A4 sheets.
    static func sheet(_ cards: [PrintableCard], options: PrintOptions) throws(CLIError) -> PrintedDocument {
        try note(run { () throws(PrintError) in try CardPrinter.sheetPDF(cards, options: options) })
    }

    private static func run(_ body: () throws(PrintError) -> PrintedDocument) throws(CLIError) -> PrintedDocument {
        do { return try body() } catch {
            let usage: Set<PrintError.Kind> = [.qrTooLarge, .invalidParameter]
            throw CLIError(error.code, error.message, exitStatus: usage.contains(error.kind) ? 2 : 1)
        }
    }

    private static func note(_ doc: PrintedDocument) -> PrintedDocument {
        for lang in doc.missingLanguages {
            Console.err("note: no card translation for holder language \"\(lang)\"; those lines are printed in English")
        }
        if doc.unknownGlyphs > 0 {
            Console.err("note: \(doc.unknownGlyphs) character(s) have no installed font and print as boxes (install fonts-noto-core)")
        }
        return doc
    }
}
