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
    static let name = "archive"
    static let summary = Message(vi: "Lưu trữ cả thư mục dữ liệu vào một tệp (ZIP + danh sách SHA-256)",
                                 en: "Archive the whole data directory into one file (ZIP + SHA-256 manifest)")
    static let options = OptionSpec()
    static let help = """
        Usage: sodiem archive --out FILE

        Writes one file holding the whole data directory (sodiem.json, users.json, audit.log,
        years/…; not .lock nor temporary files) as a standard ZIP (stored, not compressed), with
        MANIFEST.sha256 (the SHA-256 of every file, in `sha256sum` format) and ARCHIVE.json (format
        version, school, when, by whom, the last event and its hash). Any unzip tool opens it;
        `sodiem verify --archive FILE` checks it; `sodiem restore` makes a data directory from it.
        The file is written atomically; the command only reads (shared lock) and appends nothing
        to the audit log. Admins, the board, system accounts. Format: docs/archive.md.

        Example:
          sodiem archive --out /srv/backup/sodiem-2024-2025.archive
          unzip -l /srv/backup/sodiem-2024-2025.archive

        """

    static func run(_ context: Context) throws(SodiemError) {
        let out = try context.arguments.required("out", command: name)
        let session = try context.session(.read)
        let result = try session.archive()
        for note in result.notes { context.note(note) }
        try context.writeFile(URL(fileURLWithPath: out), result.data)
        context.wroteOut = true
        let info = result.info
        context.print(context.text(
            vi: "Đã lưu trữ \(info.files) tệp (\(result.data.count) byte) vào \(out). Sự kiện cuối #\(info.lastSeq) \(info.lastHash.prefix(16)).",
            en: "Archived \(info.files) files (\(result.data.count) bytes) into \(out). Last event #\(info.lastSeq) \(info.lastHash.prefix(16))."))
    }
}
