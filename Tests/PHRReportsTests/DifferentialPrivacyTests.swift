import Foundation
import PHRCard
import Testing
@testable import PHRReports

@Suite("Report: differential privacy noise")
struct DifferentialPrivacyTests {
    /// Sample mean and variance of `n` draws, compared with the documented mean 0 and variance 2α/(1−α)².
    /// Tolerances: the mean within 6 standard errors; the variance within 12 % (about 6 standard errors of the
    /// sample variance for n = 40,000 at these scales). Fixed seeds make the outcome deterministic.
    @Test("discrete Laplace: mean 0, variance 2α/(1−α)², P(0) = (1−α)/(1+α)",
          arguments: [(UInt64(1), UInt64(1), UInt64(11)), (1, 6, 12), (5, 3, 13), (1, 54, 14)])
    func distribution(s: UInt64, t: UInt64, seed: UInt64) {
        let laplace = DiscreteLaplace(s: s, t: t)
        let noise = NoiseSource.seeded(seed)
        let n = 40_000
        var sum = 0.0, squares = 0.0, zeros = 0
        for _ in 0..<n {
            let x = Double(laplace.sample(noise))
            sum += x
            squares += x * x
            if x == 0 { zeros += 1 }
        }
        let mean = sum / Double(n)
        let variance = squares / Double(n) - mean * mean
        let alpha = exp(-Double(s) / Double(t))
        let expectedVariance = 2 * alpha / ((1 - alpha) * (1 - alpha))   // written from the formula, not the code
        #expect(abs(mean) < 6 * (expectedVariance / Double(n)).squareRoot(), "mean \(mean)")
        #expect(abs(variance / expectedVariance - 1) < 0.12, "variance \(variance), expected \(expectedVariance)")
        let p0 = (1 - alpha) / (1 + alpha)
        let p0Error = 6 * (p0 * (1 - p0) / Double(n)).squareRoot()
        #expect(abs(Double(zeros) / Double(n) - p0) < p0Error, "P(0) \(Double(zeros) / Double(n)), expected \(p0)")
    }

    @Test("exact Bernoulli(exp(−γ)) sampler matches exp(−γ)", arguments: [(UInt64(0), UInt64(1)), (1, 2), (1, 1), (7, 3)])
    func bernoulliExp(n: UInt64, d: UInt64) {
        let noise = NoiseSource.seeded(99)
        let trials = 40_000
        let hits = (0..<trials).filter { _ in DiscreteLaplace.bernoulliExp(n, d, noise) }.count
        let p = exp(-Double(n) / Double(d))
        #expect(abs(Double(hits) / Double(trials) - p) < 6 * (p * (1 - p) / Double(trials)).squareRoot() + 1e-9)
    }

    /// A population with large counts (so clamping at zero never acts), reported 300 times with different seeds:
    /// the published population cells minus the exact ones have mean ≈ 0 and the variance the report states.
    @Test("over many seeded reports the published counts scatter around the exact ones as specified")
    func reportNoise() throws {
        var counts = PopulationCounts(asOf: ReportDate(year: 2026, month: 12, day: 1))
        for b in counts.ageSex.indices { for s in counts.ageSex[b].indices { counts.ageSex[b][s] = 1000 + 10 * b + s } }
        counts.records = counts.ageSex.joined().reduce(0, +)
        counts.nationality["SY"] = counts.records
        let privacy = try PrivacyParameters(minCell: 5, epsilon: try .init("1"))
        // ε = 1 over 6 tables, population table sensitivity 1: α = exp(−1/6).
        let alpha = exp(-1.0 / 6)
        let expectedVariance = 2 * alpha / ((1 - alpha) * (1 - alpha))
        var errors: [Double] = []
        for seed in 1...300 {
            let report = ReportBuilder.build(counts, privacy: privacy, noise: .seeded(UInt64(seed)))
            let t = try #require(report.table(ReportBuilder.TableID.population))
            #expect(report.budget.first { $0.table == t.id }.map { abs($0.noise.variance - expectedVariance) < 1e-9 } == true)
            for b in counts.ageSex.indices {
                for s in counts.ageSex[b].indices {
                    errors.append(Double(try #require(t.value(.init(b, s))) - counts.ageSex[b][s]))
                }
            }
        }
        let n = Double(errors.count)   // 300 × 44 = 13,200
        let mean = errors.reduce(0, +) / n
        let variance = errors.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n
        #expect(abs(mean) < 6 * (expectedVariance / n).squareRoot(), "mean \(mean)")
        #expect(abs(variance / expectedVariance - 1) < 0.15, "variance \(variance) vs \(expectedVariance)")
    }

    @Test("the same seed reproduces the report byte for byte; another seed does not")
    func reproducible() throws {
        let counts = try HandMade.counts()
        let privacy = try PrivacyParameters(minCell: 1, epsilon: try .init("0.5"))
        let a = ReportBuilder.build(counts, privacy: privacy, noise: .seeded(5)).jsonData()
        let b = ReportBuilder.build(counts, privacy: privacy, noise: .seeded(5)).jsonData()
        let c = ReportBuilder.build(counts, privacy: privacy, noise: .seeded(6)).jsonData()
        #expect(a == b)
        #expect(a != c)
    }

    @Test("rates from noisy counts stay within [0, 1] and the budget is printed per table")
    func ratesClipped() throws {
        let report = ReportBuilder.build(try HandMade.counts(), privacy: try PrivacyParameters(minCell: 1, epsilon: try .init("0.1")),
                                         noise: .seeded(3))
        for table in report.tables { for line in table.rates { for rate in line.compactMap({ $0 }) { #expect((0...1).contains(rate)) } } }
        #expect(report.budget.map(\.table) == ReportBuilder.TableID.all)
        #expect(abs(report.budget.map(\.epsilon).reduce(0, +) - 0.1) < 1e-12)
        #expect(report.seeded)
        let html = HTMLReport.render(report)
        #expect(html.contains("Privacy budget"))
        #expect(html.contains("TEST"))
    }

    @Test("the nationality threshold bounds the chance that a nationality of one person is listed by δ")
    func nationalityThreshold() throws {
        let privacy = try PrivacyParameters(minCell: 5, epsilon: try .init("1"), delta: 1e-6)
        let report = ReportBuilder.build(try HandMade.counts(), privacy: privacy, noise: .seeded(1))
        let tau = try #require(report.nationalityThreshold)
        let budget = try #require(report.budget.first { $0.table == ReportBuilder.TableID.nationality })
        #expect(budget.sensitivity == 2)
        // P(1 + X ≥ τ) = α^(τ−1)/(1+α) with α = exp(−ε_T/Δ) = exp(−(1/6)/2).
        let alpha = exp(-1.0 / 12)
        #expect(pow(alpha, Double(tau - 1)) / (1 + alpha) <= 1e-6)
        #expect(pow(alpha, Double(tau - 2)) / (1 + alpha) > 1e-6 / 2)   // and not needlessly high
        let t = try #require(report.table(ReportBuilder.TableID.nationality))
        #expect(t.rowLabels == ["Other nationalities", "Not recorded", "Total"])   // nobody's nationality is listed
    }

    @Test("parameters are checked", arguments: ["0", "-1", "abc", "1.1234567", "101", "1e3", ""])
    func badEpsilon(text: String) {
        #expect(throws: ReportError.self) { try PrivacyParameters.Epsilon(text) }
    }
}
