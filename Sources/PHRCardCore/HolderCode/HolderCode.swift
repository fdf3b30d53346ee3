import PHRCrypto

/// The holder code: 20 decimal digits, written in five groups of four (`1234-5678-9012-3456-7890`), that the
/// holder keeps apart from the card and shows to a clinician to open every tier.
///
/// The first 19 digits are uniformly random (63.1 bits); the 20th is a Verhoeff check digit, which catches every
/// single-digit error and every swap of two adjacent digits, so that a mistyped code is reported as such
/// (``PHRCardError/Code/holderCodeMistyped``) instead of as a wrong code, and without running the slow KDF.
/// Digits are used because they read the same in every script and keyboard.
public struct HolderCode: Sendable, Hashable, CustomStringConvertible {
    /// The 20 digits as ASCII bytes (`0`…`9`), the input to the key derivation.
    public let digits: [UInt8]

    /// The number of digits in a holder code.
    public static let length = 20

    /// Draws a new holder code from `random`.
    public init(random: any RandomSource = SystemRandom()) {
        var out: [UInt8] = []
        out.reserveCapacity(Self.length)
        while out.count < Self.length - 1 {
            for byte in random.bytes(Self.length) where byte < 250 && out.count < Self.length - 1 {
                out.append(UInt8(ascii: "0") + byte % 10)   // rejection sampling keeps digits uniform
            }
        }
        out.append(UInt8(ascii: "0") + Verhoeff.checkDigit(for: out.map { $0 - UInt8(ascii: "0") }))
        digits = out
    }

    /// Parses a code as typed by a person: digits with optional spaces or hyphens between them.
    ///
    /// - Throws: ``PHRCardError/Code/holderCodeFormat`` if it is not 20 digits,
    ///   ``PHRCardError/Code/holderCodeMistyped`` if the check digit does not match.
    public init(parsing text: String) throws(PHRCardError) {
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": out.append(UInt8(scalar.value))
            case " ", "-": continue
            default:
                throw PHRCardError(.holderCodeFormat,
                                   "holder code: unexpected character \"\(scalar)\"; use the 20 digits printed on the stub")
            }
            if out.count > Self.length { break }
        }
        guard out.count == Self.length else {
            throw PHRCardError(.holderCodeFormat,
                               "holder code: expected \(Self.length) digits, got \(out.count > Self.length ? "more" : String(out.count))")
        }
        guard Verhoeff.isValid(out.map { $0 - UInt8(ascii: "0") }) else {
            throw PHRCardError(.holderCodeMistyped,
                               "holder code: the check digit does not match; a digit was mistyped or two digits swapped")
        }
        digits = out
    }

    /// The code in five groups of four digits separated by hyphens.
    public var description: String {
        stride(from: 0, to: Self.length, by: 4).map { String(decoding: digits[$0..<$0 + 4], as: UTF8.self) }
            .joined(separator: "-")
    }
}

/// The Verhoeff check-digit scheme (dihedral group D5), which detects all single-digit errors and all adjacent
/// transpositions.
enum Verhoeff {
    private static let d: [[UInt8]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ]
    private static let p: [[UInt8]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ]
    private static let inv: [UInt8] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]

    /// The check digit to append to `digits` (values 0...9).
    static func checkDigit(for digits: [UInt8]) -> UInt8 {
        var c: UInt8 = 0
        for (i, digit) in digits.reversed().enumerated() {
            c = d[Int(c)][Int(p[(i + 1) % 8][Int(digit)])]
        }
        return inv[Int(c)]
    }

    /// Whether `digits` (values 0...9, check digit last) carry a valid Verhoeff check digit.
    static func isValid(_ digits: [UInt8]) -> Bool {
        var c: UInt8 = 0
        for (i, digit) in digits.reversed().enumerated() {
            c = d[Int(c)][Int(p[i % 8][Int(digit)])]
        }
        return c == 0
    }
}
