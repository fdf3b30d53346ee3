import PHRCLITestSupport
import Foundation
import PHRCard
import Testing

@Suite("verify, decode, inspect")
struct VerifyDecodeTests {
    /// issue (PNG) → verify from the PNG and from a JPEG of it → decode with the code and with the reader key.
    @Test func endToEndFromPNGAndJPEG() throws {
        let ws = try Workspace()
        let source = try String(contentsOf: CLI.examples.appendingPathComponent("typical.json"), encoding: .utf8)
        let code = try ws.issue(source, out: "card.png")

        let fromPNG = ws.run("verify", "card.png", "--issuer-pub", ws.path("iss.pub"))
        #expect(fromPNG.status == 0, "\(fromPNG.stderr)")
        #expect(fromPNG.stdout.hasPrefix("VALID\n"))
        #expect(fromPNG.stdout.contains("TEST-CLINIC"))

        let image = try ImageFile.decode(ws.read("card.png"))
        let jpeg = try ws.write("card.jpg", bytes: JPEG.encode(image, quality: 85))
        let fromJPEG = ws.run("verify", jpeg, "--issuer-pub", ws.path("iss.pub"), "--json")
        #expect(fromJPEG.status == 0, "\(fromJPEG.stderr)")
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(fromJPEG.stdout.utf8)) as? [String: Any])
        #expect(verdict["verdict"] as? String == "VALID")
        #expect(verdict["issuer"] as? String == "TEST-CLINIC")

        let decoded = ws.run("decode", "card.png", "--code", code, "--issuer-pub", ws.path("iss.pub"), "--format", "json")
        #expect(decoded.status == 0, "\(decoded.stderr)")
        // Equal as records, and equal as plain JSON (Foundation's parser, independent of the library's).
        #expect(try HealthRecord(jsonData: decoded.stdoutBytes) == HealthRecord(jsonData: Array(source.utf8)))
        let a = try JSONSerialization.jsonObject(with: Data(source.utf8)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: Data(decoded.stdoutBytes)) as? NSDictionary
        #expect(a != nil && a == b)

        let reader = ws.run("decode", jpeg, "--reader-key", ws.path("rdr.key"), "--issuer-pub", ws.path("iss.pub"), "--format", "json")
        #expect(reader.status == 0, "\(reader.stderr)")
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(reader.stdoutBytes)) as? [String: Any])
        #expect(Set(seen.keys) == ["holder", "allergies", "immunizations"])

        let text = ws.run("decode", "card.png", "--code", code, "--issuer-pub", ws.path("iss.pub"))
        #expect(text.status == 0)
        #expect(text.stdout.contains("CONDITIONS (3)"))
        #expect(text.stdout.contains("Type 2 diabetes mellitus [icd10:E11.9]"))
        #expect(text.stdout.contains("Not readable: nothing"))
    }

    @Test func verifyReadsTextArgumentStdinAndTextFile() throws {
        let ws = try Workspace()
        _ = try ws.issue(Records.minimal, out: "card.txt")
        let text = try ws.readText("card.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        let pub = ws.path("iss.pub")
        #expect(ws.run("verify", text, "--issuer-pub", pub).status == 0)
        #expect(ws.run("verify", "-", "--issuer-pub", pub, stdin: text + "\n").status == 0)
        #expect(ws.run("verify", "card.txt", "--issuer-pub", pub).status == 0)
    }

    @Test func unknownIssuerExits1() throws {
        let ws = try Workspace()
        _ = try ws.issue(Records.minimal, out: "card.txt")
        #expect(ws.run("keygen", "--role", "issuer", "--out", ws.path("other")).status == 0)
        let r = ws.run("verify", "card.txt", "--issuer-pub", ws.path("other.pub"))
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("UNKNOWN ISSUER\n"))
        #expect(r.stdout.contains("could not be checked"))
        #expect(r.stderr.contains("error: card.unknown-issuer: "))
    }

    @Test func tamperedDigitExits1AndDecodeShowsNothing() throws {
        let ws = try Workspace()
        let code = try ws.issue(Records.minimal, out: "card.txt")
        var chars = Array(try ws.readText("card.txt").trimmingCharacters(in: .whitespacesAndNewlines))
        let i = chars.count / 2
        chars[i] = Character(String((Int(String(chars[i]))! + 1) % 10))
        let bad = try ws.write("bad.txt", String(chars) + "\n")
        let r = ws.run("verify", bad, "--issuer-pub", ws.path("iss.pub"))
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("INVALID: "))
        let d = ws.run("decode", bad, "--code", code, "--issuer-pub", ws.path("iss.pub"), "--format", "json")
        #expect(d.status == 1)
        #expect(d.stdout.isEmpty)
    }

    @Test func expiredAndNotYetValidViaAt() throws {
        let ws = try Workspace()
        _ = try ws.issue(Records.minimal, out: "card.txt", extra: ["--valid-for", "12h"])
        let pub = ws.path("iss.pub")
        let later = Date().addingTimeInterval(2 * 86_400)
        let day = ISO8601DateFormatter.string(from: later, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        let expired = ws.run("verify", "card.txt", "--issuer-pub", pub, "--at", day)
        #expect(expired.status == 1)
        #expect(expired.stdout.hasPrefix("EXPIRED\n"))
        #expect(expired.stderr.contains("error: card.expired: "))
        let early = ws.run("verify", "card.txt", "--issuer-pub", pub, "--at", "2001-01-01T00:00:00Z")
        #expect(early.status == 1)
        #expect(early.stdout.hasPrefix("NOT YET VALID\n"))
        let badDate = ws.run("verify", "card.txt", "--issuer-pub", pub, "--at", "yesterday")
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("error: usage.bad-date: "))
    }

    @Test func wrongAndMistypedCodes() throws {
        let ws = try Workspace()
        let code = try ws.issue(Records.minimal, out: "a.txt")
        let otherCode = try ws.issue(Records.minimal, out: "b.txt")
        let pub = ws.path("iss.pub")
        let wrong = ws.run("decode", "a.txt", "--code", otherCode, "--issuer-pub", pub)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("error: holder-code.wrong: "))
        #expect(wrong.stdout.isEmpty)
        // Change one digit: the Verhoeff check digit catches every single-digit error.
        var digits = Array(code)
        digits[0] = digits[0] == "9" ? "0" : Character(String(Int(String(digits[0]))! + 1))
        let mistyped = ws.run("decode", "a.txt", "--code", String(digits), "--issuer-pub", pub)
        #expect(mistyped.status == 1)
        #expect(mistyped.stderr.contains("error: holder-code.mistyped: "))
        let format = ws.run("decode", "a.txt", "--code", "1234", "--issuer-pub", pub)
        #expect(format.status == 1)
        #expect(format.stderr.contains("error: holder-code.format: "))
        // A reader key that is not a recipient.
        #expect(ws.run("keygen", "--role", "reader", "--out", ws.path("r2")).status == 0)
        let noTier = ws.run("decode", "a.txt", "--reader-key", ws.path("r2.key"), "--issuer-pub", pub)
        #expect(noTier.status == 1)
        #expect(noTier.stderr.contains("error: tier.no-recipient: "))
    }

    @Test func missingAndUnreadableInputsExit2() throws {
        let ws = try Workspace()
        let missing = ws.run("verify", ws.path("nope.png"), "--issuer-pub", ws.path("iss.pub"))
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error: file.unreadable: "))
        let noPub = ws.run("verify", "PHR1:123", "--issuer-pub", ws.path("nope.pub"))
        #expect(noPub.status == 2)
        let gif = try ws.write("card.gif", bytes: Array("GIF89a".utf8) + [0, 0xFF, 0xFE])
        let notText = ws.run("verify", gif, "--issuer-pub", ws.path("iss.pub"))
        #expect(notText.status == 2)
    }

    @Test func imageWithoutQRCode() throws {
        let ws = try Workspace()
        let blank = try GrayImage(width: 200, height: 200, pixels: [UInt8](repeating: 255, count: 40_000))
        let png = try ws.write("blank.png", bytes: PNG.encode(blank, bitDepth: 8, dpi: 300))
        let r = ws.run("verify", png, "--issuer-pub", ws.path("iss.pub"))
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("INVALID: no QR code"))
        #expect(r.stderr.contains("error: image.no-qr-code: "))
    }

    @Test func inspectShowsStructureWithoutVerifying() throws {
        let ws = try Workspace()
        _ = try ws.issue(Records.minimal, out: "card.txt")
        let text = try ws.readText("card.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        let r = ws.run("inspect", "card.txt", "--json")
        #expect(r.status == 0)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["verified"] as? Bool == false)
        #expect(o["qrDigits"] as? Int == text.count - 5)
        #expect(o["issuer"] as? String == "TEST-CLINIC")
        let tiers = try #require(o["tiers"] as? [[String: Any]])
        #expect(tiers.map { $0["tier"] as? String } == ["essential", "clinical"])
        let pubPEM = try ws.readText("rdr.pub")
        let kid = try ReaderPublicKey(pem: pubPEM).kid.description
        #expect(tiers[0]["readers"] as? [String] == [kid])
        #expect(tiers[1]["readers"] as? [String] == [])
        let plain = ws.run("inspect", "card.txt")
        #expect(plain.stdout.hasPrefix("NOT VERIFIED"))
    }
}

