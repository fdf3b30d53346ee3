import ArgumentParser
import Foundation
import PHRCard

/// `phrcard init`: a home directory with a demo issuer, a demo reader and the issuer trusted.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create $PHRCARD_HOME (default ~/.phrcard) with a demo issuer, a demo reader and a trust store.",
        discussion: """
            Creates (mode 0700): issuer.key/.pub (ES256 demo issuer, issuer id DEMO-CLINIC), reader.key/.pub (demo \
            reader), trusted-issuers/DEMO-CLINIC.pub and config.json. Afterwards issue, verify and decode work \
            without key options. Refuses to replace an existing home (file.exists) unless --force is given.
            These are demo keys for trying the tool: real issuers keep their key offline.

            Examples:
              phrcard init
              PHRCARD_HOME=/tmp/phr phrcard init --force
            """)

    @Flag(help: "Replace the keys of an existing home.") var force = false
    @Option(help: "The issuer id written to config.json.") var issuer = "DEMO-CLINIC"
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let home = Home.current
        if !force {
            for f in [home.issuerKey, home.readerKey, home.config] where Files.exists(f) { throw CLIError.fileExists(f) }
        }
        try Files.makeDirectory(home.path, mode: 0o700)
        chmod(home.path, 0o700)
        try Files.makeDirectory(home.trustedIssuers, mode: 0o700)
        let issuerKey = P256.Signing.PrivateKey()
        let readerKey = P256.KeyAgreement.PrivateKey()
        let issuerPEM = issuerKey.publicKey.pemRepresentation
        let readerPEM = readerKey.publicKey.pemRepresentation
        try Files.writeAtomically(Array(issuerKey.pemRepresentation().utf8), to: home.issuerKey, mode: 0o600, force: force)
        try Files.writeAtomically(Array(issuerPEM.utf8), to: home.issuerPub, force: force)
        try Files.writeAtomically(Array(readerKey.pemRepresentation().utf8), to: home.readerKey, mode: 0o600, force: force)
        try Files.writeAtomically(Array(readerPEM.utf8), to: home.readerPub, force: force)
        if force {
            for old in Files.publicKeyFiles(in: home.trustedIssuers) { unlink(old) }
        }
        let trusted = home.trustedIssuers + "/\(issuer).pub"
        try Files.writeAtomically(Array(issuerPEM.utf8), to: trusted, force: true)
        let config: [String: Any] = ["issuerId": issuer, "issuerKey": "issuer.key", "readerKey": "reader.key",
                                     "trustedIssuers": "trusted-issuers"]
        try Files.writeAtomically(Array(Console.json(config).utf8), to: home.config, force: force)
        let issuerKid = try IssuerPublicKey(pem: issuerPEM).kid
        let readerKid = try ReaderPublicKey(pem: readerPEM).kid
        if json {
            print(Console.json(["home": home.path, "issuer": issuer, "issuerKid": issuerKid.description,
                                "readerKid": readerKid.description]), terminator: "")
        } else {
            print("""
                home:    \(home.path)
                issuer:  \(issuer), key \(issuerKid) (issuer.key, issuer.pub; trusted in trusted-issuers/)
                reader:  key \(readerKid) (reader.key, reader.pub; cards issued here encrypt the essential tier to it)
                next:    phrcard issue record.json --out card.png && phrcard verify card.png && phrcard decode card.png
                """)
        }
    }
}
