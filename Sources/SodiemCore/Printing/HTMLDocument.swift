import Foundation

/// A printable HTML document (văn bản in): one self-contained file with A4 page rules.
///
/// No scripts, no network: fonts come from the system's list, the CSS is inline. Each
/// `page` starts on a new sheet of paper; its orientation picks a named `@page`. The footer
/// (school, document, audit `seq` and the first 12 hex digits of the hash) is printed in the
/// bottom margin of every page, and once more in the flow at the end for screens.
public struct HTMLDocument: Sendable {
    /// Khổ giấy: dọc or ngang.
    public enum Orientation: String, Sendable {
        case portrait, landscape
    }

    /// The title of the browser tab and of the PDF.
    public var title: String
    /// The footer line (plain text), printed on every page.
    public var footer: String
    private var pages: [(Orientation, String)] = []

    /// Creates an empty document.
    public init(title: String, footer: String) {
        self.title = title
        self.footer = footer
    }

    /// The footer every printed document carries: school, document, audit position and hash.
    public static func footer(school: String, document: String, anchor: (seq: Int, hash: String)) -> String {
        "\(school) · \(document) · nhật kí: sự kiện số \(anchor.seq), mã băm \(anchor.hash)"
    }

    /// Adds one page (or a run of pages, if the body overflows) that starts on a new sheet.
    public mutating func page(_ orientation: Orientation, _ body: String) {
        pages.append((orientation, body))
    }

    /// Number of pages added (each starts a new sheet).
    public var sectionCount: Int { pages.count }

    /// Escapes text for HTML content and attribute values (& < > " ').
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Escapes text for a CSS string literal in double quotes (the page footer).
    static func cssString(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n", "\r": out += " "
            case "<": out += "\\3C "  // never lets `</style>` close the style element
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// The shared style sheet; `footer` goes into the page margin boxes.
    static func styleSheet(footer: String) -> String {
        """
        @page { size: A4 portrait; margin: 12mm 12mm 14mm 12mm;
          @bottom-left { content: \(cssString(footer)); font: 7pt "Times New Roman", "Noto Serif", "DejaVu Serif", serif; color: #444; }
          @bottom-right { content: "Trang " counter(page) "/" counter(pages); font: 7pt "Times New Roman", "Noto Serif", "DejaVu Serif", serif; color: #444; } }
        @page portrait { size: A4 portrait; }
        @page landscape { size: A4 landscape; margin: 10mm 12mm 12mm 12mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", "Liberation Serif", serif;
          font-size: 11pt; line-height: 1.25; color: #000; }
        section.sheet { break-before: page; }
        section.sheet:first-of-type { break-before: auto; }
        section.portrait { page: portrait; }
        section.landscape { page: landscape; }
        @media screen {
          body { background: #ddd; }
          section.sheet { background: #fff; margin: 8mm auto; padding: 12mm; box-shadow: 0 0 3mm #888; }
          section.portrait { width: 210mm; min-height: 297mm; }
          section.landscape { width: 297mm; min-height: 210mm; }
        }
        h1 { font-size: 16pt; text-align: center; margin: 0 0 3mm; text-transform: uppercase; }
        h2 { font-size: 13pt; text-align: center; margin: 0 0 2mm; }
        h3 { font-size: 11pt; margin: 2mm 0 1mm; }
        p { margin: 1mm 0; }
        .center { text-align: center; }
        .right { text-align: right; }
        .small { font-size: 9pt; }
        .muted { color: #444; }
        .upper { text-transform: uppercase; }
        table { border-collapse: collapse; width: 100%; }
        table.grid th, table.grid td { border: 0.6pt solid #000; padding: 0.4mm 1mm; vertical-align: middle; }
        table.grid th { font-weight: bold; text-align: center; font-size: 9pt; background: #f2f2f2; }
        table.grid td { font-size: 9.5pt; }
        table.grid tbody tr { height: 6mm; break-inside: avoid; }
        table.dense td, table.dense th { font-size: 8pt; padding: 0.2mm 0.5mm; }
        table.dense tbody tr { height: 5.2mm; }
        thead { display: table-header-group; }
        td.n, th.n { text-align: center; white-space: nowrap; }
        td.name { white-space: nowrap; }
        td.wrap { white-space: normal; }
        td.blank { min-width: 9mm; }
        del { color: #c00; text-decoration: line-through; }
        ins { text-decoration: none; font-weight: bold; }
        sup.fix { font-size: 6pt; color: #c00; white-space: nowrap; }
        table.form td { padding: 0.8mm 1mm; vertical-align: top; }
        .dots { border-bottom: 0.6pt dotted #000; }
        .signatures { display: flex; justify-content: space-around; margin-top: 5mm; break-inside: avoid; }
        .signature { text-align: center; min-width: 60mm; }
        .signature .role { font-weight: bold; }
        .signature .hint { font-style: italic; font-size: 9pt; }
        .signature .space { height: 18mm; }
        .cover { text-align: center; padding-top: 20mm; }
        .cover .big { font-size: 24pt; font-weight: bold; margin: 18mm 0 8mm; }
        .cover .mid { font-size: 14pt; margin: 3mm 0; }
        .cover table.form td { text-align: left; }
        .frame { border: 2pt double #000; min-height: 255mm; padding: 10mm; }
        .landscape .frame { min-height: 175mm; }
        .box { border: 0.6pt solid #000; min-height: 30mm; padding: 2mm; white-space: pre-wrap; }
        .colophon { font-size: 7pt; color: #444; margin-top: 4mm; }
        @media print { .colophon { display: none; } }
        """
    }

    /// The whole document.
    public func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>\(HTMLDocument.escape(title))</title>\n<style>\n\(HTMLDocument.styleSheet(footer: footer))\n</style>\n</head>\n<body>\n"
        for (orientation, body) in pages {
            out += "<section class=\"sheet \(orientation.rawValue)\">\n\(body)\n</section>\n"
        }
        out += "<p class=\"colophon\">\(HTMLDocument.escape(footer))</p>\n</body>\n</html>\n"
        return out
    }
}

