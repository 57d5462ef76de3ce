import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// The columns of a student file: codes and the Vietnamese headers schools really use (cli.md).
public enum StudentColumns {
    /// Code → accepted headers (matched without case, diacritics, spaces or `_`).
    public static let headers: [(code: String, names: [String])] = [
        ("ma_hs", ["Mã học sinh", "Mã HS", "Mã định danh"]),
        ("ho_ten", ["Họ và tên", "Họ tên"]),
        ("ngay_sinh", ["Ngày sinh"]),
        ("gioi_tinh", ["Giới tính"]),
        ("dan_toc", ["Dân tộc"]),
        ("noi_sinh", ["Nơi sinh"]),
        ("que_quan", ["Quê quán"]),
        ("dia_chi", ["Địa chỉ", "Nơi ở hiện nay", "Chỗ ở hiện nay"]),
        ("ho_ten_cha", ["Họ tên cha"]),
        ("nghe_nghiep_cha", ["Nghề nghiệp cha"]),
        ("ho_ten_me", ["Họ tên mẹ"]),
        ("nghe_nghiep_me", ["Nghề nghiệp mẹ"]),
        ("nguoi_giam_ho", ["Người giám hộ"]),
    ]

    /// The table whose header is the first row holding both `ma_hs` and `ho_ten` under any of
    /// their names: title rows above it (school, class, year) are dropped. A table without such a
    /// row is returned as it is, for the usual "missing column" error.
    public static func skippingTitleRows(_ table: CSVTable) -> CSVTable {
        func isHeader(_ fields: [String]) -> Bool {
            let codes = Set(fields.compactMap { code(forHeader: $0) })
            return codes.contains("ma_hs") && codes.contains("ho_ten")
        }
        guard !isHeader(table.header), let index = table.rows.firstIndex(where: { isHeader($0.fields) }) else { return table }
        return CSVTable(separator: table.separator, header: table.rows[index].fields, rows: Array(table.rows[(index + 1)...]))
    }

    /// True for a row-number column (`STT`, `Số thứ tự`, `TT`), which an import ignores silently.
    public static func isRowNumber(_ header: String) -> Bool {
        ["stt", "sothutu", "tt"].contains(VietnameseText.folded(header).filter { $0.isLetter })
    }

    /// The first day of the year: term I's start, else 5 September of its first calendar year.
    public static func startOfYear(_ year: YearFile) -> Day? {
        year.calendar.terms[.first]?.start ?? Int(year.name.prefix(4)).flatMap { Day(year: $0, month: 9, day: 5) }
    }

    /// Full years of age on a day.
    public static func age(born: Day, on day: Day) -> Int {
        let (b, d) = (born.components, day.components)
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day) ? 1 : 0)
    }

    /// The Vietnamese label of a particulars code, for printing.
    public static func label(_ code: String) -> String {
        headers.first { $0.code == code }?.names.first ?? code
    }

    private static let byFoldedName: [String: String] = {
        var map: [String: String] = [:]
        for (code, names) in headers {
            map[VietnameseText.folded(code)] = code
            for name in names { map[VietnameseText.folded(name)] = code }
        }
        return map
    }()

    /// The code a header stands for, if any.
    public static func code(forHeader header: String) -> String? {
        byFoldedName[VietnameseText.folded(header)]
    }
}

/// What an import did, or would do with `--dry-run`.
public struct ImportReport: Sendable {
    /// Ids of the students new to the class.
    public var added: [String] = []
    /// Ids of the students whose name or particulars change.
    public var updated: [String] = []
    /// Ids of the students already recorded as the file gives them.
    public var unchanged: [String] = []
    /// Students moved into this class from another class of the year (`--move`): id → old class.
    public var moved: [String: String] = [:]
    /// Columns that were ignored, and similar notes.
    public var warnings: [Message] = []
    /// The event written (nil for a dry run or when nothing changed).
    public var event: AuditEvent?
}

