internal import CLibCrypto

/// Reads and empties OpenSSL's thread-local error queue so one failure never leaks into a later call.
enum LibcryptoErrorQueue {
    /// Removes every queued error and returns them joined as text ("" when the queue was empty).
    static func drain() -> String {
        var parts: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let end = buffer.firstIndex(of: 0) ?? buffer.count
            parts.append(String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return parts.joined(separator: "; ")
    }

    /// Discards queued errors (used where a failure is an expected outcome, e.g. a bad signature).
    static func clear() { ERR_clear_error() }
}

extension CryptoError {
    /// An error of the given kind whose message ends with the drained OpenSSL error queue, if any.
    static func fromLibcrypto(_ what: String, kind: Kind = .libcrypto) -> CryptoError {
        let detail = LibcryptoErrorQueue.drain()
        return CryptoError(kind, detail.isEmpty ? what : "\(what) (libcrypto: \(detail))")
    }
}
