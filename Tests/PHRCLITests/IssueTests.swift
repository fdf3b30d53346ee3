import PHRCLITestSupport
import Foundation
import PHRCard
import Testing

@Suite("issue")
struct IssueTests {
    @Test func pngIsOneBitWithWholePixelModulesAndQuietZone() throws {
        let ws = try Workspace()
        _ = try ws.issue(Records.minimal, out: "card.png", extra: ["--module-mm", "0.5", "--dpi", "300"])
        let png = try ws.read("card.png")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height (big endian) at 16..<24, bit depth at 24, colour type 0 at 25.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(png[24] == 1)
        #expect(png[25] == 0)
        // round(0.5 / 25.4 * 300) = round(5.906) = 6 pixels per module; size = (17 + 4v + 8) * 6.
        #expect(width % 6 == 0)
        let modules = width / 6 - 8
        #expect((modules - 17) % 4 == 0)
        let txt = ws.run("issue", ws.path("record-for-txt.json"), "--out", "x.txt")   // missing file: exit 2
        #expect(txt.status == 2)
        #expect(txt.stderr.contains("error: file.unreadable"))
    }

    @Test func textAndSVGOutputs() throws {
        let ws = try Workspace()
        _ = try ws.issue(Records.minimal, out: "card.txt")
        let text = try ws.readText("card.txt")
        #expect(text.range(of: "^PHR1:[0-9]+\n$", options: .regularExpression) != nil)
        _ = try ws.issue(Records.minimal, out: "card.svg", extra: ["--module-mm", "0.5"])
        let svg = try ws.readText("card.svg")
        #expect(svg.contains("<svg"))
        #expect(svg.contains("mm\""))
    }

    @Test func jsonOutputReportsTheCard() throws {
        let ws = try Workspace()
        let record = try ws.write("r.json", Records.minimal)
        let r = ws.run("issue", record, "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC",
                       "--out", "c.txt", "--json", "--ecc", "Q")
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let text = try ws.readText("c.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(object["qrDigits"] as? Int == text.count - 5)
        #expect(object["errorCorrection"] as? String == "Q")
        #expect((object["cardId"] as? String)?.count == 16)
        #expect((object["holderCode"] as? String)?.range(of: "^[0-9]{4}(-[0-9]{4}){4}$", options: .regularExpression) != nil)
    }

    @Test func overwriteIsRefusedWithoutForce() throws {
        let ws = try Workspace()
        let existing = try ws.write("card.png", "keep me")
        let record = try ws.write("r.json", Records.minimal)
        let args = ["issue", record, "--issuer-key", ws.path("iss.key"), "--issuer", "T", "--out", existing]
        let r = ws.run(args)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: file.exists: "))
        #expect(try ws.readText("card.png") == "keep me")
        #expect(ws.run(args + ["--force"]).status == 0)
        #expect(try ws.read("card.png").starts(with: [0x89, 0x50]))
    }

    @Test func invalidRecordListsEveryIssueWithItsPath() throws {
        let ws = try Workspace()
        let record = try ws.write("bad.json", Records.invalid)
        let r = ws.run("issue", record, "--issuer-key", ws.path("iss.key"), "--issuer", "T", "--out", "c.png")
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: record.invalid: ") }
        #expect(lines.count == 3, "\(r.stderr)")
        #expect(r.stderr.contains("error: record.invalid: holder.birthDate: "))
        #expect(r.stderr.contains("error: record.invalid: holder.favouriteColour: "))
        #expect(r.stderr.contains("error: record.invalid: allergies[0].code: "))
        #expect(!FileManager.default.fileExists(atPath: ws.path("c.png")))
    }

    @Test(arguments: [("0.20", "300"), ("0.25", "100"), ("0.40", "72")])
    func moduleTooSmallIsRefusedWithTheNumbers(mm: String, dpi: String) throws {
        let ws = try Workspace()
        let record = try ws.write("r.json", Records.minimal)
        let r = ws.run("issue", record, "--issuer-key", ws.path("iss.key"), "--issuer", "T", "--out", "c.png",
                       "--module-mm", mm, "--dpi", dpi)
        #expect(r.status == 2, "\(mm) mm at \(dpi) dpi")
        #expect(r.stderr.contains("error: image.module-too-small: "))
        #expect(r.stderr.contains("\(Double(mm)!) mm at \(dpi) dpi"))
        #expect(!FileManager.default.fileExists(atPath: ws.path("c.png")))
    }

    @Test func badTierAndReaderSpecs() throws {
        let ws = try Workspace()
        let record = try ws.write("r.json", Records.minimal)
        let base = ["issue", record, "--issuer-key", ws.path("iss.key"), "--issuer", "T", "--out", "c.txt"]
        let tier = ws.run(base + ["--tier", "conditions=secret"])
        #expect(tier.status == 2)
        #expect(tier.stderr.contains("error: issue.bad-tier-policy: "))
        let duration = ws.run(base + ["--valid-for", "3 years"])
        #expect(duration.status == 2)
        #expect(duration.stderr.contains("error: usage.bad-duration: "))
        let key = ws.run(base.map { $0 == ws.path("iss.key") ? ws.path("iss.pub") : $0 })
        #expect(key.status == 2)
        #expect(key.stderr.contains("error: key.invalid: "))
    }

    /// Issue 12 §1 through the binary: a valid record whose one tier would inflate beyond the decoder limit is
    /// refused with `issue.tier-too-large` naming the tier, the limit and the amount over, and nothing is written;
    /// the holder section cannot leave the essential tier.
    @Test func tierBeyondTheDecoderLimitIsRefused() throws {
        let ws = try Workspace()
        let reaction = String(repeating: "generalised urticaria ", count: 22).trimmingCharacters(in: .whitespaces)
        func entries(_ make: (Int) -> String) -> String { (0..<64).map(make).joined(separator: ",") }
        let json = #"{"holder":{"given":"Amina"},"allergies":["# + entries { _ in #"{"text":"Penicillin","reaction":"\#(reaction)"}"# }
            + #"],"medications":["# + entries { _ in #"{"text":"Amoxicillin","dosage":"\#(reaction)"}"# }
            + #"],"results":["# + entries { _ in #"{"text":"Glucose","value":"\#(reaction)"}"# } + "]}"
        let record = try ws.write("big.json", json)
        let base = ["issue", record, "--issuer-key", ws.path("iss.key"), "--issuer", "T", "--out", "c.txt"]
        let r = ws.run(base + ["--tier", "medications=essential", "--tier", "results=essential"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("error: issue.tier-too-large: tier essential"), "\(r.stderr)")
        #expect(r.stderr.contains("over the decoder limit of 65536 inflated bytes"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: ws.path("c.txt")))
        let holder = ws.run(base + ["--tier", "holder=clinical"])
        #expect(holder.status == 2)
        #expect(holder.stderr.contains("error: issue.bad-tier-policy: "), "\(holder.stderr)")
    }
}
