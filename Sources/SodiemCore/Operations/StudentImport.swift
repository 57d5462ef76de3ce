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

    /// One particular of a student file checked and in its stored form: a date of birth as a real
    /// day making a lower-secondary age (9 to 21 at the start of the year), the sex as Nam or Nữ,
    /// any other as given. `import-students` and `transfer-in` both check with this; `id` names
    /// the student in the message when the file holds several.
    public static func particular(_ code: String, _ value: String, year: YearFile, id: String? = nil) -> ParticularCheck {
        let of = id.map { (" của \($0)", " of \($0)") } ?? ("", "")
        switch code {
        case "ngay_sinh":
            guard let day = Day(value) else {
                return .failure(Message(vi: "ngày sinh \"\(value.prefix(40))\"\(of.0) không phải một ngày hợp lệ dạng dd/mm/yyyy.",
                                        en: "the date of birth \"\(value.prefix(40))\"\(of.1) is not a valid dd/mm/yyyy date."))
            }
            if let start = startOfYear(year), case let age = age(born: day, on: start), !(9...21).contains(age) {
                return .failure(Message(
                    vi: "ngày sinh \(day.vietnamese)\(of.0) không hợp lí: học sinh \(age) tuổi vào đầu năm học (\(start.vietnamese)); học sinh THCS từ 9 đến 21 tuổi. Kiểm tra lại năm sinh.",
                    en: "the date of birth \(day.vietnamese)\(of.1) is implausible: the student is \(age) at the start of the year (\(start.vietnamese)); lower-secondary students are 9 to 21. Check the year of birth."))
            }
            return .success(day.description)
        case "gioi_tinh":
            switch VietnameseText.folded(value) {
            case "nam", "m", "male": return .success("Nam")
            case "nu", "f", "female": return .success("Nữ")
            default:
                return .failure(Message(vi: "giới tính \"\(value.prefix(40))\"\(of.0) phải là Nam hoặc Nữ.", en: "the sex \"\(value.prefix(40))\"\(of.1) must be Nam or Nữ."))
            }
        default:
            return .success(value)
        }
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

/// A particular checked (`StudentColumns.particular`): its stored form, or what is wrong with it.
public enum ParticularCheck: Sendable {
    case success(String)
    case failure(Message)
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
    /// Students who had left the school and come back (`--readmit`, nhận lại), also counted as updated.
    public var readmitted: [String] = []
    /// Columns that were ignored, and similar notes.
    public var warnings: [Message] = []
    /// The event written (nil for a dry run or when nothing changed).
    public var event: AuditEvent?
}

/// One class's rows of an import, checked and not yet recorded.
struct CheckedClassImport {
    var report = ImportReport()
    /// Every good row: id → name and particulars (nil clears one), as the event carries it.
    var students: [String: ImportedStudent] = [:]
    /// Students coming from another class of the year (`--move`): id → old class.
    var movedFrom: [String: String] = [:]
    /// Where each id's cell is, for the duplicates across the sheets of a whole-school workbook.
    var idPlaces: [String: Message] = [:]

    /// The students whose record changes (the event carries only those).
    var changed: [String: ImportedStudent] { students.filter { !report.unchanged.contains($0.key) } }
}

extension Session {
    /// `import-students`: adds or updates the students of a class from a CSV file; all rows or none.
    ///
    /// A student already in another class of the year is refused unless `move` is given: then the
    /// student moves here (chuyển lớp). What was entered in the old class stays in its file and is
    /// read with the new record as one year (rules §8, `Session.yearRecord`); the old class marks
    /// the student as moved out with the day, the new one where they came from.
    ///
    /// A student who left the school (`transfer-out`) is refused unless `readmit` is given: then
    /// they come back to the class they left, and only this clears the leaving (rules §8).
    public func importStudents(_ year: YearFile, className: String, file: URL, dryRun: Bool,
                               move: Bool = false, readmit: Bool = false) throws(SodiemError) -> ImportReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try require(.homeroomWork(className: className), year: year)
        let table = StudentColumns.skippingTitleRows(try CSVFiles.read(file))
        var problems = BadRows()
        var checked = try checkImport(year, classFile, table: table, fileName: file.lastPathComponent, move: move,
                                      readmit: readmit, problems: &problems)
        if !problems.isEmpty { throw SodiemError.badData(.lines(problems)) }
        let movedFrom = checked.movedFrom
        // Moving a student out of a class is homeroom work of that class too.
        for other in Set(movedFrom.values).sorted() {
            try require(.homeroomWork(className: other), year: year)
        }
        if checked.students.isEmpty && table.rows.isEmpty {
            checked.report.warnings.append(Message(vi: "\(file.lastPathComponent) không có dòng học sinh nào.", en: "\(file.lastPathComponent) has no student rows."))
        }
        let changed = checked.changed
        if dryRun || changed.isEmpty { return checked.report }
        var body = StudentsImportBody(year: year.name, className: className, students: changed)
        if !movedFrom.isEmpty {
            body.movedFrom = movedFrom
            body.date = now.day
            body.carry = true  // the year's record goes with the student (rules §8)
        }
        checked.report.event = try commit(.studentsImport(body))
        return checked.report
    }

    /// Checks one class's rows: the header's columns (thrown at once when one is missing or
    /// repeated), then every row, its problems added to `problems` naming the cell and column.
    /// `classColumn` is a whole-school sheet's `lop` column, used by the caller and skipped here.
    func checkImport(_ year: YearFile, _ classFile: ClassFile, table: CSVTable, fileName: String, move: Bool, readmit: Bool = false,
                     sheet: String? = nil, classColumn: Int? = nil, problems: inout BadRows) throws(SodiemError) -> CheckedClassImport {
        let className = classFile.name
        var checked = CheckedClassImport()
        // A header problem names the sheet of a workbook.
        let source = (sheet ?? table.rows.first?.sheet).map { "\(fileName) (\($0))" } ?? fileName
        var columns: [Int: String] = [:]
        var ignored: [String] = []
        for (index, header) in table.header.enumerated() where index != classColumn {
            if let code = StudentColumns.code(forHeader: header) {
                if columns.values.contains(code) {
                    throw SodiemError.badData(vi: "\(source) dòng 1: cột \"\(header)\" lặp lại cột \(code).",
                                              en: "\(source) line 1: the column \"\(header)\" repeats the column \(code).")
                }
                columns[index] = code
            } else if StudentColumns.isRowNumber(header) {
                continue  // STT: the row number, ignored silently (cli.md)
            } else if !header.trimmingSpaces().isEmpty {
                ignored.append(header)
            }
        }
        let missing = ["ma_hs", "ho_ten"].filter { !columns.values.contains($0) }
        if !missing.isEmpty {
            // Say which row was taken for the header and what it needed (title rows above it are skipped).
            let shown = table.header.filter { !$0.trimmingSpaces().isEmpty }.prefix(6).joined(separator: " | ")
            let wanted = missing.map { code in "\(code) (\(StudentColumns.headers.first { $0.code == code }?.names.joined(separator: ", ") ?? ""))" }
            throw SodiemError.badData(
                vi: "\(source): không tìm thấy dòng tiêu đề: không dòng nào có cả ma_hs và ho_ten. Dòng 1 (\"\(shown)\") thiếu cột \(wanted.joined(separator: " và ")). Dòng tiêu đề là dòng đầu tiên có cả hai cột (các dòng tên trường, lớp phía trên được bỏ qua; phân cách bằng dấu phẩy, chấm phẩy hoặc tab).",
                en: "\(source): no header row found: no row holds both ma_hs and ho_ten. Line 1 (\"\(shown)\") lacks the column \(wanted.joined(separator: " and ")). The header is the first row holding both (title rows above it are skipped; comma, semicolon or tab separated).")
        }
        if !ignored.isEmpty {
            checked.report.warnings.append(Message(vi: "Bỏ qua các cột không biết trong \(source): \(ignored.map(Message.oneLine).joined(separator: ", ")).",
                                                   en: "Ignored unknown columns of \(source): \(ignored.map(Message.oneLine).joined(separator: ", "))."))
        }
        let indexOf = Dictionary(columns.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            if row.fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            if let problem = table.overflow(of: row, file: fileName, example: "\"Số 3, phường Mới\"") {
                problems.append(problem)
                continue
            }
            var values: [String: String] = [:]
            for (index, code) in columns { values[code] = VietnameseText.nfc(row[field: index].trimmingSpaces()) }
            // Where a problem is: the cell and its column (`ô 6A1!D7, cột ngay_sinh` / `line 7, column ngay_sinh`).
            func at(_ code: String) -> Message {
                let place = row.place(column: indexOf[code])
                return Message(vi: "\(fileName) \(place.vi), cột \(code):", en: "\(fileName) \(place.en), column \(code):")
            }
            let id = values["ma_hs"] ?? ""
            // The second row of a two-row merged header repeats the merged names: not a student.
            if StudentColumns.code(forHeader: id) == "ma_hs" { continue }
            guard isValidStudentID(id) else {
                problems.append(at("ma_hs") + Message(vi: "mã học sinh \"\(id)\" không hợp lệ (chữ không dấu, số, . _ -).",
                                                      en: "the student id \"\(id)\" is not valid (ASCII letters, digits, . _ -)."))
                continue
            }
            if let earlier = firstLine[id] {
                problems.append(at("ma_hs") + Message(vi: "mã học sinh \(id) đã có ở dòng \(earlier).", en: "the student id \(id) is also on line \(earlier)."))
                continue
            }
            firstLine[id] = row.line
            checked.idPlaces[id] = Message(vi: "\(fileName) \(row.place(column: indexOf["ma_hs"]).vi)", en: "\(fileName) \(row.place(column: indexOf["ma_hs"]).en)")
            // A student who left the school comes back only by --readmit, to the class they left.
            var readmitting = false
            if let other = year.studentIndex[id],
               let left = (other == className ? classFile.students[id] : try world.classFile(year.name, other)?.students[id]),
               left.movedTo == nil, let leaving = left.transferOut {
                let gone = Self.leavingPhrase(leaving)
                guard readmit else {
                    problems.append(at("ma_hs") + Message(
                        vi: "học sinh \(id) (\(left.name)) đã rời trường: \(gone.vi). Nhận lại học sinh vào lớp \(other) dùng \(command: .importStudents) \(option: .readmit).",
                        en: "the student \(id) (\(left.name)) has left the school: \(gone.en). To take them back into \(other) use \(command: .importStudents) \(option: .readmit)."))
                    continue
                }
                guard other == className else {
                    problems.append(at("ma_hs") + Message(
                        vi: "học sinh \(id) (\(left.name)) rời trường từ lớp \(other): nhận lại vào lớp \(other) (\(option: .readmit)) rồi mới chuyển lớp (\(option: .move)).",
                        en: "the student \(id) (\(left.name)) left the school from \(other): readmit them into \(other) (\(option: .readmit)), then move them (\(option: .move))."))
                    continue
                }
                readmitting = true
            }
            var movingFrom: StudentRecord?
            if let other = year.studentIndex[id], other != className {
                guard move else {
                    problems.append(at("ma_hs") + Message(vi: "học sinh \(id) đang ở lớp \(other) của năm học \(year.name); để chuyển sang lớp \(className) dùng \(option: .move) (những gì đã ghi ở lớp \(other) đi cùng học sinh).",
                                                          en: "the student \(id) is already in class \(other) of \(year.name); to move them to \(className) use \(option: .move) (what was entered in \(other) goes with them)."))
                    continue
                }
                checked.movedFrom[id] = other
                movingFrom = try world.classFile(year.name, other)?.students[id]
            }
            let name = (values["ho_ten"] ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if name.isEmpty {
                problems.append(at("ho_ten") + Message(vi: "thiếu họ và tên của \(id).", en: "the name of \(id) is empty."))
                continue
            }
            var particulars: [String: JSON] = [:]
            var bad = false
            for (code, value) in values where code != "ma_hs" && code != "ho_ten" {
                if value.isEmpty { particulars[code] = .null; continue }
                switch StudentColumns.particular(code, value, year: year, id: id) {
                case .success(let stored): particulars[code] = .string(stored)
                case .failure(let problem):
                    problems.append(at(code) + problem)
                    bad = true
                }
            }
            if bad { continue }
            // A moved student keeps the particulars the file does not give.
            for (code, value) in movingFrom?.particulars ?? [:] where particulars[code] == nil {
                particulars[code] = .string(value)
            }
            // `readmit` is the one mark that clears the leaving.
            checked.students[id] = ImportedStudent(name: name, particulars: particulars.mapValues(\.string), readmit: readmitting ? true : nil)
            if let from = checked.movedFrom[id] {
                checked.report.moved[id] = from
            } else if readmitting {
                checked.report.readmitted.append(id)
                checked.report.updated.append(id)
            } else if let existing = classFile.students[id] {
                let same = existing.name == name && particulars.allSatisfy { existing.particulars[$0.key] == $0.value.string }
                if same { checked.report.unchanged.append(id) } else { checked.report.updated.append(id) }
            } else {
                checked.report.added.append(id)
            }
        }
        return checked
    }

    /// How a student left, for a refusal: "on 10/02/2025 to Trường …" / "ngày 10/02/2025 chuyển đến Trường …".
    static func leavingPhrase(_ left: TransferOut) -> Message {
        if let school = left.school {
            return Message(vi: "ngày \(left.date.vietnamese) chuyển đến \(school)", en: "on \(left.date.english) to \(school)")
        }
        return Message(vi: "ngày \(left.date.vietnamese) thôi học (\(left.reason ?? ""))", en: "on \(left.date.english), leaving school (\(left.reason ?? ""))")
    }
}

/// Reading the CSV files users hand to sodiem.
public enum CSVFiles {
    /// Reads a CSV file or an Excel workbook, told apart by content (66 when missing, 65 naming
    /// the line or cell when malformed, 65 for a binary .xls); `InputOptions.current` gives the
    /// worksheet (`--sheet`) and the column map (`--map`).
    public static func read(_ file: URL) throws(SodiemError) -> CSVTable {
        let options = InputOptions.current.reading(file)
        var table: CSVTable
        switch try loaded(file) {
        case .workbook(let workbook):
            table = try workbook.sheet(named: options.sheet, file: file.lastPathComponent).table
        case .csv(let csv):
            table = csv
        }
        if let map = options.map { table = try map.apply(to: table, file: file.lastPathComponent) }
        return table
    }

    /// Every table of a file: each worksheet of a workbook (in its order; only the `--sheet` one
    /// when given) or the one table of a CSV file (sheet nil). The column map is applied to each
    /// table that holds one of its headers; the others (a lookup sheet, notes) stay as they are.
    public static func readAll(_ file: URL) throws(SodiemError) -> [(sheet: String?, table: CSVTable)] {
        let options = InputOptions.current.reading(file)
        var tables: [(sheet: String?, table: CSVTable)]
        switch try loaded(file) {
        case .workbook(let workbook):
            let sheets = options.sheet == nil ? workbook.sheets : [try workbook.sheet(named: options.sheet, file: file.lastPathComponent)]
            tables = sheets.map { ($0.name, $0.table) }
        case .csv(let csv):
            tables = [(nil, csv)]
        }
        if let map = options.map {
            for index in tables.indices where map.matches(tables[index].table) || tables.count == 1 {
                tables[index].table = try map.apply(to: tables[index].table, file: file.lastPathComponent)
            }
        }
        return tables
    }

    /// A file read and parsed, before a sheet is chosen or a map applied.
    enum Loaded: Sendable {
        case workbook(Spreadsheet)
        case csv(CSVTable)
    }

    /// The command's file as the command line read it before the lock (`InputOptions.preloading`),
    /// or read now.
    private static func loaded(_ file: URL) throws(SodiemError) -> Loaded {
        let options = InputOptions.current
        if let preloaded = options.preloaded[file.standardizedFileURL.path] {
            return try preloaded.loaded.get()
        }
        return try load(file, sheetGiven: options.sheet != nil)
    }

    /// The most rows a table sodiem reads may have: a whole school's list is a few thousand. The
    /// rows are checked under the lock, so a file of millions would keep everyone out meanwhile.
    static let rowLimit = 20_000

    static func load(_ file: URL, sheetGiven: Bool) throws(SodiemError) -> Loaded {
        let data = try DataDirectory.readInput(file, missing: Message(vi: "Không có tệp \(file.path).", en: "There is no file \(file.path)."))
        let name = file.lastPathComponent
        func limited(_ rows: Int, _ place: String) throws(SodiemError) {
            guard rows > rowLimit else { return }
            throw SodiemError.badData(vi: "\(place) có \(rows) dòng, nhiều hơn \(rowLimit) dòng một bảng sodiem đọc (danh sách cả trường chỉ vài nghìn).",
                                      en: "\(place) has \(rows) rows, more than the \(rowLimit) of any table sodiem reads (a whole school's list is a few thousand).")
        }
        switch InputKind.of(data) {
        case .xlsx, .xls, .otherZip:
            let workbook = try Spreadsheet.read(data, file: name)
            for sheet in workbook.sheets { try limited(max(sheet.rows.count - 1, 0), "\(name) (\(sheet.name))") }
            return .workbook(workbook)
        case .text:
            if sheetGiven {
                throw SodiemError.usage(vi: "\(option: .sheet) chỉ dùng cho sổ tính Excel (.xlsx); \(name) là CSV.", en: "\(option: .sheet) is for Excel workbooks (.xlsx); \(name) is CSV.")
            }
            try refuseLegacy(data, file: name)
            let table: CSVTable
            do {
                table = try CSV.parse(data)
            } catch {
                throw SodiemError.badData(Message(vi: "\(name) ", en: "\(name) ") + error.message)
            }
            try limited(table.rows.count, name)
            return .csv(table)
        }
    }
}
