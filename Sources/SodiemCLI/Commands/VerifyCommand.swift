import Foundation
import SodiemCore

/// `sodiem verify`: the `fsck` of the data directory.
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = Message(vi: "Kiểm tra toàn vẹn: chuỗi băm, phát lại nhật kí, các tệp", en: "Check integrity: hash chain, replay, snapshot files")
    static let options = OptionSpec(values: ["archive"])
    static let help = """
        Usage: sodiem verify [--archive FILE]

        First makes the repairs every command makes and says which (a torn last line of
        audit.log set aside into audit.log.broken; snapshots behind the log brought up to it).
        Then checks that audit.log is an unbroken SHA-256 chain with seq from 1, replays the
        whole log from nothing and compares the result with every snapshot file byte for byte,
        and that no file claims an event beyond the end of the log. Exits 65 naming the first
        bad line or file. Admins, the board and system accounts.

        Example:
          sodiem verify && echo "dữ liệu toàn vẹn"

        """

    static func run(_ context: Context) throws(SodiemError) {
        let session = try context.session(.write)
        let report = try session.verify()
        context.print(context.text(
            vi: "Toàn vẹn: \(report.events) sự kiện, chuỗi băm liền mạch, \(report.snapshots) tệp khớp với phát lại. Sự kiện cuối #\(report.lastSeq) \(report.lastHash.prefix(12)).",
            en: "Intact: \(report.events) events, hash chain unbroken, \(report.snapshots) files match the replay. Last event #\(report.lastSeq) \(report.lastHash.prefix(12))."))
    }
}
