import Foundation
import PHRCard
import PHRReports

/// Synthetic populations for `phrcard report` (demo data in examples/population/, benchmark input): one record per
/// JSON line, deterministic from a seed. Invented people; the mix (ages, nationalities, coverage, screening
/// positivity) is plausible for a reception programme but is not data about anyone.
struct SyntheticPopulation {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    static let nationalities = ["SY", "SY", "SY", "AF", "AF", "AF", "UA", "UA", "SO", "SO", "ER", "ER", "SD", "IQ",
                                "NG", "CD", "VE", "PK", "BD", "ET", "YE", "GN", "ML", "TR"]
    static let conditions = ["icd10:F43.1", "icd10:F32.9", "icd10:E11.9", "icd10:I10", "icd10:J45.9", "icd10:B86",
                             "icd10:D50.9", "icd10:K02.9", "icd10:Z22.7", "icd10:B18.1", "icd10:M54.5", "icd10:L30.9",
                             "icd11:6B40", "icd11:BA00", "icd10:E44.0", "icd10:G40.9", "icd10:S06.0", "icd10:N39.0"]

    /// One record as a JSON line, for someone aged around `asOfYear`.
    mutating func recordLine(_ n: Int, asOfYear: Int) -> String {
        let ageRoll = next() % 100
        let age: Int = ageRoll < 4 ? 0 : ageRoll < 14 ? int(1...4) : ageRoll < 28 ? int(5...14)
            : ageRoll < 40 ? int(15...19) : ageRoll < 80 ? int(20...39) : ageRoll < 93 ? int(40...64) : int(65...85)
        let year = asOfYear - age - 1 + (chance(0.5) ? 1 : 0)
        let sexRoll = next() % 100
        let sex = sexRoll < 47 ? "female" : sexRoll < 97 ? "male" : sexRoll < 98 ? "other" : nil
        var holder = "\"given\":\"P\(n)\",\"birthDate\":\"\(year)-\(String(format: "%02d", int(1...12)))-\(String(format: "%02d", int(1...28)))\""
        if let sex { holder += ",\"sex\":\"\(sex)\"" }
        if !chance(0.03) { holder += ",\"nationality\":\"\(pick(Self.nationalities))\"" }
        var parts = ["\"holder\":{\(holder)}"]
        if chance(0.12) {
            parts.append("\"allergies\":[{\"code\":\"snomed:764146007\",\"text\":\"Penicillin\",\"criticality\":\"high\"}]")
        }
        var conditions: [String] = []
        for _ in 0..<(chance(0.45) ? int(1...3) : 0) {
            conditions.append("{\"code\":\"\(pick(Self.conditions))\",\"status\":\"\(chance(0.8) ? "active" : "resolved")\"}")
        }
        if !conditions.isEmpty { parts.append("\"conditions\":[\(conditions.joined(separator: ","))]") }
        var doses: [String] = []
        let coverage = chance(0.7) ? 1.0 : chance(0.5) ? 0.5 : 0.0
        func series(_ code: String, _ count: Int) {
            guard coverage > 0 else { return }
            let given = coverage == 1 ? count : int(1...max(1, count - 1))
            for d in 1...given { doses.append("{\"code\":\"\(code)\",\"date\":\"\(asOfYear - int(0...min(age, 6)))-0\(int(1...9))-1\(int(0...9))\",\"dose\":\(d)}") }
        }
        if age >= 1 {
            series("cvx:03", age >= 2 ? 2 : 1)
            series(age < 7 ? "cvx:146" : "cvx:09", 3)
            if age < 7 { } else { series("cvx:43", chance(0.8) ? 3 : 2) }
            if age < 7 { series("cvx:178", chance(0.5) ? 3 : 2) }
        }
        if age >= 18 && chance(0.6) { series("cvx:510", 2) }
        if !doses.isEmpty { parts.append("\"immunizations\":[\(doses.joined(separator: ","))]") }
        var results: [String] = []
        func screen(_ code: String, _ p: Double, positive: String = "positive") {
            results.append("{\"code\":\"\(code)\",\"value\":\"\(chance(p) ? positive : "negative")\",\"date\":\"\(asOfYear)-0\(int(1...9))-0\(int(1...9))\"}")
        }
        if age >= 15 || chance(0.3) {
            if chance(0.8) { screen("loinc:71773-6", 0.12) }
            if chance(0.7) { screen("loinc:56888-1", 0.01, positive: "reactive") }
            if chance(0.7) { screen("loinc:5196-1", 0.05) }
            if chance(0.5) { screen("loinc:13955-0", 0.02) }
            if chance(0.4) { screen("loinc:20507-0", 0.015, positive: "reactive") }
        }
        if !results.isEmpty { parts.append("\"results\":[\(results.joined(separator: ","))]") }
        if sex == "female" && (15...49).contains(age) && chance(0.08) {
            parts.append("\"pregnancy\":{\"status\":\"pregnant\",\"dueDate\":\"\(asOfYear + 1)-0\(int(1...6))\"}")
        }
        if chance(0.03) { parts.append("\"alerts\":[{\"text\":\"Needs interpreter for consent\",\"severity\":\"low\"}]") }
        return "{" + parts.joined(separator: ",") + "}"
    }
}

