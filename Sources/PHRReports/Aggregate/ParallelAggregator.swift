import Foundation
import PHRFHIR

/// Parses and counts a ``RecordStream``'s documents on several threads, with the same result as one thread:
/// documents are grouped in batches in input order, each batch is parsed and counted into its own
/// ``PopulationCounts`` on a worker, and the batches' counts are added up (counting is commutative). Rejected inputs
/// are handed to `onProblem` in input order (batches are released in sequence). At most `2 × jobs` batches are in
/// flight, so memory stays bounded.
public final class ParallelAggregator: @unchecked Sendable {
    private let lock = NSLock()
    private var total: PopulationCounts
    private let asOf: ReportDate
    private var waiting: [Int: [InputProblem]] = [:]
    private var nextToRelease = 0
    private var batch: [RecordStream.Item] = []
    private var batchCount = 0
    private let batchSize: Int
    private let slots: DispatchSemaphore
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "phrcard.report.parse", attributes: .concurrent)
    private let onProblem: @Sendable (InputProblem) -> Void

    /// - Parameters:
    ///   - asOf: the reference date.
    ///   - jobs: worker threads (at least 1).
    ///   - batchSize: documents per batch.
    ///   - onProblem: called for every rejected input, in input order, one at a time.
    public init(asOf: ReportDate, jobs: Int, batchSize: Int = 256, onProblem: @escaping @Sendable (InputProblem) -> Void) {
        total = PopulationCounts(asOf: asOf)
        self.asOf = asOf
        self.batchSize = max(1, batchSize)
        slots = DispatchSemaphore(value: 2 * max(1, jobs))
        self.onProblem = onProblem
    }

    /// Takes the next item of the stream (call from one thread, in order).
    public func accept(_ item: RecordStream.Item) {
        batch.append(item)
        if batch.count >= batchSize { dispatch() }
    }

    /// Waits for every batch and returns the counts.
    public func finish() -> PopulationCounts {
        if !batch.isEmpty { dispatch() }
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return total
    }

    private func dispatch() {
        let items = batch
        batch = []
        let index = batchCount
        batchCount += 1
        slots.wait()
        group.enter()
        let asOf = self.asOf
        queue.async { [self] in
            var local = PopulationCounts(asOf: asOf)
            var problems: [InputProblem] = []
            for item in items {
                switch item {
                case .problem(let problem):
                    problems.append(problem)
                    local.reject(code: problem.code)
                case .document(let document):
                    switch RecordStream.parse(document) {
                    case .success(let record): local.add(record)
                    case .failure(let problem):
                        problems.append(problem)
                        local.reject(code: problem.code)
                    }
                }
            }
            lock.lock()
            do { try total.merge(local) } catch { preconditionFailure("same reference date: \(error)") }
            waiting[index] = problems
            while let ready = waiting.removeValue(forKey: nextToRelease) {
                for problem in ready { onProblem(problem) }
                nextToRelease += 1
            }
            lock.unlock()
            slots.signal()
            group.leave()
        }
    }
}
