import PHRCodecs

/// The text a card's QR code holds: `PHR1:` followed by the numeric text form of the card bytes
/// (spec/format.md §3).
public enum QRText {
    /// `PHR1:` + digits.
    public static func encode(_ card: [UInt8]) -> String {
        CardFormat.prefix + NumericText.encode(card)
    }

    /// Parses a QR text (surrounding whitespace, as scanners add, is ignored) back into card bytes.
    /// - Throws: `text.bad-prefix`, `text.non-digit`, `text.bad-length`, `text.group-overflow`, `card.too-large`.
    public static func decode(_ text: String) throws(PHRCardError) -> [UInt8] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(CardFormat.prefix) else {
            let shown = String(trimmed.prefix(8))
            if trimmed.uppercased().hasPrefix(CardFormat.prefix) || trimmed.hasPrefix("PHR") {
                throw PHRCardError(.badPrefix, "the text starts with \"\(shown)\", not \(CardFormat.prefix): a different version or a damaged prefix")
            }
            throw PHRCardError(.badPrefix, "the text starts with \"\(shown)\", not \(CardFormat.prefix): this is not a PHRCard card")
        }
        let digits = trimmed.dropFirst(CardFormat.prefix.count)
        guard digits.utf8.count <= CardFormat.maxTextLength - CardFormat.prefix.count else {
            throw PHRCardError(.cardTooLarge, "the card text has \(digits.utf8.count) digits; no valid card has more than \(CardFormat.maxTextLength - CardFormat.prefix.count)")
        }
        do {
            return try NumericText.decode(String(digits))
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

import Foundation
