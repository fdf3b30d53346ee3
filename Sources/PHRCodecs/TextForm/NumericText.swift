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
        var digits = bytes
        for i in digits.indices {
            let b = digits[i] &- 0x30
            guard b <= 9 else {
                // Slow path, only on error: report the character (not byte) index and the character.
                let prefix = String(decoding: bytes[..<i], as: UTF8.self)
                let rest = String(decoding: bytes[i...], as: UTF8.self)
                let index = prefix.count
                let character = rest.first.map { String($0) } ?? ""
                throw NumericTextError(.nonDigit, offset: index,
                                       "character \(String(reflecting: character)) at index \(index) is not a digit 0-9")
            }
            digits[i] = b
        }
        let fullGroups = digits.count / 17
        guard let lastBytes = digitsPerGroup.firstIndex(of: digits.count % 17) else {
            throw NumericTextError(.badLength, offset: digits.count,
                                   "\(digits.count) digits is not a valid length: it must be 17 per 7 bytes plus "
                                   + "0, 3, 5, 8, 10, 13 or 15 for a final group of 0-6 bytes")
        }
        var out: [UInt8] = []
        out.reserveCapacity(fullGroups * 7 + lastBytes)
        var start = 0
        var group = 0
        while start < digits.count {
            let k = start + 17 <= digits.count ? 7 : lastBytes
            let width = digitsPerGroup[k]
            var value: UInt64 = 0
            for i in start..<(start + width) { value = value * 10 + UInt64(digits[i]) }
            let maxValue: UInt64 = k == 8 ? .max : (1 << UInt64(8 * k)) - 1
            guard value <= maxValue else {
                throw NumericTextError(.groupOverflow, offset: start,
                                       "group \(group) (digits \(start)..<\(start + width)) has value \(value), "
                                       + "more than \(maxValue), the largest \(k)-byte value")
            }
            var shift = 8 * (k - 1)
            while shift >= 0 {
                out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
                shift -= 8
            }
            start += width
            group += 1
        }
        return out
    }
}
