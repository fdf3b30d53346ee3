import ArgumentParser
import PHRCard

/// `phrcard verify`: signature, issuer and validity, without any decryption key.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a card's signature, issuer and validity period (no decryption key needed).",
        discussion: """
            CARD is the QR text itself (PHR1:...), - for standard input, a text file holding it, or a PNG or JPEG \
            photo or scan of the QR code. The first line is the verdict: VALID, INVALID: <reason>, EXPIRED, \
            NOT YET VALID, UNKNOWN ISSUER or REVOKED: <reason> since <date>. Then the issuer, key id, \
            card id and dates; when the signature could not be checked they are marked as unverified claims.
            Trusted issuers: every --issuer-pub, or else every .pub in $PHRCARD_HOME/trusted-issuers/.
            Trust network: --trust LIST --root ROOT.pub (default: $PHRCARD_HOME/trust.list and root.pub when both \
            exist) verifies the signed trust list (rollback, age; a stale list gives a warning on stderr) and \
            trusts its issuer keys within their periods and status; --revocations FILE (repeatable; default \
            $PHRCARD_HOME/revocations/*) adds revocation lists.
            --lang LANG prints the verdict and labels in the officer's language (en, fr, ar, el, it, hr, sl, de; \
            machine-drafted translations, see spec/translations.md); --json output does not change with it.
            Exit status: 0 valid; 1 not valid for any reason; 2 usage error or unreadable file.

            Examples:
              phrcard verify card.png --issuer-pub clinic.pub
              phrcard verify card.txt --at 2030-01-01
              zbarimg --raw -q photo.jpg | phrcard verify - --json
            """)

    @Argument(help: "The card: PHR1:... text, -, a .txt file, or a PNG/JPEG image.") var card: String
    @Option(help: "A trusted issuer public key (PEM). Repeatable.") var issuerPub: [String] = []
    @Option(help: "Check validity at this ISO 8601 date or date-time instead of now.") var at: String?
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(help: "Language of the text output: en (default), fr, ar, el, it, hr, sl, de.") var lang: String?
    @OptionGroup(title: "Trust network") var trustList: TrustListOptions
    @OptionGroup var revocationLists: RevocationOptions

    func run() throws {
        let officer = try OfficerText.resolve(lang)
        let trust = try TrustContext.load(trustList, revocationLists, explicitIssuers: !issuerPub.isEmpty)
        let outcome = try CardCheck.run(card, issuerPubs: issuerPub, at: at, trust: trust)
        Self.show(outcome, json: json, officer)
        if let error = outcome.error {
            _ = Console.fail(error)
            throw ExitCode(1)
        }
    }

    /// Prints the verdict and the card's details.
    static func show(_ o: CardCheck.Outcome, json: Bool, _ x: OfficerText = .english) {
        var fields: [(TranslationKey, String, Any)] = []   // (label, json key, value)
        var times: [String: Int64] = [:]
        if let c = o.card {
            fields = [(.labelIssuer, "issuer", c.issuerID), (.labelKeyId, "kid", c.kid.description),
                      (.labelAlgorithm, "algorithm", c.algorithm.name), (.labelCardId, "cardId", c.cardID.hexString),
                      (.labelIssued, "issuedAt", Dates.format(c.issuedAt)), (.labelExpires, "expiresAt", Dates.format(c.expiresAt))]
            times = ["issuedAt": c.issuedAt, "expiresAt": c.expiresAt]
        } else if let p = o.parsed {
            fields = [(.labelIssuer, "issuer", p.issuerID), (.labelKeyId, "kid", p.kid.description),
                      (.labelAlgorithm, "algorithm", p.algorithm.name), (.labelCardId, "cardId", p.cardID.hexString),
                      (.labelIssued, "issuedAt", Dates.format(p.issuedAt)), (.labelExpires, "expiresAt", Dates.format(p.expiresAt))]
            times = ["issuedAt": p.issuedAt, "expiresAt": p.expiresAt]
        }
        let authentic = o.card != nil || o.verdict.signatureChecked
        if json {
            var object: [String: Any] = ["verdict": o.verdict.headline, "status": o.verdict.status,
                                         "valid": o.card != nil, "signatureVerified": authentic && !fields.isEmpty]
            if let e = o.error {
                let (pairs, _) = Console.lines(for: e)
                object["error"] = ["code": pairs.first?.0 ?? "", "message": pairs.map(\.1).joined(separator: "\n")]
            }
            for (_, key, value) in fields { object[key] = value }
            print(Console.json(object), terminator: "")
            return
        }
        var lines = [o.verdict.headline(in: x.t, isolate: x.value)]
        if !fields.isEmpty && !authentic {
            lines.append("  " + x[.verifyUnverified])
        }
        let labels = fields.map { x[$0.0] }
        for (label, key, value) in fields {
            let shown = times[key].map { x.t.dateTime($0) } ?? "\(value)"
            lines.append("  " + x.labelled(x[label], among: labels, x.value(shown)))
        }
        print(x.render(lines), terminator: "")
    }
}
