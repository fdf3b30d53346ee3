// Shared by PHRCLITests and PHRStationTests (a plain target: test targets cannot share sources).
import Foundation
import PHRCard
import Testing

/// Runs the built `phrcard` executable in a process and captures its output.
public struct CLIResult {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public let stdoutBytes: [UInt8]
}

/// A temporary directory with an issuer and a reader key pair, and helpers to run `phrcard` inside it.
public final class Workspace {
    public let dir: URL
    /// A `PHRCARD_HOME` that does not exist unless a test runs `init`, so the user's own home is never used.
    public var home: String { dir.appendingPathComponent("home").path }

    public init(keys: Bool = true) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("phrcard-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if keys {
            try #require(run("keygen", "--role", "issuer", "--out", path("iss")).status == 0)
            try #require(run("keygen", "--role", "reader", "--out", path("rdr")).status == 0)
        }
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    public func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    public func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        return path(name)
    }

    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: dir.appendingPathComponent(name))
        return path(name)
    }

    public func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: name.hasPrefix("/") ? name : path(name))))
    }

    public func readText(_ name: String) throws -> String { String(decoding: try read(name), as: UTF8.self) }

    /// Runs `phrcard` with the arguments, in this directory, with `PHRCARD_HOME` pointing into it.
    @discardableResult
    public func run(_ arguments: String..., stdin: String? = nil) -> CLIResult { run(arguments, stdin: stdin) }

    public func run(_ arguments: [String], stdin: String? = nil) -> CLIResult {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["PHRCARD_HOME"] = home
        process.environment = env
        let outURL = dir.appendingPathComponent(".out-\(UUID().uuidString)")
        let errURL = dir.appendingPathComponent(".err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        do {
            let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
            process.standardOutput = out
            process.standardError = err
            let input = Pipe()
            process.standardInput = input
            try process.run()
            if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            try out.close()
            try err.close()
        } catch {
            return CLIResult(status: -1, stdout: "", stderr: "could not run \(CLI.binary.path): \(error)", stdoutBytes: [])
        }
        let outBytes = [UInt8]((try? Data(contentsOf: outURL)) ?? Data())
        let errText = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: outBytes, as: UTF8.self),
                         stderr: errText, stdoutBytes: outBytes)
    }

    /// Issues `record` (JSON text) to `out` with the workspace's issuer and reader; returns the holder code.
    public func issue(_ record: String, out: String, extra: [String] = []) throws -> String {
        let input = try write("record-\(UUID().uuidString).json", record)
        let codeFile = path("\(out).code")
        let r = run(["issue", input, "--issuer-key", path("iss.key"), "--issuer", "TEST-CLINIC",
                     "--reader", path("rdr.pub"), "--out", path(out), "--code-out", codeFile] + extra)
        try #require(r.status == 0, "issue failed: \(r.stderr)")
        let text = try readText(codeFile)
        let code = try #require(text.range(of: "[0-9]{4}(-[0-9]{4}){4}", options: .regularExpression).map { String(text[$0]) })
        return code
    }
}

/// Where the executable is.
public enum CLI {
    /// `$PHRCARD` if set; otherwise `phrcard` next to the test bundle (the same build directory), or in
    /// `.build/debug` of the package that holds this file.
    public static let binary: URL = {
        if let env = ProcessInfo.processInfo.environment["PHRCARD"], !env.isEmpty { return URL(fileURLWithPath: env) }
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for dir in candidates {
            let url = dir.appendingPathComponent("phrcard")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/phrcard")
    }()

    /// The repository's `examples/` directory.
    public static var examples: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples")
    }
}

/// Small records written for these tests.
public enum Records {
    public static let minimal = """
        {"holder": {"given": "Amina", "family": "Yusuf", "birthDate": "1990-03-14"},
         "allergies": [{"code": "snomed:764146007", "text": "Penicillin", "criticality": "high"}],
         "conditions": [{"code": "icd10:E11.9", "text": "Type 2 diabetes mellitus", "status": "active"}],
         "immunizations": [{"code": "cvx:03", "text": "MMR", "date": "2023-05-02", "dose": 1, "country": "GR"}]}
        """
    /// Three problems: an impossible date, an unknown member and a bad code.
    public static let invalid = """
        {"holder": {"given": "Amina", "birthDate": "2023-13-01", "favouriteColour": "blue"},
         "allergies": [{"code": "penicillin"}]}
        """
}
