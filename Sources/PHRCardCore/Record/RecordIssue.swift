/// One problem found in a health record: where (a JSON path), what (a stable code) and why (a message).
///
/// Paths use the record's JSON names: `holder.given`, `immunizations[3].date`, `holder.languages[0]`; the empty
/// path means the whole document. ``description`` reads like
/// `immunizations[3].date: "2023-13-01" is not a valid date (month must be 01 to 12)`.
public struct RecordIssue: Sendable, Hashable, CustomStringConvertible {
    /// The JSON path of the offending value, e.g. `immunizations[3].date`; empty for the whole document.
    public let path: String
    /// A stable dotted lowercase code such as `record.invalid-date` (see ``Code``).
    public let code: String
    /// A human explanation of what is wrong and why.
    public let message: String

    /// Creates an issue.
    /// - Parameters:
    ///   - path: the JSON path of the offending value (empty for the whole document).
    ///   - code: a stable issue code, normally one of the ``Code`` constants.
    ///   - message: a human explanation.
    public init(path: String, code: String, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }

    /// `path: message`, or just the message for the whole document.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    /// The stable issue codes. They never change meaning; new ones may be added.
    public enum Code {
        /// The input is not well-formed UTF-8 JSON (with line and column in the message).
        public static let notJSON = "record.not-json"
        /// The input is larger than ``RecordLimits/maxInputBytes``.
        public static let tooLarge = "record.too-large"
        /// Arrays and objects are nested deeper than ``RecordLimits/maxNestingDepth``.
        public static let tooDeep = "record.too-deep"
        /// A member name that the record model does not define (never silently dropped).
        public static let unknownField = "record.unknown-field"
        /// The same member name appears twice in one object.
        public static let duplicateField = "record.duplicate-field"
        /// A required member is absent (`holder`, a holder name unless it is unknown, identifier `system`/`value`,
        /// pregnancy `status`).
        public static let missingField = "record.missing-field"
        /// A value of the wrong JSON type (e.g. a number where a string is expected, or `null`).
        public static let wrongType = "record.wrong-type"
        /// A partial date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or not a real calendar date.
        public static let invalidDate = "record.invalid-date"
        /// A clinical code that is not `system:code` with a valid system name and code.
        public static let invalidCode = "record.invalid-code"
        /// A value outside its enumeration or format (sex, status, country, language, ...).
        public static let invalidValue = "record.invalid-value"
        /// A number outside its allowed range, or with too many significant digits.
        public static let outOfRange = "record.out-of-range"
        /// A text longer than its UTF-8 byte limit.
        public static let tooLong = "record.too-long"
        /// A list with more entries than its limit.
        public static let tooManyEntries = "record.too-many-entries"
        /// An entry without the content it needs (a code or a text; a name; a measurement).
        public static let emptyEntry = "record.empty-entry"
        /// A text that is empty or only whitespace.
        public static let emptyText = "record.empty-text"
        /// A control character in a text (newline and tab are allowed in free text only).
        public static let controlCharacter = "record.control-character"
        /// A holder `unknown` or `declared` list that names a value twice or out of the defined order.
        public static let listOrder = "record.list-order"
        /// A holder `unknown` or `declared` list that is empty (leave it out instead).
        public static let emptyList = "record.empty-list"
        /// A field that the holder's `unknown` list marks as unknown is present.
        public static let unknownValuePresent = "record.unknown-value-present"
        /// A field that the holder's `declared` list marks as self-declared is absent.
        public static let declaredValueMissing = "record.declared-value-missing"
    }
}
