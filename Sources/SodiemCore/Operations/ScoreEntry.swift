import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// A subject's score sheet for one class and term: which columns it has (nhập điểm theo môn).
public struct ScoreSheetSpec: Sendable {
    /// The class, stored form (`6A1`).
    public var className: String
    /// The subject of the sheet.
    public var subject: Subject
    /// The term of the sheet.
    public var term: Term
    /// Khối of the class: 6…9.
    public var grade: Int
    /// N: the number of regular assessments (tx) per term, from the year's periods.
    public var regularCount: Int
    /// tx1…txN, gk, ck.
    public var columns: [Column] { Column.sheet(regularCount: regularCount) }

    /// The columns as a user reads them: `tx1, tx2, tx3, gk, ck`.
    public var columnList: String { columns.map(\.description).joined(separator: ", ") }
}

/// One score that an entry changes (or would change): old and new value, and whether it is late.
public struct ScoreChange: Sendable, Equatable {
    /// Id of the student.
    public var student: String
    /// The column changed.
    public var column: Column
    /// The value before the change; `nil` when the cell was empty.
    public var old: Mark?
    /// `nil` when the score is cleared.
    public var new: Mark?
    /// A missing score entered after its due date (data.md: entry window).
    public var late: Bool

    /// The cell as `score.sheet` events carry it.
    var line: SheetChange { SheetChange(student: student, column: column, old: old, new: new, late: late) }
}

/// What `enter-score` did, or would do with `--dry-run`.
public struct ScoreEntryReport: Sendable {
    /// The sheet entered.
    public var sheet: ScoreSheetSpec
    /// The cells that change, or would change with `--dry-run`.
    public var changes: [ScoreChange] = []
    /// Cells that held the value already.
    public var unchanged = 0
    /// Notes that do not stop the entry (a name that differs from the class list, say).
    public var warnings: [Message] = []
    /// The event written; nil for a dry run or when nothing changed.
    public var event: AuditEvent?
}

/// A subject's sheet with the current scores, in class-list order (`print-ledger --subject`).
public struct SubjectSheet: Sendable {
    /// The school year, `2024-2025`.
    public var year: String
    /// The sheet's class, subject, term and columns.
    public var sheet: ScoreSheetSpec
    /// One row per student on the class list: id, name and the subject's marks in the term.
    public var rows: [(id: String, name: String, marks: SubjectMarks)]
}

extension Session {
    /// The subject typed by a user (code, name or alias), 66 when there is none.
    public static func subject(_ typed: String, year: YearFile, grade: Int) throws(SodiemError) -> Subject {
        let rules = RuleBook.rules(forYear: year.name, grade: grade, periods: year.calendar.periods)
        guard let subject = rules.lookup(typed) else {
            throw SodiemError.notFound(vi: "Không có môn \"\(typed)\". Dùng mã môn (toan, ngu-van, cong-nghe, gdtc, …) hoặc tên môn.",
                                       en: "There is no subject \"\(typed)\". Use a subject code (toan, ngu-van, cong-nghe, gdtc, …) or its name.")
        }
        return subject
    }

    /// `1` or `2` (64 otherwise); 78 when the year has no such term.
    public static func term(_ text: String, year: YearFile) throws(SodiemError) -> Term {
        guard let term = Int(text.trimmingSpaces()).flatMap(Term.init(rawValue:)) else {
            throw SodiemError.usage(vi: "\(option: .term) phải là 1 hoặc 2, không phải \"\(text)\".", en: "\(option: .term) must be 1 or 2, not \"\(text)\".")
        }
        guard year.calendar.terms[term] != nil else {
            throw SodiemError.notConfigured(vi: "Năm học \(year.name) chưa có học kì \(term.rawValue). Quản trị viên đặt bằng `\(run: .setTermDates(term: term.rawValue))`.",
                                            en: "The year \(year.name) has no term \(term.rawValue). An admin sets it with `\(run: .setTermDates(term: term.rawValue))`.")
        }
        return term
    }

