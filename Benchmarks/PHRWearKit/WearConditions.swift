/// The damage drawn for one simulated photo (everything needed to describe a failure).
public struct WearConditions: Sendable, CustomStringConvertible {
    /// Local damage on the printed card.
    public enum Mark: Sendable, CustomStringConvertible {
        /// A soft dark blob: centre in modules (symbol coordinates), radius in modules, darkening 0…1 (1 = black).
        case stain(centreX: Double, centreY: Double, radius: Double, darkness: Double)
        /// A crease line across the whole code: angle in degrees, width in photo pixels, and the brightness change
        /// (negative = shadow, the fraction of the way to black; positive = worn ink, the fraction to paper white).
        case fold(angle: Double, width: Double, change: Double)
        /// No local damage (comparison runs).
        case none

        public var description: String {
            switch self {
            case let .stain(x, y, r, d):
                "stain at (\(fmt(x)), \(fmt(y))) r \(fmt(r)) modules, darkness \(fmt(d))"
            case let .fold(a, w, c):
                "fold \(fmt(a))° \(fmt(w)) px, \(c < 0 ? "shadow" : "worn") \(fmt(abs(c)))"
            case .none:
                "no stain or fold"
            }
        }
    }

    /// Print pixels per module (module size × dpi / 25.4).
    public let printPixelsPerModule: Double
    /// Photo pixels per module (after the perspective warp, at the symbol's centre scale).
    public let photoPixelsPerModule: Double
    /// Rotation in degrees.
    public let rotation: Double
    /// Largest corner displacement of the perspective jitter, as a fraction of the printed side.
    public let cornerJitter: Double
    /// Gaussian blur standard deviation in photo pixels.
    public let blurSigma: Double
    /// Brightness lost across the light gradient (0…1) and at the corners by vignetting (0…1).
    public let lightGradient: Double
    public let vignette: Double
    /// Sensor noise standard deviation (0…255 scale).
    public let noiseSigma: Double
    /// JPEG quality.
    public let jpegQuality: Int
    /// The stain or fold.
    public let mark: Mark

    public var description: String {
        "\(fmt(photoPixelsPerModule)) px/module, rot \(fmt(rotation))°, jitter \(fmt(cornerJitter)), "
            + "blur σ \(fmt(blurSigma)), light \(fmt(lightGradient))/\(fmt(vignette)), noise \(fmt(noiseSigma)), "
            + "JPEG q\(jpegQuality), \(mark)"
    }
}

/// Two decimals.
func fmt(_ v: Double) -> String {
    let scaled = (v * 100).rounded() / 100
    return "\(scaled)"
}
