import Foundation
import PHRCard

/// The outcome of verifying a card, in words a border officer reads at a glance (the `phrcard verify` headline and
/// the station's verdict screen).
public struct Verdict: Sendable {
    /// `VALID`, `INVALID: <reason>`, `EXPIRED`, `NOT YET VALID`, `UNKNOWN ISSUER`, `REVOKED: <reason> since <date>`.
    public let headline: String
    /// The short word used in JSON: valid, invalid, expired, not-yet-valid, unknown-issuer, revoked.
    public let status: String
    /// Whether the signature was checked (the details below are then authentic).
    public let signatureChecked: Bool
    /// For `invalid`: the short reason (as in the headline); for `revoked`: the revocation reason's name.
    public let reason: String?
    /// For `revoked`: when the card was revoked (seconds since 1970).
    public let revokedAt: Int64?

    /// The verdict of a card that verified.
    public static let valid = Verdict(headline: "VALID", status: "valid", signatureChecked: true)

    /// The verdict for a verification error.
    public init(error: PHRCardError) {
        switch error.code {
        case .expired: self.init(headline: "EXPIRED", status: "expired", signatureChecked: true)
        case .notYetValid: self.init(headline: "NOT YET VALID", status: "not-yet-valid", signatureChecked: true)
        case .unknownIssuer: self.init(headline: "UNKNOWN ISSUER", status: "unknown-issuer", signatureChecked: false)
        case .revoked: self.init(headline: "REVOKED", status: "revoked", signatureChecked: true)
        case .issuerKeyCompromised, .issuerKeyOutsidePeriod, .issuerKeySuspended:
            self.init(invalid: Self.reason(error.code), signatureChecked: true)
        default: self.init(invalid: Self.reason(error.code), signatureChecked: error.code == .issuerMismatch)
        }
    }

    /// The verdict for a card on its issuer's revocation list: `REVOKED: <reason> since <date>`.
    public static func revoked(_ entry: RevocationEntry) -> Verdict {
        Verdict(headline: "REVOKED: \(entry.reason.name) since \(ISODate.format(entry.revokedAt))", status: "revoked",
                signatureChecked: true, reason: entry.reason.name, revokedAt: entry.revokedAt)
    }

    /// The verdict when the card could not even be read (no QR code in the image).
    public init(unreadable reason: String) {
        self.init(invalid: reason, signatureChecked: false)
    }

    private init(invalid reason: String, signatureChecked: Bool) {
        self.init(headline: "INVALID: " + reason, status: "invalid", signatureChecked: signatureChecked, reason: reason)
    }

    private init(headline: String, status: String, signatureChecked: Bool, reason: String? = nil, revokedAt: Int64? = nil) {
        self.headline = headline
        self.status = status
        self.signatureChecked = signatureChecked
        self.reason = reason
        self.revokedAt = revokedAt
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
