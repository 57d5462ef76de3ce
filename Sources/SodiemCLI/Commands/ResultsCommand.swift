import Foundation
import SodiemCore

/// `sodiem results`: averages, learning and conduct levels, titles and outcomes of a class.
enum ResultsCommand: Command {
    static let name = "results"
    static let summary = Message(vi: "Kết quả học tập, rèn luyện, danh hiệu, lên lớp của một lớp", en: "A class's averages, levels, titles and outcomes")
    static let options = OptionSpec(values: ["class", "term", "student"])
    static let help = """
        Usage: sodiem results --class 6A1 [--term 1|2|year] [--student ID] [--format text|json|csv]

        Computes by Thông tư 22 (rules-tt22.md): term averages ĐTBmhk, year averages ĐTBmcn
        from the rounded term averages, comment-subject results, learning level with the
        one-subject adjustment, year conduct, absences, titles and the year outcome. A figure
        not yet determinable is "-" (null in JSON). --term defaults to the term today is in.
        Text prints the decimal comma; JSON and CSV a decimal point. Anyone who teaches the
        class, the board, admins and system accounts.

        Example:
          sodiem results --class 6A1 --term year --format json

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let session = try context.session(.read)
        let year = try session.year(context.requestedYear)
        let classFile = try session.classFile(year, try a.required("class", command: name))
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try session.require(.readClass(className: className), year: year)
        let period = try ResultsRendering.period(a.value("term"), session: session, year: year)
        if let id = a.value("student"), let moved = classFile.students[id]?.movedTo {
            throw SodiemError.notFound(Message(vi: "Học sinh \(id) đã chuyển sang lớp \(moved.className) ngày \(moved.date.vietnamese); xem kết quả ở lớp đó.",
                                               en: "The student \(id) moved to \(moved.className) on \(moved.date); see the results there."))
        }
        if let id = a.value("student"), classFile.current(id) == nil {
            throw SodiemError.notFound(Message(vi: "Lớp \(className) không có học sinh \(id).", en: "The class \(className) has no student \(id)."))
        }
        let evaluations = session.evaluate(year, classFile, student: a.value("student"))
        let subjects = session.subjectsTaken(year, className: className)
        switch try context.format(default: .text, allowed: [.text, .json, .csv]) {
        case .json:
            context.write(Render.json(.object([
                "year": .string(year.name), "class": .string(className), "term": .string(ResultsRendering.name(period)),
                "students": .array(evaluations.map { ResultsRendering.json($0, period, year) }),
            ])))
        case .csv:
            var header = ["ma_hs", "ho_ten"] + subjects + ["hoc_tap", "ren_luyen", "so_buoi_nghi"]
            if period == .year { header += ["hoc_tap_ban_dau", "ren_luyen_ban_dau", "danh_hieu", "ket_qua"] }
            context.write(CSV.write(header: header, rows: evaluations.map { e in
                var row = [e.id, e.record.name] + subjects.map { ResultsRendering.figure(e, $0, period, printed: false) }
                let levels = levelsOf(e, period)
                row += [levels.learning ?? "", levels.conduct ?? "", "\(ResultsRendering.absences(e.record, period, year))"]
                if period == .year {
                    row += [e.results.year.learningInitial?.rawValue ?? "", e.results.year.conductInitial?.rawValue ?? "",
                            e.results.year.title?.rawValue ?? "", e.results.year.outcome?.rawValue ?? ""]
                }
                return row
            }))
        default:
            let title = period == .year ? context.text(vi: "cả năm", en: "year") : context.text(vi: "học kì \(ResultsRendering.name(period))", en: "term \(ResultsRendering.name(period))")
            context.write(context.text(vi: "Kết quả lớp \(className), \(title), năm học \(year.name)\n", en: "Results of \(className), \(title), \(year.name)\n"))
            var header = [context.text(vi: "MÃ HS", en: "ID"), context.text(vi: "HỌ VÀ TÊN", en: "NAME")] + subjects.map(ResultsRendering.short)
            header += [context.text(vi: "HT", en: "LRN"), context.text(vi: "RL", en: "CND"), context.text(vi: "NGHỈ", en: "ABS")]
            if period == .year { header += [context.text(vi: "DANH HIỆU", en: "TITLE"), context.text(vi: "KẾT QUẢ", en: "OUTCOME")] }
            context.write(Render.table(header, evaluations.map { e in
                let levels = levelsOf(e, period)
                var row = [e.id, e.record.name] + subjects.map { ResultsRendering.figure(e, $0, period, printed: true) }
                row += [levels.learning ?? "-", levels.conduct ?? "-", "\(ResultsRendering.absences(e.record, period, year))"]
                if period == .year {
                    let year = e.results.year
                    row += context.language == .english
                        ? [year.title?.rawValue ?? "-", year.outcome?.rawValue ?? "-"]
                        : [year.title.map { PrintedNames.title($0) } ?? "-", year.outcome.map { PrintedNames.outcome($0, grade: classFile.grade) } ?? "-"]
                }
                return row
            }))
        }
    }

    static func levelsOf(_ e: StudentEvaluation, _ period: Period) -> (learning: String?, conduct: String?) {
        switch period {
        case .term(let term): return (e.results.term(term).learning?.rawValue, e.results.term(term).conduct?.rawValue)
        case .year: return (e.results.year.learning?.rawValue, e.results.year.conduct?.rawValue)
        }
    }
}