    /// The sheet of a subject for a class and term, after the class, subject and term are checked.
    /// Refuses (77) someone who does not enter this subject for this class before anything about
    /// the class is looked up, so an outsider cannot tell an existing class from a missing one.
    func requireEntryRight(_ year: YearFile, className: String, subject typed: String) throws(SodiemError) {
        guard let subject = TT22Catalogue.lookup(typed) else { return }  // an unknown subject says nothing about the school
        try require(.enterScores(subject: subject.code, className: className), year: year)
    }

    public func scoreSheetSpec(_ year: YearFile, _ classFile: ClassFile, subject typed: String, term text: String) throws(SodiemError) -> ScoreSheetSpec {
        let grade = year.classes[classFile.name]?.grade ?? classFile.grade
        let subject = try Session.subject(typed, year: year, grade: grade)
        let term = try Session.term(text, year: year)
        let rules = RuleBook.rules(forYear: year.name, grade: grade, periods: year.calendar.periods)
        return ScoreSheetSpec(className: classFile.name, subject: subject, term: term, grade: grade,
                              regularCount: rules.regularCount(subject, grade: grade))
    }

    /// Refuses (77) when the term is locked for the class.
    ///
    /// `hint` is built only for the refusal: its next step is a reference encoded with
    /// `JSONEncoder`, which cost a fifth of every score entry when built ahead (docs/performance.md).
    func requireOpen(_ year: YearFile, _ sheet: ScoreSheetSpec, hint: @autoclosure () -> Message) throws(SodiemError) {
        guard year.isLocked(sheet.term, className: sheet.className) else { return }
        throw SodiemError.notPermitted(Message(
            vi: "Học kì \(sheet.term.rawValue) của lớp \(sheet.className) đã khoá: không nhập hay sửa điểm trực tiếp được nữa.",
            en: "Term \(sheet.term.rawValue) is locked for \(sheet.className): scores can no longer be entered or changed directly.") + hint())
    }

    /// Refuses (77) a score for a term that has not started yet (a term-2 score in October).
    func requireStarted(_ year: YearFile, _ sheet: ScoreSheetSpec) throws(SodiemError) {
        guard let dates = year.calendar.terms[sheet.term], now.day < dates.start else { return }
        throw SodiemError.notPermitted(vi: "Học kì \(sheet.term.rawValue) bắt đầu ngày \(dates.start.vietnamese): chưa nhập điểm học kì này được (hôm nay \(now.day.vietnamese)).",
                                       en: "Term \(sheet.term.rawValue) starts on \(dates.start.english): its scores cannot be entered yet (today is \(now.day.english)).")
    }

    /// The correction request a teacher makes instead of a direct change. `--clear` only for a
    /// change that clears one known score; a whole sheet gets placeholders (issue 16 item 6).
    static func requestFixHint(_ sheet: ScoreSheetSpec, student: String?, column: Column?, to value: Mark?) -> Message {
        let step = NextStep.requestFixOfScore(className: sheet.className, subject: sheet.subject.code, term: sheet.term.rawValue,
                                              student: student, column: column?.description, value: value?.printed,
                                              clearing: value == nil && student != nil && column != nil)
        return Message(vi: "Hãy đề nghị sửa điểm để Ban giám hiệu duyệt: \(run: step)",
                       en: "Ask the board for a correction instead: \(run: step)")
    }

