import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules

/// The lower-secondary transcript (Học bạ THCS), rules-tt22.md §10.
///
/// Layout (portrait, fixed): the cover; page 1, the particulars with one line per school year;
/// then for each year held two pages: the subjects, then the homeroom part. `--cover`
/// prints page 1 alone. So `pageCount` is 2 + 2 × years, or 1.
public struct Transcript: Sendable {
    /// One school year of the student in this school.
    public struct YearEntry: Sendable {
        /// The year as of the log: its name, calendar, assignments and homeroom teachers.
        public let year: YearFile
        /// The student's class that year, `6A1`.
        public let className: String
        /// Khối: 6…9.
        public let grade: Int
        /// The student's results that year (averages, levels, outcome).
        public let evaluation: StudentEvaluation
        /// Subject codes the class takes, in ledger order.
        public let subjects: [String]
        /// Approved corrections of this student in the year.
        public let fixes: [FixRequest]

        /// Memberwise, for the layers above.
        package init(year: YearFile, className: String, grade: Int, evaluation: StudentEvaluation, subjects: [String], fixes: [FixRequest]) {
            self.year = year
            self.className = className
            self.grade = grade
            self.evaluation = evaluation
            self.subjects = subjects
            self.fixes = fixes
        }
    }

    /// The school's particulars, for the cover and the footer.
    public let school: SchoolFile
    /// The accounts, for teachers' names and signatures.
    public let users: UsersFile
    /// The student's id (mã học sinh), printed as the registration number (số đăng bộ).
    public let studentID: String
    /// The student's record in the latest year held (name and particulars).
    public let record: StudentRecord
    /// Oldest first.
    public let years: [YearEntry]
    /// Only the particulars page (lí lịch), printed for grade 6 in September.
    public let coverOnly: Bool
    /// The audit position printed in the footer: the last event and the first 12 hex digits of its hash.
    public let anchor: (seq: Int, hash: String)

    /// The number of A4 pages the layout promises.
    public var pageCount: Int { coverOnly ? 1 : 2 + 2 * years.count }

    /// The footer line.
    public var footer: String {
        HTMLDocument.footer(school: school.name, document: "Học bạ của \(record.name) (\(studentID))", anchor: anchor)
    }

    private func e(_ text: String) -> String { HTML.escape(text) }

    /// The whole transcript as one HTML file.
    public func html() -> String {
        var doc = HTMLDocument(title: "Học bạ THCS – \(record.name) – \(studentID)", footer: footer, css: Transcript.css)
        addPages(to: &doc)
        return doc.render()
    }

    /// The transcript's pages, each on a new sheet.
    func addPages(to doc: inout HTMLDocument) {
        if coverOnly {
            doc.page(.portrait, particularsPage())
            return
        }
        doc.page(.portrait, cover())
        doc.page(.portrait, particularsPage())
        for entry in years {
            doc.page(.portrait, subjectsPage(entry))
            doc.page(.portrait, homeroomPage(entry))
        }
    }

    /// A class's transcripts as one document (one PDF for the printer), each student from a new sheet.
    public static func classHTML(_ transcripts: [Transcript], className: String, yearName: String) -> String {
        let first = transcripts.first
        let footer = HTMLDocument.footer(school: first?.school.name ?? "", document: "Học bạ lớp \(className), năm học \(yearName)",
                                         anchor: first?.anchor ?? (0, ""))
        var doc = HTMLDocument(title: "Học bạ lớp \(className) – \(yearName)", footer: footer, css: css)
        for transcript in transcripts { transcript.addPages(to: &doc) }
        return doc.render()
    }

    /// The photo box of the official form (3 × 4 cm) on the particulars page.
    static let css = """
        .photo { float: right; width: 30mm; height: 40mm; border: 0.6pt solid #000; margin: 0 0 3mm 5mm;
          display: flex; align-items: center; justify-content: center; text-align: center; font-size: 9pt; color: #444; }
        """

    private var principal: String? { PrintedNames.principal(users) }

