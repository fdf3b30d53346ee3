import PHRCard
import PHRCrypto

/// Measurements of a revocation list of many entries (for the benchmark command; tests never time anything).
struct RevocationBenchmark: Sendable, CustomStringConvertible {
    /// The number of entries.
    public let entries: Int
    /// The size of the signed list in bytes.
    public let signedBytes: Int
    /// Seconds to build and sign the list.
    public let buildSeconds: Double
    /// Seconds to verify and load the signed list (signature, parse, order check).
    public let loadSeconds: Double
    /// Bytes held by the loaded index (card ids and entry data).
    public let indexBytes: Int
    /// Lookups per second (half hits, half misses).
    public let lookupsPerSecond: Double
    /// How many of the lookups of listed ids found their entry (must equal the number of such lookups).
    public let hits: Int

    public var description: String {
        "revocation list: \(entries) entries, \(signedBytes) bytes signed, built in \(fmt(buildSeconds)) s, "
            + "loaded in \(fmt(loadSeconds)) s, index \(indexBytes / 1024) KiB, \(Int(lookupsPerSecond)) lookups/s"
    }

    private func fmt(_ d: Double) -> String { String(Double(Int(d * 1000)) / 1000) }
}

extension RevocationList {
    /// Builds, signs, verifies and queries a list of `entries` random card ids, timing each step.
    /// Prints nothing; the `bench` command prints the result.
    /// - Parameters:
    ///   - entries: the number of revoked cards.
    ///   - lookups: the number of lookups to time.
    static func benchmark(entries: Int = 1_000_000, lookups: Int = 1_000_000) throws(PHRCardError) -> RevocationBenchmark {
        let clock = ContinuousClock()
        let root = IssuerSigningKey.p256(P256.Signing.PrivateKey())
        let issuer = IssuerSigningKey.p256(P256.Signing.PrivateKey())
        var trust = TrustList()
        try trust.addIssuer(TrustListIssuer(key: issuer.publicKey, issuerID: "BENCH", displayName: "Bench", country: "XX",
                                            validFrom: 0, validTo: 1 << 40))
        let trustBytes = try trust.signed(by: root, at: 1_800_000_000)
        let verifiedTrust = try TrustList.verify(trustBytes, root: root.publicKey, at: 1_800_000_000, lastSeenSequence: nil)

        var rng = SplitMix64(seed: 0x5EED)
        var ids: [[UInt8]] = []
        ids.reserveCapacity(entries)
        var seen = Set<UInt64>()
        while ids.count < entries {
            let v = rng.next()
            if seen.insert(v).inserted { ids.append(bytes(of: v)) }
        }
        let t0 = clock.now
        var list = try RevocationList(issuerKid: issuer.publicKey.kid,
                                      entries: ids.map { try! RevocationEntry(cardID: $0, reason: .superseded, revokedAt: 1_800_000_000) })
        let signed = try list.signed(by: issuer, at: 1_800_000_000)
        let t1 = clock.now
        let loaded = try RevocationList.verify(signed, trustList: verifiedTrust, lastSeenSequence: nil)
        let t2 = clock.now
        var hits = 0
        for i in 0..<lookups {
            let probe = i & 1 == 0 ? ids[(i >> 1) % ids.count] : bytes(of: rng.next())
            if loaded.list.contains(cardID: probe), i & 1 == 0 { hits += 1 }
        }
        let t3 = clock.now
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        return RevocationBenchmark(entries: entries, signedBytes: signed.count, buildSeconds: seconds(t1 - t0),
                                   loadSeconds: seconds(t2 - t1), indexBytes: loaded.list.count * 16,
                                   lookupsPerSecond: Double(lookups) / max(seconds(t3 - t2), 1e-9), hits: hits)
    }
}

/// A small deterministic generator for benchmark ids (not for keys).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
