/// An error from importing a FHIR Bundle (see `spec/fhir.md`).
///
/// ``code`` is stable and dotted (`fhir.not-bundle`, `fhir.would-drop`, …); ``message`` says what, where (JSON path)
/// and why. A strict import that would drop content throws `fhir.would-drop` with the whole report in ``dropped``.
public struct FHIRError: Error, CustomStringConvertible, Sendable {
    /// The stable error code.
    public let code: String
    /// What went wrong, where and why.
    public let message: String
    /// For `fhir.would-drop`: everything the import would have dropped.
    public let dropped: [DroppedElement]

    init(_ code: String, _ message: String, dropped: [DroppedElement] = []) {
        self.code = code
        self.message = message
        self.dropped = dropped
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    /// The input is not well-formed UTF-8 JSON, or nests too deeply.
    public static let notJSON = "fhir.not-json"
    /// The input is larger than ``FHIRImportOptions/maxInputBytes``.
    public static let tooLarge = "fhir.too-large"
    /// The root is not a Bundle resource.
    public static let notBundle = "fhir.not-bundle"
    /// The Bundle's type is not `document`.
    public static let notDocument = "fhir.not-document"
    /// The first entry is not a Composition.
    public static let noComposition = "fhir.no-composition"
    /// The Composition's type is not LOINC 60591-5 (Patient summary Document).
    public static let notPatientSummary = "fhir.not-patient-summary"
    /// Composition.subject does not resolve to a Patient entry.
    public static let noPatient = "fhir.no-patient"
    /// A structural element has the wrong JSON type (e.g. `entry` is not an array).
    public static let malformed = "fhir.malformed"
    /// Kept for compatibility; no longer raised: a Patient with no usable name imports with the name recorded as
    /// unknown (`Holder.unknown`), and the drop report says so.
    public static let noName = "fhir.no-name"
    /// The mapped record breaks a record rule that the mapping could not repair (a bug guard; see the message).
    public static let invalidRecord = "fhir.invalid-record"
    /// Strict import: something would be dropped.
    public static let wouldDrop = "fhir.would-drop"
}
