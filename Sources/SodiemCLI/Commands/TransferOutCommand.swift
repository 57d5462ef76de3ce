import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemStore
import SodiemCore

/// `sodiem transfer-out`: a student leaves the school from a day (rules-tt22.md §8).
enum TransferOutCommand: Command {
    static let spec = CommandSpec(
        "transfer-out",
        summary: Message(vi: "Học sinh chuyển trường hoặc thôi học", en: "A student leaves for another school or leaves school"),
        audience: .homeroomTeacher,
        usage: ["transfer-out --class 8A2 --student ID --date 2025-02-10 (--to \"Trường THCS …\" | --reason \"bỏ học\")"],
        details: Message(vi: """
            Học sinh rời danh sách lớp từ ngày --date (không sau hôm nay): chuyển đến trường --to, hoặc thôi
            học với --reason. Sổ của lớp vẫn in học sinh là đã chuyển đi cùng những gì đã ghi; học bạ in
            được cho trường nhận với mọi thứ đến ngày đó (print-transcript --student). Không còn nhập điểm,
            điểm danh cho học sinh ở lớp (66). Giáo viên chủ nhiệm của lớp hoặc quản trị viên.
            """, en: """
            The student leaves the class list from --date (not after today): to the school --to, or
            leaving school with --reason. The class's ledger still prints them as left, with what
            was entered; the transcript prints for the receiving school with everything up to that
            day (print-transcript --student). No more entries for them in the class (66). The
            class's homeroom teacher or an admin.
            """),
        options: [.className, .student,
                  .value("date", "NGÀY", "DATE", vi: "ngày rời lớp (yyyy-mm-dd hoặc dd/mm/yyyy)", en: "the day the student leaves (yyyy-mm-dd or dd/mm/yyyy)"),
                  .value("to", "TRƯỜNG", "SCHOOL", vi: "trường nhận học sinh", en: "the receiving school"),
                  .value("reason", "LÍ-DO", "REASON", vi: "lí do thôi học (khi không chuyển trường)", en: "why the student leaves school (when not to another school)")],
        examples: ["transfer-out --class 8A2 --student HS0001 --date 2025-02-10 --to \"Trường THCS Lê Lợi\"",
                   "transfer-out --class 8A2 --student HS0002 --date 2025-03-03 --reason \"bỏ học\""],
        exitCodes: [.bad(vi: "ngày không hợp lệ, ngoài năm học, chưa đến hoặc trước ngày học sinh vào lớp",
                         en: "a date that is invalid, outside the year, still to come or before the student came to the class"),
                    .missing(vi: "không có lớp hoặc học sinh này", en: "no such class or student"),
                    .denied(vi: "không phải giáo viên chủ nhiệm của lớp hoặc quản trị viên, hoặc ngày thuộc học kì đã khoá",
                             en: "not the class's homeroom teacher or an admin, or the day is in a locked term")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let student = try a.required("student", command: name)
        let date = try a.required("date", command: name)
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let event = try session.transferOut(year, className: className, student: student, date: date,
                                            to: a.value("to"), reason: a.value("reason"))
        // The day as the user reads it (dd/mm/yyyy in Vietnamese), whichever form was typed.
        let day = event["date"].string.flatMap(Day.init)
        let stored = event["class"].string ?? className
        context.print(context.text(vi: "Đã ghi \(student) rời lớp \(stored) từ ngày \(day?.vietnamese ?? date) — sự kiện #\(event.seq).",
                                   en: "Recorded \(student) leaving \(stored) from \(day?.english ?? date) — event #\(event.seq)."))
    }
}
