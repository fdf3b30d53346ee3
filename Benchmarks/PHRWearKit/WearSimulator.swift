import Foundation
import PHRImaging

/// Simulates printing a QR code, wearing the card and photographing it with a phone, deterministically per seed.
///
/// Steps (each drawn uniformly from its range):
/// 1. print: the symbol rasterised at `printDPI` with modules of `moduleMM` (a pixel is ink when its centre falls
///    in a dark module, so 0.30 mm at 300 dpi gives modules of 3 or 4 pixels), ink 25, paper 240, 4-module quiet
///    zone;
/// 2. wear on the card: either a stain (a dark, soft-edged disc covering 5 % of the symbol area, never over a
///    finder pattern's centre) or a fold (a line 2–3 photo pixels wide across the whole code, a shadow or worn
///    ink), half of the images each;
/// 3. camera geometry, one projective transform with 2×2 supersampled bilinear sampling: the symbol
///    `photoWidth` pixels wide, but never more than `maxPixelsPerMM` × its printed width (a phone cannot focus
///    closer); rotation ±`maxRotation`°; each corner moved by up to `cornerJitter` of the side in x and y
///    (default 2 %: a phone held nearly flat; zbar loses many codes from 3 %, see docs/robustness.md);
/// 4. light: a linear gradient in a random direction losing `lightGradient` of the brightness, and a vignette
///    losing `vignette` at the corners;
/// 5. optics: Gaussian blur σ in `blurSigma` (the spread of a box blur of radius 1–2);
/// 6. sensor noise σ in `noiseSigma`; 7. JPEG at a quality in `jpegQuality`, decoded again.
public struct WearSimulator: Sendable {
    /// Printed module size in millimetres.
    public var moduleMM: Double
    public var printDPI: Double = 300
    public var photoWidth: ClosedRange<Double> = 450...700
    public var maxPixelsPerMM: Double = 14
    public var maxRotation: Double = 10
    public var cornerJitter: Double = 0.02
    public var lightGradient: ClosedRange<Double> = 0.2...0.5
    public var vignette: ClosedRange<Double> = 0.1...0.3
    public var blurSigma: ClosedRange<Double> = 0.8...1.4
    public var noiseSigma: ClosedRange<Double> = 2...8
    public var jpegQuality: ClosedRange<Int> = 60...85
    /// Fraction of the symbol area a stain covers.
    public var stainArea: Double = 0.05
    /// Stain darkening (fraction of the way to black at its core).
    public var stainDarkness: ClosedRange<Double> = 0.6...0.9
    /// Fold width in photo pixels.
    public var foldWidth: ClosedRange<Double> = 2...3
    /// Whether to add the stain or fold (false: photo damage only, for comparison).
    public var marks = true

    static let ink: Float = 25
    static let paper: Float = 240
    static let quietZone = 4

    /// Creates a simulator with the default ranges for the given printed module size.
    public init(moduleMM: Double) {
        self.moduleMM = moduleMM
    }

    /// Prints, wears and photographs `code`.
    /// - Parameters:
    ///   - code: the QR symbol.
    ///   - seed: selects every random choice; the same seed gives the same photo.
    /// - Returns: the decoded JPEG photo and the conditions drawn.
    /// - Throws: `ImagingError` only if JPEG encoding or decoding fails.
    public func photograph(_ code: QRCode, seed: UInt64) throws(ImagingError) -> (image: GrayImage, conditions: WearConditions) {
        var rng = SplitMix64(seed: seed)
        let printPPM = moduleMM * printDPI / 25.4
        let size = Double(code.size)

        // Camera scale first: the fold width is given in photo pixels.
        let symbolMM = size * moduleMM
        let width = min(rng.uniform(photoWidth), maxPixelsPerMM * symbolMM)
        let photoPPM = width / size
        let scale = photoPPM / printPPM  // photo pixels per print pixel

        var card = printRaster(code, pixelsPerModule: printPPM)
        let mark: WearConditions.Mark
        if !marks {
            _ = rng.next()
            mark = .none
        } else if rng.next() & 1 == 0 {
            mark = stain(&card, code: code, pixelsPerModule: printPPM, rng: &rng)
        } else {
            mark = fold(&card, widthInPrintPixels: rng.uniform(foldWidth) / scale, scale: scale, rng: &rng)
        }

        let rotation = rng.uniform(-maxRotation...maxRotation)
        let jitter = (0..<8).map { _ in rng.uniform(-cornerJitter...cornerJitter) }
        var photo = warp(card, scale: scale, rotation: rotation, jitter: jitter)

        let gradient = rng.uniform(lightGradient), vig = rng.uniform(vignette)
        light(&photo, gradient: gradient, direction: rng.uniform(0...(2 * Double.pi)), vignette: vig)
        let sigma = rng.uniform(blurSigma)
        photo = photo.gaussianBlurred(sigma: sigma)
        let noise = rng.uniform(noiseSigma)
        for i in photo.pixels.indices { photo.pixels[i] += Float(noise * rng.gaussian()) }
        let quality = Int(rng.uniform(Double(jpegQuality.lowerBound)...Double(jpegQuality.upperBound) + 0.999))
        let jpeg = try JPEG.encode(try photo.grayImage(), quality: min(quality, jpegQuality.upperBound))
        let image = try JPEG.decode(jpeg)
        let conditions = WearConditions(
            printPixelsPerModule: printPPM, photoPixelsPerModule: photoPPM, rotation: rotation,
            cornerJitter: jitter.map(abs).max() ?? 0, blurSigma: sigma, lightGradient: gradient, vignette: vig,
            noiseSigma: noise, jpegQuality: min(quality, jpegQuality.upperBound), mark: mark)
        return (image, conditions)
    }

