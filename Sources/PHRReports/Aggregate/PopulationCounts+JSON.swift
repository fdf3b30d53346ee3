import Foundation
import PHRFHIR

extension PopulationCounts {
    /// The `kind` member of a counts file.
    public static let kind = "phrcard-report-counts"
    /// The counts file format version.
    public static let version = 1

    /// The counts file: JSON with `kind`, `version`, a warning that the figures are exact, and every counter by
    /// name (spec/reports.md §7.2). Keys are sorted, so equal counts give equal bytes.
    public func jsonData() -> [UInt8] {
        var bands: [String: Any] = [:]
        for band in AgeBand.allCases { bands[band.label] = band.rawValue }
        let object: [String: Any] = [
            "kind": Self.kind,
            "version": Self.version,
            "warning": "EXACT COUNTS, NOT PROTECTED: small cells are not suppressed and no noise is added. "
                + "Share only with the programme, encrypted and under the data-sharing agreement; never publish.",
            "asOf": asOf.description,
            "records": records,
            "rejected": rejected,
            "earliest": earliest?.description ?? NSNull(),
            "latest": latest?.description ?? NSNull(),
            "ageBands": AgeBand.allCases.map(\.label),
            "sexes": Self.sexes.map(\.rawValue),
            "antigens": Antigen.allCases.map(\.rawValue),
            "screeningTests": ScreeningTest.allCases.map(\.rawValue),
            "chapters": ConditionChapter.allCases.map(\.label),
            "ageSex": ageSex,
            "nationality": nationality,
            "vaccinated": vaccinated,
            "complete": complete,
            "screened": screened,
            "positive": positive,
            "conditions": conditions,
            "pregnant": pregnant,
            "allergies": allergies,
            "alerts": alerts,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object,
                                                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return [UInt8](data) + [0x0A]
    }

    /// Reads a counts file, checking its kind, version, dimensions and that every count is a non-negative integer.
    /// - Parameters:
    ///   - bytes: the file's JSON, as written by ``jsonData()``.
    ///   - name: the file name, for messages.
    /// - Throws: `report.not-counts` (an already published report, or anything else that is not a counts file).
    public init(jsonData bytes: [UInt8], name: String) throws(ReportError) {
        func fail(_ why: String) -> ReportError { ReportError(.notCounts, "\(name): \(why)") }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw fail("not a JSON object")
        }
        guard let kind = object["kind"] as? String else { throw fail("no \"kind\": not a counts file") }
        if kind == PublishedReport.kind {
            throw fail("""
                this is a published report: its small cells are suppressed or noisy, so it cannot be added up \
                exactly; merge the sites' counts files (phrcard report --counts) instead (spec/reports.md §7)
                """)
        }
        guard kind == Self.kind else { throw fail("kind \"\(kind)\" is not \(Self.kind)") }
        guard (object["version"] as? Int) == Self.version else { throw fail("unsupported version (expected \(Self.version))") }
        guard let asOfText = object["asOf"] as? String, let asOf = try? ReportDate(asOfText) else {
            throw fail("missing or invalid \"asOf\"")
        }
        guard (object["ageBands"] as? [String]) == AgeBand.allCases.map(\.label),
              (object["sexes"] as? [String]) == Self.sexes.map(\.rawValue),
              (object["antigens"] as? [String]) == Antigen.allCases.map(\.rawValue),
              (object["screeningTests"] as? [String]) == ScreeningTest.allCases.map(\.rawValue),
              (object["chapters"] as? [String]) == ConditionChapter.allCases.map(\.label) else {
            throw ReportError(.mergeMismatch, "\(name): its categories differ from this version's (written by another phrcard version)")
        }
        self.init(asOf: asOf)
        func count(_ any: Any?, _ field: String) throws(ReportError) -> Int {
            guard let number = any as? NSNumber,
                  let value = Int(exactly: number.doubleValue), value >= 0, Double(value) == number.doubleValue else {
                throw fail("\"\(field)\" must hold non-negative integers")
            }
            return value
        }
        func vector(_ field: String, _ length: Int) throws(ReportError) -> [Int] {
            guard let array = object[field] as? [Any], array.count == length else {
                throw fail("\"\(field)\" must be an array of \(length) counts")
            }
            var out: [Int] = []
            for item in array { out.append(try count(item, field)) }
            return out
        }
        func matrix(_ field: String, _ rows: Int, _ columns: Int) throws(ReportError) -> [[Int]] {
            guard let array = object[field] as? [Any], array.count == rows else {
                throw fail("\"\(field)\" must be an array of \(rows) rows")
            }
            var out: [[Int]] = []
            for row in array {
                guard let items = row as? [Any], items.count == columns else {
                    throw fail("\"\(field)\" rows must hold \(columns) counts")
                }
                var line: [Int] = []
                for item in items { line.append(try count(item, field)) }
                out.append(line)
            }
            return out
        }
        let bands = AgeBand.allCases.count
        records = try count(object["records"], "records")
        ageSex = try matrix("ageSex", bands, Self.sexes.count)
        vaccinated = try matrix("vaccinated", Antigen.allCases.count, bands)
        complete = try matrix("complete", Antigen.allCases.count, bands)
        conditions = try matrix("conditions", ConditionChapter.allCases.count, Self.sexes.count)
        screened = try vector("screened", ScreeningTest.allCases.count)
        positive = try vector("positive", ScreeningTest.allCases.count)
        pregnant = try vector("pregnant", bands)
        allergies = try vector("allergies", bands)
        alerts = try vector("alerts", bands)
        guard let rejected = object["rejected"] as? [String: Any], let nationality = object["nationality"] as? [String: Any] else {
            throw fail("\"rejected\" and \"nationality\" must be objects")
        }
        for (code, n) in rejected { self.rejected[code] = try count(n, "rejected") }
        for (code, n) in nationality {
            guard code.isEmpty || (code.utf8.count == 2 && code.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }) else {
                throw fail("nationality \"\(code)\" is not an ISO 3166-1 alpha-2 code")
            }
            self.nationality[code] = try count(n, "nationality")
        }
        for (field, value) in [("earliest", object["earliest"]), ("latest", object["latest"])] {
            guard let value, !(value is NSNull) else { continue }
            guard let text = value as? String, let date = try? PartialDate(text) else { throw fail("invalid \"\(field)\"") }
            if field == "earliest" { earliest = date } else { latest = date }
        }
        guard ageSex.joined().reduce(0, +) == records,
              self.nationality.values.reduce(0, +) == records else {
            throw fail("the population tables do not add up to \"records\"")
        }
    }
}
