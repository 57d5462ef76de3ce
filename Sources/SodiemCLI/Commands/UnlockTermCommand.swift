import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem unlock-term`: reopens a locked term, or one class of it, on the board's order, for a while.
enum UnlockTermCommand: Command {
    static let spec = CommandSpec(
        "unlock-term",
        summary: Message(vi: "Mở lại dữ liệu học kì theo chỉ đạo của BGH", en: "Reopen a term on the board's order"),
        audience: .board,
        usage: ["unlock-term --term 1|2 [--class 6A1] --order \"...\" [--until YYYY-MM-DD]"],
        details: Message(vi: """
            Mở lại học kì (cả trường hoặc một lớp) để nhập điểm được lần nữa. Bắt buộc có --order: chỉ đạo
            của ban giám hiệu, ghi vào nhật kí đúng như đã cho. Việc mở lại có hiệu lực hết ngày --until
            (kể cả ngày đó; mặc định 7 ngày sau hôm nay) và `lock-term --due` để yên đến lúc đó, rồi khoá
            lại. Mở lại một học kì chưa khoá chỉ giữ `lock-term --due` không khoá nó cho đến --until.
            Quản trị viên hoặc hiệu trưởng.
            """, en: """
            Reopens the term (the whole school, or one class) so that scores can be entered again.
            --order is required: the board's instruction, recorded in the audit log as given.
            The reopening lasts through --until (that day included; default: 7 days after today)
            and `lock-term --due` leaves it alone until then, then locks it again. Reopening a
            term that is not locked only keeps `lock-term --due` off it until --until.
            Admin or principal.
            """),
        options: [.term, .className.meaning(vi: "chỉ mở lại lớp này", en: "reopen this class only"),
                  .value("order", "CHỈ-ĐẠO", "ORDER", vi: "chỉ đạo của ban giám hiệu (ghi vào nhật kí)", en: "the board's instruction (recorded in the log)"),
                  .value("until", "NGÀY", "DATE", vi: "mở đến hết ngày này (mặc định 7 ngày)", en: "open through this day (default 7 days)")],
        examples: ["unlock-term --term 1 --class 6A1 --order \"Ý kiến chỉ đạo của BGH ngày 20/01/2025\" --until 2025-01-24"],
        exitCodes: [.bad(vi: "ngày --until sai", en: "a bad --until day"),
                    .missing(vi: "không có lớp này", en: "no such class"),
                    .denied(vi: "không phải quản trị viên hoặc hiệu trưởng", en: "not an admin or the principal"),
                    .config(vi: "năm học chưa có học kì này", en: "the year has no such term")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let term = try context.options.term()
        let order = try a.required("order", command: name)
        var until: Day?
        if let text = a.value("until") {
            guard let day = Day(text) else {
                throw SodiemError.usage(Message(vi: "--until cần một ngày (2025-02-01), không phải \"\(text)\".",
                                                en: "--until takes a date (2025-02-01), not \"\(text)\"."))
            }
            until = day
        }
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let report = try session.unlockTerm(year, term: term, className: a.value("class"), order: order, until: until)
        let scope = report.className.map { context.text(vi: " lớp \($0)", en: " for \($0)") } ?? context.text(vi: " toàn trường", en: " for the whole school")
        if report.wasLocked {
            context.print(context.text(vi: "Đã mở lại học kì \(term.rawValue)\(scope) đến hết ngày \(report.until.vietnamese) — sự kiện #\(report.event.seq).",
                                       en: "Reopened term \(term.rawValue)\(scope) through \(report.until.english) — event #\(report.event.seq)."))
        } else {
            context.print(context.text(vi: "Học kì \(term.rawValue)\(scope) chưa khoá; sẽ không bị khoá tự động trước hết ngày \(report.until.vietnamese) — sự kiện #\(report.event.seq).",
                                       en: "Term \(term.rawValue)\(scope) was not locked; it will not be locked by --due before the end of \(report.until.english) — event #\(report.event.seq)."))
        }
    }
}
