import PHRCLITestSupport
import Foundation
import PHRCard
import Testing

/// A workspace with a root key, an issuer listed in a signed trust list (`net.list`) and a reader.
private final class Network {
    let ws: Workspace
    var list: String { ws.path("net.list") }
    var trustArgs: [String] { ["--trust", list, "--root", ws.path("root.pub")] }

    init(validFrom: String = "2024-01-01", validTo: String = "2035-01-01") throws {
        ws = try Workspace()
        try #require(ws.run("keygen", "--role", "root", "--out", ws.path("root")).status == 0)
        try #require(ws.run("trust", "init", "--root-key", ws.path("root.key"), "--out", list).status == 0)
        let add = ws.run("trust", "add-issuer", list, "--pub", ws.path("iss.pub"), "--issuer", "TEST-CLINIC",
                         "--name", "Test Clinic", "--country", "KE", "--valid-from", validFrom, "--valid-to", validTo)
        try #require(add.status == 0, "\(add.stderr)")
        try #require(ws.run("trust", "add-reader", list, "--pub", ws.path("rdr.pub"), "--authority", "Border Health",
                            "--country", "UG", "--tiers", "essential,clinical").status == 0)
        try sign()
    }

    func sign(_ extra: [String] = []) throws {
        let r = ws.run(["trust", "sign", list, "--root-key", ws.path("root.key")] + extra)
        try #require(r.status == 0, "\(r.stderr)")
    }

    /// Issues a card (text) with the listed issuer; returns the card file.
    func issue(_ name: String, extra: [String] = []) throws -> String {
        let record = try ws.write("rec-\(name).json", Records.minimal)
        let r = ws.run(["issue", record, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC", "--no-reader",
                        "--out", ws.path(name), "--code-out", ws.path(name + ".code")] + extra)
        try #require(r.status == 0, "issue failed: \(r.stderr)")
        return ws.path(name)
    }

    func verify(_ card: String, _ extra: [String] = []) -> CLIResult {
        ws.run(["verify", card] + trustArgs + extra)
    }

    func cardID(_ card: String) throws -> String {
        let r = ws.run(["verify", card, "--issuer-pub", ws.path("iss.pub"), "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try #require(object["cardId"] as? String)
    }
}

/// ISO 8601 date-time `days` from now (negative: in the past).
private func iso(days: Int) -> String {
    let f = ISO8601DateFormatter()
    return f.string(from: Date().addingTimeInterval(Double(days) * 86_400))
}

@Suite("trust network")
struct TrustNetworkTests {
    @Test func validChainRootListIssuerCard() throws {
        let n = try Network()
        let card = try n.issue("c.txt")
        let r = n.verify(card)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("VALID\n"))
        // The sequence seen is remembered in PHRCARD_HOME (init signed 1, setUp signed 2).
        let files = try FileManager.default.contentsOfDirectory(atPath: n.ws.home + "/state")
        #expect(files.count == 1)
        let seq = try n.ws.readText(n.ws.home + "/state/" + files[0])
        #expect(seq.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        // The default location: $PHRCARD_HOME/trust.list and root.pub.
        try FileManager.default.copyItem(atPath: n.list, toPath: n.ws.home + "/trust.list")
        try FileManager.default.copyItem(atPath: n.ws.path("root.pub"), toPath: n.ws.home + "/root.pub")
        let d = n.ws.run("verify", card)
        #expect(d.status == 0, "\(d.stderr)")
    }

    @Test func showVerifiesAndPrintsEntries() throws {
        let n = try Network()
        let r = n.ws.run(["trust", "show", n.list, "--root", n.ws.path("root.pub"), "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["verified"] as? Bool == true)
        #expect(o["sequence"] as? Int == 2)
        let issuers = try #require(o["issuers"] as? [[String: Any]])
        #expect(issuers.count == 1)
        #expect(issuers.first?["issuer"] as? String == "TEST-CLINIC")
        #expect(issuers.first?["validFrom"] as? String == "2024-01-01T00:00:00Z")
        let readers = try #require(o["readers"] as? [[String: Any]])
        #expect(readers.first?["tiers"] as? [String] == ["essential", "clinical"])
        let text = n.ws.run(["trust", "show", n.list])   // no root: the working copy, marked unsigned
        #expect(text.status == 0)
        #expect(text.stdout.contains("UNSIGNED"))
        #expect(text.stdout.contains("TEST-CLINIC"))
    }

    @Test func wrongRootFails() throws {
        let n = try Network()
        let card = try n.issue("c.txt")
        let r = n.ws.run("verify", card, "--trust", n.list, "--root", n.ws.path("iss.pub"))
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: trust.wrong-root:"))
        let missing = n.ws.run("verify", card, "--trust", n.list)   // no --root and no root.pub in the home
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error: usage.missing-root:"))
    }

    @Test func tamperedListFails() throws {
        let n = try Network()
        let card = try n.issue("c.txt")
        var bytes = try n.ws.read(n.list)
        bytes[bytes.count - 1] ^= 0x01   // the last byte of the signature
        let tampered = try n.ws.write("tampered.list", bytes: bytes)
        let r = n.ws.run("verify", card, "--trust", tampered, "--root", n.ws.path("root.pub"))
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: trust.bad-signature:"))
    }

    @Test func rollbackToAnOlderListFails() throws {
        let n = try Network()
        let card = try n.issue("c.txt")
        try FileManager.default.copyItem(atPath: n.list, toPath: n.ws.path("old.list"))
        try n.sign()
        #expect(n.verify(card).status == 0)   // sequence 3 seen
        let r = n.ws.run("verify", card, "--trust", n.ws.path("old.list"), "--root", n.ws.path("root.pub"))
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: trust.rollback:"))
        #expect(n.verify(card).status == 0)   // the same (newest) list again is fine
    }

    @Test func staleListWarnsAndTooOldFails() throws {
        let n = try Network()
        let card = try n.issue("c.txt")
        try n.sign(["--at", iso(days: -45), "--next-update", "30d"])   // 15 days past next-update
        let stale = n.verify(card)
        #expect(stale.status == 0, "\(stale.stderr)")
        #expect(stale.stderr.contains("warning: trust.stale:"))
        let strict = n.verify(card, ["--max-list-age", "7d"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: trust.too-old:"))
        try n.sign(["--at", iso(days: -100), "--next-update", "30d"])   // 70 days past: beyond the default 60
        let old = n.verify(card)
        #expect(old.status == 1)
        #expect(old.stderr.contains("error: trust.too-old:"))
    }

    @Test func issuerNotInTheListIsUnknown() throws {
        let n = try Network()
        try #require(n.ws.run("keygen", "--role", "issuer", "--out", n.ws.path("other")).status == 0)
        let record = try n.ws.write("r.json", Records.minimal)
        try #require(n.ws.run("issue", record, "--issuer-key", n.ws.path("other.key"), "--issuer", "TEST-CLINIC",
                              "--no-reader", "--out", "o.txt").status == 0)
        let r = n.verify(n.ws.path("o.txt"))
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("UNKNOWN ISSUER"))
        #expect(r.stderr.contains("error: card.unknown-issuer:"))
        // issue --trust refuses an unlisted key.
        let refused = n.ws.run(["issue", record, "--issuer-key", n.ws.path("other.key"), "--issuer", "TEST-CLINIC",
                                "--no-reader", "--out", "p.txt"] + n.trustArgs)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: card.unknown-issuer:"))
        #expect(!FileManager.default.fileExists(atPath: n.ws.path("p.txt")))
    }

    @Test func cardOutsideTheKeyPeriodIsRejected() throws {
        let n = try Network(validFrom: "2024-01-01", validTo: "2025-01-01")
        let inside = try n.issue("in.txt", extra: ["--issued-at", "2024-06-01", "--valid-for", "10y"])
        let outside = try n.issue("out.txt", extra: ["--issued-at", "2025-06-01", "--valid-for", "10y"])
        #expect(n.verify(inside).status == 0)
        let r = n.verify(outside)
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("INVALID: issued outside the issuing period"))
        #expect(r.stderr.contains("error: card.issuer-key-outside-period:"))
        // issue --trust refuses to sign now (after valid-to).
        let record = try n.ws.write("r.json", Records.minimal)
        let refused = n.ws.run(["issue", record, "--issuer-key", n.ws.path("iss.key"), "--out", "x.txt"] + n.trustArgs)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: card.issuer-key-outside-period: refusing to issue"))
    }

    @Test func revokedCard() throws {
        let n = try Network()
        let card = try n.issue("c.txt")
        let other = try n.issue("d.txt")
        let cti = try n.cardID(card)
        let rev = n.ws.path("clinic.revocations")
        let r = n.ws.run("revoke", "--list", rev, "--card", cti, "--reason", "superseded", "--key", n.ws.path("iss.key"),
                         "--at", "2026-02-03T04:05:06Z")
        #expect(r.status == 0, "\(r.stderr)")
        let v = n.verify(card, ["--revocations", rev])
        #expect(v.status == 1)
        #expect(v.stdout.hasPrefix("REVOKED: superseded since 2026-02-03T04:05:06Z\n"))
        #expect(n.verify(card, ["--revocations", rev, "--lang", "fr"]).stdout
                .hasPrefix("RÉVOQUÉE : remplacée, depuis le 03/02/2026 04:05:06 UTC\n"))
        #expect(v.stderr.contains("error: card.revoked:"))
        #expect(n.verify(other, ["--revocations", rev]).status == 0)
        // Found in $PHRCARD_HOME/revocations/ by default.
        try FileManager.default.createDirectory(atPath: n.ws.home + "/revocations", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: rev, toPath: n.ws.home + "/revocations/clinic")
        let d = n.verify(card)
        #expect(d.status == 1)
        #expect(d.stdout.hasPrefix("REVOKED: superseded"))
        // decode refuses a revoked card too.
        let dec = n.ws.run(["decode", card, "--code-file", card + ".code"] + n.trustArgs)
        #expect(dec.status == 1)
        #expect(dec.stderr.contains("card.revoked"))
        // Revocation lists need a trust list to say who may sign them.
        let noTrust = n.ws.run("verify", card, "--issuer-pub", n.ws.path("iss.pub"), "--revocations", rev)
        #expect(noTrust.status == 2)
        #expect(noTrust.stderr.contains("error: usage.revocations-need-trust:"))
        // A revocation list signed by a key that is neither the issuer nor the root is refused.
        try #require(n.ws.run("keygen", "--role", "issuer", "--out", n.ws.path("stranger")).status == 0)
        let forged = n.ws.path("forged.revocations")
        let otherID = try n.cardID(other), issuerKid = try kid(n, "iss.pub")
        #expect(n.ws.run("revoke", "--list", forged, "--card", otherID, "--reason", "unspecified",
                         "--key", n.ws.path("stranger.key"), "--issuer-kid", issuerKid).status == 0)
        let f = n.verify(other, ["--revocations", forged])
        #expect(f.status == 1)
        #expect(f.stderr.contains("error: revocation.bad-signature:"))
        // An unknown reason is a usage error.
        let bad = n.ws.run("revoke", "--list", rev, "--card", cti, "--reason", "bored", "--key", n.ws.path("iss.key"))
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("error: usage.bad-reason:"))
    }

    @Test func compromisedKeyCutOff() throws {
        let n = try Network()
        let before = try n.issue("before.txt", extra: ["--issued-at", "2025-03-01", "--valid-for", "10y"])
        let after = try n.issue("after.txt", extra: ["--issued-at", "2025-09-01", "--valid-for", "10y"])
        let k = try kid(n, "iss.pub")
        let s = n.ws.run("trust", "set-status", n.list, "compromised", "--kid", k, "--since", "2025-06-01")
        #expect(s.status == 0, "\(s.stderr)")
        try n.sign()
        #expect(n.verify(before).status == 0)
        let r = n.verify(after)
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("INVALID: issued on or after the date its issuer key was reported compromised"))
        #expect(r.stderr.contains("error: card.issuer-key-compromised:"))
        // Issuing with the compromised key is refused; the issuer key may no longer sign its revocation list.
        let record = try n.ws.write("r.json", Records.minimal)
        let refused = n.ws.run(["issue", record, "--issuer-key", n.ws.path("iss.key"), "--out", "x.txt"] + n.trustArgs)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: card.issuer-key-compromised: refusing to issue"))
        let rev = n.ws.path("iss.revocations")
        let beforeID = try n.cardID(before)
        #expect(n.ws.run("revoke", "--list", rev, "--card", beforeID, "--reason", "keyCompromise",
                         "--key", n.ws.path("iss.key")).status == 0)
        let v = n.verify(before, ["--revocations", rev])
        #expect(v.status == 1)
        #expect(v.stderr.contains("error: revocation.bad-signature:"))
        // The root signs it instead.
        let rootRev = n.ws.path("root.revocations")
        #expect(n.ws.run("revoke", "--list", rootRev, "--card", beforeID, "--reason", "keyCompromise",
                         "--key", n.ws.path("root.key"), "--issuer-kid", k).status == 0)
        let w = n.verify(before, ["--revocations", rootRev])
        #expect(w.status == 1)
        #expect(w.stdout.hasPrefix("REVOKED: key compromise since "))
    }

    @Test func suspendedKeyAndEditErrors() throws {
        let n = try Network()
        let card = try n.issue("c.txt")
        let k = try kid(n, "iss.pub")
        #expect(n.ws.run("trust", "set-status", n.list, "suspended", "--kid", k).status == 0)
        try n.sign()
        let r = n.verify(card)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: card.issuer-key-suspended:"))
        // Adding the same key twice, an unknown kid, a bad country.
        let dup = n.ws.run("trust", "add-issuer", n.list, "--pub", n.ws.path("iss.pub"), "--issuer", "X", "--name", "X", "--country", "KE")
        #expect(dup.status == 1)
        #expect(dup.stderr.contains("error: trust.edit:"))
        let unknown = n.ws.run("trust", "remove", n.list, "--kid", "0000000000000000")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("error: trust.edit:"))
        let badKid = n.ws.run("trust", "remove", n.list, "--kid", "xyz")
        #expect(badKid.status == 2)
        #expect(badKid.stderr.contains("error: usage.bad-kid:"))
        let country = n.ws.run("trust", "add-reader", n.list, "--pub", n.ws.path("rdr.pub"), "--authority", "A", "--country", "uganda")
        #expect(country.status == 1)
        #expect(country.stderr.contains("error: trust.edit:"))
        let noDraft = n.ws.run("trust", "add-issuer", n.ws.path("none.list"), "--pub", n.ws.path("iss.pub"), "--issuer", "X", "--name", "X", "--country", "KE")
        #expect(noDraft.status == 2)
        #expect(noDraft.stderr.contains("error: file.unreadable:"))
        let exists = n.ws.run("trust", "init", "--root-key", n.ws.path("root.key"), "--out", n.list)
        #expect(exists.status == 2)
        #expect(exists.stderr.contains("error: file.exists:"))
    }

    @Test func issueToAllListedReaders() throws {
        let n = try Network()
        let record = try n.ws.write("r.json", Records.minimal)
        let r = n.ws.run(["issue", record, "--issuer-key", n.ws.path("iss.key"), "--readers", "all", "--out", "c.txt"] + n.trustArgs)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("issuer:      TEST-CLINIC"))   // issuer id taken from the list
        // The listed reader's default tiers are essential and clinical: its key opens everything.
        let d = n.ws.run(["decode", n.ws.path("c.txt"), "--reader-key", n.ws.path("rdr.key"), "--format", "json"] + n.trustArgs)
        #expect(d.status == 0, "\(d.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(d.stdout.utf8)) as? [String: Any])
        #expect(o["conditions"] != nil)
        #expect(o["allergies"] != nil)
        let noList = n.ws.run("issue", record, "--issuer-key", n.ws.path("iss.key"), "--issuer", "X", "--readers", "all", "--out", "d.txt")
        #expect(noList.status == 2)
        #expect(noList.stderr.contains("error: usage.readers-need-trust:"))
    }
}

/// The key id of a public key file (the library's derivation; the CLI's own output is what is under test).
private func kid(_ n: Network, _ pub: String) throws -> String {
    try IssuerPublicKey(pem: n.ws.readText(pub)).kid.description
}
