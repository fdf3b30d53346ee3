import PHRCardCore
import PHRImaging
import PHRLocalization
internal import CPangoCairo

/// A page to draw: its size in mm and what goes on it.
struct PageSpec {
    let width: Double
    let height: Double
    let draw: (Canvas) throws(PrintError) -> Void
}

/// Collects the bytes cairo writes to a PDF stream.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// cairo surfaces: a multi-page vector PDF in exact millimetres, and a greyscale raster of pages.
enum Surfaces {
    /// Renders pages into a PDF (1 pt = 25.4/72 mm). Returns the bytes and the number of glyphs no font covered.
    static func pdf(_ pages: [PageSpec], title: String) throws(PrintError) -> (bytes: [UInt8], unknownGlyphs: Int) {
        guard let first = pages.first else { throw PrintError(.invalidParameter, "no pages to render") }
        let sink = ByteSink()
        let pt = 1 / PrintGeometry.mmPerPoint
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        return try withExtendedLifetime(sink) { () throws(PrintError) -> ([UInt8], Int) in
            guard let surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(),
                                                                     first.width * pt, first.height * pt) else {
                throw PrintError(.rendering, "cairo_pdf_surface_create_for_stream failed")
            }
            defer { cairo_surface_destroy(surface) }
            try checkSurface(surface)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "phrcard")
            var unknown = 0
            do {
                let canvas = try Canvas(surface: surface, unitsPerMM: pt)
                for page in pages {
                    cairo_pdf_surface_set_size(surface, page.width * pt, page.height * pt)
                    try page.draw(canvas)
                    try canvas.check()
                    canvas.showPage()
                }
                unknown = canvas.unknownGlyphs
            }
            cairo_surface_finish(surface)
            try checkSurface(surface)
            return (sink.bytes, unknown)
        }
    }

    /// Renders pages one below the other (with a grey gap) into one greyscale image at `dpi`.
    static func raster(_ pages: [PageSpec], dpi: Double, gap: Double = 4) throws(PrintError)
        -> (image: GrayImage, unknownGlyphs: Int)
    {
        guard !pages.isEmpty else { throw PrintError(.invalidParameter, "no pages to render") }
        guard dpi.isFinite, dpi >= 50, dpi <= 1200 else {
            throw PrintError(.invalidParameter, "a preview resolution of \(dpi) dpi is outside 50...1200")
        }
        let perMM = dpi / 25.4
        let widthMM = pages.map(\.width).max() ?? 0
        let heightMM = pages.reduce(0) { $0 + $1.height } + gap * Double(pages.count - 1)
        let w = Int((widthMM * perMM).rounded(.up))
        let h = Int((heightMM * perMM).rounded(.up))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h)) else {
            throw PrintError(.rendering, "cairo_image_surface_create failed")
        }
        defer { cairo_surface_destroy(surface) }
        try checkSurface(surface)
        var unknown = 0
        do {
            let canvas = try Canvas(surface: surface, unitsPerMM: perMM)
            canvas.fill(rects: [(0, 0, widthMM + 1, heightMM + 1)], gray: 0.8)
            var y = 0.0
            for page in pages {
                try canvas.translated(0, y) { () throws(PrintError) in
                    canvas.fill(rects: [(0, 0, page.width, page.height)], gray: 1)
                    try page.draw(canvas)
                }
                y += page.height + gap
            }
            try canvas.check()
            unknown = canvas.unknownGlyphs
        }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            throw PrintError(.rendering, "cairo image surface has no data")
        }
        var pixels = [UInt8](repeating: 255, count: w * h)
        for row in 0..<h {
            let line = data + row * stride
            for col in 0..<w {
                // RGB24 is a native-endian 32-bit xRGB word: bytes B, G, R, x on little-endian machines.
                let word = UnsafeRawPointer(line + col * 4).loadUnaligned(as: UInt32.self)
                let r = (word >> 16) & 0xFF, g = (word >> 8) & 0xFF, b = word & 0xFF
                pixels[row * w + col] = UInt8((299 * r + 587 * g + 114 * b + 500) / 1000)
            }
        }
        do {
            return (try GrayImage(width: w, height: h, pixels: pixels), unknown)
        } catch {
            throw PrintError(.rendering, "preview image: \(error.message)")
        }
    }

    private static func checkSurface(_ surface: OpaquePointer) throws(PrintError) {
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PrintError(.rendering, "cairo surface: \(String(cString: cairo_status_to_string(status)))")
        }
    }
}
