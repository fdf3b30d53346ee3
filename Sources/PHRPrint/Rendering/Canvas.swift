import PHRCardCore
import PHRImaging
import PHRLocalization
internal import CPangoCairo

/// A cairo drawing context in millimetres with Pango text, shared by the PDF and PNG outputs. Hinting and glyph
/// position rounding are off, so text measures the same on every surface and the PNG preview is the PDF's layout.
final class Canvas {
    /// The cairo context (`cairo_t *`).
    private let cr: OpaquePointer
    /// The Pango context bound to `cr`.
    private let pango: OpaquePointer
    /// Glyphs that no installed font covers (drawn as boxes), counted over every text drawn or measured.
    private(set) var unknownGlyphs = 0

    /// Creates a canvas on a surface whose device unit is `unitsPerMM` of a millimetre.
    init(surface: OpaquePointer, unitsPerMM: Double) throws(PrintError) {
        guard let cr = cairo_create(surface) else { throw PrintError(.rendering, "cairo_create failed") }
        if cairo_status(cr) != CAIRO_STATUS_SUCCESS {
            let message = String(cString: cairo_status_to_string(cairo_status(cr)))
            cairo_destroy(cr)
            throw PrintError(.rendering, "cairo: \(message)")
        }
        cairo_scale(cr, unitsPerMM, unitsPerMM)
        guard let pango = pango_cairo_create_context(cr) else {
            cairo_destroy(cr)
            throw PrintError(.rendering, "pango_cairo_create_context failed")
        }
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(pango, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(pango, 0)
        self.cr = cr
        self.pango = pango
    }

    deinit {
        phr_g_object_unref(UnsafeMutableRawPointer(pango))
        cairo_destroy(cr)
    }

    /// Throws if cairo recorded an error on this context.
    func check() throws(PrintError) {
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PrintError(.rendering, "cairo: \(String(cString: cairo_status_to_string(status)))")
        }
    }

    /// Ends the current page (PDF surfaces start a new one).
    func showPage() { cairo_show_page(cr) }

    // MARK: Shapes

    /// Fills rectangles (x, y, width, height in mm) in one path, so that abutting rectangles leave no seams.
    func fill(rects: [(Double, Double, Double, Double)], gray: Double = 0) {
        guard !rects.isEmpty else { return }
        cairo_new_path(cr)
        for r in rects { cairo_rectangle(cr, r.0, r.1, r.2, r.3) }
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
        cairo_fill(cr)
    }

