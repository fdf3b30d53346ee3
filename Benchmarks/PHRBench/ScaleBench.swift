import Foundation
import PHRCard

/// `phrcard-bench scale --count N`: issues and verifies N cards one after another (each card is discarded after
/// it is verified), reporting time and memory after 10 % and after 100 % to show that memory stays flat.
enum ScaleBench {
    static func run(sample: Sample, setup: BenchSetup, count: Int) throws {
        guard count >= 10 else { throw BenchError("--count must be at least 10") }
        print("sample: \(sample.name); \(count) cards, issue then verify each, one thread")
        let startRSS = peakRSSKiB()
        var issueTime = 0.0, verifyTime = 0.0
        var checkpoints: [[String]] = []
        let tenth = count / 10
        let start = now()
        for i in 1...count {
            let t0 = now()
            let card = try CardIssuer.issue(sample.record, signingKey: setup.issuerKey, options: setup.options)
            let t1 = now()
            let verified = try CardVerifier.verify(text: card.qrText, trusting: setup.trusted, at: setup.verifyTime)
            let t2 = now()
            issueTime += t1 - t0
            verifyTime += t2 - t1
            sink &+= verified.bytes.count
            if i == tenth || i == count {
                checkpoints.append(["\(i) (\(i == count ? 100 : 10) %)", String(format: "%.1f", now() - start),
                                    "\(peakRSSKiB() / 1024)", currentRSSKiB().map { "\($0 / 1024)" } ?? "?"])
            }
        }
        print(table(["cards done", "elapsed s", "peak RSS MiB", "current RSS MiB"], checkpoints))
        print("""

            peak RSS before the loop: \(startRSS / 1024) MiB
            issue:  \(String(format: "%.1f", issueTime)) s total, \(String(format: "%.1f", Double(count) / issueTime)) cards/s
            verify: \(String(format: "%.1f", verifyTime)) s total, \(String(format: "%.0f", Double(count) / verifyTime)) cards/s
            """)
    }
}
