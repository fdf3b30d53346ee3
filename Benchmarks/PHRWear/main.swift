import Foundation
import PHRCard
import PHRImaging
import PHRWearKit

/// `phrcard-wear`: decode rates of card QR codes after simulated printing, wear and a phone photo
/// (docs/robustness.md, "Scanning after wear").
let usage = """
    usage: phrcard-wear measure [--examples DIR] [--images N] [--seed S] [--threads T]
                                [--levels LMQH] [--modules 0.30,0.40,0.50] [--cards typical,heavy,largest]
                                [--readers zxing,zbar|zxing|zbar|compare] [--failures]
           phrcard-wear photo [--examples DIR] [--card typical|heavy|largest] [--level M] [--module 0.40]
                              [--seed S] --out FILE.png
    --readers: the QR readers tried in order (default zxing,zbar: what the library and CLI use); `compare` prints
    one row per reader (zbar alone, ZXing-C++ alone, ZXing-C++ then zbar) on the same photos.
    """

func option(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

struct WearCommandError: Error, CustomStringConvertible {
    let description: String
}

/// The card texts by name: issued from `examples/<name>.json`, or the largest card.
func cardText(_ name: String, examples: String) throws -> (text: String, label: String) {
    if name == "largest" {
        return (WearCards.largest(), "largest (\(CardFormat.maxCardBytes) B, class \(SizeClass.all.count))")
    }
    let path = examples + "/" + name + ".json"
    guard let data = FileManager.default.contents(atPath: path) else { throw WearCommandError(description: "cannot read \(path)") }
    let card = try WearCards.issue(recordJSON: [UInt8](data))
    return (card.qrText, "\(name) (\(card.bytes.count) B, class \(card.sizeClass.number))")
}

/// Writes a line to standard output unbuffered, so progress shows when piped.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func percent(_ rate: Double) -> String {
    String(format: "%.1f %%", rate * 100)
}

/// The simulator for a module size with the command's overrides (`--no-marks`).
func simulator(_ mm: Double, _ args: [String]) -> WearSimulator {
    var simulator = WearSimulator(moduleMM: mm)
    simulator.marks = !args.contains("--no-marks")
    func range(_ name: String) -> ClosedRange<Double>? {
        guard let text = option(name, in: args) else { return nil }
        let parts = text.split(separator: ":").compactMap { Double($0) }
        return parts.count == 2 ? parts[0]...parts[1] : parts.count == 1 ? parts[0]...parts[0] : nil
    }
    if let r = range("--blur") { simulator.blurSigma = r }
    if let r = range("--noise") { simulator.noiseSigma = r }
    if let r = range("--light") { simulator.lightGradient = r }
    if let r = range("--vignette") { simulator.vignette = r }
    if let r = range("--width") { simulator.photoWidth = r }
    if let r = range("--quality") { simulator.jpegQuality = Int(r.lowerBound)...Int(r.upperBound) }
    if let r = range("--jitter") { simulator.cornerJitter = r.upperBound }
    if let r = range("--rotation") { simulator.maxRotation = r.upperBound }
    if let r = range("--max-px-per-mm") { simulator.maxPixelsPerMM = r.upperBound }
    return simulator
}

func measure(_ args: [String]) throws {
    let examples = option("--examples", in: args) ?? "examples"
    let images = Int(option("--images", in: args) ?? "80") ?? 80
    let seed = UInt64(option("--seed", in: args) ?? "2026") ?? 2026
    let threads = Int(option("--threads", in: args) ?? "2") ?? 2
    let levels = (option("--levels", in: args) ?? "LMQH").compactMap { QRErrorCorrection(rawValue: String($0)) }
    let modules = (option("--modules", in: args) ?? "0.30,0.40,0.50").split(separator: ",").compactMap { Double($0) }
    let cards = (option("--cards", in: args) ?? "typical,heavy,largest").split(separator: ",").map(String.init)
    let showFailures = args.contains("--failures")
    let readerText = option("--readers", in: args) ?? "zxing,zbar"
    let readerSets: [[QRReader]]
    if readerText == "compare" {
        readerSets = [[.zbar], [.zxing], QRReader.standard]
    } else {
        guard let order = QRReader.readers(parsing: readerText) else {
            throw WearCommandError(description: "--readers takes zxing, zbar, a comma-separated order, auto or compare")
        }
        readerSets = [order]
    }

    emit("phrcard-wear: \(images) photos per cell, seed \(seed); cell = decode rate (printed symbol side, "
        + "without the 4-module quiet zone; mean photo px/module)")
    emit("")
    emit("| card | ECC | QR version | reader | " + modules.map { String(format: "%.2f mm", $0) }.joined(separator: " | ") + " |")
    emit("|---|---|---|---|" + modules.map { _ in "---|" }.joined())
    for name in cards {
        let (text, label) = try cardText(name, examples: examples)
        for level in levels {
          for readers in readerSets {
            var cells: [String] = []
            var versionText = "does not fit"
            var failureLines: [String] = []
            let readerLabel = readers.map { $0 == .zxing ? "ZXing" : "zbar" }.joined(separator: " → ")
            for mm in modules {
                do {
                    let result = try WearTrial.run(text: text, errorCorrection: level,
                                                   simulator: simulator(mm, args), images: images,
                                                   seed: seed, threads: threads, readers: readers)
                    versionText = "\(result.version) (\(result.modules) modules)"
                    cells.append("\(percent(result.rate)) (\(String(format: "%.0f", Double(result.modules) * mm)) mm; "
                        + "\(String(format: "%.1f", result.meanPhotoPixelsPerModule)) px)")
                    failureLines += result.failures.map { "  \(name) \(level) \(mm) mm \(readerLabel): \($0)" }
                } catch {
                    guard error.kind == .qrTooLarge else { throw WearCommandError(description: error.description) }
                    cells.append("–")
                }
            }
            emit("| \(label) | \(level) | \(versionText) | \(readerLabel) | " + cells.joined(separator: " | ") + " |")
            if showFailures { failureLines.forEach { FileHandle.standardError.write(Data(($0 + "\n").utf8)) } }
          }
        }
    }
}

func photo(_ args: [String]) throws {
    guard let out = option("--out", in: args) else { throw WearCommandError(description: usage) }
    let (text, _) = try cardText(option("--card", in: args) ?? "typical", examples: option("--examples", in: args) ?? "examples")
    let level = QRErrorCorrection(rawValue: option("--level", in: args) ?? "M") ?? .M
    let code = try QRCode.encode(prefixedNumericText: text, errorCorrection: level)
    let simulator = simulator(Double(option("--module", in: args) ?? "0.40") ?? 0.40, args)
    let (image, conditions) = try simulator.photograph(code, seed: UInt64(option("--seed", in: args) ?? "1") ?? 1)
    try Data(try PNG.encode(image, bitDepth: 8, dpi: 72)).write(to: URL(fileURLWithPath: out))
    func reads(_ readers: [QRReader]) -> String {
        ((try? QRScanner.scan(image, readers: readers))?.contains { $0.text == text } ?? false) ? "decodes" : "does NOT decode"
    }
    print("\(out): \(image.width)x\(image.height), version \(code.version)-\(level), \(conditions); "
        + "ZXing-C++ \(reads([.zxing])), zbar \(reads([.zbar]))")
}

let args = Array(CommandLine.arguments.dropFirst())
do {
    switch args.first {
    case "measure": try measure(args)
    case "photo": try photo(args)
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("phrcard-wear: \(error)\n".utf8))
    exit(1)
}
