import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore
import SodiemCore

/// `sodiem head`: the last event's seq, hash and time — a witness to keep outside the server.
enum HeadCommand: Command {
    static let spec = CommandSpec(
        "head",
        summary: Message(vi: "Sự kiện cuối của nhật kí (seq, băm): một chứng cứ để giữ bên ngoài",
                         en: "The log's last event (seq, hash): a witness to keep elsewhere"),
        audience: .system,
        usage: ["head [--format text|json]"],
        details: Message(vi: """
            In sự kiện cuối của audit.log: seq, SHA-256 của dòng đó và thời điểm. Giữ bên ngoài máy chủ
            (gửi thư, in, ghi lại), nó là một chứng cứ: lịch sử bị viết lại trước nó bị `sodiem verify
            --witness TỆP` phát hiện, dù chuỗi băm đã được tính lại và mọi tệp được dựng lại. --format
            json in {"seq": N, "hash": "...", "at": "..."}. Quản trị viên, ban giám hiệu, hệ thống.
            """, en: """
            Prints the last event of audit.log: its seq, the SHA-256 of its line and its time.
            Kept outside the server (mailed, printed, written down), it is a witness: a history
            rewritten before it is found by `sodiem verify --witness FILE`, even when the chain
            was recomputed and every file rebuilt. --format json prints
            {"seq": N, "hash": "...", "at": "..."}. Admins, the board and system accounts.
            """),
        examples: ["head --format json"],
        exitCodes: ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let format = try context.format(default: .text, allowed: [.text, .json])
        let session = try context.session(.read)
        let head = try session.head()
        if format == .json {
            context.print(JSON.object(["seq": .int(head.seq), "hash": .string(head.hash), "at": .string(head.at)]).compactString())
        } else {
            context.print("\(head.seq) \(head.hash) \(head.at)")
        }
    }
}