    /// The printed card: the symbol plus quiet zone at `pixelsPerModule` print pixels per module.
    func printRaster(_ code: QRCode, pixelsPerModule p: Double) -> Canvas {
        let modules = code.size + 2 * Self.quietZone
        let side = Int((Double(modules) * p).rounded(.up))
        var canvas = Canvas(width: side, height: side, fill: Self.paper)
        // Which module each print row/column centre falls in.
        let moduleOf = (0..<side).map { Int(((Double($0) + 0.5) / p).rounded(.down)) - Self.quietZone }
        for y in 0..<side {
            let my = moduleOf[y]
            guard my >= 0, my < code.size else { continue }
            for x in 0..<side where code.isDark(x: moduleOf[x], y: my) {
                canvas.pixels[y * side + x] = Self.ink
            }
        }
        return canvas
    }

    /// Darkens a soft disc of `stainArea` × the symbol area, placed uniformly over the symbol but never within
    /// reach of a finder pattern's centre (a damaged finder defeats detection whatever the error correction).
    func stain(_ card: inout Canvas, code: QRCode, pixelsPerModule p: Double, rng: inout SplitMix64)
        -> WearConditions.Mark
    {
        let size = Double(code.size)
        let radius = size * (stainArea / Double.pi).squareRoot()
        let finders = [(3.5, 3.5), (size - 3.5, 3.5), (3.5, size - 3.5)]
        var cx = size / 2, cy = size / 2
        for _ in 0..<1000 {
            cx = rng.uniform(0...size)
            cy = rng.uniform(0...size)
            if finders.allSatisfy({ (($0.0 - cx) * ($0.0 - cx) + ($0.1 - cy) * ($0.1 - cy)).squareRoot() > radius + 2 }) {
                break
            }
        }
        let darkness = rng.uniform(stainDarkness)
        // Soft edge: full strength inside 0.8 r, fading smoothly to nothing at 1.2 r (half strength at r).
        let q = Double(Self.quietZone)
        let px = (cx + q) * p, py = (cy + q) * p, pr = radius * p
        let lo = max(0, Int(px - 1.2 * pr)), hi = min(card.width - 1, Int(px + 1.2 * pr) + 1)
        let top = max(0, Int(py - 1.2 * pr)), bottom = min(card.height - 1, Int(py + 1.2 * pr) + 1)
        if lo <= hi, top <= bottom {
            for y in top...bottom {
                for x in lo...hi {
                    let dx = Double(x) + 0.5 - px, dy = Double(y) + 0.5 - py
                    let d = (dx * dx + dy * dy).squareRoot() / pr
                    let t = min(max((1.2 - d) / 0.4, 0), 1)
                    let strength = t * t * (3 - 2 * t) * darkness
                    card.pixels[y * card.width + x] *= Float(1 - strength)
                }
            }
        }
        return .stain(centreX: cx, centreY: cy, radius: radius, darkness: darkness)
    }