extension Session {
    /// `import-students`: adds or updates the students of a class from a CSV file; all rows or none.
    ///
    /// A student already in another class of the year is refused unless `move` is given: then the
    /// student moves here (chuyển lớp). What was entered in the old class stays in its file and is
    /// read with the new record as one year (rules §8, `Session.yearRecord`); the old class marks
    /// the student as moved out with the day, the new one where they came from.
    public func importStudents(_ year: YearFile, className: String, file: URL, dryRun: Bool,
                               move: Bool = false) throws(SodiemError) -> ImportReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try require(.homeroomWork(className: className), year: year)
        let table = StudentColumns.skippingTitleRows(try CSVFiles.read(file))
        var report = ImportReport()
        let fileName = file.lastPathComponent
        var columns: [Int: String] = [:]
        var ignored: [String] = []
        for (index, header) in table.header.enumerated() {
            if let code = StudentColumns.code(forHeader: header) {
                if columns.values.contains(code) {
                    throw SodiemError.badData(vi: "\(fileName) dòng 1: cột \"\(header)\" lặp lại cột \(code).",
                                              en: "\(fileName) line 1: the column \"\(header)\" repeats the column \(code).")
                }
                columns[index] = code
            } else if StudentColumns.isRowNumber(header) {
                continue  // STT: the row number, ignored silently (cli.md)
            } else if !header.trimmingCharacters(in: .whitespaces).isEmpty {
                ignored.append(header)
            }
        }
        let missing = ["ma_hs", "ho_ten"].filter { !columns.values.contains($0) }
        if !missing.isEmpty {
            // Say which row was taken for the header and what it needed (title rows above it are skipped).
            let shown = table.header.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.prefix(6).joined(separator: " | ")
            let wanted = missing.map { code in "\(code) (\(StudentColumns.headers.first { $0.code == code }?.names.joined(separator: ", ") ?? ""))" }
            throw SodiemError.badData(
                vi: "\(fileName): không tìm thấy dòng tiêu đề: không dòng nào có cả ma_hs và ho_ten. Dòng 1 (\"\(shown)\") thiếu cột \(wanted.joined(separator: " và ")). Dòng tiêu đề là dòng đầu tiên có cả hai cột (các dòng tên trường, lớp phía trên được bỏ qua; phân cách bằng dấu phẩy, chấm phẩy hoặc tab).",
                en: "\(fileName): no header row found: no row holds both ma_hs and ho_ten. Line 1 (\"\(shown)\") lacks the column \(wanted.joined(separator: " and ")). The header is the first row holding both (title rows above it are skipped; comma, semicolon or tab separated).")
        }
        if !ignored.isEmpty {
            report.warnings.append(Message(vi: "Bỏ qua các cột không biết trong \(fileName): \(ignored.joined(separator: ", ")).",
                                           en: "Ignored unknown columns of \(fileName): \(ignored.joined(separator: ", "))."))
        }
        var problems = BadRows()
        var students: [String: JSON] = [:]
        var firstLine: [String: Int] = [:]
        var movedFrom: [String: String] = [:]
        for row in table.rows {
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var values: [String: String] = [:]
            for (index, code) in columns { values[code] = VietnameseText.nfc(row[field: index].trimmingCharacters(in: .whitespaces)) }
            let at = Message(vi: "\(fileName) \(row.place().vi):", en: "\(fileName) \(row.place().en):")
            let id = values["ma_hs"] ?? ""
            // The second row of a two-row merged header repeats the merged names: not a student.
            if StudentColumns.code(forHeader: id) == "ma_hs" { continue }
            guard isValidStudentID(id) else {
                problems.append(at + Message(vi: "mã học sinh \"\(id)\" không hợp lệ (chữ không dấu, số, . _ -).",
                                             en: "the student id \"\(id)\" is not valid (ASCII letters, digits, . _ -)."))
                continue
            }
            if let earlier = firstLine[id] {
                problems.append(at + Message(vi: "mã học sinh \(id) đã có ở dòng \(earlier).", en: "the student id \(id) is also on line \(earlier)."))
                continue
            }
            firstLine[id] = row.line
            var movingFrom: StudentRecord?
            if let other = year.studentIndex[id], other != className {
                guard move else {
                    problems.append(at + Message(vi: "học sinh \(id) đang ở lớp \(other) của năm học \(year.name); để chuyển sang lớp \(className) dùng --move (những gì đã ghi ở lớp \(other) đi cùng học sinh).",
                                                 en: "the student \(id) is already in class \(other) of \(year.name); to move them to \(className) use --move (what was entered in \(other) goes with them)."))
                    continue
                }
                movedFrom[id] = other
                movingFrom = try world.classFile(year.name, other)?.students[id]
            }
            let name = (values["ho_ten"] ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if name.isEmpty {
                problems.append(at + Message(vi: "thiếu họ và tên của \(id).", en: "the name of \(id) is empty."))
                continue
            }
            var particulars: [String: JSON] = [:]
            var bad = false
            for (code, value) in values where code != "ma_hs" && code != "ho_ten" {
                if value.isEmpty { particulars[code] = .null; continue }
                switch code {
                case "ngay_sinh":
                    guard let day = Day(value) else {
                        problems.append(at + Message(vi: "ngày sinh \"\(value)\" của \(id) không phải một ngày hợp lệ dạng dd/mm/yyyy.",
                                                     en: "the date of birth \"\(value)\" of \(id) is not a valid dd/mm/yyyy date."))
                        bad = true
                        continue
                    }
                    // A real day, but a lower-secondary student is 9 to 21 at the start of the year (cli.md).
                    let start = StudentColumns.startOfYear(year)
                    if let start, case let age = StudentColumns.age(born: day, on: start), !(9...21).contains(age) {
                        problems.append(at + Message(
                            vi: "ngày sinh \(day.vietnamese) của \(id) không hợp lí: học sinh \(age) tuổi vào đầu năm học (\(start.vietnamese)); học sinh THCS từ 9 đến 21 tuổi. Kiểm tra lại năm sinh.",
                            en: "the date of birth \(day.vietnamese) of \(id) is implausible: the student is \(age) at the start of the year (\(start.vietnamese)); lower-secondary students are 9 to 21. Check the year of birth."))
                        bad = true
                        continue
                    }
                    particulars[code] = .string(day.description)
                case "gioi_tinh":
                    switch VietnameseText.folded(value) {
                    case "nam", "m", "male": particulars[code] = .string("Nam")
                    case "nu", "f", "female": particulars[code] = .string("Nữ")
                    default:
                        problems.append(at + Message(vi: "giới tính \"\(value)\" của \(id) phải là Nam hoặc Nữ.",
                                                     en: "the sex \"\(value)\" of \(id) must be Nam or Nữ."))
                        bad = true
                    }
                default:
                    particulars[code] = .string(value)
                }
            }
            if bad { continue }
            // A moved student keeps the particulars the file does not give.
            for (code, value) in movingFrom?.particulars ?? [:] where particulars[code] == nil {
                particulars[code] = .string(value)
            }
            students[id] = .object(["name": .string(name), "particulars": .object(particulars)])
            if let from = movedFrom[id] {
                report.moved[id] = from
            } else if let existing = classFile.students[id] {
                let same = existing.name == name && particulars.allSatisfy { existing.particulars[$0.key] == $0.value.string }
                if same { report.unchanged.append(id) } else { report.updated.append(id) }
            } else {
                report.added.append(id)
            }
        }
        if !problems.isEmpty { throw SodiemError.badData(.lines(problems)) }
        // Moving a student out of a class is homeroom work of that class too.
        for other in Set(movedFrom.values).sorted() {
            try require(.homeroomWork(className: other), year: year)
        }
        if students.isEmpty && problems.isEmpty && table.rows.isEmpty {
            report.warnings.append(Message(vi: "\(fileName) không có dòng học sinh nào.", en: "\(fileName) has no student rows."))
        }
        let changed = students.filter { !report.unchanged.contains($0.key) }
        if dryRun || changed.isEmpty { return report }
        var body: [String: JSON] = ["year": .string(year.name), "class": .string(className), "students": .object(changed)]
        if !movedFrom.isEmpty {
            body["moved_from"] = .object(movedFrom.mapValues(JSON.string))
            body["date"] = .string(now.day.description)
            body["carry"] = .bool(true)  // the year's record goes with the student (rules §8)
        }
        report.event = try commit(.studentsImport, body)
        return report
    }

}

