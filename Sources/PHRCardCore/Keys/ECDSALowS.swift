/// ECDSA P-256 signatures in low-S form (spec/format.md §3): of the two valid signatures (r, s) and (r, n − s), cards
/// carry only the one with s ≤ n/2, so that a card has exactly one encoding.
enum ECDSALowS {
    /// The order n of the P-256 group, big-endian.
    static let order: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
    ]
    /// ⌊n/2⌋, big-endian: the largest low s.
    static let halfOrder: [UInt8] = [
        0x7F, 0xFF, 0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xDE, 0x73, 0x7D, 0x56, 0xD3, 0x8B, 0xCF, 0x42, 0x79, 0xDC, 0xE5, 0x61, 0x7E, 0x31, 0x92, 0xA8,
    ]

    /// Whether the raw r‖s signature has s > n/2.
    static func isHighS(_ signature: [UInt8]) -> Bool {
        guard signature.count == 64 else { return false }
        let s = signature[32...]
        return halfOrder.lexicographicallyPrecedes(s)
    }

    /// The low-S twin of a raw r‖s signature: (r, n − s) when s > n/2, otherwise the signature unchanged.
    static func normalize(_ signature: [UInt8]) -> [UInt8] {
        guard isHighS(signature) else { return signature }
        var out = Array(signature[..<32])
        var s = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for i in stride(from: 31, through: 0, by: -1) {
            var d = Int(order[i]) - Int(signature[32 + i]) - borrow
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 256 }
            s[i] = UInt8(d)
        }
        out += s
        return out
    }
}
