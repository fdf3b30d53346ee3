/// What the station does and where it listens (`phrcard serve` options).
public struct StationOptions: Sendable {
    /// Which pages and endpoints the station offers.
    public enum Role: String, Sendable, CaseIterable {
        /// The check page: verify and read cards (border and reception health checks).
        case check
        /// The issue page: issue cards (clinicians).
        case issue
        /// Both pages.
        case both

        /// Whether checking cards is offered.
        public var checks: Bool { self != .issue }
        /// Whether issuing cards is offered.
        public var issues: Bool { self != .check }
    }

    /// The TCP port (0: any free port, printed at start).
    public var port: Int
    /// The address to listen on (default loopback).
    public var listen: String
    public var role: Role
    /// The access token every page and API call must carry; required off loopback.
    public var token: String?

    public init(port: Int = 8470, listen: String = "127.0.0.1", role: Role = .both, token: String? = nil) {
        self.port = port
        self.listen = listen
        self.role = role
        self.token = token
    }

    /// Whether `address` is a loopback address (127.0.0.0/8, ::1, localhost), which needs no access token.
    public static func isLoopback(_ address: String) -> Bool {
        if address == "localhost" || address == "::1" || address == "[::1]" { return true }
        let parts = address.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