/// `phrcard-bench population` and `phrcard-bench report`.
enum ReportBench {
    /// Writes `count` synthetic records as JSON Lines to standard output.
    static func population(count: Int, seed: UInt64, asOfYear: Int) {
        var generator = SyntheticPopulation(seed: seed)
        var buffer = ""
        for n in 1...max(1, count) {
            buffer += generator.recordLine(n, asOfYear: asOfYear) + "\n"
            if buffer.utf8.count > 1 << 20 { FileHandle.standardOutput.write(Data(buffer.utf8)); buffer = "" }
        }
        FileHandle.standardOutput.write(Data(buffer.utf8))
    }

    /// Generates `count` records into a temporary JSON Lines file (not timed), then streams and aggregates them
    /// as `phrcard report` does, and builds, protects and renders the report; prints records per second and the
    /// resident memory at 10 %, 50 % and 100 % of the records and the peak (VmHWM).
    static func run(count: Int, jobs: Int = 1) throws {
        let path = NSTemporaryDirectory() + "/phrcard-report-bench-\(getpid()).jsonl"
        defer { unlink(path) }
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchError("cannot write \(path)") }
        var generator = SyntheticPopulation(seed: 42)
        var buffer = ""
        for n in 1...count {
            buffer += generator.recordLine(n, asOfYear: 2026) + "\n"
            if buffer.utf8.count > 4 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
        }
        handle.write(Data(buffer.utf8))
        try handle.close()
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let baseline = memory().rss

        var counts = PopulationCounts(asOf: ReportDate(year: 2026, month: 12, day: 1))
        var samples: [(Int, Int)] = []
        var seen = 0
        let checkpoints = Set([count / 10, count / 2, count])
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = cpuSeconds()
        let aggregator = ParallelAggregator(asOf: counts.asOf, jobs: jobs) { _ in }
        let stream = jobs > 1
            ? RecordStream(onItem: { item in
                aggregator.accept(item)
                seen += 1
                if checkpoints.contains(seen) { samples.append((seen, memory().rss)) }
            })
            : RecordStream(onRecord: { record in
                counts.add(record)
                seen += 1
                if checkpoints.contains(seen) { samples.append((seen, memory().rss)) }
            }, onProblem: { problem in counts.reject(code: problem.code) })
        do { try stream.read(path) } catch { throw BenchError(error.message) }
        if jobs > 1 { counts = aggregator.finish() }
        let aggregated = DispatchTime.now().uptimeNanoseconds
        let cpu = cpuSeconds() - cpuStart
        let report = ReportBuilder.build(counts, privacy: try PrivacyParameters(minCell: 5, epsilon: try .init("1")),
                                         noise: .seeded(1))
        _ = HTMLReport.render(report)
        let finished = DispatchTime.now().uptimeNanoseconds
        let seconds = Double(aggregated - start) / 1e9
        print("report: \(count) records (\(bytes / 1_048_576) MiB JSON Lines), \(jobs) thread\(jobs == 1 ? "" : "s"), rejected \(counts.rejectedTotal)")
        print(String(format: "  stream + aggregate: %.2f s wall, %.0f records/s; %.2f s CPU, %.0f records per CPU second",
                     seconds, Double(count) / seconds, cpu, Double(count) / cpu))
        print(String(format: "  build (suppression, ε = 1 noise) + HTML: %.3f s", Double(finished - aggregated) / 1e9))
        print("  resident memory: before \(baseline / 1024) MiB; " + samples.map { "after \($0.0): \($0.1 / 1024) MiB" }
            .joined(separator: "; "))
        print("  peak resident (VmHWM): \(memory().hwm / 1024) MiB")
    }

    /// CPU time of this process (user + system), in seconds.
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// VmRSS and VmHWM in KiB from /proc/self/status.
    static func memory() -> (rss: Int, hwm: Int) {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Int {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0")
                ?? Int(line.filter(\.isNumber)) ?? 0
        }
        return (field("VmRSS:"), field("VmHWM:"))
    }
}
