/// Base45 (RFC 9285): two bytes as three characters of a 45-character alphabet that QR alphanumeric mode holds.
public enum Base45 {
    /// The RFC 9285 alphabet, value order.
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    /// Character value by ASCII code, or 0xFF for characters outside the alphabet.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, ascii) in alphabet.enumerated() { table[Int(ascii)] = UInt8(value) }
        return table
    }()

    /// Encodes bytes as Base45.
    /// - Parameter bytes: any bytes.
    /// - Returns: three characters per two bytes, two for a final single byte.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count / 2) * 3 + 2)
        var index = 0
        while index + 1 < bytes.count {
            var n = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            out.append(alphabet[n % 45]); n /= 45
            out.append(alphabet[n % 45]); n /= 45
            out.append(alphabet[n])
            index += 2
        }
        if index < bytes.count {
            let n = Int(bytes[index])
            out.append(alphabet[n % 45])
            out.append(alphabet[n / 45])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes Base45 text.
    /// - Parameter text: Base45 characters only (uppercase; space is part of the alphabet).
    /// - Returns: the bytes.
    /// - Throws: `Base45Error`: `base45.invalid-character` (which character, at which index), `base45.bad-length`
    ///   (length mod 3 == 1), `base45.overflow` (a triplet above 65535 or a final pair above 255).
    public static func decode(_ text: String) throws(Base45Error) -> [UInt8] {
        var digits: [UInt8] = []
        digits.reserveCapacity(text.utf8.count)
        for (index, character) in text.enumerated() {
            guard let ascii = character.asciiValue, values[Int(ascii)] != 0xFF else {
                throw Base45Error(.invalidCharacter, offset: index,
                                  "character \(String(reflecting: String(character))) at index \(index) "
                                  + "is not in the Base45 alphabet")
            }
            digits.append(values[Int(ascii)])
        }
        guard digits.count % 3 != 1 else {
            throw Base45Error(.badLength, offset: digits.count,
                              "\(digits.count) characters leave a single character after the last full triplet")
        }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 3 * 2 + 1)
        var index = 0
        while index < digits.count {
            if index + 3 <= digits.count {
                let n = Int(digits[index]) + Int(digits[index + 1]) * 45 + Int(digits[index + 2]) * 2025
                guard n <= 0xFFFF else {
                    throw Base45Error(.overflow, offset: index,
                                      "triplet at index \(index) has value \(n), more than 65535")
                }
                out.append(UInt8(n >> 8))
                out.append(UInt8(n & 0xFF))
                index += 3
            } else {
                let n = Int(digits[index]) + Int(digits[index + 1]) * 45
                guard n <= 0xFF else {
                    throw Base45Error(.overflow, offset: index,
                                      "final pair at index \(index) has value \(n), more than 255")
                }
                out.append(UInt8(n))
                index += 2
            }
        }
        return out
    }
}
