import Foundation
import Hummingbird
import PHRCrypto

/// Every response: the error JSON for anything thrown, `Cache-Control: no-store`, a strict Content-Security-Policy
/// and the other hardening headers; the access token check; one access-log line per request.
///
/// The access log names the method, the path (never the query string, which may hold the token), the status, the
/// response size and the time taken: no card text, holder code or record data ever appears in a path, because all
/// of them travel in request bodies.
struct StationMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The access token, or nil when none is required.
    let token: String?
    /// Where access-log lines go.
    let log: @Sendable (String) -> Void

    /// The name of the cookie that carries the token for the pages.
    static var cookieName: String { "phrcard_station" }

    static var securityHeaders: [(HTTPFields.Element.Name, String)] {
        [
            (.cacheControl, "no-store"),
            (.contentSecurityPolicy, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
                + "connect-src 'self'; media-src 'self' blob: mediastream:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
            (HTTPFields.Element.Name("X-Content-Type-Options")!, "nosniff"),
            (HTTPFields.Element.Name("Referrer-Policy")!, "no-referrer"),
            (HTTPFields.Element.Name("X-Frame-Options")!, "DENY"),
            (HTTPFields.Element.Name("Permissions-Policy")!, "camera=(self), microphone=(), geolocation=()"),
            (HTTPFields.Element.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
            (HTTPFields.Element.Name("Cross-Origin-Resource-Policy")!, "same-origin"),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await authorize(request, context: context, next: next)
        } catch let e as StationError {
            response = HTTPBody.error(e)
        } catch let e as HTTPError where e.status == .notFound {
            response = HTTPBody.error(StationError(.notFound, "request.not-found", "no page or endpoint \(request.method) \(request.uri.path)"))
        } catch let e as HTTPError where e.status == .methodNotAllowed {
            response = HTTPBody.error(StationError(.methodNotAllowed, "request.method", "\(request.method) is not allowed on \(request.uri.path)"))
        } catch let e as HTTPError {
            response = HTTPBody.error(StationError(e.status, "request.invalid", e.body ?? "invalid request"))
        } catch {
            response = HTTPBody.error(StationError.from(error))
        }
        for (name, value) in Self.securityHeaders { response.headers[name] = value }
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        let size = response.body.contentLength.map(String.init) ?? "-"
        log("\(Self.timestamp()) \(request.method) \(request.uri.path) \(response.status.code) \(size) \(String(format: "%.1f", ms))ms")
        return response
    }

    /// Checks the token (bearer header or cookie; `?token=` on a page sets the cookie and redirects).
    private func authorize(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else { return try await next(request, context) }
        if let bearer = request.headers[.authorization], bearer.hasPrefix("Bearer "),
           Self.same(String(bearer.dropFirst(7)), token) {
            return try await next(request, context)
        }
        if let cookie = Self.cookie(request), Self.same(cookie, token) {
            return try await next(request, context)
        }
        if request.method == .get, !request.uri.path.hasPrefix("/api/"),
           let given = request.uri.queryParameters.get("token"), Self.same(given, token) {
            // Moves the token from the address bar into an HttpOnly cookie.
            var headers = HTTPFields()
            headers[.location] = request.uri.path
            headers[.setCookie] = "\(Self.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"
            return Response(status: .seeOther, headers: headers)
        }
        throw StationError(.unauthorized, "auth.token-required",
                           "this station needs its access token: open the address printed at start (…/?token=…), or send Authorization: Bearer <token>")
    }

    private static func cookie(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces)
                if pair.hasPrefix(cookieName + "=") { return String(pair.dropFirst(cookieName.count + 1)) }
            }
        }
        return nil
    }

    /// Constant-time comparison of two tokens.
    static func same(_ a: String, _ b: String) -> Bool {
        ConstantTime.equals(SHA256.hash(Array(a.utf8)), SHA256.hash(Array(b.utf8)))
    }

    private static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}
