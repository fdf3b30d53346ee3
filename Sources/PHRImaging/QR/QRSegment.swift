/// One QR data segment with an explicit encoding mode.
public enum QRSegment: Sendable, Hashable {
    /// Digits `0`–`9` only (10 bits per 3 digits).
    case numeric(String)
    /// QR alphanumeric characters `0-9 A-Z space $ % * + - . / :` (11 bits per 2 characters).
    case alphanumeric(String)
    /// Arbitrary bytes (8 bits each).
    case byte([UInt8])

    /// The QR alphanumeric character set.
    static let alphanumericCharacters: Set<UInt8> = Set(Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8))

    /// The segment's payload bytes as passed to libqrencode.
    var payload: [UInt8] {
        switch self {
        case .numeric(let s): Array(s.utf8)
        case .alphanumeric(let s): Array(s.utf8)
        case .byte(let b): b
        }
    }

    /// Number of characters (digits, alphanumeric characters or bytes).
    var characterCount: Int { payload.count }

    /// Checks the characters against the mode's alphabet.
    /// - Returns: a description of the first invalid character, or nil if valid.
    func firstInvalidCharacter() -> String? {
        switch self {
        case .numeric(let s):
            for (i, c) in s.utf8.enumerated() where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) {
                return "byte 0x\(String(c, radix: 16)) at offset \(i) of a numeric segment is not a digit"
            }
        case .alphanumeric(let s):
            for (i, c) in s.utf8.enumerated() where !Self.alphanumericCharacters.contains(c) {
                return "byte 0x\(String(c, radix: 16)) at offset \(i) of an alphanumeric segment is not a QR "
                    + "alphanumeric character (0-9 A-Z space $%*+-./:)"
            }
        case .byte:
            break
        }
        return nil
    }

    /// Character-count indicator length in bits for a version (ISO/IEC 18004 Table 3).
    func characterCountBits(version: Int) -> Int {
        let range = version <= 9 ? 0 : (version <= 26 ? 1 : 2)
        switch self {
        case .numeric: return [10, 12, 14][range]
        case .alphanumeric: return [9, 11, 13][range]
        case .byte: return [8, 16, 16][range]
        }
    }

    /// Total bits of this segment at a version: 4-bit mode indicator, count indicator and data bits.
    func bitLength(version: Int) -> Int {
        let n = characterCount
        let data: Int
        switch self {
        case .numeric: data = 10 * (n / 3) + [0, 4, 7][n % 3]
        case .alphanumeric: data = 11 * (n / 2) + 6 * (n % 2)
        case .byte: data = 8 * n
        }
        return 4 + characterCountBits(version: version) + data
    }

    /// Whether the character count fits the count indicator at this version.
    func countFits(version: Int) -> Bool {
        characterCount < (1 << characterCountBits(version: version))
    }
}
