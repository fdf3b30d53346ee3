import ArgumentParser
import Foundation
import PHRCard
import PHRToolSupport

/// `phrcard trust`: create, edit, sign and show a trust list.
struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Create, edit, sign and show a programme's trust list (spec/trust.md).",
        discussion: """
            Two files per list: LIST is the signed list that is published (COSE_Sign1, verified against the root \
            public key) and LIST.draft is the unsigned working copy that the edit commands change. `trust init` \
            creates both (an empty list, signed as sequence 1); add-issuer, add-reader, remove and set-status edit \
            LIST.draft only; `trust sign` signs LIST.draft as the next sequence, writes LIST and saves LIST.draft. \
            Nothing is trusted until it is signed. Keep LIST.draft with the offline root key (e.g. under version \
            control); it holds only public keys.

            Verifiers use the list with `--trust LIST --root ROOT.pub` on verify, decode and issue, or by default \
            from $PHRCARD_HOME/trust.list and $PHRCARD_HOME/root.pub.

            Examples:
              phrcard keygen --role root --out root
              phrcard trust init --root-key root.key --out network.list
              phrcard trust add-issuer network.list --pub clinic.pub --issuer CLINIC-7 --name "Clinic 7" --country KE
              phrcard trust add-reader network.list --pub border.pub --authority "Border Health" --country UG --tiers essential
              phrcard trust sign network.list --root-key root.key --next-update 30d
              phrcard trust show network.list --root root.pub
            """,
        subcommands: [TrustInit.self, TrustAddIssuer.self, TrustAddReader.self, TrustRemove.self, TrustSetStatus.self,
                      TrustSign.self, TrustShow.self])
}

/// The file names of a trust list: the signed list and its working copy.
enum TrustFiles {
    /// The signed list for an argument (`LIST` or `LIST.draft`).
    static func signed(_ argument: String) -> String {
        argument.hasSuffix(".draft") ? String(argument.dropLast(6)) : argument
    }

    /// The working copy for an argument.
    static func draft(_ argument: String) -> String { signed(argument) + ".draft" }

    /// Reads the working copy.
    static func loadDraft(_ argument: String) throws -> TrustList {
        let path = draft(argument)
        guard Files.exists(path) else {
            throw CLIError.unreadable(path, "no such file (the working copy of \(signed(argument)); create it with `phrcard trust init --out \(signed(argument))`)")
        }
        return try TrustList(decoding: Files.read(path))
    }

    /// Saves the working copy (replacing it atomically).
    static func saveDraft(_ list: TrustList, _ argument: String) throws {
        try Files.writeAtomically(list.encoded(), to: draft(argument), mode: 0o644, force: true)
    }

    /// Parses a key id given as 16 hex digits.
    static func kid(_ text: String) throws(CLIError) -> KeyID {
        guard let bytes = [UInt8](hexString: text.lowercased()), let kid = KeyID(bytes: bytes) else {
            throw CLIError.usage("bad-kid", "\"\(text)\" is not a key id (16 hex digits, as printed by keygen and trust show)")
        }
        return kid
    }

    /// Parses a comma-separated tier list.
    static func tiers(_ text: String) throws(CLIError) -> Set<Tier> {
        var out = Set<Tier>()
        for name in text.split(separator: ",") {
            guard let t = Tier(name: name.trimmingCharacters(in: .whitespaces)) else {
                throw CLIError.usage("bad-tier", "\"\(name)\" is not a tier (essential, clinical)")
            }
            out.insert(t)
        }
        guard !out.isEmpty else { throw CLIError.usage("bad-tier", "--tiers needs at least one tier (essential, clinical)") }
        return out
    }
}

