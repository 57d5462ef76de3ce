import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules

/// The class ledger (Sổ theo dõi và đánh giá học sinh theo lớp học), rules-tt22.md §10.
///
/// Everything is gathered once from the session; `html()` lays it out in pages of fixed row
/// counts, so the number of printed pages is known in advance (`pageCount`).
public struct ClassLedger: Sendable {
    /// Rows per page of a landscape table (attendance, term summary).
    public static let landscapeRows = 25
    /// Rows per page of the particulars list (addresses may take two lines).
    public static let particularsRows = 15
    /// Rows per page of a portrait table (subject sheets, year summary).
    public static let portraitRows = 30

    /// The school's particulars, for the cover and the footer.
    public let school: SchoolFile
    /// The school year of the ledger.
    public let year: YearFile
    /// The class as of the log.
    public let classFile: ClassFile
    /// What is printed: one term, or the whole year (both terms and the year summary).
    public let period: Period
    /// Students in class-list order with their results.
    public let evaluations: [StudentEvaluation]
    /// Subject codes the class takes, in ledger order.
    public let subjects: [String]
    /// Regular assessments per subject for the class's grade.
    public let regularCounts: [String: Int]
    /// The accounts, for teachers' names and signatures.
    public let users: UsersFile
    /// Approved corrections of this class (biên bản sửa điểm).
    public let fixes: [FixRequest]
    /// The audit position printed in the footer: the last event and the first 12 hex digits of its hash.
    public let anchor: (seq: Int, hash: String)

    /// The terms whose subject sheets are printed: term 1, term 2, or both for the year.
    public var terms: [Term] {
        switch period {
        case .term(let t): return [t]
        case .year: return [.first, .second]
        }
    }

    /// True when the year summary is printed (term II and the whole year).
    public var includesYear: Bool { period != .term(.first) }

    /// The months of the attendance pages: from the first term's start to the last term's end.
    public var months: [Day] {
        let dates = terms.compactMap { year.calendar.terms[$0] }
        guard let start = dates.map(\.start).min(), let end = dates.map(\.end).max() else { return [] }
        return PrintedNames.months(from: start, to: end)
    }

    /// The homeroom teacher's name.
    public var homeroom: String { PrintedNames.person(year.classes[classFile.name]?.homeroom, users) }

    private func pages(_ rows: Int) -> Int { max(1, (evaluations.count + rows - 1) / rows) }

    /// The number of A4 pages the layout promises.
    public var pageCount: Int {
        var count = 2  // cover, class and teachers
        count += pages(Self.particularsRows)
        count += months.count * pages(Self.landscapeRows)
        count += terms.count * subjects.count * pages(Self.portraitRows)
        count += terms.count * pages(Self.landscapeRows)
        if includesYear { count += pages(Self.portraitRows) }
        return count + 1  // signatures
    }

    /// The document's name, as on the cover.
    public static let formName = "Sổ theo dõi và đánh giá học sinh (theo lớp học)"

    /// The footer line.
    public var footer: String {
        HTMLDocument.footer(school: school.name, document: "Sổ theo dõi và đánh giá lớp \(classFile.name), năm học \(year.name)", anchor: anchor)
    }

    // MARK: HTML

    private func e(_ text: String) -> String { HTML.escape(text) }

    /// The whole ledger as one HTML file.
    public func html() -> String {
        var doc = HTMLDocument(title: "Sổ theo dõi và đánh giá học sinh – lớp \(classFile.name) – \(year.name)", footer: footer)
        doc.page(.portrait, cover())
        doc.page(.portrait, teachersPage())
        particularsPages(&doc)
        for month in months { attendancePages(month, &doc) }
        for term in terms {
            for subject in subjects { subjectPages(subject, term, &doc) }
        }
        for term in terms { termSummaryPages(term, &doc) }
        if includesYear { yearSummaryPages(&doc) }
        doc.page(.portrait, signaturePage())
        return doc.render()
    }

    private var heading: String {
        "<p class=\"small\"><b>\(e(school.name))</b> · Lớp \(e(classFile.name)) · Năm học \(e(year.name))</p>"
    }

