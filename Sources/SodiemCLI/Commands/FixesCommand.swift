import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem fixes`: the correction requests of the year.
enum FixesCommand: Command {
    static let spec = CommandSpec(
        "fixes",
        summary: Message(vi: "Danh sách đề nghị sửa điểm", en: "List correction requests"),
        audience: .board,
        usage: ["fixes [--status pending|approved|rejected] [--class 6A1] [--format text|json]"],
        details: Message(vi: """
            Các đề nghị sửa điểm của năm học, theo số. Giáo viên thấy đề nghị của mình; ban giám hiệu và
            quản trị viên thấy tất cả. --format json in {"fixes": [{"id": N, "status": "...", "class",
            "subject", "term", "student", "column", "from", "to", "reason", "evidence", "requested_by",
            "requested_at", "request_seq", "decided_by", "decided_at", "decision_seq", "witnesses",
            "rejection"}]}, điểm là số (null: trống).
            """, en: """
            The correction requests of the year, by number. Teachers see their own requests; the
            board and admins see all. --format json prints {"fixes": [{"id": N, "status": "...",
            "class", "subject", "term", "student", "column", "from", "to", "reason", "evidence",
            "requested_by", "requested_at", "request_seq", "decided_by", "decided_at",
            "decision_seq", "witnesses", "rejection"}]} with scores as numbers (null: empty).
            """),
        options: [.value("status", "pending|approved|rejected", vi: "chỉ đề nghị ở trạng thái này", en: "only requests in this state"),
                  .className],
        examples: ["fixes --status pending"],
        exitCodes: ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let format = try context.format(default: .text, allowed: [.text, .json])
        var status: FixRequest.Status?
        if let text = a.value("status") {
            guard let given = FixRequest.Status(rawValue: text.lowercased()) else {
                throw SodiemError.usage(Message(vi: "--status nhận pending, approved hoặc rejected, không phải \"\(text)\".",
                                                en: "--status takes pending, approved or rejected, not \"\(text)\"."))
            }
            status = given
        }
        let session = try context.session(.read)
        let year = try session.year(context.requestedYear)
        let fixes = try session.visibleFixes(year, status: status, className: a.value("class"))
        if format == .json {
            context.write(Render.json(.object(["fixes": .array(fixes.map(\.json))])))
            return
        }
        if fixes.isEmpty {
            context.print(context.text(vi: "Không có đề nghị sửa điểm nào.", en: "No correction requests."))
            return
        }
        let rows = fixes.map { fix in
            ["\(fix.id)", Words.fixStatus(fix.status.rawValue, context.language), fix.className, PrintedNames.short(fix.subject), "\(fix.term.rawValue)", fix.student,
             fix.column.description, "\(fix.from?.printed ?? "∅") → \(fix.to?.printed ?? "∅")", fix.requestedBy,
             fix.decidedBy ?? "", fix.reason]
        }
        let header = context.language == .english
            ? ["#", "status", "class", "subject", "term", "student", "column", "change", "by", "decided by", "reason"]
            : ["Số", "trạng thái", "lớp", "môn", "HK", "học sinh", "cột", "sửa", "người đề nghị", "người duyệt", "lí do"]
        context.write(Render.table(header, rows))
    }
}
