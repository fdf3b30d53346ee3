import PHRCrypto

/// Where the report's noise comes from: uniform random integers drawn from a byte source.
///
/// Production reports use OpenSSL's CSPRNG (`RAND_bytes` through PHRCrypto's `SystemRandom`). A seeded source
/// (``seeded(_:)``, `phrcard report --seed`) exists **only for tests and reproducible examples**: anyone who
/// knows the seed can subtract the noise, so a seeded report offers no privacy at all.
public final class NoiseSource {
    private let source: any RandomSource
    private var buffer: [UInt8] = []
    private var offset = 0
    /// Whether the noise is reproducible from a seed (test only).
    public let isSeeded: Bool

    /// Noise from OpenSSL's CSPRNG.
    public static func system() -> NoiseSource { NoiseSource(SystemRandom(), seeded: false) }

    /// Deterministic noise from a seed: SHA-256(`"phrcard-report-noise"` ‖ seed ‖ counter), counter-mode. Test only.
    public static func seeded(_ seed: UInt64) -> NoiseSource { NoiseSource(SeededRandom(seed: seed), seeded: true) }

    init(_ source: any RandomSource, seeded: Bool) {
        self.source = source
        self.isSeeded = seeded
    }

    /// A uniformly distributed 64-bit word.
    func word() -> UInt64 {
        if offset + 8 > buffer.count {
            buffer = source.bytes(256)
            offset = 0
        }
        var value: UInt64 = 0
        for i in 0..<8 { value = value << 8 | UInt64(buffer[offset + i]) }
        offset += 8
        return value
    }

    /// A uniform integer in 0..<bound (rejection sampling, no modulo bias).
    func uniform(below bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        let limit = UInt64.max - (UInt64.max % bound + 1) % bound   // largest multiple of bound, minus 1
        while true {
            let w = word()
            if w <= limit { return w % bound }
        }
    }

    /// True with probability numerator/denominator, exactly.
    func bernoulli(_ numerator: UInt64, _ denominator: UInt64) -> Bool {
        uniform(below: denominator) < numerator
    }
}

/// The counter-mode SHA-256 byte stream behind ``NoiseSource/seeded(_:)``.
struct SeededRandom: RandomSource {
    let seed: UInt64
    private let state = Counter()

    init(seed: UInt64) { self.seed = seed }

    final class Counter: @unchecked Sendable { var value: UInt64 = 0 }

    func bytes(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + 32)
        while out.count < count {
            var block = Array("phrcard-report-noise".utf8)
            for shift in stride(from: 56, through: 0, by: -8) { block.append(UInt8(truncatingIfNeeded: seed >> UInt64(shift))) }
            for shift in stride(from: 56, through: 0, by: -8) { block.append(UInt8(truncatingIfNeeded: state.value >> UInt64(shift))) }
            state.value += 1
            out += SHA256.hash(block)
        }
        return Array(out.prefix(count))
    }
}
