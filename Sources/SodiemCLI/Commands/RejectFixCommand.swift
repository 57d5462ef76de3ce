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
    static let spec = CommandSpec(
        "reject-fix",
        summary: Message(vi: "Từ chối đề nghị sửa điểm", en: "Reject a correction request"),
        audience: .board,
        usage: ["reject-fix N --reason \"...\""],
        details: Message(vi: """
            Từ chối đề nghị sửa điểm số N đang chờ; điểm giữ nguyên và lí do được ghi lại. Đề nghị đã
            quyết định: 65. Hiệu trưởng hoặc phó hiệu trưởng, không bao giờ là người đề nghị.
            """, en: """
            Rejects pending correction request N; the score stays as it is and the reason is
            recorded. A request already decided: 65. The principal or a vice-principal, never the
            requester.
            """),
        options: [.reason],
        positionals: 1,
        examples: ["reject-fix 4 --reason \"Bài kiểm tra gốc ghi đúng 6,5\""],
        exitCodes: [.bad(vi: "đề nghị đã quyết định", en: "the request is already decided"),
                    .missing(vi: "không có đề nghị này", en: "no such request"),
                    .denied(vi: "không phải hiệu trưởng, phó hiệu trưởng, hoặc là người đề nghị", en: "not the principal or a vice-principal, or the requester")]
            + ExitCodeDeclaration.session)

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
