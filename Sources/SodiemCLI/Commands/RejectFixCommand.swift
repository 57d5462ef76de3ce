import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem reject-fix`: the board turns a correction request down, with a reason.
enum RejectFixCommand: Command {
    static let name = "reject-fix"
    static let summary = Message(vi: "Từ chối đề nghị sửa điểm", en: "Reject a correction request")
    static let options = OptionSpec(values: ["reason"], positionals: 1)
    static let help = """
        Usage: sodiem reject-fix N --reason "..."

        Rejects pending correction request N; the score stays as it is and the reason is
        recorded. A request already decided: 65. The principal or a vice-principal, never the
        requester.

        Example:
          sodiem reject-fix 4 --reason "Bài kiểm tra gốc ghi đúng 6,5"

        """

    static func run(_ context: Context) throws(SodiemError) {
        let id = try context.arguments.requestNumber(command: name)
        let reason = try context.arguments.required("reason", command: name)
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let fix = try session.rejectFix(year, id: id, reason: reason)
        context.print(context.text(vi: "Đã từ chối đề nghị số \(fix.id) — sự kiện #\(fix.decisionSeq ?? 0).",
                                   en: "Rejected request \(fix.id) — event #\(fix.decisionSeq ?? 0)."))
    }
}
