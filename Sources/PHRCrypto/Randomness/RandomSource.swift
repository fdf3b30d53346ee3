internal import CLibCrypto
import Foundation

/// A source of random bytes. Injectable so key generation can be replayed from published vectors in tests.
public protocol RandomSource: Sendable {
    /// Returns exactly `count` random bytes.
    /// - Parameter count: The number of bytes (>= 0).
    func bytes(_ count: Int) -> [UInt8]
}

/// The operating system CSPRNG via OpenSSL's `RAND_bytes`.
public struct SystemRandom: RandomSource {
    /// Creates the system random source.
    public init() {}

    /// Returns `count` bytes from `RAND_bytes`. Traps only if the CSPRNG itself fails (no safe way to continue).
    public func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0 && count <= Int(Int32.max), "SystemRandom: invalid byte count \(count)")
        var output = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return output }
        guard RAND_bytes(&output, Int32(count)) == 1 else {
            fatalError("SystemRandom: RAND_bytes failed: \(LibcryptoErrorQueue.drain())")
        }
        return output
    }
}

/// Hands out a fixed byte sequence in order, for deterministic vectors and tests. Never use for real keys.
///
/// Thread-safe (lock-protected). Traps with a clear message when more bytes are requested than remain.
/// `package`, not `public`: only this package's tests, vectors and benchmarks replay randomness.
package final class FixedRandom: RandomSource, @unchecked Sendable {
    private let lock = NSLock()
    private let stream: [UInt8]
    private var position = 0

    /// Creates a source that returns `bytes` in order.
    /// - Parameter bytes: The whole sequence to hand out.
    package init(_ bytes: [UInt8]) { stream = bytes }

    /// Returns the next `count` bytes of the fixed sequence; traps if fewer remain.
    package func bytes(_ count: Int) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        precondition(count >= 0, "FixedRandom: negative byte count \(count)")
        guard stream.count - position >= count else {
            fatalError("FixedRandom exhausted: requested \(count) bytes at offset \(position), only \(stream.count - position) of \(stream.count) left")
        }
        defer { position += count }
        return Array(stream[position..<position + count])
    }
}
