import Foundation
import PHRCard
import PHRWearKit
import Testing

/// Scanning after wear: card QR codes printed at 300 dpi, stained or folded, photographed by a simulated phone
/// (perspective, rotation, blur, uneven light, noise, JPEG) and read back with `QRScanner.scan` (ZXing-C++, then
/// zbar). The bars sit
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
        try cardText("typical", version: 19)
    }

    static func cardText(_ name: String, version: Int) throws -> String {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let json = try Data(contentsOf: folder.appendingPathComponent(name + ".json"))
        let card = try WearCards.issue(recordJSON: Array(json))
        #expect(card.sizeClass.qrVersionAtM == version)
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

    /// The heavy card (version 30 at M, about 4 photo pixels per module) is where zbar alone loses photos
    /// (86–90 % in `make robustness`); ZXing-C++ first, zbar as the fallback, reads them. The same photos go
    /// through both reader orders, so the difference is the readers' alone.
    @Test func heavyCardSurvivesWearWithZXingFirst() throws {
        let text = try Self.cardText("heavy", version: 30)
        let standard = try WearTrial.run(text: text, errorCorrection: .M, simulator: Self.simulator(), images: 24,
                                         seed: 7003)
        let zbarOnly = try WearTrial.run(text: text, errorCorrection: .M, simulator: Self.simulator(), images: 24,
                                         seed: 7003, readers: [.zbar])
        #expect(standard.version == 30)
        #expect(standard.rate >= 0.95, Self.report(standard))
        #expect(standard.decoded > zbarOnly.decoded, "zbar alone: \(Self.report(zbarOnly))")
        // Every photo zbar reads is still read with ZXing first (zbar stays the fallback).
        let zbarFailed = Set(zbarOnly.failures.map(\.seed))
        #expect(standard.failures.allSatisfy { zbarFailed.contains($0.seed) }, Self.report(standard))
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
