import PHRCLITestSupport
import Foundation
import PHRCard
import Testing

@Suite("key safety")
struct KeySafetyTests {
    /// A private key that others can read still works, but the command warns with a stable code.
    @Test func exposedPrivateKeyWarns() throws {
        let ws = try Workspace()
        let record = try ws.write("r.json", #"{"holder":{"given":"Ana"}}"#)
        let quiet = ws.run("issue", record, "--issuer-key", ws.path("iss.key"), "--issuer", "T", "--out", ws.path("a.txt"))
        #expect(quiet.status == 0)
        #expect(!quiet.stderr.contains("key.permissions"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: ws.path("iss.key"))
        let loud = ws.run("issue", record, "--issuer-key", ws.path("iss.key"), "--issuer", "T", "--out", ws.path("b.txt"))
        #expect(loud.status == 0)
        #expect(loud.stderr.contains("warning: key.permissions: "))
    }

    /// A wrong passphrase is its own error, distinct from a missing one.
    @Test func wrongAndMissingPassphrase() throws {
        let ws = try Workspace(keys: false)
        let pass = try ws.write("pass.txt", "right\n")
        let wrong = try ws.write("wrong.txt", "wrong\n")
        #expect(ws.run("keygen", "--role", "issuer", "--passphrase-file", pass, "--out", ws.path("k")).status == 0)
        let record = try ws.write("r.json", #"{"holder":{"given":"Ana"}}"#)
        let w = ws.run("issue", record, "--issuer-key", ws.path("k.key"), "--passphrase-file", wrong, "--issuer", "T", "--out", ws.path("a.txt"))
        #expect(w.status == 2)
        #expect(w.stderr.contains("error: key.wrong-passphrase: "))
        let m = ws.run("issue", record, "--issuer-key", ws.path("k.key"), "--issuer", "T", "--out", ws.path("b.txt"))
        #expect(m.status == 2)
        #expect(m.stderr.contains("error: key.passphrase-required: "))
    }
}
