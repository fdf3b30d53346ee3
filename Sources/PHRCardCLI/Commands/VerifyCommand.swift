import ArgumentParser
import PHRCard
import PHRToolSupport

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

            Many cards in one process: give several CARD arguments, or --lines to read standard input as one card \
            text per line (blank lines are skipped). Each card gets one result line, in input order: \
            `<label>: VALID (card <id>, issuer <iss>, expires <date>)` or `<label>: <verdict> [<error code>]`, where \
            the label is the file name, `argument N` for QR text given directly, or `line N`; an input that cannot be \
            read at all gives `<label>: ERROR: <message> [<code>]`. With --json the results are JSON Lines (one \
            object per line, with "input" and, for --lines, "line"). The trusted keys and lists are loaded once, \
            and output is flushed whenever the next input line has not arrived yet. Exit status for many cards: 0 when \
            every card is valid, 1 when at least one is not (every card is still checked), 2 when at least one input \
            could not be read (or a usage error).

            Examples:
              phrcard verify card.png --issuer-pub clinic.pub
              phrcard verify card.txt --at 2030-01-01
              zbarimg --raw -q photo.jpg | phrcard verify - --json
              phrcard verify cards/*.txt
              zbarcam --raw | phrcard verify --lines --json
            """)

    @Argument(help: "The card: PHR1:... text, -, a .txt file, or a PNG/JPEG image. Several: one result line each.")
    var cards: [String] = []
    @Flag(help: "Read standard input as one card text per line; print one result line per card.") var lines = false
    @Option(help: "A trusted issuer public key (PEM). Repeatable.") var issuerPub: [String] = []
    @Option(help: "Check validity at this ISO 8601 date or date-time instead of now.") var at: String?
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(help: "Language of the text output: en (default), fr, ar, el, it, hr, sl, de.") var lang: String?
    @OptionGroup(title: "Trust network") var trustList: TrustListOptions
    @OptionGroup var revocationLists: RevocationOptions

    func validate() throws {
        if lines {
            guard cards.isEmpty else { throw ValidationError("--lines reads the cards from standard input; give no CARD argument") }
        } else if cards.isEmpty {
            throw ValidationError("missing CARD (or --lines to read one card text per line from standard input)")
        }
    }

    func run() throws {
        let officer = try OfficerText.resolve(lang)
        let trust = try TrustContext.load(trustList, revocationLists, explicitIssuers: !issuerPub.isEmpty)
        let checker = try CardCheck.Checker(issuerPubs: issuerPub, at: at, trust: trust)
        if lines || cards.count > 1 {
            try runMany(checker)
            return
        }
        let outcome = try checker.check(argument: cards[0])
        Self.show(outcome, json: json, officer)
        if let error = outcome.error {
            _ = Console.fail(error)
            throw ExitCode(1)
        }
    }

    /// One result line per card (``CardStream``).
    private func runMany(_ checker: CardCheck.Checker) throws {
        let output = OutputBuffer()
        var status = CardStream.Status()
        try CardStream.forEach(arguments: cards, lines: lines, output: output) { item in
            guard let outcome = try Self.check(item, with: checker, status: &status, output: output, json: json) else {
                return
            }
            status.record(outcome.card == nil ? 1 : 0)
            output.append(Self.resultLine(outcome, item: item, json: json))
        }
        output.flush()
        if status.value != 0 { throw ExitCode(status.value) }
    }

    /// Checks one card among many; on a tool error (unreadable file, bad text…) writes its error line, records its
    /// exit code and returns nil. Shared by `verify` and `decode`.
    static func check(_ item: CardStream.Item, with checker: CardCheck.Checker, status: inout CardStream.Status,
                      output: OutputBuffer, json: Bool) throws -> CardCheck.Outcome? {
        do {
            return try item.text.map { checker.check(text: $0) } ?? checker.check(argument: item.argument ?? "")
        } catch where Console.isToolError(error) {
            let (pairs, code) = Console.lines(for: error)
            status.record(code)
            output.append(errorLine(item, code: pairs.first?.0 ?? "internal",
                                    message: pairs.map(\.1).joined(separator: " "), json: json))
            return nil
        }
    }

    /// The result line of one card among many.
    static func resultLine(_ o: CardCheck.Outcome, item: CardStream.Item, json: Bool) -> String {
        let code = o.error.flatMap { Console.lines(for: $0).lines.first?.0 }
        let authentic = o.card != nil || o.verdict.signatureChecked
        let details: (issuer: String, kid: String, alg: String, id: String, iat: Int64, exp: Int64)?
        if let c = o.card {
            details = (c.issuerID, c.kid.description, c.algorithm.name, c.cardID.hexString, c.issuedAt, c.expiresAt)
        } else if let p = o.parsed {
            details = (p.issuerID, p.kid.description, p.algorithm.name, p.cardID.hexString, p.issuedAt, p.expiresAt)
        } else {
            details = nil
        }
        if json {
            var line = JSONLine()
            line.add("input", item.label)
            if let n = item.line { line.add("line", n) }
            line.add("verdict", o.verdict.headline)
            line.add("status", o.verdict.status)
            line.add("valid", o.card != nil)
            line.add("signatureVerified", authentic && details != nil)
            if let d = details {
                line.add("issuer", d.issuer)
                line.add("kid", d.kid)
                line.add("algorithm", d.alg)
                line.add("cardId", d.id)
                line.add("issuedAt", ISODate.format(d.iat))
                line.add("expiresAt", ISODate.format(d.exp))
            }
            if let e = o.error {
                let (pairs, _) = Console.lines(for: e)
                var error = JSONLine()
                error.add("code", pairs.first?.0 ?? "")
                error.add("message", pairs.map(\.1).joined(separator: "\n"))
                line.add("error", raw: String(error.line.dropLast()))
            }
            return line.line
        }
        if let c = o.card {
            return "\(item.label): \(o.verdict.headline) (card \(c.cardID.hexString), issuer \(c.issuerID), expires \(ISODate.format(c.expiresAt)))\n"
        }
        return "\(item.label): \(o.verdict.headline)\(code.map { " [\($0)]" } ?? "")\n"
    }

    /// The result line of an input that could not be read at all.
    static func errorLine(_ item: CardStream.Item, code: String, message: String, json: Bool) -> String {
        if json {
            var line = JSONLine()
            line.add("input", item.label)
            if let n = item.line { line.add("line", n) }
            line.add("verdict", "ERROR")
            line.add("status", "error")
            line.add("valid", false)
            var error = JSONLine()
            error.add("code", code)
            error.add("message", message)
            line.add("error", raw: String(error.line.dropLast()))
            return line.line
        }
        return "\(item.label): ERROR: \(message) [\(code)]\n"
    }

    /// Prints the verdict and the card's details.
    static func show(_ o: CardCheck.Outcome, json: Bool, _ x: OfficerText = .english) {
        var fields: [(TranslationKey, String, Any)] = []   // (label, json key, value)
        var times: [String: Int64] = [:]
        if let c = o.card {
            fields = [(.labelIssuer, "issuer", c.issuerID), (.labelKeyId, "kid", c.kid.description),
                      (.labelAlgorithm, "algorithm", c.algorithm.name), (.labelCardId, "cardId", c.cardID.hexString),
                      (.labelIssued, "issuedAt", ISODate.format(c.issuedAt)), (.labelExpires, "expiresAt", ISODate.format(c.expiresAt))]
            times = ["issuedAt": c.issuedAt, "expiresAt": c.expiresAt]
        } else if let p = o.parsed {
            fields = [(.labelIssuer, "issuer", p.issuerID), (.labelKeyId, "kid", p.kid.description),
                      (.labelAlgorithm, "algorithm", p.algorithm.name), (.labelCardId, "cardId", p.cardID.hexString),
                      (.labelIssued, "issuedAt", ISODate.format(p.issuedAt)), (.labelExpires, "expiresAt", ISODate.format(p.expiresAt))]
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
