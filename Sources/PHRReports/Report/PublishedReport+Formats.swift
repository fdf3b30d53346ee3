import Foundation
import PHRFHIR

extension PublishedReport {
    /// The report as JSON (spec/reports.md §8): metadata, parameters, budget, and every table with each cell's
    /// published value (null when suppressed or not applicable), status and rate. Keys sorted.
    public func jsonData() -> [UInt8] {
        let (primary, complementary) = suppressionCounts
        var parameters: [String: Any] = ["minCell": privacy.minCell]
        if let epsilon = privacy.epsilon {
            parameters["epsilon"] = epsilon.value
            parameters["delta"] = privacy.delta
            parameters["mechanism"] = "discrete Laplace (two-sided geometric), exact sampler"
            parameters["noise"] = seeded ? "seeded (TEST ONLY: no privacy)" : "OpenSSL RAND_bytes"
            parameters["nationalityThreshold"] = nationalityThreshold ?? NSNull()
        }
        let object: [String: Any] = [
            "kind": Self.kind,
            "version": 1,
            "title": title,
            "generatedBy": "phrcard \(PHRCardVersion.library)",
            "asOf": asOf.description,
            "inputs": ["records": records, "rejected": rejected, "rejectedTotal": rejected.values.reduce(0, +),
                       "sites": sites] as [String: Any],
            "dateRange": dateRangeText,
            "parameters": parameters,
            "budget": budget.map {
                ["table": $0.table, "epsilon": Self.round($0.epsilon, 6), "sensitivity": $0.sensitivity,
                 "noiseStandardDeviation": Self.round($0.noise.variance.squareRoot(), 3)] as [String: Any]
            },
            "suppression": ["primary": primary, "complementary": complementary, "cells": cellCount],
            "tables": tables.map { table -> [String: Any] in
                var cells: [[Any]] = []
                for r in 0..<table.rowCount {
                    cells.append((0..<table.columnCount).map { c in
                        var cell: [String: Any] = ["status": table.status[r][c].rawValue]
                        cell["value"] = table.value(.init(r, c)) ?? NSNull()
                        if let rate = table.rates[r][c] { cell["rate"] = Self.round(rate, 4) }
                        return cell
                    })
                }
                return ["id": table.id, "title": table.title, "note": table.note, "rows": table.rowLabels,
                        "columns": table.columnLabels, "cells": cells]
            },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object,
                                                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return [UInt8](data) + [0x0A]
    }

    /// Every table as CSV (RFC 4180, one row per cell): `table,row,column,value,status,rate`. A suppressed cell has
    /// an empty value and status `primary` or `complementary`.
    public func csvData() -> [UInt8] {
        var out = "table,row,column,value,status,rate\r\n"
        for table in tables {
            for r in 0..<table.rowCount {
                for c in 0..<table.columnCount {
                    let value = table.value(.init(r, c)).map(String.init) ?? ""
                    let rate = table.rates[r][c].map { String(format: "%.4f", $0) } ?? ""
                    out += [table.id, table.rowLabels[r], table.columnLabels[c], value, table.status[r][c].rawValue, rate]
                        .map(Self.csvField).joined(separator: ",") + "\r\n"
                }
            }
        }
        return Array(out.utf8)
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func round(_ value: Double, _ places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }

    /// How a cell is shown in HTML and PDF: the value, `–` when suppressed, `n/a`, and the rate as a percentage.
    func cellText(_ table: ReportTable, _ r: Int, _ c: Int) -> (value: String, rate: String?) {
        switch table.status[r][c] {
        case .primary, .complementary: return ("–", nil)
        case .notApplicable: return ("n/a", nil)
        case .published:
            let value = table.values[r][c].map(Self.grouped) ?? ""
            return (value, table.rates[r][c].map(Self.percent))
        }
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// 0.4567 → "45.7%".
    static func percent(_ rate: Double) -> String { String(format: "%.1f%%", rate * 100) }

    /// The lines of the summary block shared by HTML and PDF.
    public var summaryLines: [(String, String)] {
        let (primary, complementary) = suppressionCounts
        var lines: [(String, String)] = [
            ("Records", Self.grouped(records) + (sites > 1 ? " (\(sites) sites merged)" : "")),
            ("Inputs rejected", rejected.isEmpty ? "none"
                : "\(Self.grouped(rejected.values.reduce(0, +))) (" + rejected.sorted { $0.key < $1.key }
                    .map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"),
            ("Care events dated", dateRangeText),
            ("Ages as of", asOf.description),
            ("Small-cell threshold", privacy.minCell > 1
                ? "counts of 1 to \(privacy.minCell - 1) suppressed (–), with complementary suppression"
                : "none (--min-cell 1)"),
            ("Suppressed cells", "\(primary) primary, \(complementary) complementary, of \(cellCount)"),
        ]
        if let epsilon = privacy.epsilon {
            lines.append(("Differential privacy", "ε = \(epsilon) in total, split equally over \(tables.count) tables; "
                + "discrete Laplace noise" + (seeded ? " from a fixed seed (TEST ONLY: this report is not private)" : " from OpenSSL")))
            if let nationalityThreshold {
                lines.append(("Nationalities", "listed from a noisy count of \(nationalityThreshold) (δ = \(privacy.delta))"))
            }
        } else {
            lines.append(("Differential privacy", "not applied (counts are exact; give --epsilon to add noise)"))
        }
        return lines
    }
}
