/// A medical device the holder uses or carries (an implant, a pacemaker, an insulin pump).
/// Needs a ``code`` or a ``text`` (or both).
public struct MedicalDevice: Sendable, Hashable {
    /// The device type, e.g. `snomed:14106009`.
    public var code: ClinicalCode?
    /// The device in words, at most 500 bytes.
    public var text: String?
    /// Since when it is in use, possibly partial.
    public var since: PartialDate?

    /// Creates a device entry.
    public init(code: ClinicalCode? = nil, text: String? = nil, since: PartialDate? = nil) {
        self.code = code
        self.text = text
        self.since = since
    }
}
