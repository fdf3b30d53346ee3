import Foundation
import Hummingbird
import Logging
import PHRCard
import PHRToolSupport

/// The station: `phrcard serve`'s HTTP server with the check and issue pages and their JSON API.
///
/// Pages: `/` (the check page, or the issue page for `--role issue`), `/check`, `/issue`. API (JSON in and out,
/// errors as `{"error": {"code", "message"}}` with the CLI's stable codes): `GET /api/station`, `GET /api/i18n`,
/// `POST /api/verify`, `POST /api/decode`, `POST /api/scan` (PNG/JPEG body), `POST /api/issue/preview`,
/// `POST /api/issue`, `GET /api/codes?q=`.
public struct Station: Sendable {
    public let options: StationOptions
    public let keys: StationKeys
    let assets: WebAssets

    /// Loads the keys of `home` and the web files.
    public init(options: StationOptions, home: Home) throws {
        if !StationOptions.isLoopback(options.listen) && options.token == nil {
            throw StationSetupError("usage.token-required",
                                    "listening on \(options.listen) (not loopback) needs an access token: give --token-file FILE")
        }
        self.options = options
        self.keys = try StationKeys.load(home: home, role: options.role)
        self.assets = try WebAssets.load()
    }

    /// Serves until SIGINT or SIGTERM. `started` is called with the bound port once the server listens;
    /// `log` receives the access-log lines.
    public func run(started: @escaping @Sendable (Int) -> Void, log: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "phrcard-station")
        logger.logLevel = .critical   // Hummingbird's own logs may name request details; the access log is ours
        let app = Application(
            router: router(log: log),
            configuration: ApplicationConfiguration(address: .hostname(options.listen, port: options.port),
                                                    serverName: "phrcard-station"),
            onServerRunning: { channel in started(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }

    func router(log: @escaping @Sendable (String) -> Void) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: StationMiddleware(token: options.token, log: log))
        let role = options.role
        let check = CheckAPI(keys: keys, throttle: HolderCodeThrottle())
        let issue = IssueAPI(keys: keys)
        let assets = self.assets
        let info = stationInfo()
        let i18n = Self.pageTexts()

        router.get("/") { _, _ in try page(assets, role.checks ? "check.html" : "issue.html") }
        router.get("/check") { _, _ in
            guard role.checks else { throw Self.roleError("check") }
            return try page(assets, "check.html")
        }
        router.get("/issue") { _, _ in
            guard role.issues else { throw Self.roleError("issue") }
            return try page(assets, "issue.html")
        }
        router.get("/assets/:name") { _, context in
            try page(assets, context.parameters.get("name") ?? "")
        }
        router.get("/api/station") { _, _ in HTTPBody.json(info.value) }
        router.get("/api/i18n") { _, _ in
            HTTPBody.json(["strings": i18n, "rtl": ["ar", "fa", "ps", "ur", "he"], "languages": i18n.keys.sorted()])
        }
        router.post("/api/verify") { request, _ in
            guard role.checks else { throw Self.roleError("check") }
            return try await check.verify(request)
        }
        router.post("/api/decode") { request, _ in
            guard role.checks else { throw Self.roleError("check") }
            return try await check.decode(request)
        }
        router.post("/api/scan") { request, _ in
            guard role.checks else { throw Self.roleError("check") }
            return try await check.scan(request)
        }
        router.post("/api/issue/preview") { request, _ in
            guard role.issues else { throw Self.roleError("issue") }
            return try await issue.preview(request)
        }
        router.post("/api/issue") { request, _ in
            guard role.issues else { throw Self.roleError("issue") }
            return try await issue.issueCard(request)
        }
        router.get("/api/codes") { request, _ in
            guard role.issues else { throw Self.roleError("issue") }
            return try await issue.codes(request)
        }
        return router
    }

    static func roleError(_ what: String) -> StationError {
        StationError(.forbidden, "station.role", "this station was started without the \(what) role (phrcard serve --role)")
    }

    /// What the pages need to know about the station (no secrets).
    func stationInfo() -> JSONValueBox {
        var object: [String: Any] = ["role": options.role.rawValue, "checks": options.role.checks, "issues": options.role.issues,
                                     "version": PHRCardVersion.library, "readerKey": keys.readerKey != nil,
                                     "trustList": keys.trust != nil]
        if let id = keys.issuerID { object["issuer"] = id }
        object["readers"] = keys.readers.map { r -> [String: Any] in
            var o: [String: Any] = ["kid": r.grant.key.kid.description, "name": r.name,
                                    "tiers": r.grant.tiers.sorted().map(\.name)]
            if let c = r.country { o["country"] = c }
            return o
        }
        object["sections"] = Dictionary(uniqueKeysWithValues: HealthRecord.Section.allCases.map {
            ($0.rawValue, TierPolicy.default.tier(of: $0).name)
        })
        return JSONValueBox(object)
    }
}

/// A web file as a response.
private func page(_ assets: WebAssets, _ name: String) throws -> Response {
    guard let asset = assets.files[name] else {
        throw StationError(.notFound, "request.not-found", "no page or file \(name)")
    }
    var headers = HTTPFields()
    headers[.contentType] = asset.mime
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
}
