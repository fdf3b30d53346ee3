/// A chart as a list of shapes in points, drawn identically as inline SVG (HTML) and with cairo (PDF).
public struct Chart: Sendable {
    /// An sRGB colour.
    public struct Color: Sendable, Equatable {
        /// Red, green and blue, 0…1.
        public let r: Double, g: Double, b: Double
        /// A colour from 0xRRGGBB.
        public init(_ hex: UInt32) {
            r = Double((hex >> 16) & 0xFF) / 255
            g = Double((hex >> 8) & 0xFF) / 255
            b = Double(hex & 0xFF) / 255
        }
        /// `#rrggbb`.
        public var hex: String {
            let v = [r, g, b].map { Int(($0 * 255).rounded()) }
            return "#" + v.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
        static let text = Color(0x222222)
        static let muted = Color(0x666666)
        static let grid = Color(0xCCCCCC)
        // Paul Tol's colour-blind safe palette.
        static let female = Color(0xCC6677)
        static let male = Color(0x4477AA)
        static let anyDose = Color(0x88CCEE)
        static let complete = Color(0x332288)
    }

    /// Text alignment relative to its x.
    public enum Anchor: String, Sendable { case start, middle, end }

    /// One shape.
    public enum Shape: Sendable {
        case rect(x: Double, y: Double, width: Double, height: Double, fill: Color)
        case line(x1: Double, y1: Double, x2: Double, y2: Double, color: Color, width: Double, dashed: Bool)
        /// Text with its baseline at y.
        case text(x: Double, y: Double, String, size: Double, anchor: Anchor, bold: Bool, color: Color)
    }

    /// The chart's title (also its accessible name).
    public let title: String
    /// A sentence describing what the chart shows (SVG `<desc>`, HTML caption).
    public let caption: String
    /// Width in points (SVG user units).
    public let width: Double
    /// Height in points (SVG user units).
    public let height: Double
    /// The shapes, drawn in order.
    public let shapes: [Shape]
}
