import ArgumentParser
import PHRCard

/// `phrcard keygen`: a new key pair as PKCS#8 and SPKI PEM files.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create a key pair: PATH.key (private, PKCS#8 PEM, mode 0600) and PATH.pub (public, SPKI PEM).",
        discussion: """
            Roles: `issuer` signs cards (ES256 on P-256 by default, or Ed25519 with --alg ed25519); `reader` is a \
            health authority that cards encrypt tiers to (always P-256); `root` will sign trust lists (same \
            algorithms as issuer). The key id (kid: first 8 bytes of SHA-256 over the public key's DER) is printed.
            Existing files are never overwritten unless --force is given (error file.exists).

            Examples:
              phrcard keygen --role issuer --out keys/clinic
              phrcard keygen --role reader --out keys/border-health
              phrcard keygen --role issuer --alg ed25519 --passphrase-file pass.txt --out keys/clinic-ed
            """)

    enum Role: String, ExpressibleByArgument, CaseIterable { case issuer, reader, root }
    enum Algorithm: String, ExpressibleByArgument, CaseIterable { case es256, ed25519 }

    @Option(help: "issuer, reader or root.") var role: Role
    @Option(help: "Path without extension; writes PATH.key and PATH.pub.") var out: String
    @Option(help: "es256 (default) or ed25519; issuer and root only.") var alg: Algorithm?
    @Option(help: "Encrypt the private key with the first line of this file.") var passphraseFile: String?
    @Flag(help: "Replace existing files.") var force = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if role == .reader, alg == .ed25519 {
            throw ValidationError("reader keys are P-256 (ECDH-ES); --alg ed25519 is for issuer and root keys only")
        }
    }

    func run() throws {
        let keyPath = out + ".key", pubPath = out + ".pub"
        try Files.checkWritable(keyPath, force: force)
        try Files.checkWritable(pubPath, force: force)
        let passphrase = try Files.readPassphrase(passphraseFile)
        let privatePEM: String, publicPEM: String, kid: KeyID
        switch (role, alg ?? .es256) {
        case (.reader, _):
            let k = P256.KeyAgreement.PrivateKey()
            privatePEM = k.pemRepresentation(passphrase: passphrase)
            publicPEM = k.publicKey.pemRepresentation
            kid = try ReaderPublicKey(pem: publicPEM).kid
        case (_, .es256):
            let k = P256.Signing.PrivateKey()
            privatePEM = k.pemRepresentation(passphrase: passphrase)
            publicPEM = k.publicKey.pemRepresentation
            kid = try IssuerPublicKey(pem: publicPEM).kid
        case (_, .ed25519):
            let k = Ed25519.PrivateKey()
            privatePEM = k.pemRepresentation(passphrase: passphrase)
            publicPEM = k.publicKey.pemRepresentation
            kid = try IssuerPublicKey(pem: publicPEM).kid
        }
        try Files.writeAtomically(Array(privatePEM.utf8), to: keyPath, mode: 0o600, force: force)
        try Files.writeAtomically(Array(publicPEM.utf8), to: pubPath, mode: 0o644, force: force)
        let algName = role == .reader ? "ECDH-ES+A128KW (P-256)" : (alg == .ed25519 ? "EdDSA (Ed25519)" : "ES256 (P-256)")
        if json {
            print(Console.json(["kid": kid.description, "role": role.rawValue, "algorithm": algName,
                                "privateKey": keyPath, "publicKey": pubPath]), terminator: "")
        } else {
            print(kid.description)
            Console.err("wrote \(keyPath) (private, mode 0600) and \(pubPath) (public); \(role.rawValue) key, \(algName)")
        }
    }
}
