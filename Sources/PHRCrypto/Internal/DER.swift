internal import CLibCrypto

/// Two-call `i2d_*` and bounded `d2i_*` helpers (no `OPENSSL_free` needed).
enum DER {
    /// Calls an `i2d_*` function once for the length and once into a Swift buffer; nil on failure.
    static func encode(_ i2d: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32) -> [UInt8]? {
        let length = i2d(nil)
        guard length > 0 else { return nil }
        var output = [UInt8](repeating: 0, count: Int(length))
        let written = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d(&cursor)
        }
        return written == length ? output : nil
    }

    /// Calls a `d2i_*` function; returns the object and whether the whole input was consumed.
    static func decode(
        _ der: [UInt8], _ d2i: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> OpaquePointer?
    ) -> (object: OpaquePointer, consumedAll: Bool)? {
        der.withUnsafeBufferPointer { buffer -> (OpaquePointer, Bool)? in
            guard let base = buffer.baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            guard let object = d2i(&cursor, buffer.count) else { return nil }
            let consumed = cursor.map { $0 - base } ?? 0
            return (object, consumed == buffer.count)
        }
    }
}
