import Foundation
import Hummingbird

/// Reading request bodies within the station's size limits, and writing JSON responses.
enum HTTPBody {
    /// The largest JSON request (a record, an IPS Bundle, a card text): 512 KiB.
    static let maxJSONBytes = 512 << 10
    /// The largest image upload (a camera frame or a phone photo): 12 MiB.
    static let maxImageBytes = 12 << 20

    /// The body's bytes, refused with `request.too-large` (413) past `limit`.
    static func bytes(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        let body = request.body
        let buffer: ByteBuffer
        do { buffer = try await body.collect(upTo: limit) } catch { throw tooLarge(limit) }
        return Array(buffer.readableBytesView)
    }

    private static func tooLarge(_ limit: Int) -> StationError {
        StationError(.contentTooLarge, "request.too-large", "the request body is larger than \(limit) bytes")
    }

    /// The body as a JSON object: `request.bad-json` (400) when it is not one.
    static func jsonObject(_ request: Request) async throws -> [String: Any] {
        let data = try await bytes(request, limit: maxJSONBytes)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(data))) as? [String: Any] else {
            throw StationError.badRequest("request.bad-json", "the request body must be a JSON object (Content-Type: application/json)")
        }
        return object
    }

    /// A required string member: `request.missing-field` (400) when absent or not a string.
    static func string(_ object: [String: Any], _ key: String) throws -> String {
        guard let value = object[key] as? String else {
            throw StationError.badRequest("request.missing-field", "the JSON body needs a string member \"\(key)\"")
        }
        return value
    }

    /// A JSON response.
    static func json(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The JSON response for an error.
    static func error(_ error: StationError) -> Response { json(error.body, status: error.status) }
}
