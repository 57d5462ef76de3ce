import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem verify`: the `fsck` of the data directory.
enum VerifyCommand: Command {
    static let spec = CommandSpec(
        "verify",
        summary: Message(vi: "Kiểm tra toàn vẹn: chuỗi băm, phát lại nhật kí, các tệp", en: "Check integrity: hash chain, replay, snapshot files"),
        audience: .system,
        usage: ["verify [--archive FILE] [--witness FILE] [--full]"],
        details: Message(vi: """
            Trước hết sửa những gì mọi lệnh đều sửa và nói rõ (dòng cuối bị đứt của audit.log chuyển sang
            audit.log.broken; bản chụp chậm hơn nhật kí được cập nhật). Rồi kiểm tra audit.log là chuỗi
            SHA-256 liền mạch với seq từ 1, phát lại cả nhật kí từ đầu và so kết quả với từng tệp bản chụp
            từng byte, và không tệp nào nhắc tới sự kiện sau cuối nhật kí. Khi phát lại, mỗi sự kiện được xét
            lại theo luật lúc đó (tài khoản có, chưa khoá, có vai trò hoặc phân công; --as và SODIEM_NOW
            được phép; học kì còn mở; old đúng giá trị phát lại; thời gian không lùi quá 5 phút). Báo mọi
            phát hiện, mỗi cái nêu dòng hoặc tệp, thoát 65 khi có. Quản trị viên, ban giám hiệu và tài
            khoản hệ thống.

            Với --witness TỆP (các dòng "seq băm", ít nhất 16 chữ số hex, # là chú thích: đầu nhật kí của
            `sodiem head`, của giấy in, của thư chứng cứ hằng ngày), mỗi đầu đã chứng nhận phải có trong
            nhật kí với đúng băm đó: lịch sử bị viết lại vẫn bị phát hiện dù chuỗi băm đã được tính lại.

            Với --archive TỆP, kiểm tra tệp lưu trữ do `sodiem archive` tạo thay cho thư mục dữ liệu: cấu
            trúc ZIP và mọi CRC-32, mọi dòng của MANIFEST.sha256, không tệp nào thiếu hay thừa so với danh
            sách, ARCHIVE.json; rồi thư mục dữ liệu bên trong như trên (trong thư mục tạm; không sửa gì).
            Quyền được xét theo users.json của chính tệp lưu trữ. Định dạng: docs/archive.md.

            Khi đã có năm học niêm phong (`year close`), các dòng đến dấu niêm phong chỉ được kiểm tra
            chuỗi (seq, prev và băm, không giải mã), checkpoint mới nhất được đối chiếu với băm ghi trong
            dấu niêm phong và phát lại bắt đầu từ đó; tệp nào không sự kiện sau nào sửa phải có băm như
            checkpoint ghi: verify tốn theo các năm còn mở, không theo cả lịch sử. --full phát lại tất cả
            từ dòng đầu và đối chiếu mọi checkpoint với dấu niêm phong: cả hai tìm ra cùng một sai lệch.
            """, en: """
            First makes the repairs every command makes and says which (a torn last line of
            audit.log set aside into audit.log.broken; snapshots behind the log brought up to it).
            Then checks that audit.log is an unbroken SHA-256 chain with seq from 1, replays the
            whole log from nothing and compares the result with every snapshot file byte for byte,
            and that no file claims an event beyond the end of the log. The replay also re-checks
            every event with the rules as they stood then (the account existed, was enabled and held
            the role or assignment; --as and SODIEM_NOW allowed; the term open; old the replayed
            value; time never going back more than 5 minutes). Reports every finding, each naming
            its line or file, and exits 65 when there is one. Admins, the board and system accounts.

            With --witness FILE (lines "seq hash", at least 16 hex digits, # comments: the heads
            of `sodiem head`, of printed documents, of the daily witness mail), each witnessed head
            must be in the log with that hash: a rewritten history is found even when its chain was
            recomputed and every file rebuilt.

            With --archive FILE, checks an archive made by `sodiem archive` instead of the data
            directory: the ZIP structure and every CRC-32, every line of MANIFEST.sha256, that no
            file is missing from or extra to the manifest, ARCHIVE.json; then the contained data
            directory as above (in a temporary folder; nothing is repaired). Who may is judged by
            the archive's own users.json. Format: docs/archive.md.

            Once a year is sealed (`year close`), the lines up to its seal are only chained (seq,
            prev and hash checked, not decoded), the latest checkpoint is checked against the
            hashes its seal records and the replay starts from it; snapshot files no later event
            touched must hash as the checkpoint says: verify costs the open years' events, not the
            whole history. --full replays everything from the first line and checks every
            checkpoint against its seal: both find the same faults (docs/data-format.md).
            """),
        options: [.archive.meaning(vi: "kiểm tra tệp lưu trữ này thay cho thư mục dữ liệu", en: "check this archive instead of the data directory"),
                  .flag("full", vi: "phát lại cả nhật kí từ dòng đầu, kể cả các năm đã niêm phong", en: "replay the whole log from the first line, sealed years included"),
                  .value("witness", "TỆP", "FILE", vi: "các đầu nhật kí đã chứng nhận (seq băm)", en: "the witnessed heads (seq hash)")],
        examples: ["verify && echo \"dữ liệu toàn vẹn\"", "verify --archive /srv/backup/sodiem-2024-2025.archive", "verify --witness witness.txt"],
        exitCodes: [.bad(vi: "phát hiện sai lệch (nêu mọi dòng hoặc tệp)", en: "an integrity failure (naming every line or file)"),
                    .missing(vi: "không có tệp lưu trữ này", en: "no such archive")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        if let archive = context.arguments.value("archive") {
            let invocation = context.invocation
            let check = try SodiemArchive.verify(URL(fileURLWithPath: archive), osUser: invocation.osUser,
                                                 osIsRoot: invocation.osIsRoot, asUser: invocation.asUser)
            let report = check.report
            context.print(context.text(
                vi: "Tệp lưu trữ toàn vẹn: \(check.info.files) tệp khớp MANIFEST.sha256; \(report.events) sự kiện, chuỗi băm liền mạch, \(report.snapshots) tệp khớp với phát lại. Sự kiện cuối #\(report.lastSeq) \(report.lastHash.prefix(16)). (\(check.info.school), lưu trữ lúc \(check.info.createdAt))",
                en: "Archive intact: \(check.info.files) files match MANIFEST.sha256; \(report.events) events, hash chain unbroken, \(report.snapshots) files match the replay. Last event #\(report.lastSeq) \(report.lastHash.prefix(16)). (\(check.info.school), archived \(check.info.createdAt))"))
            return
        }
        // The witness file is read before the lock is taken (a slow or never-ending file holds nobody up).
        let witnesses = try context.arguments.value("witness").map { path throws(SodiemError) in
            try Session.readWitnesses(URL(fileURLWithPath: path))
        }
        let session = try context.session(.write, walksCheckpoints: true)
        let report = try session.verify(full: context.arguments.has("full"), witnesses: witnesses)
        let from = report.checkpoint.map { head in
            (vi: " (phát lại từ checkpoint sau sự kiện #\(head))", en: " (replayed from the checkpoint after event #\(head))")
        }
        let witnessed = report.witnessesChecked == 0 ? (vi: "", en: "")
            : (vi: ", \(report.witnessesChecked) chứng cứ khớp", en: ", \(report.witnessesChecked) witness\(report.witnessesChecked == 1 ? "" : "es") match")
        context.print(context.text(
            vi: "Toàn vẹn: \(report.events) sự kiện, chuỗi băm liền mạch, luật được tuân thủ, \(report.snapshots) tệp khớp với phát lại\(from?.vi ?? "")\(witnessed.vi). Sự kiện cuối #\(report.lastSeq) \(report.lastHash.prefix(16)).",
            en: "Intact: \(report.events) events, hash chain unbroken, rules obeyed, \(report.snapshots) files match the replay\(from?.en ?? "")\(witnessed.en). Last event #\(report.lastSeq) \(report.lastHash.prefix(16))."))
    }
}
