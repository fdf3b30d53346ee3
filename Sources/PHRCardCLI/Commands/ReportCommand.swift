import ArgumentParser
import Foundation
import PHRCard
import PHRReports

/// `phrcard report`: population health-status tables from the records a site issued from, protected by
/// small-cell suppression and optionally differential privacy (spec/reports.md).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Population health-status report (HTML, PDF, CSV or JSON) with small-cell suppression and optional differential privacy.",
        discussion: """
            Inputs: record JSON files, IPS Bundles (FHIR JSON), JSON Lines files (.jsonl/.ndjson, the format of \
            issue --batch; - reads JSON Lines from standard input) and directories (read recursively: .json, .jsonl, \
            .ndjson). Records are streamed: memory does not grow with their number. Every input that is not a valid \
            record or Bundle is reported on standard error as `rejected <file>[:<line>]: <code>: <message>` and \
            counted in the report; the report is still written and the exit status is 1.

            Protection (spec/reports.md §5-6): counts of 1 to --min-cell - 1 are suppressed, with complementary \
            suppression so that no suppressed count can be worked out from the totals. --epsilon adds discrete \
            Laplace noise (OpenSSL randomness), the budget split equally over the tables. --seed makes the noise \
            reproducible: TEST ONLY, a seeded report is not private.

            Sites and programmes (spec/reports.md §7): a site writes its exact counts with --counts (mode 0600; \
            share them encrypted, under the data-sharing agreement, never publish them); the programme merges \
            counts files with --merge, and suppression and noise are applied once, to the merged figures.

            Examples:
              phrcard report examples/ --out report.html
              phrcard report records.jsonl --epsilon 1 --out report.pdf
              phrcard report site-a/ --counts --as-of 2026-12-01 --out site-a.counts.json
              phrcard report --merge site-a.counts.json site-b.counts.json --out programme.html
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, pdf, csv, json }

    @Argument(help: "Record files, IPS Bundles, JSON Lines files, directories, or - (with --merge: counts files).")
    var inputs: [String] = []
    @Option(help: "The file to write (.html, .pdf, .csv or .json).") var out: String
    @Option(help: "html, pdf, csv or json (default: from the --out extension).") var format: Format?
    @Option(help: "Suppress counts from 1 to this minus 1 (default 5; 1 suppresses nothing).") var minCell = PrivacyParameters.defaultMinCell
    @Option(help: "Differential privacy: the total budget ε (e.g. 1 or 0.5).") var epsilon: String?
    @Option(help: "Differential privacy: δ for listing nationalities (default 1e-6).") var delta: Double?
    @Option(help: "TEST ONLY: draw the noise from this seed, so the report is reproducible (and not private).") var seed: UInt64?
    @Option(help: "Compute ages and current pregnancies at this date (YYYY-MM-DD; default today, UTC).") var asOf: String?
    @Option(help: "The report's title.") var title = "Population health status report"
    @Flag(help: "Write the exact aggregate counts (JSON, mode 0600) for a programme to merge, instead of a report.") var counts = false
    @Flag(help: "The inputs are counts files written with --counts: add them up, then protect and report.") var merge = false
    @Option(help: "Parse records on this many threads (default: the number of processors, at most 8).")
    var jobs = min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
    @Flag(help: "Replace an existing output file.") var force = false

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one input (a file, a directory or -)") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be 1 to 64") }
        if counts && merge { throw ValidationError("--counts and --merge do not go together (merge the counts, then report)") }
        if counts && (epsilon != nil || seed != nil) {
            throw ValidationError("--counts writes exact counts: --epsilon and --seed apply when the programme reports")
        }
        if seed != nil && epsilon == nil { throw ValidationError("--seed applies to the noise of --epsilon") }
        if merge && asOf != nil { throw ValidationError("--merge takes the reference date from the counts files; drop --as-of") }
    }

    func run() throws {
        let privacy = try PrivacyParameters(minCell: minCell, epsilon: try epsilon.map { try PrivacyParameters.Epsilon($0) },
                                            delta: delta)
        let format = try resolvedFormat()
        try Files.checkWritable(out, force: force)
        let asOfDate = try asOf.map { try ReportDate($0) } ?? ReportDate.today()

        var population = PopulationCounts(asOf: asOfDate)
        var sites = 1
        var ignored: [String] = []
        var files = 0
        if merge {
            sites = 0
            var first = true
            for path in inputs {
                let merged = try PopulationCounts(jsonData: try Files.read(path), name: path)
                if first { population = PopulationCounts(asOf: merged.asOf); first = false }
                try population.merge(merged)
                sites += 1
            }
            files = sites
        } else {
            // Rejected inputs are reported in input order whatever the number of threads.
            let report: @Sendable (InputProblem) -> Void = { problem in
                Console.err("rejected \(problem.source)\(problem.line.map { ":\($0)" } ?? ""): \(problem.code): \(problem.message)")
            }
            let aggregator = ParallelAggregator(asOf: asOfDate, jobs: jobs, onProblem: report)
            var counter = population
            let stream = jobs > 1
                ? RecordStream(onItem: aggregator.accept)
                : RecordStream(onRecord: { counter.add($0) },
                               onProblem: { problem in counter.reject(code: problem.code); report(problem) })
            for path in inputs {
                do { try stream.read(path) } catch { throw CLIError.unreadable(error.path, error.reason) }
            }
            population = jobs > 1 ? aggregator.finish() : counter
            ignored = stream.ignored
            files = stream.files
            for path in ignored { Console.err("ignored \(path): not .json, .jsonl or .ndjson") }
        }
        guard population.records > 0 || population.rejectedTotal > 0 else {
            throw CLIError("report.no-records", "no records in \(inputs.joined(separator: ", "))", exitStatus: 1)
        }

        let bytes: [UInt8]
        if counts {
            bytes = population.jsonData()
        } else {
            let noise = seed.map { NoiseSource.seeded($0) } ?? NoiseSource.system()
            let report = ReportBuilder.build(population, privacy: privacy, noise: noise, sites: sites, title: title)
            switch format {
            case .html: bytes = Array(HTMLReport.render(report).utf8)
            case .pdf: bytes = try PDFReport.render(report)
            case .csv: bytes = report.csvData()
            case .json: bytes = report.jsonData()
            }
            let (primary, complementary) = report.suppressionCounts
            print("\(population.records) records from \(files) input\(files == 1 ? "" : "s")"
                  + (merge ? " (\(sites) sites merged)" : "")
                  + "; rejected \(population.rejectedTotal); suppressed \(primary) + \(complementary) complementary of \(report.cellCount) cells"
                  + (privacy.epsilon.map { "; ε = \($0)" + (seed != nil ? " (seeded: TEST ONLY)" : "") } ?? ""))
        }
        try Files.writeAtomically(bytes, to: out, mode: counts ? 0o600 : 0o644, force: force)
        if counts {
            print("\(population.records) records from \(files) input\(files == 1 ? "" : "s"); rejected \(population.rejectedTotal)")
            print("wrote EXACT counts to \(out) (mode 0600): share only encrypted and under the data-sharing agreement")
        } else {
            print("wrote \(out)")
        }
        if population.rejectedTotal > 0 { throw CLIExit(status: 1) }
    }

    private func resolvedFormat() throws(CLIError) -> Format {
        if counts {
            guard out.lowercased().hasSuffix(".json") else {
                throw CLIError.usage("format", "--counts writes JSON: give an --out file ending in .json")
            }
            return .json
        }
        if let format { return format }
        let ext = (out as NSString).pathExtension.lowercased()
        guard let format = Format(rawValue: ext == "htm" ? "html" : ext) else {
            throw CLIError.usage("format", "cannot tell the format from \(out): use .html, .pdf, .csv or .json, or --format")
        }
        return format
    }
}
