import PHRCLITestSupport
import Foundation
import PHRCard
import Testing

/// The station's JSON API through real HTTP on loopback: a `phrcard serve` process started on a demo home
/// (`phrcard init`), cards issued by the `phrcard` command as the independent reference.
@Suite(.serialized) final class StationAPITests {
    let ws: Workspace
    let station: StationProcess
    /// The typical sample, issued by the CLI as text and PNG.
    let cardText: String
    let holderCode: String
    let cardID: String
    let example: [String: Any]

    init() throws {
        ws = try Workspace(keys: false)
        try #require(ws.run("init").status == 0)
        let record = CLI.examples.appendingPathComponent("typical.json").path
        example = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: record))) as? [String: Any])
        let issued = ws.run("issue", record, "--out", ws.path("card.txt"), "--code-out", ws.path("card.code"), "--json")
        try #require(issued.status == 0, "\(issued.stderr)")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(issued.stdoutBytes)) as? [String: Any])
        holderCode = try #require(info["holderCode"] as? String)
        cardID = try #require(info["cardId"] as? String)
        cardText = try ws.readText("card.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(ws.run("issue", record, "--out", ws.path("card.png"), "--no-log").status == 0)
        station = try StationProcess(home: ws.home)
    }

    deinit { station.stop() }

    var port: Int { station.port }

    /// The card with one bit of its signature flipped.
    func tampered() throws -> String {
        var bytes = try QRText.decode(cardText)
        bytes[bytes.count - 1] ^= 0x01
        return QRText.encode(bytes)
    }

    @Test func pagesAndAssetsAreServedWithStrictHeaders() throws {
        for path in ["/", "/check", "/issue", "/assets/check.js", "/assets/issue.js", "/assets/common.js", "/assets/station.css"] {
            let r = try HTTP.request(port, "GET", path)
            #expect(r.status == 200, "\(path)")
            #expect(r.headers["cache-control"] == "no-store", "\(path)")
            let csp = try #require(r.headers["content-security-policy"])
            #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("default-src 'none'"))
            #expect(r.headers["x-content-type-options"] == "nosniff")
        }
        let page = try HTTP.request(port, "GET", "/")
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        // No inline script: every <script> element has a src and no content.
        let scripts = page.text.components(separatedBy: "<script").dropFirst()
        #expect(!scripts.isEmpty)
        for s in scripts { #expect(s.hasPrefix(" src=\"/assets/") && s.contains("></script>")) }
        #expect(!page.text.contains(" on") || page.text.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil)
        #expect(try HTTP.request(port, "GET", "/assets/check.js").headers["content-type"]?.hasPrefix("text/javascript") == true)
    }

    @Test func stationInfoListsTheDemoReader() throws {
        let r = try HTTP.request(port, "GET", "/api/station")
        #expect(r.status == 200)
        #expect(r.json["role"] as? String == "both")
        #expect(r.json["issuer"] as? String == "DEMO-CLINIC")
        let readers = try #require(r.json["readers"] as? [[String: Any]])
        #expect(readers.count == 1)
        #expect(readers.first?["tiers"] as? [String] == ["essential"])
        // The demo reader's key id, as `phrcard inspect` names the card's recipients.
        let inspect = ws.run("inspect", cardText)
        #expect(inspect.stdout.contains(try #require(readers.first?["kid"] as? String)))
    }

    @Test func verifyAgreesWithTheCommandLine() throws {
        for (text, expected) in [(cardText, "valid"), (try tampered(), "invalid")] {
            let r = try HTTP.postJSON(port, "/api/verify", ["card": text])
            #expect(r.status == 200)
            let cli = ws.run("verify", text, "--json")
            let reference = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdoutBytes)) as? [String: Any])
            #expect(r.json["status"] as? String == expected)
            #expect(r.json["verdict"] as? String == reference["verdict"] as? String)
            #expect(r.json["cardId"] as? String == cardID)
            #expect(r.json["issuer"] as? String == "DEMO-CLINIC")
            if expected == "invalid" {
                #expect((r.json["error"] as? [String: Any])?["code"] as? String == "card.bad-signature")
                #expect((reference["error"] as? [String: Any])?["code"] as? String == "card.bad-signature")
            }
        }
        let damaged = try HTTP.postJSON(port, "/api/verify", ["card": "PHR1:12345"])
        #expect(damaged.json["status"] as? String == "invalid")
        #expect(damaged.json["signatureVerified"] as? Bool == false)
        let notACard = try HTTP.postJSON(port, "/api/verify", ["card": "hello"])
        #expect((notACard.json["error"] as? [String: Any])?["code"] as? String == "text.bad-prefix")
    }

    @Test func decodeWithTheReaderKeyShowsTheEssentialTierOnly() throws {
        let r = try HTTP.postJSON(port, "/api/decode", ["card": cardText])
        #expect(r.status == 200)
        #expect(r.json["openedWith"] as? String == "reader-key")
        #expect(r.json["openedTiers"] as? [String] == ["essential"])
        let record = try #require(r.json["record"] as? [String: Any])
        let holder = try #require(record["holder"] as? [String: Any])
        let expected = try #require(example["holder"] as? [String: Any])
        #expect(holder["given"] as? String == expected["given"] as? String)
        #expect(NSDictionary(dictionary: holder).isEqual(to: expected))
        #expect(record["conditions"] == nil && record["medications"] == nil)
        #expect((record["allergies"] as? [Any])?.count == (example["allergies"] as? [Any])?.count)
        // A tampered card shows nothing: 422 with the verdict.
        let bad = try HTTP.postJSON(port, "/api/decode", ["card": try tampered()])
        #expect(bad.status == 422)
        #expect(bad.errorCode == "card.bad-signature")
        #expect((bad.json["verdict"] as? [String: Any])?["status"] as? String == "invalid")
        #expect(bad.json["record"] == nil)
    }

    @Test func decodeWithTheHolderCodeEqualsTheCommandLine() throws {
        let r = try HTTP.postJSON(port, "/api/decode", ["card": cardText, "code": holderCode])
        #expect(r.status == 200)
        #expect(r.json["openedWith"] as? String == "holder-code")
        let cli = ws.run("decode", cardText, "--code", holderCode, "--format", "json")
        try #require(cli.status == 0)
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdoutBytes)) as? [String: Any])
        let record = try #require(r.json["record"] as? [String: Any])
        #expect(NSDictionary(dictionary: record).isEqual(to: reference))
        #expect(NSDictionary(dictionary: record).isEqual(to: example))
    }

    @Test func holderCodeErrorsAndThrottling() throws {
        let digits = holderCode.filter(\.isNumber).map { Int(String($0))! }
        // A mistyped code (two adjacent digits swapped) is caught by the check digit: no attempt is counted.
        var swapped = digits
        if swapped[0] == swapped[1] { swapped[1] = (swapped[1] + 1) % 10 }
        swapped.swapAt(0, 1)
        let mistyped = try HTTP.postJSON(port, "/api/decode", ["card": cardText, "code": swapped.map(String.init).joined()])
        #expect(mistyped.status == 422 && mistyped.errorCode == "holder-code.mistyped")
        let short = try HTTP.postJSON(port, "/api/decode", ["card": cardText, "code": "1234"])
        #expect(short.status == 422 && short.errorCode == "holder-code.format")
        // Wrong codes with a valid check digit: another code of the same scheme.
        let other = HolderCode().description
        #expect(other != holderCode)
        for attempt in 1...5 {
            let wrong = try HTTP.postJSON(port, "/api/decode", ["card": cardText, "code": other])
            #expect(wrong.status == 422 && wrong.errorCode == "holder-code.wrong", "attempt \(attempt)")
        }
        let throttled = try HTTP.postJSON(port, "/api/decode", ["card": cardText, "code": holderCode])
        #expect(throttled.status == 429 && throttled.errorCode == "holder-code.throttled")
        #expect((throttled.json["retryAfter"] as? Int ?? 0) > 0)
    }

    @Test func scanReadsTheCardFromAnImage() throws {
        let png = try ws.read("card.png")
        let r = try HTTP.request(port, "POST", "/api/scan", headers: ["Content-Type": "image/png"], body: png)
        #expect(r.status == 200)
        let png2Text = try #require(r.json["card"] as? String)
        #expect(png2Text.hasPrefix("PHR1:"))
        #expect(try HTTP.postJSON(port, "/api/verify", ["card": png2Text]).json["status"] as? String == "valid")
        let garbage = try HTTP.request(port, "POST", "/api/scan", headers: ["Content-Type": "image/png"], body: Array("not an image".utf8))
        #expect(garbage.status == 400 && garbage.errorCode == "image.unknown-format")
        let blank = try PNG.encode(try GrayImage(width: 64, height: 64, pixels: [UInt8](repeating: 255, count: 64 * 64)), bitDepth: 8, dpi: 72)
        let none = try HTTP.request(port, "POST", "/api/scan", headers: ["Content-Type": "image/png"], body: blank)
        #expect(none.status == 422)
        #expect(none.errorCode == "image.no-qr-code" || none.errorCode == "image.no-phrcard")
        let empty = try HTTP.request(port, "POST", "/api/scan", headers: ["Content-Type": "image/png"])
        #expect(empty.status == 400 && empty.errorCode == "request.empty")
    }

    @Test func previewMatchesTheCommandLineSizes() throws {
        let cli = ws.run("issue", CLI.examples.appendingPathComponent("typical.json").path, "--out", ws.path("ref.txt"), "--json", "--no-log")
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdoutBytes)) as? [String: Any])
        let r = try HTTP.postJSON(port, "/api/issue/preview", ["record": example])
        #expect(r.status == 200)
        #expect(r.json["cardBytes"] as? Int == reference["cardBytes"] as? Int)
        #expect(r.json["qrVersion"] as? Int == reference["qrVersion"] as? Int)
        #expect(r.json["layout"] as? String == "id1")
        #expect(r.json["holderCode"] == nil && r.json["file"] == nil)
    }

    @Test func issueReturnsAPrintableCardThatScansBackAndIsLogged() throws {
        let r = try HTTP.postJSON(port, "/api/issue", ["record": example])
        #expect(r.status == 200)
        #expect(r.json["mime"] as? String == "application/pdf")
        let file = try #require(r.json["file"] as? String)
        let pdf = try #require(Data(base64Encoded: file))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let code = try #require(r.json["holderCode"] as? String)
        let id = try #require(r.json["cardId"] as? String)
        // Rendered by poppler (independent of the station), scanned by the station, opened with the code.
        let pdfPath = try ws.write("issued.pdf", bytes: [UInt8](pdf))
        let raster = Process()
        raster.executableURL = URL(fileURLWithPath: "/usr/bin/pdftoppm")
        raster.arguments = ["-png", "-r", "300", "-f", "1", "-l", "1", "-singlefile", pdfPath, ws.path("issued")]
        try raster.run()
        raster.waitUntilExit()
        try #require(raster.terminationStatus == 0)
        let scan = try HTTP.request(port, "POST", "/api/scan", headers: ["Content-Type": "image/png"], body: try ws.read("issued.png"))
        let text = try #require(scan.json["card"] as? String)
        let opened = try HTTP.postJSON(port, "/api/decode", ["card": text, "code": code])
        #expect(opened.json["cardId"] as? String == id)
        #expect(NSDictionary(dictionary: opened.json["record"] as? [String: Any] ?? [:]).isEqual(to: example))
        // The issuance log has it, as for `phrcard issue`.
        let log = ws.run("log", "find", "--card", id)
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.contains(id))
    }

    @Test func largeCardsArePrintedOnA6() throws {
        let heavy = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.examples.appendingPathComponent("heavy.json"))) as? [String: Any])
        let r = try HTTP.postJSON(port, "/api/issue/preview", ["record": heavy])
        #expect(r.status == 200)
        #expect(r.json["layout"] as? String == "a6")
        let forced = try HTTP.postJSON(port, "/api/issue/preview", ["record": heavy, "layout": "id1"])
        #expect(forced.status == 200 && forced.json["layout"] as? String == "id1")   // the preview does not render
        let issued = try HTTP.postJSON(port, "/api/issue", ["record": heavy, "layout": "id1"])
        #expect(issued.status == 400 && issued.errorCode == "print.qr-too-large")
    }

    @Test func recordProblemsComeWithTheirPaths() throws {
        var record = example
        var imms = try #require(record["immunizations"] as? [[String: Any]])
        imms[0]["date"] = "2023-13-01"
        record["immunizations"] = imms
        var holder = try #require(record["holder"] as? [String: Any])
        holder["sex"] = "robot"
        record["holder"] = holder
        let r = try HTTP.postJSON(port, "/api/issue/preview", ["record": record])
        #expect(r.status == 422)
        #expect(r.errorCode == "record.invalid")
        let issues = try #require(r.json["issues"] as? [[String: Any]])
        let paths = Set(issues.compactMap { $0["path"] as? String })
        #expect(paths == ["immunizations[0].date", "holder.sex"])
        // The same messages as the CLI's.
        let file = try ws.write("bad.json", bytes: Array(try JSONSerialization.data(withJSONObject: record)))
        let cli = ws.run("issue", file, "--out", ws.path("bad.txt"))
        for issue in issues {
            #expect(cli.stderr.contains("\(issue["path"]!): \(issue["message"]!)"))
        }
    }

    @Test func fhirBundlesAreImported() throws {
        let bundle = try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.examples.appendingPathComponent("fhir/hl7-ips-bundle-minimal.json")))
        let r = try HTTP.postJSON(port, "/api/issue/preview", ["fhir": bundle])
        #expect(r.status == 200, "\(r.text)")
        // The README's figures for this Bundle: 612 bytes, version 19 at M (what `phrcard issue --fhir` prints).
        let cli = ws.run("issue", "--fhir", CLI.examples.appendingPathComponent("fhir/hl7-ips-bundle-minimal.json").path,
                         "--out", ws.path("fhir.txt"), "--json", "--no-log")
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdoutBytes)) as? [String: Any])
        #expect(r.json["cardBytes"] as? Int == reference["cardBytes"] as? Int)
        #expect(r.json["qrVersion"] as? Int == reference["qrVersion"] as? Int)
        let notABundle = try HTTP.postJSON(port, "/api/issue/preview", ["fhir": ["resourceType": "Patient"]])
        #expect(notABundle.status == 422)
        #expect(notABundle.errorCode?.hasPrefix("fhir.") == true)
    }

    @Test func codeSearchFindsDictionaryCodes() throws {
        // The dictionary file itself is the reference.
        let tsv = try String(contentsOf: CLI.examples.deletingLastPathComponent().appendingPathComponent("spec/dictionary/v1/codes.tsv"), encoding: .utf8)
        let measles = tsv.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
            .filter { $0.count >= 3 && $0[0] == "cvx" && $0[2].lowercased().contains("measles") }
        try #require(!measles.isEmpty)
        let r = try HTTP.request(port, "GET", "/api/codes?q=measles&system=cvx")
        #expect(r.status == 200)
        let codes = try #require(r.json["codes"] as? [[String: String]])
        #expect(Set(codes.compactMap { $0["code"] }) == Set(measles.prefix(20).map { "cvx:" + $0[1] }))
        let long = try HTTP.request(port, "GET", "/api/codes?q=" + String(repeating: "a", count: 101))
        #expect(long.status == 400 && long.errorCode == "request.too-large")
    }

    @Test func badRequestsGetStableCodes() throws {
        let notJSON = try HTTP.request(port, "POST", "/api/verify", headers: ["Content-Type": "application/json"], body: Array("{nope".utf8))
        #expect(notJSON.status == 400 && notJSON.errorCode == "request.bad-json")
        let missing = try HTTP.postJSON(port, "/api/verify", ["text": cardText])
        #expect(missing.status == 400 && missing.errorCode == "request.missing-field")
        let noRecord = try HTTP.postJSON(port, "/api/issue", ["nothing": 1])
        #expect(noRecord.status == 400 && noRecord.errorCode == "request.missing-field")
        let badReader = try HTTP.postJSON(port, "/api/issue/preview", ["record": example, "readers": ["nokid"]])
        #expect(badReader.status == 400 && badReader.errorCode == "usage.bad-reader")
        let badTier = try HTTP.postJSON(port, "/api/issue/preview", ["record": example, "tiers": ["conditions=secret"]])
        #expect(badTier.status == 400 && badTier.errorCode == "issue.bad-tier-policy")
        let badFormat = try HTTP.postJSON(port, "/api/issue/preview", ["record": example, "format": "gif"])
        #expect(badFormat.status == 400 && badFormat.errorCode == "usage.unknown-format")
        let tiny = try HTTP.postJSON(port, "/api/issue/preview", ["record": example, "moduleMm": 0.1])
        #expect(tiny.status == 400 && tiny.errorCode == "image.module-too-small")
        let notFound = try HTTP.request(port, "GET", "/api/nothing")
        #expect(notFound.status == 404 && notFound.errorCode == "request.not-found")
        let method = try HTTP.request(port, "GET", "/api/verify")
        #expect(method.status == 405 || method.status == 404)
        #expect(method.errorCode != nil)
    }

    @Test func requestSizeLimits() throws {
        let big = Array(("{\"card\":\"" + String(repeating: "1", count: 600_000) + "\"}").utf8)
        let r = try HTTP.request(port, "POST", "/api/verify", headers: ["Content-Type": "application/json"], body: big)
        #expect(r.status == 413 && r.errorCode == "request.too-large")
        // The limit holds without a Content-Length too (chunked upload).
        var chunked: [UInt8] = []
        for part in stride(from: 0, to: big.count, by: 100_000) {
            let slice = big[part..<min(big.count, part + 100_000)]
            chunked += Array(String(slice.count, radix: 16).utf8) + [13, 10] + slice + [13, 10]
        }
        chunked += Array("0\r\n\r\n".utf8)
        let c = try HTTP.request(port, "POST", "/api/verify", headers: ["Content-Type": "application/json", "Transfer-Encoding": "chunked"], body: chunked)
        #expect(c.status == 413 && c.errorCode == "request.too-large", "\(c.status) \(c.text)")
        let image = [UInt8](repeating: 0xFF, count: 13 << 20)
        let i = try HTTP.request(port, "POST", "/api/scan", headers: ["Content-Type": "image/jpeg"], body: image)
        #expect(i.status == 413 && i.errorCode == "request.too-large")
    }

    @Test func theLogCarriesNoHolderData() throws {
        _ = try HTTP.postJSON(port, "/api/decode", ["card": cardText, "code": holderCode])
        _ = try HTTP.postJSON(port, "/api/decode", ["card": cardText])
        _ = try HTTP.postJSON(port, "/api/issue", ["record": example])
        _ = try HTTP.request(port, "GET", "/api/codes?q=measles")
        Thread.sleep(forTimeInterval: 0.3)
        let log = station.output
        #expect(log.contains("POST /api/decode 200"))
        #expect(log.contains("POST /api/issue 200"))
        let holder = try #require(example["holder"] as? [String: Any])
        let digits = String(cardText.dropFirst(5))
        var secrets = [holderCode, holderCode.filter(\.isNumber), String(digits.prefix(40)), String(digits.suffix(40)), "measles"]
        secrets += [holder["given"], holder["family"], holder["birthDate"]].compactMap { $0 as? String }
        secrets += ((example["allergies"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String }
        for secret in secrets { #expect(!log.contains(secret), "the log contains \(secret)") }
    }
}

/// Roles, the access token and start-up refusals, each with its own station.
@Suite(.serialized) struct StationAccessTests {
    @Test func aCheckStationDoesNotIssue() throws {
        let ws = try Workspace(keys: false)
        try #require(ws.run("init").status == 0)
        let station = try StationProcess(home: ws.home, arguments: ["--role", "check"])
        defer { station.stop() }
        let issue = try HTTP.postJSON(station.port, "/api/issue/preview", ["record": ["holder": ["given": "A"]]])
        #expect(issue.status == 403 && issue.errorCode == "station.role")
        #expect(try HTTP.request(station.port, "GET", "/issue").errorCode == "station.role")
        #expect(try HTTP.request(station.port, "GET", "/").status == 200)
        #expect(try HTTP.request(station.port, "GET", "/api/station").json["issues"] as? Bool == false)
    }

    @Test func offLoopbackNeedsAToken() throws {
        let ws = try Workspace(keys: false)
        try #require(ws.run("init").status == 0)
        let refused = ws.run("serve", "--port", "0", "--listen", "0.0.0.0")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("error: usage.token-required"))

        let tokenFile = ws.path("station.token")
        let station = try StationProcess(home: ws.home, arguments: ["--listen", "0.0.0.0", "--token-file", tokenFile])
        defer { station.stop() }
        let token = try ws.readText(tokenFile).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.count >= 32)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: tokenFile)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0)
        #expect(station.startOutput.contains(token))
        for path in ["/", "/issue", "/assets/check.js", "/api/station"] {
            let r = try HTTP.request(station.port, "GET", path)
            #expect(r.status == 401 && r.errorCode == "auth.token-required", "\(path)")
        }
        #expect(try HTTP.postJSON(station.port, "/api/verify", ["card": "PHR1:1"]).status == 401)
        #expect(try HTTP.request(station.port, "GET", "/api/station", headers: ["Authorization": "Bearer wrong-token-000000"]).status == 401)
        #expect(try HTTP.request(station.port, "GET", "/api/station", headers: ["Authorization": "Bearer " + token]).status == 200)
        // The printed address moves the token into an HttpOnly cookie.
        let open = try HTTP.request(station.port, "GET", "/?token=" + token)
        #expect(open.status == 303)
        let cookie = try #require(open.headers["set-cookie"])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let pair = String(cookie.split(separator: ";")[0])
        #expect(try HTTP.request(station.port, "GET", "/", headers: ["Cookie": pair]).status == 200)
        #expect(try HTTP.request(station.port, "GET", "/?token=nope").status == 401)
        Thread.sleep(forTimeInterval: 0.2)
        // Printed once, at start; never in the access log.
        let log = station.output.dropFirst(station.startOutput.count)
        #expect(!log.contains(token))
        #expect(log.contains("GET / 303"))
        // A second start reads the same token from the file.
        let again = try StationProcess(home: ws.home, arguments: ["--listen", "0.0.0.0", "--token-file", tokenFile])
        defer { again.stop() }
        #expect(try HTTP.request(again.port, "GET", "/api/station", headers: ["Authorization": "Bearer " + token]).status == 200)
    }

    @Test func everyPageKeyIsInTheOneTranslationTable() throws {
        // The pages' static keys (`data-i18n="…"` and `PHR.t("…")`) are keys of spec/print/translations.tsv, in every
        // officer language (the table's own tests check that each language is complete and no cell is empty).
        let web = CLI.examples.deletingLastPathComponent().appendingPathComponent("Sources/PHRStation/Web")
        var keys: Set<String> = []
        for name in ["check.html", "issue.html", "check.js", "issue.js", "common.js"] {
            let text = try String(contentsOf: web.appendingPathComponent(name), encoding: .utf8)
            for pattern in [#"data-i18n="([a-z0-9.-]+)""#, #"PHR\.t\("([a-z0-9.-]+)""#] {
                let regex = try NSRegularExpression(pattern: pattern)
                for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let key = String(text[Range(m.range(at: 1), in: text)!])
                    if !key.hasSuffix(".") { keys.insert(key) }
                }
            }
        }
        #expect(keys.count > 40)
        for lang in Translations.officerLanguages {
            let texts = try #require(Translations.table(for: lang)).texts
            for key in keys.sorted() { #expect(texts[key] != nil, "\(lang): \(key)") }
        }
    }

    @Test func aStationWithoutAHomeSaysWhatIsMissing() throws {
        let ws = try Workspace(keys: false)
        let r = ws.run("serve", "--port", "0", "--role", "issue")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: usage.missing-issuer-key"))
    }
}
