import PHRCLITestSupport
import Foundation
import PHRCard
import Testing

@Suite("keygen, init, selftest, usage")
struct KeygenAndInitTests {
    @Test func keygenWritesPrivateKeyWithMode0600AndPrintsTheKid() throws {
        let ws = try Workspace(keys: false)
        let r = ws.run("keygen", "--role", "issuer", "--out", ws.path("clinic"))
        #expect(r.status == 0)
        let attrs = try FileManager.default.attributesOfItem(atPath: ws.path("clinic.key"))
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let pem = try ws.readText("clinic.pub")
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        #expect(try ws.readText("clinic.key").hasPrefix("-----BEGIN PRIVATE KEY-----"))
        // kid = first 8 bytes of SHA-256 over the SPKI DER, computed here from the PEM body.
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let der = try #require(Data(base64Encoded: body))
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == Array(SHA256.hash([UInt8](der)).prefix(8)).hexString)
    }

    @Test func keygenEd25519AndPassphrase() throws {
        let ws = try Workspace(keys: false)
        let pass = try ws.write("pass.txt", "correct horse\n")
        #expect(ws.run("keygen", "--role", "issuer", "--alg", "ed25519", "--passphrase-file", pass, "--out", ws.path("ed")).status == 0)
        #expect(try ws.readText("ed.key").contains("ENCRYPTED PRIVATE KEY"))
        let key = try IssuerSigningKey(pem: ws.readText("ed.key"), passphrase: Array("correct horse".utf8))
        #expect(key.algorithm == .edDSA)
        // Reader keys are P-256 only.
        #expect(ws.run("keygen", "--role", "reader", "--alg", "ed25519", "--out", ws.path("r")).status == 2)
    }

    @Test func keygenRefusesToOverwriteWithoutForce() throws {
        let ws = try Workspace()
        let before = try ws.readText("iss.key")
        let r = ws.run("keygen", "--role", "issuer", "--out", ws.path("iss"))
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: file.exists: "))
        #expect(try ws.readText("iss.key") == before)
        #expect(ws.run("keygen", "--role", "issuer", "--out", ws.path("iss"), "--force").status == 0)
        #expect(try ws.readText("iss.key") != before)
    }

    @Test func initMakesIssueVerifyAndDecodeWorkWithoutFlags() throws {
        let ws = try Workspace(keys: false)
        #expect(ws.run("init").status == 0)
        let attrs = try FileManager.default.attributesOfItem(atPath: ws.home)
        #expect((attrs[.posixPermissions] as? Int) == 0o700)
        let record = try ws.write("r.json", Records.minimal)
        let issued = ws.run("issue", record, "--out", "card.png")
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(issued.stdout.contains("DEMO-CLINIC"))
        let verified = ws.run("verify", "card.png")
        #expect(verified.status == 0)
        #expect(verified.stdout.hasPrefix("VALID\n"))
        let decoded = ws.run("decode", "card.png")
        #expect(decoded.status == 0, "\(decoded.stderr)")
        #expect(decoded.stdout.contains("Amina Yusuf"))
        #expect(decoded.stdout.contains("Readable:     essential"))
        #expect(!decoded.stdout.contains("Type 2 diabetes"))   // the clinical tier is not the reader's
        // A second init refuses to replace the keys.
        let again = ws.run("init")
        #expect(again.status == 2)
        #expect(again.stderr.contains("error: file.exists"))
    }

    @Test func selftestPassesEveryCheck() throws {
        let ws = try Workspace(keys: false)
        let r = ws.run("selftest")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count >= 8)
        #expect(!r.stdout.contains("FAIL"))
        #expect(lines.last == "selftest: ok")
    }

    @Test(arguments: [
        ["verify"],                                        // missing argument
        ["issue", "r.json", "--out", "c.png", "--bogus"],  // unknown option
        ["decode", "x.txt", "--code", "1", "--reader-key", "k"],
        ["keygen", "--role", "king", "--out", "k"],
        ["issue", "r.json", "--out", "c.png", "--ecc", "X"],
    ])
    func usageErrorsExit2(arguments: [String]) throws {
        let ws = try Workspace(keys: false)
        let r = ws.run(arguments)
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
        #expect(r.stderr.hasPrefix("error: usage: "), "\(arguments)")
    }

    @Test func helpHasExamples() throws {
        let ws = try Workspace(keys: false)
        for command in ["keygen", "issue", "verify", "decode", "inspect", "init", "selftest"] {
            let r = ws.run(command, "--help")
            #expect(r.status == 0, "\(command)")
            #expect(r.stdout.contains("phrcard \(command)"), "\(command) help shows an example")
        }
    }
}
