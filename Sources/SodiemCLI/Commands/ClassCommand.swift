import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem class add|list`: the classes of a year.
enum ClassCommand: Command {
    static let spec = CommandSpec(
        "class",
        summary: Message(vi: "Lớp học: thêm, liệt kê", en: "Classes: add, list"),
        audience: .office,
        usage: ["class add 6A1 --grade 6 [--homeroom ID]", "class list [--format text|json|csv]"],
        details: Message(vi: """
            Lớp thuộc một năm học (--year, mặc định năm hiện tại). Giáo viên chủ nhiệm nhập học sinh,
            ghi chuyên cần và rèn luyện. Thêm lớp: quản trị viên; xem danh sách: quản trị viên, ban giám
            hiệu, tài khoản hệ thống.
            """, en: """
            A class belongs to the school year (--year, default the current one). The homeroom
            teacher (giáo viên chủ nhiệm) imports the students and enters attendance and conduct.
            Adding: admins; the list: admins, the board, system accounts.
            """),
        options: [.value("grade", "6..9", vi: "khối", en: "the grade"),
                  .value("homeroom", "MÃ-GV", "ID", vi: "giáo viên chủ nhiệm", en: "the homeroom teacher")],
        positionals: 2,
        examples: ["class add 6A1 --grade 6 --homeroom gv.lan", "class list"],
        exitCodes: [.bad(vi: "tên lớp hoặc khối sai, lớp đã có", en: "a bad class name or grade, or the class exists"),
                    .missing(vi: "không có tài khoản giáo viên này", en: "no such teacher account"),
                    .denied(vi: "không phải quản trị viên", en: "not an admin")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        switch a.positionals.first {
        case "add":
            guard a.positionals.count == 2 else { throw usage() }
            let gradeText = try a.required("grade", command: "class add")
            guard let grade = Int(gradeText) else {
                throw SodiemError.usage(Message(vi: "--grade phải là số 6…9, không phải \(gradeText).", en: "--grade takes 6…9, not \(gradeText)."))
            }
            let session = try context.session(.write)
            let year = try session.year(context.requestedYear)
            let event = try session.addClass(year, name: a.positionals[1], grade: grade, homeroom: a.value("homeroom"))
            context.print(context.text(vi: "Đã thêm lớp \(a.positionals[1]) (khối \(grade)) vào năm học \(year.name) — sự kiện #\(event.seq).",
                                       en: "Added the class \(a.positionals[1]) (grade \(grade)) to \(year.name) — event #\(event.seq)."))
        case "list", nil:
            let session = try context.session(.read)
            let year = try session.year(context.requestedYear)
            try session.require(.schoolOversight)
            let users = try session.world.users()
            let counts = Dictionary(grouping: year.studentIndex.values, by: { $0 }).mapValues(\.count)
            let names = year.classes.keys.sorted(by: ClassNotation.precedes)
            switch try context.format(default: .text, allowed: [.text, .json, .csv]) {
            case .json:
                context.write(Render.json(.object(["year": .string(year.name), "classes": .array(names.map { name in
                    .object(["class": .string(name), "grade": .int(year.classes[name]!.grade),
                             "homeroom": .optional(year.classes[name]!.homeroom), "students": .int(counts[name] ?? 0)])
                })])))
            case .csv:
                context.write(CSV.write(header: ["lop", "khoi", "gvcn", "si_so"], rows: names.map {
                    [$0, "\(year.classes[$0]!.grade)", year.classes[$0]!.homeroom ?? "", "\(counts[$0] ?? 0)"]
                }))
            default:
                context.write(Render.table(
                    context.language == .english ? ["CLASS", "GRADE", "HOMEROOM", "STUDENTS"] : ["LỚP", "KHỐI", "GVCN", "SĨ SỐ"],
                    names.map { name in
                        let homeroom = year.classes[name]!.homeroom
                        return [name, "\(year.classes[name]!.grade)",
                                homeroom.map { "\(users.accounts[$0]?.name ?? $0) (\($0))" } ?? "-", "\(counts[name] ?? 0)"]
                    }))
            }
        default:
            throw usage()
        }
    }

    static func usage() -> SodiemError {
        .usage(Message(vi: "Dùng: sodiem class add LỚP --grade N | class list. Xem `sodiem help class`.",
                       en: "Use: sodiem class add CLASS --grade N | class list. See `sodiem help class`."))
    }
}
