import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem assignments`: the teaching assignment table.
enum AssignmentsCommand: Command {
    static let spec = CommandSpec(
        "assignments",
        summary: Message(vi: "Xem bảng phân công", en: "Show the teaching assignments"),
        audience: .everyone,
        usage: ["assignments [--teacher ID] [--class 6A1] [--format text|json|csv|xlsx]"],
        details: Message(vi: """
            Liệt kê người vào điểm và người chủ trì của từng môn, theo lớp. Ai cũng xem được.
            """, en: """
            Lists who enters each subject's scores (người vào điểm) and who leads (người chủ trì),
            per class. Everyone may look.
            """),
        options: [.teacher, .className],
        examples: ["assignments --teacher gv.lan"],
        exitCodes: [.missing(vi: "không có lớp hoặc tài khoản này", en: "no such class or account")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let session = try context.session(.read)
        let year = try session.year(context.requestedYear)
        try session.require(.everyone)
        if let c = a.value("class") { _ = try session.classFile(year, c) }
        if let t = a.value("teacher"), try session.world.users().accounts[t] == nil {
            throw SodiemError.notFound(Message(vi: "Không có tài khoản \(t).", en: "There is no account \(t)."))
        }
        var rows: [(subject: String, className: String, assignment: Assignment)] = []
        for (subject, byClass) in year.assignments {
            for (className, assignment) in byClass {
                if let c = a.value("class"), c != className { continue }
                if let t = a.value("teacher"), !assignment.enterers.contains(t) && assignment.lead != t { continue }
                rows.append((subject, className, assignment))
            }
        }
        let order = Dictionary(uniqueKeysWithValues: TT22Catalogue.subjects.enumerated().map { ($1.code, $0) })
        rows.sort { $0.className != $1.className ? ClassNotation.precedes($0.className, $1.className)
                                                 : (order[$0.subject] ?? 99) < (order[$1.subject] ?? 99) }
        switch try context.format(default: .text, allowed: [.text, .json, .csv, .xlsx]) {
        case .json:
            context.write(Render.json(.object(["year": .string(year.name), "assignments": .array(rows.map {
                .object(["subject": .string($0.subject), "class": .string($0.className),
                         "enterers": .array($0.assignment.enterers.map(JSON.string)), "lead": .string($0.assignment.lead)])
            })])))
        case .csv, .xlsx:
            try context.writeTable(header: ["mon", "lop", "nguoi_vao_diem", "nguoi_chu_tri"], sheets: [(year.name, rows.map {
                [$0.subject, $0.className, $0.assignment.enterers.joined(separator: ","), $0.assignment.lead]
            })], columns: [.text, .text, .text, .text], now: session.now)
        default:
            context.write(Render.table(
                context.language == .english ? ["CLASS", "SUBJECT", "ENTERERS", "LEAD"] : ["LỚP", "MÔN", "NGƯỜI VÀO ĐIỂM", "CHỦ TRÌ"],
                rows.map { [$0.className, TT22Catalogue.subject(code: $0.subject)?.name ?? $0.subject,
                            $0.assignment.enterers.joined(separator: ", "), $0.assignment.lead] }))
        }
    }
}
