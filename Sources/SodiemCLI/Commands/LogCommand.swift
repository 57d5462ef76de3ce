import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem log`: the audit log, filtered.
enum LogCommand: Command {
    static let spec = CommandSpec(
        "log",
        summary: Message(vi: "Xem nhật kí thay đổi", en: "Show the audit log"),
        audience: .system,
        usage: ["log [--class 6A1] [--student ID] [--since 2024-10-01] [--action score.set] [--by ID] [--format text|json]"],
        details: Message(vi: """
            Mọi thay đổi từng có, cũ trước. --since so với ngày hiệu lực của sự kiện (SODIEM_NOW nếu đã
            dùng, nếu không là đồng hồ thật). --format json in các dòng khớp đúng như đã lưu (mỗi dòng một
            đối tượng JSON). Quản trị viên, ban giám hiệu, hệ thống.
            """, en: """
            Every change ever made, oldest first. --since compares with the effective date of the
            event (SODIEM_NOW where it was used, else the real clock). --format json prints the
            matching lines exactly as stored (one JSON object per line). Admins, the board, system.
            """),
        options: [.className, .student,
                  .value("since", "NGÀY", "DATE", vi: "từ ngày này (kể cả ngày đó)", en: "from this day on (included)"),
                  .value("action", "HÀNH-ĐỘNG", "ACTION", vi: "chỉ loại sự kiện này (score.set, …)", en: "only this kind of event (score.set, …)"),
                  .value("by", "MÃ", "ID", vi: "chỉ sự kiện của tài khoản này", en: "only events by this account")],
        examples: ["log --class 6A1 --student HS0001 --since 2024-12-01"],
        exitCodes: ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let session = try context.session(.read)
        try session.require(.schoolOversight)
        var since: Day?
        if let text = a.value("since") {
            guard let day = Day(text) else {
                throw SodiemError.usage(Message(vi: "--since cần một ngày (2024-10-01), không phải \(text).", en: "--since takes a date (2024-10-01), not \(text)."))
            }
            since = day
        }
        let format = try context.format(default: .text, allowed: [.text, .json])
        // A class no year knows is 66 (not an empty log); the name is matched without case.
        var className = a.value("class")
        if let typed = className {
            var found: String?
            for name in session.school.years {
                if let year = try session.world.year(name), year.classes[year.storedClassName(typed)] != nil {
                    found = year.storedClassName(typed)
                    break
                }
            }
            guard let found else {
                throw SodiemError.notFound(Message(vi: "Không có lớp \(typed) trong năm học nào. Xem `sodiem class list`.",
                                                   en: "There is no class \(typed) in any school year. See `sodiem class list`."))
            }
            className = found
        }
        // Streams: one line of the log at a time, the output sent on in blocks.
        try session.forEachAuditEntry(className: className, student: a.value("student"), since: since,
                                      action: a.value("action"), account: a.value("by")) { bytes, event in
            if format == .json {
                context.stream(String(decoding: bytes, as: UTF8.self) + "\n")
                return
            }
            let who = event.actingAs.map { "\(event.by)→\($0)" } ?? event.by
            var details: [String] = []
            for key in ["class", "subject", "term", "student", "column"] {
                if let value = event.body[key], !value.isNull { details.append(value.string ?? value.compactString()) }
            }
            if let old = event.body["old"], let new = event.body["new"] {
                // Text is for people: scores with the decimal comma, as on paper.
                func shown(_ value: JSON) -> String {
                    value.isNull ? "∅" : Mark(json: value)?.printed ?? value.string ?? value.compactString()
                }
                details.append("\(shown(old)) → \(shown(new))")
            }
            if let changes = event.body["changes"]?.array { details.append(context.text(vi: "\(changes.count) thay đổi", en: Words.count(changes.count, "change"))) }
            if let students = event.body["students"]?.object { details.append(context.text(vi: "\(students.count) học sinh", en: Words.count(students.count, "student"))) }
            if event.action == .studentsImport, event.className == nil, let parts = event.body["classes"]?.object {
                // A whole-school import: its classes and students.
                let students = parts.values.reduce(0) { $0 + ($1["students"].object?.count ?? 0) }
                details.append(context.text(vi: "\(parts.count) lớp, \(students) học sinh", en: "\(Words.count(parts.count, "class", "classes")), \(Words.count(students, "student"))"))
            }
            if event.body["late"]?.bool == true { details.append(context.text(vi: "(muộn)", en: "(late)")) }
            context.stream("#\(event.seq)  \(event.now ?? event.at)  \(who)  \(event.action.rawValue)  \(details.joined(separator: " "))\n")
        }
    }
}