@Suite("issue --batch")
struct BatchTests {
    @Test func batchIssuesGoodLinesAndReportsBadOnes() throws {
        let ws = try Workspace()
        let good = Records.minimal.replacingOccurrences(of: "\n", with: " ")
        let lines = [good, "{not json", "", good, Records.invalid.replacingOccurrences(of: "\n", with: " ")]
        let input = try ws.write("records.jsonl", lines.joined(separator: "\n") + "\n")
        let r = ws.run("issue", "--batch", input, "--out-dir", "cards", "--codes-out", "codes.tsv", "--report", "report.json",
                       "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC", "--format", "txt")
        #expect(r.status == 1)
        #expect(r.stdout.contains("issued 2, failed 2"))
        #expect(r.stderr.contains("line 2: record.invalid: "))
        #expect(r.stderr.contains("line 5: record.invalid: holder.birthDate: "))
        let codes = try ws.readText("codes.tsv").split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(codes.map { $0.first } == ["1", "4"])
        #expect(codes.allSatisfy { $0.count == 4 })
        let attrs = try FileManager.default.attributesOfItem(atPath: ws.path("codes.tsv"))
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(ws.read("report.json"))) as? [String: Any])
        #expect(report["issued"] as? Int == 2)
        #expect(report["failed"] as? Int == 2)
        #expect((report["failures"] as? [[String: Any]])?.compactMap { $0["line"] as? Int } == [2, 5])
        #expect(!(try ws.readText("report.json")).contains(codes[0][2]))   // no holder codes in the report
        // Every issued card is in the out dir under its line number and card id, and opens with its code.
        let first = codes[0]
        #expect(first[3].hasSuffix("cards/1-\(first[1]).txt"))
        let d = ws.run("decode", first[3], "--code", first[2], "--issuer-pub", ws.path("iss.pub"), "--format", "json")
        #expect(d.status == 0, "\(d.stderr)")
        #expect(try HealthRecord(jsonData: d.stdoutBytes) == HealthRecord(jsonData: Array(good.utf8)))
        // Running again refuses to overwrite the codes file.
        let again = ws.run("issue", "--batch", input, "--out-dir", "cards", "--codes-out", "codes.tsv",
                           "--issuer-key", ws.path("iss.key"), "--issuer", "TEST-CLINIC")
        #expect(again.status == 2)
        #expect(again.stderr.contains("error: file.exists: "))
    }

    @Test func batchOfGoodLinesExits0WithProgressLines() throws {
        let ws = try Workspace()
        let good = Records.minimal.replacingOccurrences(of: "\n", with: " ")
        let input = try ws.write("ok.jsonl", Array(repeating: good, count: 10).joined(separator: "\n"))
        let r = ws.run("issue", "--batch", input, "--out-dir", "out", "--codes-out", "codes.tsv",
                       "--issuer-key", ws.path("iss.key"), "--issuer", "T", "--format", "txt")
        #expect(r.status == 0, "\(r.stderr)")
        // Progress goes to stderr, so stdout holds only the summary and can be piped.
        #expect(r.stderr.contains("progress: 10/10 lines"))
        #expect(!r.stdout.contains("progress"))
        #expect(r.stdout == "issued 10, failed 0 (of 10 records in \(input))\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.path("out")).sorted()
        #expect(names.count == 10)
        #expect(names.first?.hasPrefix("01-") == true)
    }
}