    private func cover() -> String {
        var out = "<div class=\"frame cover\">"
        out += HTMLForms.coverHeading(school, book: "Sổ theo dõi và đánh giá học sinh", kind: "(Theo lớp học)")
        out += "<p class=\"mid\">\(e(PrintedNames.period(period)))</p>"
        out += "<table class=\"form\" style=\"width:70%;margin:15mm auto 0;font-size:14pt\">"
        let place = [school.ward, school.district, school.province].compactMap { $0 }.joined(separator: ", ")
        for (label, value) in [("Lớp", classFile.name), ("Năm học", year.name), ("Giáo viên chủ nhiệm", homeroom),
                               ("Trường", school.name), ("Địa chỉ", place)] {
            out += "<tr><td style=\"width:45%\">\(e(label)):</td><td class=\"dots\"><b>\(e(value))</b></td></tr>"
        }
        return out + "</table></div>"
    }

    private func teachersPage() -> String {
        var out = heading + "<h1>Lớp và giáo viên</h1>"
        out += "<p>Lớp: <b>\(e(classFile.name))</b> (khối \(classFile.grade)) · Sĩ số: <b>\(evaluations.count)</b> · "
        out += "Giáo viên chủ nhiệm: <b>\(e(homeroom))</b></p>"
        let header = "<tr><th class=\"n\">STT</th><th>Môn học</th><th>Giáo viên vào điểm</th><th>Người chủ trì</th><th>Kí tên</th></tr>"
        let rows = subjects.enumerated().map { i, code in
            let assignment = year.assignment(code, classFile.name)
            let enterers = (assignment?.enterers ?? []).map { PrintedNames.person($0, users) }.joined(separator: "; ")
            return "<tr><td class=\"n\">\(i + 1)</td><td>\(e(PrintedNames.subject(code)))</td><td class=\"wrap\">\(e(enterers))</td>"
                + "<td>\(e(PrintedNames.person(assignment?.lead, users)))</td><td style=\"width:30mm\"></td></tr>"
        }
        return out + HTMLForms.table(header: header, rows: rows)
    }

    private func particularsPages(_ doc: inout HTMLDocument) {
        let header = "<tr><th class=\"n\">STT</th><th>Mã HS</th><th>Họ và tên</th><th>Ngày sinh</th><th>Giới tính</th><th>Dân tộc</th>"
            + "<th>Nơi sinh</th><th>Quê quán</th><th>Nơi ở hiện nay</th><th>Họ tên cha (nghề nghiệp)</th><th>Họ tên mẹ (nghề nghiệp)</th><th>Người giám hộ</th></tr>"
        let numbered = Array(evaluations.enumerated())
        for chunk in HTMLForms.chunks(numbered, size: Self.particularsRows) {
            let rows = chunk.map { i, ev in
                let r = ev.record
                let cells = [PrintedNames.particular(r, "ngay_sinh"), r.particulars["gioi_tinh"] ?? "", r.particulars["dan_toc"] ?? "",
                             r.particulars["noi_sinh"] ?? "", r.particulars["que_quan"] ?? "", r.particulars["dia_chi"] ?? "",
                             PrintedNames.parent(r, name: "ho_ten_cha", job: "nghe_nghiep_cha"),
                             PrintedNames.parent(r, name: "ho_ten_me", job: "nghe_nghiep_me"), r.particulars["nguoi_giam_ho"] ?? ""]
                return "<tr><td class=\"n\">\(i + 1)</td><td class=\"n\">\(e(ev.id))</td><td class=\"name\">\(e(r.name))</td>"
                    + cells.enumerated().map { j, c in "<td class=\"\(j < 3 ? "n" : "wrap")\">\(e(c))</td>" }.joined() + "</tr>"
            }
            doc.page(.landscape, heading + "<h2>Danh sách học sinh và lí lịch</h2>" + HTMLForms.table("grid dense", header: header, rows: rows))
        }
    }

