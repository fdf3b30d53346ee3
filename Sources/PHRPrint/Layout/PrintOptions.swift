import PHRCardCore
import PHRImaging
import PHRLocalization
/// How to print a card.
public struct PrintOptions: Sendable, Hashable {
    /// The physical format.
    public var layout: CardLayout
    /// The edge of one QR module in millimetres (at least 0.25).
    public var moduleSizeMM: Double
    /// The QR error-correction level of the card code.
    public var errorCorrection: QRErrorCorrection
    /// Whether to print the holder's name and birth date on the front.
    public var showHolderName: Bool
    /// The issuer's human-readable name (the card always shows the issuer id); nil prints the id only.
    public var issuerName: String?

    /// Creates print options.
    /// - Parameters:
    ///   - layout: `.id1` (default) or `.a6`.
    ///   - moduleSizeMM: QR module edge in millimetres (default 0.40).
    ///   - errorCorrection: QR error correction of the card code (default M).
    ///   - showHolderName: print the holder's name and birth date (default true).
    ///   - issuerName: the issuer's display name, if any.
    public init(layout: CardLayout = .id1, moduleSizeMM: Double = 0.40, errorCorrection: QRErrorCorrection = .M,
                showHolderName: Bool = true, issuerName: String? = nil) {
        self.layout = layout
        self.moduleSizeMM = moduleSizeMM
        self.errorCorrection = errorCorrection
        self.showHolderName = showHolderName
        self.issuerName = issuerName
    }

    /// The smallest module edge that prints reliably, in millimetres.
    public static let minimumModuleSizeMM = 0.25
}
