import Foundation
import PHRTrust
import PHRIssuanceLog
import PHRFHIR
import PHRLocalization

/// The outcome of verifying a card, in words a border officer reads at a glance.
public struct Verdict: Sendable {
    /// `VALID`, `INVALID: <reason>`, `EXPIRED`, `NOT YET VALID`, `UNKNOWN ISSUER`, `REVOKED: <reason> since <date>`.
    public let headline: String
    /// The short word used in JSON: valid, invalid, expired, not-yet-valid, unknown-issuer, revoked.
    public let status: String
    /// Whether the signature was checked (the details below are then authentic).
    public let signatureChecked: Bool
    /// For `invalid`: the short reason (as in the headline); for `revoked`: the revocation reason's name.
    public var reason: String? {
        switch kind {
        case let .invalid(_, english): english
        case let .revoked(entry): entry.reason.name
        default: nil
        }
    }
    /// For `revoked`: when the card was revoked (seconds since 1970).
    public var revokedAt: Int64? {
        if case let .revoked(entry) = kind { return entry.revokedAt }
        return nil
    }
    /// What the headline says, for ``headline(in:isolate:)``.
    fileprivate let kind: Kind

    /// The verdicts, each with what its localized headline needs.
    fileprivate enum Kind: Sendable {
        case valid, expired, notYetValid, unknownIssuer, revokedWithoutEntry
        /// `INVALID: <reason>`: the reason's table key (nil for a code without one) and its English text.
        case invalid(TranslationKey?, String)
        case revoked(RevocationEntry)
    }

    /// The verdict of a card that verified.
    public static let valid = Verdict(headline: "VALID", status: "valid", signatureChecked: true, kind: .valid)

    /// The verdict for a verification error.
    public init(error: PHRCardError) {
        let invalid = Kind.invalid(Self.reasonKey(error.code), Self.reason(error.code))
        switch error.code {
        case .expired: self.init(headline: "EXPIRED", status: "expired", signatureChecked: true, kind: .expired)
        case .notYetValid: self.init(headline: "NOT YET VALID", status: "not-yet-valid", signatureChecked: true,
                                     kind: .notYetValid)
        case .unknownIssuer: self.init(headline: "UNKNOWN ISSUER", status: "unknown-issuer", signatureChecked: false,
                                       kind: .unknownIssuer)
        case .revoked: self.init(headline: "REVOKED", status: "revoked", signatureChecked: true,
                                 kind: .revokedWithoutEntry)
        case .issuerKeyCompromised, .issuerKeyOutsidePeriod, .issuerKeySuspended:
            self.init(headline: "INVALID: " + Self.reason(error.code), status: "invalid", signatureChecked: true,
                      kind: invalid)
        default: self.init(headline: "INVALID: " + Self.reason(error.code), status: "invalid",
                           signatureChecked: error.code == .issuerMismatch, kind: invalid)
        }
    }

    /// The verdict for a card on its issuer's revocation list: `REVOKED: <reason> since <date>`.
    public static func revoked(_ entry: RevocationEntry) -> Verdict {
        Verdict(headline: "REVOKED: \(entry.reason.name) since \(ISODate.format(entry.revokedAt))", status: "revoked",
                signatureChecked: true, kind: .revoked(entry))
    }

    /// The verdict when the card could not even be read (no QR code in the image).
    public static let noQRCode = Verdict(headline: "INVALID: no QR code found in the image", status: "invalid",
                                  signatureChecked: false, kind: .invalid(.reasonNoQrCode, "no QR code found in the image"))

    fileprivate init(headline: String, status: String, signatureChecked: Bool, kind: Kind) {
        self.headline = headline
        self.status = status
        self.signatureChecked = signatureChecked
        self.kind = kind
    }

    /// The headline in a language of the translation table, for text output (JSON keeps ``headline``). English
    /// differs from ``headline`` only for revocations, whose reasons are words there (`key compromise`) rather
    /// than the list's names (`keyCompromise`). `isolate` wraps the values inserted (reason, date).
    public func headline(in t: Translations, isolate: (String) -> String = { $0 }) -> String {
        switch kind {
        case .valid: t[.verdictValid]
        case .expired: t[.verdictExpired]
        case .notYetValid: t[.verdictNotYetValid]
        case .unknownIssuer: t[.verdictUnknownIssuer]
        case .revokedWithoutEntry: t[.verdictRevoked]
        case let .invalid(key, english):
            t.format(.verdictInvalidReason, ["reason": key.map { t[$0] } ?? english])
        case let .revoked(entry):
            t.format(.verdictRevokedSince, ["reason": isolate(Self.revocationReason(entry.reason, t)),
                                            "date": isolate(t.dateTime(entry.revokedAt))])
        }
    }

