import ArgumentParser
import Foundation
import PHRCard
import PHRToolSupport
import PHRPrint

/// `phrcard issue`: one card from a record, or one card per line of a JSON Lines file.
struct IssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue a signed, encrypted card from a health record (JSON) as a PNG, SVG, text or PDF file.",
        discussion: """
            The record is validated first; every problem is listed, one per line: \
            `error: record.invalid: <json path>: <message> [<issue code>]`. The card is written atomically and \
            never over an existing file unless --force is given. The command prints the card id, the holder code, \
            the card size, the QR digits and version, and the size class. The holder code opens every tier: give it \
            to the holder; it is written to --code-out FILE only when asked (mode 0600), never anywhere else.

            Readers: --reader PUB encrypts the essential tier to a reader key; --reader PUB:essential,clinical \
            chooses the tiers. Tiers: --tier SECTION=TIER moves a section (e.g. --tier conditions=essential).
            Image: PNG is 1-bit with a 4-module quiet zone and round(module-mm / 25.4 × dpi) whole pixels per \
            module (at least 2 pixels and 0.25 mm, the printable minimum); SVG has exact millimetre sizes; TXT \
            holds the QR text and a newline. PDF is the printed card (vector, exact millimetres): the QR at its \
            module size, a multilingual title, issuer, card id, dates and (unless --no-name) the holder's name and \
            birth date; and the detachable holder-code stub. --layout id1 (two 85.6 × 54 mm pages: card, stub) or \
            a6 (one page, stub below a cut line); --preview FILE.png renders the same at --dpi.
            Defaults from `phrcard init` ($PHRCARD_HOME): --issuer-key issuer.key, --issuer from config.json, and \
            the demo reader (reader.pub) when no --reader is given.
            Trust network: with --trust LIST --root ROOT.pub (or $PHRCARD_HOME/trust.list and root.pub) the issuer \
            key must be listed for the issuer id, active and within its issuing period, or nothing is issued; \
            --readers all encrypts to every reader in the list with its default tiers. Every card written is \
            appended to the issuance log $PHRCARD_HOME/issuance-log.sqlite unless --no-log (batch: one transaction per \
            card, committed after its file is synced as DIR/.tmp-<name> and before it is renamed into place).
            FHIR: --fhir BUNDLE.json issues from an IPS document Bundle; what the card cannot carry is listed on \
            stderr (and as JSON with --report FILE); --strict refuses the Bundle instead (fhir.would-drop). When the \
            card would need a QR version above 25 (--fit-version), the fit-to-card policy leaves out lower-priority \
            content (dosages of medications no longer taken, older repeats of a result, inactive conditions, \
            medications no longer taken), each item reported; --fit-version none keeps everything.

            Batch: --batch RECORDS.jsonl --out-dir DIR --codes-out FILE issues one card per non-empty line into \
            DIR/<line number, zero-padded>-<card id>.<png|svg|txt|pdf>, continues past bad lines, reports each failure \
            on stderr (`line 7: record.invalid: ...`), prints `issued N, failed M`, and writes one line per card to \
            the codes file (mode 0600): line<TAB>card id<TAB>holder code<TAB>file. --report FILE writes a JSON \
            report (no holder codes); --json prints that report on stdout instead of the summary line. \
            --jobs N issues on N threads (default: every processor; --jobs 1 issues one card at a time): the cards are \
            computed in parallel and written by one thread in input order, so file names, the codes file, the log \
            and the report are in input order whatever N is. The input is read line by line (memory does not grow \
            with its length). Progress goes to stderr, so stdout can be piped: one updating line on a terminal, \
            otherwise `progress: N/M lines: ...` every 10 records, then the number of cards, seconds and cards/s. \
            Exit status 0 when every line was issued, 1 when any failed. \
            Interrupting (SIGINT/Ctrl-C or SIGTERM) starts no new line, finishes the cards already started (at most \
            twice the number of jobs), and prints \
            `interrupted after N of M lines: K cards written and logged; rerun with the remaining lines (N+1 to M)` \
            (lines 1 to N are all done; "interrupted" in the JSON report); exit status 130 (SIGINT) or 143 (SIGTERM). \
            Even after a kill, no card file is half-written and every card file is logged; at most one logged card \
            may remain as DIR/.tmp-<name>, which the next batch into DIR (or `phrcard log reconcile --dir DIR`) moves \
            into place.

            Examples:
              phrcard issue record.json --issuer-key clinic.key --issuer CLINIC-7 --reader border.pub --out card.png
              phrcard issue record.json --out card.svg --module-mm 0.5 --ecc Q --code-out card.code
              phrcard issue record.json --out card.txt --valid-for 365d --tier conditions=essential
              phrcard issue --batch records.jsonl --out-dir cards --codes-out codes.tsv --report report.json
              phrcard issue record.json --out card.pdf --layout a6 --preview card.png --issuer-name "Clinic 7"
              phrcard issue --batch records.jsonl --out-dir cards --codes-out codes.tsv --sheet sheets.pdf
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case png, svg, txt, pdf }
    enum ECC: String, ExpressibleByArgument, CaseIterable {
        case L, M, Q, H
        var level: QRErrorCorrection { QRErrorCorrection(rawValue: rawValue)! }
    }

    @Argument(help: "The health record (JSON). Not used with --batch.") var record: String?
    @Option(help: "The issuer's private key (PEM). Default: $PHRCARD_HOME/issuer.key.") var issuerKey: String?
    @Option(help: "File whose first line decrypts the issuer key.") var passphraseFile: String?
    @Option(help: "The issuer id written on the card (1-64 bytes). Default: from $PHRCARD_HOME/config.json.")
    var issuer: String?
    @Option(help: "A reader's public key, optionally with tiers: PUB or PUB:essential,clinical. Repeatable.")
    var reader: [String] = []
    @Flag(help: "Encrypt to no reader (only the holder code opens the card), even if $PHRCARD_HOME has a demo reader.")
    var noReader = false
    @Option(help: "Move a section to a tier: SECTION=TIER, e.g. conditions=essential. Repeatable.") var tier: [String] = []
    @Option(help: "Validity: a number and h, d, w or y (365 days), e.g. 365d, 3y, 12h.") var validFor = "3y"
    @Option(help: "QR error correction: L, M, Q or H.") var ecc: ECC = .M
    @Option(help: "QR module size in millimetres (at least 0.25).") var moduleMm = 0.40
    @Option(help: "PNG resolution in dots per inch.") var dpi = 300
    @Option(help: "The card file to write (.png, .svg, .txt or .pdf).") var out: String?
    @Option(help: "png, svg, txt or pdf (default: from the --out extension; png for --batch, pdf with --sheet).")
    var format: Format?
    @Option(help: "Also write the holder code and card id to this file (mode 0600).") var codeOut: String?
    @Flag(help: "Replace existing output files.") var force = false
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(help: "Batch mode: a JSON Lines file with one record per line.") var batch: String?
    @Option(help: "Batch mode: the directory for the cards (created if missing).") var outDir: String?
    @Option(help: "Batch mode: the file for line, card id, holder code and file name (mode 0600).") var codesOut: String?
    @Option(help: "Batch mode: issue on this many threads (default: every processor; 1 issues one card at a time).")
    var jobs: Int?
    @Option(help: "Batch mode: write a JSON report to this file. With --fhir: write the FHIR drop report (JSON).") var report: String?
    @OptionGroup(title: "Printed card (PDF)") var printing: PrintArguments
    @OptionGroup var network: IssueNetworkOptions   // --trust/--root, --readers all, --no-log, --issued-at, --fhir (Trust/)

    func validate() throws {
        if batch != nil {
            guard record == nil else { throw ValidationError("give either RECORD.json or --batch RECORDS.jsonl, not both") }
            guard outDir != nil, codesOut != nil else { throw ValidationError("--batch needs --out-dir DIR and --codes-out FILE") }
            guard out == nil, codeOut == nil, printing.preview == nil else { throw ValidationError("--batch writes to --out-dir and --codes-out; --out, --code-out and --preview are for one card") }
        } else {
            guard record != nil || network.fhir != nil else { throw ValidationError("missing RECORD.json (or --batch RECORDS.jsonl)") }
            guard out != nil else { throw ValidationError("missing --out CARD.png|.svg|.txt") }
            guard outDir == nil, codesOut == nil, report == nil || network.fhir != nil, printing.sheet == nil else {
                throw ValidationError("--out-dir, --codes-out, --report (except with --fhir) and --sheet are for --batch")
            }
        }
        if let jobs {
            guard batch != nil else { throw ValidationError("--jobs is for --batch") }
            guard jobs >= 1, jobs <= 256 else { throw ValidationError("--jobs must be 1 to 256") }
        }
        if let issuer, issuer.isEmpty || issuer.utf8.count > 64 {
            throw ValidationError("--issuer must be 1 to 64 bytes")
        }
        guard dpi > 0, dpi <= 10_000 else { throw ValidationError("--dpi must be 1 to 10000") }
        guard moduleMm.isFinite, moduleMm > 0, moduleMm <= 100 else { throw ValidationError("--module-mm must be a size in millimetres") }
        if noReader && !reader.isEmpty { throw ValidationError("--no-reader and --reader exclude each other") }
        try network.check(batch: batch != nil, record: record)
    }

    /// Everything that is the same for every card of a run.
    struct Setup {
        let signingKey: IssuerSigningKey
        let options: IssueOptions
        let format: Format
        let modulePixels: Int
        /// The printed-card options (PDF, preview, sheets).
        var printOptions = PrintOptions()
        /// No --layout: each PDF is ID-1 when its QR code fits, A6 otherwise.
        var automaticLayout = false
        /// Collects the cards of a batch for --sheet.
        var sheet: SheetCollector? = nil
        /// `--issued-at`: the issue time of every card instead of the current time.
        var issuedAt: Int64?
        /// Appends each card written to the issuance log (nil with --no-log).
        var logger: IssuanceLogger?
    }

    func run() throws {
        if let batch {
            var setup = try makeSetup(format: format ?? (printing.sheet != nil ? .pdf : .png))
            guard let sheetPath = printing.sheet else {
                try BatchIssue(command: self, setup: setup, input: batch).run()
                return
            }
            try Files.checkWritable(sheetPath, force: force)
            setup.sheet = SheetCollector()
            var failure: (any Error)?
            do { try BatchIssue(command: self, setup: setup, input: batch).run() } catch { failure = error }
            if let cards = setup.sheet?.cards, !cards.isEmpty {
                let doc = try IssuePrint.sheet(cards, options: setup.printOptions)
                try Files.writeAtomically(doc.bytes, to: sheetPath, mode: 0o644, force: force)
                if !json { print("sheet: \(sheetPath) (\(cards.count) cards, \(doc.pageCount) A4 pages: cards, then stubs)") }
            }
            if let failure { throw failure }
            return
        }
        guard let record = record ?? network.fhir, let out else { return }
        let fmt = try format ?? Self.format(ofPath: out)
        try Files.checkWritable(out, force: force)
        if let codeOut { try Files.checkWritable(codeOut, force: force) }
        if let preview = printing.preview { try Files.checkWritable(preview, force: force) }
        let input = try Files.read(record)
        let setup = try makeSetup(format: fmt)
        let healthRecord = try network.record(from: input, name: record, report: report, force: force) { r in
            try? CardIssuer.issue(r, signingKey: setup.signingKey, options: setup.options).unpaddedBytes
        }
        let result = try Self.issueOne(healthRecord, setup: setup, ecc: ecc.level, moduleMm: moduleMm, dpi: dpi)
        try Files.writeAtomically(result.fileBytes, to: out, mode: 0o644, force: force)
        try setup.logger?.add(result.card, record: healthRecord, path: out)
        try setup.logger?.flush()
        if let preview = printing.preview {
            let printable = IssuePrint.printable(result.card, record: healthRecord, setup: setup)
            let png = try IssuePrint.preview(printable, options: IssuePrint.options(for: printable, setup: setup), dpi: dpi)
            try Files.writeAtomically(png, to: preview, mode: 0o644, force: force)
        }
        let card = result.card
        if let codeOut {
            let text = "holder code: \(card.holderCode)\ncard id: \(card.cardID.hexString)\n"
            try Files.writeAtomically(Array(text.utf8), to: codeOut, mode: 0o600, force: force)
        }
        let digits = card.qrText.count - CardFormat.prefix.count
        if json {
            var object: [String: Any] = [
                "file": out, "format": fmt.rawValue, "cardId": card.cardID.hexString,
                "holderCode": card.holderCode.description, "cardBytes": card.bytes.count, "qrDigits": digits,
                "qrVersion": result.qr.version, "errorCorrection": ecc.rawValue, "sizeClass": card.sizeClass.number,
                "issuer": setup.options.issuerID, "kid": setup.signingKey.publicKey.kid.description,
                "issuedAt": ISODate.format(card.issuedAt), "expiresAt": ISODate.format(card.expiresAt),
            ]
            if let layout = result.layout { object["layout"] = layout }
            print(Console.json(object), terminator: "")
        } else {
            print("""
                card:        \(out) (\(fmt.rawValue)\(fmt == .png ? ", \(setup.modulePixels) px per module at \(dpi) dpi" : "")\(result.layout.map { ", \($0)" } ?? ""))
                card id:     \(card.cardID.hexString)
                holder code: \(card.holderCode)
                issuer:      \(setup.options.issuerID) (key \(setup.signingKey.publicKey.kid))
                valid:       \(ISODate.format(card.issuedAt)) to \(ISODate.format(card.expiresAt))
                card bytes:  \(card.bytes.count) (size class \(card.sizeClass.number) of \(SizeClass.all.count))
                QR:          \(digits) digits, version \(result.qr.version) at ECC \(ecc.rawValue) (\(result.qr.size)×\(result.qr.size) modules)
                """)
        }
    }

    /// The format named by a file extension.
    static func format(ofPath path: String) throws(CLIError) -> Format {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let f = Format(rawValue: ext) else {
            throw CLIError.usage("unknown-format", "cannot tell the format of \(path) from its extension; use .png, .svg, .txt or .pdf, or --format")
        }
        return f
    }

    /// Loads the key, readers, policy and checks the image geometry.
    func makeSetup(format: Format) throws -> Setup {
        let home = Home.current
        // Image geometry first: it is a usage error that needs no key.
        let px = Int((moduleMm / 25.4 * Double(dpi)).rounded())
        if format != .txt && (moduleMm < 0.25 || (format == .png && px < 2)) {
            throw CLIError("image.module-too-small", """
                a QR module of \(moduleMm) mm at \(dpi) dpi is \(px) pixel(s); a printable code needs at least 0.25 mm \
                and 2 whole pixels per module: raise --module-mm (e.g. 0.40) or --dpi (e.g. 300 or 600)
                """)
        }
        guard let keyPath = issuerKey ?? home.existing(home.issuerKey) else {
            throw CLIError.usage("missing-issuer-key", "no --issuer-key given and no \(home.issuerKey) (run `phrcard init` for a demo issuer)")
        }
        let key = try Keys.issuerSigningKey(keyPath, passphraseFile: passphraseFile)
        let trust = try network.prepare()
        guard let issuerID = issuer ?? (home.exists ? home.issuerID : nil) ?? trust.listedIssuerID(for: key.publicKey) else {
            throw CLIError.usage("missing-issuer", "no --issuer ID given and no default in \(home.config) (run `phrcard init`)")
        }
        var grants: [ReaderGrant] = []
        for spec in reader { grants.append(try Self.readerGrant(spec)) }
        grants += network.readerGrants(trust)
        if reader.isEmpty && !noReader && network.readers == nil, let demo = home.existing(home.readerPub) {
            grants.append(ReaderGrant(key: try Keys.readerPublicKey(demo)))
        }
        let policy = try TierPolicy(overrides: tier)
        let options = IssueOptions(issuerID: issuerID, issuedAt: trust.issuedAt ?? ISODate.now, validity: try Dates.parseDuration(validFor),
                                   readers: grants, policy: policy)
        try network.checkSigningKey(key.publicKey, issuerID: issuerID, at: options.issuedAt, trust)
        var setup = Setup(signingKey: key, options: options, format: format, modulePixels: px,
                          printOptions: printing.options(moduleMm: moduleMm, ecc: ecc.level))
        setup.issuedAt = trust.issuedAt
        setup.automaticLayout = printing.layout == nil
        setup.logger = try IssuanceLogger.open(signer: key.publicKey, readers: grants, disabled: network.noLog)
        return setup
    }

    /// Parses `PUB` or `PUB:tier,tier`.
    static func readerGrant(_ spec: String) throws -> ReaderGrant {
        var path = spec
        var tiers: Set<Tier> = [.essential]
        if let colon = spec.lastIndex(of: ":") {
            let names = spec[spec.index(after: colon)...].split(separator: ",").map(String.init)
            let parsed = names.compactMap(Tier.init(name:))
            if !names.isEmpty && parsed.count == names.count {
                path = String(spec[..<colon])
                tiers = Set(parsed)
            } else if !Files.exists(spec) {
                throw CLIError.usage("bad-reader", "--reader \(spec): \"\(spec[spec.index(after: colon)...])\" is not a list of tiers (essential, clinical)")
            }
        }
        return ReaderGrant(key: try Keys.readerPublicKey(path), tiers: tiers)
    }

    struct Issued {
        let card: IssuedCard
        let qr: QRCode
        let fileBytes: [UInt8]
        /// For PDF: the page layout used (`--layout`, or the automatic choice).
        var layout: String? = nil
    }

    /// Issues one card and renders its file.
    static func issueOne(_ record: HealthRecord, setup: Setup, ecc: QRErrorCorrection, moduleMm: Double, dpi: Int) throws -> Issued {
        var options = setup.options
        options.issuedAt = setup.issuedAt ?? ISODate.now
        let card = try CardIssuer.issue(record, signingKey: setup.signingKey, options: options)
        let qr = try QRCode.encode(prefixedNumericText: card.qrText, errorCorrection: ecc)
        let bytes: [UInt8]
        var layout: String?
        switch setup.format {
        case .png:
            bytes = try PNG.encode(qr.render(modulePixels: setup.modulePixels, quietZoneModules: 4), bitDepth: 1, dpi: Double(dpi))
        case .svg:
            bytes = Array(qr.svg(moduleSizeMM: moduleMm, quietZoneModules: 4).utf8)
        case .txt:
            bytes = Array((card.qrText + "\n").utf8)
        case .pdf:
            let printable = IssuePrint.printable(card, record: record, setup: setup)
            let options = try IssuePrint.options(for: printable, setup: setup)
            bytes = try IssuePrint.pdf(printable, options: options)
            layout = options.layout.rawValue
        }
        return Issued(card: card, qr: qr, fileBytes: bytes, layout: layout)
    }
}
