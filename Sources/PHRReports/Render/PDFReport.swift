import Foundation
internal import CPangoCairo

/// The report as a vector PDF (A4 portrait, cairo + Pango): the same summary, charts (drawn from the same
/// ``Chart`` shapes as the HTML's SVG) and tables.
public enum PDFReport {
    static let pageWidth = 595.28, pageHeight = 841.89, margin = 40.0

    /// Renders the PDF.
    /// - Throws: `report.rendering` when cairo fails.
    public static func render(_ report: PublishedReport) throws(ReportError) -> [UInt8] {
        let painter = try PDFPainter(width: pageWidth, height: pageHeight, title: report.title)
        var y = margin
        let contentWidth = pageWidth - 2 * margin
        func newPage() {
            painter.showPage()
            y = margin
        }
        func ensure(_ height: Double) {
            if y + height > pageHeight - margin { newPage() }
        }
        y += painter.text(report.title, x: margin, y: y, size: 18, bold: true, width: contentWidth)
        y += 4
        y += painter.text("Aggregate figures only: no row-level data. Produced by phrcard report; method in spec/reports.md.",
                          x: margin, y: y, size: 9, color: .muted, width: contentWidth)
        y += 10
        if report.seeded {
            y += painter.text("This report's noise was drawn from a fixed seed (--seed). It is for tests only and offers no privacy.",
                              x: margin, y: y, size: 10, bold: true, color: Chart.Color(0x995500), width: contentWidth) + 8
        }
        for (term, text) in report.summaryLines {
            let h1 = painter.text(term, x: margin, y: y, size: 9.5, bold: true, width: 130)
            let h2 = painter.text(text, x: margin + 135, y: y, size: 9.5, width: contentWidth - 135)
            y += max(h1, h2) + 3
        }
        if !report.budget.isEmpty {
            y += 10
            y += painter.text("Privacy budget", x: margin, y: y, size: 12, bold: true, width: contentWidth) + 4
            for b in report.budget {
                let line = "\(report.table(b.table)?.title ?? b.table): ε = \(String(format: "%.4f", b.epsilon)), "
                    + "Δ = \(b.sensitivity), noise s.d. \(String(format: "%.2f", b.noise.variance.squareRoot()))"
                y += painter.text(line, x: margin, y: y, size: 9, width: contentWidth) + 2
            }
        }
        // Charts, scaled to the text width.
        for chart in ReportCharts.all(report) {
            let scale = min(1, contentWidth / chart.width)
            ensure(chart.height * scale + 30)
            y += 14
            painter.draw(chart, x: margin, y: y, scale: scale)
            y += chart.height * scale
            y += painter.text(chart.caption, x: margin, y: y + 2, size: 8.5, color: .muted, width: contentWidth) + 6
        }
        // Tables.
        for table in report.tables {
            let labelWidth = 150.0
            let columnWidth = (contentWidth - labelWidth) / Double(table.columnCount)
            let hasRates = table.rates.contains { $0.contains { $0 != nil } }
            let rowHeight = hasRates ? 20.0 : 13.0
            ensure(60 + rowHeight * 2)
            y += 14
            y += painter.text(table.title, x: margin, y: y, size: 12, bold: true, width: contentWidth) + 2
            y += painter.text(table.note, x: margin, y: y, size: 8, color: .muted, width: contentWidth) + 4
            func header() {
                painter.rect(x: margin, y: y, width: contentWidth, height: 14, fill: Chart.Color(0xEEEEEE))
                for (c, label) in table.columnLabels.enumerated() {
                    painter.text(label, x: margin + labelWidth + Double(c) * columnWidth, y: y + 2.5, size: 7.5, bold: true,
                                 width: columnWidth - 2, anchor: .end, singleLine: true)
                }
                y += 14
            }
            header()
            for r in 0..<table.rowCount {
                if y + rowHeight > pageHeight - margin {
                    newPage()
                    header()
                }
                let isTotal = table.hasTotalRow && r == table.rowCount - 1
                if r % 2 == 1 { painter.rect(x: margin, y: y, width: contentWidth, height: rowHeight, fill: Chart.Color(0xF7F7F7)) }
                painter.text(table.rowLabels[r], x: margin + 2, y: y + 2.5, size: 7.5, bold: isTotal, width: labelWidth - 4,
                             singleLine: true)
                for c in 0..<table.columnCount {
                    let (value, rate) = report.cellText(table, r, c)
                    let x = margin + labelWidth + Double(c) * columnWidth
                    let muted = table.status[r][c] != .published
                    painter.text(value, x: x, y: y + 2.5, size: 7.5,
                                 bold: isTotal || (table.hasTotalColumn && c == table.columnCount - 1),
                                 color: muted ? .muted : .text, width: columnWidth - 2, anchor: .end, singleLine: true)
                    if let rate {
                        painter.text(rate, x: x, y: y + 11, size: 6.5, color: .muted, width: columnWidth - 2, anchor: .end,
                                     singleLine: true)
                    }
                }
                y += rowHeight
            }
            painter.line(x1: margin, y1: y, x2: margin + contentWidth, y2: y, color: .grid, width: 0.5)
        }
        ensure(40)
        y += 16
        painter.text("– : suppressed (a count of 1 to \(report.privacy.minCell - 1), a count leaving 1 to \(report.privacy.minCell - 1) of its "
                     + "denominator uncounted, or hidden so that such a count cannot be worked out "
                     + "from the totals). n/a : not defined. Percentages are shares of the denominator named under each table.",
                     x: margin, y: y, size: 8, color: .muted, width: contentWidth)
        return try painter.finish()
    }
}

