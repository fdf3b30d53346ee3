import Foundation

/// XHTML narrative (`text.div`) to plain text and back (`spec/fhir.md`, "Narrative").
///
/// Stripping: tags are removed; `br` and block elements (`p`, `div`, `li`, `tr`, `h1`–`h6`, `table`, `ul`, `ol`,
/// `blockquote`, `pre`, `thead`, `tbody`) end a line; table cells on one line are joined with ` | `; the five XML
/// entities, `&nbsp;` and numeric character references are decoded; whitespace runs become one space; lines are
/// trimmed and empty lines removed. Writing puts each line in a `<p>`, so stripping a written narrative gives the
/// text back exactly when the text is already in that normal form.
internal enum FHIRNarrative {
    private static let blockTags: Set<String> = [
        "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre",
        "thead", "tbody", "tfoot", "caption", "dl", "dt", "dd",
    ]

    /// The plain text of an XHTML fragment, or nil when it has no visible text.
    static func strip(_ xhtml: String) -> String? {
        var lines: [String] = []
        var line = ""
        let scalars = Array(xhtml.unicodeScalars)
        var i = 0
        func endLine() {
            lines.append(line)
            line = ""
        }
        func appendText(_ s: String) {
            for ch in s.unicodeScalars {
                if ch == " " || ch == "\t" || ch == "\n" || ch == "\r" || ch == "\u{A0}" {
                    if !line.isEmpty && !line.hasSuffix(" ") { line.append(" ") }
                } else {
                    line.unicodeScalars.append(ch)
                }
            }
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == "<" {
                var j = i + 1
                while j < scalars.count && scalars[j] != ">" { j += 1 }
                let tag = String(String.UnicodeScalarView(scalars[(i + 1)..<min(j, scalars.count)]))
                i = j + 1
                if tag.hasPrefix("!") || tag.hasPrefix("?") { continue }
                let closing = tag.hasPrefix("/")
                let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
                if blockTags.contains(name) {
                    endLine()
                } else if (name == "td" || name == "th") && !closing {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if !trimmed.isEmpty && !trimmed.hasSuffix("|") { line = trimmed + " | " }
                }
                continue
            }
            if c == "&" {
                var j = i + 1
                while j < scalars.count && j - i < 12 && scalars[j] != ";" { j += 1 }
                if j < scalars.count && scalars[j] == ";" {
                    let entity = String(String.UnicodeScalarView(scalars[(i + 1)..<j]))
                    if let decoded = decodeEntity(entity) {
                        appendText(decoded)
                        i = j + 1
                        continue
                    }
                }
            }
            appendText(String(c))
            i += 1
        }
        endLine()
        let cleaned = lines.map { l -> String in
            var t = l.trimmingCharacters(in: .whitespaces)
            while t.hasSuffix("|") { t = String(t.dropLast()).trimmingCharacters(in: .whitespaces) }
            return t
        }.filter { !$0.isEmpty }
        return cleaned.isEmpty ? nil : cleaned.joined(separator: "\n")
    }

    private static func decodeEntity(_ e: String) -> String? {
        switch e {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default: break
        }
        var value: UInt32?
        if e.hasPrefix("#x") || e.hasPrefix("#X") { value = UInt32(e.dropFirst(2), radix: 16) }
        else if e.hasPrefix("#") { value = UInt32(e.dropFirst(1)) }
        guard let v = value, let scalar = Unicode.Scalar(v) else { return nil }
        return String(Character(scalar))
    }

    /// An XHTML `div` with one `<p>` per line of `text`.
    static func div(_ text: String) -> String {
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).map { "<p>\(escape(String($0)))</p>" }
        return "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + body.joined() + "</div>"
    }

    /// Escapes `&`, `<`, `>` and `"` for XHTML text.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