    private func cover() -> String {
        var out = "<div class=\"frame cover\"><p class=\"mid\">\(HTMLForms.nation)</p>"
        out += "<p class=\"mid\"><b>\(HTMLForms.motto)</b></p>"
        out += "<p class=\"big upper\" style=\"font-size:34pt\">Học bạ</p><p class=\"mid upper\"><b>Trung học cơ sở</b></p>"
        out += "<table class=\"form\" style=\"width:80%;margin:25mm auto 0;font-size:14pt\">"
        for (label, value) in [("Họ và tên học sinh", record.name), ("Trường", school.name), ("Xã/Phường", school.ward ?? ""),
                               ("Huyện/Quận", school.district ?? ""), ("Tỉnh/Thành phố", school.province ?? "")] {
            out += "<tr><td style=\"width:42%\">\(e(label)):</td><td class=\"dots\"><b>\(e(value))</b></td></tr>"
        }
        out += "</table><p class=\"mid\" style=\"margin-top:20mm\">Số đăng bộ: <b>\(e(studentID))</b></p></div>"
        return out
    }

    private func particularsPage() -> String {
        let r = record
        var out = "<div class=\"photo\">Ảnh<br>3 × 4 cm</div>"
        out += "<h1>Học bạ</h1><p class=\"center\">Số đăng bộ: <b>\(e(studentID))</b></p>"
        out += "<table class=\"form\" style=\"margin-top:4mm\">"
        func line(_ label: String, _ value: String) -> String {
            "<tr><td style=\"width:38%\">\(e(label)):</td><td class=\"dots\">\(e(value))</td></tr>"
        }
        out += "<tr><td style=\"width:38%\">Họ và tên:</td><td class=\"dots\"><b class=\"upper\">\(e(r.name))</b> &nbsp; Giới tính: \(e(r.particulars["gioi_tinh"] ?? ""))</td></tr>"
        out += line("Ngày sinh", PrintedNames.particular(r, "ngay_sinh"))
        out += line("Nơi sinh", r.particulars["noi_sinh"] ?? "")
        out += line("Dân tộc", r.particulars["dan_toc"] ?? "")
        out += line("Quê quán", r.particulars["que_quan"] ?? "")
        out += line("Chỗ ở hiện nay", r.particulars["dia_chi"] ?? "")
        out += line("Họ và tên cha", r.particulars["ho_ten_cha"] ?? "") + line("Nghề nghiệp của cha", r.particulars["nghe_nghiep_cha"] ?? "")
        out += line("Họ và tên mẹ", r.particulars["ho_ten_me"] ?? "") + line("Nghề nghiệp của mẹ", r.particulars["nghe_nghiep_me"] ?? "")
        out += line("Người giám hộ", r.particulars["nguoi_giam_ho"] ?? "")
        out += "</table>"
        out += "<p class=\"right\" style=\"margin-top:4mm\"><i>\(e(HTMLForms.placeAndDate(PrintedNames.place(school))))</i></p>"
        out += HTMLForms.signatures([HTMLForms.Signature("Hiệu trưởng", hint: "(Kí tên, đóng dấu)", name: principal)])
        let header = "<tr><th>Năm học</th><th>Lớp</th><th>Tên trường, huyện (quận), tỉnh (thành phố)</th><th style=\"width:45mm\">Hiệu trưởng kí</th></tr>"
        let place = [school.name, school.district, school.province].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        var rows = years.map { y in
            "<tr style=\"height:14mm\"><td class=\"n\">\(e(y.year.name))</td><td class=\"n\">\(e(y.className))</td><td class=\"wrap\">\(e(place))</td><td></td></tr>"
        }
        while rows.count < 4 { rows.append("<tr style=\"height:14mm\"><td></td><td></td><td></td><td></td></tr>") }
        out += "<h3 style=\"margin-top:6mm\">Quá trình học tập</h3>" + HTMLForms.table(header: header, rows: rows)
        return out
    }

    private func heading(_ entry: YearEntry) -> String {
        "<p>Họ và tên: <b>\(e(record.name))</b> &nbsp;&nbsp; Lớp: <b>\(e(entry.className))</b> &nbsp;&nbsp; Năm học: <b>\(e(entry.year.name))</b></p>"
    }

