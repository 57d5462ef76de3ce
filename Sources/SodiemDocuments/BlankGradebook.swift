import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules

/// The teacher's blank gradebook (sổ theo dõi và đánh giá của giáo viên, "sổ trắng").
///
/// For every class and subject the teacher enters: the class list with empty columns
/// tx1…txN, gk, ck; subjects with parts (LS&ĐL, KHTN, Nghệ thuật) get a sheet per part and
/// the combined sheet. Each sheet is `ceil(students / rows)` portrait pages.
public struct BlankGradebook: Sendable {
    /// Rows per page (portrait).
    public static let rows = 30

    /// One sheet: a class, a subject, and a part of it (nil: the subject as a whole).
    public struct Sheet: Sendable {
        /// The class, `6A1`.
        public let className: String
        /// Code of the subject (`ls-dl`).
        public let subject: String
        /// Name of the part (phân môn), e.g. `Lịch sử`; nil for the whole subject.
        public let part: String?
        /// Number of tx columns (N of tx1…txN) for the class's grade.
        public let regularCount: Int
        /// Students in class-list order: id and name.
        public let students: [(id: String, name: String)]
        /// The other enterers of the subject in this class (co-teachers), by name.
        public let coTeachers: [String]

        /// Memberwise, for the layers above.
        package init(className: String, subject: String, part: String?, regularCount: Int, students: [(id: String, name: String)], coTeachers: [String]) {
            self.className = className
            self.subject = subject
            self.part = part
            self.regularCount = regularCount
            self.students = students
            self.coTeachers = coTeachers
        }
    }

    /// The school's particulars, for the cover and the footer.
    public let school: SchoolFile
    /// The school year printed.
    public let year: YearFile
    /// The term (học kì) the gradebook is for.
    public let term: Term
    /// The teacher whose gradebook it is.
    public let teacher: Account
    /// Every sheet, by class, subject, then part (the combined sheet last).
    public let sheets: [Sheet]
    /// The audit position printed in the footer: the last event and the first 16 hex digits of its hash.
    public let anchor: (seq: Int, hash: String)

    /// The pages of one sheet.
    package static func pages(_ sheet: Sheet) -> Int { max(1, (sheet.students.count + rows - 1) / rows) }

    /// The number of A4 pages the layout promises: the cover, then every sheet.
    public var pageCount: Int { 1 + sheets.map(Self.pages).reduce(0, +) }

    /// The footer line.
    public var footer: String {
        HTMLDocument.footer(school: school.name, document: "Sổ trắng của \(teacher.name), \(PrintedNames.phrase(.term(term))) năm học \(year.name)", anchor: anchor)
    }

    private func e(_ text: String) -> String { HTML.escape(text) }

    /// The whole gradebook as one HTML file.
    public func html() -> String {
        var doc = HTMLDocument(title: "Sổ theo dõi và đánh giá – \(teacher.name) – \(PrintedNames.term(term)) \(year.name)", footer: footer)
        doc.page(.portrait, cover())
        for sheet in sheets { pages(sheet, &doc) }
        return doc.render()
    }

    private func cover() -> String {
        var out = "<div class=\"frame cover\">"
        out += HTMLForms.coverHeading(school, book: "Sổ theo dõi và đánh giá học sinh", kind: "(Dùng cho giáo viên)")
        out += "<p class=\"mid\">\(e(PrintedNames.term(term))) – Năm học \(e(year.name))</p>"
        out += "<table class=\"form\" style=\"width:75%;margin:12mm auto 0;font-size:13pt\">"
        out += "<tr><td style=\"width:40%\">Họ và tên giáo viên:</td><td class=\"dots\"><b>\(e(teacher.name))</b></td></tr>"
        var seen: [String] = []
        for sheet in sheets where sheet.part == nil {
            let line = "\(PrintedNames.subject(sheet.subject)) – lớp \(sheet.className)"
            if !seen.contains(line) { seen.append(line) }
        }
        out += "<tr><td>Môn, lớp giảng dạy:</td><td class=\"dots\">\(seen.map(e).joined(separator: "<br>"))</td></tr></table>"
        out += "<p style=\"margin-top:12mm\" class=\"small\">Sổ gồm \(pageCount) trang. Giáo viên ghi điểm bằng bút mực; sửa chữa theo quy định (gạch bằng mực đỏ, ghi điểm mới bên cạnh, kí tên).</p>"
        out += HTMLForms.signatures([HTMLForms.Signature("Giáo viên", name: teacher.name),
                                     HTMLForms.Signature("Ban giám hiệu", hint: "(Kí, đóng dấu)")])
        return out + "</div>"
    }

    private func pages(_ sheet: Sheet, _ doc: inout HTMLDocument) {
        let n = sheet.regularCount
        let header = "<tr><th class=\"n\" rowspan=\"2\">STT</th><th rowspan=\"2\">Mã HS</th><th rowspan=\"2\">Họ và tên</th><th colspan=\"\(n)\">ĐĐGtx</th>"
            + "<th rowspan=\"2\">ĐĐGgk</th><th rowspan=\"2\">ĐĐGck</th><th rowspan=\"2\">ĐTBmhk /<br>Mức</th><th rowspan=\"2\">Ghi chú</th></tr><tr>"
            + (1...n).map { "<th class=\"n\">\($0)</th>" }.joined() + "</tr>"
        let numbered = Array(sheet.students.enumerated())
        let chunks = HTMLForms.chunks(numbered, size: Self.rows)
        let subjectName = PrintedNames.subject(sheet.subject)
        for (index, chunk) in chunks.enumerated() {
            let rows = chunk.map { i, s in
                "<tr><td class=\"n\">\(i + 1)</td><td class=\"n\">\(e(s.id))</td><td class=\"name\">\(e(s.name))</td>"
                    + String(repeating: "<td class=\"blank\"></td>", count: n + 3) + "<td style=\"width:22mm\"></td></tr>"
            }
            var body = "<p class=\"small\"><b>\(e(school.name))</b> · \(e(PrintedNames.term(term))) · Năm học \(e(year.name)) · Giáo viên: \(e(teacher.name))</p>"
            body += "<h2>Lớp \(e(sheet.className)) – Môn \(e(subjectName))"
            if let part = sheet.part { body += " – Phân môn \(e(part))" } else if !(TT22Catalogue.subject(code: sheet.subject)?.parts.isEmpty ?? true) {
                body += " (tổng hợp)"
            }
            body += "</h2>"
            if chunks.count > 1 { body += "<p class=\"small center\">Tờ \(index + 1)/\(chunks.count)</p>" }
            body += HTMLForms.table(header: header, rows: rows)
            if index == chunks.count - 1 {
                if !sheet.coTeachers.isEmpty {
                    body += "<p class=\"small\">Giáo viên cùng vào điểm: \(e(sheet.coTeachers.joined(separator: "; ")))</p>"
                }
                body += HTMLForms.signatures([HTMLForms.Signature("Giáo viên bộ môn", name: teacher.name),
                                              HTMLForms.Signature("Ban giám hiệu kí, đóng dấu", hint: "(Kí tên, đóng dấu)")])
            }
            doc.page(.portrait, body)
        }
    }

    /// Memberwise, for the layers above.
    package init(school: SchoolFile, year: YearFile, term: Term, teacher: Account, sheets: [Sheet], anchor: (seq: Int, hash: String)) {
        self.school = school
        self.year = year
        self.term = term
        self.teacher = teacher
        self.sheets = sheets
        self.anchor = anchor
    }
}
