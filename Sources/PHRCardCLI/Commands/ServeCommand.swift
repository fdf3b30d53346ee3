import ArgumentParser
import Foundation
import PHRCard
import PHRStation
import PHRToolSupport

/// `phrcard serve`: the station, a local web app for issuing and checking cards (Sources/PHRStation).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the station: a local web app and JSON API to check and issue cards (webcam, 2D scanner, photos).",
        discussion: """
            Keys, the trust list, revocation lists and the issuer id come from $PHRCARD_HOME as for the other \
            commands (`phrcard init` makes a demo station). Open the printed address in a browser: / is the check \
            page (webcam, handheld scanner, photo), /issue the issue page.
            The station listens on loopback (127.0.0.1) unless --listen names another address, which needs \
            --token-file: the token is read from that file, or created in it (mode 0600) when the file does not \
            exist, and printed once at start; every page and API call must carry it (the printed address sets a \
            cookie; API clients send Authorization: Bearer TOKEN). Browsers allow the camera only on localhost or \
            over HTTPS: on a LAN, put the station behind a TLS reverse proxy (README).
            Nothing about a holder is stored or logged: the access log (stdout) has the method, path, status, size \
            and time of each request. Stop with Ctrl-C.

            Examples:
              phrcard serve                                  # http://127.0.0.1:8470/
              phrcard serve --role check --port 8080
              phrcard serve --listen 0.0.0.0 --token-file ~/.phrcard/station.token
            """)

    enum Role: String, ExpressibleByArgument, CaseIterable { case check, issue, both }

    @Option(help: "The TCP port (0: any free port).") var port = 8470
    @Option(help: "The address to listen on.") var listen = "127.0.0.1"
    @Option(help: "check (verify and read cards), issue (issue cards) or both.") var role: Role = .both
    @Option(help: "The access token's file (read, or created with a new random token). Required off loopback.")
    var tokenFile: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
    }

    func run() throws {
        let token = try tokenFile.map(Self.token(file:))
        let options = StationOptions(port: port, listen: listen, role: StationOptions.Role(rawValue: role.rawValue)!, token: token)
        let station: Station
        do {
            station = try Station(options: options, home: Home.current)
        } catch let e as StationSetupError {
            throw CLIError(e.code, e.message)
        }
        for w in station.keys.warnings { Console.err(w) }
        let host = listen.contains(":") ? "[\(listen)]" : listen
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do {
                try await station.run(started: { port in
                    let base = "http://\(host):\(port)/"
                    var lines = ["PHRCard station (\(options.role.rawValue)), home \(Home.current.path)",
                                 "listening: \(base)"]
                    if let token {
                        lines.append("access token (shown once): \(token)")
                        lines.append("open:      \(base)?token=\(token)")
                    } else {
                        if options.role.checks { lines.append("check page: \(base)") }
                        if options.role.issues { lines.append("issue page: \(base)issue") }
                    }
                    Self.emit(lines.joined(separator: "\n"))
                }, log: { Self.emit($0) })
            } catch {
                failure.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = failure.get() {
            throw CLIError("station.failed", "the station stopped: \(error)", exitStatus: 1)
        }
    }

    /// Writes lines to stdout at once (the access log is read live).
    static func emit(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// The token in `file`, or a new random one written to it (mode 0600).
    static func token(file: String) throws -> String {
        if Files.exists(file) {
            let text = try Files.readText(file).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count >= 16, !text.contains(where: { $0.isWhitespace || $0 == ";" || $0 == "," }) else {
                throw CLIError.usage("bad-token", "\(file): an access token is one line of at least 16 characters without spaces, commas or semicolons")
            }
            return text
        }
        let token = SystemRandom().bytes(24).map { String(format: "%02x", $0) }.joined()
        try Files.writeAtomically(Array((token + "\n").utf8), to: file, mode: 0o600, force: false)
        return token
    }
}

/// The error a server task ended with.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ e: any Error) { lock.lock(); error = e; lock.unlock() }
    func get() -> (any Error)? { lock.lock(); defer { lock.unlock() }; return error }
}
