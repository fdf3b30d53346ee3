extension QRCode {
    /// Renders the symbol as a greyscale bitmap: dark modules 0, light modules and quiet zone 255.
    /// - Parameters:
    ///   - modulePixels: pixels per module edge (values below 1 are treated as 1).
    ///   - quietZoneModules: light border width in modules.
    /// - Returns: a square image of `(size + 2 × quietZoneModules) × modulePixels` pixels per side.
    public func render(modulePixels: Int, quietZoneModules: Int = 4) -> GrayImage {
        let scale = max(1, modulePixels)
        let quiet = max(0, quietZoneModules)
        let side = (size + 2 * quiet) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for my in 0..<size {
            for mx in 0..<size where isDark(x: mx, y: my) {
                let px = (mx + quiet) * scale
                for row in ((my + quiet) * scale)..<((my + quiet + 1) * scale) {
                    let base = row * side + px
                    for i in 0..<scale { pixels[base + i] = 0 }
                }
            }
        }
        return GrayImage(uncheckedWidth: side, height: side, pixels: pixels)
    }
}
