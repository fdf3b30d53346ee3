import Foundation

/// `phrcard-bench`: size and speed benchmarks (see docs/benchmarks.md).
let usage = """
    usage: phrcard-bench size [--examples DIR]
           phrcard-bench levers [--examples DIR] [--fhir DIR]
           phrcard-bench speed [--sample FILE] [--seconds S] [--runs N] [--only NAME] [--iterations N]
           phrcard-bench scale [--sample FILE] [--count N]
           phrcard-bench revocation [--entries N] [--lookups N] [--library]
           phrcard-bench report [--records N] [--jobs J]
           phrcard-bench population [--count N] [--seed S] [--year Y]   (synthetic records, JSON Lines)
           phrcard-bench fhir [--corpus DIR] [--verbose | --breakdown]
    speed measurement names: issue, issue-png, verify, open-holder, open-reader, verify-png,
                             png-decode, qr-scan,
                             raw-sign, raw-verify, raw-ecdh, raw-scrypt
    """

func option(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

let args = Array(CommandLine.arguments.dropFirst())
do {
    let setup = BenchSetup()
    switch args.first {
    case "size":
        try SizeBench.run(samples: try Sample.loadAll(from: option("--examples", in: args) ?? "examples"), setup: setup)
    case "levers":
        var samples = try Sample.loadAll(from: option("--examples", in: args) ?? "examples")
        if let dir = option("--fhir", in: args) { samples += try Sample.loadFHIR(from: dir) }
        try LeverBench.run(samples: samples, setup: setup)
    case "speed":
        let config = SpeedBench.Config(
            seconds: Double(option("--seconds", in: args) ?? "1") ?? 1,
            runs: Int(option("--runs", in: args) ?? "5") ?? 5,
            only: option("--only", in: args),
            iterations: option("--iterations", in: args).flatMap(Int.init))
        try SpeedBench.run(sample: try Sample.load(path: option("--sample", in: args) ?? "examples/typical.json"),
                           setup: setup, config: config)
    case "scale":
        try ScaleBench.run(sample: try Sample.load(path: option("--sample", in: args) ?? "examples/typical.json"),
                           setup: setup, count: Int(option("--count", in: args) ?? "10000") ?? 10000)
    case "revocation":
        try RevocationBench.run(entries: Int(option("--entries", in: args) ?? "1000000") ?? 1_000_000,
                                lookups: Int(option("--lookups", in: args) ?? "1000000") ?? 1_000_000,
                                library: args.contains("--library"))
    case "report":
        try ReportBench.run(count: Int(option("--records", in: args) ?? "100000") ?? 100_000,
                            jobs: Int(option("--jobs", in: args) ?? "1") ?? 1)
    case "population":
        ReportBench.population(count: Int(option("--count", in: args) ?? "300") ?? 300,
                               seed: UInt64(option("--seed", in: args) ?? "1") ?? 1,
                               asOfYear: Int(option("--year", in: args) ?? "2026") ?? 2026)
    case "fhir" where args.contains("--breakdown"):
        try FHIRBreakdown.run(directory: option("--corpus", in: args) ?? "Tests/PHRCardTests/Fixtures/ips-corpus",
                              setup: setup)
    case "fhir":
        try FHIRBench.run(directory: option("--corpus", in: args) ?? "Tests/PHRCardTests/Fixtures/ips-corpus",
                          setup: setup, verbose: args.contains("--verbose"))
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("phrcard-bench: \(error)\n".utf8))
    exit(1)
}
