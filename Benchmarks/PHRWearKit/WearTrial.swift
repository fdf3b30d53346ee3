import Foundation
import PHRImaging

/// The outcome of photographing one card text many times.
public struct WearTrialResult: Sendable {
    /// One image that did not decode to the card text.
    public struct Failure: Sendable, CustomStringConvertible {
        /// The image seed (rebuild the photo with `WearSimulator.photograph(_:seed:)`).
        public let seed: UInt64
        public let conditions: WearConditions
        /// `no QR code`, or `wrong text` when a symbol was read but differs from the card text.
        public let reason: String
        public var description: String { "seed \(seed): \(reason); \(conditions)" }
    }

    /// The QR version and error-correction level of the symbol.
    public let version: Int
    public let errorCorrection: QRErrorCorrection
    /// Modules per side without the quiet zone.
    public let modules: Int
    public let images: Int
    public let decoded: Int
    public let failures: [Failure]
    /// Mean photo pixels per module over the images.
    public let meanPhotoPixelsPerModule: Double

    /// `decoded / images`.
    public var rate: Double { images == 0 ? 0 : Double(decoded) / Double(images) }
}

/// Runs the wear simulation over many seeds and counts the photos that QRScanner (with the given readers) reads
/// back exactly.
public enum WearTrial {
    /// Encodes `text` (`PREFIX:digits`), photographs it `images` times and scans every photo.
    /// - Parameters:
    ///   - text: the card's QR text; a photo counts as decoded when one symbol's text equals it exactly.
    ///   - errorCorrection: QR error-correction level.
    ///   - simulator: module size and damage ranges.
    ///   - images: number of photos.
    ///   - seed: base seed; photo i uses `SplitMix64.seed(seed, i)`.
    ///   - threads: photos processed in parallel.
    ///   - readers: the QR readers `QRScanner.scan` tries, in order (default: ZXing-C++, then zbar).
    /// - Throws: `ImagingError` (`.qrTooLarge` when the text does not fit version 40 at this level, JPEG failures).
    public static func run(text: String, errorCorrection: QRErrorCorrection, simulator: WearSimulator,
                           images: Int, seed: UInt64, threads: Int = 2,
                           readers: [QRReader] = QRReader.standard) throws(ImagingError) -> WearTrialResult
    {
        let code = try QRCode.encode(prefixedNumericText: text, errorCorrection: errorCorrection)
        let outcomes = Outcomes(count: images)
        let workers = max(1, min(threads, images))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for i in stride(from: worker, to: images, by: workers) {
                let imageSeed = SplitMix64.seed(seed, i)
                do throws(ImagingError) {
                    let (photo, conditions) = try simulator.photograph(code, seed: imageSeed)
                    var reason: String?
                    do throws(ImagingError) {
                        let symbols = try QRScanner.scan(photo, readers: readers)
                        if !symbols.contains(where: { $0.text == text }) { reason = "wrong text" }
                    } catch {
                        reason = error.kind == .noQRCode ? "no QR code" : error.code
                    }
                    outcomes.set(i, .init(conditions: conditions, failure: reason.map {
                        WearTrialResult.Failure(seed: imageSeed, conditions: conditions, reason: $0)
                    }))
                } catch {
                    outcomes.set(i, .init(error: error))
                }
            }
        }
        let all = outcomes.values
        if let error = all.compactMap(\.error).first { throw error }
        let failures = all.compactMap(\.failure)
        let meanPPM = all.compactMap(\.conditions?.photoPixelsPerModule).reduce(0, +) / Double(max(1, images))
        return WearTrialResult(version: code.version, errorCorrection: errorCorrection, modules: code.size,
                               images: images, decoded: images - failures.count, failures: failures,
                               meanPhotoPixelsPerModule: meanPPM)
    }

    /// Per-image outcomes written from several threads.
    private final class Outcomes: @unchecked Sendable {
        struct Outcome {
            var conditions: WearConditions?
            var failure: WearTrialResult.Failure?
            var error: ImagingError?
            init(conditions: WearConditions, failure: WearTrialResult.Failure?) {
                self.conditions = conditions
                self.failure = failure
            }
            init(error: ImagingError) { self.error = error }
        }
        private let lock = NSLock()
        private var storage: [Outcome?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ outcome: Outcome) { lock.withLock { storage[i] = outcome } }
        var values: [Outcome] { lock.withLock { storage.compactMap { $0 } } }
    }
}
