import Foundation
#if FUZZING
internal import CFuzzerDriver
#endif

/// The `main` of every fuzz target.
///
/// SwiftPM links an executable target's `@main` as the process entry point, so libFuzzer's own `main` cannot be
/// used; instead, in a fuzzer build (`-D FUZZING -sanitize=fuzzer,address`, see `make fuzz`) this calls
/// `LLVMFuzzerRunDriver`, which takes the usual libFuzzer command line. In an ordinary build it replays the files
/// named on the command line (see ``FuzzReplay``), which is how crash reproducers are checked without the fuzzer.
public enum FuzzMain {
    nonisolated(unsafe) private static var body: (([UInt8]) -> Void)?

    /// Runs `body` on fuzz inputs; never returns in a fuzzer build.
    public static func run(_ body: @escaping ([UInt8]) -> Void) -> Never {
        #if FUZZING
        Self.body = body
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
            FuzzMain.body?(bytes)
            return 0
        }
        exit(status)
        #else
        let count = FuzzReplay.run(arguments: Array(CommandLine.arguments.dropFirst()), body: body)
        exit(count == 0 && CommandLine.arguments.count > 1 ? 2 : 0)
        #endif
    }
}
