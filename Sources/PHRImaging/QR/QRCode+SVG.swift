extension QRCode {
    /// Renders the symbol as SVG with exact physical size: `width`/`height` in millimetres, a `viewBox` in
    /// modules (symbol plus quiet zone on each side), a white background and one `<path>` of dark modules
    /// (one `M x y h n v1 h-n z` rectangle per horizontal run of dark modules).
    /// - Parameters:
    ///   - moduleSizeMM: edge length of one module in millimetres.
    ///   - quietZoneModules: light border width in modules (the standard asks for 4).
    /// - Returns: a complete SVG document.
    public func svg(moduleSizeMM: Double, quietZoneModules: Int = 4) -> String {
        let quiet = max(0, quietZoneModules)
        let total = size + 2 * quiet
        let mm = Self.formatDecimal(Double(total) * moduleSizeMM)
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                var run = 1
                while x + run < size && isDark(x: x + run, y: y) { run += 1 }
                path += "M\(x + quiet) \(y + quiet)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(mm)mm" height="\(mm)mm" \
            viewBox="0 0 \(total) \(total)" shape-rendering="crispEdges">
            <rect width="\(total)" height="\(total)" fill="#fff"/>
            <path fill="#000" d="\(path)"/>
            </svg>

            """
    }

    /// Formats a non-negative decimal with at most 4 fractional digits and no trailing zeros (no exponent).
    static func formatDecimal(_ value: Double) -> String {
        let scaled = Int((value * 10_000).rounded())
        let whole = scaled / 10_000
        var fraction = scaled % 10_000
        guard fraction != 0 else { return String(whole) }
        var digits = 4
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let text = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }
}
