import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem students`: the class list in Vietnamese order.
enum StudentsCommand: Command {
    static let spec = CommandSpec(
        "students",
        summary: Message(vi: "Danh sách học sinh của lớp (thứ tự tiếng Việt)", en: "A class list, in Vietnamese order"),
        audience: .homeroomTeacher,
        usage: ["students --class 6A1 [--format text|json|csv|xlsx] [--out FILE]"],
        details: Message(vi: """
            Liệt kê học sinh theo tên (từ cuối của họ tên), rồi phần còn lại của họ tên, rồi mã, theo thứ
            tự chữ cái tiếng Việt (a < ă < â < b … d < đ …, dấu thanh sau chữ cái). Ai dạy lớp, ban giám
            hiệu, quản trị viên và tài khoản hệ thống.
            """, en: """
            Lists the students by given name (the last word of the name), then the rest of the
            name, then id, in Vietnamese alphabetical order (a < ă < â < b … d < đ …, tones after
            the letter). Anyone who teaches the class, the board, admins and system accounts.
            """),
        options: [.className],
        examples: ["students --class 6A1 --format json"],
        exitCodes: [.missing(vi: "không có lớp này", en: "no such class"),
                    .denied(vi: "không dạy lớp", en: "not teaching the class")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let session = try context.session(.read)
        let year = try session.year(context.requestedYear)
        let file = try session.classFile(year, try context.arguments.required("class", command: name))
        let className = file.name  // the stored form (6a1 → 6A1)
        try session.require(.readClass(className: className), year: year)
        // Particulars only for the homeroom teacher, the board, admins and system (cli.md): others see ids and names.
        let particulars = session.allows(.readParticulars(className: className), year: year)
        let students = file.orderedStudents.map { entry -> (id: String, record: StudentRecord) in
            var record = entry.1
            if !particulars { record.particulars = [:] }
            return (entry.0, record)
        }
        switch try context.format(default: .text, allowed: [.text, .json, .csv, .xlsx]) {
        case .json:
            context.write(Render.json(.object(["class": .string(className), "year": .string(year.name), "students": .array(students.map { id, record in
                var members: [String: JSON] = ["id": .string(id), "name": .string(record.name)]
                for (key, value) in record.particulars { members[key] = .string(value) }
                return .object(members)
            }), "moved_out": .array(file.movedOutStudents.map { id, record in
                .object(["id": .string(id), "name": .string(record.name), "to": .string(record.movedTo?.className ?? ""),
                         "date": .string(record.movedTo?.date.description ?? "")])
            }), "left_school": .array(file.leftSchoolStudents.map { id, record in
                .object(["id": .string(id), "name": .string(record.name), "date": .string(record.transferOut?.date.description ?? ""),
                         "to": .optional(record.transferOut?.school), "reason": .optional(record.transferOut?.reason)])
            })])))
        case .csv, .xlsx:
            let codes = StudentColumns.headers.map(\.code)
            try context.writeTable(header: codes, sheets: [(className, students.map { id, record in
                codes.map { code in code == "ma_hs" ? id : code == "ho_ten" ? record.name : record.particulars[code].map(particular(code)) ?? "" }
            })], columns: codes.map { _ in .text }, now: session.now)
        default:
            var rows: [[String]] = []
            for (index, (id, record)) in students.enumerated() {
                rows.append(["\(index + 1)", id, record.name, record.particulars["ngay_sinh"].map { Day($0).map { Words.day($0, context.language) } ?? $0 } ?? "",
                             record.particulars["gioi_tinh"] ?? ""])
            }
            context.write(context.text(vi: "Lớp \(className) — năm học \(year.name) — \(students.count) học sinh\n",
                                       en: "Class \(className) — \(year.name) — \(Words.count(students.count, "student"))\n"))
            context.write(Render.table(context.language == .english ? ["#", "ID", "NAME", "BORN", "SEX"] : ["STT", "MÃ HS", "HỌ VÀ TÊN", "NGÀY SINH", "GIỚI TÍNH"], rows))
            // Students who moved to another class of the year: off the list, named below it.
            for (id, record) in file.movedOutStudents {
                guard let moved = record.movedTo else { continue }
                context.write(context.text(vi: "Đã chuyển lớp: \(id) \(record.name) → \(moved.className) ngày \(moved.date.vietnamese)\n",
                                           en: "Moved out: \(id) \(record.name) → \(moved.className) on \(moved.date)\n"))
            }
            for (id, record) in file.leftSchoolStudents {
                guard let left = record.transferOut else { continue }
                context.write(context.text(vi: "Đã rời trường: \(id) \(record.name) — \(PrintedNames.leaving(left))\n",
                                           en: "Left the school: \(id) \(record.name) on \(left.date)" + (left.school.map { " to \($0)" } ?? "") + (left.reason.map { " (\($0))" } ?? "") + "\n"))
            }
        }
    }

    /// A particular as people read it: dates as dd/mm/yyyy.
    static func particular(_ code: String) -> (String) -> String {
        { value in code == "ngay_sinh" ? (Day(value)?.vietnamese ?? value) : value }
    }
}