    private func subjectsPage(_ entry: YearEntry) -> String {
        var out = "<h2>Kết quả học tập năm học \(e(entry.year.name))</h2>" + heading(entry)
        let header = "<tr><th rowspan=\"2\">Môn học và hoạt động giáo dục</th><th colspan=\"3\">Điểm trung bình hoặc mức đánh giá</th>"
            + "<th rowspan=\"2\" style=\"width:15mm\">Kiểm tra lại</th><th rowspan=\"2\">Nhận xét của giáo viên môn học</th><th rowspan=\"2\">Giáo viên<br>(họ tên, chữ kí)</th></tr>"
            + "<tr><th class=\"n\" style=\"width:13mm\">HK I</th><th class=\"n\" style=\"width:13mm\">HK II</th><th class=\"n\" style=\"width:13mm\">CN</th></tr>"
        let ev = entry.evaluation
        let rows = entry.subjects.map { code -> String in
            let result = ev.results.year.subject(code)
            let lead = entry.year.assignment(code, entry.className)?.lead
            return "<tr style=\"height:11mm\"><td>\(e(PrintedNames.subject(code)))</td><td class=\"n\">\(e(PrintedNames.mark(result?.term1)))</td>"
                + "<td class=\"n\">\(e(PrintedNames.mark(result?.term2)))</td><td class=\"n\"><b>\(e(PrintedNames.mark(result?.result)))</b></td>"
                + "<td class=\"n\">\(e(PrintedNames.mark(ev.record.retests[code])))</td>"
                + "<td class=\"wrap small\">\(e(ev.record.subjectComments[code] ?? ""))</td>"
                + "<td class=\"wrap small\" style=\"width:32mm\">\(e(PrintedNames.person(lead, users)))</td></tr>"
        }
        out += HTMLForms.table(header: header, rows: rows)
        // A term completed at another school: its column comes from that school's transcript.
        if let came = ev.record.transferIn, !came.terms.isEmpty {
            let terms = came.terms.keys.sorted().map { $0 == .first ? "HK I" : "HK II" }.joined(separator: ", ")
            out += "<p class=\"small\" style=\"margin-top:2mm\">\(e(terms)): kết quả của \(e(came.school)) (\(e(came.reference))).</p>"
        }
        let fixed = Set(entry.fixes.map(\.subject)).sorted().map(PrintedNames.subject)
        out += "<p class=\"small\" style=\"margin-top:2mm\">Trong bảng này có sửa chữa ở <b>\(entry.fixes.count)</b> chỗ"
            + (fixed.isEmpty ? "" : ", thuộc các môn: \(e(fixed.joined(separator: ", ")))")
            + (entry.fixes.isEmpty ? "" : " (biên bản số \(entry.fixes.map { "\($0.id)" }.joined(separator: ", ")))") + ".</p>"
        out += HTMLForms.signatures([HTMLForms.Signature("Xác nhận của giáo viên chủ nhiệm", name: homeroom(entry)),
                                     HTMLForms.Signature("Xác nhận của Hiệu trưởng", hint: "(Kí tên, đóng dấu)", name: principal)])
        return out
    }

    private func homeroom(_ entry: YearEntry) -> String {
        PrintedNames.person(entry.year.classes[entry.className]?.homeroom, users)
    }

