import PHRCard

/// Where a card comes from on the command line: the QR text itself, `-` (standard input), a text file holding the
/// QR text, or a PNG/JPEG image of the QR code (recognised by its magic bytes).
enum CardInput {
    /// The card's QR text.
    /// - Throws: `file.unreadable` (exit 2), an ``ImagingError`` (`image.no-qr-code` when the image holds none).
    static func text(from argument: String) throws -> String {
        if argument.hasPrefix(CardFormat.prefix) { return argument }
        let bytes = try Files.read(argument)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if bytes.starts(with: png) || bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            return try scan(bytes, name: argument)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CLIError.unreadable(argument, "neither a PNG/JPEG image nor UTF-8 text holding a PHR1: card")
        }
        return text
    }

    /// Decodes an image and returns the text of the QR code that starts with `PHR1:` (or the first one).
    static func scan(_ bytes: [UInt8], name: String) throws -> String {
        let image = try ImageFile.decode(bytes)
        let symbols = try QRScanner.scan(image)
        let cards = symbols.filter { $0.text.hasPrefix(CardFormat.prefix) }
        if symbols.count > 1 {
            Console.err("note: \(name) holds \(symbols.count) QR codes; \(cards.isEmpty ? "none starts with \(CardFormat.prefix), using the first" : "using the one starting with \(CardFormat.prefix)")")
        }
        return (cards.first ?? symbols[0]).text
    }
}
