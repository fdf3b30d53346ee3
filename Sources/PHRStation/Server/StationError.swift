import Hummingbird
import PHRCard
import PHRPrint
import PHRToolSupport

/// An API error: an HTTP status, one of the CLI's stable codes (or a `request.*`/`station.*` code of the station),
/// and a message; sent as `{"error": {"code": …, "message": …}}` (plus `issues` for record problems).
struct StationError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    /// Extra top-level members of the JSON body (e.g. `issues`, `verdict`).
    var extra: [String: JSONValueBox] = [:]

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// The body sent to the client.
    var body: [String: Any] {
        var object: [String: Any] = ["error": ["code": code, "message": message]]
        for (k, v) in extra { object[k] = v.value }
        return object
    }

    static func badRequest(_ code: String, _ message: String) -> StationError { StationError(.badRequest, code, message) }

    /// A library or tool error with the CLI's code: 422 for problems with the card or record, 400 for usage
    /// problems (unreadable image, bad key input), 500 for anything else.
    static func from(_ error: any Error) -> StationError {
        if let e = error as? StationError { return e }
        if let e = error as? PrintError {
            return StationError(e.kind == .qrTooLarge || e.kind == .invalidParameter ? .badRequest : .unprocessableContent, e.code, e.message)
        }
        guard let (lines, usage) = ErrorLines.lines(for: error) else {
            return StationError(.internalServerError, "internal", "internal error")
        }
        var e = StationError(usage ? .badRequest : .unprocessableContent, lines.first?.code ?? "internal",
                             lines.map(\.message).joined(separator: "\n"))
        if let r = error as? RecordValidationError {
            e.extra["issues"] = JSONValueBox(r.issues.map { ["path": $0.path, "code": $0.code, "message": $0.message] })
        }
        return e
    }
}

/// A JSON value built with JSONSerialization types, marked Sendable (it is immutable once built).
struct JSONValueBox: @unchecked Sendable {
    let value: Any
    init(_ value: Any) { self.value = value }
}
