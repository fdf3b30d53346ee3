import Foundation

/// Runs per-line work on several threads and hands the results to one consumer strictly in input order
/// (`issue --batch --jobs N`).
///
/// Lines are taken from `source` under the pool's lock, so they are numbered in input order and line k is always
/// started before line k + 1. `work` runs on the worker threads; it must not touch anything the consumer writes.
/// The consumer calls ``next()`` and receives line 0, 1, 2, ... in order, whatever order the workers finish in. At most
/// `window` lines are started ahead of the consumer, so memory stays flat however long the input is.
///
/// ``stop()`` (called on SIGINT/SIGTERM) starts no new line; every line already started is finished and still returned
/// by ``next()``, which then returns nil. So the lines a consumer has handled when it stops are always 1...N, without a
/// gap, and N counts every line that was started.
final class OrderedWorkPool<Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let jobs: Int
    private let window: Int
    /// Returns the next input line, or nil at the end. Called only under the lock, so it needs no locking itself.
    private let source: () throws -> [UInt8]?
    private let work: @Sendable (_ index: Int, _ line: [UInt8]) -> Output
    // Guarded by `condition`:
    private var started = 0
    private var consumed = 0
    private var ready: [Int: Output] = [:]
    private var stopped = false
    private var exhausted = false
    private var readError: (any Error)?
    private var running = 0

    /// - Parameters:
    ///   - jobs: the number of worker threads (at least 1).
    ///   - window: how many lines may be started beyond the one the consumer waits for (at least `jobs`).
    init(jobs: Int, window: Int, source: @escaping () throws -> [UInt8]?,
         work: @escaping @Sendable (_ index: Int, _ line: [UInt8]) -> Output) {
        self.jobs = max(1, jobs)
        self.window = max(window, self.jobs)
        self.source = source
        self.work = work
    }

    /// Starts the worker threads.
    func start() {
        condition.lock()
        running = jobs
        condition.unlock()
        for i in 0..<jobs {
            let thread = Thread { [self] in workerLoop() }
            thread.name = "phrcard-worker-\(i + 1)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The next result in input order, or nil when the input is exhausted or the pool was stopped and every started
    /// line has been returned.
    /// - Throws: what `source` threw, once every line before the failed read has been returned.
    func next() throws -> (index: Int, output: Output)? {
        condition.lock()
        defer { condition.unlock() }
        let index = consumed
        while true {
            if let output = ready.removeValue(forKey: index) {
                consumed += 1
                condition.broadcast()
                return (index, output)
            }
            if index >= started {
                if let readError { throw readError }
                if stopped || exhausted { return nil }
            }
            condition.wait()
        }
    }

    /// Starts no new line (lines already started still finish and are returned by ``next()``). Safe from any thread.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// The number of lines started so far.
    var startedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return started
    }

    /// Stops the pool and waits until every worker thread has returned.
    func finish() {
        stop()
        condition.lock()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func workerLoop() {
        condition.lock()
        while true {
            while !stopped && !exhausted && started >= consumed + window { condition.wait() }
            if stopped || exhausted { break }
            let line: [UInt8]?
            do { line = try source() } catch {
                readError = error
                stopped = true
                condition.broadcast()
                break
            }
            guard let line else {
                exhausted = true
                condition.broadcast()
                break
            }
            let index = started
            started += 1
            condition.unlock()
            let output = work(index, line)
            condition.lock()
            ready[index] = output
            condition.broadcast()
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}
