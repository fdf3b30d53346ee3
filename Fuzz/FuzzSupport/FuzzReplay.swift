import Foundation

/// Runs fuzz inputs without libFuzzer: the "replay" entry point of every fuzz target.
///
/// In a fuzzer build (`-D FUZZING -sanitize=fuzzer`) libFuzzer supplies `main` and calls the target's
/// `LLVMFuzzerTestOneInput`. In an ordinary build the target's `@main` calls ``run(arguments:body:)`` instead, which
/// feeds every file named on the command line (directories are walked, one level) to the same body, so corpora and
/// crash reproducers can be replayed with a plain debug build.
public enum FuzzReplay {
    /// Feeds each file (or each file in each directory) in `arguments` to `body`; returns the number of inputs run.
    @discardableResult
    public static func run(arguments: [String], body: ([UInt8]) -> Void) -> Int {
        var count = 0
        let fm = FileManager.default
        for path in arguments {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("fuzz replay: no such file \(path)\n".utf8))
                continue
            }
            let files: [String]
            if isDirectory.boolValue {
                files = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
            } else {
                files = [path]
            }
            for file in files {
                guard let data = fm.contents(atPath: file) else { continue }
                body(Array(data))
                count += 1
            }
        }
        FileHandle.standardError.write(Data("fuzz replay: ran \(count) inputs without a crash\n".utf8))
        return count
    }
}
