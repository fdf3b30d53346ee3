/// The size limits of a health record. They keep a record small enough for one QR code and bound the work done
/// on untrusted input. Text limits count UTF-8 bytes after NFC normalisation.
public enum RecordLimits {
    /// The largest JSON input accepted, in bytes (1 MiB), checked before parsing.
    public static let maxInputBytes = 1_048_576
    /// The deepest nesting of JSON arrays and objects accepted (the root object is level 1).
    public static let maxNestingDepth = 16
    /// The most entries in one section (allergies, conditions, medications, immunizations, results, vitals,
    /// procedures, devices, alerts).
    public static let maxEntriesPerSection = 64
    /// The longest free text (entry `text`, `reaction`, `dosage`, `value`), in UTF-8 bytes.
    public static let maxTextBytes = 500
    /// The longest `notes`, in UTF-8 bytes.
    public static let maxNotesBytes = 4000
    /// The longest name (`given`, `family`) and identifier `system`/`value`, in UTF-8 bytes.
    public static let maxNameBytes = 100
    /// The most holder identifiers.
    public static let maxIdentifiers = 10
    /// The most holder languages.
    public static let maxLanguages = 10
    /// The longest clinical code system name, in characters (ASCII).
    public static let maxCodeSystemLength = 32
    /// The longest clinical code (the part after the colon), in characters (printable ASCII).
    public static let maxCodeLength = 64
}
