import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules

/// The skeleton of every printed document (văn bản in): one self-contained HTML file with A4 page rules.
///
/// No scripts, no network: fonts come from the system's list (all able to show Vietnamese), the
/// CSS is inline. Each `page` starts on a new sheet of paper (`break-before: page`); its
/// orientation picks a named `@page`, so one file mixes portrait and landscape. Table headers
/// repeat on every sheet a table runs over. The footer (school, document, audit `seq` and the
/// first 16 hex digits of the hash) and "Trang n/N" are printed in the bottom margin of every
/// page, and the footer once more in the flow at the end for screens.
public struct HTMLDocument: Sendable {
    /// Khổ giấy: dọc or ngang.
    public enum Orientation: String, Sendable {
        /// Portrait (dọc) or landscape (ngang) A4.
        case portrait, landscape
    }

    /// The title of the browser tab and of the PDF.
    public var title: String
    /// The footer line (plain text), printed on every page.
    public var footer: String
    /// The document's own CSS rules, after the shared style sheet (so they may override it).
    public var css: String
    private var pages: [(Orientation, String)] = []

    /// Creates an empty document.
    public init(title: String, footer: String, css: String = "") {
        self.title = title
        self.footer = footer
        self.css = css
    }

    /// The footer every printed document carries: school, document, audit position and hash,
    /// and when it was printed where the paper must say so (biên bản).
    public static func footer(school: String, document: String, anchor: (seq: Int, hash: String), printedAt: String? = nil) -> String {
        "\(school) · \(document) · nhật kí: sự kiện số \(anchor.seq), mã băm \(anchor.hash)" + (printedAt.map { " · in lúc \($0)" } ?? "")
    }

    /// The fonts of printed documents, all able to show Vietnamese; the last resort is the browser's serif.
    public static let fontStack = "\"Times New Roman\", \"Noto Serif\", \"DejaVu Serif\", \"Liberation Serif\", serif"

    /// Adds one page (or a run of pages, if the body overflows) that starts on a new sheet.
    public mutating func page(_ orientation: Orientation, _ body: String) {
        pages.append((orientation, body))
    }

    /// Number of pages added (each starts a new sheet).
    public var sectionCount: Int { pages.count }

    /// Escapes text for a CSS string literal in double quotes (the page footer).
    package static func cssString(_ text: String) -> String {
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
    package static func styleSheet(footer: String) -> String {
        """
        @page { size: A4 portrait; margin: 12mm 12mm 14mm 12mm;
          @bottom-left { content: \(cssString(footer)); font: 7pt \(fontStack); color: #444; }
          @bottom-right { content: "Trang " counter(page) "/" counter(pages); font: 7pt \(fontStack); color: #444; } }
        @page portrait { size: A4 portrait; }
        @page landscape { size: A4 landscape; margin: 10mm 12mm 12mm 12mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; font-family: \(fontStack); font-size: 11pt; line-height: 1.25; color: #000; }
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
        table.motto { margin-bottom: 3mm; }
        table.motto td { vertical-align: top; text-align: center; padding: 0; }
        .motto .rule { display: inline-block; border-top: 1px solid #000; width: 45%; margin-top: 1mm; }
        table.signatures { margin-top: 5mm; break-inside: avoid; }
        table.signatures tbody { break-inside: avoid; }
        table.signatures td { vertical-align: bottom; text-align: center; padding: 0 2mm; }
        table.signatures .role { font-weight: bold; padding-top: 3mm; white-space: pre-line; }
        table.signatures .hint { font-style: italic; font-size: 9pt; vertical-align: top; }
        table.signatures .space { height: 18mm; }
        table.signatures .name { font-weight: bold; }
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
        out += "<title>\(HTML.escape(title))</title>\n<style>\n\(HTMLDocument.styleSheet(footer: footer))\n"
        if !css.isEmpty { out += css + "\n" }
        out += "</style>\n</head>\n<body>\n"
        for (orientation, body) in pages {
            out += "<section class=\"sheet \(orientation.rawValue)\">\n\(body)\n</section>\n"
        }
        out += "<p class=\"colophon\">\(HTML.escape(footer))</p>\n</body>\n</html>\n"
        return out
    }
}