    private func homeroomPage(_ entry: YearEntry) -> String {
        let ev = entry.evaluation
        let y = ev.results.year
        let plan = ev.record.individualPlan
        var out = "<h2>Kết quả rèn luyện và học tập năm học \(e(entry.year.name))</h2>" + heading(entry)
        func absent(_ term: Term) -> Int {
            guard let dates = entry.year.calendar.terms[term] else { return 0 }
            return AbsenceCount(ev.record.absences, mainSession: entry.year.calendar.mainSession(grade: ev.input.grade),
                                from: dates.start, through: dates.end).total + ev.record.carriedAbsences(term)
        }
        let learningYear = plan?.recorded["learning"] ?? y.proposal.map { "đề xuất: " + PrintedNames.level($0.learning) } ?? PrintedNames.level(y.learningInitial)
        let header = "<tr><th>Học kì</th><th>Kết quả rèn luyện</th><th>Kết quả học tập</th><th>Tổng số buổi nghỉ</th></tr>"
        let rows = [
            ("Học kì I", PrintedNames.level(ev.results.term1.conduct), PrintedNames.level(ev.results.term1.learning), "\(absent(.first))"),
            ("Học kì II", PrintedNames.level(ev.results.term2.conduct), PrintedNames.level(ev.results.term2.learning), "\(absent(.second))"),
            ("Cả năm", PrintedNames.level(y.conductInitial), learningYear, "\(ev.input.absences)"),
        ].map { "<tr style=\"height:9mm\"><td>\(e($0.0))</td><td class=\"n\"><b>\(e($0.1))</b></td><td class=\"n\"><b>\(e($0.2))</b></td><td class=\"n\">\(e($0.3))</td></tr>" }
        out += HTMLForms.table(header: header, rows: rows)
        out += "<p class=\"small\">T: Tốt · K: Khá · Đ: Đạt · CĐ: Chưa đạt</p><table class=\"form\" style=\"margin-top:3mm\">"
        func line(_ label: String, _ value: String) -> String {
            "<tr><td style=\"width:48%\">\(e(label)):</td><td class=\"dots\"><b>\(e(value))</b></td></tr>"
        }
        out += line("Kết quả rèn luyện sau rèn luyện trong hè", PrintedNames.level(ev.record.conduct["summer"]))
        out += line("Kiểm tra lại các môn", y.retestSubjects.map(PrintedNames.subject).joined(separator: ", "))
        out += line("Kết quả học tập sau kiểm tra lại", PrintedNames.level(y.learningAfterRetestAssessment?.level))
        let outcome = plan.map { $0.recorded["outcome"].flatMap(Outcome.init(rawValue:)).map { PrintedNames.outcome($0, grade: entry.grade) } ?? ($0.recorded["outcome"] ?? "") }
            ?? PrintedNames.outcome(y.outcome, grade: entry.grade)
        out += line(entry.grade >= 9 ? "Hoàn thành / chưa hoàn thành chương trình THCS" : "Được lên lớp / không được lên lớp", outcome)
        let title = plan.map { $0.recorded["title"].flatMap(Title.init(rawValue:)).map { PrintedNames.title($0) } ?? ($0.recorded["title"] ?? "") }
            ?? PrintedNames.title(y.title)
        out += line("Danh hiệu", title)
        if let plan {
            let which = plan.subjects.map { "; theo kế hoạch: " + $0.map(PrintedNames.subject).joined(separator: ", ") } ?? ""
            out += line("Kế hoạch giáo dục cá nhân", "QĐ \(plan.decision)" + which)
        }
        let exemptions = ev.record.exemptions.map { "\(PrintedNames.subject($0.subject)) (\($0.term == "year" ? "cả năm" : "HK \($0.term)"), QĐ \($0.decision))" }
        if !exemptions.isEmpty { out += line("Miễn phần thực hành", exemptions.joined(separator: "; ")) }
        // Terms completed at another school count with the results of its transcript (rules-tt22.md §8).
        if let came = ev.record.transferIn {
            let terms = came.terms.keys.sorted().map { $0 == .first ? "I" : "II" }.joined(separator: ", ")
            out += line("Chuyển đến", "từ \(came.school), ngày \(came.date.vietnamese)"
                        + (terms.isEmpty ? "" : "; kết quả học kì \(terms) theo \(came.reference)"))
        }
        if let left = ev.record.transferOut { out += line("Rời trường", PrintedNames.leaving(left)) }
        // One year across classes (rules-tt22.md §8): where the year began.
        for came in ev.record.movedFrom {
            out += line("Chuyển lớp", "từ lớp \(came.className), ngày \(came.date.vietnamese)")
        }
        for text in ev.record.commendations { out += line("Khen thưởng", text) }
        out += "</table><h3 style=\"margin-top:4mm\">Nhận xét của giáo viên chủ nhiệm</h3>"
        out += "<div class=\"box\" style=\"min-height:40mm\">\(e(ev.record.homeroomComment ?? ""))</div>"
        out += "<p class=\"right\" style=\"margin-top:3mm\"><i>\(e(HTMLForms.placeAndDate(PrintedNames.place(school))))</i></p>"
        out += HTMLForms.signatures([HTMLForms.Signature("Giáo viên chủ nhiệm", name: homeroom(entry)),
                                     HTMLForms.Signature("Hiệu trưởng", hint: "Hiệu trưởng kí tên, đóng dấu", name: principal)])
        return out
    }

    /// Memberwise, for the layers above.
    package init(school: SchoolFile, users: UsersFile, studentID: String, record: StudentRecord, years: [YearEntry], coverOnly: Bool, anchor: (seq: Int, hash: String)) {
        self.school = school
        self.users = users
        self.studentID = studentID
        self.record = record
        self.years = years
        self.coverOnly = coverOnly
        self.anchor = anchor
    }
}
