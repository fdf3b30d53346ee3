import PHRCLITestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real `phrcard serve` process on loopback, with everything it prints kept for inspection.
final class StationProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let lock = NSLock()
    private var captured = Data()
    /// The lines printed at start (before the first request).
    let startOutput: String

    /// Starts `phrcard serve --port 0 <arguments>` with `home` as PHRCARD_HOME and waits for its address.
    init(home: String, arguments: [String] = []) throws {
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["PHRCARD_HOME"] = home
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let handle = pipe.fileHandleForReading
        var start = Data()
        var port: Int?
        let deadline = Date().addingTimeInterval(30)
        while port == nil && Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            start.append(chunk)
            let text = String(decoding: start, as: UTF8.self)
            if let r = text.range(of: #"listening: http://[^:]+:(\d+)/"#, options: .regularExpression) {
                port = Int(text[r].split(separator: ":").last!.dropLast())
            }
        }
        guard let port else {
            process.terminate()
            throw StationTestError("the station did not start: \(String(decoding: start, as: UTF8.self))")
        }
        self.port = port
        // Give the rest of the start lines a moment, then keep reading in the background.
        Thread.sleep(forTimeInterval: 0.1)
        startOutput = String(decoding: start, as: UTF8.self)
        captured = start
        handle.readabilityHandler = { [weak self] h in
            let d = h.availableData
            guard let self, !d.isEmpty else { return }
            self.lock.lock(); self.captured.append(d); self.lock.unlock()
        }
    }

    /// Everything the process printed so far (start lines and access log).
    var output: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: captured, as: UTF8.self)
    }

    func stop() {
        if process.isRunning { process.interrupt() }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { process.terminate() } }
}

struct StationTestError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A minimal HTTP/1.1 client over a loopback TCP socket: exact requests, no redirects, no cookies, no cache.
struct HTTPResult {
    let status: Int
    let headers: [String: String]   // lower-cased names; repeated headers joined with "\n"
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
}

enum HTTP {
    static func request(_ port: Int, _ method: String, _ path: String, headers: [String: String] = [:],
                        body: [UInt8] = []) throws -> HTTPResult {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StationTestError("socket failed") }
        defer { close(fd) }
        // Bounded waits: a server that refuses a large body stops reading it; the client then stops sending.
        var sendTimeout = timeval(tv_sec: 2, tv_usec: 0), receiveTimeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &receiveTimeout, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else { throw StationTestError("connect to 127.0.0.1:\(port) failed") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        var all = headers
        if (method == "POST" || !body.isEmpty) && all["Transfer-Encoding"] == nil {
            all["Content-Length"] = all["Content-Length"] ?? String(body.count)
        }
        for (k, v) in all { head += "\(k): \(v)\r\n" }
        head += "\r\n"
        let out = Array(head.utf8) + body
        var sent = 0
        while sent < out.count {
            let n = out[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }   // the server may close early (e.g. a body too large); read its answer anyway
            sent += n
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        return try parse(response)
    }

    static func parse(_ bytes: [UInt8]) throws -> HTTPResult {
        guard let split = (0..<max(0, bytes.count - 3)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 }) else {
            throw StationTestError("no HTTP response (\(bytes.count) bytes)")
        }
        let lines = String(decoding: bytes[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1])!
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased(), value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + "\n" + value } ?? value
        }
        var body = Array(bytes[(split + 4)...])
        if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
        return HTTPResult(status: status, headers: headers, body: body)
    }

    static func dechunk(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [], i = 0
        while i < b.count {
            guard let end = (i..<b.count - 1).first(where: { b[$0] == 13 && b[$0 + 1] == 10 }),
                  let size = Int(String(decoding: b[i..<end], as: UTF8.self), radix: 16), size > 0 else { break }
            out += b[(end + 2)..<min(b.count, end + 2 + size)]
            i = end + 2 + size + 2
        }
        return out
    }

    static func postJSON(_ port: Int, _ path: String, _ object: Any, headers: [String: String] = [:]) throws -> HTTPResult {
        let data = try JSONSerialization.data(withJSONObject: object)
        var h = headers
        h["Content-Type"] = "application/json"
        return try request(port, "POST", path, headers: h, body: Array(data))
    }
}