/// Reading the CSV files users hand to sodiem.
public enum CSVFiles {
    /// Reads a CSV file or an Excel workbook, told apart by content (66 when missing, 65 naming
    /// the line or cell when malformed, 65 for a binary .xls); `InputOptions.current` gives the
    /// worksheet (`--sheet`) and the column map (`--map`).
    public static func read(_ file: URL) throws(SodiemError) -> CSVTable {
        let data = try DataDirectory.readInput(file, missing: Message(vi: "Không có tệp \(file.path).", en: "There is no file \(file.path)."))
        let name = file.lastPathComponent
        let options = InputOptions.current
        var table: CSVTable
        switch InputKind.of(data) {
        case .xlsx, .xls, .otherZip:
            table = try Spreadsheet.read(data, file: name).sheet(named: options.sheet, file: name).table
        case .text:
            if options.sheet != nil {
                throw SodiemError.usage(vi: "--sheet chỉ dùng cho sổ tính Excel (.xlsx); \(name) là CSV.", en: "--sheet is for Excel workbooks (.xlsx); \(name) is CSV.")
            }
            try refuseLegacy(data, file: name)
            do {
                table = try CSV.parse(data)
            } catch {
                throw SodiemError.badData(Message(vi: "\(name) ", en: "\(name) ") + error.message)
            }
        }
        if let map = options.map { table = try map.apply(to: table, file: name) }
        return table
    }
}
