import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem approve-fix`: the board approves a correction request; the score is corrected in the same step.
enum ApproveFixCommand: Command {
    static let spec = CommandSpec(
        "approve-fix",
        summary: Message(vi: "Duyệt đề nghị sửa điểm và sửa điểm", en: "Approve a correction request and correct the score"),
        audience: .board,
        usage: ["approve-fix N [--witness ID] [--witness ID]"],
        details: Message(vi: """
            Duyệt đề nghị sửa điểm số N và sửa điểm trong cùng một sự kiện của nhật kí, ghi điểm cũ,
            điểm mới, người duyệt và người chứng kiến (tài khoản đã có). Khoá giữ nguyên: học kì đã
            khoá vẫn khoá. Đề nghị mà điểm đã thay đổi sau khi lập là đề nghị cũ, không duyệt được (65):
            giáo viên lập đề nghị mới. Đề nghị đã quyết định: 65. Hiệu trưởng hoặc phó hiệu trưởng,
            không bao giờ là người đề nghị. In biên bản để kí bằng `sodiem print-fix-record N`.
            """, en: """
            Approves correction request N and corrects the score in the same audit event, which
            records the old and new value, the approver and the witnesses (existing accounts).
            The lock is left as it is: a locked term stays locked. A request whose score changed
            after it was filed is stale and cannot be approved (65): the teacher files a new one.
            A request already decided: 65. The principal or a vice-principal, never the requester.
            Print the record to sign with `sodiem print-fix-record N`.
            """),
        options: [.repeating("witness", "MÃ", "ID", vi: "người chứng kiến (tài khoản; hoặc ID,ID)", en: "a witness (an account; or ID,ID)")],
        positionals: 1,
        examples: ["approve-fix 3 --witness qt.minh,gv.lan"],
        exitCodes: [.bad(vi: "đề nghị đã quyết định hoặc đã cũ", en: "the request is already decided, or stale"),
                    .missing(vi: "không có đề nghị hoặc người chứng kiến này", en: "no such request or witness"),
                    .denied(vi: "không phải hiệu trưởng, phó hiệu trưởng, hoặc là người đề nghị", en: "not the principal or a vice-principal, or the requester")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let id = try context.arguments.requestNumber(command: name)
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let fix = try session.approveFix(year, id: id, witnesses: context.arguments.list("witness"))
        let locked = year.isLocked(fix.term, className: fix.className)
        context.print(context.text(
            vi: "Đã duyệt đề nghị số \(fix.id) và sửa điểm \(fix.student) \(Words.subject(fix.subject)) HK\(fix.term.rawValue) \(fix.column): \(fix.from?.printed ?? "(trống)") → \(fix.to?.printed ?? "(trống)") — sự kiện #\(fix.decisionSeq ?? 0).",
            en: "Approved request \(fix.id) and corrected \(fix.student) \(Words.subject(fix.subject)) term \(fix.term.rawValue) \(fix.column): \(fix.from?.printed ?? "(empty)") → \(fix.to?.printed ?? "(empty)") — event #\(fix.decisionSeq ?? 0)."))
        if !locked {
            context.note(Message(vi: "Học kì \(fix.term.rawValue) của lớp \(fix.className) đang mở: khoá lại ngay bằng `sodiem lock-term --term \(fix.term.rawValue)`.",
                                 en: "Term \(fix.term.rawValue) of \(fix.className) is open: lock it again now with `sodiem lock-term --term \(fix.term.rawValue)`."))
        }
        // The hint runs as printed: with the --data the user gave.
        let data = context.arguments.value("data").map { " --data " + ($0.contains(" ") ? "\"\($0)\"" : $0) } ?? ""
        context.print(context.text(vi: "In biên bản: sodiem\(data) print-fix-record \(fix.id) --out bien-ban-\(fix.id).html",
                                   en: "Print the record: sodiem\(data) print-fix-record \(fix.id) --out bien-ban-\(fix.id).html"))
    }
}
