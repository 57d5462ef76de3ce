import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore

extension StudentColumns {
    /// True for the class column of a whole-school sheet: `lop`, `Lớp`, `Tên lớp` (folded like every header).
    public static func isClassColumn(_ header: String) -> Bool {
        ["lop", "tenlop"].contains(VietnameseText.folded(header))
    }

    /// True when a row holds both `ma_hs` and `ho_ten` under any of their names.
    static func isStudentHeader(_ fields: [String]) -> Bool {
        let codes = Set(fields.compactMap { code(forHeader: $0) })
        return codes.contains("ma_hs") && codes.contains("ho_ten")
    }
}

/// What a whole-school import did, or would do with `--dry-run`.
public struct SchoolImportReport: Sendable {
    /// Each class the file gives, in class order, with what its rows do.
    public var classes: [(className: String, report: ImportReport)] = []
    /// Sheets passed over, ignored columns and similar notes (each once).
    public var warnings: [Message] = []
    /// The one event written (nil for a dry run or when nothing changed).
    public var event: AuditEvent?
}

extension Session {
    /// `import-students --file truong.xlsx` without `--class` (admin): every class of a workbook
    /// with one sheet per class, each sheet named after its class, or of a sheet (or CSV file)
    /// with a `lop` column, recorded as ONE `students.import` event whose `classes` holds each
    /// class's part (cli.md, Students; data.md: a batch is one event). All rows of all sheets or
    /// none: every bad row is reported naming its sheet, cell and column.
    ///
    /// A sheet with a `lop` column is read by that column, whatever its name; a sheet without one
    /// is the class its name says; a sheet that is neither and holds no student list (a lookup
    /// list, notes) is passed over with a warning; one that holds a list is refused.
    public func importSchool(_ year: YearFile, file: URL, dryRun: Bool, move: Bool = false, readmit: Bool = false) throws(SodiemError) -> SchoolImportReport {
        try require(.setUp, year: year)
        let fileName = file.lastPathComponent
        var report = SchoolImportReport()
        var problems = BadRows()
        var parts: [String: (sheet: String?, table: CSVTable, classColumn: Int?)] = [:]
        var passedOver: [String] = []
        func add(_ className: String, sheet: String?, table: CSVTable, classColumn: Int?) throws(SodiemError) {
            if let earlier = parts[className] {
                let (a, b) = (earlier.sheet ?? fileName, sheet ?? fileName)
                throw SodiemError.badData(vi: "\(fileName): lớp \(className) có ở cả trang \(a) và trang \(b); mỗi lớp chỉ được ở một nơi.",
                                          en: "\(fileName): the class \(className) is in both sheet \(a) and sheet \(b); each class may be in one place only.")
            }
            parts[className] = (sheet, table, classColumn)
        }
        let tables = try CSVFiles.readAll(file)
        for (sheet, raw) in tables {
            if raw.header.isEmpty && raw.rows.isEmpty {
                if let sheet { passedOver.append(sheet) }
                continue
            }
            let table = StudentColumns.skippingTitleRows(raw)
            let hasList = StudentColumns.isStudentHeader(table.header)
            if hasList, let classColumn = table.header.firstIndex(where: StudentColumns.isClassColumn) {
                // A whole-school sheet: its rows grouped by their class cell.
                var groups: [String: [CSVRow]] = [:]
                for row in table.rows {
                    let typed = row[field: classColumn].trimmingSpaces()
                    if row.fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) || StudentColumns.isClassColumn(typed) {
                        continue  // a blank row, or the second row of a two-row merged header
                    }
                    let place = row.place(column: classColumn)
                    let at = Message(vi: "\(fileName) \(place.vi), cột lop:", en: "\(fileName) \(place.en), column lop:")
                    guard !typed.isEmpty else {
                        problems.append(at + Message(vi: "thiếu lớp của học sinh.", en: "the student's class is empty."))
                        continue
                    }
                    let className = year.storedClassName(typed)
                    guard year.classes[className] != nil else {
                        problems.append(at + Message(vi: "năm học \(year.name) không có lớp \(Message.quote(typed)) (tạo bằng `\(run: .addClass)`).",
                                                     en: "\(year.name) has no class \(Message.quote(typed)) (create it with `\(run: .addClass)`)."))
                        continue
                    }
                    groups[className, default: []].append(row)
                }
                for (className, rows) in groups {
                    try add(className, sheet: sheet, table: CSVTable(separator: table.separator, header: table.header, rows: rows), classColumn: classColumn)
                }
            } else if let sheet, case let className = year.storedClassName(sheet.trimmingSpaces()), year.classes[className] != nil {
                try add(className, sheet: sheet, table: table, classColumn: nil)
            } else if let sheet {
                guard !hasList else {
                    throw SodiemError.badData(
                        vi: "\(fileName): trang \(Message.quote(sheet)) có danh sách học sinh nhưng không mang tên lớp nào của năm học \(year.name) và không có cột lop (Lớp). Đặt tên trang theo lớp (vd. 6A1), thêm cột Lớp, hoặc nhập riêng trang này bằng \(option: .className) LỚP \(option: .sheet) \(Message.quote(sheet)).",
                        en: "\(fileName): the sheet \(Message.quote(sheet)) holds a student list but is not named after a class of \(year.name) and has no lop (Lớp) column. Name the sheet after its class (e.g. 6A1), add a Lớp column, or import it alone with \(option: .className) CLASS \(option: .sheet) \(Message.quote(sheet)).")
                }
                passedOver.append(sheet)
            } else {
                // A CSV file: without --class it needs a class column.
                throw SodiemError.badData(
                    vi: hasList ? "\(fileName): tệp không có cột lop (Lớp), nên không biết học sinh thuộc lớp nào. Nhập danh sách một lớp bằng \(option: .className) LỚP, hoặc thêm cột Lớp."
                        : "\(fileName): không tìm thấy dòng tiêu đề có cả ma_hs và ho_ten (và cột lop để nhập cả trường không cần \(option: .className)).",
                    en: hasList ? "\(fileName): the file has no lop (Lớp) column, so the students' classes are unknown. Import one class's list with \(option: .className) CLASS, or add a Lớp column."
                        : "\(fileName): no header row holds both ma_hs and ho_ten (and a lop column, to import the whole school without \(option: .className)).")
            }
        }
        if parts.isEmpty && problems.isEmpty {
            let names = tables.compactMap(\.sheet).map { Message.quote($0) }.joined(separator: ", ")
            throw SodiemError.badData(
                vi: "\(fileName): không trang nào mang tên một lớp của năm học \(year.name) hay có cột lop (các trang: \(names)). Đặt tên mỗi trang theo lớp của nó (6A1, 6A2…), hoặc nhập một lớp bằng \(option: .className).",
                en: "\(fileName): no sheet is named after a class of \(year.name) or has a lop column (the sheets: \(names)). Name each sheet after its class (6A1, 6A2…), or import one class with \(option: .className).")
        }
        // Each class checked as a class import is; an id may be in one class only.
        var seen: [String: (className: String, place: Message)] = [:]
        var classes: [String: ImportPart] = [:]
        var anyMoved = false
        for className in parts.keys.sorted(by: ClassNotation.precedes) {
            let part = parts[className]!
            let classFile = try self.classFile(year, className)
            let checked = try checkImport(year, classFile, table: part.table, fileName: fileName, move: move, readmit: readmit,
                                          sheet: part.sheet, classColumn: part.classColumn, problems: &problems)
            for (id, place) in checked.idPlaces.sorted(by: { $0.key < $1.key }) {
                if let earlier = seen[id] {
                    problems.append(Message(vi: "\(place.vi), cột ma_hs: mã học sinh \(id) đã có ở lớp \(earlier.className) (\(earlier.place.vi)); mỗi học sinh chỉ ở một lớp.",
                                            en: "\(place.en), column ma_hs: the student id \(id) is also in class \(earlier.className) (\(earlier.place.en)); a student is in one class only."))
                } else {
                    seen[id] = (className, place)
                }
            }
            for warning in checked.report.warnings where !report.warnings.contains(warning) { report.warnings.append(warning) }
            report.classes.append((className, checked.report))
            let changed = checked.changed
            guard !changed.isEmpty else { continue }
            var imported = ImportPart(students: changed, movedFrom: nil)
            if !checked.movedFrom.isEmpty {
                imported.movedFrom = checked.movedFrom
                anyMoved = true
            }
            classes[className] = imported
        }
        if !problems.isEmpty { throw SodiemError.badData(.lines(problems)) }
        if !passedOver.isEmpty {
            report.warnings.insert(Message(vi: "Bỏ qua các trang không có danh sách học sinh: \(passedOver.joined(separator: ", ")).",
                                           en: "Passed over the sheets without a student list: \(passedOver.joined(separator: ", "))."), at: 0)
        }
        if dryRun || classes.isEmpty { return report }
        let body = StudentsImportBody(year: year.name, classes: classes, date: anyMoved ? now.day : nil)
        report.event = try commit(.studentsImport(body))
        return report
    }
}