struct TrustInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty trust list: LIST (signed, sequence 1) and LIST.draft (the working copy).")

    @Option(help: "The root private key (PEM) that signs the list.") var rootKey: String
    @Option(help: "File whose first line decrypts the root key.") var passphraseFile: String?
    @Option(help: "The signed list to create; the working copy is LIST.draft.") var out: String
    @Option(help: "Time to the next update: a number and h, d, w or y.") var nextUpdate = "30d"
    @Flag(help: "Replace existing files.") var force = false

    func run() throws {
        let signedPath = TrustFiles.signed(out)
        try Files.checkWritable(signedPath, force: force)
        try Files.checkWritable(TrustFiles.draft(out), force: force)
        let key = try Keys.issuerSigningKey(rootKey, passphraseFile: passphraseFile)
        var list = TrustList()
        let bytes = try list.signed(by: key, at: ISODate.now, nextUpdateAfter: try Dates.parseDuration(nextUpdate))
        try Files.writeAtomically(list.encoded(), to: TrustFiles.draft(out), mode: 0o644, force: force)
        try Files.writeAtomically(bytes, to: signedPath, mode: 0o644, force: force)
        print("created \(signedPath) (signed, sequence \(list.sequence), root key \(key.publicKey.kid)) and working copy \(TrustFiles.draft(out))")
    }
}

struct TrustAddIssuer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-issuer",
        abstract: "Add an issuer key to the working copy (LIST.draft).",
        discussion: "The issuing period bounds the issue time (iat) of the cards the key may sign; default: from today for 3 years.")

    @Argument(help: "The trust list (LIST or LIST.draft).") var list: String
    @Option(help: "The issuer's public key (PEM).") var pub: String
    @Option(help: "The issuer id its cards carry (iss).") var issuer: String
    @Option(help: "The issuer's display name.") var name: String
    @Option(help: "ISO 3166-1 alpha-2 country code, e.g. KE.") var country: String
    @Option(help: "First allowed card issue time (ISO 8601). Default: now.") var validFrom: String?
    @Option(help: "Last allowed card issue time (ISO 8601). Default: 3 years after --valid-from.") var validTo: String?

    func run() throws {
        var draft = try TrustFiles.loadDraft(list)
        let key = try Keys.issuerPublicKey(pub)
        let from = try validFrom.map(Dates.parse) ?? ISODate.now
        let to = try validTo.map(Dates.parse) ?? from + 3 * 365 * 86_400
        try draft.addIssuer(TrustListIssuer(key: key, issuerID: issuer, displayName: name, country: country,
                                            validFrom: from, validTo: to))
        try TrustFiles.saveDraft(draft, list)
        print("added issuer \(issuer) key \(key.kid) (\(ISODate.format(from)) to \(ISODate.format(to))) to \(TrustFiles.draft(list)); sign it with `phrcard trust sign`")
    }
}

struct TrustAddReader: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-reader",
        abstract: "Add a reader (health authority) key to the working copy (LIST.draft).")

    @Argument(help: "The trust list (LIST or LIST.draft).") var list: String
    @Option(help: "The reader's public key (PEM).") var pub: String
    @Option(help: "The authority's name.") var authority: String
    @Option(help: "ISO 3166-1 alpha-2 country code, e.g. UG.") var country: String
    @Option(help: "The tiers issuers encrypt to this reader by default: essential, clinical or both.") var tiers = "essential"

    func run() throws {
        var draft = try TrustFiles.loadDraft(list)
        let key = try Keys.readerPublicKey(pub)
        let set = try TrustFiles.tiers(tiers)
        try draft.addReader(TrustListReader(key: key, authority: authority, country: country, defaultTiers: set))
        try TrustFiles.saveDraft(draft, list)
        print("added reader \(authority) key \(key.kid) (tiers \(set.sorted().map(\.name).joined(separator: ","))) to \(TrustFiles.draft(list)); sign it with `phrcard trust sign`")
    }
}

