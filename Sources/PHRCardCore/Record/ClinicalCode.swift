/// A coded clinical concept written `system:code`, e.g. `snomed:764146007`, `icd10:E11.9`, `cvx:03`.
///
/// The text is split at the first colon. The system is `[a-z][a-z0-9+.-]*` (at most 32 characters); the code is
/// 1 to 64 printable ASCII characters without spaces (it may itself contain colons). Systems listed in
/// ``CodeSystem`` are recognised; any other system name is allowed and carried as text.
public struct ClinicalCode: Sendable, Hashable, CustomStringConvertible {
    /// The code system's short name, e.g. `snomed`.
    public var system: String
    /// The code within the system, e.g. `764146007`.
    public var code: String

    /// Creates a code from its parts without checking them (``HealthRecord/validate()`` checks them).
    /// - Parameters:
    ///   - system: the system's short name.
    ///   - code: the code within the system.
    public init(system: String, code: String) {
        self.system = system
        self.code = code
    }

    /// Creates a code in a registered system.
    /// - Parameters:
    ///   - system: a registered code system.
    ///   - code: the code within the system.
    public init(_ system: CodeSystem, _ code: String) {
        self.init(system: system.shortName, code: code)
    }

    /// Parses `system:code`, splitting at the first colon.
    /// - Parameter string: the code text.
    /// - Throws: ``RecordValidationError`` with one `record.invalid-code` issue (empty path).
    public init(_ string: String) throws(RecordValidationError) {
        guard let colon = string.firstIndex(of: ":") else {
            throw ClinicalCode.error(string, "expected system:code")
        }
        let candidate = ClinicalCode(system: String(string[..<colon]), code: String(string[string.index(after: colon)...]))
        if let reason = candidate.problem { throw ClinicalCode.error(string, reason) }
        self = candidate
    }

    /// `system:code`.
    public var description: String { "\(system):\(code)" }

    /// The registered system, or nil for a system carried as text.
    public var knownSystem: CodeSystem? { CodeSystem(shortName: system) }

    /// Why this code is invalid, or nil when it is valid.
    package var problem: String? {
        let systemBytes = Array(system.utf8)
        guard let first = systemBytes.first else { return "the code system name is empty" }
        guard systemBytes.count <= RecordLimits.maxCodeSystemLength else {
            return "the code system name is longer than \(RecordLimits.maxCodeSystemLength) characters"
        }
        let isLower = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard isLower(first), systemBytes.allSatisfy({ isLower($0) || isDigit($0) || "+.-".utf8.contains($0) }) else {
            return "the code system name must be a lowercase letter followed by a-z, 0-9, '+', '.' or '-'"
        }
        let codeBytes = Array(code.utf8)
        guard !codeBytes.isEmpty else { return "the code after the colon is empty" }
        guard codeBytes.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            return "the code must be printable ASCII without spaces"
        }
        guard codeBytes.count <= RecordLimits.maxCodeLength else {
            return "the code is longer than \(RecordLimits.maxCodeLength) characters"
        }
        return nil
    }

    private static func error(_ text: String, _ reason: String) -> RecordValidationError {
        RecordValidationError(issues: [RecordIssue(
            path: "", code: RecordIssue.Code.invalidCode,
            message: "\(RecordText.quoted(text)) is not a valid code (\(reason))")])
    }
}
