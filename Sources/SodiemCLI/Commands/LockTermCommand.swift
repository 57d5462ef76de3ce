import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem lock-term`: locks a term by hand, or every term whose lock date has passed (cron).
enum LockTermCommand: Command {
    static let spec = CommandSpec(
        "lock-term",
        summary: Message(vi: "Khoá dữ liệu học kì", en: "Lock a term's data"),
        audience: .office,
        usage: ["lock-term --term 1|2 [--class 6A1] [--format text|json]", "lock-term --due [--format text|json]"],
        details: Message(vi: """
            --term khoá học kì ngay, cho cả trường hoặc một lớp (quản trị viên). Khoá cả trường bằng tay
            khoá mọi lớp, kể cả lớp đang được ban giám hiệu mở lại: đó là cách khoá lại ngay sau khi sửa.
            --due (quản trị viên, hệ thống: cho cron) khoá mọi học kì đã qua ngày khoá (cuối học kì +
            lock_after_days, xem `sodiem year show`): ngày D còn hiệu lực hết ngày D, nên học kì khoá từ
            D+1. Lớp hoặc trường được mở lại bằng `unlock-term` vẫn mở khi việc mở lại còn hiệu lực (kể cả
            ngày --until) và được khoá bởi lần --due đầu tiên sau đó. --due không bao giờ mở lại gì và
            không in gì khi không có gì để khoá, để cron chỉ gửi thư khi có tin thật. Không có gì để khoá:
            không ghi nhật kí, mã thoát 0.
            Những gì được khoá được liệt kê: mọi ô `vắng` (bài kiểm tra chưa kiểm tra bù) và mọi ô bắt buộc
            còn trống (tx1..txN, gk, ck của mọi môn). Khoá không đổi ô nào (một ô quên nhập không bao giờ
            lặng lẽ thành 0); bài không kiểm tra bù được nhập 0/CĐ bằng `enter-score --note "không kiểm tra
            bù"` trước khi khoá, hoặc sau đó qua `request-fix`. --format json in {"locked": [...], "gaps":
            [{"class", "student", "name", "subject", "term", "column", "state": "vắng"|"empty"}]}.
            """, en: """
            --term locks the term now, for the whole school or one class (admin). A school-wide lock
            by hand locks every class, including classes reopened by the board: it is how the data
            is locked again right after a correction.
            --due (admin, system: for cron) locks every term whose lock date (end of term +
            lock_after_days, see `sodiem year show`) has passed: a date D holds through day D, so
            the term locks from D+1. A class or the school reopened with `unlock-term` stays open
            while the reopening is in force (its --until day included) and is locked by the first
            --due after it. --due never reopens anything and prints nothing when there was nothing
            to lock, so cron mails only real news. Nothing to lock: no audit entry, exit 0.
            What is locked is listed: every `vắng` cell (a missed test never made up) and every
            empty required cell (tx1..txN, gk, ck of every subject) of its students. The lock
            converts none of them (a forgotten entry never turns into a 0 silently); a test not
            made up is entered as 0/CĐ with `enter-score --note "không kiểm tra bù"` before the
            lock, or afterwards through `request-fix`. --format json prints {"locked": [{"term",
            "class", "event"}], "gaps": [{"class", "student", "name", "subject", "term", "column",
            "state": "vắng"|"empty"}]}.
            """),
        options: [.term, .className.meaning(vi: "chỉ khoá lớp này", en: "lock this class only"),
                  .flag("due", vi: "khoá mọi học kì đã qua ngày khoá (cron)", en: "lock every term whose lock date has passed (cron)")],
        examples: ["lock-term --term 1", "--data /srv/sodiem lock-term --due"],
        exitCodes: [.missing(vi: "không có lớp này", en: "no such class"),
                    .denied(vi: "không phải quản trị viên (hoặc hệ thống với --due)", en: "not an admin (or system with --due)"),
                    .config(vi: "năm học chưa có học kì này", en: "the year has no such term")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let due = a.has("due")
        if due && (a.value("term") != nil || a.value("class") != nil) {
            throw SodiemError.usage(Message(vi: "--due không đi cùng --term hoặc --class.", en: "--due does not go with --term or --class."))
        }
        var term: Term?
        if !due { term = try context.options.term() }
        let format = try context.format(default: .text, allowed: [.text, .json])
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let report: LockReport
        if let term {
            report = try session.lockTerm(year, term: term, className: a.value("class"))
        } else {
            report = try session.lockDueTerms(year)
        }
        if format == .json {
            context.write(Render.json(.object([
                "locked": .array(report.locked.map { .object(["term": .int($0.term.rawValue), "class": .optional($0.className),
                                                              "event": .int($0.event.seq)]) }),
                "gaps": .array(report.gaps.map(\.json)),
            ])))
            return
        }
        for item in report.locked {
            let scope = item.className.map { context.text(vi: " lớp \($0)", en: " for \($0)") } ?? context.text(vi: " toàn trường", en: " for the whole school")
            var why = ""
            if due, let date = item.event["lock_date"].string {
                why = context.text(vi: " (ngày khoá \(Day(date)?.vietnamese ?? date) đã qua)", en: " (lock date \(Day(date)?.english ?? date) has passed)")
            }
            context.print(context.text(vi: "Đã khoá học kì \(item.term.rawValue)\(scope)\(why) — sự kiện #\(item.event.seq).",
                                       en: "Locked term \(item.term.rawValue)\(scope)\(why) — event #\(item.event.seq)."))
            for (className, until) in item.stillOpen {
                context.print(context.text(vi: "  lớp \(className) vẫn mở theo lệnh mở lại đến hết ngày \(until.vietnamese)",
                                           en: "  \(className) stays open by the board's reopening through \(until.english)"))
            }
        }
        showGaps(report.gaps, context: context)
        if due {
            // Quiet when nothing was done (cron); a held-open term is only worth saying alongside real news.
            if !report.nothingToDo {
                for (term, until) in report.heldOpen {
                    context.print(context.text(vi: "Học kì \(term.rawValue) vẫn mở theo lệnh mở lại đến hết \(until).",
                                               en: "Term \(term.rawValue) stays open by the board's reopening through \(until)."))
                }
            }
        } else if report.nothingToDo {
            let scope = a.value("class").map { context.text(vi: " của lớp \($0)", en: " for \($0)") } ?? ""
            context.print(context.text(vi: "Học kì \(term!.rawValue)\(scope) đã khoá rồi: không có gì thay đổi.",
                                       en: "Term \(term!.rawValue)\(scope) is already locked: nothing changed."))
        }
        if !due, let term, let dates = year.calendar.terms[term], session.now.day <= dates.end {
            context.note(Message(vi: "Lưu ý: học kì \(term.rawValue) chưa kết thúc (đến hết ngày \(dates.end.vietnamese)).",
                                 en: "Note: term \(term.rawValue) has not ended yet (it runs through \(dates.end.english))."))
        }
    }

    /// The vắng and empty cells of what was locked, one line per student and subject.
    static func showGaps(_ gaps: [TermGap], context: Context) {
        guard !gaps.isEmpty else { return }
        let missed = gaps.filter(\.missed).count
        context.print(context.text(vi: "Khi khoá còn \(missed) ô vắng (chưa kiểm tra bù) và \(gaps.count - missed) ô trống:",
                                   en: "Left when locked: \(missed) vắng cells (no make-up) and \(gaps.count - missed) empty cells:"))
        var groups: [(key: String, cells: [TermGap])] = []
        for gap in gaps {
            let key = "\(gap.className)|\(gap.term.rawValue)|\(gap.student)|\(gap.subject)"
            if groups.last?.key == key { groups[groups.count - 1].cells.append(gap) } else { groups.append((key, [gap])) }
        }
        for group in groups {
            let g = group.cells[0]
            let cells = group.cells.map { "\($0.column)" + ($0.missed ? " vắng" : context.text(vi: " trống", en: " empty")) }.joined(separator: ", ")
            context.print(context.text(vi: "  \(g.className) HK\(g.term.rawValue) \(g.student) \(g.name) — \(PrintedNames.subject(g.subject)): \(cells)",
                                       en: "  \(g.className) term \(g.term.rawValue) \(g.student) \(g.name) — \(PrintedNames.subject(g.subject)): \(cells)"))
        }
    }
}
