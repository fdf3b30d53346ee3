// phrcard-vectors: regenerates and checks the test vectors in vectors/.
//
//   phrcard-vectors generate [--samples examples] [--out vectors]
//   phrcard-vectors check [--dir vectors]
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

let command = CommandLine.arguments.dropFirst().first ?? "help"
switch command {
case "generate":
    let samplesDir = value("--samples", "examples")
    let outDir = value("--out", "vectors")
    var samples: [String: [UInt8]] = [:]
    for name in ["minimal", "typical", "heavy"] {
        guard let d = FileManager.default.contents(atPath: "\(samplesDir)/\(name).json") else { fail("cannot read \(samplesDir)/\(name).json") }
        samples[name] = Array(d)
    }
    do {
        let vectors = try VectorGenerator.all(samples: samples)
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        // Replace every vector file (stale ones included); other files such as README.md stay.
        for old in try FileManager.default.contentsOfDirectory(atPath: outDir) where old.hasSuffix(".json") {
            try FileManager.default.removeItem(atPath: "\(outDir)/\(old)")
        }
        for v in vectors {
            try Data(VectorGenerator.serialize(v)).write(to: URL(fileURLWithPath: "\(outDir)/\(v.name).json"))
        }
        print("wrote \(vectors.count) vectors to \(outDir)/ (\(vectors.filter { $0.json["valid"] as? Bool == true }.count) valid, \(vectors.filter { $0.json["valid"] as? Bool == false }.count) invalid)")
    } catch {
        fail("\(error)")
    }
case "check":
    let dir = value("--dir", "vectors")
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    var failed = 0
    for f in files {
        do {
            let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(f)"))) as! [String: Any]
            let diffs = try VectorChecker.check(obj)
            if diffs.isEmpty { print("ok   \(f)") } else { failed += 1; print("FAIL \(f)"); diffs.forEach { print("     \($0)") } }
        } catch {
            failed += 1
            print("FAIL \(f): \(error)")
        }
    }
    print("\(files.count - failed) passed, \(failed) failed")
    exit(failed == 0 ? 0 : 1)
default:
    print("usage: phrcard-vectors generate [--samples DIR] [--out DIR] | check [--dir DIR]")
    exit(command == "help" ? 0 : 2)
}
