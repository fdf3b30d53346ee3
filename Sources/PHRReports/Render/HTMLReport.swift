import Foundation

/// The report as one self-contained HTML5 page: inline CSS, inline SVG charts, no scripts, no external
/// references of any kind (no URLs, fonts, images or style sheets loaded).
public enum HTMLReport {
    /// Renders the page.
    public static func render(_ report: PublishedReport) -> String {
        var h = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(report.title))</title>
            <style>
            body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #222; max-width: 980px; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; }
            h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; margin: 0.6em 0 0.4em; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; }
            td { text-align: right; font-variant-numeric: tabular-nums; }
            th { background: #f3f3f3; text-align: left; }
            tr.total th, tr.total td, td.total { font-weight: bold; }
            td.suppressed { color: #666; background: #fafafa; text-align: center; }
            td.na { color: #999; text-align: center; }
            .rate { color: #555; font-size: 0.85em; margin-left: 0.3em; }
            .note { color: #555; font-size: 0.9em; }
            .warning { background: #fff3cd; border: 1px solid #e0c060; padding: 0.6em; }
            dl.summary { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
            dl.summary dt { font-weight: bold; }
            dl.summary dd { margin: 0; }
            figure { margin: 1.5em 0; }
            figcaption { color: #555; font-size: 0.9em; }
            svg { max-width: 100%; height: auto; }
            @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } }
            </style>
            </head>
            <body>
            <h1>\(escape(report.title))</h1>
            <p class="note">Aggregate figures only: no row-level data. Produced by phrcard report; method in spec/reports.md.</p>

            """
        if report.seeded {
            h += "<p class=\"warning\">This report's noise was drawn from a fixed seed (--seed). It is for tests only and offers no privacy.</p>\n"
        }
        h += "<h2>About this report</h2>\n<dl class=\"summary\">\n"
        for (term, text) in report.summaryLines {
            h += "<dt>\(escape(term))</dt><dd>\(escape(text))</dd>\n"
        }
        h += "</dl>\n"
        if !report.budget.isEmpty {
            h += "<h2>Privacy budget</h2>\n<table>\n<tr><th>Table</th><th>ε</th><th>Sensitivity Δ</th><th>Noise standard deviation</th></tr>\n"
            for b in report.budget {
                h += "<tr><th>\(escape(report.table(b.table)?.title ?? b.table))</th><td>\(String(format: "%.4f", b.epsilon))</td>"
                    + "<td>\(b.sensitivity)</td><td>\(String(format: "%.2f", b.noise.variance.squareRoot()))</td></tr>\n"
            }
            h += "</table>\n<p class=\"note\">Total ε = \(escape(report.privacy.epsilon?.text ?? "")) (sequential composition). "
                + "Rates are computed from noisy counts and clipped to [0, 100%]; totals are sums of the noisy cells.</p>\n"
        }
        h += "<h2>Charts</h2>\n"
        for chart in ReportCharts.all(report) {
            h += "<figure>\n" + svg(chart) + "<figcaption>\(escape(chart.caption))</figcaption>\n</figure>\n"
        }
        for table in report.tables {
            h += "<h2>\(escape(table.title))</h2>\n<p class=\"note\">\(escape(table.note))</p>\n<table id=\"\(table.id)\">\n<tr><th></th>"
            for label in table.columnLabels { h += "<th scope=\"col\">\(escape(label))</th>" }
            h += "</tr>\n"
            for r in 0..<table.rowCount {
                let totalRow = table.hasTotalRow && r == table.rowCount - 1
                h += totalRow ? "<tr class=\"total\">" : "<tr>"
                h += "<th scope=\"row\">\(escape(table.rowLabels[r]))</th>"
                for c in 0..<table.columnCount {
                    let (value, rate) = report.cellText(table, r, c)
                    var classes: [String] = []
                    switch table.status[r][c] {
                    case .primary, .complementary: classes.append("suppressed")
                    case .notApplicable: classes.append("na")
                    case .published: break
                    }
                    if table.hasTotalColumn && c == table.columnCount - 1 { classes.append("total") }
                    let title = table.status[r][c] == .primary ? " title=\"suppressed: fewer than \(report.privacy.minCell), or fewer than \(report.privacy.minCell) short of its denominator\""
                        : table.status[r][c] == .complementary ? " title=\"suppressed so that another cell cannot be recovered\"" : ""
                    h += "<td" + (classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"") + title + ">"
                        + escape(value) + (rate.map { "<span class=\"rate\">\(escape($0))</span>" } ?? "") + "</td>"
                }
                h += "</tr>\n"
            }
            h += "</table>\n"
        }
        h += """
            <h2>Reading the tables</h2>
            <p class="note">– : suppressed (a count of 1 to \(report.privacy.minCell - 1), a count that leaves 1 to \
            \(report.privacy.minCell - 1) people of its denominator uncounted, or a cell hidden so that such a count \
            cannot be worked out from the totals). n/a : not defined for this cell. Percentages are shares of the \
            denominator named under each table.</p>
            </body>
            </html>

            """
        return h
    }

    /// A chart as inline SVG (no external references; text in the page's font).
    public static func svg(_ chart: Chart) -> String {
        let w = fmt(chart.width), hh = fmt(chart.height)
        var s = "<svg role=\"img\" width=\"\(w)\" height=\"\(hh)\" viewBox=\"0 0 \(w) \(hh)\" "
            + "font-family=\"Noto Sans, DejaVu Sans, Arial, sans-serif\">\n"
        s += "<title>\(escape(chart.title))</title>\n<desc>\(escape(chart.caption))</desc>\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(hh)\" fill=\"#ffffff\"/>\n"
        for shape in chart.shapes {
            switch shape {
            case let .rect(x, y, width, height, fill):
                s += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" fill=\"\(fill.hex)\"/>\n"
            case let .line(x1, y1, x2, y2, color, width, dashed):
                s += "<line x1=\"\(fmt(x1))\" y1=\"\(fmt(y1))\" x2=\"\(fmt(x2))\" y2=\"\(fmt(y2))\" stroke=\"\(color.hex)\" "
                    + "stroke-width=\"\(fmt(width))\"" + (dashed ? " stroke-dasharray=\"3 3\"" : "") + "/>\n"
            case let .text(x, y, text, size, anchor, bold, color):
                s += "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" font-size=\"\(fmt(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(color.hex)\""
                    + (bold ? " font-weight=\"bold\"" : "") + ">\(escape(text))</text>\n"
            }
        }
        return s + "</svg>\n"
    }

    static func fmt(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }

    /// Escapes text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
