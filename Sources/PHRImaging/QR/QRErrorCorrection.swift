/// QR error-correction level (ISO/IEC 18004): roughly 7 %, 15 %, 25 % and 30 % of codewords recoverable.
public enum QRErrorCorrection: String, CaseIterable, Sendable {
    case L, M, Q, H

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
