import ArgumentParser
import Foundation
import PHRCard

/// The trust-network, issuance-log and FHIR options of `phrcard issue`.
struct IssueNetworkOptions: ParsableArguments {
    @OptionGroup(title: "Trust network") var trustList: TrustListOptions

    enum ReaderSet: String, ExpressibleByArgument, CaseIterable { case all }
    @Option(help: "all: encrypt to every reader in the trust list with its default tiers (with --country, those of one country).")
    var readers: ReaderSet?
    @Option(help: "With --readers all: only the trust list's readers of this country (e.g. UG).") var country: String?
    @Flag(help: "Do not append the issued cards to the issuance log ($PHRCARD_HOME/issuance-log.sqlite).") var noLog = false
    @Option(help: "Issue time (ISO 8601) instead of now: for tests, rehearsals and back-dating audits; the trust list must allow it.")
    var issuedAt: String?
    @Option(help: "Issue from an HL7 FHIR R4 IPS document Bundle (JSON) instead of a record.") var fhir: String?
    @Flag(help: "With --fhir: fail with fhir.would-drop if anything in the Bundle cannot be carried.") var strict = false
    @Option(help: ArgumentHelp(
        "With --fhir: the largest QR version (ECC M) the card should need (default 25; none keeps everything).",
        discussion: "When the card would need more, the fit-to-card policy leaves out, in this order and only as far as "
            + "needed, dosages of medications no longer taken, older repeats of a result, inactive or resolved "
            + "conditions, medications no longer taken; each one is reported (spec/fhir.md).",
        valueName: "VERSION|none"))
    var fitVersion: String?

    /// Checks combinations that do not depend on the other issue options.
    func check(batch: Bool, record: String?) throws {
        if fhir != nil && (batch || record != nil) { throw ValidationError("--fhir BUNDLE.json replaces RECORD.json and is not for --batch") }
        if strict && fhir == nil { throw ValidationError("--strict is for --fhir") }
        if fitVersion != nil && fhir == nil { throw ValidationError("--fit-version is for --fhir") }
        _ = try fitTarget()
        if country != nil && readers == nil { throw ValidationError("--country is for --readers all") }
    }

    /// What the trust list contributes to an issue run.
    struct Network {
        let list: VerifiedTrustList?
        let issuedAt: Int64?
        /// The issuer id the list gives the signing key, for when none is given or configured.
        func listedIssuerID(for key: IssuerPublicKey) -> String? { list?.list.issuer(kid: key.kid)?.issuerID }
    }

    /// Loads the trust list in effect (verified at the current time) and the issue time.
    func prepare() throws -> Network {
        let list = try trustList.load(explicitIssuers: false)
        if readers != nil && list == nil {
            throw CLIError.usage("readers-need-trust", "--readers all needs a trust list (--trust LIST --root PUB, or $PHRCARD_HOME/trust.list)")
        }
        return Network(list: list, issuedAt: try issuedAt.map(Dates.parse))
    }

    /// The trust list's readers for `--readers all`.
    func readerGrants(_ network: Network) -> [ReaderGrant] {
        guard readers == .all, let list = network.list else { return [] }
        let grants = list.readerGrants(country: country)
        if grants.isEmpty { Console.err("note: the trust list has no readers\(country.map { " in \($0)" } ?? ""); only the holder code opens the card") }
        return grants
    }

    /// Refuses a signing key the trust list does not allow at `time` (unlisted, other issuer id, outside its
    /// period, suspended, compromised).
    func checkSigningKey(_ key: IssuerPublicKey, issuerID: String, at time: Int64, _ network: Network) throws {
        guard let list = network.list else { return }
        do {
            try list.checkSigningKey(key, issuerID: issuerID, at: time)
        } catch {
            throw PHRCardError(error.code, "refusing to issue: \(error.message)")
        }
    }

    /// The size class the fit-to-card policy aims at (default: QR version 25, an ID-1 card at 0.4 mm), or nil for
    /// `--fit-version none`.
    func fitTarget() throws -> SizeClass? {
        let value = fitVersion ?? "25"
        if value == "none" { return nil }
        guard let version = Int(value), let target = SizeClass.all.first(where: { $0.qrVersionAtM == version }) else {
            throw ValidationError("--fit-version must be none or the QR version of a size class: "
                                  + SizeClass.all.map { String($0.qrVersionAtM) }.joined(separator: ", "))
        }
        return target
    }

    /// The record to issue: the FHIR Bundle's (with its drop report, fitted to ``fitTarget()`` with `cardBytes`, the
    /// unpadded size of the card that would be issued) or the record file's.
    func record(from input: [UInt8], name: String, report: String?, force: Bool,
                cardBytes: (HealthRecord) -> Int?) throws -> HealthRecord {
        if fhir != nil {
            return try FHIROutput.importRecord(input, name: name, strict: strict, fit: try fitTarget(), cardBytes: cardBytes,
                                               report: report, force: force)
        }
        return try HealthRecord(jsonData: input)
    }
}