/// A cairo PDF surface with Pango text, in points. Internal: the only place the report touches C.
final class PDFPainter {
    private final class Sink { var bytes: [UInt8] = [] }
    private let sink = Sink()
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let pango: OpaquePointer

    init(width: Double, height: Double, title: String) throws(ReportError) {
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        guard let surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(), width, height),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw ReportError(.rendering, "cairo_pdf_surface_create_for_stream failed")
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "phrcard report")
        guard let cr = cairo_create(surface), cairo_status(cr) == CAIRO_STATUS_SUCCESS,
              let pango = pango_cairo_create_context(cr) else {
            cairo_surface_destroy(surface)
            throw ReportError(.rendering, "cairo_create failed")
        }
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        pango_cairo_context_set_font_options(pango, options)
        cairo_font_options_destroy(options)
        self.surface = surface
        self.cr = cr
        self.pango = pango
    }

    deinit {
        phr_g_object_unref(UnsafeMutableRawPointer(pango))
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    func showPage() { cairo_show_page(cr) }

    func finish() throws(ReportError) -> [UInt8] {
        cairo_show_page(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ReportError(.rendering, "cairo: \(String(cString: cairo_status_to_string(status)))")
        }
        return sink.bytes
    }

    func rect(x: Double, y: Double, width: Double, height: Double, fill: Chart.Color) {
        cairo_set_source_rgb(cr, fill.r, fill.g, fill.b)
        cairo_rectangle(cr, x, y, width, height)
        cairo_fill(cr)
    }

    func line(x1: Double, y1: Double, x2: Double, y2: Double, color: Chart.Color, width: Double, dashed: Bool = false) {
        cairo_set_source_rgb(cr, color.r, color.g, color.b)
        cairo_set_line_width(cr, width)
        if dashed {
            let dash: [Double] = [3, 3]
            dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, 2, 0) }
        }
        cairo_move_to(cr, x1, y1)
        cairo_line_to(cr, x2, y2)
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    /// Draws text with its box's top-left at (x, y) (or aligned in a box `width` wide); returns its height.
    @discardableResult
    func text(_ string: String, x: Double, y: Double, size: Double, bold: Bool = false, color: Chart.Color = .text,
              width: Double, anchor: Chart.Anchor = .start, singleLine: Bool = false) -> Double {
        let layout = makeLayout(string, size: size, bold: bold)
        defer { phr_g_object_unref(UnsafeMutableRawPointer(layout)) }
        let scale = Double(phr_pango_scale())
        pango_layout_set_width(layout, Int32(width * scale))
        if singleLine {
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        } else {
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        switch anchor {
        case .start: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .middle: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .end: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        cairo_set_source_rgb(cr, color.r, color.g, color.b)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.height) / scale
    }

    /// Draws a chart's shapes at (x, y), scaled.
    func draw(_ chart: Chart, x: Double, y: Double, scale: Double) {
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, scale, scale)
        for shape in chart.shapes {
            switch shape {
            case let .rect(rx, ry, w, h, fill): rect(x: rx, y: ry, width: w, height: h, fill: fill)
            case let .line(x1, y1, x2, y2, color, width, dashed):
                line(x1: x1, y1: y1, x2: x2, y2: y2, color: color, width: width, dashed: dashed)
            case let .text(tx, ty, string, size, anchor, bold, color):
                // SVG text: x is the anchor point and y the baseline.
                let layout = makeLayout(string, size: size, bold: bold)
                defer { phr_g_object_unref(UnsafeMutableRawPointer(layout)) }
                let scaleP = Double(phr_pango_scale())
                var logical = PangoRectangle()
                pango_layout_get_extents(layout, nil, &logical)
                let textWidth = Double(logical.width) / scaleP
                let baseline = Double(pango_layout_get_baseline(layout)) / scaleP
                let left = anchor == .start ? tx : anchor == .middle ? tx - textWidth / 2 : tx - textWidth
                cairo_set_source_rgb(cr, color.r, color.g, color.b)
                cairo_move_to(cr, left, ty - baseline)
                pango_cairo_show_layout(cr, layout)
            }
        }
        cairo_restore(cr)
    }

    private func makeLayout(_ string: String, size: Double, bold: Bool) -> OpaquePointer {
        let layout = pango_layout_new(pango)!
        let desc = pango_font_description_from_string("Noto Sans, DejaVu Sans")!
        pango_font_description_set_absolute_size(desc, size * Double(phr_pango_scale()))
        pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, desc)
        pango_font_description_free(desc)
        pango_layout_set_text(layout, string, -1)
        return layout
    }
}
