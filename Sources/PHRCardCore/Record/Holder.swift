/// The person the record belongs to. Always part of the essential tier: every reader sees it.
///
/// At least one of ``given`` and ``family`` is required (some people have a single name; either field may hold it),
/// unless ``unknown`` contains ``UnknownField/name``: then both must be absent.
///
/// Identity data may be unknown (an unaccompanied minor, an unconscious patient: FHIR `data-absent-reason`) or only
/// self-declared (a person without identity documents): ``unknown`` and ``declared`` say so.
public struct Holder: Sendable, Hashable {
    /// Administrative sex, as recorded on identity documents.
    public enum Sex: String, CaseIterable, Sendable {
        case female, male, other, unknown
    }

    /// An identity field whose value is unknown; the field itself must then be absent.
    public enum UnknownField: String, CaseIterable, Sendable {
        /// The name: neither ``Holder/given`` nor ``Holder/family`` may be present.
        case name
        /// The date of birth: ``Holder/birthDate`` must be absent.
        case birthDate
    }

    /// An identity field whose value was declared by the holder, not taken from an identity document; the field
    /// itself must then be present.
    public enum DeclaredField: String, CaseIterable, Sendable {
        /// The name (``Holder/given`` and/or ``Holder/family``).
        case name
        /// The date of birth.
        case birthDate
        /// The administrative sex.
        case sex
        /// The nationality.
        case nationality
    }

    /// An identifier issued to the holder, e.g. a UNHCR case number.
    public struct Identifier: Sendable, Hashable {
        /// Who issued it, free text of at most 100 bytes, e.g. `unhcr`, `asylum-case`.
        public var system: String
        /// The identifier itself, at most 100 bytes.
        public var value: String

        /// Creates an identifier.
        /// - Parameters:
        ///   - system: the issuer.
        ///   - value: the identifier.
        public init(system: String, value: String) {
            self.system = system
            self.value = value
        }
    }

    /// Given name(s), in any script, at most 100 UTF-8 bytes.
    public var given: String?
    /// Family name(s), in any script, at most 100 UTF-8 bytes.
    public var family: String?
    /// Date of birth, possibly partial.
    public var birthDate: PartialDate?
    /// Administrative sex.
    public var sex: Sex?
    /// Nationality as an ISO 3166-1 alpha-2 code in uppercase, e.g. `SO`.
    public var nationality: String?
    /// Spoken languages as ISO 639-1 or 639-3 codes in lowercase (2 or 3 letters), at most 10.
    public var languages: [String]?
    /// Identifiers, at most 10.
    public var identifiers: [Identifier]?
    /// Fields whose value is unknown (empty: none). Each must be absent.
    public var unknown: Set<UnknownField>
    /// Fields that are self-declared rather than documented (empty: none). Each must be present.
    public var declared: Set<DeclaredField>

    /// Creates a holder.
    public init(
        given: String? = nil, family: String? = nil, birthDate: PartialDate? = nil, sex: Sex? = nil,
        nationality: String? = nil, languages: [String]? = nil, identifiers: [Identifier]? = nil,
        unknown: Set<UnknownField> = [], declared: Set<DeclaredField> = []
    ) {
        self.given = given
        self.family = family
        self.birthDate = birthDate
        self.sex = sex
        self.nationality = nationality
        self.languages = languages
        self.identifiers = identifiers
        self.unknown = unknown
        self.declared = declared
    }
}
