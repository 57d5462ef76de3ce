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
    static let spec = CommandSpec(
        "enter-score",
        summary: Message(vi: "Nhập điểm: một điểm hoặc cả bảng điểm môn (CSV)", en: "Enter scores: one score, or a subject sheet (CSV)"),
        audience: .subjectTeacher,
        usage: ["enter-score --class 6A1 --subject toan --term 1 --student ID --column tx1 --score 7,5",
                "enter-score --class 6A1 --subject toan --term 1 --student ID --column gk --clear",
                "enter-score --class 6A1 --subject toan --term 1 --file diem.csv [--dry-run]"],
        details: Message(vi: """
            Cột: tx1..txN (N lần đánh giá thường xuyên của môn ở khối đó), gk, ck. Môn đánh giá bằng điểm
            số nhận 0..10 với nhiều nhất một chữ số thập phân ("7,5" hoặc "7.5"); môn đánh giá bằng nhận
            xét nhận Đ hoặc CĐ (cả D, CD, Đạt, Chưa đạt). `vắng` (cả V, vang) đánh dấu bài kiểm tra học sinh vắng,
            chờ kiểm tra bù: tính như còn thiếu, `remind` nhắc, `lock-term` liệt kê; điểm kiểm tra bù nhập vào
            ô đó như lần nhập đầu khi học kì còn mở; không kiểm tra bù thì nhập 0 (hoặc CĐ) với --note
            "không kiểm tra bù". Tệp là CSV của `print-ledger --subject --format
            csv`: ma_hs, ho_ten (không bắt buộc), rồi các cột (tiêu đề không phân biệt hoa thường; phân
            cách "," hoặc ";"; được dùng dấu phẩy thập phân). Ô trống giữ nguyên điểm; trọn cả tệp hoặc
            không gì cả; bảng không thay đổi gì thì không ghi gì. Điểm còn thiếu nhập được khi học kì còn
            mở (quá hạn thì đánh dấu muộn); điểm đã có chỉ sửa hoặc xoá trực tiếp được trong thời hạn sửa
            của năm (7 ngày) kể từ lần nhập đầu — quá hạn thì dùng `sodiem request-fix`. Chỉ người vào
            điểm của môn cho lớp.
            """, en: """
            Columns: tx1..txN (N regular assessments of the subject for the grade), gk, ck.
            Scored subjects take 0..10 with at most one decimal ("7,5" or "7.5"); comment subjects
            take Đ or CĐ (also D, CD, Đạt, Chưa đạt). `vắng` (also V, vang) marks a missed test
            awaiting its make-up: it counts as missing, `remind` and `lock-term` list it, and the
            make-up is entered over it like a first entry while the term is open; a test not made up
            is entered as 0 (or CĐ) with --note "không kiểm tra bù". The file is the CSV of
            `print-ledger --subject --format csv`: ma_hs, optional ho_ten, then the columns (headers
            without regard to case; "," or ";" separated; decimal comma allowed). An empty cell leaves
            the score as it is; all cells or none; a sheet that changes nothing writes nothing.
            A missing score can be entered while the term is open (after its due date it is marked
            late); a score that exists can be changed or cleared directly only within the year's
            edit window (7 days) of its first entry — otherwise use `sodiem request-fix`.
            The enterers of the subject for the class only.
            """),
        options: [.className, .subject, .term, .student, .column,
                  .value("score", "ĐIỂM", "SCORE", vi: "điểm (7,5) hoặc Đ/CĐ", en: "the score (7,5) or Đ/CĐ"),
                  .clear.meaning(vi: "xoá điểm đã có", en: "clear the existing score"),
                  .file.meaning(vi: "bảng điểm môn CSV (như print-ledger --subject --format csv)",
                                en: "the subject sheet CSV (as print-ledger --subject --format csv writes it)"), .sheet, .map,
                  .dryRun,
                  .value("note", "GHI-CHÚ", "TEXT", vi: "vì sao nhập giá trị này (ghi vào nhật kí), ví dụ \"không kiểm tra bù\"",
                         en: "why the value is entered (recorded in the log), e.g. \"không kiểm tra bù\"")],
        examples: ["enter-score --class 6A1 --subject toan --term 1 --student HS0001 --column tx1 --score 7,5",
                   "enter-score --class 6A1 --subject toan --term 1 --file diem-toan-6A1.csv --dry-run"],
        exitCodes: [.bad(vi: "điểm, cột hoặc bảng điểm sai", en: "a bad score, column or sheet"),
                    .missing(vi: "không có lớp, môn, học sinh hoặc tệp này", en: "no such class, subject, student or file"),
                    .denied(vi: "không phải người vào điểm, học kì đã khoá, hoặc hết thời hạn sửa", en: "not an enterer, the term is locked, or the edit window has closed"),
                    .config(vi: "năm học chưa có học kì này", en: "the year has no such term")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let subject = try a.required("subject", command: name)
        let term = String(try context.options.term().rawValue)
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
            en: "\(sheet.className) — \(sheet.subject.name) — term \(sheet.term.rawValue): \(Words.count(report.changes.count, "score")) changed, \(report.unchanged) unchanged."))
        for change in report.changes {
            let late = change.late ? context.text(vi: "  (muộn)", en: "  (late)") : ""
            context.print("  \(change.student)  \(change.column)  \(change.old?.printed ?? "∅") → \(change.new?.printed ?? "∅")\(late)")
        }
        if let event = report.event {
            context.print(context.text(vi: "Sự kiện #\(event.seq).", en: "Event #\(event.seq)."))
        }
    }
}
