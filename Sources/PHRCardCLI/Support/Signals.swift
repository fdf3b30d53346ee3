import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM into a flag that a long-running command polls between units of work, so it can stop
/// at a consistent point (`phrcard issue --batch`).
///
/// The signals are ignored at the process level (`SIG_IGN`) and delivered through dispatch sources instead, so no
/// code runs in a signal handler: the source's handler, on a dispatch queue, records the signal in an atomic. The
/// first signal also restores the default action, so a second Ctrl-C ends the process at once (the batch is safe
/// against that too, see ``BatchIssue``).
final class InterruptWatcher {
    /// The signal received first (0: none yet); shared with the dispatch handlers.
    private final class Flag: Sendable {
        let value = Atomic<Int32>(0)
    }
    private let received = Flag()
    private let sources: [any DispatchSourceSignal]
    private static let queue = DispatchQueue(label: "phrcard.signals")

    /// Starts watching SIGINT and SIGTERM. `onSignal` runs once, on the signal queue, when the first one arrives (a
    /// batch uses it to start no new line at once, even while its writer waits for a card).
    init(onSignal: @escaping @Sendable () -> Void = {}) {
        var sources: [any DispatchSourceSignal] = []
        for signo in [SIGINT, SIGTERM] {
            signal(signo, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: signo, queue: Self.queue))
        }
        self.sources = sources
        for (source, signo) in zip(sources, [SIGINT, SIGTERM]) {
            source.setEventHandler { [received] in
                if received.value.compareExchange(expected: 0, desired: signo, ordering: .sequentiallyConsistent).exchanged {
                    // A second signal of either kind now takes its default action (terminate).
                    signal(SIGINT, SIG_DFL)
                    signal(SIGTERM, SIG_DFL)
                    onSignal()
                }
            }
            source.resume()
        }
    }

    /// The first signal received, if any.
    var caught: Int32? {
        let s = received.value.load(ordering: .sequentiallyConsistent)
        return s == 0 ? nil : s
    }

    /// The conventional exit status after a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).
    static func exitStatus(_ signo: Int32) -> Int32 { 128 + signo }

    /// The signal's name.
    static func name(_ signo: Int32) -> String {
        switch signo {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(signo)"
        }
    }

    /// Stops watching and restores the default actions.
    func stop() {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
