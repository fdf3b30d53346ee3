/// A vaccine dose given. Needs a ``code`` or a ``text`` (or both).
public struct Immunization: Sendable, Hashable {
    /// The allowed dose numbers.
    public static let doses: ClosedRange<Int> = 1...99

    /// The vaccine, e.g. `cvx:03`.
    public var code: ClinicalCode?
    /// The vaccine in words, at most 500 bytes.
    public var text: String?
    /// When it was given, possibly partial.
    public var date: PartialDate?
    /// The dose number in the series, 1...99.
    public var dose: Int?
    /// Where it was given, ISO 3166-1 alpha-2 in uppercase.
    public var country: String?

    /// Creates an immunization entry.
    public init(
        code: ClinicalCode? = nil, text: String? = nil, date: PartialDate? = nil, dose: Int? = nil,
        country: String? = nil
    ) {
        self.code = code
        self.text = text
        self.date = date
        self.dose = dose
        self.country = country
    }
}
