/// Unicode bidirectional controls for showing right-to-left texts (Arabic) in plain-text output such as a terminal
/// (Unicode Standard Annex #9). Web pages use `dir="rtl"` and `<bdi>` instead.
///
/// A right-to-left line starts with ``rightToLeftMark`` so that a terminal that chooses each line's direction from
/// its first strong character lays it out right to left; every value carried by the card (names, identifiers,
/// dates, numbers, codes' displays) is wrapped in ``isolate(_:)`` (FIRST STRONG ISOLATE … POP DIRECTIONAL
/// ISOLATE) so that a Latin name or `120/80` keeps its own order and does not reorder the punctuation around it.
/// The text stays in logical order; a terminal without bidi support shows the Arabic letters unshaped in logical
/// order and ignores the (zero-width) controls.
public enum BidiText {
    /// U+200F RIGHT-TO-LEFT MARK.
    public static let rightToLeftMark = "\u{200F}"
    /// U+2068 FIRST STRONG ISOLATE.
    public static let firstStrongIsolate = "\u{2068}"
    /// U+2069 POP DIRECTIONAL ISOLATE.
    public static let popDirectionalIsolate = "\u{2069}"

    /// `value` between FSI and PDI.
    public static func isolate(_ value: String) -> String { firstStrongIsolate + value + popDirectionalIsolate }
}
