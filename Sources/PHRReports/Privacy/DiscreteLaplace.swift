import Foundation

/// The discrete Laplace (two-sided geometric) distribution on the integers: P(x) ∝ exp(−|x|·s/t), sampled exactly
/// with integer arithmetic (Canonne, Kamath, Steinke, "The Discrete Gaussian for Differential Privacy", NeurIPS
/// 2020, Algorithms 1 and 2) — no floating point, so no floating-point leaks (Mironov 2012).
///
/// Adding it with s/t = ε/Δ to counts whose L1 sensitivity is Δ gives ε-differential privacy (Ghosh, Roughgarden,
/// Sundararajan 2009). With α = exp(−s/t): mean 0, variance 2α/(1−α)².
public struct DiscreteLaplace: Sendable, Equatable {
    /// The scale t/s as a fraction: P(x) ∝ exp(−|x|·s/t).
    public let s: UInt64
    /// See ``s``.
    public let t: UInt64

    /// The distribution with P(x) ∝ exp(−|x|·s/t); s and t are reduced by their gcd.
    public init(s: UInt64, t: UInt64) {
        precondition(s > 0 && t > 0)
        var a = s, b = t
        while b != 0 { (a, b) = (b, a % b) }
        self.s = s / a
        self.t = t / a
    }

    /// α = exp(−s/t).
    public var alpha: Double { exp(-Double(s) / Double(t)) }

    /// The variance 2α/(1−α)².
    public var variance: Double { 2 * alpha / ((1 - alpha) * (1 - alpha)) }

    /// P(X ≥ m) for m ≥ 1: α^m / (1 + α).
    public func tail(_ m: Int) -> Double { pow(alpha, Double(m)) / (1 + alpha) }

    /// Draws one value.
    public func sample(_ random: NoiseSource) -> Int {
        while true {
            let u = random.uniform(below: t)
            guard Self.bernoulliExp(u, t, random) else { continue }
            var v: UInt64 = 0
            while Self.bernoulliExp(1, 1, random) { v += 1 }
            let x = u + t * v
            let y = x / s
            let negative = random.bernoulli(1, 2)
            if negative && y == 0 { continue }
            return negative ? -Int(y) : Int(y)
        }
    }

    /// True with probability exp(−n/d), exactly (CKS 2020, Algorithm 1).
    static func bernoulliExp(_ n: UInt64, _ d: UInt64, _ random: NoiseSource) -> Bool {
        if n <= d {
            var k: UInt64 = 1
            while true {
                let (denominator, overflow) = d.multipliedReportingOverflow(by: k)
                if overflow { break }   // probability of reaching here is below 1/k!, k > 2^32 / d: never
                if !random.bernoulli(n, denominator) { break }
                k += 1
            }
            return k % 2 == 1
        }
        for _ in 0..<(n / d) where !bernoulliExp(1, 1, random) { return false }
        return bernoulliExp(n % d, d, random)
    }
}
