/// The physical format of a printed card.
public enum CardLayout: String, Sendable, CaseIterable {
    /// ISO/IEC 7810 ID-1 (85.6 × 54 mm, a bank card). The PDF has two pages of that size: the card front, then
    /// the holder-code stub, to be printed on a separate card or slip so that the code is kept apart.
    case id1
    /// ISO 216 A6 portrait (105 × 148 mm): the card panel at the top, a dashed cut line, the stub below it on the
    /// same page. Fits larger QR codes (up to 97 mm with the quiet zone).
    case a6

    /// The page size in millimetres (width, height).
    public var pageSizeMM: (width: Double, height: Double) {
        switch self {
        case .id1: (85.6, 54)
        case .a6: (105, 148)
        }
    }
}

/// Physical sizes shared by the layouts, in millimetres.
enum PrintGeometry {
    /// ISO/IEC 7810 ID-1 width.
    static let id1Width = 85.6
    /// ISO/IEC 7810 ID-1 height.
    static let id1Height = 54.0
    /// ISO 216 A4 width.
    static let a4Width = 210.0
    /// ISO 216 A4 height.
    static let a4Height = 297.0
    /// Millimetres per PostScript/PDF point (1 pt = 1/72 in).
    static let mmPerPoint = 25.4 / 72
    /// The QR quiet zone in modules (ISO/IEC 18004 asks for 4).
    static let quietZoneModules = 4
}
