import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem snapshot --name N`: freezes the enrollment and results figures at a reporting date.
enum SnapshotCommand: Command {
    static let spec = CommandSpec(
        "snapshot",
        summary: Message(vi: "Chốt số liệu (sĩ số, kết quả) tại một kì báo cáo", en: "Freeze the figures (enrollment, results) at a reporting date"),
        audience: .system,
        usage: ["snapshot --name chot-so-lieu-dau-nam [--year 2024-2025]", "snapshot --list"],
        details: Message(vi: """
            Chốt số liệu sĩ số và kết quả của hôm nay (JSON của `report --kind enrollment` và `report --kind
            results`) vào years/NĂM/snapshots/TÊN.json bằng một sự kiện `snapshot.create`; `report
            --snapshot TÊN` in lại chúng về sau, không đổi theo các lần nhập sau. Tên gồm chữ, số, . _ -
            (như mã tài khoản); tên đã dùng bị từ chối (65). --list in các bản chốt của năm. Quản trị viên,
            ban giám hiệu, hệ thống.
            """, en: """
            Freezes today's enrollment and results figures (the JSON of `report --kind enrollment`
            and `report --kind results`) into years/YEAR/snapshots/NAME.json through one
            `snapshot.create` event; `report --snapshot NAME` shows them later, unchanged by later
            entries. A name is letters, digits, . _ - (like an account id); a name already used
            is refused (65). --list prints the snapshots of the year. Admins, the board, system.
            """),
        options: [.value("name", "TÊN", "NAME", vi: "tên bản chốt", en: "the snapshot's name"),
                  .flag("list", vi: "liệt kê các bản chốt của năm", en: "list the year's snapshots")],
        examples: ["snapshot --name chot-so-lieu-dau-nam", "report --kind enrollment --snapshot chot-so-lieu-dau-nam --format html --out si-so.html"],
        exitCodes: [.bad(vi: "tên sai hoặc đã dùng", en: "a bad name, or one already used"),
                    .denied(vi: "không phải quản trị viên, ban giám hiệu hoặc hệ thống", en: "not an admin, the board or system")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        if a.has("list") {
            let session = try context.session(.read)
            let year = try session.year(context.requestedYear)
            try session.require(.schoolOversight, year: year)
            for name in session.snapshotNames(year) { context.print(name) }
            return
        }
        let name = try a.required("name", command: self.name)
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let event = try session.createSnapshot(year, name: name)
        context.print(context.text(vi: "Đã chốt số liệu \(name) của năm học \(year.name) ngày \(session.now.day.vietnamese) — sự kiện #\(event.seq).",
                                   en: "Froze the figures \(name) of \(year.name) on \(session.now.day.english) — event #\(event.seq)."))
    }
}
