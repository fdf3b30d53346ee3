import ArgumentParser
import Foundation
import PHRCard

/// The `phrcard` command. Errors are written as `error: <code>: <message>`; usage errors exit 2.
@main
struct PHRCardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phrcard",
        abstract: "Issue, verify and read signed, encrypted personal health record cards printed as one QR code.",
        discussion: """
            Quick start:
              phrcard init                      # demo issuer, demo reader and trust in $PHRCARD_HOME (~/.phrcard)
              phrcard issue record.json --out card.png --code-out card.code
              phrcard verify card.png
              phrcard decode card.png           # with the demo reader key: the essential tier
              phrcard decode card.png --code 1234-5678-9012-3456-7890 --format json
              phrcard issue --batch records.jsonl --out-dir cards --codes-out codes.tsv   # on every core
              cat cards/*.txt | phrcard verify --lines --json   # many cards, one process, JSON Lines

            Exit status: 0 success; 1 the card or record is not valid (or, for batch issue, some lines failed);
            2 usage error, missing or unreadable file, unusable key, or refusal to overwrite a file.
            130 or 143: a batch issue stopped by SIGINT or SIGTERM (every card written is logged).
            verify/decode of several cards (several CARD arguments or --lines): 0 when every card is valid, 1 when
            at least one is not, 2 when at least one input could not be read; one result line per card either way.
            """,
        version: "phrcard \(PHRCardVersion.library) (card format \(PHRCardVersion.format))",
        subcommands: [InitCommand.self, KeygenCommand.self, IssueCommand.self, VerifyCommand.self,
                      DecodeCommand.self, InspectCommand.self, ReportCommand.self, SelfTest.self,
                      TrustCommand.self, RevokeCommand.self, LogCommand.self, ServeCommand.self]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            fflush(nil)
        } catch let e as ExitCode {
            fflush(nil)
            Foundation.exit(e.rawValue)
        } catch where Console.isToolError(error) {
            fflush(nil)
            Foundation.exit(Console.fail(error))
        } catch {
            // ArgumentParser's own outcomes: help and version (exit 0), or a usage error (exit 2).
            fflush(nil)
            if exitCode(for: error) == .success { exit(withError: error) }
            Console.err("error: usage: \(message(for: error))")
            Console.err("(see `phrcard --help` or `phrcard <command> --help`)")
            Foundation.exit(2)
        }
    }
}
