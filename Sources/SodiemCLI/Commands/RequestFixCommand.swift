import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem request-fix`: a teacher files a correction request for one score (đơn đề nghị sửa điểm).
enum RequestFixCommand: Command {
    static let name = "request-fix"
    static let summary = Message(vi: "Đề nghị sửa một điểm (cần Ban giám hiệu duyệt)", en: "Request the correction of a score (the board decides)")
    static let options = OptionSpec(values: ["class", "subject", "term", "student", "column", "to", "reason", "evidence"], flags: ["clear"])
    static let help = """
        Usage: sodiem request-fix --class 6A1 --subject toan --term 1|2 --student ID --column tx1|…|gk|ck
                                  (--to VALUE | --clear) --reason "..." [--evidence "..."] [--format text|json]

        Files a request to correct one score, for a teacher allowed to enter it (an enterer of
        the subject for the class). The current value and the value asked for are recorded;
        the board approves (`approve-fix N`) or rejects (`reject-fix N`). VALUE is a score
        (7,5 or 7.5) or Đ/CĐ for a comment subject; --clear asks to empty the cell. Asking for
        the value the score already has: 65. Prints the request's number (per school year,
        from 1); --format json prints {"id": N, "status": "pending"}.

        Example:
          sodiem request-fix --class 6A1 --subject toan --term 1 --student HS0001 --column gk --to 8,0 \\
            --reason "Cộng nhầm điểm bài kiểm tra giữa kì" --evidence "Bài kiểm tra gốc; sổ điểm cá nhân"

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let format = try context.format(default: .text, allowed: [.text, .json])
        let className = try a.required("class", command: name)
        let subject = try a.required("subject", command: name)
        let term = try a.term(command: name)!
        let student = try a.required("student", command: name)
        let column = try a.required("column", command: name)
        let reason = try a.required("reason", command: name)
        if a.has("clear") == (a.value("to") != nil) {
            throw SodiemError.usage(Message(vi: "Cho --to GIÁ_TRỊ hoặc --clear (một trong hai).", en: "Give --to VALUE or --clear (one of them)."))
        }
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let fix = try session.requestFix(year, FixAsk(className: className, subject: subject, term: term, student: student,
                                                      column: column, to: a.value("to"), reason: reason, evidence: a.value("evidence")))
        let others = try session.visibleFixes(year, status: .pending, className: fix.className).filter {
            $0.id != fix.id && $0.student == fix.student && $0.subject == fix.subject && $0.term == fix.term && $0.column == fix.column
        }
        if !others.isEmpty {
            let numbers = others.map { "\($0.id)" }.joined(separator: ", ")
            context.note(Message(vi: "Lưu ý: ô điểm này còn đề nghị số \(numbers) đang chờ duyệt; khi một đề nghị được duyệt, đề nghị kia sẽ cũ và không duyệt được nữa.",
                                 en: "Note: request \(numbers) for the same score is still pending; once one is approved, the other becomes stale and cannot be approved."))
        }
        if format == .json {
            context.write(Render.json(.object(["id": .int(fix.id), "status": .string(fix.status.rawValue)])))
        } else {
            context.print(context.text(
                vi: "Đề nghị sửa điểm số \(fix.id): \(fix.student) \(fix.subject) HK\(fix.term.rawValue) \(fix.column): \(fix.from?.printed ?? "(trống)") → \(fix.to?.printed ?? "(trống)"), chờ Ban giám hiệu duyệt.",
                en: "Correction request \(fix.id): \(fix.student) \(fix.subject) term \(fix.term.rawValue) \(fix.column): \(fix.from?.description ?? "empty") → \(fix.to?.description ?? "empty"), pending the board's decision."))
        }
    }
}
