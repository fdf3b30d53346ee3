internal import CLibCrypto

/// Constant-time comparisons for secrets such as MAC tags.
public enum ConstantTime {
    /// Whether `a` and `b` are equal, in time independent of their contents (`CRYPTO_memcmp`).
    /// Arrays of different lengths are unequal; that decision depends only on the (public) lengths.
    /// - Parameters:
    ///   - a: First byte string.
    ///   - b: Second byte string.
    /// - Returns: `true` when both have the same length and bytes.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return CRYPTO_memcmp(a, b, a.count) == 0
    }
}
