/// Bytes as decimal digits, for the QR code's compact numeric mode.
///
/// Bytes are taken in groups of 7; each group is a big-endian unsigned integer written in exactly 17 decimal
/// digits (2^56 - 1 has 17 digits). A final group of k < 7 bytes uses exactly the digits the largest k-byte value
/// needs: 3, 5, 8, 10, 13 or 15 digits for k = 1...6. Every byte count therefore has exactly one digit count.
public enum NumericText {
    /// Digits for a group of k bytes, k = 0...7.
    static let digitsPerGroup: [Int] = [0, 3, 5, 8, 10, 13, 15, 17]

    /// Powers of ten up to 10^17.
    static let powersOfTen: [UInt64] = (0...17).map { (0..<$0).reduce(1) { r, _ in r * 10 } }

    /// The number of digits `encode` produces for `byteCount` bytes.
    /// - Parameter byteCount: a non-negative byte count.
    /// - Returns: `17 * (byteCount / 7)` plus the digits of the final partial group.
    public static func digitCount(forByteCount byteCount: Int) -> Int {
        (byteCount / 7) * 17 + digitsPerGroup[byteCount % 7]
    }

    /// Encodes bytes as decimal digits.
    /// - Parameter bytes: any bytes (may be empty).
    /// - Returns: a string of `digitCount(forByteCount: bytes.count)` ASCII digits.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(digitCount(forByteCount: bytes.count))
        var index = 0
        while index < bytes.count {
            let k = min(7, bytes.count - index)
            var value: UInt64 = 0
            for i in index..<(index + k) { value = value << 8 | UInt64(bytes[i]) }
            let width = digitsPerGroup[k]
            var digits = [UInt8](repeating: 0x30, count: width)
            var position = width - 1
            while value > 0 {
                digits[position] = 0x30 + UInt8(value % 10)
                value /= 10
                position -= 1
            }
            out.append(contentsOf: digits)
            index += k
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes decimal digits produced by `encode`.
    /// - Parameter text: the digits (a `String` or `Substring`); nothing else is allowed, not even spaces.
    /// - Returns: the bytes.
    /// - Throws: `NumericTextError`: `text.non-digit` (which character, at which index), `text.bad-length`
    ///   (a digit count no byte count produces), `text.group-overflow` (which group exceeds its byte count).
    public static func decode(_ text: some StringProtocol) throws(NumericTextError) -> [UInt8] {
        try decode(utf8: Array(text.utf8))
    }

    /// Decodes the UTF-8 bytes of a digit string (the non-generic fast path of ``decode(_:)``).
    public static func decode(utf8 bytes: [UInt8]) throws(NumericTextError) -> [UInt8] {
        try decode(utf8: bytes[...])
    }

    /// Decodes the digits in `bytes` (ASCII/UTF-8) without copying them first: one pass that checks each digit as
    /// it accumulates its group (about 3 instructions per digit). Errors are the same, and reported in the same order
    /// of precedence, as a check of every digit followed by the length and group checks.
    /// - Throws: ``NumericTextError`` with `.nonDigit`, `.badLength` or `.groupOverflow`.
    public static func decode(utf8 bytes: ArraySlice<UInt8>) throws(NumericTextError) -> [UInt8] {
        try bytes.withUnsafeBufferPointer { buffer throws(NumericTextError) in try decode(utf8: buffer) }
    }

    /// Decodes digits read in place (for example from a `String`'s own UTF-8 storage), as ``decode(utf8:)-([UInt8])``.
    public static func decode(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(NumericTextError) -> [UInt8] {
        let n = bytes.count
        let fullGroups = n / 17
        guard let lastBytes = digitsPerGroup.firstIndex(of: n % 17) else {
            if let error = firstNonDigit(bytes) { throw error }
            throw NumericTextError(.badLength, offset: n,
                                   "\(n) digits is not a valid length: it must be 17 per 7 bytes plus "
                                   + "0, 3, 5, 8, 10, 13 or 15 for a final group of 0-6 bytes")
        }
        let total = fullGroups * 7 + lastBytes
        var failure: NumericTextError?
        let digits = bytes
        let out = [UInt8](unsafeUninitializedCapacity: total) { output, count in
                var start = 0, o = 0, group = 0
                while start < n {
                    let k = start + 17 <= n ? 7 : lastBytes
                    let width = k == 7 ? 17 : digitsPerGroup[k]
                    var value: UInt64 = 0
                    var worst: UInt8 = 0   // the largest digit value seen; above 9 means a non-digit
                    for i in start..<(start + width) {
                        let d = digits[i] &- 0x30
                        worst = max(worst, d)
                        value = value &* 10 &+ UInt64(d)
                    }
                    let bad = worst > 9
                    let maxValue: UInt64 = (1 << UInt64(8 * k)) - 1
                    if bad || value > maxValue {
                        // A non-digit anywhere takes precedence over an overflowing group.
                        failure = firstNonDigit(bytes) ?? NumericTextError(.groupOverflow, offset: start,
                            "group \(group) (digits \(start)..<\(start + width)) has value \(value), "
                            + "more than \(maxValue), the largest \(k)-byte value")
                        count = 0
                        return
                    }
                    var shift = 8 * (k - 1)
                    while shift >= 0 {
                        output[o] = UInt8(truncatingIfNeeded: value >> UInt64(shift))
                        o += 1
                        shift -= 8
                    }
                    start += width
                    group += 1
                }
                count = o
        }
        if let failure { throw failure }
        return out
    }

    /// The error for the first character that is not a digit, or nil (slow path, only on error): reports the
    /// character (not byte) index and the character.
    private static func firstNonDigit(_ bytes: UnsafeBufferPointer<UInt8>) -> NumericTextError? {
        guard let i = bytes.firstIndex(where: { $0 &- 0x30 > 9 }) else { return nil }
        let prefix = String(decoding: bytes[..<i], as: UTF8.self)
        let rest = String(decoding: bytes[i...], as: UTF8.self)
        let index = prefix.count
        let character = rest.first.map { String($0) } ?? ""
        return NumericTextError(.nonDigit, offset: index,
                                "character \(String(reflecting: character)) at index \(index) is not a digit 0-9")
    }
}
