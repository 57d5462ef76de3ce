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
    static let name = "verify"
    static let summary = Message(vi: "Kiểm tra toàn vẹn: chuỗi băm, phát lại nhật kí, các tệp", en: "Check integrity: hash chain, replay, snapshot files")
    static let options = OptionSpec(values: ["archive", "witness"])
    static let help = """
        Usage: sodiem verify [--archive FILE] [--witness FILE]

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
        the archive's own users.json. Exits 65 naming the first bad entry, manifest line or
        log line. Format: docs/archive.md.

        Example:
          sodiem verify && echo "dữ liệu toàn vẹn"
          sodiem verify --archive /srv/backup/sodiem-2024-2025.archive

        """

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
        let session = try context.session(.write)
        let report = try session.verify(witnesses: context.arguments.value("witness").map { URL(fileURLWithPath: $0) })
        context.print(context.text(
            vi: "Toàn vẹn: \(report.events) sự kiện, chuỗi băm liền mạch, luật được tuân thủ, \(report.snapshots) tệp khớp với phát lại. Sự kiện cuối #\(report.lastSeq) \(report.lastHash.prefix(16)).",
            en: "Intact: \(report.events) events, hash chain unbroken, rules obeyed, \(report.snapshots) files match the replay. Last event #\(report.lastSeq) \(report.lastHash.prefix(16))."))
    }
}
