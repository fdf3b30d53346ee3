import PHRCodecs

/// The text a card's QR code holds: `PHR1:` followed by the numeric text form of the card bytes
/// (spec/format.md §3).
public enum QRText {
    /// `PHR1:` + digits.
    public static func encode(_ card: [UInt8]) -> String {
        CardFormat.prefix + NumericText.encode(card)
    }

    /// `PHR1:` as bytes.
    private static let prefixBytes = Array(CardFormat.prefix.utf8)

    /// Parses a QR text (surrounding whitespace, as scanners add, is ignored) back into card bytes.
    /// - Throws: `text.bad-prefix`, `text.non-digit`, `text.bad-length`, `text.group-overflow`, `card.too-large`.
    public static func decode(_ text: String) throws(PHRCardError) -> [UInt8] {
        // Trim ASCII white space (scanners add line ends) on the UTF-8 bytes; anything else stays and is rejected.
        // Read in place from the string's UTF-8 storage (a copy only for a bridged or non-contiguous string).
        if let result = text.utf8.withContiguousStorageIfAvailable({ buffer in
            Result { () throws(PHRCardError) in try decode(utf8: buffer) }
        }) {
            return try result.get()
        }
        return try Array(text.utf8).withUnsafeBufferPointer { buffer throws(PHRCardError) in try decode(utf8: buffer) }
    }

    private static func decode(utf8: UnsafeBufferPointer<UInt8>) throws(PHRCardError) -> [UInt8] {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0a || b == 0x0d || b == 0x0b || b == 0x0c }
        var end = utf8.count
        while end > 0, isSpace(utf8[end - 1]) { end -= 1 }
        var start = 0
        while start < end, isSpace(utf8[start]) { start += 1 }
        let prefix = Self.prefixBytes
        guard end - start >= prefix.count, utf8[start..<start + prefix.count].elementsEqual(prefix) else {
            let shown = String(String(decoding: utf8[start..<end], as: UTF8.self).prefix(8))
            if shown.uppercased().hasPrefix(CardFormat.prefix) || shown.hasPrefix("PHR") {
                throw PHRCardError(.badPrefix, "the text starts with \"\(shown)\", not \(CardFormat.prefix): a different version or a damaged prefix")
            }
            throw PHRCardError(.badPrefix, "the text starts with \"\(shown)\", not \(CardFormat.prefix): this is not a PHRCard card")
        }
        let digits = UnsafeBufferPointer(rebasing: utf8[(start + prefix.count)..<end])
        guard digits.count <= CardFormat.maxTextLength - CardFormat.prefix.count else {
            throw PHRCardError(.cardTooLarge, "the card text has \(digits.count) digits; no valid card has more than \(CardFormat.maxTextLength - CardFormat.prefix.count)")
        }
        do {
            return try NumericText.decode(utf8: digits)
        } catch {
            let code: PHRCardError.Code = switch error.code {
            case "text.non-digit": .nonDigit
            case "text.group-overflow": .groupOverflow
            default: .badLength
            }
            throw PHRCardError(code, "card text: \(error.message)", underlying: error.code)
        }
    }
}

