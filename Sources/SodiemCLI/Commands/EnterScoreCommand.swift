import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem enter-score`: one score, or a subject sheet from a CSV file.
enum EnterScoreCommand: Command {
    static let name = "enter-score"
    static let summary = Message(vi: "Nhập điểm: một điểm hoặc cả bảng điểm môn (CSV)", en: "Enter scores: one score, or a subject sheet (CSV)")
    static let options = OptionSpec(values: ["class", "subject", "term", "student", "column", "score", "file", "note"],
                                    flags: ["clear", "dry-run"])
    static let help = """
        Usage: sodiem enter-score --class 6A1 --subject toan --term 1 --student ID --column tx1 --score 7,5
               sodiem enter-score --class 6A1 --subject toan --term 1 --student ID --column gk --clear
               sodiem enter-score --class 6A1 --subject toan --term 1 --file diem.csv [--dry-run]

        Columns: tx1..txN (N regular assessments of the subject for the grade), gk, ck.
        Scored subjects take 0..10 with at most one decimal ("7,5" or "7.5"); comment subjects
        take Đ or CĐ (also D, CD, Đạt, Chưa đạt). `vắng` (also V, vang) marks a missed test
        awaiting its make-up: it counts as missing, `remind` lists it, `lock-term` lists it, and
        the make-up is entered over it like a first entry while the term is open; a test not
        made up is entered as 0 (or CĐ) with --note "không kiểm tra bù". --note TEXT records why
        a value was entered (in the audit log). The file is the CSV of
        `print-ledger --subject --format csv`: ma_hs, optional ho_ten, then the columns (headers
        without regard to case; "," or ";" separated; decimal comma allowed). An empty cell leaves
        the score as it is; all cells or none; a sheet that changes nothing writes nothing.
        A missing score can be entered while the term is open (after its due date it is marked
        late); a score that exists can be changed or cleared directly only within the year's
        edit window (7 days) of its first entry — otherwise use `sodiem request-fix`.
        The enterers of the subject for the class only.

        Exit codes: 0 done; 64 usage; 65 a bad score, column or sheet; 66 no such class, subject,
        student or file; 77 not an enterer, term locked or edit window closed; 78 no such term.

        Example:
          sodiem enter-score --class 6A1 --subject toan --term 1 --student HS0001 --column tx1 --score 7,5

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let subject = try a.required("subject", command: name)
        let term = try a.required("term", command: name)
        let dryRun = a.has("dry-run")
        if let path = a.value("file") {
            guard a.value("student") == nil, a.value("column") == nil, a.value("score") == nil, !a.has("clear") else {
                throw SodiemError.usage(Message(vi: "Dùng --file hoặc --student/--column/--score, không dùng cả hai.",
                                                en: "Use --file or --student/--column/--score, not both."))
            }
            let session = try context.session(dryRun ? .read : .write)
            let year = try session.year(context.requestedYear)
            let report = try session.enterScoreSheet(year, className: className, subject: subject, term: term,
                                                     file: URL(fileURLWithPath: path), dryRun: dryRun, note: a.value("note"))
            show(report, context: context, dryRun: dryRun)
            return
        }
        let student = try a.required("student", command: name)
        let column = try a.required("column", command: name)
        let value = a.value("score")
        guard (value != nil) != a.has("clear") else {
            throw SodiemError.usage(Message(vi: "Cần đúng một trong --score GIÁ-TRỊ hoặc --clear.", en: "Give exactly one of --score VALUE or --clear."))
        }
        guard !dryRun else {
            throw SodiemError.usage(Message(vi: "--dry-run chỉ dùng với --file.", en: "--dry-run goes with --file only."))
        }
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let report = try session.enterScore(year, className: className, subject: subject, term: term, student: student,
                                            column: column, value: value, note: a.value("note"))
        show(report, context: context, dryRun: false)
    }

    static func show(_ report: ScoreEntryReport, context: Context, dryRun: Bool) {
        for warning in report.warnings { context.note(warning) }
        let sheet = report.sheet
        let prefix = dryRun ? context.text(vi: "(thử, chưa ghi) ", en: "(dry run, nothing written) ") : ""
        context.print(prefix + context.text(
            vi: "\(sheet.className) — \(sheet.subject.name) — HK\(sheet.term.rawValue): \(report.changes.count) điểm thay đổi, \(report.unchanged) giữ nguyên.",
            en: "\(sheet.className) — \(sheet.subject.code) — term \(sheet.term.rawValue): \(report.changes.count) scores changed, \(report.unchanged) unchanged."))
        for change in report.changes {
            let late = change.late ? context.text(vi: "  (muộn)", en: "  (late)") : ""
            context.print("  \(change.student)  \(change.column)  \(change.old?.printed ?? "∅") → \(change.new?.printed ?? "∅")\(late)")
        }
        if let event = report.event {
            context.print(context.text(vi: "Sự kiện #\(event.seq).", en: "Event #\(event.seq)."))
        }
    }
}
