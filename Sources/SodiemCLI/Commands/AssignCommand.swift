import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem assign`: teaching assignments, who enters each subject's scores for which classes.
enum AssignCommand: Command {
    static let spec = CommandSpec(
        "assign",
        summary: Message(vi: "Phân công người vào điểm và người chủ trì", en: "Assign who enters a subject's scores, and the lead"),
        audience: .office,
        usage: ["assign --subject SUBJECT --classes \"6A12; 9A34\" --enterers ID,ID --lead ID",
                "assign --file phan-cong.csv"],
        details: Message(vi: """
            Thay phân công của môn cho các lớp đó (lần `assign` trước cho các lớp đó bị thay). Trong một
            lần (một tệp), các dòng cùng môn và lớp gộp người vào điểm; chúng phải cùng người chủ trì
            (65 nếu khác, nêu cả hai dòng). Một phân môn (Âm nhạc, Mĩ thuật, Vật lí, Hóa học, Sinh học,
            Lịch sử, Địa lí) phân công cả môn của nó (Nghệ thuật, KHTN, LS-ĐL); một ghi chú trên stderr
            nói rõ. Lớp theo cách viết gọn của trường: 6A12 = 6A1 và 6A2, 7A123456 = 7A1…7A6; phân cách
            bằng , ; hoặc dấu cách. Người chủ trì phải là một trong những người vào điểm. Tệp có các cột
            mon, lop, nguoi_vao_diem, nguoi_chu_tri, phan_mon (không bắt buộc: phân môn người vào điểm
            dạy, như --part; sổ điểm trống khi đó chỉ có trang phân môn đó và trang cả môn) (mỗi dòng một
            môn và một nhóm lớp); áp dụng trọn
            hoặc không gì cả. Chỉ quản trị viên.
            """, en: """
            Replaces that subject's assignment for those classes (an earlier `assign` for them is
            replaced). Within one call (a file), rows naming the same subject and class merge
            their enterers; they must name the same lead (65 otherwise, naming both lines).
            A part (phân môn: Âm nhạc, Mĩ thuật, Vật lí, Hóa học, Sinh học, Lịch sử, Địa lí) assigns
            its whole subject (Nghệ thuật, KHTN, LS-ĐL), and records that its enterers teach that
            part (as --part dia-li or a phan_mon column does): the blank gradebook then gives them
            their part's sheet and the combined sheet only; a note on stderr says so. Classes in the
            school's compact notation: 6A12 = 6A1 and 6A2, 7A123456 = 7A1…7A6; separators , ; or
            space. The lead (người chủ trì) must be one of the enterers (người vào điểm). The file has
            the columns mon, lop, nguoi_vao_diem, nguoi_chu_tri (one row per subject and group of
            classes); it is applied whole or not at all. Admins only.
            """),
        options: [.subject,
                  .value("classes", "LỚP", "CLASSES", vi: "các lớp (6A12; 9A34)", en: "the classes (6A12; 9A34)"),
                  .value("enterers", "MÃ,MÃ", "ID,ID", vi: "người vào điểm", en: "who enter the scores"),
                  .value("lead", "MÃ", "ID", vi: "người chủ trì (một trong người vào điểm)", en: "the lead (one of the enterers)"),
                  .value("part", "PHÂN-MÔN", "PART", vi: "phân môn người vào điểm dạy (dia-li, am-nhac, …)", en: "the part (phân môn) the enterers teach (dia-li, am-nhac, …)"),
                  .file.meaning(vi: "tệp phân công CSV (mon, lop, nguoi_vao_diem, nguoi_chu_tri, phan_mon)",
                                en: "the assignment CSV (mon, lop, nguoi_vao_diem, nguoi_chu_tri, phan_mon)"), .sheet, .map],
        examples: ["assign --subject \"LS-ĐL\" --classes \"6A12; 7A3\" --enterers gv.hoa,gv.binh --lead gv.hoa"],
        exitCodes: [.bad(vi: "tệp hoặc giá trị sai (người chủ trì không vào điểm, hai người chủ trì)", en: "a bad file or value (lead not an enterer, two leads)"),
                    .missing(vi: "không có môn, lớp, tài khoản hoặc tệp này", en: "no such subject, class, account or file"),
                    .denied(vi: "không phải quản trị viên", en: "not an admin")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        var rows: [Session.AssignmentRow] = []
        if let path = a.value("file") {
            guard a.value("subject") == nil, a.value("classes") == nil else {
                throw SodiemError.usage(Message(vi: "Dùng --file hoặc --subject/--classes, không dùng cả hai.",
                                                en: "Use --file or --subject/--classes, not both."))
            }
            rows = try assignmentRows(URL(fileURLWithPath: path))
        } else {
            rows = [Session.AssignmentRow(subject: try a.required("subject", command: name), classes: try a.required("classes", command: name),
                                          enterers: a.list("enterers"), lead: try a.required("lead", command: name), origin: nil,
                                          part: a.value("part"))]
            _ = try a.required("enterers", command: name)
        }
        // A part (phân môn) names its whole subject: say so, once per part typed.
        var noted = Set<String>()
        for row in rows where row.part == nil {
            guard let (part, subject) = TT22Catalogue.part(row.subject), noted.insert(part).inserted else { continue }
            context.note(Message(vi: "\(part) là phân môn của \(subject.name): phân công môn \(subject.name) (\(subject.code)), người vào điểm dạy phân môn \(part).",
                                 en: "\(part) is a part of \(subject.name): the assignment is for \(subject.name) (\(subject.code)), its enterers teaching \(part)."))
        }
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        if let event = try session.assign(year, rows: rows) {
            context.print(context.text(vi: "Đã phân công \(event["assignments"].array?.count ?? 0) cặp môn–lớp — sự kiện #\(event.seq).",
                                       en: "Assigned \(event["assignments"].array?.count ?? 0) subject–class pairs — event #\(event.seq)."))
        } else {
            context.print(context.text(vi: "Phân công không thay đổi.", en: "The assignment is unchanged."))
        }
    }

    /// Reads the assignment table: mon, lop, nguoi_vao_diem, nguoi_chu_tri.
    static func assignmentRows(_ file: URL) throws(SodiemError) -> [Session.AssignmentRow] {
        let table = try CSVFiles.read(file)
        let wanted = ["mon": ["môn", "môn học", "subject"], "lop": ["lớp", "classes"],
                      "nguoi_vao_diem": ["người vào điểm", "enterers"], "nguoi_chu_tri": ["người chủ trì", "lead"],
                      "phan_mon": ["phân môn", "part"]]
        var index: [String: Int] = [:]
        for (i, header) in table.header.enumerated() {
            let folded = VietnameseText.folded(header)
            for (code, names) in wanted where folded == VietnameseText.folded(code) || names.contains(where: { VietnameseText.folded($0) == folded }) {
                index[code] = i
            }
        }
        for code in ["mon", "lop", "nguoi_vao_diem", "nguoi_chu_tri"] where index[code] == nil {
            throw SodiemError.badData(Message(vi: "\(file.lastPathComponent) dòng 1: thiếu cột \(code).",
                                              en: "\(file.lastPathComponent) line 1: the column \(code) is missing."))
        }
        return table.rows.filter { !$0.fields.allSatisfy { $0.trimmingSpaces().isEmpty } }.map { row in
            Session.AssignmentRow(subject: row[field: index["mon"]!], classes: row[field: index["lop"]!],
                                  enterers: row[field: index["nguoi_vao_diem"]!].split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map(String.init),
                                  lead: row[field: index["nguoi_chu_tri"]!].trimmingSpaces(),
                                  origin: row.sheet.map { "\(file.lastPathComponent) [\($0)]:\(row.line)" } ?? "\(file.lastPathComponent):\(row.line)",
                                  part: index["phan_mon"].map { row[field: $0] })
        }
    }
}
