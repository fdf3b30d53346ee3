import PHRCard

/// The outcome of verifying a card, in words a border officer reads at a glance.
struct Verdict {
    /// `VALID`, `INVALID: <reason>`, `EXPIRED`, `NOT YET VALID`, `UNKNOWN ISSUER` (`REVOKED` is reserved).
    let headline: String
    /// The short word used in JSON: valid, invalid, expired, not-yet-valid, unknown-issuer.
    let status: String
    /// Whether the signature was checked (the details below are then authentic).
    let signatureChecked: Bool

    static let valid = Verdict(headline: "VALID", status: "valid", signatureChecked: true)

    /// The verdict for a verification error.
    init(error: PHRCardError) {
        switch error.code {
        case .expired: self.init(headline: "EXPIRED", status: "expired", signatureChecked: true)
        case .notYetValid: self.init(headline: "NOT YET VALID", status: "not-yet-valid", signatureChecked: true)
        case .unknownIssuer: self.init(headline: "UNKNOWN ISSUER", status: "unknown-issuer", signatureChecked: false)
        default: self.init(headline: "INVALID: " + Self.reason(error.code), status: "invalid",
                           signatureChecked: error.code == .issuerMismatch)
        }
    }

    /// The verdict when the card could not even be read (no QR code in the image).
    init(unreadable reason: String) {
        self.init(headline: "INVALID: " + reason, status: "invalid", signatureChecked: false)
    }

    private init(headline: String, status: String, signatureChecked: Bool) {
        self.headline = headline
        self.status = status
        self.signatureChecked = signatureChecked
    }

    /// A short reason for each failure.
    static func reason(_ code: PHRCardError.Code) -> String {
        switch code {
        case .badPrefix: "not a PHRCard card (the text does not start with PHR1:)"
        case .nonDigit, .badLength, .groupOverflow: "damaged card text"
        case .cardTooLarge: "too large to be a card"
        case .badSignature: "signature does not match: the card was altered or forged"
        case .issuerMismatch: "the card names a different issuer than its key is trusted for"
        case .unsupportedAlgorithm: "unsupported signature algorithm"
        case .signatureEncoding: "malformed signature"
        default: "damaged or malformed card"
        }
    }
}

/// Reading and verifying a card argument, shared by `verify` and `decode`.
enum CardCheck {
    /// The outcome: the QR text, the verified card or the error, and what `parse` could read without trust.
    struct Outcome {
        let text: String?
        let card: VerifiedCard?
        let error: (any Error)?
        let parsed: ParsedCard?
        let verdict: Verdict
    }

    /// Reads and verifies. File and usage problems are thrown; card problems come back in the outcome.
    static func run(_ argument: String, issuerPubs: [String], at: String?) throws -> Outcome {
        let time = try at.map(Dates.parse) ?? Dates.now
        let trusted = try Keys.trustedIssuers(issuerPubs)
        let text: String
        do {
            text = try CardInput.text(from: argument)
        } catch let e as ImagingError where e.kind == .noQRCode {
            return Outcome(text: nil, card: nil, error: e, parsed: nil, verdict: Verdict(unreadable: "no QR code found in the image"))
        }
        do {
            let card = try CardVerifier.verify(text: text, trusting: trusted, at: time)
            return Outcome(text: text, card: card, error: nil, parsed: nil, verdict: .valid)
        } catch {
            let parsed = try? CardVerifier.parse(bytes: QRText.decode(text))
            return Outcome(text: text, card: nil, error: error, parsed: parsed, verdict: Verdict(error: error))
        }
    }
}
