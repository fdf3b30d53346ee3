import Foundation
import PHRCard

/// Loading keys from PEM files, with file and key errors kept apart.
enum Keys {
    static func issuerSigningKey(_ path: String, passphraseFile: String?) throws -> IssuerSigningKey {
        warnIfExposed(path)
        let pem = try Files.readText(path)
        return try IssuerSigningKey(pem: pem, passphrase: Files.readPassphrase(passphraseFile))
    }

    static func issuerPublicKey(_ path: String) throws -> IssuerPublicKey {
        try IssuerPublicKey(pem: Files.readText(path))
    }

    static func readerPublicKey(_ path: String) throws -> ReaderPublicKey {
        try ReaderPublicKey(pem: Files.readText(path))
    }

    static func readerPrivateKey(_ path: String, passphraseFile: String?) throws -> ReaderPrivateKey {
        warnIfExposed(path)
        let pem = try Files.readText(path)
        return try ReaderPrivateKey(pem: pem, passphrase: Files.readPassphrase(passphraseFile))
    }

    /// The issuers to trust: the given `--issuer-pub` files, or every `.pub` in the home's `trusted-issuers/`.
    static func trustedIssuers(_ paths: [String]) throws -> [TrustedIssuer] {
        let files = paths.isEmpty ? Files.publicKeyFiles(in: Home.current.trustedIssuers) : paths
        if files.isEmpty {
            Console.err("note: no trusted issuer keys: give --issuer-pub PUB, or run `phrcard init` to trust the demo issuer")
        }
        return try files.map { TrustedIssuer(key: try issuerPublicKey($0)) }
    }

    /// Warns (without failing) when a private key file can be read or written by anyone but its owner.
    static func warnIfExposed(_ path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 else { return }
        Console.err("warning: key.permissions: \(path) is accessible to other users (mode \(String(mode, radix: 8))); run chmod 600 \(path)")
    }
}
