/// QR error-correction level (ISO/IEC 18004): roughly 7 %, 15 %, 25 % and 30 % of codewords recoverable.
public enum QRErrorCorrection: String, CaseIterable, Sendable {
    /// Low: about 7 % recoverable.
    case L
    /// Medium: about 15 % recoverable.
    case M
    /// Quartile: about 25 % recoverable.
    case Q
    /// High: about 30 % recoverable.
    case H

    /// Index into the capacity tables (L, M, Q, H order).
    var tableIndex: Int {
        switch self {
        case .L: 0
        case .M: 1
        case .Q: 2
        case .H: 3
        }
    }
}
