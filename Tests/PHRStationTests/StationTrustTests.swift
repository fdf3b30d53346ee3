import PHRCLITestSupport
import Foundation
import Testing

/// A station whose home has a trust list and a revocation list (`phrcard trust`, `phrcard revoke`): issuer names,
/// reader names and REVOKED verdicts come from them, as for `phrcard verify`.
struct StationTrustTests {
    @Test func trustListNamesAndRevocations() throws {
        let ws = try Workspace(keys: false)
        try #require(ws.run("init").status == 0)
        let list = ws.path("net.list")
        try #require(ws.run("keygen", "--role", "root", "--out", ws.path("root")).status == 0)
        try #require(ws.run("trust", "init", "--root-key", ws.path("root.key"), "--out", list).status == 0)
        try #require(ws.run("trust", "add-issuer", list, "--pub", ws.home + "/issuer.pub", "--issuer", "DEMO-CLINIC",
                            "--name", "Demo Clinic, Nairobi", "--country", "KE", "--valid-from", "2024-01-01",
                            "--valid-to", "2035-01-01").status == 0)
        try #require(ws.run("trust", "add-reader", list, "--pub", ws.home + "/reader.pub", "--authority", "Border Health Uganda",
                            "--country", "UG", "--tiers", "essential").status == 0)
        try #require(ws.run("trust", "sign", list, "--root-key", ws.path("root.key")).status == 0)
        try FileManager.default.copyItem(atPath: list, toPath: ws.home + "/trust.list")
        try FileManager.default.copyItem(atPath: ws.path("root.pub"), toPath: ws.home + "/root.pub")
        let record = CLI.examples.appendingPathComponent("minimal.json").path
        var cards: [(text: String, id: String)] = []
        for name in ["a", "b"] {
            let r = ws.run("issue", record, "--out", ws.path("\(name).txt"), "--json")
            try #require(r.status == 0, "\(r.stderr)")
            let info = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [String: Any])
            cards.append((try ws.readText("\(name).txt").trimmingCharacters(in: .whitespacesAndNewlines), info["cardId"] as! String))
        }
        try FileManager.default.createDirectory(atPath: ws.home + "/revocations", withIntermediateDirectories: true)
        let revoke = ws.run("revoke", "--list", ws.home + "/revocations/clinic", "--card", cards[0].id, "--reason", "superseded",
                            "--key", ws.home + "/issuer.key", "--at", "2026-02-03T04:05:06Z")
        try #require(revoke.status == 0, "\(revoke.stderr)")

        let station = try StationProcess(home: ws.home)
        defer { station.stop() }
        let revoked = try HTTP.postJSON(station.port, "/api/verify", ["card": cards[0].text])
        #expect(revoked.json["status"] as? String == "revoked")
        #expect(revoked.json["verdict"] as? String == "REVOKED: superseded since 2026-02-03T04:05:06Z")
        #expect(revoked.json["revokedAt"] as? String == "2026-02-03T04:05:06Z")
        #expect(ws.run("verify", cards[0].text).stdout.hasPrefix("REVOKED: superseded since 2026-02-03T04:05:06Z\n"))
        let decoded = try HTTP.postJSON(station.port, "/api/decode", ["card": cards[0].text])
        #expect(decoded.status == 422 && decoded.errorCode == "card.revoked")

        let valid = try HTTP.postJSON(station.port, "/api/verify", ["card": cards[1].text])
        #expect(valid.json["status"] as? String == "valid")
        #expect(valid.json["issuerName"] as? String == "Demo Clinic, Nairobi")
        let info = try HTTP.request(station.port, "GET", "/api/station").json
        let readers = try #require(info["readers"] as? [[String: Any]])
        #expect(readers.map { $0["name"] as? String } == ["Border Health Uganda"])
        #expect(readers.first?["country"] as? String == "UG")
        #expect(info["trustList"] as? Bool == true)
    }
}
