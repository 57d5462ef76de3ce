import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem attendance`: absences (one session or a file) and closing a month.
enum AttendanceCommand: Command {
    static let spec = CommandSpec(
        "attendance",
        summary: Message(vi: "Chuyên cần: ghi buổi nghỉ, chốt tháng", en: "Attendance: record absences, close a month"),
        audience: .homeroomTeacher,
        usage: ["attendance --class 6A1 --student ID --date 2024-10-03 [--session sang|chieu] [--excused]",
                "attendance --class 6A1 --student ID --date 2024-10-03 [--session sang|chieu] --clear",
                "attendance --class 6A1 --file nghi-hoc.csv [--dry-run]",
                "attendance --class 6A1 --month 2024-10 --close",
                "attendance --class 6A1 --month 2024-10 --reopen --reason \"…\""],
        details: Message(vi: """
            Ghi một buổi nghỉ (mặc định buổi chính của khối, `year set --main-session`, không đặt thì
            buổi sáng; --excused: có phép). Ghi lại cùng buổi thì thay
            (ví dụ để ghi có phép); --clear bỏ một buổi nghỉ đã ghi (học sinh thật ra có mặt). Tệp có các
            cột ma_hs, ngay (dd/mm/yyyy hoặc yyyy-mm-dd), buoi (sáng/chiều, trống = buổi chính), co_phep (x, 1,
            có, yes = có phép; trống = không); tiêu đề tiếng Việt (Mã học sinh, Ngày, Buổi, Có phép) cũng
            được. Ngày phải thuộc một học kì của năm, là ngày học (`year set --school-days`, không phải
            ngày nghỉ `--holiday`), và học kì đó chưa khoá với lớp; tháng đã chốt chỉ sửa được sau khi
            giáo viên chủ nhiệm mở lại bằng --reopen --reason (ghi vào nhật kí). --close chốt chuyên
            cần của tháng, từ ngày cuối tháng trở đi. Giáo viên chủ nhiệm của lớp hoặc quản trị viên.
            """, en: """
            Records one session absent (the grade's main session by default, `year set
            --main-session`, else the morning; --excused: có phép). Recording
            the same session again replaces it (e.g. to mark it excused); --clear removes a recorded
            absence (the student was present after all). The file has the columns ma_hs, ngay
            (dd/mm/yyyy or yyyy-mm-dd), buoi (sáng/chiều, empty = the main session), co_phep (x, 1, có, yes =
            excused; empty = not); Vietnamese headers (Mã học sinh, Ngày, Buổi, Có phép) work too.
            Dates must fall in a term of the year, on a school day (`year set --school-days`, not a
            `--holiday`), and that term must not be locked for the class; a closed month changes
            only after its homeroom teacher reopens it with --reopen --reason (recorded).
            --close declares the month's attendance complete, from its last day on. The class's
            homeroom teacher or an admin.
            """),
        options: [.className, .student, .date,
                  .value("session", "sang|chieu", vi: "buổi (mặc định buổi chính của khối)", en: "the session (default: the grade's main session)"),
                  .flag("excused", vi: "nghỉ có phép", en: "an excused absence"),
                  .clear.meaning(vi: "bỏ buổi nghỉ đã ghi", en: "remove the recorded absence"),
                  .file.meaning(vi: "tệp CSV các buổi nghỉ (ma_hs, ngay, buoi, co_phep)", en: "the CSV of absences (ma_hs, ngay, buoi, co_phep)"), .sheet, .map,
                  .dryRun, .month,
                  .flag("close", vi: "chốt chuyên cần của tháng --month", en: "close the attendance of --month"),
                  .flag("reopen", vi: "mở lại tháng --month đã chốt (cần --reason)", en: "reopen the closed --month (needs --reason)"),
                  .reason],
        examples: ["attendance --class 6A1 --student HS0001 --date 03/10/2024 --session chieu --excused",
                   "attendance --class 6A1 --month 2024-10 --close"],
        exitCodes: [.bad(vi: "ngày, buổi hoặc tệp sai", en: "a bad date, session or file"),
                    .missing(vi: "không có lớp, học sinh hoặc tệp này", en: "no such class, student or file"),
                    .denied(vi: "không phải giáo viên chủ nhiệm, học kì đã khoá hoặc tháng đã chốt", en: "not the homeroom teacher, the term is locked, or the month is closed")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let forms = [a.value("file") != nil, a.has("close") || a.has("reopen") || a.value("month") != nil, a.value("student") != nil || a.value("date") != nil]
        guard forms.filter({ $0 }).count == 1 else {
            throw SodiemError.usage(Message(vi: "Dùng một trong: --student/--date, --file, hoặc --month … --close.",
                                            en: "Use one of: --student/--date, --file, or --month … --close."))
        }
        let dryRun = a.has("dry-run")
        if dryRun && a.value("file") == nil {
            throw SodiemError.usage(Message(vi: "--dry-run chỉ dùng với --file.", en: "--dry-run goes with --file only."))
        }
        let session = try context.session(dryRun ? .read : .write)
        let year = try session.year(context.requestedYear)
        let report: HomeroomReport
        if let path = a.value("file") {
            report = try session.recordAttendance(year, className: className, file: URL(fileURLWithPath: path), dryRun: dryRun)
        } else if forms[1] {
            guard a.has("close") != a.has("reopen") else {
                throw SodiemError.usage(Message(vi: "--month đi với --close hoặc --reopen.", en: "--month goes with --close or --reopen."))
            }
            let month = try a.required("month", command: name)
            // Said as what happened to the month, in the user's words (not "1 change").
            let words = Words.month(HomeroomValues.month(month).map { "\($0.0)-\(Day.twoDigits($0.1))" } ?? month, context.language) ?? month
            if a.has("reopen") {
                let reopened = try session.reopenAttendanceMonth(year, className: className, month: month,
                                                                 reason: try a.required("reason", command: name))
                context.print(reopened.event.map { event in
                    context.text(vi: "Đã mở lại chuyên cần \(words) của lớp \(className), lí do ghi trong nhật kí — sự kiện #\(event.seq). Chốt lại bằng `--close` khi sửa xong.",
                                 en: "Reopened the attendance of \(words) for \(className), the reason recorded — event #\(event.seq). Close it again with `--close` when done.")
                } ?? context.text(vi: "Chuyên cần \(words) của lớp \(className) chưa chốt: không có gì để mở lại.",
                                  en: "The attendance of \(words) for \(className) is not closed: nothing to reopen."))
                return
            }
            let closed = try session.closeAttendanceMonth(year, className: className, month: month)
            context.print(closed.event.map { event in
                context.text(vi: "Đã chốt chuyên cần \(words) của lớp \(className) — sự kiện #\(event.seq).",
                             en: "Closed the attendance of \(words) for \(className) — event #\(event.seq).")
            } ?? context.text(vi: "Chuyên cần \(words) của lớp \(className) đã chốt từ trước: không có gì thay đổi.",
                              en: "The attendance of \(words) for \(className) was already closed: nothing changed."))
            return
        } else {
            if a.has("excused") && a.has("clear") {
                throw SodiemError.usage(Message(vi: "--excused và --clear không đi cùng nhau.", en: "--excused and --clear do not go together."))
            }
            report = try session.recordAttendance(year, className: className, student: try a.required("student", command: name),
                                                  date: try a.required("date", command: name), session: a.value("session"),
                                                  excused: a.has("excused"), clear: a.has("clear"))
        }
        HomeroomOutput.show(report, context: context, dryRun: dryRun)
    }
}

/// The common output of the homeroom commands.
enum HomeroomOutput {
    static func show(_ report: HomeroomReport, context: Context, dryRun: Bool = false) {
        let prefix = dryRun ? context.text(vi: "(thử, chưa ghi) ", en: "(dry run, nothing written) ") : ""
        if let event = report.event {
            context.print(context.text(vi: "Đã ghi \(report.changed) thay đổi (\(report.unchanged) giữ nguyên) — sự kiện #\(event.seq).",
                                       en: "Recorded \(report.changed) changes (\(report.unchanged) unchanged) — event #\(event.seq)."))
        } else if report.changed > 0 {
            context.print(prefix + context.text(vi: "Sẽ ghi \(report.changed) thay đổi, \(report.unchanged) giữ nguyên.",
                                                en: "Would record \(report.changed) changes, \(report.unchanged) unchanged."))
        } else {
            context.print(prefix + context.text(vi: "Không có gì thay đổi.", en: "Nothing changed."))
        }
    }
}
