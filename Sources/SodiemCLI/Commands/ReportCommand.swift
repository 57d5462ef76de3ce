import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem report`: enrollment, results and progress figures per class, per grade and for the school.
enum ReportCommand: Command {
    static let spec = CommandSpec(
        "report",
        summary: Message(vi: "Báo cáo sĩ số, kết quả, tiến độ nhập điểm (theo lớp, khối, toàn trường)",
                         en: "Reports: enrollment, results, entry progress (per class, grade, school)"),
        audience: .board,
        usage: ["report --kind enrollment|results|progress [--term 1|2|year] [--format text|csv|html|json|pdf|xlsx] [--snapshot NAME] [--date 2024-10-31] [--out FILE]"],
        details: Message(vi: """
            enrollment: học sinh theo giới tính, dân tộc (Kinh, dân tộc khác theo tên), theo lớp, khối, trường.
            results:    mức học tập và rèn luyện theo học kì và cả năm, danh hiệu, lên lớp, kiểm tra lại
                        (mọi kì, trừ khi có --term).
            progress:   theo phân công và giáo viên, số điểm phải có, đã nhập, đến hạn, còn thiếu (đến hạn
                        mà chưa nhập) và muộn (nhập lần đầu sau hạn), vào ngày --date (mặc định hôm nay);
                        tháng chuyên cần chưa chốt sau ngày cuối tháng, theo giáo viên chủ nhiệm.
            --snapshot TÊN in số liệu đã chốt bằng `sodiem snapshot` (enrollment, results). Khoá JSON:
            docs/reports-and-reminders.md. CSV và JSON: số liệu; HTML: một trang A4 để in; PDF (--format pdf
            hoặc --out TỆP.pdf): trang đó in qua Chromium (gói chromium). Quản trị viên, ban giám hiệu, tài
            khoản hệ thống.
            """, en: """
            enrollment: students by sex, ethnicity (Kinh, others, each by name), per class, grade, school.
            results:    learning and conduct levels per term and year, titles, outcomes, re-tests
                        (all periods unless --term).
            progress:   per assignment and teacher, scores expected, entered, due, missing (due and not
                        entered) and late (first entered after the due date), on --date (default today);
                        attendance months not closed by their last day, per homeroom teacher.
            --snapshot NAME shows the figures frozen by `sodiem snapshot` (enrollment, results).
            JSON keys: docs/reports-and-reminders.md. CSV and JSON: counts; HTML: a printable A4 page;
            PDF (--format pdf or --out FILE.pdf): that page through Chromium (package chromium).
            Admins, the board, system accounts.
            """),
        options: [.value("kind", "enrollment|results|progress", vi: "loại báo cáo", en: "the kind of report"),
                  .period,
                  .value("snapshot", "TÊN", "NAME", vi: "số liệu đã chốt bằng `snapshot`", en: "the figures frozen by `snapshot`"),
                  .date.meaning(vi: "ngày xét tiến độ (progress; mặc định hôm nay)", en: "the day of the progress report (default today)")],
        examples: ["report --kind results --term 1 --format html --out ket-qua-hk1.html",
                   "report --kind enrollment --snapshot chot-so-lieu-dau-nam --format csv",
                   "report --kind results --term 1 --out ket-qua-hk1.pdf"],
        exitCodes: [ExitCodeDeclaration.unavailable, .missing(vi: "không có bản chốt số liệu này", en: "no such snapshot"),
                    .cannotWrite(vi: "không ghi được --out", en: "cannot write --out"),
                    .denied(vi: "không phải quản trị viên, ban giám hiệu hoặc hệ thống", en: "not an admin, the board or system")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let kindText = try a.required("kind", command: name)
        guard let kind = ReportKind(rawValue: kindText.lowercased()) else {
            throw SodiemError.usage(Message(vi: "--kind nhận enrollment, results hoặc progress, không phải \(kindText).",
                                            en: "--kind takes enrollment, results or progress, not \(kindText)."))
        }
        let format = try context.format(default: .text, allowed: [.text, .json, .csv, .html, .pdf, .xlsx])
        var periods: [Period] = [.term(.first), .term(.second), .year]
        if let period = try context.options.period() {
            guard kind == .results else {
                throw SodiemError.usage(Message(vi: "--term chỉ dùng với --kind results.", en: "--term goes with --kind results only."))
            }
            periods = [period]
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
        let report: Report
        if let snapshot = a.value("snapshot") {
            let frozen = try session.frozenReport(year, name: snapshot, kind: kind)
            if case .results(let results) = frozen { report = .results(results.keeping(periods)) } else { report = frozen }
        } else {
            switch kind {
            case .enrollment: report = .enrollment(try session.enrollmentReport(year))
            case .results: report = .results(try session.resultsReport(year, periods: periods))
            case .progress: report = .progress(try session.progressReport(year, date: date))
            }
        }
        // People read names (teachers, subjects, periods); a program reads the codes of CSV.
        let names = kind == .progress ? Dictionary(uniqueKeysWithValues: try session.world.users().accounts.map { ($0.key, $0.value.name) }) : [:]
        let html = format == .html || format == .pdf ? Language.vietnamese : context.language
        let table = ReportTable.of(report, format == .csv || format == .xlsx ? .program(names: names) : .people(html, names: names))
        let header = report.header
        switch format {
        case .json: context.write(Render.json(report.json))
        case .csv, .xlsx: try context.writeTable(header: table.columns.map(\.code), sheets: [(kind.rawValue, table.rows)], now: session.now)
        case .html, .pdf:
            let page = ReportPage(school: header.school, title: ReportTable.title(header, .vietnamese),
                                  columns: table.columns.map(\.vi), rows: table.rows,
                                  anchor: (header.seq, String(header.hash.prefix(16))))
            if format == .pdf { try DocumentOutput.pdf(context, html: page.html()) } else { context.write(page.html()) }
        case .text:
            context.write(ReportTable.title(header, context.language) + "\n")
            let rows = table.rows.map { row in [ReportTable.scope(row.first ?? "", context.language)] + row.dropFirst() }
            // Headers as words in the user's language; the codes are CSV's (issue 16 item 6).
            context.write(Render.table(table.columns.map { context.language == .english ? $0.en : $0.vi }, rows))
        }
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

    /// Who reads the table: a program (CSV: codes, ids) or people (text, HTML: periods, subjects and teachers by name).
    struct Reader {
        /// The language of the cells; nil for a program (CSV).
        var language: Language?
        /// The accounts' names by id.
        var names: [String: String] = [:]

        static func program(names: [String: String]) -> Reader { Reader(language: nil, names: names) }
        static func people(_ language: Language, names: [String: String]) -> Reader { Reader(language: language, names: names) }
    }

    /// A row kind (first cell) as people read it in text; HTML names them itself (`ReportPage`) and styles rows by the code.
    static func scope(_ code: String, _ language: Language) -> String {
        let vi = ["lop": "Lớp", "khoi": "Khối", "truong": "Toàn trường", "diem": "Điểm", "giao_vien": "Giáo viên", "chuyen_can": "Chuyên cần"]
        let en = ["lop": "class", "khoi": "grade", "truong": "school", "diem": "scores", "giao_vien": "teacher", "chuyen_can": "attendance"]
        return (language == .english ? en : vi)[code] ?? code
    }

    /// A period as the reader reads it: "Học kì I", "Cả năm"; "Term 1", "Year"; its key (`1`, `2`, `year`) for a program.
    static func period(_ period: Period, _ reader: Reader) -> String {
        guard let language = reader.language else { return period.key }
        if language == .vietnamese { return PrintedNames.period(period) }
        switch period {
        case .term(let t): return "Term \(t.rawValue)"
        case .year: return "Year"
        }
    }

    /// An account as people read it: "Nguyễn Thị Lan (gv.lan)"; the id alone for a program or an unknown account.
    static func person(_ id: String, _ reader: Reader) -> String {
        guard reader.language != nil, let name = reader.names[id], !id.isEmpty else { return id }
        return "\(name) (\(id))"
    }

    /// "Sĩ số học sinh, năm học 2024-2025, số liệu ngày …" (and the snapshot's name).
    static func title(_ header: ReportHeader, _ language: Language) -> String {
        let frozen = header.snapshot
        if language == .english {
            let what: String
            switch header.kind {
            case .enrollment: what = "Enrollment"
            case .results: what = "Results"
            case .progress: what = "Entry progress"
            }
            return "\(what), \(header.year), figures of \(header.date.english)" + (frozen.map { " (snapshot \($0))" } ?? "")
        }
        let what: String
        switch header.kind {
        case .enrollment: what = "Sĩ số học sinh"
        case .results: what = "Kết quả học tập và rèn luyện"
        case .progress: what = "Tiến độ nhập điểm"
        }
        return "\(what), năm học \(header.year), số liệu ngày \(header.date.vietnamese)" + (frozen.map { " (bản chốt \($0))" } ?? "")
    }

    /// The table of a report for its reader.
    static func of(_ report: Report, _ reader: Reader) -> ReportTable {
        switch report {
        case .enrollment(let figures): return enrollment(figures)
        case .results(let figures): return results(figures, reader)
        case .progress(let figures): return progress(figures, reader)
        }
    }

    /// Classes of a grade, then the grade, …, then the school.
    static func units<Counts>(_ units: ReportUnits<Counts>) -> [(scope: String, grade: String, className: String, counts: Counts)] {
        var out: [(String, String, String, Counts)] = []
        for grade in units.grades {
            for unit in units.classes where unit.grade == grade.grade {
                out.append(("lop", "\(grade.grade)", unit.className, unit.counts))
            }
            out.append(("khoi", "\(grade.grade)", "", grade.counts))
        }
        out.append(("truong", "", "", units.total))
        return out
    }

    /// A count as a cell; empty when the figures do not hold it.
    static func n(_ value: Int?) -> String { value.map(String.init) ?? "" }

    static func enrollment(_ report: EnrollmentReport) -> ReportTable {
        var columns = [
            Column(code: "pham_vi", vi: "Phạm vi", en: "SCOPE"), Column(code: "khoi", vi: "Khối", en: "GRADE"),
            Column(code: "lop", vi: "Lớp", en: "CLASS"), Column(code: "si_so", vi: "Sĩ số", en: "STUDENTS"),
            Column(code: "nam", vi: "Nam", en: "MALE"), Column(code: "nu", vi: "Nữ", en: "FEMALE"),
            Column(code: "gioi_tinh_chua_ro", vi: "Giới tính chưa rõ", en: "SEX?"),
            Column(code: "kinh", vi: "Dân tộc Kinh", en: "KINH"), Column(code: "dan_toc_khac", vi: "Dân tộc khác", en: "OTHER"),
            Column(code: "dan_toc_chua_ro", vi: "Dân tộc chưa rõ", en: "ETHNICITY?"),
        ]
        let names = report.units.total.ethnicities.keys.filter { $0 != "Kinh" }
            .sorted { VietnameseCollation.sortKey($0) < VietnameseCollation.sortKey($1) }
        columns += names.map { Column(code: "dan_toc:\($0)", vi: $0, en: $0) }
        let rows = units(report.units).map { (scope: String, grade: String, className: String, unit: EnrollmentFigures) -> [String] in
            let counts = [unit.students, unit.male, unit.female, unit.sexUnknown, unit.kinh, unit.otherEthnic, unit.ethnicityUnknown]
            let byName: [String] = names.map { String(unit.ethnicities[$0] ?? 0) }
            return [scope, grade, className] + counts.map(String.init) + byName
        }
        return ReportTable(columns: columns, rows: rows)
    }

    static func results(_ report: ResultsReport, _ reader: Reader) -> ReportTable {
        // (level, code of the column, Vietnamese name, English label): the English header says UNRATED, not chua_xep.
        let levels: [(ReportedLevel, String, String, String)] = [
            (.level(.good), "T", "Tốt", "T"), (.level(.fair), "K", "Khá", "K"), (.level(.pass), "D", "Đạt", "Đ"),
            (.level(.fail), "CD", "Chưa đạt", "CĐ"), (.unrated, "chua_xep", "Chưa xếp", "UNRATED")]
        var columns = [
            Column(code: "pham_vi", vi: "Phạm vi", en: "SCOPE"), Column(code: "khoi", vi: "Khối", en: "GRADE"),
            Column(code: "lop", vi: "Lớp", en: "CLASS"), Column(code: "ky", vi: "Kì", en: "TERM"),
            Column(code: "si_so", vi: "Sĩ số", en: "STUDENTS"),
        ]
        columns += levels.map { Column(code: "hoc_tap_\($0.1)", vi: "HT: \($0.2)", en: "L.\($0.3)") }
        columns += levels.map { Column(code: "ren_luyen_\($0.1)", vi: "RL: \($0.2)", en: "C.\($0.3)") }
        columns += [
            Column(code: "xuat_sac", vi: "HS Xuất sắc", en: "EXCELLENT"), Column(code: "gioi", vi: "HS Giỏi", en: "GOOD"),
            Column(code: "len_lop", vi: "Lên lớp", en: "PROMOTED"),
            Column(code: "hoan_thanh_thcs", vi: "Hoàn thành THCS", en: "COMPLETED"), Column(code: "ren_luyen_he", vi: "Rèn luyện hè", en: "SUMMER"),
            Column(code: "kiem_tra_lai", vi: "Kiểm tra lại", en: "RETEST"), Column(code: "o_lai_lop", vi: "Ở lại lớp", en: "RETAINED"),
            Column(code: "chua_xet", vi: "Chưa xét", en: "UNDECIDED"),
            Column(code: "hs_kiem_tra_lai", vi: "HS phải KT lại", en: "RETEST.STUDENTS"),
            Column(code: "da_kiem_tra_lai", vi: "Môn đã KT lại", en: "RETESTS.DONE"),
        ]
        // The columns' order of outcomes, which is not the catalogue's: completers beside the promoted.
        let outcomes: [ReportedOutcome] = [.outcome(.promoted), .completedLowerSecondary, .outcome(.summerTraining), .outcome(.retest),
                                           .outcome(.retained), .undecided]
        var rows: [[String]] = []
        for (scope, grade, className, unit) in units(report.units) {
            for period in report.periods {
                let t = unit.periods[period]
                var row = [scope, grade, className, Self.period(period, reader), n(t?.students)]
                row += levels.map { n(t?.learning[$0.0]) }
                row += levels.map { n(t?.conduct[$0.0]) }
                if period == .year {
                    let year = t?.year
                    row += [n(year?.titles[.excellent]), n(year?.titles[.good])]
                    row += outcomes.map { n(year?.outcomes[$0]) }
                    row += [n(year?.retests.students), n(year?.retests.recorded)]
                } else {
                    row += Array(repeating: "", count: 10)
                }
                rows.append(row)
            }
        }
        return ReportTable(columns: columns, rows: rows)
    }

    static func progress(_ report: ProgressReport, _ reader: Reader) -> ReportTable {
        var columns = [
            Column(code: "loai", vi: "Loại", en: "ROW"), Column(code: "giao_vien", vi: "Giáo viên", en: "TEACHER"),
            Column(code: "lop", vi: "Lớp", en: "CLASS"), Column(code: "mon", vi: "Môn", en: "SUBJECT"),
            Column(code: "hoc_ki", vi: "HK", en: "TERM"), Column(code: "phai_nhap", vi: "Phải nhập", en: "EXPECTED"),
            Column(code: "da_nhap", vi: "Đã nhập", en: "ENTERED"), Column(code: "den_han", vi: "Đến hạn", en: "DUE"),
            Column(code: "thieu", vi: "Thiếu (quá hạn)", en: "MISSING"), Column(code: "tre", vi: "Nhập trễ", en: "LATE"),
            Column(code: "thang_chua_chot", vi: "Tháng chưa chốt chuyên cần", en: "MONTHS.OPEN"),
        ]
        // People see names in the teacher and subject cells; CSV keeps the ids and codes and adds the names at the end,
        // so the columns scripts already read do not move.
        let program = reader.language == nil
        if program {
            columns += [Column(code: "ten_giao_vien", vi: "Họ tên giáo viên", en: "TEACHER.NAME"),
                        Column(code: "ten_mon", vi: "Tên môn", en: "SUBJECT.NAME")]
        }
        func counts(_ t: ProgressTally) -> [String] { [t.expected, t.entered, t.due, t.missing, t.late].map(String.init) }
        var rows: [[String]] = []
        func add(_ kind: String, teachers: [String], className: String, subject: String, term: String, _ figures: [String]) {
            let subjectName = subject.isEmpty ? "" : PrintedNames.subject(subject)
            if program {
                rows.append([kind, teachers.joined(separator: " "), className, subject, term] + figures
                            + [teachers.map { reader.names[$0] ?? "" }.joined(separator: "; "), subjectName])
            } else {
                rows.append([kind, teachers.map { person($0, reader) }.joined(separator: "; "), className, subjectName, term] + figures)
            }
        }
        for a in report.assignments {
            let teachers = [a.lead] + a.enterers.filter { $0 != a.lead }
            add("diem", teachers: teachers, className: a.className, subject: a.subject, term: String(a.term.rawValue), counts(a.tally) + [""])
        }
        for t in report.teachers {
            add("giao_vien", teachers: [t.teacher], className: "", subject: "", term: "", counts(t.tally) + [""])
        }
        add("truong", teachers: [], className: "", subject: "", term: "", counts(report.total) + [""])
        for item in report.attendance {
            add("chuyen_can", teachers: [item.homeroom].compactMap { $0 }, className: item.className, subject: "", term: "",
                ["", "", "", "", "", item.months.joined(separator: " ")])
        }
        return ReportTable(columns: columns, rows: rows)
    }
}
