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

            Examples:
              phrcard decode card.png --code 1234-5678-9012-3456-7890
              phrcard decode card.png --code-file card.code --format json > record.json
              phrcard decode card.txt --reader-key border.key --issuer-pub clinic.pub
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, fhir }

    @Argument(help: "The card: PHR1:... text, -, a .txt file, or a PNG/JPEG image.") var card: String
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
    }

    func run() throws {
        // Resolve the language and the key before verifying so that usage errors come first.
        let officer = try OfficerText.resolve(lang)
        enum Opener { case holder(String), reader(ReaderPrivateKey) }
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
        let outcome = try CardCheck.run(card, issuerPubs: issuerPub, at: at, trust: trust)
        guard let verified = outcome.card else {
            Console.err("the card did not pass verification (\(outcome.verdict.headline)); nothing is shown")
            _ = Console.fail(outcome.error ?? CLIError("card.invalid", "verification failed", exitStatus: 1))
            throw ExitCode(1)
        }
        let opened: OpenedCard
        switch opener {
        case .holder(let c): opened = try verified.open(holderCode: c)
        case .reader(let k): opened = try verified.open(readerKey: k)
        }
        switch format {
        case .json: Console.out(bytes: opened.jsonData(prettyPrinted: true))
        case .text: print(RecordSummary.text(opened, officer), terminator: "")
        case .fhir: Console.out(bytes: FHIROutput.bundle(opened))
        }
    }

    /// The holder code in a code file: the first `dddd-dddd-dddd-dddd-dddd`, or else the whole trimmed text.
    static func extractCode(_ text: String) -> String {
        if let range = text.range(of: "[0-9]{4}([- ]?[0-9]{4}){4}", options: .regularExpression) {
            return String(text[range])
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