struct TrustRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an issuer or reader key from the working copy (LIST.draft).",
        discussion: "Removing an issuer key invalidates every card it signed; to stop a key, prefer `trust set-status`.")

    @Argument(help: "The trust list (LIST or LIST.draft).") var list: String
    @Option(help: "The key id (16 hex digits).") var kid: String

    func run() throws {
        var draft = try TrustFiles.loadDraft(list)
        let id = try TrustFiles.kid(kid)
        if draft.issuer(kid: id) != nil {
            try draft.removeIssuer(kid: id)
        } else {
            try draft.removeReader(kid: id)
        }
        try TrustFiles.saveDraft(draft, list)
        print("removed key \(id) from \(TrustFiles.draft(list)); sign it with `phrcard trust sign`")
    }
}

struct TrustSetStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-status",
        abstract: "Set an issuer key's status in the working copy: active, suspended, or compromised --since DATE.",
        discussion: "Compromised since D rejects the key's cards issued at or after D and keeps earlier cards valid; suspended rejects all its cards until reactivated.")

    enum Status: String, ExpressibleByArgument, CaseIterable { case active, suspended, compromised }

    @Argument(help: "The trust list (LIST or LIST.draft).") var list: String
    @Argument(help: "active, suspended or compromised.") var status: Status
    @Option(help: "The issuer key id (16 hex digits).") var kid: String
    @Option(help: "For compromised: the time from which its cards are rejected (ISO 8601).") var since: String?

    func validate() throws {
        if status == .compromised && since == nil { throw ValidationError("compromised needs --since DATE") }
        if status != .compromised && since != nil { throw ValidationError("--since is only for compromised") }
    }

    func run() throws {
        var draft = try TrustFiles.loadDraft(list)
        let id = try TrustFiles.kid(kid)
        let value: IssuerKeyStatus
        switch status {
        case .active: value = .active
        case .suspended: value = .suspended
        case .compromised: value = .compromised(since: try Dates.parse(since ?? ""))
        }
        try draft.setStatus(value, ofIssuer: id)
        try TrustFiles.saveDraft(draft, list)
        print("issuer key \(id) is now \(TrustShow.describe(value)) in \(TrustFiles.draft(list)); sign it with `phrcard trust sign`")
    }
}

struct TrustSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign the working copy as the next sequence number and write the signed list.",
        discussion: "Writes LIST (replacing the previous signed list) and saves LIST.draft with the new sequence.")

    @Argument(help: "The trust list (LIST or LIST.draft).") var list: String
    @Option(help: "The root private key (PEM).") var rootKey: String
    @Option(help: "File whose first line decrypts the root key.") var passphraseFile: String?
    @Option(help: "Time to the next update: a number and h, d, w or y.") var nextUpdate = "30d"
    @Option(help: .hidden) var at: String?   // signing time, for rehearsals and tests (stale lists)

    func run() throws {
        var draft = try TrustFiles.loadDraft(list)
        let key = try Keys.issuerSigningKey(rootKey, passphraseFile: passphraseFile)
        let time = try at.map(Dates.parse) ?? ISODate.now
        let bytes = try draft.signed(by: key, at: time, nextUpdateAfter: try Dates.parseDuration(nextUpdate))
        try TrustFiles.saveDraft(draft, list)
        try Files.writeAtomically(bytes, to: TrustFiles.signed(list), mode: 0o644, force: true)
        print("signed \(TrustFiles.signed(list)): sequence \(draft.sequence), \(draft.issuers.count) issuer(s), \(draft.readers.count) reader(s), next update \(ISODate.format(draft.nextUpdate)), root key \(key.publicKey.kid)")
    }
}

