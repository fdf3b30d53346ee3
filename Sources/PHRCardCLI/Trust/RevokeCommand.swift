import ArgumentParser
import Foundation
import PHRCard
import PHRToolSupport

/// `phrcard revoke`: add cards to an issuer key's revocation list and sign it.
struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke cards: add them to an issuer key's revocation list and sign the list.",
        discussion: """
            REVOCATIONS is the signed list that is published; REVOCATIONS.draft is its working copy (created on \
            first use). Each run adds the cards, signs the list as the next sequence with --key (the issuer key \
            whose cards are revoked, or the programme's root key — the only one allowed once the issuer key is \
            compromised), and replaces both files. The list is for one issuer key: the key given (or \
            --issuer-kid when the root signs a new list).
            Reasons: unspecified, keyCompromise, superseded, issuedInError, holderRequest, holderDeceased.
            Verifiers use the list with `verify --trust LIST --root ROOT.pub --revocations REVOCATIONS`, or by \
            default from $PHRCARD_HOME/revocations/.

            Examples:
              phrcard revoke --list clinic.revocations --card 0123456789abcdef --reason superseded --key clinic.key
              phrcard revoke --list clinic.revocations --card 0123456789abcdef --reason keyCompromise --key root.key --issuer-kid 89ab...
            """)

    @Option(help: "The signed revocation list to create or update (its working copy is LIST.draft).") var list: String
    @Option(help: "A card id to revoke (16 hex digits, as printed by issue and verify). Repeatable.") var card: [String] = []
    @Option(help: "Why: unspecified, keyCompromise, superseded, issuedInError, holderRequest or holderDeceased.") var reason: String
    @Option(help: "The signing key (PEM): the issuer key or the root key. Default: $PHRCARD_HOME/issuer.key.") var key: String?
    @Option(help: "File whose first line decrypts the key.") var passphraseFile: String?
    @Option(help: "The issuer key whose cards the list revokes (16 hex digits); needed when the root starts a list.") var issuerKid: String?
    @Option(help: "The revocation time (ISO 8601). Default: now.") var at: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        guard !card.isEmpty else { throw ValidationError("give at least one --card CTI") }
    }

    func run() throws {
        guard let why = RevocationReason(name: reason) else {
            throw CLIError.usage("bad-reason", "\"\(reason)\" is not a reason: \(RevocationReason.known.map(\.name).joined(separator: ", "))")
        }
        let time = try at.map(Dates.parse) ?? ISODate.now
        var ids: [[UInt8]] = []
        for c in card {
            guard let bytes = [UInt8](hexString: c.lowercased()), bytes.count == CardFormat.ctiLength else {
                throw CLIError.usage("bad-card-id", "\"\(c)\" is not a card id (16 hex digits)")
            }
            ids.append(bytes)
        }
        let home = Home.current
        guard let keyPath = key ?? home.existing(home.issuerKey) else {
            throw CLIError.usage("missing-key", "give --key KEY (the issuer key or the root key)")
        }
        let signingKey = try Keys.issuerSigningKey(keyPath, passphraseFile: passphraseFile)
        let wantedKid = try issuerKid.map(TrustFiles.kid)
        let signedPath = list.hasSuffix(".draft") ? String(list.dropLast(6)) : list
        let draftPath = signedPath + ".draft"
        var working: RevocationList
        if Files.exists(draftPath) {
            working = try RevocationList(decoding: Files.read(draftPath))
            if let wantedKid, wantedKid != working.issuerKid {
                throw CLIError.usage("wrong-list", "\(draftPath) revokes cards of issuer key \(working.issuerKid), not \(wantedKid)")
            }
        } else {
            try Files.checkWritable(signedPath, force: false)
            working = try RevocationList(issuerKid: wantedKid ?? signingKey.publicKey.kid)
        }
        try working.revoke(contentsOf: ids.map { id throws(PHRCardError) in try RevocationEntry(cardID: id, reason: why, revokedAt: time) })
        let bytes = try working.signed(by: signingKey, at: time)
        try Files.writeAtomically(working.encoded(), to: draftPath, mode: 0o644, force: true)
        try Files.writeAtomically(bytes, to: signedPath, mode: 0o644, force: true)
        if json {
            print(Console.json(["list": signedPath, "issuerKid": working.issuerKid.description, "signer": signingKey.publicKey.kid.description,
                                "sequence": working.sequence, "entries": working.count, "revoked": card.map { $0.lowercased() },
                                "reason": why.name, "revokedAt": ISODate.format(time)] as [String: Any]), terminator: "")
        } else {
            print("revoked \(ids.count) card(s) (\(why.name), \(ISODate.format(time))); \(signedPath): issuer key \(working.issuerKid), sequence \(working.sequence), \(working.count) entr\(working.count == 1 ? "y" : "ies"), signed by \(signingKey.publicKey.kid)")
        }
    }
}
