import PHRCard
import PHRToolSupport

// What the command shares with the station (`phrcard serve`): Sources/PHRToolSupport.

/// `$PHRCARD_HOME`.
typealias Home = PHRToolSupport.Home
/// The verdict words of `verify`.
typealias Verdict = PHRToolSupport.Verdict
/// Verifying a card against trusted keys or a trust list.
typealias CardCheck = PHRToolSupport.CardCheck
/// The trust list and revocation lists in effect.
typealias TrustContext = PHRToolSupport.TrustContext

extension CardCheck {
    /// Reads and verifies a card argument (shared by `verify` and `decode`). File and usage problems are thrown;
    /// card problems come back in the outcome. With `trust`, the card is checked against the trust list (listed
    /// keys, key period and status) and the revocation lists instead of the `--issuer-pub` keys.
    static func run(_ argument: String, issuerPubs: [String], at: String?, trust: TrustContext? = nil) throws -> Outcome {
        try Checker(issuerPubs: issuerPubs, at: at, trust: trust).check(argument: argument)
    }

    /// Verifies cards one after another with the trusted keys loaded once (`verify` and `decode` of many cards).
    struct Checker {
        let trusted: [TrustedIssuer]
        let trust: TrustContext?
        /// `--at`, or nil to check each card at the current time.
        let fixedTime: Int64?

        /// Loads the trusted issuer keys (`--issuer-pub`, the home's trusted issuers, or the trust list's).
        init(issuerPubs: [String], at: String?, trust: TrustContext?) throws {
            fixedTime = try at.map(Dates.parse)
            let time = fixedTime ?? ISODate.now
            self.trust = trust
            trusted = try trust.map { $0.list.trustedIssuers(at: time) } ?? Keys.trustedIssuers(issuerPubs)
        }

        /// Reads a card argument (text, `-`, text file or image) and verifies it.
        /// - Throws: file problems (`file.unreadable`, images that are not PNG/JPEG).
        func check(argument: String) throws -> Outcome {
            let text: String
            do {
                text = try CardInput.text(from: argument)
            } catch let e as ImagingError where e.kind == .noQRCode {
                return Outcome(text: nil, card: nil, error: e, parsed: nil, verdict: .noQRCode)
            }
            return check(text: text)
        }

        /// Verifies a card's QR text (the steps shared with the station: ``CardCheck/check(text:trusted:at:trust:)``).
        func check(text: String) -> Outcome {
            CardCheck.check(text: text, trusted: trusted, at: fixedTime ?? ISODate.now, trust: trust)
        }
    }
}