struct TrustShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a trust list: verified against the root with --root, else the working copy (LIST.draft).",
        discussion: """
            With --root (or $PHRCARD_HOME/root.pub) the signed LIST is verified (signature, rollback against the \
            highest sequence seen in $PHRCARD_HOME, age) and warnings such as trust.stale are printed; the \
            sequence is then remembered. Without a root key the unsigned working copy is shown and marked so.
            """)

    @Argument(help: "The trust list (LIST or LIST.draft).") var list: String
    @Option(help: "The root public key (PEM).") var root: String?
    @Option(help: "How long after its next-update time the list may still be used (e.g. 60d).") var maxListAge: String?
    @Flag(help: "Print the list as JSON.") var json = false

    func run() throws {
        let content: TrustList
        var warnings: [TrustWarning] = []
        var verifiedBy: KeyID?
        let home = Home.current
        if let rootPath = root ?? (list.hasSuffix(".draft") ? nil : home.existingFile(home.rootPub)) {
            let maxAge = try maxListAge.map(Dates.parseDuration) ?? TrustList.defaultMaxAge
            let verified = try TrustStore.verify(listPath: TrustFiles.signed(list), rootPath: rootPath, maxAge: maxAge)
            content = verified.list
            warnings = verified.warnings
            verifiedBy = verified.root.kid
        } else {
            content = try TrustFiles.loadDraft(list)
        }
        if json {
            print(Console.json(Self.object(content, verifiedBy: verifiedBy, warnings: warnings)), terminator: "")
        } else {
            print(Self.text(content, file: verifiedBy == nil ? TrustFiles.draft(list) : TrustFiles.signed(list), verifiedBy: verifiedBy))
        }
    }

    static func describe(_ s: IssuerKeyStatus) -> String {
        switch s {
        case .active: "active"
        case .suspended: "suspended"
        case .compromised(let since): "compromised since \(ISODate.format(since))"
        }
    }

    static func statusName(_ s: IssuerKeyStatus) -> String {
        switch s {
        case .active: "active"
        case .suspended: "suspended"
        case .compromised: "compromised"
        }
    }

    static func text(_ l: TrustList, file: String, verifiedBy: KeyID?) -> String {
        var out: [String] = []
        if let k = verifiedBy {
            out.append("trust list \(file): VERIFIED (root key \(k)), sequence \(l.sequence)")
        } else {
            out.append("trust list working copy \(file): UNSIGNED (not verified), last signed sequence \(l.sequence)")
        }
        if l.sequence > 0 {
            out.append("issued \(ISODate.format(l.issuedAt)), next update \(ISODate.format(l.nextUpdate))")
        }
        out.append("issuers (\(l.issuers.count)):")
        for i in l.issuers {
            out.append("  \(i.kid)  \(i.issuerID)  \"\(i.displayName)\"  \(i.country)  \(ISODate.formatDay(i.validFrom))..\(ISODate.formatDay(i.validTo))  \(describe(i.status))")
        }
        out.append("readers (\(l.readers.count)):")
        for r in l.readers {
            out.append("  \(r.kid)  \"\(r.authority)\"  \(r.country)  tiers \(r.defaultTiers.sorted().map(\.name).joined(separator: ","))")
        }
        return out.joined(separator: "\n")
    }

    static func object(_ l: TrustList, verifiedBy: KeyID?, warnings: [TrustWarning]) -> [String: Any] {
        var o: [String: Any] = [
            "verified": verifiedBy != nil, "sequence": l.sequence,
            "issuers": l.issuers.map { i -> [String: Any] in
                var e: [String: Any] = ["kid": i.kid.description, "issuer": i.issuerID, "name": i.displayName,
                                        "country": i.country, "validFrom": ISODate.format(i.validFrom),
                                        "validTo": ISODate.format(i.validTo), "status": statusName(i.status),
                                        "algorithm": i.key.algorithm.name]
                if case .compromised(let since) = i.status { e["compromisedSince"] = ISODate.format(since) }
                return e
            },
            "readers": l.readers.map { r -> [String: Any] in
                ["kid": r.kid.description, "authority": r.authority, "country": r.country,
                 "tiers": r.defaultTiers.sorted().map(\.name)]
            },
            "warnings": warnings.map { ["code": $0.code.rawValue, "message": $0.message] },
        ]
        if let k = verifiedBy { o["root"] = k.description }
        if l.sequence > 0 {
            o["issuedAt"] = ISODate.format(l.issuedAt)
            o["nextUpdate"] = ISODate.format(l.nextUpdate)
        }
        return o
    }
}
