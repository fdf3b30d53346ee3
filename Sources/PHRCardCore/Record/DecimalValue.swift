/// An exact decimal number, `significand × 10^exponent`, for measurements such as `61.2` kg or `165` cm.
///
/// Values are normalised (trailing zeros move into the exponent, zero is `0 × 10^0`), so `54.0`, `54` and
/// `5.4e1` are the same value and print as `54`. Parsing keeps the JSON literal's digits exactly; nothing goes
/// through binary floating point.
public struct DecimalValue: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The most significant digits a parsed value may have.
    public static let maxSignificantDigits = 18

    /// The significand, without trailing zeros (unless the value is zero).
    public let significand: Int64
    /// The power of ten: value = significand × 10^exponent.
    public let exponent: Int

    /// Creates a value, normalising trailing zeros into the exponent.
    /// - Parameters:
    ///   - significand: the digits.
    ///   - exponent: the power of ten.
    public init(significand: Int64, exponent: Int) {
        var significand = significand
        var exponent = exponent
        if significand == 0 {
            exponent = 0
        } else {
            while significand % 10 == 0 {
                significand /= 10
                exponent += 1
            }
        }
        self.significand = significand
        self.exponent = exponent
    }

    /// Creates a whole number.
    /// - Parameter value: the integer.
    public init(integerLiteral value: Int64) {
        self.init(significand: value, exponent: 0)
    }

    /// Parses a JSON number literal (`-?int(.frac)?([eE][+-]?exp)?`) exactly.
    ///
    /// Returns nil when the text is not a JSON number or has more than ``maxSignificantDigits`` significant
    /// digits (or an exponent beyond ±999,999,999).
    /// - Parameter text: the literal, e.g. `61.2`, `165`, `5.4e1`.
    public init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        let integer = bytes.prefix(while: isDigit)
        guard !integer.isEmpty, integer.count == 1 || integer.first != UInt8(ascii: "0") else { return nil }
        bytes = bytes.dropFirst(integer.count)
        var fraction = ArraySlice<UInt8>()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = bytes.prefix(while: isDigit)
            guard !fraction.isEmpty else { return nil }
            bytes = bytes.dropFirst(fraction.count)
        }
        var literalExponent = 0
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
                exponentNegative = bytes.first == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            let digits = bytes.prefix(while: isDigit)
            guard !digits.isEmpty else { return nil }
            bytes = bytes.dropFirst(digits.count)
            let significantExponent = digits.drop(while: { $0 == UInt8(ascii: "0") })
            guard significantExponent.count <= 9 else { return nil }
            for digit in significantExponent { literalExponent = literalExponent * 10 + Int(digit - UInt8(ascii: "0")) }
            if exponentNegative { literalExponent = -literalExponent }
        }
        guard bytes.isEmpty else { return nil }
        // All digits, without leading zeros; trailing zeros go into the exponent.
        var digits = Array(integer) + Array(fraction)
        var exponent = literalExponent - fraction.count
        if let firstNonZero = digits.firstIndex(where: { $0 != UInt8(ascii: "0") }) {
            digits.removeFirst(firstNonZero)
        } else {
            self.init(significand: 0, exponent: 0)
            return
        }
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        guard digits.count <= DecimalValue.maxSignificantDigits else { return nil }
        var significand: Int64 = 0
        for digit in digits { significand = significand * 10 + Int64(digit - UInt8(ascii: "0")) }
        self.init(significand: negative ? -significand : significand, exponent: exponent)
    }

    /// The shortest exact JSON number text: `165`, `61.2`, `0.05`, `-3.5`; scientific notation (`1e-30`) only for
    /// exponents beyond ±20.
    public var description: String {
        let digits = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        if exponent >= 0 {
            if significand == 0 { return "0" }
            return exponent <= 20 ? sign + digits + String(repeating: "0", count: exponent) : "\(sign)\(digits)e\(exponent)"
        }
        guard exponent >= -20 else { return "\(sign)\(digits)e\(exponent)" }
        let fractionDigits = -exponent
        let padded = String(repeating: "0", count: max(0, fractionDigits + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -fractionDigits)
        return sign + padded[..<split] + "." + padded[split...]
    }

    /// The nearest `Double` (for display and arithmetic; not exact).
    public var doubleValue: Double {
        guard let value = Double(description) else { return Double(significand) }
        return value
    }

    /// Exact numeric order.
    public static func < (lhs: DecimalValue, rhs: DecimalValue) -> Bool {
        if lhs.significand.signum() != rhs.significand.signum() {
            return lhs.significand.signum() < rhs.significand.signum()
        }
        if lhs.significand == 0 { return false }
        let magnitudeLess = magnitudeIsLess(lhs, rhs)
        let magnitudeGreater = magnitudeIsLess(rhs, lhs)
        return lhs.significand > 0 ? magnitudeLess : magnitudeGreater
    }

    /// Compares |lhs| < |rhs| exactly for non-zero values.
    private static func magnitudeIsLess(_ lhs: DecimalValue, _ rhs: DecimalValue) -> Bool {
        let lhsDigits = Array(String(lhs.significand.magnitude).utf8)
        let rhsDigits = Array(String(rhs.significand.magnitude).utf8)
        // The power of ten of the leading digit.
        let lhsLead = lhsDigits.count - 1 + lhs.exponent
        let rhsLead = rhsDigits.count - 1 + rhs.exponent
        if lhsLead != rhsLead { return lhsLead < rhsLead }
        let width = max(lhsDigits.count, rhsDigits.count)
        let lhsPadded = lhsDigits + Array(repeating: UInt8(ascii: "0"), count: width - lhsDigits.count)
        let rhsPadded = rhsDigits + Array(repeating: UInt8(ascii: "0"), count: width - rhsDigits.count)
        return lhsPadded.lexicographicallyPrecedes(rhsPadded)
    }
}