    /// Strokes a polyline; `dash` is an on/off pattern in mm (nil = solid).
    func stroke(_ points: [(Double, Double)], width: Double, gray: Double = 0, dash: [Double]? = nil,
                closed: Bool = false) {
        guard let first = points.first else { return }
        cairo_new_path(cr)
        cairo_move_to(cr, first.0, first.1)
        for p in points.dropFirst() { cairo_line_to(cr, p.0, p.1) }
        if closed { cairo_close_path(cr) }
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_set_line_width(cr, width)
        if let dash {
            dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        } else {
            cairo_set_dash(cr, nil, 0, 0)
        }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    /// Draws a QR code with its top-left quiet-zone corner at (x, y): a white square for symbol and quiet zone,
    /// then every horizontal run of dark modules as one rectangle of exactly `module` mm per module.
    func draw(qr: QRCode, x: Double, y: Double, module: Double, quietZone: Int) {
        let side = Double(qr.size + 2 * quietZone) * module
        fill(rects: [(x, y, side, side)], gray: 1)
        var runs: [(Double, Double, Double, Double)] = []
        for row in 0..<qr.size {
            var col = 0
            while col < qr.size {
                guard qr.isDark(x: col, y: row) else { col += 1; continue }
                let start = col
                while col < qr.size && qr.isDark(x: col, y: row) { col += 1 }
                runs.append((x + Double(start + quietZone) * module, y + Double(row + quietZone) * module,
                             Double(col - start) * module, module))
            }
        }
        fill(rects: runs)
    }

    // MARK: Text

    /// How a piece of text is set.
    struct Style {
        /// Font size (em) in mm.
        var size: Double
        var bold = false
        var gray = 0.0
        /// Horizontal alignment within the box (flipped for right-to-left paragraphs, as Pango does).
        var alignment = Alignment.start
        /// Whether to wrap at the box width (otherwise one line, shrunk to fit down to `minSize`, then ellipsized).
        var wrap = false
        /// The smallest size a single line may shrink to before it is ellipsized.
        var minSize: Double?
        /// Letter spacing in mm.
        var letterSpacing = 0.0
        /// A font family list (nil = the default Noto list).
        var family: String?

        enum Alignment { case start, center, end }
    }

    /// The fonts tried in order; fontconfig falls back to any installed font for scripts not listed.
    static let families = "Noto Sans, Noto Sans Arabic, Noto Naskh Arabic, Noto Sans Ethiopic, Noto Sans Bengali, "
        + "Noto Sans Tamil, Noto Sans Devanagari, DejaVu Sans"

    /// The measured size of a laid-out text, in mm.
    struct TextSize { var width: Double; var height: Double }

    /// Measures a text set in `style` in a box `width` mm wide (the style may shrink a single line).
    func measure(_ text: String, _ style: Style, width: Double) -> TextSize {
        withLayout(text, style, width: width) { layout, _ in size(of: layout) }
    }

    /// Draws a text with its box's top-left corner at (x, y) and returns its height in mm.
    @discardableResult
    func draw(_ text: String, _ style: Style, x: Double, y: Double, width: Double) -> Double {
        withLayout(text, style, width: width) { layout, gray in
            unknownGlyphs += Int(pango_layout_get_unknown_glyphs_count(layout))
            cairo_set_source_rgb(cr, gray, gray, gray)
            cairo_move_to(cr, x, y)
            pango_cairo_show_layout(cr, layout)
            return size(of: layout).height
        }
    }

    private func size(of layout: OpaquePointer) -> TextSize {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let scale = Double(phr_pango_scale())
        return TextSize(width: Double(logical.width) / scale, height: Double(logical.height) / scale)
    }

    private func withLayout<T>(_ text: String, _ style: Style, width: Double,
                               _ body: (OpaquePointer, Double) -> T) -> T {
        let layout = pango_layout_new(pango)!
        defer { phr_g_object_unref(UnsafeMutableRawPointer(layout)) }
        let scale = Double(phr_pango_scale())
        let desc = pango_font_description_from_string(style.family ?? Self.families)!
        defer { pango_font_description_free(desc) }
        pango_font_description_set_weight(desc, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        func apply(size: Double) {
            pango_font_description_set_absolute_size(desc, size * scale)
            pango_layout_set_font_description(layout, desc)
        }
        apply(size: style.size)
        pango_layout_set_text(layout, text, -1)
        if style.letterSpacing != 0 {
            let attrs = pango_attr_list_new()
            pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(Int32(style.letterSpacing * scale)))
            pango_layout_set_attributes(layout, attrs)
            pango_attr_list_unref(attrs)
        }
        switch style.alignment {
        case .start: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .end: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        if style.wrap {
            pango_layout_set_width(layout, Int32(width * scale))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        } else {
            // Shrink until the line fits (letter spacing does not scale, hence a few rounds), then ellipsize.
            var current = style.size
            let floor = style.minSize ?? style.size
            for _ in 0..<4 {
                let natural = size(of: layout).width
                guard natural > width, natural > 0, current > floor else { break }
                current = max(floor, current * width / natural * 0.97)
                apply(size: current)
            }
            pango_layout_set_width(layout, Int32(width * scale))
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        }
        return body(layout, style.gray)
    }
}

extension Canvas {
    /// Runs `body` with the origin moved by (dx, dy) mm.
    func translated<T>(_ dx: Double, _ dy: Double, _ body: () throws(PrintError) -> T) throws(PrintError) -> T {
        cairo_save(cr)
        cairo_translate(cr, dx, dy)
        defer { cairo_restore(cr) }
        return try body()
    }
}
