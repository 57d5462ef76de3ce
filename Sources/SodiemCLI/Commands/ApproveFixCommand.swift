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
    static let name = "approve-fix"
    static let summary = Message(vi: "Duyệt đề nghị sửa điểm và sửa điểm", en: "Approve a correction request and correct the score")
    static let options = OptionSpec(values: ["witness"], repeating: ["witness"], positionals: 1)
    static let help = """
        Usage: sodiem approve-fix N [--witness ID] [--witness ID]     (--witness also takes ID,ID)

        Approves correction request N and corrects the score in the same audit event, which
        records the old and new value, the approver and the witnesses (existing accounts).
        The lock is left as it is: a locked term stays locked. A request whose score changed
        after it was filed is stale and cannot be approved (65): the teacher files a new one.
        A request already decided: 65. The principal or a vice-principal, never the requester.
        Print the record to sign with `sodiem print-fix-record N`.

        Example:
          sodiem approve-fix 3 --witness qt.minh,gv.lan

        """

    static func run(_ context: Context) throws(SodiemError) {
        let id = try context.arguments.requestNumber(command: name)
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let fix = try session.approveFix(year, id: id, witnesses: context.arguments.list("witness"))
        let locked = year.isLocked(fix.term, className: fix.className)
        context.print(context.text(
            vi: "Đã duyệt đề nghị số \(fix.id) và sửa điểm \(fix.student) \(fix.subject) HK\(fix.term.rawValue) \(fix.column): \(fix.from?.printed ?? "(trống)") → \(fix.to?.printed ?? "(trống)") — sự kiện #\(fix.decisionSeq ?? 0).",
            en: "Approved request \(fix.id) and corrected \(fix.student) \(fix.subject) term \(fix.term.rawValue) \(fix.column): \(fix.from?.description ?? "empty") → \(fix.to?.description ?? "empty") — event #\(fix.decisionSeq ?? 0)."))
        if !locked {
            context.note(Message(vi: "Học kì \(fix.term.rawValue) của lớp \(fix.className) đang mở: khoá lại ngay bằng `sodiem lock-term --term \(fix.term.rawValue)`.",
                                 en: "Term \(fix.term.rawValue) of \(fix.className) is open: lock it again now with `sodiem lock-term --term \(fix.term.rawValue)`."))
        }
        context.print(context.text(vi: "In biên bản: sodiem print-fix-record \(fix.id) --out bien-ban-\(fix.id).html",
                                   en: "Print the record: sodiem print-fix-record \(fix.id) --out bien-ban-\(fix.id).html"))
    }
}
