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
    static let name = "print-fix-record"
    static let summary = Message(vi: "In biên bản sửa chữa điểm", en: "Print the correction record")
    static let options = OptionSpec(positionals: 1)
    static let help = """
        Usage: sodiem print-fix-record N [--out bien-ban-N.html]

        One self-contained HTML page for A4 (no scripts, no network): the national motto, the
        school, the record's number and date, the people present (requester, approver, the
        administration team, witnesses), class, subject, term, student, column, the value
        before and after, reason, evidence, decision, signature blocks, and in the footer the
        audit-log position and hash it reflects. A pending or rejected request prints marked
        as such. The requester, the board, admins. Print it from a browser, or:
          chromium --headless --no-sandbox --no-pdf-header-footer --print-to-pdf=bien-ban-3.pdf bien-ban-3.html

        Example:
          sodiem print-fix-record 3 --out bien-ban-3.html

        """

    static func run(_ context: Context) throws(SodiemError) {
        let id = try context.arguments.requestNumber(command: name)
        _ = try context.format(default: .html, allowed: [.html])
        let session = try context.session(.read)
        let year = try session.year(context.requestedYear)
        context.write(try session.fixRecord(year, id: id).html())
    }
}
