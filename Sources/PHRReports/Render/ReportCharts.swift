import Foundation

/// The report's charts: the population pyramid and vaccination coverage bars, built from the published tables
/// only (suppressed cells are drawn as "–", never as a value).
public enum ReportCharts {
    /// The population pyramid: women to the left, men to the right, by age band (other and unknown sex and unknown
    /// age are in the table, not in the pyramid).
    public static func pyramid(_ report: PublishedReport) -> Chart? {
        guard let table = report.table(ReportBuilder.TableID.population) else { return nil }
        let bands = AgeBand.known
        let rowHeight = 22.0, top = 56.0, width = 640.0, centre = 320.0, labelHalf = 40.0
        let barSpace = centre - labelHalf - 70
        var maxValue = 1
        for band in bands {
            for c in 0...1 { maxValue = max(maxValue, table.value(.init(band.rawValue, c)) ?? 0) }
        }
        var shapes: [Chart.Shape] = []
        shapes.append(.text(x: centre - labelHalf - 4, y: top - 12, "Women", size: 12, anchor: .end, bold: true, color: .female))
        shapes.append(.text(x: centre + labelHalf + 4, y: top - 12, "Men", size: 12, anchor: .start, bold: true, color: .male))
        for (i, band) in bands.reversed().enumerated() {
            let y = top + Double(i) * rowHeight
            shapes.append(.text(x: centre, y: y + 15, band.label, size: 11, anchor: .middle, bold: false, color: .text))
            for (c, color) in [(0, Chart.Color.female), (1, Chart.Color.male)] {
                let left = c == 0
                let edge = left ? centre - labelHalf : centre + labelHalf
                if let value = table.value(.init(band.rawValue, c)) {
                    let length = barSpace * Double(value) / Double(maxValue)
                    shapes.append(.rect(x: left ? edge - length : edge, y: y + 3, width: length, height: rowHeight - 6, fill: color))
                    let labelX = left ? edge - length - 4 : edge + length + 4
                    shapes.append(.text(x: labelX, y: y + 15, PublishedReport.grouped(value), size: 10,
                                        anchor: left ? .end : .start, bold: false, color: .text))
                } else {
                    shapes.append(.text(x: left ? edge - 4 : edge + 4, y: y + 15, "– suppressed", size: 10,
                                        anchor: left ? .end : .start, bold: false, color: .muted))
                }
            }
        }
        let bottom = top + Double(bands.count) * rowHeight
        shapes.append(.line(x1: centre - labelHalf, y1: top, x2: centre - labelHalf, y2: bottom, color: .grid, width: 1, dashed: false))
        shapes.append(.line(x1: centre + labelHalf, y1: top, x2: centre + labelHalf, y2: bottom, color: .grid, width: 1, dashed: false))
        shapes.append(.text(x: 8, y: 20, "Population by age band and sex", size: 15, anchor: .start, bold: true, color: .text))
        shapes.append(.text(x: 8, y: bottom + 24, "People per band (age on \(report.asOf)); bands are 1, 4, 5, 10 or 15 years wide.",
                            size: 10, anchor: .start, bold: false, color: .muted))
        return Chart(title: "Population pyramid",
                     caption: "Women (left) and men (right) by age band; a dash marks a suppressed count.",
                     width: width, height: bottom + 36, shapes: shapes)
    }

