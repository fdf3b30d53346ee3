// phrcard-vectors: regenerates and checks the test vectors in vectors/ (cards) and vectors/trust/ (trust lists,
// revocation lists).
//
//   phrcard-vectors generate [--samples examples] [--out vectors] [--only cards|trust]
//   phrcard-vectors check [--dir vectors] [--only cards|trust]
//
// `--only trust` leaves the card vectors alone (their ES256 signatures are new at every generation).
import Foundation
import PHRVectorKit

func value(_ flag: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: flag), i + 1 < args.count { return args[i + 1] }
    return fallback
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(2)
}

/// Replaces every `*.json` file of `dir` (stale ones included) by `vectors`; other files such as README.md stay.
func write(_ vectors: [VectorGenerator.Vector], to dir: String) throws {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for old in try FileManager.default.contentsOfDirectory(atPath: dir) where old.hasSuffix(".json") {
        try FileManager.default.removeItem(atPath: "\(dir)/\(old)")
    }
    for v in vectors {
        try Data(VectorGenerator.serialize(v)).write(to: URL(fileURLWithPath: "\(dir)/\(v.name).json"))
    }
}

/// Checks every `*.json` file of `dir` with `check`; prints one line per file and returns the number that failed.
func checkAll(in dir: String, _ check: ([String: Any]) throws -> [String]) -> (files: Int, failed: Int) {
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    var failed = 0
    for f in files {
        do {
            let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(f)"))) as! [String: Any]
            let diffs = try check(obj)
            if diffs.isEmpty { print("ok   \(f)") } else { failed += 1; print("FAIL \(f)"); diffs.forEach { print("     \($0)") } }
        } catch {
            failed += 1
            print("FAIL \(f): \(error)")
        }
    }
    return (files.count, failed)
}

let command = CommandLine.arguments.dropFirst().first ?? "help"
let only = value("--only", "all")
guard ["all", "cards", "trust"].contains(only) else { fail("--only takes cards or trust") }
switch command {
case "generate":
    let samplesDir = value("--samples", "examples")
    let outDir = value("--out", "vectors")
    do {
        if only != "trust" {
            var samples: [String: [UInt8]] = [:]
            for name in VectorGenerator.sampleNames {
                guard let d = FileManager.default.contents(atPath: "\(samplesDir)/\(name).json") else { fail("cannot read \(samplesDir)/\(name).json") }
                samples[name] = Array(d)
            }
            let vectors = try VectorGenerator.all(samples: samples)
            try write(vectors, to: outDir)
            try Data(VectorGenerator.index(vectors).utf8).write(to: URL(fileURLWithPath: "\(outDir)/INDEX.md"))
            print("wrote \(vectors.count) vectors to \(outDir)/ (\(vectors.filter { $0.json["valid"] as? Bool == true }.count) valid, \(vectors.filter { $0.json["valid"] as? Bool == false }.count) invalid)")
        }
        if only != "cards" {
            let vectors = try TrustVectors.all()
            try write(vectors, to: "\(outDir)/trust")
            print("wrote \(vectors.count) trust vectors to \(outDir)/trust/")
        }
    } catch {
        fail("\(error)")
    }
case "check":
    let dir = value("--dir", "vectors")
    var files = 0, failed = 0
    if only != "trust" {
        let r = checkAll(in: dir, VectorChecker.check)
        files += r.files
        failed += r.failed
    }
    if only != "cards" {
        let r = checkAll(in: "\(dir)/trust", TrustVectorChecker.check)
        files += r.files
        failed += r.failed
    }
    print("\(files - failed) passed, \(failed) failed")
    exit(failed == 0 ? 0 : 1)
default:
    print("usage: phrcard-vectors generate [--samples DIR] [--out DIR] [--only cards|trust] | check [--dir DIR] [--only cards|trust]")
    exit(command == "help" ? 0 : 2)
}