    private func attendancePages(_ month: Day, _ doc: inout HTMLDocument) {
        let (y, m, _) = month.components
        let days = Day.daysIn(month: m, year: y)
        var header = "<tr><th class=\"n\" rowspan=\"2\">STT</th><th rowspan=\"2\">Họ và tên</th><th colspan=\"\(days)\">Ngày trong tháng</th>"
            + "<th colspan=\"3\">Số buổi nghỉ (tính)</th><th class=\"n\" rowspan=\"2\">Buổi khác</th></tr><tr>"
        for d in 1...days {
            let weekday = Day(year: y, month: m, day: d)!.weekday
            header += "<th class=\"n\" style=\"width:5.6mm\(weekday == 7 ? ";background:#ccc" : "")\">\(d)</th>"
        }
        header += "<th class=\"n\">P</th><th class=\"n\">K</th><th class=\"n\">Cộng</th></tr>"
        let key = month.monthKey
        let closed = classFile.closedMonths.contains(key)
        let main = year.calendar.mainSession(grade: classFile.grade)
        let numbered = Array(evaluations.enumerated())
        for chunk in HTMLForms.chunks(numbered, size: Self.landscapeRows) {
            let rows = chunk.map { i, ev -> String in
                let absences = ev.record.absences.filter { $0.date.monthKey == key }
                var row = "<tr><td class=\"n\">\(i + 1)</td><td class=\"name\">\(e(ev.record.name))</td>"
                for d in 1...days {
                    let day = Day(year: y, month: m, day: d)!
                    let marks = absences.filter { $0.date == day }.sorted { $0.session > $1.session }.map { $0.excused ? "P" : "K" }.joined()
                    row += "<td class=\"n\"\(day.weekday == 7 ? " style=\"background:#eee\"" : "")>\(marks)</td>"
                }
                // Counted buổi (rules-tt22.md §7): one a day, the days the grade's main session was missed.
                let counted = AbsenceCount(absences, mainSession: main)
                let p = counted.excused.count, k = counted.total - p
                let other = absences.filter { $0.session != main }.count
                return row + "<td class=\"n\">\(p)</td><td class=\"n\">\(k)</td><td class=\"n\"><b>\(p + k)</b></td><td class=\"n\">\(other)</td></tr>"
            }
            let title = "<h2>Theo dõi chuyên cần – tháng \(m)/\(y)</h2><p class=\"small center\">P: nghỉ có phép · K: nghỉ không phép (mỗi chữ là một buổi; sáng trước, chiều sau) · Số buổi nghỉ tính theo kế hoạch 01 buổi/ngày: ngày nghỉ buổi \(main == "chieu" ? "chiều" : "sáng") (buổi chính của khối); buổi khác được ghi nhưng không tính"
                + (closed ? " · Tháng đã chốt" : "") + "</p>"
            doc.page(.landscape, heading + title + HTMLForms.table("grid dense", header: header, rows: rows))
        }
    }

    /// A mark cell, marking an approved correction: the old value struck, the new value, the record number.
    private func cell(_ value: Mark?, student: String, subject: String, term: Term, column: Column) -> String {
        let corrections = fixes.filter { $0.student == student && $0.subject == subject && $0.term == term && $0.column == column }
        guard !corrections.isEmpty else { return e(PrintedNames.mark(value)) }
        let struck = corrections.map { "<del>\(e($0.from?.printed ?? "–"))</del>" }.joined(separator: " ")
        let numbers = corrections.map { "BB số \($0.id)" }.joined(separator: ", ")
        return "\(struck) <ins>\(e(PrintedNames.mark(value)))</ins><sup class=\"fix\">\(e(numbers))</sup>"
    }

    private func subjectPages(_ code: String, _ term: Term, _ doc: inout HTMLDocument) {
        guard let subject = TT22Catalogue.subject(code: code) else { return }
        let n = regularCounts[code] ?? 1
        let scored = subject.kind == .scored
        let second = term == .second
        var header = "<tr><th class=\"n\" rowspan=\"2\">STT</th><th rowspan=\"2\">Họ và tên</th><th colspan=\"\(n)\">ĐĐGtx</th>"
            + "<th rowspan=\"2\">ĐĐGgk</th><th rowspan=\"2\">ĐĐGck</th><th rowspan=\"2\">\(scored ? "ĐTBmhk" : "Mức HK")</th>"
        if second { header += "<th rowspan=\"2\">\(scored ? "ĐTBm HK I" : "Mức HK I")</th><th rowspan=\"2\">\(scored ? "ĐTBmcn" : "Mức CN")</th><th rowspan=\"2\">KT lại</th>" }
        header += "<th rowspan=\"2\">Ghi chú</th></tr><tr>" + (1...n).map { "<th class=\"n\">\($0)</th>" }.joined() + "</tr>"
        let numbered = Array(evaluations.enumerated())
        let chunks = HTMLForms.chunks(numbered, size: Self.portraitRows)
        for (index, chunk) in chunks.enumerated() {
            let rows = chunk.map { i, ev -> String in
                let marks = ev.record.marks(code, term)
                var row = "<tr><td class=\"n\">\(i + 1)</td><td class=\"name\">\(e(ev.record.name))</td>"
                for k in 1...n {
                    row += "<td class=\"n\">\(cell(marks[.regular(k)], student: ev.id, subject: code, term: term, column: .regular(k)))</td>"
                }
                row += "<td class=\"n\">\(cell(marks.midTerm, student: ev.id, subject: code, term: term, column: .midTerm))</td>"
                row += "<td class=\"n\">\(cell(marks.endOfTerm, student: ev.id, subject: code, term: term, column: .endOfTerm))</td>"
                row += "<td class=\"n\"><b>\(e(PrintedNames.mark(ev.results.term(term).subject(code)?.result)))</b></td>"
                if second {
                    let yearResult = ev.results.year.subject(code)
                    row += "<td class=\"n\">\(e(PrintedNames.mark(yearResult?.term1)))</td><td class=\"n\"><b>\(e(PrintedNames.mark(yearResult?.result)))</b></td>"
                    row += "<td class=\"n\">\(e(PrintedNames.mark(ev.record.retests[code])))</td>"
                }
                return row + "<td class=\"wrap small\">\(e(notes(ev.record, code, term)))</td></tr>"
            }
            var body = heading + "<h2>Môn \(e(subject.name)) – \(e(PrintedNames.term(term)))</h2>"
            if chunks.count > 1 { body += "<p class=\"small center\">Tờ \(index + 1)/\(chunks.count)</p>" }
            body += HTMLForms.table(header: header, rows: rows)
            if index == chunks.count - 1 { body += teacherSignatures(code) }
            doc.page(.portrait, body)
        }
    }

    /// Ghi chú: exemptions of the subject in the term and an individual plan.
    private func notes(_ record: StudentRecord, _ code: String, _ term: Term) -> String {
        // The decision is printed as given: people write "QĐ số 12/QĐ-THCS …" themselves.
        var notes = record.exemptions.filter { $0.subject == code && ($0.term == "\(term.rawValue)" || $0.term == "year") }
            .map { "Miễn thực hành" + ($0.term == "year" ? " cả năm" : "") + ($0.decision.isEmpty ? "" : " (\($0.decision))") }
        if record.individualPlan != nil { notes.append("KHGD cá nhân") }
        return notes.joined(separator: "; ")
    }

    /// The co-teachers' signature lines (chữ kí giáo viên bộ môn).
    private func teacherSignatures(_ code: String) -> String {
        guard let assignment = year.assignment(code, classFile.name), !assignment.enterers.isEmpty else {
            return HTMLForms.signatures([HTMLForms.Signature("Giáo viên bộ môn")])
        }
        let blocks = assignment.enterers.map { id in
            HTMLForms.Signature(id == assignment.lead ? "Giáo viên bộ môn (chủ trì)" : "Giáo viên bộ môn", name: PrintedNames.person(id, users))
        }
        return HTMLForms.signatures(blocks)
    }

    private func termSummaryPages(_ term: Term, _ doc: inout HTMLDocument) {
        let header = "<tr><th class=\"n\">STT</th><th>Họ và tên</th>" + subjects.map { "<th class=\"n\">\(e(PrintedNames.short($0)))</th>" }.joined()
            + "<th class=\"n\">Học tập</th><th class=\"n\">Rèn luyện</th><th class=\"n\">Nghỉ</th></tr>"
        let dates = year.calendar.terms[term]
        let numbered = Array(evaluations.enumerated())
        for chunk in HTMLForms.chunks(numbered, size: Self.landscapeRows) {
            let rows = chunk.map { i, ev -> String in
                let results = ev.results.term(term)
                let absent = dates.map { AbsenceCount(ev.record.absences, mainSession: year.calendar.mainSession(grade: ev.input.grade),
                                                      from: $0.start, through: $0.end).total } ?? 0
                return "<tr><td class=\"n\">\(i + 1)</td><td class=\"name\">\(e(ev.record.name))</td>"
                    + subjects.map { "<td class=\"n\">\(e(PrintedNames.mark(results.subject($0)?.result)))</td>" }.joined()
                    + "<td class=\"n\"><b>\(e(learning(ev, term: term)))</b></td><td class=\"n\"><b>\(e(PrintedNames.level(results.conduct)))</b></td>"
                    + "<td class=\"n\">\(absent)</td></tr>"
            }
            doc.page(.landscape, heading + "<h2>Tổng hợp kết quả đánh giá – \(e(PrintedNames.term(term)))</h2>"
                     + "<p class=\"small center\">Điểm trung bình môn (ĐTBmhk) hoặc mức đánh giá; Học tập, Rèn luyện: T Tốt, K Khá, Đ Đạt, CĐ Chưa đạt</p>"
                     + HTMLForms.table("grid dense", header: header, rows: rows))
        }
    }

    /// The learning level, or what the principal recorded for a student on an individual plan.
    private func learning(_ ev: StudentEvaluation, term: Term?) -> String {
        if let plan = ev.record.individualPlan, term == nil { return plan.recorded["learning"] ?? "" }
        if let term { return PrintedNames.level(ev.results.term(term).learning) }
        return PrintedNames.level(ev.results.year.learningInitial)
    }

    private func yearSummaryPages(_ doc: inout HTMLDocument) {
        let header = "<tr><th class=\"n\" rowspan=\"2\">STT</th><th rowspan=\"2\">Họ và tên</th><th colspan=\"2\">Cả năm</th>"
            + "<th colspan=\"2\">Sau rèn luyện hè / kiểm tra lại</th><th rowspan=\"2\">Số buổi nghỉ</th><th rowspan=\"2\">Lên lớp / Không lên lớp</th>"
            + "<th rowspan=\"2\">Danh hiệu</th></tr><tr><th>Rèn luyện</th><th>Học tập</th><th>Rèn luyện</th><th>Học tập</th></tr>"
        let numbered = Array(evaluations.enumerated())
        for chunk in HTMLForms.chunks(numbered, size: Self.portraitRows) {
            let rows = chunk.map { i, ev -> String in
                let y = ev.results.year
                let plan = ev.record.individualPlan
                let outcome = plan.map { $0.recorded["outcome"].flatMap(Outcome.init(rawValue:)).map { PrintedNames.outcome($0, grade: classFile.grade) } ?? ($0.recorded["outcome"] ?? "") }
                    ?? PrintedNames.outcome(y.outcome, grade: classFile.grade)
                let title = plan.map { $0.recorded["title"].flatMap(Title.init(rawValue:)).map { PrintedNames.title($0) } ?? ($0.recorded["title"] ?? "") }
                    ?? PrintedNames.title(y.title)
                let cells = [PrintedNames.level(y.conductInitial), learning(ev, term: nil),
                             PrintedNames.level(ev.record.conduct["summer"]), PrintedNames.level(y.learningAfterRetestAssessment?.level),
                             "\(ev.input.absences)"]
                return "<tr><td class=\"n\">\(i + 1)</td><td class=\"name\">\(e(ev.record.name))</td>"
                    + cells.map { "<td class=\"n\">\(e($0))</td>" }.joined()
                    + "<td class=\"wrap small\">\(e(outcome))</td><td class=\"wrap small\">\(e(title))</td></tr>"
            }
            doc.page(.portrait, heading + "<h2>Tổng hợp kết quả cả năm học</h2>" + HTMLForms.table(header: header, rows: rows))
        }
    }

    private func signaturePage() -> String {
        var out = heading + "<h1>Xác nhận</h1>"
        out += "<p>Sổ gồm \(pageCount) trang, lớp \(e(classFile.name)), \(period == .year ? "cả năm học" : e(PrintedNames.phrase(period)) + " năm học") \(e(year.name)), sĩ số \(evaluations.count) học sinh.</p>"
        out += "<h3>Nhận xét của giáo viên chủ nhiệm</h3><div class=\"box\" style=\"min-height:60mm\"></div>"
        out += "<p class=\"right\"><i>\(e(HTMLForms.placeAndDate(PrintedNames.place(school))))</i></p>"
        out += HTMLForms.signatures([HTMLForms.Signature("Giáo viên chủ nhiệm", name: homeroom),
                                     HTMLForms.Signature("Hiệu trưởng", hint: "(Kí tên, đóng dấu)", name: PrintedNames.principal(users))])
        return out
    }

    /// Memberwise, for the layers above.
    package init(school: SchoolFile, year: YearFile, classFile: ClassFile, period: Period, evaluations: [StudentEvaluation], subjects: [String], regularCounts: [String: Int], users: UsersFile, fixes: [FixRequest], anchor: (seq: Int, hash: String)) {
        self.school = school
        self.year = year
        self.classFile = classFile
        self.period = period
        self.evaluations = evaluations
        self.subjects = subjects
        self.regularCounts = regularCounts
        self.users = users
        self.fixes = fixes
        self.anchor = anchor
    }
}
