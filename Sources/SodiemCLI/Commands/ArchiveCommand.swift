import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem archive`: the whole data directory in one ZIP file with a manifest of SHA-256 sums.
enum ArchiveCommand: Command {
    static let spec = CommandSpec(
        "archive",
        summary: Message(vi: "Lưu trữ cả thư mục dữ liệu vào một tệp (ZIP + danh sách SHA-256)",
                         en: "Archive the whole data directory into one file (ZIP + SHA-256 manifest)"),
        audience: .system,
        usage: ["archive --out FILE"],
        details: Message(vi: """
            Ghi một tệp chứa cả thư mục dữ liệu (sodiem.json, users.json, audit.log, years/…; không có
            .lock và tệp tạm) dạng ZIP chuẩn (không nén), kèm MANIFEST.sha256 (SHA-256 của mọi tệp, dạng
            `sha256sum`) và ARCHIVE.json (phiên bản định dạng, trường, lúc nào, ai làm, sự kiện cuối và
            mã băm của nó). Công cụ unzip nào cũng mở được; `sodiem verify --archive TỆP` kiểm tra nó;
            `sodiem restore` dựng lại thư mục dữ liệu từ nó. Tệp được ghi trọn vẹn một lần; lệnh chỉ đọc
            (khoá chia sẻ) và không ghi gì vào nhật kí. Quản trị viên, ban giám hiệu, tài khoản hệ thống.
            Định dạng: docs/archive.md.
            """, en: """
            Writes one file holding the whole data directory (sodiem.json, users.json, audit.log,
            years/…; not .lock nor temporary files) as a standard ZIP (stored, not compressed), with
            MANIFEST.sha256 (the SHA-256 of every file, in `sha256sum` format) and ARCHIVE.json (format
            version, school, when, by whom, the last event and its hash). Any unzip tool opens it;
            `sodiem verify --archive FILE` checks it; `sodiem restore` makes a data directory from it.
            The file is written atomically; the command only reads (shared lock) and appends nothing
            to the audit log. Admins, the board, system accounts. Format: docs/archive.md.
            """),
        examples: ["archive --out /srv/backup/sodiem-2024-2025.archive"],
        exitCodes: [.cannotWrite(vi: "không ghi được --out", en: "cannot write --out")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let out = try context.arguments.required("out", command: name)
        let url = URL(fileURLWithPath: out)
        try context.checkOutputFolder(url)
        // Written entry by entry into the file: memory does not grow with the data directory. Into
        // a FIFO, a device or a terminal the archive goes through a private file first, so that
        // a reader that never comes (or never reads) cannot keep the session's lock.
        let special = SystemInstall.withUserRights { () -> Bool in
            var info = stat()
            return stat(url.path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG && info.st_mode & S_IFMT != S_IFDIR
        }
        let scratch = special ? try PrivateFolder() : nil
        defer { scratch?.remove() }
        let written = scratch.map { URL(fileURLWithPath: $0.file("sodiem.archive")) } ?? url
        let result = try context.session(.read, walksCheckpoints: true).archive(into: written)
        if scratch != nil {
            context.endSessions()
            try DataDirectory.copyOutput(from: written, to: url)
        }
        for note in result.notes { context.note(note) }
        context.wroteOut = true
        let info = result.info
        context.print(context.text(
            vi: "Đã lưu trữ \(info.files) tệp (\(result.bytes) byte) vào \(out). Sự kiện cuối #\(info.lastSeq) \(info.lastHash.prefix(16)).",
            en: "Archived \(info.files) files (\(result.bytes) bytes) into \(out). Last event #\(info.lastSeq) \(info.lastHash.prefix(16))."))
    }
}