    /// Coverage bars: for every antigen, the share of all people with at least one dose and, where a schedule
    /// exists, the share complete for age (all ages, the table's Total column).
    public static func coverage(_ report: PublishedReport) -> Chart? {
        guard let table = report.table(ReportBuilder.TableID.coverage) else { return nil }
        let total = table.columnCount - 1
        let width = 640.0, labelWidth = 120.0, barLeft = 8 + labelWidth, barWidth = 360.0, top = 64.0
        var shapes: [Chart.Shape] = []
        shapes.append(.text(x: 8, y: 20, "Vaccination coverage, all ages", size: 15, anchor: .start, bold: true, color: .text))
        shapes.append(.rect(x: barLeft, y: 32, width: 12, height: 12, fill: .anyDose))
        shapes.append(.text(x: barLeft + 16, y: 42, "at least one dose", size: 11, anchor: .start, bold: false, color: .text))
        shapes.append(.rect(x: barLeft + 150, y: 32, width: 12, height: 12, fill: .complete))
        shapes.append(.text(x: barLeft + 166, y: 42, "complete for age (WHO schedule)", size: 11, anchor: .start, bold: false, color: .text))
        var y = top
        var row = 0
        for antigen in Antigen.allCases {
            let rows = antigen.hasSchedule ? 2 : 1
            let groupHeight = Double(rows) * 18 + 10
            shapes.append(.text(x: 8, y: y + (Double(rows) * 18) / 2 + 5, antigen.shortLabel, size: 12, anchor: .start,
                                bold: true, color: .text))
            for k in 0..<rows {
                let r = row + k
                let barY = y + Double(k) * 18
                let color: Chart.Color = k == 0 ? .anyDose : .complete
                let completeRow = k == 1
                if let rate = table.rates[r][total], let count = table.value(.init(r, total)) {
                    let length = barWidth * rate
                    shapes.append(.rect(x: barLeft, y: barY + 2, width: length, height: 14, fill: color))
                    shapes.append(.text(x: barLeft + length + 4, y: barY + 13,
                                        "\(PublishedReport.percent(rate)) (\(PublishedReport.grouped(count)))",
                                        size: 10, anchor: .start, bold: false, color: .text))
                } else {
                    let why = table.status[r][total] == .published ? "no denominator" : "– suppressed"
                    shapes.append(.text(x: barLeft + 4, y: barY + 13, completeRow ? "complete: \(why)" : why, size: 10,
                                        anchor: .start, bold: false, color: .muted))
                }
            }
            row += rows
            y += groupHeight
        }
        for tick in 0...4 {
            let x = barLeft + barWidth * Double(tick) / 4
            shapes.append(.line(x1: x, y1: top - 4, x2: x, y2: y - 6, color: .grid, width: 0.7, dashed: tick != 0))
            shapes.append(.text(x: x, y: y + 8, "\(tick * 25)%", size: 10, anchor: .middle, bold: false, color: .muted))
        }
        shapes.append(.text(x: 8, y: y + 28, "Share of all people (every age band, including age unknown); counts in brackets.",
                            size: 10, anchor: .start, bold: false, color: .muted))
        return Chart(title: "Vaccination coverage",
                     caption: "Share of people with at least one dose and complete for age, by antigen.",
                     width: width, height: y + 40, shapes: shapes)
    }

    /// The most frequent current conditions: the chapters with the largest published totals (at most 8; chapters
    /// whose total is suppressed or zero are left out), as horizontal bars with counts and shares of all people.
    /// Sorted by published (already protected) figures only.
    public static func conditions(_ report: PublishedReport) -> Chart? {
        guard let table = report.table(ReportBuilder.TableID.conditions),
              let population = report.table(ReportBuilder.TableID.population) else { return nil }
        let total = table.columnCount - 1
        let everyone = population.value(.init(population.rowCount - 1, population.columnCount - 1))
        let rows = (0..<table.rowCount).compactMap { r -> (String, Int)? in
            guard let v = table.value(.init(r, total)), v > 0 else { return nil }
            return (table.rowLabels[r], v)
        }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(8)
        guard let largest = rows.first?.1 else { return nil }
        let width = 640.0, labelWidth = 250.0, barLeft = 8 + labelWidth, barWidth = 270.0, top = 40.0, rowHeight = 22.0
        var shapes: [Chart.Shape] = [
            .text(x: 8, y: 20, "Most frequent current conditions, by ICD chapter", size: 15, anchor: .start, bold: true, color: .text),
        ]
        for (i, (label, value)) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            shapes.append(.text(x: 8, y: y + 15, label, size: 11, anchor: .start, bold: false, color: .text))
            let length = barWidth * Double(value) / Double(largest)
            shapes.append(.rect(x: barLeft, y: y + 3, width: length, height: rowHeight - 6, fill: .male))
            let share = everyone.flatMap { $0 > 0 ? " (" + PublishedReport.percent(min(1, Double(value) / Double($0))) + ")" : nil } ?? ""
            shapes.append(.text(x: barLeft + length + 4, y: y + 15, PublishedReport.grouped(value) + share, size: 10,
                                anchor: .start, bold: false, color: .text))
        }
        let bottom = top + Double(rows.count) * rowHeight
        shapes.append(.text(x: 8, y: bottom + 20, "People with at least one current condition in the chapter (share of all people); "
                            + "suppressed chapters are not shown.", size: 10, anchor: .start, bold: false, color: .muted))
        return Chart(title: "Most frequent conditions",
                     caption: "People with a current condition, by ICD chapter, largest first.",
                     width: width, height: bottom + 32, shapes: shapes)
    }

    /// The charts in report order.
    public static func all(_ report: PublishedReport) -> [Chart] {
        [pyramid(report), coverage(report), conditions(report)].compactMap { $0 }
    }
}