    /// A crease across the whole card through a point near the centre: a band `widthInPrintPixels` wide whose
    /// brightness moves towards black (shadow) or towards paper (worn ink), with half-pixel soft edges in the
    /// photo.
    func fold(_ card: inout Canvas, widthInPrintPixels w: Double, scale: Double, rng: inout SplitMix64)
        -> WearConditions.Mark
    {
        let angle = rng.uniform(0...Double.pi)
        let side = Double(card.width)
        let ox = side * rng.uniform(0.3...0.7), oy = side * rng.uniform(0.3...0.7)
        let nx = -sin(angle), ny = cos(angle)  // unit normal of the line
        let shadow = rng.next() & 1 == 0
        let amount = shadow ? rng.uniform(0.4...0.7) : rng.uniform(0.6...0.9)
        let soft = 0.5 / scale
        for y in 0..<card.height {
            for x in 0..<card.width {
                let d = abs((Double(x) + 0.5 - ox) * nx + (Double(y) + 0.5 - oy) * ny)
                let t = min(max((w / 2 + soft - d) / (2 * soft), 0), 1)
                guard t > 0 else { continue }
                let i = y * card.width + x
                let v = card.pixels[i]
                card.pixels[i] = shadow ? v * Float(1 - amount * t) : v + (Self.paper - v) * Float(amount * t)
            }
        }
        return .fold(angle: angle * 180 / Double.pi, width: w * scale, change: shadow ? -amount : amount)
    }

    /// The camera's view: the card scaled by `scale`, rotated, its corners jittered by fractions of the side,
    /// on a canvas with a margin; sampled 2×2 per photo pixel through the inverse transform. Beyond the printed
    /// area the card's paper continues.
    func warp(_ card: Canvas, scale: Double, rotation: Double, jitter: [Double]) -> Canvas {
        let side = Double(card.width) * scale
        let a = rotation * Double.pi / 180
        let corners: [(x: Double, y: Double)] = [(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)]
        var moved = corners.enumerated().map { i, c -> (x: Double, y: Double) in
            let x = (c.x + jitter[2 * i]) * side, y = (c.y + jitter[2 * i + 1]) * side
            return (cos(a) * x - sin(a) * y, sin(a) * x + cos(a) * y)
        }
        let margin = 0.1 * side + 8
        let minX = moved.map(\.x).min()! - margin, minY = moved.map(\.y).min()! - margin
        moved = moved.map { ($0.x - minX, $0.y - minY) }
        let width = Int((moved.map(\.x).max()! + margin).rounded(.up))
        let height = Int((moved.map(\.y).max()! + margin).rounded(.up))
        let s = Double(card.width)
        let source: [(x: Double, y: Double)] = [(0, 0), (s, 0), (s, s), (0, s)]
        guard let inverse = Homography(from: moved, to: source) else {
            preconditionFailure("corner jitter of a few per cent cannot make the transform singular")
        }
        var out = Canvas(width: width, height: height, fill: Self.paper)
        out.pixels.withUnsafeMutableBufferPointer { dst in
            for y in 0..<height {
                for x in 0..<width {
                    var sum: Float = 0
                    for (ox, oy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                        let p = inverse.apply(Double(x) + ox, Double(y) + oy)
                        sum += card.sample(p.x, p.y, outside: Self.paper)
                    }
                    dst[y * width + x] = sum / 4
                }
            }
        }
        return out
    }

    /// Uneven light: a linear falloff of `gradient` along `direction`, times a quadratic vignette.
    func light(_ photo: inout Canvas, gradient: Double, direction: Double, vignette: Double) {
        let w = Double(photo.width), h = Double(photo.height)
        let dx = cos(direction), dy = sin(direction)
        // Projections of the corners onto the direction give the range to normalise over.
        let projections = [(0.0, 0.0), (w, 0), (0, h), (w, h)].map { $0.0 * dx + $0.1 * dy }
        let pmin = projections.min()!, span = max(projections.max()! - pmin, 1)
        let cx = w / 2, cy = h / 2, rmax2 = cx * cx + cy * cy
        for y in 0..<photo.height {
            for x in 0..<photo.width {
                let px = Double(x) + 0.5, py = Double(y) + 0.5
                let t = (px * dx + py * dy - pmin) / span
                let r2 = ((px - cx) * (px - cx) + (py - cy) * (py - cy)) / rmax2
                photo.pixels[y * photo.width + x] *= Float((1 - gradient * t) * (1 - vignette * r2))
            }
        }
    }
}
