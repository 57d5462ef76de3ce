import Foundation

/// Building printed documents as one self-contained HTML page (no scripts, no network, inline CSS, A4).
///
/// Every piece of data goes through `HTML.escape` (or `HTML.text`) before it reaches the page;
/// markup written by sodiem itself is passed as `HTML.Fragment` so the two cannot be mixed up.
public enum HTML {
    /// The fonts of printed documents, all able to show Vietnamese; the last resort is the browser's serif.
    public static let fontStack = "\"Times New Roman\", \"Noto Serif\", \"DejaVu Serif\", \"Liberation Serif\", serif"

    /// Escapes text for element content and for quoted attribute values: `& < > " '`.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters other than tab and line breaks have no place in a printed page.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A piece of markup: trusted HTML written by sodiem, or escaped data.
    public struct Fragment: Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
        /// The markup.
        public let html: String

        /// Markup as written (only for text sodiem itself wrote).
        public init(raw html: String) { self.html = html }

        /// A literal in code is trusted markup.
        public init(stringLiteral value: String) { html = value }

        public var description: String { html }

        /// Joins fragments.
        public static func + (lhs: Fragment, rhs: Fragment) -> Fragment { Fragment(raw: lhs.html + rhs.html) }
    }

    /// Data as text: escaped.
    public static func text(_ text: String) -> Fragment { Fragment(raw: escape(text)) }

    /// Data as text with line breaks kept (`<br>` at each newline).
    public static func multiline(_ text: String) -> Fragment {
        Fragment(raw: text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "<br>"))
    }

    /// An element: `element("td", ["class": "num"], text("7,5"))`; attributes in name order, values escaped.
    public static func element(_ name: String, _ attributes: [String: String] = [:], _ content: Fragment = "") -> Fragment {
        var open = "<" + name
        for key in attributes.keys.sorted() { open += " \(key)=\"\(escape(attributes[key]!))\"" }
        return Fragment(raw: open + ">" + content.html + "</\(name)>")
    }

    /// Fragments one after another.
    public static func join(_ parts: [Fragment], separator: String = "") -> Fragment {
        Fragment(raw: parts.map(\.html).joined(separator: separator))
    }

    /// A whole page: doctype, UTF-8, the title, `@page` rules for A4 and the font stack, and the body.
    ///
    /// - Parameters:
    ///   - landscape: A4 landscape (ledgers) instead of portrait.
    ///   - margin: the page margin, CSS (`"15mm 15mm 18mm 20mm"`).
    ///   - css: the document's own rules, after the common ones.
    ///   - footer: a line repeated at the foot of every printed page (the audit position), or nil.
    public static func page(title: String, body: Fragment, css: String = "", landscape: Bool = false,
                            margin: String = "15mm 15mm 18mm 20mm", footer: Fragment? = nil) -> String {
        let size = landscape ? "A4 landscape" : "A4"
        var out = """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="generator" content="sodiem">
            <title>\(escape(title))</title>
            <style>
            @page { size: \(size); margin: \(margin); }
            html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            body { font-family: \(fontStack); font-size: 12pt; line-height: 1.3; color: #000; margin: 0; }
            table { border-collapse: collapse; }
            .motto { width: 100%; margin-bottom: 3mm; }
            .motto td { vertical-align: top; text-align: center; padding: 0; }
            .motto .rule { display: inline-block; border-top: 1px solid #000; width: 45%; margin-top: 1mm; }
            .signatures { width: 100%; margin-top: 4mm; page-break-inside: avoid; break-inside: avoid; }
            .signatures td { vertical-align: bottom; text-align: center; padding: 0 2mm; }
            .signatures tbody.block { page-break-inside: avoid; break-inside: avoid; }
            .signatures .role { font-weight: bold; padding-top: 3mm; }
            .signatures .hint { font-style: italic; font-size: 0.85em; vertical-align: top; }
            .signatures .space { height: 17mm; }
            .signatures .name { font-weight: bold; }
            .audit-footer { font-size: 9pt; color: #333; border-top: 1px solid #999; padding-top: 1mm; margin-top: 8mm; }
            @media print { .audit-footer { position: fixed; bottom: 0; left: 0; right: 0; margin-top: 0; background: #fff; } }

            """
        out += css
        out += "\n</style>\n</head>\n<body>\n"
        out += body.html
        if let footer { out += "\n<div class=\"audit-footer\">" + footer.html + "</div>" }
        out += "\n</body>\n</html>\n"
        return out
    }

    /// The heading of an administrative document: the school on the left, the national motto on the right
    /// (CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc).
    ///
    /// - Parameters:
    ///   - authority: the line above the school's name (the district's education office), or nil.
    ///   - school: the school's name, printed in capitals.
    ///   - number: the document number line under the school (`Số: 3/BB-SĐ`), or nil.
    ///   - placeAndDate: the line under the motto (`Thiên Hương, ngày 22 tháng 01 năm 2025`), or nil.
    public static func mottoHeader(authority: String?, school: String, number: String?, placeAndDate: String?) -> Fragment {
        var left = ""
        if let authority { left += "<div>\(escape(authority.uppercased()))</div>" }
        left += "<div><b>\(escape(school.uppercased()))</b></div><div class=\"rule\" style=\"width:35%\"></div>"
        if let number { left += "<div>\(escape(number))</div>" }
        var right = "<div><b>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></div><div><b>Độc lập - Tự do - Hạnh phúc</b></div><div class=\"rule\"></div>"
        if let placeAndDate { right += "<div><i>\(escape(placeAndDate))</i></div>" }
        return Fragment(raw: "<table class=\"motto\"><tr><td style=\"width:42%\">\(left)</td><td>\(right)</td></tr></table>\n")
    }

    /// One signature block: the role in bold, "(Ký, ghi rõ họ tên)", room to sign, then the name.
    public struct Signature: Sendable {
        public var role: String
        public var name: String?
        public var hint: String

        public init(role: String, name: String?, hint: String = "(Ký, ghi rõ họ tên)") {
            self.role = role
            self.name = name
            self.hint = hint
        }
    }

    /// Signature blocks side by side, at most `perRow` to a row, names aligned on one line; kept on one page.
    public static func signatures(_ blocks: [Signature], perRow: Int = 3) -> Fragment {
        guard !blocks.isEmpty else { return "" }
        let columns = min(perRow, blocks.count)
        let width = 100 / columns
        var out = "<table class=\"signatures\">"
        var index = 0
        while index < blocks.count {
            var row = Array(blocks[index..<min(index + perRow, blocks.count)]).map(Optional.some)
            row += Array(repeating: nil, count: columns - row.count)
            // Role, hint, room to sign and name each get their own table row so that names line up.
            out += "<tbody class=\"block\"><tr>" + row.map { "<td class=\"role\" style=\"width:\(width)%\">\(escape($0?.role ?? ""))</td>" }.joined() + "</tr>"
            out += "<tr>" + row.map { "<td class=\"hint\">\(escape($0?.hint ?? ""))</td>" }.joined() + "</tr>"
            out += "<tr>" + row.map { _ in "<td class=\"space\"></td>" }.joined() + "</tr>"
            out += "<tr>" + row.map { "<td class=\"name\">\(escape($0?.name ?? ""))</td>" }.joined() + "</tr></tbody>"
            index += perRow
        }
        return Fragment(raw: out + "</table>\n")
    }

    /// The footer line that anchors paper to the audit log: the position and the first 12 hex digits of its hash.
    public static func auditFooter(seq: Int, hash: String, printedAt: String) -> Fragment {
        text("Phản ánh nhật kí đến sự kiện #\(seq) (SHA-256 \(hash)) · In lúc \(printedAt) · sodiem")
    }

    /// "ngày 22 tháng 01 năm 2025", as written on Vietnamese documents.
    public static func vietnameseDate(_ day: Day) -> String {
        let (y, m, d) = day.components
        return String(format: "ngày %02d tháng %02d năm %04d", d, m, y)
    }
}
