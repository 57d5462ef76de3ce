import Foundation
import SodiemCore

/// `sodiem report`: enrollment, results and progress figures per class, per grade and for the school.
enum ReportCommand: Command {
    static let name = "report"
    static let summary = Message(vi: "Báo cáo sĩ số, kết quả, tiến độ nhập điểm (theo lớp, khối, toàn trường)",
                                 en: "Reports: enrollment, results, entry progress (per class, grade, school)")
    static let options = OptionSpec(values: ["kind", "term", "snapshot", "date"])
    static let help = """
        Usage: sodiem report --kind enrollment|results|progress [--term 1|2|year] [--format text|csv|html|json]
                             [--snapshot NAME] [--date 2024-10-31] [--out FILE]

        enrollment: students by sex, ethnicity (Kinh, others, each by name), per class, grade, school.
        results:    learning and conduct levels per term and year, titles, outcomes, re-tests
                    (all periods unless --term).
        progress:   per assignment and teacher, scores expected, entered, due, missing (due and not
                    entered) and late (first entered after the due date), on --date (default today);
                    attendance months not closed by their last day, per homeroom teacher.
        --snapshot NAME shows the figures frozen by `sodiem snapshot` (enrollment, results).
        JSON keys: docs/reports-and-reminders.md. CSV and JSON: counts; HTML: a printable A4 page.
        Admins, the board, system accounts.

        Example:
          sodiem report --kind results --term 1 --format html --out ket-qua-hk1.html
          sodiem report --kind enrollment --snapshot chot-so-lieu-dau-nam --format csv

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let kindText = try a.required("kind", command: name)
        guard let kind = ReportKind(rawValue: kindText.lowercased()) else {
            throw SodiemError.usage(Message(vi: "--kind nhận enrollment, results hoặc progress, không phải \(kindText).",
                                            en: "--kind takes enrollment, results or progress, not \(kindText)."))
        }
        let format = try context.format(default: .text, allowed: [.text, .json, .csv, .html])
        var periods: [Period] = [.term(.first), .term(.second), .year]
        if let text = a.value("term") {
            guard kind == .results else {
                throw SodiemError.usage(Message(vi: "--term chỉ dùng với --kind results.", en: "--term goes with --kind results only."))
            }
            switch text.lowercased() {
            case "1": periods = [.term(.first)]
            case "2": periods = [.term(.second)]
            case "year", "cn", "ca-nam": periods = [.year]
            default:
                throw SodiemError.usage(Message(vi: "--term nhận 1, 2 hoặc year, không phải \(text).", en: "--term takes 1, 2 or year, not \(text)."))
            }
        }
        let session = try context.session(.read)
        let year = try session.year(context.requestedYear)
        try session.require(.schoolOversight, year: year)
        var date = session.now.day
        if let text = a.value("date") {
            guard kind == .progress, let day = Day(text) else {
                throw SodiemError.usage(Message(vi: "--date (dạng 2024-10-31) chỉ dùng với --kind progress.",
                                                en: "--date (2024-10-31) goes with --kind progress only."))
            }
            date = day
        }
        var figures: JSON
        if let snapshot = a.value("snapshot") {
            figures = try session.frozenReport(year, name: snapshot, kind: kind)
            if kind == .results { figures = only(periods, figures) }
        } else {
            switch kind {
            case .enrollment: figures = try session.enrollmentReport(year)
            case .results: figures = try session.resultsReport(year, periods: periods)
            case .progress: figures = try session.progressReport(year, date: date)
            }
        }
        let table = ReportTable.of(kind, figures)
        switch format {
        case .json: context.write(Render.json(figures))
        case .csv: context.write(CSV.write(header: table.columns.map(\.code), rows: table.rows))
        case .html:
            let page = ReportPage(school: figures["school"].string ?? "", title: ReportTable.title(kind, figures, .vietnamese),
                                  columns: table.columns.map(\.vi), rows: table.rows,
                                  anchor: (figures["seq"].int ?? 0, figures["hash"].string ?? ""))
            context.write(page.html())
        case .text:
            context.write(ReportTable.title(kind, figures, context.language) + "\n")
            context.write(Render.table(table.columns.map { context.language == .english ? $0.en : $0.code }, table.rows))
        }
    }

    /// Keeps only the periods asked for in frozen results figures.
    static func only(_ periods: [Period], _ figures: JSON) -> JSON {
        let keys = Set(periods.map(\.key))
        func trim(_ unit: JSON) -> JSON {
            guard case .object(var members) = unit, case .object(let terms) = members["terms"] ?? .null else { return unit }
            members["terms"] = .object(terms.filter { keys.contains($0.key) })
            return .object(members)
        }
        guard case .object(var members) = figures else { return figures }
        members["periods"] = .array(periods.map { .string($0.key) })
        members["total"] = trim(members["total"] ?? .null)
        for key in ["grades", "classes"] { members[key] = .array((members[key]?.array ?? []).map(trim)) }
        return .object(members)
    }
}

/// A report as one table: the same rows for text, CSV and HTML.
struct ReportTable {
    struct Column {
        /// CSV header (stable, ASCII).
        var code: String
        /// Printed header (HTML, Vietnamese).
        var vi: String
        /// Terminal header in English.
        var en: String
    }

    var columns: [Column]
    var rows: [[String]]

    static func title(_ kind: ReportKind, _ figures: JSON, _ language: Language) -> String {
        let year = figures["year"].string ?? ""
        let day = figures["date"].string.flatMap(Day.init)
        let frozen = figures["snapshot"].string
        if language == .english {
            let what = ["enrollment": "Enrollment", "results": "Results", "progress": "Entry progress"][kind.rawValue]!
            return "\(what), \(year), figures of \(day?.description ?? "")" + (frozen.map { " (snapshot \($0))" } ?? "")
        }
        let what = ["enrollment": "Sĩ số học sinh", "results": "Kết quả học tập và rèn luyện", "progress": "Tiến độ nhập điểm"][kind.rawValue]!
        return "\(what), năm học \(year), số liệu ngày \(day?.vietnamese ?? "")" + (frozen.map { " (bản chốt \($0))" } ?? "")
    }

    static func of(_ kind: ReportKind, _ figures: JSON) -> ReportTable {
        switch kind {
        case .enrollment: return enrollment(figures)
        case .results: return results(figures)
        case .progress: return progress(figures)
        }
    }

    /// Classes of a grade, then the grade, …, then the school.
    static func units(_ figures: JSON) -> [(scope: String, grade: String, className: String, unit: JSON)] {
        var out: [(String, String, String, JSON)] = []
        let classes = figures["classes"].array ?? []
        for grade in figures["grades"].array ?? [] {
            let g = grade["grade"].int ?? 0
            for unit in classes where unit["grade"].int == g {
                out.append(("lop", "\(g)", unit["class"].string ?? "", unit))
            }
            out.append(("khoi", "\(g)", "", grade))
        }
        out.append(("truong", "", "", figures["total"]))
        return out
    }

    static func n(_ value: JSON) -> String { value.int.map(String.init) ?? "" }

    static func enrollment(_ figures: JSON) -> ReportTable {
        var columns = [
            Column(code: "pham_vi", vi: "Phạm vi", en: "SCOPE"), Column(code: "khoi", vi: "Khối", en: "GRADE"),
            Column(code: "lop", vi: "Lớp", en: "CLASS"), Column(code: "si_so", vi: "Sĩ số", en: "STUDENTS"),
            Column(code: "nam", vi: "Nam", en: "MALE"), Column(code: "nu", vi: "Nữ", en: "FEMALE"),
            Column(code: "gioi_tinh_chua_ro", vi: "Giới tính chưa rõ", en: "SEX?"),
            Column(code: "kinh", vi: "Dân tộc Kinh", en: "KINH"), Column(code: "dan_toc_khac", vi: "Dân tộc khác", en: "OTHER"),
            Column(code: "dan_toc_chua_ro", vi: "Dân tộc chưa rõ", en: "ETHNICITY?"),
        ]
        let names = (figures["total"]["ethnicities"].object ?? [:]).keys.filter { $0 != "Kinh" }
            .sorted { VietnameseCollation.sortKey($0) < VietnameseCollation.sortKey($1) }
        columns += names.map { Column(code: "dan_toc:\($0)", vi: $0, en: $0) }
        let keys = ["students", "male", "female", "sex_unknown", "kinh", "other_ethnic", "ethnicity_unknown"]
        let rows = units(figures).map { (scope: String, grade: String, className: String, unit: JSON) -> [String] in
            let counts: [String] = keys.map { n(unit[$0]) }
            let byName: [String] = names.map { unit["ethnicities"][$0].int.map(String.init) ?? "0" }
            return [scope, grade, className] + counts + byName
        }
        return ReportTable(columns: columns, rows: rows)
    }

    static func results(_ figures: JSON) -> ReportTable {
        let levels = [("T", "T", "Tốt"), ("K", "K", "Khá"), ("Đ", "D", "Đạt"), ("CĐ", "CD", "Chưa đạt"), ("none", "chua_xep", "Chưa xếp")]
        var columns = [
            Column(code: "pham_vi", vi: "Phạm vi", en: "SCOPE"), Column(code: "khoi", vi: "Khối", en: "GRADE"),
            Column(code: "lop", vi: "Lớp", en: "CLASS"), Column(code: "ky", vi: "Kỳ", en: "TERM"),
            Column(code: "si_so", vi: "Sĩ số", en: "STUDENTS"),
        ]
        columns += levels.map { Column(code: "hoc_tap_\($0.1)", vi: "HT: \($0.2)", en: "L.\($0.1)") }
        columns += levels.map { Column(code: "ren_luyen_\($0.1)", vi: "RL: \($0.2)", en: "C.\($0.1)") }
        columns += [
            Column(code: "xuat_sac", vi: "HS Xuất sắc", en: "EXCELLENT"), Column(code: "gioi", vi: "HS Giỏi", en: "GOOD"),
            Column(code: "len_lop", vi: "Lên lớp", en: "PROMOTED"), Column(code: "ren_luyen_he", vi: "Rèn luyện hè", en: "SUMMER"),
            Column(code: "kiem_tra_lai", vi: "Kiểm tra lại", en: "RETEST"), Column(code: "o_lai_lop", vi: "Ở lại lớp", en: "RETAINED"),
            Column(code: "chua_xet", vi: "Chưa xét", en: "UNDECIDED"),
            Column(code: "hs_kiem_tra_lai", vi: "HS phải KT lại", en: "RETEST.STUDENTS"),
            Column(code: "da_kiem_tra_lai", vi: "Môn đã KT lại", en: "RETESTS.DONE"),
        ]
        let periods = (figures["periods"].array ?? []).compactMap(\.string)
        var rows: [[String]] = []
        for (scope, grade, className, unit) in units(figures) {
            for period in periods {
                let t = unit["terms"][period]
                var row = [scope, grade, className, period, n(t["students"])]
                row += levels.map { n(t["learning"][$0.0]) }
                row += levels.map { n(t["conduct"][$0.0]) }
                if period == "year" {
                    row += [n(t["titles"]["xuat-sac"]), n(t["titles"]["gioi"])]
                    row += ["len-lop", "ren-luyen-he", "kiem-tra-lai", "o-lai-lop", "none"].map { n(t["outcomes"][$0]) }
                    row += [n(t["retests"]["students"]), n(t["retests"]["recorded"])]
                } else {
                    row += Array(repeating: "", count: 9)
                }
                rows.append(row)
            }
        }
        return ReportTable(columns: columns, rows: rows)
    }

    static func progress(_ figures: JSON) -> ReportTable {
        let columns = [
            Column(code: "loai", vi: "Loại", en: "ROW"), Column(code: "giao_vien", vi: "Giáo viên", en: "TEACHER"),
            Column(code: "lop", vi: "Lớp", en: "CLASS"), Column(code: "mon", vi: "Môn", en: "SUBJECT"),
            Column(code: "hoc_ki", vi: "HK", en: "TERM"), Column(code: "phai_nhap", vi: "Phải nhập", en: "EXPECTED"),
            Column(code: "da_nhap", vi: "Đã nhập", en: "ENTERED"), Column(code: "den_han", vi: "Đến hạn", en: "DUE"),
            Column(code: "thieu", vi: "Thiếu (quá hạn)", en: "MISSING"), Column(code: "tre", vi: "Nhập trễ", en: "LATE"),
            Column(code: "thang_chua_chot", vi: "Tháng chưa chốt chuyên cần", en: "MONTHS.OPEN"),
        ]
        func counts(_ u: JSON) -> [String] { ["expected", "entered", "due", "missing", "late"].map { n(u[$0]) } }
        var rows: [[String]] = []
        for a in figures["assignments"].array ?? [] {
            let teachers = ([a["lead"].string ?? ""] + (a["enterers"].array ?? []).compactMap(\.string).filter { $0 != a["lead"].string })
            rows.append(["diem", teachers.joined(separator: " "), a["class"].string ?? "", a["subject"].string ?? "", n(a["term"])]
                        + counts(a) + [""])
        }
        for t in figures["teachers"].array ?? [] {
            rows.append(["giao_vien", t["teacher"].string ?? "", "", "", ""] + counts(t) + [""])
        }
        rows.append(["truong", "", "", "", ""] + counts(figures["total"]) + [""])
        for item in figures["attendance"].array ?? [] {
            rows.append(["chuyen_can", item["homeroom"].string ?? "", item["class"].string ?? "", "", "", "", "", "", "", "",
                         (item["months"].array ?? []).compactMap(\.string).joined(separator: " ")])
        }
        return ReportTable(columns: columns, rows: rows)
    }
}
