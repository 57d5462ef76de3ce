import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem results`: averages, learning and conduct levels, titles and outcomes of a class.
enum ResultsCommand: Command {
    static let spec = CommandSpec(
        "results",
        summary: Message(vi: "Kết quả học tập, rèn luyện, danh hiệu, lên lớp của một lớp", en: "A class's averages, levels, titles and outcomes"),
        audience: .homeroomTeacher,
        usage: ["results --class 6A1 [--term 1|2|year] [--student ID] [--format text|json|csv|xlsx]"],
        details: Message(vi: """
            Tính theo Thông tư 22 (rules-tt22.md): điểm trung bình học kì ĐTBmhk, cả năm ĐTBmcn từ các
            điểm học kì đã làm tròn, kết quả môn đánh giá bằng nhận xét, mức học tập với điều chỉnh một
            môn, rèn luyện cả năm, số buổi nghỉ, danh hiệu và kết quả lên lớp. Số chưa xác định được là
            "-" (null trong JSON). --term mặc định là học kì của hôm nay. Text in dấu phẩy thập phân;
            JSON và CSV dấu chấm. Với cả năm, môn có kết quả là điểm kiểm tra lại được đánh dấu * trong
            text (kèm chú thích); CSV ghi các môn đó ở cột cuối, mon_kiem_tra_lai. Bảng text rộng (mỗi môn
            một cột): trên màn hình hẹp, stderr gợi ý --student MÃ và --format csv. Ai dạy lớp, ban giám
            hiệu, quản trị viên và tài khoản hệ thống.
            """, en: """
            Computes by Thông tư 22 (rules-tt22.md): term averages ĐTBmhk, year averages ĐTBmcn
            from the rounded term averages, comment-subject results, learning level with the
            one-subject adjustment, year conduct, absences, titles and the year outcome. A figure
            not yet determinable is "-" (null in JSON). --term defaults to the term today is in.
            Text prints the decimal comma; JSON and CSV a decimal point. For the year, a subject
            whose result is a re-test mark (kiểm tra lại) is marked * in text (with a footnote);
            CSV lists those subjects in the last column, mon_kiem_tra_lai. The text table is wide
            (one column per subject): on a narrower terminal a hint on standard error points to
            --student ID and --format csv. Anyone who teaches the class, the board, admins and
            system accounts.
            """),
        options: [.className, .period, .student.meaning(vi: "chỉ học sinh này", en: "this student only")],
        examples: ["results --class 6A1 --term year --format json"],
        exitCodes: [.missing(vi: "không có lớp hoặc học sinh này", en: "no such class or student"),
                    .denied(vi: "không dạy lớp", en: "not teaching the class")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let session = try context.session(.read)
        let year = try session.year(context.requestedYear)
        let classFile = try session.classFile(year, try a.required("class", command: name))
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try session.require(.readClass(className: className), year: year)
        let period = try ResultsRendering.period(context.options.period(), session: session, year: year)
        if let id = a.value("student"), let moved = classFile.students[id]?.movedTo {
            throw SodiemError.notFound(Message(vi: "Học sinh \(id) đã chuyển sang lớp \(moved.className) ngày \(moved.date.vietnamese); xem kết quả ở lớp đó.",
                                               en: "The student \(id) moved to \(moved.className) on \(moved.date); see the results there."))
        }
        if let id = a.value("student"), let left = classFile.students[id]?.transferOut {
            throw SodiemError.notFound(Message(vi: "Học sinh \(id) đã rời trường ngày \(left.date.vietnamese); học bạ đến ngày đó: sodiem print-transcript --student \(id).",
                                               en: "The student \(id) left the school on \(left.date); the transcript up to that day: sodiem print-transcript --student \(id)."))
        }
        if let id = a.value("student"), classFile.current(id) == nil {
            throw SodiemError.notFound(Message(vi: "Lớp \(className) không có học sinh \(id).", en: "The class \(className) has no student \(id)."))
        }
        let evaluations = try session.evaluate(year, classFile, student: a.value("student"))
        let subjects = session.subjectsTaken(year, className: className)
        switch try context.format(default: .text, allowed: [.text, .json, .csv, .xlsx]) {
        case .json:
            context.write(Render.json(.object([
                "year": .string(year.name), "class": .string(className), "term": .string(ResultsRendering.name(period)),
                "students": .array(evaluations.map { ResultsRendering.json($0, period, year) }),
                // Off the list: their results are computed in the class they moved to (rules-tt22.md §8).
                "moved_out": .array(a.value("student") == nil ? classFile.movedOutStudents.compactMap { id, record in
                    record.movedTo.map { .object(["id": .string(id), "name": .string(record.name), "to": .string($0.className),
                                                  "date": .string($0.date.description)]) }
                } : []),
                // Students who left the school: to another school ("to") or for a reason.
                "left_school": .array(a.value("student") == nil ? classFile.leftSchoolStudents.compactMap { id, record in
                    record.transferOut.map { .object(["id": .string(id), "name": .string(record.name), "date": .string($0.date.description),
                                                      "to": .optional($0.school), "reason": .optional($0.reason)]) }
                } : []),
            ])))
        case .csv, .xlsx:
            var header = ["ma_hs", "ho_ten"] + subjects + ["hoc_tap", "ren_luyen", "so_buoi_nghi"]
            if period == .year { header += ["hoc_tap_ban_dau", "ren_luyen_ban_dau", "danh_hieu", "ket_qua", "mon_kiem_tra_lai"] }
            try context.writeTable(header: header, sheets: [(className, evaluations.map { e in
                var row = [e.id, e.record.name] + subjects.map { ResultsRendering.figure(e, $0, period, printed: false) }
                let levels = levelsOf(e, period)
                row += [levels.learning ?? "", levels.conduct ?? "", "\(ResultsRendering.absences(e.record, period, year, grade: e.input.grade))"]
                if period == .year {
                    row += [e.results.year.learningInitial?.rawValue ?? "", e.results.year.conductInitial?.rawValue ?? "",
                            e.results.year.title?.rawValue ?? "", e.results.year.outcome?.rawValue ?? "",
                            retested(e).joined(separator: " ")]
                }
                return row
            })], now: session.now)
        default:
            let title = period == .year ? context.text(vi: "cả năm", en: "year") : context.text(vi: "học kì \(ResultsRendering.name(period))", en: "term \(ResultsRendering.name(period))")
            context.write(context.text(vi: "Kết quả lớp \(className), \(title), năm học \(year.name)\n", en: "Results of \(className), \(title), \(year.name)\n"))
            var header = [context.text(vi: "MÃ HS", en: "ID"), context.text(vi: "HỌ VÀ TÊN", en: "NAME")] + subjects.map(ResultsRendering.short)
            header += [context.text(vi: "HT", en: "LRN"), context.text(vi: "RL", en: "CND"), context.text(vi: "NGHỈ", en: "ABS")]
            if period == .year { header += [context.text(vi: "DANH HIỆU", en: "TITLE"), context.text(vi: "KẾT QUẢ", en: "OUTCOME")] }
            let table = Render.table(header, evaluations.map { e in
                let levels = levelsOf(e, period)
                let marked = period == .year ? Set(retested(e)) : []
                var row = [e.id, e.record.name] + subjects.map { code in
                    ResultsRendering.figure(e, code, period, printed: true) + (marked.contains(code) ? "*" : "")
                }
                row += [levels.learning ?? "-", levels.conduct ?? "-", "\(ResultsRendering.absences(e.record, period, year, grade: e.input.grade))"]
                if period == .year {
                    let year = e.results.year
                    row += [year.title.map { Words.title($0, context.language) } ?? "-",
                            year.outcome.map { Words.outcome($0, grade: classFile.grade, context.language) } ?? "-"]
                }
                return row
            })
            context.write(table)
            if a.value("student") == nil {
                for (id, record) in classFile.movedOutStudents {
                    guard let moved = record.movedTo else { continue }
                    context.write(context.text(vi: "Đã chuyển lớp: \(id) \(record.name) → \(moved.className) ngày \(moved.date.vietnamese) (kết quả ở lớp đó)\n",
                                               en: "Moved out: \(id) \(record.name) → \(moved.className) on \(moved.date) (results there)\n"))
                }
                for (id, record) in classFile.leftSchoolStudents {
                    guard let left = record.transferOut else { continue }
                    context.write(context.text(vi: "Đã rời trường: \(id) \(record.name) — \(PrintedNames.leaving(left))\n",
                                               en: "Left the school: \(id) \(record.name) on \(left.date)" + (left.school.map { " to \($0)" } ?? "") + (left.reason.map { " (\($0))" } ?? "") + "\n"))
                }
            }
            if period == .year, evaluations.contains(where: { !retested($0).isEmpty }) {
                context.write(context.text(vi: "* điểm kiểm tra lại (thay điểm cả năm của môn)\n", en: "* re-test mark (replaces the subject's year result)\n"))
            }
            // One column per subject makes the table 110-130 characters wide: fine on a wide terminal,
            // and where the screen is narrower a hint (standard error, so pipes and files stay clean).
            let width = table.split(separator: "\n").map(\.count).max() ?? 0
            if let screen = terminalWidth(), width > screen, context.arguments.value("out") == nil {
                context.note(Message(vi: "Bảng rộng \(width) cột, màn hình \(screen): xem từng học sinh với --student MÃ_HS, hoặc mở --format csv bằng bảng tính.",
                                     en: "The table is \(width) columns wide, the screen \(screen): see one student with --student ID, or open --format csv in a spreadsheet."))
            }
        }
    }

    /// Subjects whose year result is the re-test mark (the JSON's `retest`).
    static func retested(_ e: StudentEvaluation) -> [String] {
        e.results.year.subjects.filter { $0.retest != nil }.map(\.code)
    }

    /// The width of the terminal standard output goes to: `COLUMNS` when set, else the terminal's own; nil for a pipe or file.
    static func terminalWidth() -> Int? {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    static func levelsOf(_ e: StudentEvaluation, _ period: Period) -> (learning: String?, conduct: String?) {
        switch period {
        case .term(let term): return (e.results.term(term).learning?.rawValue, e.results.term(term).conduct?.rawValue)
        case .year: return (e.results.year.learning?.rawValue, e.results.year.conduct?.rawValue)
        }
    }
}
