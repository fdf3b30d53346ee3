import PHRCardCore
import PHRImaging
import PHRLocalization

/// Everything a printed card shows, and nothing else: no health data ever reaches the printer except inside the
/// encrypted QR code.
public struct PrintableCard: Sendable, Hashable {
    /// What the card's QR code holds (`PHR1:` and digits).
    public var qrText: String
    /// The holder code printed on the stub (20 digits).
    public var holderCode: HolderCode
    /// The card identifier.
    public var cardID: [UInt8]
    /// The issuer id (the card's `iss` claim).
    public var issuerID: String
    /// Issue time, seconds since 1970-01-01 UTC.
    public var issuedAt: Int64
    /// Expiry time, seconds since 1970-01-01 UTC.
    public var expiresAt: Int64
    /// The holder's given name as recorded (any script).
    public var holderGiven: String?
    /// The holder's family name as recorded (any script).
    public var holderFamily: String?
    /// The holder's birth date, possibly partial.
    public var holderBirthDate: PartialDate?
    /// The holder's languages (ISO 639-1 or 639-3 codes), most preferred first.
    public var holderLanguages: [String]
    /// Holder fields recorded as unknown (printed as "name unknown", "birth date unknown").
    public var holderUnknown: Set<Holder.UnknownField>
    /// Holder fields that are self-declared (printed with "(self-declared)").
    public var holderDeclared: Set<Holder.DeclaredField>

    /// Creates the printable view of a card.
    public init(qrText: String, holderCode: HolderCode, cardID: [UInt8], issuerID: String, issuedAt: Int64,
                expiresAt: Int64, holderGiven: String? = nil, holderFamily: String? = nil,
                holderBirthDate: PartialDate? = nil, holderLanguages: [String] = [],
                holderUnknown: Set<Holder.UnknownField> = [], holderDeclared: Set<Holder.DeclaredField> = []) {
        self.qrText = qrText
        self.holderCode = holderCode
        self.cardID = cardID
        self.issuerID = issuerID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.holderGiven = holderGiven
        self.holderFamily = holderFamily
        self.holderBirthDate = holderBirthDate
        self.holderLanguages = holderLanguages
        self.holderUnknown = holderUnknown
        self.holderDeclared = holderDeclared
    }

    /// The printable view of a freshly issued card: the card fields and, from the record, only the holder's name,
    /// birth date and languages.
    /// - Parameters:
    ///   - card: the issued card.
    ///   - record: the record it was issued from.
    ///   - issuerID: the issuer id the card was issued with.
    public init(card: IssuedCard, record: HealthRecord, issuerID: String) {
        self.init(qrText: card.qrText, holderCode: card.holderCode, cardID: card.cardID, issuerID: issuerID,
                  issuedAt: card.issuedAt, expiresAt: card.expiresAt, holderGiven: record.holder.given,
                  holderFamily: record.holder.family, holderBirthDate: record.holder.birthDate,
                  holderLanguages: record.holder.languages ?? [], holderUnknown: record.holder.unknown,
                  holderDeclared: record.holder.declared)
    }

    /// Given and family name joined by a space (either may be missing), `name unknown` when it is unknown, with
    /// ` (self-declared)` when it is self-declared.
    var holderName: String? {
        if holderUnknown.contains(.name) { return "name unknown" }
        let parts = [holderGiven, holderFamily].compactMap { $0 }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: " ") + (holderDeclared.contains(.name) ? " (self-declared)" : "")
    }

    /// The birth date as printed: the date (with ` (self-declared)` when so), or `birth date unknown`.
    var holderBirthDateText: String? {
        if holderUnknown.contains(.birthDate) { return "birth date unknown" }
        return holderBirthDate.map { $0.description + (holderDeclared.contains(.birthDate) ? " (self-declared)" : "") }
    }

    /// The card id in lowercase hexadecimal, in groups of four digits.
    var cardIDText: String { PrintText.grouped(PrintText.hex(cardID), by: 4, separator: " ") }

    /// The last 8 hexadecimal digits of the card id: printed on both card and stub so that they can be matched.
    var shortReference: String { String(PrintText.hex(cardID).suffix(8)) }
}

/// Small formatting helpers.
enum PrintText {
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return out
    }

    static func grouped(_ text: String, by size: Int, separator: String) -> String {
        let chars = Array(text)
        return stride(from: 0, to: chars.count, by: size)
            .map { String(chars[$0..<min($0 + size, chars.count)]) }.joined(separator: separator)
    }

    /// `YYYY-MM-DD` (UTC) of a Unix time.
    static func date(_ seconds: Int64) -> String { ISODate.formatDay(seconds) }
}
