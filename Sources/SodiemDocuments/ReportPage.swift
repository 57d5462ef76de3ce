import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules

/// The printable page of a report (báo cáo sĩ số, kết quả, tiến độ): one table on A4 landscape.
///
/// The report command hands in the same table it prints as text and CSV; this lays it out:
/// the school, the title, the table (its header repeated on every sheet), the principal's block,
/// and the footer with the audit position the figures reflect.
public struct ReportPage: Sendable {
    /// The school's name.
    public var school: String
    /// The report's title, Vietnamese ("Kết quả học tập và rèn luyện, năm học 2024-2025, số liệu ngày 29/11/2024").
    public var title: String
    /// The printed column headers.
    public var columns: [String]
    /// The rows; the first cell is the row's kind (`lop`, `khoi`, `truong`, `diem`, `giao_vien`, `chuyen_can`).
    public var rows: [[String]]
    /// The audit position the figures reflect: the event and the first 16 hex digits of its hash.
    public var anchor: (seq: Int, hash: String)

    /// Creates the page of a report.
    public init(school: String, title: String, columns: [String], rows: [[String]], anchor: (seq: Int, hash: String)) {
        self.school = school
        self.title = title
        self.columns = columns
        self.rows = rows
        self.anchor = anchor
    }

    /// The printed names of the row kinds.
    package static let scopes = ["lop": "Lớp", "khoi": "Khối", "truong": "Toàn trường", "diem": "Điểm", "giao_vien": "Giáo viên",
                         "chuyen_can": "Chuyên cần"]

    /// The page's own rules: counts right-aligned, subtotals in bold, the school total shaded.
    package static let css = """
        body { font-size: 10.5pt; }
        .school { font-weight: bold; text-transform: uppercase; }
        h1 { font-size: 14pt; margin: 4mm 0 1mm; }
        .sub { text-align: center; margin: 0 0 4mm; }
        table.report th, table.report td { font-size: 10pt; padding: 0.8mm 1.2mm; }
        table.report th { vertical-align: bottom; }
        table.report td { text-align: right; }
        table.report td.t { text-align: left; white-space: nowrap; }
        table.report td.t.wrap { white-space: normal; }
        tr.khoi td, tr.giao_vien td { font-weight: bold; }
        tr.truong td { font-weight: bold; background: #eee; }
        """

    /// The whole page.
    public func html() -> String {
        let e = HTML.escape
        let header = "<tr>" + columns.map { "<th>\(e($0))</th>" }.joined() + "</tr>"
        let body = rows.map { row in
            "<tr class=\"\(e(row.first ?? ""))\">" + row.enumerated().map { i, cell in
                let shown = i == 0 ? (Self.scopes[cell] ?? cell) : cell
                // Short words ("Học kì II", "Toàn trường") stay on one line; lists of teachers may wrap.
                guard Int(cell) == nil else { return "<td>\(e(shown))</td>" }
                return shown.count <= 16 ? "<td class=\"t\">\(e(shown))</td>" : "<td class=\"t wrap\">\(e(shown))</td>"
            }.joined() + "</tr>"
        }
        var page = "<div class=\"school\">\(e(school))</div>"
        page += "<h1>\(e(title.components(separatedBy: ", năm học").first ?? title))</h1>"
        page += "<p class=\"sub\">\(e(title))</p>"
        page += HTMLForms.table("grid report", header: header, rows: body)
        // The principal signs on the right, as on reports sent to the district.
        page += HTMLForms.signatures([nil, HTMLForms.Signature("HIỆU TRƯỞNG", hint: "(Kí, ghi rõ họ tên, đóng dấu)")], perRow: 2)
        var doc = HTMLDocument(title: title, footer: HTMLDocument.footer(school: school, document: title, anchor: anchor), css: Self.css)
        doc.page(.landscape, page)
        return doc.render()
    }
}