/// Small builders for the printed forms; every text passes through `HTMLDocument.escape`.
enum HTMLForms {
    static func e(_ text: String) -> String { HTMLDocument.escape(text) }

    /// A signature block (khối ký tên): role, hint, room to sign, printed name.
    static func signature(_ role: String, hint: String = "(Ký, ghi rõ họ tên)", name: String? = nil, place: String? = nil) -> String {
        var out = "<div class=\"signature\">"
        if let place { out += "<p class=\"hint\">\(e(place))</p>" }
        out += "<p class=\"role\">\(e(role))</p><p class=\"hint\">\(e(hint))</p><div class=\"space\"></div>"
        out += "<p>\(e(name ?? ""))</p></div>"
        return out
    }

    /// Signature blocks side by side.
    static func signatures(_ blocks: [String]) -> String {
        "<div class=\"signatures\">\(blocks.joined())</div>"
    }

    /// "…, ngày … tháng … năm …": left for the hand, as on the paper forms.
    static func placeAndDate(_ place: String?) -> String {
        "\(place.map { $0 + ", " } ?? "……………, ")ngày …… tháng …… năm 20……"
    }

    /// A table with a repeated header and rows (cells already HTML).
    static func table(_ classes: String = "grid", header: String, rows: [String]) -> String {
        "<table class=\"\(classes)\"><thead>\(header)</thead><tbody>\(rows.joined(separator: "\n"))</tbody></table>"
    }

    /// Splits rows into pages of at most `size` rows (at least one page, even when empty).
    static func chunks<T>(_ items: [T], size: Int) -> [ArraySlice<T>] {
        guard !items.isEmpty else { return [items[...]] }
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }
}
