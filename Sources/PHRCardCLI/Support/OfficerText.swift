import Foundation
import PHRCard

/// The officer's language for the text output of `verify` and `decode` (`--lang`): the translation table's texts
/// laid out for a terminal.
///
/// Right-to-left languages (Arabic): every line starts with U+200F RIGHT-TO-LEFT MARK and every value taken from the
/// card (names, identifiers, dates, numbers, codes' displays) is wrapped in U+2068 … U+2069 (first-strong isolate),
/// so a bidi-aware terminal lays the line out right to left and keeps each Latin value in its own order
/// (`BidiText`; README "The officer's language").
struct OfficerText {
    let t: Translations

    static let english = OfficerText(t: .english)

    /// The texts for `--lang` (English when absent).
    /// - Throws: `usage.unknown-language` naming the languages available.
    static func resolve(_ lang: String?) throws(CLIError) -> OfficerText {
        guard let lang else { return .english }
        guard let t = Translations.table(for: lang) else {
            let available = Translations.officerLanguages.map { "\($0) (\(Translations.table(for: $0)?[.languageName] ?? $0))" }
            throw CLIError.usage("unknown-language", "no officer texts for language \"\(lang)\"; --lang takes one of: "
                                 + available.joined(separator: ", "))
        }
        return OfficerText(t: t)
    }

    var rightToLeft: Bool { t.direction == .rightToLeft }

    subscript(key: TranslationKey) -> String { t[key] }

    /// A value carried by the card, isolated in right-to-left output.
    func value(_ s: String) -> String { rightToLeft ? BidiText.isolate(s) : s }

    /// A text with its placeholders filled by card values (isolated in right-to-left output).
    func format(_ key: TranslationKey, _ arguments: [String: String]) -> String {
        t.format(key, arguments.mapValues(value))
    }

    /// A translated value of a coded record field (`value.<group>.<raw>`).
    func coded(_ group: String, _ raw: String) -> String { t.value(group, raw) }

    /// A section title in capitals, with the language's casing rules (Greek capitals drop the accents).
    func heading(_ key: TranslationKey) -> String { t[key].uppercased(with: Locale(identifier: t.language)) }

    /// A possibly partial date from the record.
    func date(_ d: PartialDate) -> String { value(t.date(d)) }

    /// A list joined with the language's comma.
    func list(_ items: [String]) -> String { items.joined(separator: t[.punctuationComma] + " ") }

    /// `label:` padded so that the values of `labels` line up (one space after the longest).
    func labelled(_ label: String, among labels: [String], _ text: String) -> String {
        let width = (labels.map(\.count).max() ?? 0) + 2
        return (label + ":").padding(toLength: max(width, label.count + 2), withPad: " ", startingAt: 0) + text
    }

    /// The finished output: in right-to-left output each line starts with a right-to-left mark.
    func render(_ lines: [String]) -> String {
        (rightToLeft ? lines.map { $0.isEmpty ? $0 : BidiText.rightToLeftMark + $0 } : lines).joined(separator: "\n") + "\n"
    }
}
