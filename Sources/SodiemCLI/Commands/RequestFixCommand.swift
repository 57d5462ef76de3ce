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
    static let spec = CommandSpec(
        "request-fix",
        summary: Message(vi: "Đề nghị sửa một điểm (cần Ban giám hiệu duyệt)", en: "Request the correction of a score (the board decides)"),
        audience: .subjectTeacher,
        usage: ["request-fix --class 6A1 --subject toan --term 1|2 --student ID --column tx1|…|gk|ck (--to VALUE | --clear) --reason \"...\" [--evidence \"...\"] [--format text|json]"],
        details: Message(vi: """
            Lập đề nghị sửa một điểm, cho giáo viên được nhập điểm đó (người vào điểm của môn cho lớp).
            Điểm hiện tại và điểm xin sửa được ghi lại; ban giám hiệu duyệt (`approve-fix N`) hoặc từ chối
            (`reject-fix N`). GIÁ-TRỊ là điểm (7,5 hoặc 7.5) hoặc Đ/CĐ với môn đánh giá bằng nhận xét;
            --clear xin xoá ô điểm. Xin đúng điểm đang có: 65. In số của đề nghị (theo năm học, từ 1);
            --format json in {"id": N, "status": "pending"}.
            """, en: """
            Files a request to correct one score, for a teacher allowed to enter it (an enterer of
            the subject for the class). The current value and the value asked for are recorded;
            the board approves (`approve-fix N`) or rejects (`reject-fix N`). VALUE is a score
            (7,5 or 7.5) or Đ/CĐ for a comment subject; --clear asks to empty the cell. Asking for
            the value the score already has: 65. Prints the request's number (per school year,
            from 1); --format json prints {"id": N, "status": "pending"}.
            """),
        options: [.className, .subject, .term, .student, .column,
                  .value("to", "GIÁ-TRỊ", "VALUE", vi: "điểm xin sửa thành", en: "the value asked for"),
                  .clear.meaning(vi: "xin xoá ô điểm", en: "ask to empty the cell"),
                  .reason,
                  .value("evidence", "MINH-CHỨNG", "EVIDENCE", vi: "minh chứng (bài kiểm tra gốc, …)", en: "the evidence (the original test, …)")],
        examples: ["request-fix --class 6A1 --subject toan --term 1 --student HS0001 --column gk --to 8,0 --reason \"Cộng nhầm điểm bài kiểm tra giữa kì\" --evidence \"Bài kiểm tra gốc\""],
        exitCodes: [.bad(vi: "giá trị hoặc cột sai, hoặc đúng điểm đang có", en: "a bad value or column, or the value it already has"),
                    .missing(vi: "không có lớp, môn hoặc học sinh này", en: "no such class, subject or student"),
                    .denied(vi: "không phải người vào điểm của môn cho lớp", en: "not an enterer of the subject for the class"),
                    .config(vi: "năm học chưa có học kì này", en: "the year has no such term")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let format = try context.format(default: .text, allowed: [.text, .json])
        let className = try a.required("class", command: name)
        let subject = try a.required("subject", command: name)
        let term = try context.options.term()
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
                vi: "Đề nghị sửa điểm số \(fix.id): \(fix.student) \(Words.subject(fix.subject)) HK\(fix.term.rawValue) \(fix.column): \(fix.from?.printed ?? "(trống)") → \(fix.to?.printed ?? "(trống)"), chờ Ban giám hiệu duyệt.",
                en: "Correction request \(fix.id): \(fix.student) \(Words.subject(fix.subject)) term \(fix.term.rawValue) \(fix.column): \(fix.from?.printed ?? "(empty)") → \(fix.to?.printed ?? "(empty)"), pending the board's decision."))
        }
    }
}
