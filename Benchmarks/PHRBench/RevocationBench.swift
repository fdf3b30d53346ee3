import Foundation
import PHRCard
import PHRCrypto

/// `phrcard-bench revocation --entries N --lookups N`: builds and signs a revocation list of N random card ids with
/// an Ed25519 issuer key, verifies and loads it against a root-signed trust list, and times lookups of listed ids
/// (hits) and of ids not on the list (misses), through the public API only (`RevocationList`,
/// `RevocationList.verify`, `contains(cardID:)`, `entry(for:)`).
///
/// Probe arrays are built before the timed loops, so the lookup rates measure the library's lookup, not the
/// allocation of the probes. Memory is reported as the growth of peak RSS (`ru_maxrss`) over each phase and as the
/// current RSS held by the loaded list.
enum RevocationBench {
    static func run(entries: Int, lookups: Int, library: Bool) throws {
        guard entries >= 1, entries <= RevocationList.maxEntries else { throw BenchError("--entries must be 1 ... \(RevocationList.maxEntries)") }
        guard lookups >= 1 else { throw BenchError("--lookups must be at least 1") }
        let time: Int64 = 1_800_000_000
        let root = IssuerSigningKey.ed25519(Ed25519.PrivateKey())
        let issuer = IssuerSigningKey.ed25519(Ed25519.PrivateKey())
        var trust = TrustList()
        try trust.addIssuer(TrustListIssuer(key: issuer.publicKey, issuerID: "BENCH", displayName: "Bench", country: "XX",
                                            validFrom: 0, validTo: 1 << 40))
        let trustList = try TrustList.verify(try trust.signed(by: root, at: time), root: root.publicKey, at: time, lastSeenSequence: nil)

        // Distinct random ids (as integers, 8 bytes each, outside the measurement of the list itself).
        var rng = SystemRandomNumberGenerator()
        var seen = Set<UInt64>(minimumCapacity: entries)
        var ids: [UInt64] = []
        ids.reserveCapacity(entries)
        while ids.count < entries {
            let v = rng.next() as UInt64
            if seen.insert(v).inserted { ids.append(v) }
        }
        print("revocation list: \(entries) entries, \(lookups) lookups each of hits and misses, Ed25519 issuer key, one thread")

        // Build and sign: entries → working copy (one sort) → deterministic CBOR → COSE_Sign1.
        let rssBeforeBuild = peakRSSKiB()
        let t0 = now()
        var built = try RevocationList(issuerKid: issuer.publicKey.kid,
                                       entries: ids.map { v throws(PHRCardError) in try RevocationEntry(cardID: bytes(v), reason: .superseded, revokedAt: time) })
        let t1 = now()
        let signed = try built.signed(by: issuer, at: time)
        let t2 = now()
        built = try RevocationList(issuerKid: issuer.publicKey.kid)  // release the working copy
        let rssAfterBuild = peakRSSKiB()

        // Verify and load.
        let currentBeforeLoad = currentRSSKiB()
        let t3 = now()
        let loaded = try RevocationList.verify(signed, trustList: trustList, lastSeenSequence: nil)
        let t4 = now()
        let currentAfterLoad = currentRSSKiB()
        let rssAfterLoad = peakRSSKiB()
        guard loaded.list.count == entries else { throw BenchError("the loaded list has \(loaded.list.count) entries, not \(entries)") }

        // Probes, built before timing: hits are listed ids in random order, misses are ids not on the list.
        var hitProbes: [[UInt8]] = []
        var missProbes: [[UInt8]] = []
        hitProbes.reserveCapacity(lookups)
        missProbes.reserveCapacity(lookups)
        for _ in 0..<lookups { hitProbes.append(bytes(ids[Int.random(in: 0..<entries, using: &rng)])) }
        while missProbes.count < lookups {
            let v = rng.next() as UInt64
            if !seen.contains(v) { missProbes.append(bytes(v)) }
        }
        let list = loaded.list
        var found = 0
        let t5 = now()
        for p in hitProbes where list.contains(cardID: p) { found += 1 }
        let t6 = now()
        for p in missProbes where list.contains(cardID: p) { found += 1 }
        let t7 = now()
        var reasons = 0
        for p in hitProbes { if let e = list.entry(for: p) { reasons &+= Int(e.reason.rawValue) } }
        let t8 = now()
        guard found == lookups, reasons == lookups * Int(RevocationReason.superseded.rawValue) else {
            throw BenchError("lookups found \(found) listed ids; expected \(lookups)")
        }
        sink &+= found &+ reasons

        func s(_ d: Double) -> String { String(format: "%.3f", d) }
        func rate(_ n: Int, _ d: Double) -> String { String(format: "%.2f M/s", Double(n) / d / 1e6) }
        func mib(_ kib: Int) -> String { String(format: "%.1f", Double(kib) / 1024) }
        print(table(["measurement", "value"], [
            ["build working copy (sort, \(entries) entries)", "\(s(t1 - t0)) s"],
            ["encode + sign", "\(s(t2 - t1)) s"],
            ["signed size", "\(signed.count) bytes (\(String(format: "%.2f", Double(signed.count) / 1e6)) MB, \(RevocationList.recordSize) bytes/entry + \(signed.count - entries * RevocationList.recordSize) overhead)"],
            ["verify + load (signature, parse, order check)", "\(s(t4 - t3)) s"],
            ["index held in memory (ids + info, 16 bytes/entry)", "\(mib(entries * 16 / 1024)) MiB"],
            ["peak RSS growth over build + sign (ru_maxrss)", "\(mib(rssAfterBuild - rssBeforeBuild)) MiB"],
            ["peak RSS growth over verify + load (ru_maxrss)", "\(mib(rssAfterLoad - rssAfterBuild)) MiB"],
            ["current RSS growth over verify + load", currentBeforeLoad.flatMap { b in currentAfterLoad.map { "\(mib($0 - b)) MiB" } } ?? "?"],
            ["contains(cardID:), hits", rate(lookups, t6 - t5)],
            ["contains(cardID:), misses", rate(lookups, t7 - t6)],
            ["entry(for:), hits", rate(lookups, t8 - t7)],
        ], left: 1))
        print("peak RSS of the process: \(mib(peakRSSKiB())) MiB")
        _ = built

        if library {
            let r = try RevocationList.benchmark(entries: entries, lookups: lookups)
            print("\nRevocationList.benchmark (library, P-256 keys, probes made inside the timed loop): \(r)")
        }
    }

    static func bytes(_ v: UInt64) -> [UInt8] {
        [UInt8(truncatingIfNeeded: v >> 56), UInt8(truncatingIfNeeded: v >> 48), UInt8(truncatingIfNeeded: v >> 40),
         UInt8(truncatingIfNeeded: v >> 32), UInt8(truncatingIfNeeded: v >> 24), UInt8(truncatingIfNeeded: v >> 16),
         UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
    }
}
