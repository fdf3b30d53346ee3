import Foundation
import PHRCard
import PHRCrypto
import PHRImaging

/// Keeps results alive so the optimiser cannot drop the measured work.
nonisolated(unsafe) var sink = 0

/// `phrcard-bench speed`: cards per second for each operation and the raw libcrypto limits, on one core.
enum SpeedBench {
    struct Config {
        var seconds: Double
        var runs: Int
        var only: String?
        var iterations: Int?
    }

    struct Measurement {
        let name: String
        let label: String
        let body: () throws -> Void
    }

    /// PNG rendering used for cards: error correction M, 4 pixels per module, 1-bit PNG at 300 dpi.
    static func png(_ text: String) throws -> [UInt8] {
        let qr = try QRCode.encode(prefixedNumericText: text, errorCorrection: .M)
        return try PNG.encode(qr.render(modulePixels: 4), bitDepth: 1, dpi: 300)
    }

    static func run(sample: Sample, setup: BenchSetup, config: Config) throws {
        // Inputs prepared once.
        let card = try CardIssuer.issue(sample.record, signingKey: setup.issuerKey, options: setup.options)
        let verified = try CardVerifier.verify(text: card.qrText, trusting: setup.trusted, at: setup.verifyTime)
        let pngBytes = try png(card.qrText)
        guard try QRScanner.scan(PNG.decode(pngBytes)).first?.text == card.qrText else {
            throw BenchError("the rendered PNG does not scan back to the card text")
        }
        let pngImage = try PNG.decode(pngBytes)
        let message = card.bytes
        let signature = try setup.signingKey.signature(for: message)
        let signerPublic = setup.signingKey.publicKey
        let ephemeral = P256.KeyAgreement.PrivateKey()
        let readerPublic = setup.reader.key.publicKey
        let password = card.holderCode.digits
        let salt = Array("PHR1 holder code".utf8) + card.cardID

        let measurements: [Measurement] = [
            Measurement(name: "issue", label: "issue (text form)") {
                sink &+= try CardIssuer.issue(sample.record, signingKey: setup.issuerKey, options: setup.options).qrText.utf8.count
            },
            Measurement(name: "issue-png", label: "issue to PNG (QR + render + PNG)") {
                let c = try CardIssuer.issue(sample.record, signingKey: setup.issuerKey, options: setup.options)
                sink &+= try png(c.qrText).count
            },
            Measurement(name: "verify", label: "verify (text form)") {
                sink &+= try CardVerifier.verify(text: card.qrText, trusting: setup.trusted, at: setup.verifyTime).bytes.count
            },
            Measurement(name: "open-holder", label: "decode with holder code") {
                sink &+= try verified.open(holderCode: card.holderCode).openedTiers.count
            },
            Measurement(name: "open-reader", label: "decode with reader key") {
                sink &+= try verified.open(readerKey: setup.reader).openedTiers.count
            },
            Measurement(name: "verify-png", label: "verify from PNG (decode + scan + verify)") {
                let symbols = try QRScanner.scan(PNG.decode(pngBytes))
                guard let text = symbols.first?.text else { throw BenchError("no QR symbol found") }
                sink &+= try CardVerifier.verify(text: text, trusting: setup.trusted, at: setup.verifyTime).bytes.count
            },
            Measurement(name: "png-decode", label: "  of which PNG.decode") {
                sink &+= try PNG.decode(pngBytes).width
            },
            Measurement(name: "qr-scan", label: "  of which QRScanner.scan") {
                sink &+= try QRScanner.scan(pngImage).count
            },
            Measurement(name: "raw-sign", label: "raw ECDSA P-256 sign") {
                sink &+= try setup.signingKey.signature(for: message).count
            },
            Measurement(name: "raw-verify", label: "raw ECDSA P-256 verify") {
                sink &+= signerPublic.isValidSignature(signature, for: message) ? 1 : 0
            },
            Measurement(name: "raw-ecdh", label: "raw ECDH P-256") {
                sink &+= try ephemeral.sharedSecret(with: readerPublic).count
            },
            Measurement(name: "raw-scrypt", label: "raw scrypt N=16384 r=8 p=1") {
                sink &+= try Scrypt.deriveKey(password: password, salt: salt, n: 16_384, r: 8, p: 1, outputByteCount: 32).count
            },
        ]
        let selected = measurements.filter { config.only == nil || $0.name == config.only }
        guard !selected.isEmpty else { throw BenchError("unknown measurement \(config.only ?? "")") }

        if let iterations = config.iterations {
            // Fixed work, for profilers.
            for m in selected {
                let start = now()
                for _ in 0..<iterations { try m.body() }
                let elapsed = now() - start
                print("\(m.name): \(iterations) iterations in \(String(format: "%.3f", elapsed)) s = \(format(Double(iterations) / elapsed))/s")
            }
            print("peak RSS: \(peakRSSKiB() / 1024) MiB")
            return
        }

        print("sample: \(sample.name) (card \(card.bytes.count) B, class \(card.sizeClass.number)); "
              + "median of \(config.runs) runs of \(config.seconds) s each; one thread; rounds interleaved "
              + "(each round runs every operation once, so ratios compare the same moments of a shared machine)\n")
        var wallRates: [String: [Double]] = [:]
        var cpuRates: [String: [Double]] = [:]
        for m in selected { try m.body() } // warm-up
        for round in 0..<config.runs {
            for m in selected {
                var count = 0
                let start = now(), cpuStart = threadCPUTime()
                var elapsed = 0.0
                repeat {
                    try m.body()
                    count += 1
                    elapsed = now() - start
                } while elapsed < config.seconds
                let cpu = threadCPUTime() - cpuStart
                wallRates[m.name, default: []].append(Double(count) / elapsed)
                cpuRates[m.name, default: []].append(Double(count) / max(cpu, 1e-9))
            }
            FileHandle.standardError.write(Data("  round \(round + 1) of \(config.runs) done\n".utf8))
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        var medians: [String: Double] = [:]
        var cpuMedians: [String: Double] = [:]
        var rows: [[String]] = []
        for m in selected {
            let rates = wallRates[m.name]!.sorted()
            let med = median(rates), cpuMed = median(cpuRates[m.name]!)
            medians[m.name] = med
            cpuMedians[m.name] = cpuMed
            rows.append([m.label, format(med), String(format: "%.3f", 1000 / med),
                         "\(format(rates.first!))–\(format(rates.last!))", format(cpuMed)])
        }
        print(table(["operation", "per second", "ms each", "range of runs", "per CPU second"], rows))
        print("\npeak RSS (ru_maxrss): \(peakRSSKiB() / 1024) MiB\n")

        var ratioRows: [[String]] = []
        for (card, raw, what) in [("verify", "raw-verify", "verify ÷ raw ECDSA verify"),
                                  ("issue", "raw-sign", "issue ÷ raw ECDSA sign"),
                                  ("issue", "raw-scrypt", "issue ÷ raw scrypt"),
                                  ("open-holder", "raw-scrypt", "holder decode ÷ raw scrypt"),
                                  ("open-reader", "raw-ecdh", "reader decode ÷ raw ECDH")] {
            guard let a = medians[card], let b = medians[raw], let ca = cpuMedians[card], let cb = cpuMedians[raw] else { continue }
            // Per round: the ratio of the two rates measured in the same round (closest in time), then the median.
            let perRound = zip(wallRates[card]!, wallRates[raw]!).map { $0 / $1 }
            ratioRows.append([what, String(format: "%.3g", a / b), String(format: "%.3g", median(perRound)),
                              String(format: "%.3g", ca / cb)])
        }
        if !ratioRows.isEmpty {
            print(table(["ratio (cards/s ÷ raw ops/s)", "wall (medians)", "wall (median per round)", "CPU time"], ratioRows))
        }
    }

    static func format(_ rate: Double) -> String {
        rate >= 100 ? String(Int(rate.rounded())) : String(format: "%.1f", rate)
    }
}