    /// `--note TEXT` (why a value was entered, e.g. "không kiểm tra bù"), trimmed and NFC; nil when empty.
    static func note(_ text: String?) -> String? {
        guard let text = text?.trimmingSpaces(newlines: true), !text.isEmpty else { return nil }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Parses a value for the sheet's subject; the message names where it came from.
    static func parseValue(_ text: String, _ sheet: ScoreSheetSpec, at place: Message) -> Result<Mark, SodiemError> {
        switch MarkParser.parse(text, kind: sheet.subject.kind) {
        case .success(let mark): return .success(mark)
        case .failure(let error): return .failure(.badData(place + error.message))
        }
    }

    /// Why a change to an existing score is outside its edit window, or nil when it is allowed.
    func windowRefusal(_ change: ScoreChange, marks: SubjectMarks, year: YearFile, sheet: ScoreSheetSpec) -> Message? {
        guard let old = change.old else { return nil }
        // The make-up of a missed assessment (vắng), or the 0/CĐ that replaces it, is entered like a first entry.
        if old == .missed { return nil }
        let days = year.calendar.editWindowDays
        let today = now.day
        let what = "\(change.column) (\(sheet.subject.name), HK\(sheet.term.rawValue)) \(change.student)"
        let whatEn = "\(change.column) of \(change.student) (\(sheet.subject.name), term \(sheet.term.rawValue))"
        if let first = marks.entered[change.column] {
            let closes = first.adding(days: days)
            if today <= closes { return nil }
            return Message(
                vi: "Điểm \(what) = \(old.printed), nhập lần đầu ngày \(first.vietnamese): hạn sửa trực tiếp (\(days) ngày) đã hết sau ngày \(closes.vietnamese).",
                en: "The score \(whatEn) = \(old.printed), first entered on \(first.english): its direct edit window (\(days) days) closed after \(closes.english).")
                + Session.requestFixHint(sheet, student: change.student, column: change.column, to: change.new)
        }
        // A score without a first-entry day predates the record of it: treat its window as closed.
        return Message(vi: "Điểm \(what) = \(old.printed) không rõ ngày nhập lần đầu nên không sửa trực tiếp được.",
                       en: "The score \(whatEn) = \(old) has no recorded first entry, so it cannot be changed directly.")
            + Session.requestFixHint(sheet, student: change.student, column: change.column, to: change.new)
    }

    /// A change of one cell: nil when the cell already holds the value.
    func change(_ record: StudentRecord?, student: String, column: Column, new: Mark?, sheet: ScoreSheetSpec,
                deadlines: Deadlines, year: YearFile) throws(SodiemError) -> ScoreChange? {
        let old = record?.marks(sheet.subject.code, sheet.term)[column]
        guard old != new else { return nil }
        // A cell entered in the class a moved student left, given again as it is (its sheet printed and entered back).
        if old == nil, let record, !record.movedFrom.isEmpty,
           try Session.earlierHolder(student, record, className: sheet.className, year: year.name, world: world,
                                 subject: sheet.subject.code, term: sheet.term, column: column)?.mark == new { return nil }
        let due = deadlines.due(column, subject: sheet.subject.code, grade: sheet.grade, term: sheet.term, regularCount: sheet.regularCount)
        let late = old == nil && new != nil && Deadlines.isLate(now.day, due: due)
        return ScoreChange(student: student, column: column, old: old, new: new, late: late)
    }

    /// `enter-score --student --column (--score | --clear)`: one score; `value` nil clears it.
    public func enterScore(_ year: YearFile, className: String, subject: String, term: String, student: String,
                           column columnText: String, value: String?, note: String? = nil) throws(SodiemError) -> ScoreEntryReport {
        try requireEntryRight(year, className: className, subject: subject)
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        let sheet = try scoreSheetSpec(year, classFile, subject: subject, term: term)
        try require(.enterScores(subject: sheet.subject.code, className: className), year: year)
        guard let column = Column(columnText), sheet.columns.contains(column) else {
            throw SodiemError.badData(vi: "Môn \(sheet.subject.name) khối \(sheet.grade) không có cột \"\(columnText)\"; các cột: \(sheet.columnList).",
                                      en: "\(sheet.subject.name) in grade \(sheet.grade) has no column \"\(columnText)\"; its columns: \(sheet.columnList).")
        }
        var new: Mark?
        if let value {
            switch Session.parseValue(value, sheet, at: Message(vi: "\(student) \(column):", en: "\(student) \(column):")) {
            case .success(let mark): new = mark
            case .failure(let error): throw error
            }
        }
        guard isValidStudentID(student), let record = classFile.current(student) else {
            throw SodiemError.core(.noSuchStudent(student: student, className: className))
        }
        try requireOpen(year, sheet, hint: Session.requestFixHint(sheet, student: student, column: column, to: new))
        try requireStarted(year, sheet)
        var report = ScoreEntryReport(sheet: sheet)
        guard let change = try change(record, student: student, column: column, new: new, sheet: sheet,
                                  deadlines: Deadlines(calendar: year.calendar), year: year) else {
            report.unchanged = 1
            return report
        }
        if change.new != nil, let refusal = try Session.carriedRefusal(student, record, className: className, year: year.name, world: world,
                                                                    subject: sheet.subject.code, term: sheet.term, column: column) {
            throw SodiemError.notPermitted(refusal)
        }
        if let refusal = windowRefusal(change, marks: record.marks(sheet.subject.code, sheet.term), year: year, sheet: sheet) {
            throw SodiemError.notPermitted(refusal)
        }
        report.changes = [change]
        var body = ScoreSetBody(year: year.name, className: sheet.className, subject: sheet.subject.code, term: sheet.term,
                                student: student, column: column, old: change.old, new: change.new, late: change.late)
        if let note = Session.note(note) {
            body.note = note
            // Kept in the class file and printed (an event of an older build had its note in the log only).
            body.ledgerNote = true
        }
        report.event = try commit(.scoreSet(body))
        return report
    }

    /// `enter-score --file`: a subject sheet (the CSV of `print-ledger --subject`); all cells or none, one event.
    public func enterScoreSheet(_ year: YearFile, className: String, subject: String, term: String, file: URL,
                                dryRun: Bool, note: String? = nil) throws(SodiemError) -> ScoreEntryReport {
        try requireEntryRight(year, className: className, subject: subject)
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        let sheet = try scoreSheetSpec(year, classFile, subject: subject, term: term)
        try require(.enterScores(subject: sheet.subject.code, className: className), year: year)
        try requireOpen(year, sheet, hint: Session.requestFixHint(sheet, student: nil, column: nil, to: nil))
        try requireStarted(year, sheet)
        let table = try CSVFiles.read(file)
        let name = file.lastPathComponent
        var report = ScoreEntryReport(sheet: sheet)

        // The header: ma_hs, optional ho_ten (and stt), then columns of this subject only.
        var idIndex: Int?
        var nameIndex: Int?
        var columnIndex: [(index: Int, column: Column)] = []
        var problems = BadRows()
        for (index, raw) in table.header.enumerated() {
            let header = raw.trimmingSpaces()
            let folded = VietnameseText.folded(header)
            if header.isEmpty { continue }
            if let code = StudentColumns.code(forHeader: header), code == "ma_hs" || code == "ho_ten" {
                if code == "ma_hs" { idIndex = index } else { nameIndex = index }
            } else if folded == "stt" {
                continue
            } else if let column = Column(header), sheet.columns.contains(column) {
                if columnIndex.contains(where: { $0.column == column }) {
                    problems.append(Message(vi: "\(name) dòng 1: cột \(column) có hai lần.", en: "\(name) line 1: the column \(column) appears twice."))
                }
                columnIndex.append((index, column))
            } else {
                problems.append(Message(
                    vi: "\(name) dòng 1: môn \(sheet.subject.name) khối \(sheet.grade) không có cột \"\(header)\"; các cột: ma_hs, ho_ten, \(sheet.columnList).",
                    en: "\(name) line 1: \(sheet.subject.name) in grade \(sheet.grade) has no column \"\(header)\"; the columns are ma_hs, ho_ten, \(sheet.columnList)."))
            }
        }
        if idIndex == nil {
            problems.append(Message(vi: "\(name) dòng 1: thiếu cột ma_hs (Mã học sinh).", en: "\(name) line 1: the column ma_hs (student id) is missing."))
        }
        guard problems.isEmpty, let idIndex else { throw SodiemError.badData(Message.lines(problems)) }

        // Every row and cell, every problem reported.
        var parsed: [(student: String, column: Column, mark: Mark)] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            if row.fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            // A decimal comma in a comma-separated sheet (7,5) would record 7 and shift the rest.
            if let problem = table.overflow(of: row, file: name, example: "\"7,5\"") {
                problems.append(problem)
                continue
            }
            let id = row[field: idIndex].trimmingSpaces()
            let at = Message(vi: "\(name) \(row.place().vi):", en: "\(name) \(row.place().en):")
            guard !id.isEmpty else {
                problems.append(at + Message(vi: "thiếu mã học sinh.", en: "the student id is empty."))
                continue
            }
            guard isValidStudentID(id), let record = classFile.current(id) else {
                problems.append(at + Message(vi: "lớp \(className) không có học sinh \"\(id)\".", en: "there is no student \"\(id)\" in \(className)."))
                continue
            }
            if let earlier = seen[id] {
                problems.append(at + Message(vi: "học sinh \(id) đã có ở dòng \(earlier).", en: "the student \(id) is also on line \(earlier)."))
                continue
            }
            seen[id] = row.line
            if let nameIndex {
                let given = row[field: nameIndex]
                // The same text needs no folding (most rows: the sheet was printed from the list).
                if !given.trimmingSpaces().isEmpty, given != record.name, VietnameseText.folded(given) != VietnameseText.folded(record.name) {
                    report.warnings.append(at + Message(vi: "tên \"\(given)\" khác tên trong danh sách lớp của \(id) (\(record.name)); điểm vẫn theo mã học sinh.",
                                                        en: "the name \"\(given)\" differs from the class list's name of \(id) (\(record.name)); scores go by the id."))
                }
            }
            for (index, column) in columnIndex {
                let cell = row[field: index]
                if cell.trimmingSpaces().isEmpty { continue }
                let place = row.sheet == nil
                    ? Message(vi: "\(name) dòng \(row.line), cột \(column) (\(id)):", en: "\(name) line \(row.line), column \(column) (\(id)):")
                    : Message(vi: "\(name) \(row.place(column: index).vi), cột \(column) (\(id)):", en: "\(name) \(row.place(column: index).en), column \(column) (\(id)):")
                switch Session.parseValue(cell, sheet, at: place) {
                case .success(let mark): parsed.append((id, column, mark))
                case .failure(let error): problems.append(error.message)
                }
            }
        }
        guard problems.isEmpty else { throw SodiemError.badData(Message.lines(problems)) }

        // What changes, and whether each change is still allowed.
        let deadlines = Deadlines(calendar: year.calendar)
        var refusals: [Message] = []
        for (student, column, mark) in parsed {
            let record = classFile.students[student]
            guard let change = try change(record, student: student, column: column, new: mark, sheet: sheet, deadlines: deadlines, year: year) else {
                report.unchanged += 1
                continue
            }
            if change.new != nil, let refusal = try Session.carriedRefusal(student, record, className: className, year: year.name, world: world,
                                                                        subject: sheet.subject.code, term: sheet.term, column: column) {
                refusals.append(Message(vi: "\(name) dòng \(seen[student] ?? 0):", en: "\(name) line \(seen[student] ?? 0):") + refusal)
            }
            if let refusal = windowRefusal(change, marks: record?.marks(sheet.subject.code, sheet.term) ?? SubjectMarks(), year: year, sheet: sheet) {
                refusals.append(Message(vi: "\(name) dòng \(seen[student] ?? 0):", en: "\(name) line \(seen[student] ?? 0):") + refusal)
            }
            report.changes.append(change)
        }
        guard refusals.isEmpty else {
            throw SodiemError.notPermitted(Message.lines(refusals + [Message(
                vi: "Không ghi điểm nào của \(name). Bỏ các ô trên khỏi tệp (để trống) rồi nhập lại; sửa chúng bằng đề nghị sửa điểm.",
                en: "Nothing from \(name) was entered. Leave those cells empty and enter the file again; correct them through a correction request.")]))
        }
        if dryRun || report.changes.isEmpty { return report }
        var body = ScoreSheetBody(year: year.name, className: sheet.className, subject: sheet.subject.code, term: sheet.term,
                                  changes: report.changes.map(\.line))
        if let note = Session.note(note) {
            body.note = note
            // Kept in the class file and printed (an event of an older build had its note in the log only).
            body.ledgerNote = true
        }
        report.event = try commit(.scoreSheet(body))
        return report
    }

    /// `print-ledger --subject`: the sheet with the current scores, students in class-list order.
    public func subjectSheet(_ year: YearFile, className: String, subject: String, term: String) throws(SodiemError) -> SubjectSheet {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        let sheet = try scoreSheetSpec(year, classFile, subject: subject, term: term)
        try require(.readSubjectSheet(subject: sheet.subject.code, className: className), year: year)
        // A moved student's sheet shows the cells entered in the class they left, too.
        return SubjectSheet(year: year.name, sheet: sheet, rows: try yearView(year, classFile).orderedStudents.map {
            ($0.id, $0.record.name, $0.record.marks(sheet.subject.code, sheet.term))
        })
    }
}
