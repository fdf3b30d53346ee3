import Foundation
import PHRCard
import Testing
@testable import PHRReports

/// Headless Chromium through WebDriver (selenium + chromedriver, the set-up of the station's browser tests).
/// `scripts/bootstrap` installs chromium and chromium-driver (Debian) and selenium (PyPI, in `.build-python`), so the
/// suite always runs: a missing piece fails it rather than skipping it.
enum Chromium {
    /// The private Python environment made by `scripts/bootstrap` (repository root / .build-python).
    static let python: String = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.appendingPathComponent(".build-python/bin/python").path
    }()

    /// Loads a file in headless Chromium with every host name unresolvable; returns the page's title, element
    /// counts, console warnings and errors, and every URL the page requested.
    static let script = #"""
    import json, sys
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND"]:
        o.add_argument(a)
    o.binary_location = "/usr/bin/chromium"
    o.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    try:
        d.get("file://" + sys.argv[1])
        result = {
            "title": d.title,
            "svgs": d.execute_script("return document.querySelectorAll('svg').length"),
            "tables": d.execute_script("return document.querySelectorAll('table').length"),
            "svgWidth": d.execute_script("return Math.round(document.querySelector('svg').getBoundingClientRect().width)"),
            "console": [e["message"] for e in d.get_log("browser") if e["level"] in ("SEVERE", "WARNING")],
            "requests": [],
        }
        for e in d.get_log("performance"):
            m = json.loads(e["message"])["message"]
            if m.get("method") == "Network.requestWillBeSent":
                result["requests"].append(m["params"]["request"]["url"])
        print(json.dumps(result))
    finally:
        d.quit()
    """#

    static func load(_ html: String) throws -> [String: Any] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phrcard-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)
        let (status, out, err) = try runTool(python, ["-c", script, page.path])
        try #require(status == 0, "chromium: \(err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    }
}

@Suite("Report: HTML in headless Chromium")
struct ReportChromiumTests {
    @Test("the report loads with no console error, requests nothing but itself, and shows its charts and tables")
    func loads() throws {
        let report = ReportBuilder.build(try HandMade.counts(), privacy: try PrivacyParameters(minCell: 1))
        let result = try Chromium.load(HTMLReport.render(report))
        #expect(result["title"] as? String == report.title)
        #expect(result["console"] as? [String] == [])
        let requests = try #require(result["requests"] as? [String])
        #expect(requests.count == 1 && requests.first?.hasSuffix("/report.html") == true, "\(requests)")
        #expect(result["svgs"] as? Int == ReportCharts.all(report).count)
        #expect(result["tables"] as? Int == report.tables.count)
        #expect(result["svgWidth"] as? Int ?? 0 > 300)   // the charts are laid out, not collapsed
    }

    @Test("the check itself sees a console error and an external request")
    func detects() throws {
        let result = try Chromium.load(#"<!DOCTYPE html><html><head><title>x</title></head><body><svg></svg>"#
            + #"<img src="http://example.invalid/x.png"><script>console.error("boom")</script></body></html>"#)
        #expect((result["console"] as? [String])?.count == 2)
        #expect((result["requests"] as? [String])?.contains("http://example.invalid/x.png") == true)
    }
}
