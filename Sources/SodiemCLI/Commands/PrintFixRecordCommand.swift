import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem print-fix-record`: the correction record (biên bản sửa chữa điểm) to print and sign.
enum PrintFixRecordCommand: Command {
    static let spec = CommandSpec(
        "print-fix-record",
        summary: Message(vi: "In biên bản sửa chữa điểm", en: "Print the correction record"),
        audience: .board,
        usage: ["print-fix-record N [--out bien-ban-N.html] [--format html|pdf] [--sign --key KEY.pem --cert CERT.pem]"],
        details: Message(vi: """
            Một trang HTML khép kín cho khổ A4 (không script, không mạng): quốc hiệu, tên trường, số và
            ngày biên bản, thành phần có mặt (người đề nghị, người duyệt, ban giám hiệu, người chứng
            kiến), lớp, môn, học kì, học sinh, cột, điểm trước và sau, lí do, minh chứng, quyết định, chỗ
            kí, và ở chân trang vị trí và mã băm của nhật kí mà nó phản ánh. Đề nghị đang chờ hoặc bị từ
            chối được in kèm dấu hiệu đó. Người đề nghị, ban giám hiệu, quản trị viên. In ra PDF từ trình
            duyệt, hoặc in thẳng ra PDF bằng --format pdf (Chromium, gói chromium); --sign kí số PDF đó
            (giáo viên chủ nhiệm của lớp hoặc hiệu trưởng), xem docs/signing.md.
            """, en: """
            One self-contained HTML page for A4 (no scripts, no network): the national motto, the
            school, the record's number and date, the people present (requester, approver, the
            administration team, witnesses), class, subject, term, student, column, the value
            before and after, reason, evidence, decision, signature blocks, and in the footer the
            audit-log position and hash it reflects. A pending or rejected request prints marked
            as such. The requester, the board, admins. Print it from a browser, or:
            print it straight to PDF with --format pdf (Chromium, package chromium); --sign signs
            that PDF (the class's homeroom teacher or the principal), see docs/signing.md.
            """),
        options: OptionDeclaration.signing,
        positionals: 1,
        examples: ["print-fix-record 3 --out bien-ban-3.html", "print-fix-record 3 --out bien-ban-3.pdf"],
        exitCodes: ExitCodeDeclaration.signing + [.missing(vi: "không có đề nghị này", en: "no such request"),
                    .cannotWrite(vi: "không ghi được --out", en: "cannot write --out"),
                    .denied(vi: "không phải người đề nghị, ban giám hiệu hoặc quản trị viên", en: "not the requester, the board or an admin")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let id = try context.arguments.requestNumber(command: name)
        let format = try context.format(default: .html, allowed: [.html, .pdf])
        try DocumentOutput.emit(context, format: format) { session throws(SodiemError) in
            let year = try session.year(context.requestedYear)
            let record = try session.fixRecord(year, id: id)
            return (record.html(), SignedDocument(kind: "fix-record", year: year.name, className: record.fix.className, student: record.fix.student))
        }
    }
}
