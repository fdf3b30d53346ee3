import ArgumentParser
import Foundation
import PHRCard

/// `phrcard decode`: verify, then open with the holder code or a reader key and show the record.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Verify a card, open it with the holder code or a reader key, and show the record.",
        discussion: """
            The card is verified first (as `phrcard verify`); nothing from a card that fails verification is shown \
            (exit 1). The holder code opens every tier; a reader key opens the tiers encrypted to it. Without \
            --code, --code-file or --reader-key, $PHRCARD_HOME/reader.key is used.
            --format json prints the opened sections as the record's native JSON (with the holder code this equals \
            the issued record); --format fhir prints an HL7 FHIR R4 IPS document Bundle (sections of tiers that \
            could not be opened are present with emptyReason withheld); --format text prints a clinical summary and says which tiers were not readable.
            --lang LANG writes the text summary in the officer's language (en, fr, ar, el, it, hr, sl, de; \
            machine-drafted translations): section titles, labels, coded values and dates; codes' displays and free \
            texts stay as the card carries them. Arabic lines carry Unicode bidi marks for right-to-left terminals. \
            JSON and FHIR output do not change with it.
            A mistyped code (check digit wrong) fails with holder-code.mistyped, a code that is not this card's \
            with holder-code.wrong (exit 1).

            Many cards in one process: several CARD arguments, or --lines (standard input holds one card text per \
            line; blank lines are skipped); the key and the trusted keys are loaded once and the same key opens every \
            card. With --format json or fhir each card is one line of JSON Lines: {"input", "line" (with --lines), \
            "verdict", "status", "cardId", "openedTiers", "closedTiers", "record" or "bundle"}, or "error" {"code", \
            "message"} for a card that fails; with --format text each card starts with `<label>: VALID (card <id>, \
            issuer <iss>)` followed by its summary indented by two spaces and a blank line, or is the one line `<label>: <verdict or \
            ERROR> [<code>]`. Exit status for many cards: 0 when every card was verified and opened, 1 when at least \
            one was not (every card is still tried), 2 when at least one input could not be read (or a usage error).

            Examples:
              phrcard decode card.png --code 1234-5678-9012-3456-7890
              phrcard decode card.png --code-file card.code --format json > record.json
              phrcard decode card.txt --reader-key border.key --issuer-pub clinic.pub
              zbarcam --raw | phrcard decode --lines --reader-key border.key --format json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, fhir }

    @Argument(help: "The card: PHR1:... text, -, a .txt file, or a PNG/JPEG image. Several: one result each.")
    var cards: [String] = []
    @Flag(help: "Read standard input as one card text per line; print one result per card.") var lines = false
    @Option(help: "The holder code (20 digits, hyphens or spaces allowed).") var code: String?
    @Option(help: "A file holding the holder code (e.g. written by issue --code-out).") var codeFile: String?
    @Option(help: "A reader private key (PEM).") var readerKey: String?
    @Option(help: "File whose first line decrypts the reader key.") var passphraseFile: String?
    @Option(help: "A trusted issuer public key (PEM). Repeatable.") var issuerPub: [String] = []
    @Option(help: "Check validity at this ISO 8601 date or date-time instead of now.") var at: String?
    @Option(help: "text (default), json, or fhir (an IPS document Bundle).") var format: Format = .text
    @Option(help: "Language of the text output: en (default), fr, ar, el, it, hr, sl, de.") var lang: String?
    @OptionGroup(title: "Trust network") var trustList: TrustListOptions
    @OptionGroup var revocationLists: RevocationOptions

    func validate() throws {
        let given = [code != nil, codeFile != nil, readerKey != nil].filter { $0 }.count
        guard given <= 1 else { throw ValidationError("give only one of --code, --code-file and --reader-key") }
        if lines {
            guard cards.isEmpty else { throw ValidationError("--lines reads the cards from standard input; give no CARD argument") }
        } else if cards.isEmpty {
            throw ValidationError("missing CARD (or --lines to read one card text per line from standard input)")
        }
    }

    enum Opener {
        case holder(String), reader(ReaderPrivateKey)

        func open(_ card: VerifiedCard) throws -> OpenedCard {
            switch self {
            case .holder(let c): try card.open(holderCode: c)
            case .reader(let k): try card.open(readerKey: k)
            }
        }
    }

    func run() throws {
        // Resolve the language and the key before verifying so that usage errors come first.
        let officer = try OfficerText.resolve(lang)
        let opener: Opener
        if let code {
            opener = .holder(code)
        } else if let codeFile {
            opener = .holder(Self.extractCode(try Files.readText(codeFile)))
        } else {
            let home = Home.current
            guard let path = readerKey ?? home.existing(home.readerKey) else {
                throw CLIError.usage("missing-key", "give --code, --code-file or --reader-key (no \(home.readerKey); `phrcard init` creates a demo reader)")
            }
            opener = .reader(try Keys.readerPrivateKey(path, passphraseFile: passphraseFile))
        }
        let trust = try TrustContext.load(trustList, revocationLists, explicitIssuers: !issuerPub.isEmpty)
        let checker = try CardCheck.Checker(issuerPubs: issuerPub, at: at, trust: trust)
        if lines || cards.count > 1 {
            try runMany(checker, opener: opener, officer: officer)
            return
        }
        let outcome = try checker.check(argument: cards[0])
        guard let verified = outcome.card else {
            Console.err("the card did not pass verification (\(outcome.verdict.headline)); nothing is shown")
            _ = Console.fail(outcome.error ?? CLIError("card.invalid", "verification failed", exitStatus: 1))
            throw ExitCode(1)
        }
        let opened = try opener.open(verified)
        switch format {
        case .json: Console.out(bytes: opened.jsonData(prettyPrinted: true))
        case .text: print(RecordSummary.text(opened, officer), terminator: "")
        case .fhir: Console.out(bytes: FHIROutput.bundle(opened))
        }
    }

    /// One result per card (``CardStream``).
    private func runMany(_ checker: CardCheck.Checker, opener: Opener, officer: OfficerText) throws {
        let output = OutputBuffer()
        var status = CardStream.Status()
        let json = format != .text
        try CardStream.forEach(arguments: cards, lines: lines, output: output) { item in
            guard let outcome = try VerifyCommand.check(item, with: checker, status: &status, output: output,
                                                        json: json) else { return }
            guard let verified = outcome.card else {
                status.record(1)
                output.append(VerifyCommand.resultLine(outcome, item: item, json: json))
                return
            }
            let opened: OpenedCard
            do { opened = try opener.open(verified) } catch where Console.isToolError(error) {
                let (pairs, code) = Console.lines(for: error)
                status.record(code == 2 ? 2 : 1)
                output.append(VerifyCommand.errorLine(item, code: pairs.first?.0 ?? "internal",
                                                      message: pairs.map(\.1).joined(separator: " "), json: json))
                return
            }
            output.append(Self.openedResult(opened, item: item, format: format, officer: officer))
        }
        output.flush()
        if status.value != 0 { throw ExitCode(status.value) }
    }

    /// The result of one opened card among many.
    static func openedResult(_ o: OpenedCard, item: CardStream.Item, format: Format,
                             officer: OfficerText = .english) -> String {
        let c = o.card
        switch format {
        case .text:
            let summary = RecordSummary.text(o, officer).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            // A blank line closes each card's block.
            return "\(item.label): VALID (card \(c.cardID.hexString), issuer \(c.issuerID))\n" + summary
                + (summary.hasSuffix("\n") ? "\n" : "\n\n")
        case .json, .fhir:
            var line = JSONLine()
            line.add("input", item.label)
            if let n = item.line { line.add("line", n) }
            line.add("verdict", "VALID")
            line.add("status", "valid")
            line.add("cardId", c.cardID.hexString)
            line.add("issuer", c.issuerID)
            line.add("openedTiers", raw: "[" + o.openedTiers.map { "\"\($0.name)\"" }.joined(separator: ",") + "]")
            line.add("closedTiers", raw: "[" + o.closedTiers.map { "\"\($0.name)\"" }.joined(separator: ",") + "]")
            if format == .json {
                line.add("record", raw: String(decoding: o.jsonData(prettyPrinted: false), as: UTF8.self))
            } else {
                line.add("bundle", raw: Self.oneLine(FHIROutput.bundle(o)))
            }
            return line.line
        }
    }

    /// A JSON document on one line (re-serialised without indentation).
    static func oneLine(_ json: [UInt8]) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The holder code in a code file: the first `dddd-dddd-dddd-dddd-dddd`, or else the whole trimmed text.
    static func extractCode(_ text: String) -> String {
        if let range = text.range(of: "[0-9]{4}([- ]?[0-9]{4}){4}", options: .regularExpression) {
            return String(text[range])
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