    /// A revocation reason in words (`revocation.<name>`), or its list name when the table has none.
    public static func revocationReason(_ reason: RevocationReason, _ t: Translations) -> String {
        let kebab = reason.name.reduce(into: "") { out, c in
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return t.text("revocation." + kebab) ?? reason.name
    }

    /// The translation-table key of each failure's reason (see ``reason(_:)``); nil for codes without one (the
    /// English reason is then shown in every language).
    public static func reasonKey(_ code: PHRCardError.Code) -> TranslationKey? {
        switch code {
        case .badPrefix: .reasonBadPrefix
        case .nonDigit, .badLength, .groupOverflow: .reasonDamagedText
        case .cardTooLarge: .reasonTooLarge
        case .badSignature: .reasonBadSignature
        case .issuerMismatch: .reasonIssuerMismatch
        case .unsupportedAlgorithm: .reasonUnsupportedAlgorithm
        case .signatureEncoding: .reasonSignatureEncoding
        case .issuerKeyCompromised: .reasonIssuerKeyCompromised
        case .issuerKeyOutsidePeriod: .reasonIssuerKeyOutsidePeriod
        case .issuerKeySuspended: .reasonIssuerKeySuspended
        default: Self.reason(code) == Translations.english[.reasonMalformed] ? .reasonMalformed : nil
        }
    }

    /// A short reason for each failure.
    public static func reason(_ code: PHRCardError.Code) -> String {
        switch code {
        case .badPrefix: "not a PHRCard card (the text does not start with PHR1:)"
        case .nonDigit, .badLength, .groupOverflow: "damaged card text"
        case .cardTooLarge: "too large to be a card"
        case .badSignature: "signature does not match: the card was altered or forged"
        case .issuerMismatch: "the card names a different issuer than its key is trusted for"
        case .unsupportedAlgorithm: "unsupported signature algorithm"
        case .signatureEncoding: "malformed signature"
        case .issuerKeyCompromised: "issued on or after the date its issuer key was reported compromised"
        case .issuerKeyOutsidePeriod: "issued outside the issuing period of its issuer key in the trust list"
        case .issuerKeySuspended: "its issuer key is suspended in the trust list"
        default: "damaged or malformed card"
        }
    }
}

extension Verdict {
    /// The verdict when the card could not even be read, with the reason in English (no translation key).
    public init(unreadable reason: String) {
        self.init(headline: "INVALID: " + reason, status: "invalid", signatureChecked: false,
                  kind: .invalid(nil, reason))
    }
}

/// Verifying a card's QR text against trusted keys or a trust list and its revocation lists (shared by
/// `phrcard verify`/`decode` and the station).
public enum CardCheck {
    /// The outcome: the QR text, the verified card or the error, and what `parse` could read without trust.
    public struct Outcome: Sendable {
        public let text: String?
        public let card: VerifiedCard?
        public let error: (any Error)?
        public let parsed: ParsedCard?
        public let verdict: Verdict

        public init(text: String?, card: VerifiedCard?, error: (any Error)?, parsed: ParsedCard?, verdict: Verdict) {
            self.text = text
            self.card = card
            self.error = error
            self.parsed = parsed
            self.verdict = verdict
        }
    }

    /// Verifies `text` at `time`. With `trust`, the card is checked against the trust list (listed keys, key period
    /// and status) and the revocation lists instead of `trusted`.
    public static func check(text: String, trusted: [TrustedIssuer], at time: Int64, trust: TrustContext?) -> Outcome {
        do {
            let card = try CardVerifier.verify(text: text, trusting: trusted, at: time)
            if let trust {
                try trust.list.check(card)
                if let entry = trust.revocations.lists[card.kid]?.list.entry(for: card.cardID) {
                    var error = PHRCardError(.revoked, "card \(card.cardID.hexString) was revoked")
                    do { try trust.revocations.check(card) } catch let e { error = e }
                    return Outcome(text: text, card: nil, error: error, parsed: try? CardVerifier.parse(bytes: QRText.decode(text)),
                                   verdict: .revoked(entry))
                }
            }
            return Outcome(text: text, card: card, error: nil, parsed: nil, verdict: .valid)
        } catch {
            let parsed = try? CardVerifier.parse(bytes: QRText.decode(text))
            return Outcome(text: text, card: nil, error: error, parsed: parsed, verdict: Verdict(error: error))
        }
    }
}
