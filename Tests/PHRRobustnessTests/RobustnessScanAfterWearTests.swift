import Foundation
import PHRCard
import PHRWearKit
import Testing

/// Scanning after wear: card QR codes printed at 300 dpi, stained or folded, photographed by a simulated phone
/// (perspective, rotation, blur, uneven light, noise, JPEG) and read back with `QRScanner.scan`. The bars sit
/// below the rates measured by `make robustness` (docs/robustness.md) with a margin, so that the test is stable
/// but fails when scanning breaks; a photo counts only when a symbol's text equals the card text exactly.
@Suite struct RobustnessScanAfterWearTests {
    /// The simulator of the measurement at the default module size (0.40 mm), phone held nearly flat.
    static func simulator() -> WearSimulator {
        var simulator = WearSimulator(moduleMM: 0.40)
        simulator.cornerJitter = 0.02
        return simulator
    }

    static func typicalCardText() throws -> String {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let json = try Data(contentsOf: folder.appendingPathComponent("typical.json"))
        let card = try WearCards.issue(recordJSON: Array(json))
        #expect(card.sizeClass.qrVersionAtM == 19)
        return card.qrText
    }

    /// Every failure, so that a failing run says which seeds and damage did it.
    static func report(_ result: WearTrialResult) -> Comment {
        Comment(rawValue: "decoded \(result.decoded)/\(result.images) (version \(result.version)-\(result.errorCorrection)):\n"
            + result.failures.map(\.description).joined(separator: "\n"))
    }

    @Test func typicalCardAtDefaultsSurvivesWear() throws {
        let text = try Self.typicalCardText()
        let result = try WearTrial.run(text: text, errorCorrection: .M, simulator: Self.simulator(), images: 36,
                                       seed: 7001)
        #expect(result.version == 19)
        #expect(result.rate >= 0.90, Self.report(result))
    }

    @Test func largestCardSurvivesWearOnAnA6Print() throws {
        // 2298 bytes is version 40 at M: 177 modules, 71 mm at 0.40 mm (plus quiet zone), so only an A6 print
        // holds it, and the phone frames it wider than the ID-1 card.
        let text = WearCards.largest()
        #expect(text.utf8.count == CardFormat.maxTextLength)
        var simulator = Self.simulator()
        simulator.photoWidth = 700...1000
        let result = try WearTrial.run(text: text, errorCorrection: .M, simulator: simulator, images: 24, seed: 7002)
        #expect(result.version == 40)
        #expect(result.rate >= 0.50, Self.report(result))
    }

    /// The pipeline itself: without damage every photo reads, and a seed always gives the same photo.
    @Test(arguments: QRErrorCorrection.allCases)
    func undamagedPhotoDecodesAndPhotosAreReproducible(level: QRErrorCorrection) throws {
        var rng = SplitMix64(seed: 5)
        let text = QRText.encode(rng.bytes(SizeClass.all[0].cardBytes))
        var gentle = WearSimulator(moduleMM: 0.40)
        gentle.marks = false
        gentle.cornerJitter = 0
        gentle.maxRotation = 0
        gentle.blurSigma = 0...0
        gentle.noiseSigma = 0...0
        gentle.lightGradient = 0...0
        gentle.vignette = 0...0
        gentle.jpegQuality = 95...95
        let result = try WearTrial.run(text: text, errorCorrection: level, simulator: gentle, images: 4, seed: 11)
        #expect(result.decoded == 4, Self.report(result))

        let code = try QRCode.encode(prefixedNumericText: text, errorCorrection: level)
        let worn = Self.simulator()
        let a = try worn.photograph(code, seed: 42), b = try worn.photograph(code, seed: 42)
        #expect(a.image == b.image)
        #expect(try worn.photograph(code, seed: 43).image != a.image)
    }
}
