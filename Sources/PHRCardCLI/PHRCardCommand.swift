import ArgumentParser
import PHRCard

@main
struct PHRCardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phrcard",
        abstract: "Issue, verify and read signed, encrypted personal health record cards printed as one QR code.",
        version: "phrcard \(PHRCardVersion.library) (card format \(PHRCardVersion.format))",
        subcommands: [SelfTest.self]
    )
}

struct SelfTest: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Checks that the native libraries load and work.")
    func run() throws {
        print("selftest: ok")
    }
}
