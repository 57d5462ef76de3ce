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
    static let name = "snapshot"
    static let summary = Message(vi: "Chốt số liệu (sĩ số, kết quả) tại một kỳ báo cáo", en: "Freeze the figures (enrollment, results) at a reporting date")
    static let options = OptionSpec(values: ["name"], flags: ["list"])
    static let help = """
        Usage: sodiem snapshot --name chot-so-lieu-dau-nam [--year 2024-2025]
               sodiem snapshot --list

        Freezes today's enrollment and results figures (the JSON of `report --kind enrollment`
        and `report --kind results`) into years/YEAR/snapshots/NAME.json through one
        `snapshot.create` event; `report --snapshot NAME` shows them later, unchanged by later
        entries. A name is letters, digits, . _ - (like an account id); a name already used
        is refused (65). --list prints the snapshots of the year. Admins, the board, system.

        Example:
          SODIEM_NOW=2024-09-30 sodiem snapshot --name chot-so-lieu-dau-nam
          sodiem report --kind enrollment --snapshot chot-so-lieu-dau-nam --format html --out si-so.html

        """

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
                                   en: "Froze the figures \(name) of \(year.name) on \(session.now.day) — event #\(event.seq)."))
    }
}
