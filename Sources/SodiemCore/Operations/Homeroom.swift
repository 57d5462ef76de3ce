import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// One session of attendance to record: absent (excused or not) or, with `absent: false`, not absent after all.
public struct AttendanceEntry: Sendable, Equatable {
    /// Id of the student.
    public var student: String
    /// The school day of the session.
    public var date: Day
    /// `sang` or `chieu`.
    public var session: String
    /// Có phép (excused) or không phép; ignored when `absent` is false.
    public var excused: Bool
    /// False removes a recorded absence.
    public var absent: Bool

    /// Creates an entry from its fields.
    public init(student: String, date: Day, session: String, excused: Bool, absent: Bool) {
        self.student = student
        self.date = date
        self.session = session
        self.excused = excused
        self.absent = absent
    }

    /// The entry as `attendance.set` carries it.
    var line: AttendanceChange {
        AttendanceChange(student: student, date: date, session: session, excused: excused, absent: absent)
    }
}

/// What a homeroom command did: how many records changed, and the event (nil when nothing changed or a dry run).
public struct HomeroomReport: Sendable {
    /// Records changed (or that would change, on a dry run).
    public var changed = 0
    /// Records that already held the value given.
    public var unchanged = 0
    /// The audit event committed.
    public var event: AuditEvent?
}

/// Parsing the values homeroom teachers type.
public enum HomeroomValues {
    /// `sang`/`sáng`/`s` → `sang`, `chieu`/`chiều`/`c` → `chieu`.
    public static func session(_ text: String) -> String? {
        switch RulesFolding.key(text) {
        case "sang", "s", "morning", "am": return "sang"
        case "chieu", "c", "afternoon", "pm": return "chieu"
        default: return nil
        }
    }

    /// Có phép: `x`, `1`, `có`, `yes`, `p` → true; empty, `0`, `không`, `no`, `k` → false.
    public static func excused(_ text: String) -> Bool? {
        switch RulesFolding.key(text) {
        case "x", "1", "co", "yes", "y", "p", "cophep", "true": return true
        case "", "0", "khong", "no", "n", "k", "khongphep", "false": return false
        default: return nil
        }
    }

    /// A conduct level: T/Tốt, K/Khá, Đ/D/Đạt, CĐ/CD/Chưa đạt.
    public static func level(_ text: String) -> Level? {
        switch RulesFolding.key(text) {
        case "t", "tot": return .good
        case "k", "kha": return .fair
        case "d", "dat": return .pass
        case "cd", "chuadat": return .fail
        default: return nil
        }
    }

    /// A month `2024-10` (also `10/2024`).
    public static func month(_ text: String) -> (year: Int, month: Int)? {
        let t = text.trimmingSpaces()
        let parts = t.contains("/") ? t.split(separator: "/").reversed().map(String.init) : t.split(separator: "-").map(String.init)
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        return (y, m)
    }
}

extension Session {
    // MARK: Attendance

    /// Checks one attendance entry against the class and calendar; nil when it is fine.
    private func attendanceProblem(_ entry: AttendanceEntry, year: YearFile, className: String,
                                   closedMonths: Set<String> = []) -> SodiemError? {
        guard let term = year.calendar.term(containing: entry.date) else {
            let terms = year.calendar.terms.sorted { $0.key < $1.key }.map { "\($0.value.start)…\($0.value.end)" }.joined(separator: ", ")
            return .badData(vi: "ngày \(entry.date.vietnamese) không thuộc học kì nào của năm học \(year.name) (\(terms)).",
                            en: "\(entry.date.english) is not in a term of \(year.name) (\(terms)).")
        }
        // An absence is recorded once it happened: not for a day after today.
        if entry.date > now.day {
            return .badData(vi: "ngày \(entry.date.vietnamese) chưa đến (hôm nay \(now.day.vietnamese)): chỉ ghi buổi nghỉ đã xảy ra.",
                            en: "\(entry.date.english) has not come yet (today is \(now.day.english)): only absences that happened are recorded.")
        }
        // Only on school days (issue 16.4): not outside the school week, not on a holiday the school set.
        if let holiday = year.calendar.holiday(containing: entry.date) {
            return .badData(vi: "ngày \(entry.date.vietnamese) là ngày nghỉ của trường (\(holiday.start.vietnamese) – \(holiday.end.vietnamese)): không ghi buổi nghỉ.",
                            en: "\(entry.date.english) is a school holiday (\(holiday.start.english) – \(holiday.end.english)): no absence is recorded.")
        }
        if !year.calendar.isSchoolDay(entry.date) {
            let week = year.calendar.schoolDays == "mon-fri" ? ("thứ Hai – thứ Sáu", "Monday–Friday") : ("thứ Hai – thứ Bảy", "Monday–Saturday")
            let names = ["", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
            let en = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
            return .badData(vi: "ngày \(entry.date.vietnamese) là \(names[entry.date.weekday]), không phải ngày học (tuần học \(week.0), `\(run: .changeSchoolDays)`).",
                            en: "\(entry.date.english) is a \(en[entry.date.weekday]), not a school day (school week \(week.1), `\(run: .changeSchoolDays)`).")
        }
        if closedMonths.contains(entry.date.monthKey) {
            let month = entry.date.monthKey
            return .notPermitted(vi: "chuyên cần tháng \(month) của lớp \(className) đã chốt: giáo viên chủ nhiệm mở lại trước (`\(run: .reopenAttendance(className: className, month: month))`).",
                                 en: "the attendance of \(month) is closed for \(className): its homeroom teacher reopens it first (`\(run: .reopenAttendance(className: className, month: month))`).")
        }
        if year.isLocked(term, className: className) {
            return .notPermitted(vi: "học kì \(term.rawValue) của lớp \(className) đã khoá: không sửa chuyên cần ngày \(entry.date.vietnamese) được nữa.",
                                 en: "term \(term.rawValue) is locked for \(className): the attendance of \(entry.date.english) can no longer change.")
        }
        return nil
    }

    /// True when recording the entry changes nothing.
    private static func isUnchanged(_ entry: AttendanceEntry, _ record: StudentRecord?) -> Bool {
        let existing = record?.absences.first { $0.date == entry.date && $0.session == entry.session }
        if entry.absent { return existing?.excused == entry.excused }
        return existing == nil
    }

    /// `attendance --student --date [--session] [--excused] [--clear]`: one session.
    public func recordAttendance(_ year: YearFile, className: String, student: String, date text: String, session sessionText: String?,
                                 excused: Bool, clear: Bool) throws(SodiemError) -> HomeroomReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try require(.homeroomWork(className: className), year: year)
        guard let date = Day(text) else {
            throw SodiemError.badData(vi: "Ngày \"\(text)\" không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd).",
                                      en: "The date \"\(text)\" is not valid (dd/mm/yyyy or yyyy-mm-dd).")
        }
        // Without --session: the grade's main session (rules-tt22.md §7). The event stores the session itself,
        // so a later change of the main session does not change what was recorded.
        let session = sessionText.map(HomeroomValues.session) ?? year.calendar.mainSession(grade: classFile.grade)
        guard let session else {
            throw SodiemError.badData(vi: "Buổi \"\(sessionText ?? "")\" phải là sang hoặc chieu.", en: "The session \"\(sessionText ?? "")\" must be sang or chieu.")
        }
        let record = try self.student(classFile, student)
        let entry = AttendanceEntry(student: student, date: date, session: session, excused: excused && !clear, absent: !clear)
        if let problem = attendanceProblem(entry, year: year, className: className, closedMonths: classFile.closedMonths) {
            throw problem.prefixed(Message(vi: "\(student):", en: "\(student):"))
        }
        var report = HomeroomReport()
        if Session.isUnchanged(entry, record) { report.unchanged = 1; return report }
        report.changed = 1
        report.event = try commit(.attendanceSet(AttendanceSetBody(year: year.name, className: className, entries: [entry.line])))
        return report
    }

    /// `attendance --file`: absences from a CSV file (ma_hs, ngay, buoi, co_phep); all rows or none, one event.
    public func recordAttendance(_ year: YearFile, className: String, file: URL, dryRun: Bool) throws(SodiemError) -> HomeroomReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try require(.homeroomWork(className: className), year: year)
        let table = try CSVFiles.read(file)
        let name = file.lastPathComponent
        let index = try Session.headerIndex(table, file: name, wanted: [
            ("ma_hs", ["ma_hs", "Mã học sinh", "Mã HS", "Mã định danh"], true),
            ("ngay", ["ngay", "Ngày", "Ngày nghỉ", "date"], true),
            ("buoi", ["buoi", "Buổi", "session"], false),
            ("co_phep", ["co_phep", "Có phép", "Phép", "excused"], false),
        ])
        var problems = BadRows()
        var locked: [Message] = []
        var entries: [AttendanceEntry] = []
        var seen: [String: Int] = [:]
        var report = HomeroomReport()
        for row in table.rows where !row.fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) {
            if let problem = table.overflow(of: row, file: name, example: "\"…, …\"") {
                problems.append(problem)
                continue
            }
            let at = Message(vi: "\(name) \(row.place().vi):", en: "\(name) \(row.place().en):")
            // A value's problem names its cell and column (`ô Nghỉ!B3, cột ngay` / `line 3, column ngay`).
            func atCell(_ code: String) -> Message {
                let place = row.place(column: index[code])
                return Message(vi: "\(name) \(place.vi), cột \(code):", en: "\(name) \(place.en), column \(code):")
            }
            func cell(_ code: String) -> String { index[code].map { row[field: $0].trimmingSpaces() } ?? "" }
            let id = cell("ma_hs")
            guard isValidStudentID(id), classFile.current(id) != nil else {
                problems.append(atCell("ma_hs") + Message(vi: "lớp \(className) không có học sinh \"\(id)\".", en: "there is no student \"\(id)\" in \(className)."))
                continue
            }
            guard let date = Day(cell("ngay")) else {
                problems.append(atCell("ngay") + Message(vi: "ngày \"\(cell("ngay"))\" không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd).",
                                                         en: "the date \"\(cell("ngay"))\" is not valid (dd/mm/yyyy or yyyy-mm-dd)."))
                continue
            }
            let sessionText = cell("buoi")
            guard let session = sessionText.isEmpty ? year.calendar.mainSession(grade: classFile.grade) : HomeroomValues.session(sessionText) else {
                problems.append(atCell("buoi") + Message(vi: "buổi \"\(sessionText)\" phải là sáng hoặc chiều.", en: "the session \"\(sessionText)\" must be sang or chieu."))
                continue
            }
            guard let excused = HomeroomValues.excused(cell("co_phep")) else {
                problems.append(atCell("co_phep") + Message(vi: "có phép \"\(cell("co_phep"))\" phải là x/có hoặc để trống/không.",
                                                            en: "excused \"\(cell("co_phep"))\" must be x/yes, or empty/no."))
                continue
            }
            let entry = AttendanceEntry(student: id, date: date, session: session, excused: excused, absent: true)
            if let problem = attendanceProblem(entry, year: year, className: className, closedMonths: classFile.closedMonths) {
                if case .notPermitted = problem { locked.append(at + problem.message) } else { problems.append(at + problem.message) }
                continue
            }
            let key = "\(id)/\(date)/\(session)"
            if let earlier = seen[key] {
                problems.append(at + Message(vi: "buổi này của \(id) đã có ở dòng \(earlier).", en: "this session of \(id) is also on line \(earlier)."))
                continue
            }
            seen[key] = row.line
            if Session.isUnchanged(entry, classFile.students[id]) { report.unchanged += 1 } else { entries.append(entry) }
        }
        guard problems.isEmpty else { throw SodiemError.badData(Message.lines(problems)) }
        guard locked.isEmpty else { throw SodiemError.notPermitted(Message.lines(locked)) }
        report.changed = entries.count
        if dryRun || entries.isEmpty { return report }
        report.event = try commit(.attendanceSet(AttendanceSetBody(year: year.name, className: className, entries: entries.map(\.line))))
        return report
    }

    /// `attendance --month 2024-10 --close`: the month's attendance is complete (from its last day on).
    public func closeAttendanceMonth(_ year: YearFile, className: String, month text: String) throws(SodiemError) -> HomeroomReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try require(.homeroomWork(className: className), year: year)
        guard let (y, m) = HomeroomValues.month(text), let first = Day(year: y, month: m, day: 1) else {
            throw SodiemError.badData(vi: "Tháng \"\(text)\" không hợp lệ (2024-10).", en: "The month \"\(text)\" is not valid (2024-10).")
        }
        let last = Day(year: y, month: m, day: Day.daysIn(month: m, year: y))!
        let month = first.monthKey
        guard year.calendar.terms.values.contains(where: { $0.start <= last && first <= $0.end }) else {
            throw SodiemError.badData(vi: "Tháng \(month) không thuộc học kì nào của năm học \(year.name).",
                                      en: "The month \(month) is not in a term of \(year.name).")
        }
        guard now.day >= last else {
            throw SodiemError.badData(vi: "Tháng \(month) chưa hết: chỉ chốt chuyên cần từ ngày \(last.vietnamese).",
                                      en: "The month \(month) is not over: its attendance can be closed from \(last.english) on.")
        }
        var report = HomeroomReport()
        if classFile.closedMonths.contains(month) { report.unchanged = 1; return report }
        report.changed = 1
        report.event = try commit(.attendanceClose(AttendanceCloseBody(year: year.name, className: className, month: month)))
        return report
    }

    /// `attendance --month 2024-10 --reopen --reason …`: a closed month reopened by the class's homeroom teacher (issue 16.4).
    public func reopenAttendanceMonth(_ year: YearFile, className: String, month text: String, reason: String) throws(SodiemError) -> HomeroomReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        // The homeroom teacher of the class: the person who closed it (admin as everywhere else for homeroom work).
        try require(.homeroomWork(className: className), year: year)
        guard let (y, m) = HomeroomValues.month(text), let first = Day(year: y, month: m, day: 1) else {
            throw SodiemError.badData(vi: "Tháng \"\(text)\" không hợp lệ (2024-10).", en: "The month \"\(text)\" is not valid (2024-10).")
        }
        let month = first.monthKey
        let why = reason.trimmingSpaces(newlines: true)
        guard !why.isEmpty else {
            throw SodiemError.usage(vi: "\(option: .reopen) cần \(option: .reason) \"…\" (lí do mở lại).", en: "\(option: .reopen) needs \(option: .reason) \"…\" (why it is reopened).")
        }
        var report = HomeroomReport()
        guard classFile.closedMonths.contains(month) else { report.unchanged = 1; return report }
        report.changed = 1
        report.event = try commit(.attendanceReopen(AttendanceReopenBody(year: year.name, className: className, month: month,
                                                                         reason: why.precomposedStringWithCanonicalMapping)))
        return report
    }

    // MARK: Conduct

    /// `conduct`: levels for term `1`, `2`, or the re-assessed year conduct after summer training (`year` + `afterSummer`).
    ///
    /// `levels` are (origin, student, typed level); origin names the file line where there is one.
    public func setConduct(_ year: YearFile, className: String, term text: String, afterSummer: Bool,
                           levels input: [(origin: Message?, student: String, level: String)]) throws(SodiemError) -> HomeroomReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        let key: String
        switch (text.trimmingSpaces().lowercased(), afterSummer) {
        case ("year", true), ("ca-nam", true), ("cn", true): key = "summer"
        case ("year", false):
            throw SodiemError.usage(vi: "Rèn luyện cả năm tính từ hai học kì; chỉ ghi \(option: .term) year cùng \(option: .afterSummer) (đánh giá lại sau rèn luyện hè).",
                                    en: "The year conduct follows from the two terms; \(option: .term) year is only for \(option: .afterSummer) (the re-assessment after summer training).")
        case (_, true):
            throw SodiemError.usage(vi: "\(option: .afterSummer) đi với \(option: .term) year.", en: "\(option: .afterSummer) goes with \(option: .term) year.")
        default:
            key = "\(try Session.term(text, year: year).rawValue)"
        }
        try require(.homeroomWork(className: className), year: year)
        if key != "summer", let term = Int(key).flatMap(Term.init(rawValue:)), year.isLocked(term, className: className) {
            throw SodiemError.notPermitted(vi: "Học kì \(key) của lớp \(className) đã khoá: không ghi rèn luyện được nữa.",
                                           en: "Term \(key) is locked for \(className): conduct can no longer be recorded.")
        }
        // A term's conduct is assessed in its last month: from `conductDaysBeforeEnd` days before the term ends.
        if let term = Int(key).flatMap(Term.init(rawValue:)), let dates = year.calendar.terms[term] {
            let opens = dates.end.adding(days: -Session.conductDaysBeforeEnd)
            if now.day < opens {
                throw SodiemError.notPermitted(vi: "Rèn luyện học kì \(key) được đánh giá cuối học kì: ghi từ ngày \(opens.vietnamese) (\(Session.conductDaysBeforeEnd) ngày trước khi học kì kết thúc ngày \(dates.end.vietnamese)).",
                                               en: "Term \(key) conduct is assessed at the end of the term: it can be recorded from \(opens.english) (\(Session.conductDaysBeforeEnd) days before the term ends on \(dates.end.english)).")
            }
        }
        var problems = BadRows()
        var levels: [String: JSON] = [:]
        var report = HomeroomReport()
        for (origin, id, typed) in input {
            let at = origin ?? Message(vi: "\(id):", en: "\(id):")
            guard isValidStudentID(id), let record = classFile.current(id) else {
                if origin == nil { throw SodiemError.notFound(vi: "Lớp \(className) không có học sinh \(id).", en: "There is no student \(id) in \(className).") }
                problems.append(at + Message(vi: "lớp \(className) không có học sinh \"\(id)\".", en: "there is no student \"\(id)\" in \(className)."))
                continue
            }
            guard let level = HomeroomValues.level(typed) else {
                problems.append(at + Message(vi: "mức rèn luyện \"\(typed)\" phải là T, K, Đ hoặc CĐ.", en: "the conduct level \"\(typed)\" must be T, K, Đ or CĐ."))
                continue
            }
            if levels[id] != nil {
                problems.append(at + Message(vi: "học sinh \(id) có hai dòng.", en: "the student \(id) appears twice."))
                continue
            }
            if key == "summer" && TT22Rules.yearConduct(term1: record.conduct["1"], term2: record.conduct["2"]) != .fail {
                problems.append(at + Message(vi: "\(id) không phải rèn luyện hè (rèn luyện cả năm không phải Chưa đạt).",
                                             en: "\(id) was not sent to summer training (the year conduct is not CĐ)."))
                continue
            }
            if record.conduct[key] == level { report.unchanged += 1; levels[id] = .null; continue }
            levels[id] = .string(level.rawValue)
        }
        guard problems.isEmpty else { throw SodiemError.badData(Message.lines(problems)) }
        let changed = levels.filter { !$0.value.isNull }
        report.changed = changed.count
        if changed.isEmpty { return report }
        report.event = try commit(.conductSet(ConductSetBody(year: year.name, className: className, term: key,
                                                             levels: changed.compactMapValues { $0.string.flatMap(Level.init(rawValue:)) })))
        return report
    }

    /// Reads a conduct file: ma_hs and muc (level); empty levels are skipped.
    public static func conductRows(_ file: URL) throws(SodiemError) -> [(origin: Message?, student: String, level: String)] {
        let table = try CSVFiles.read(file)
        let name = file.lastPathComponent
        let index = try headerIndex(table, file: name, wanted: [
            ("ma_hs", ["ma_hs", "Mã học sinh", "Mã HS", "Mã định danh"], true),
            ("muc", ["muc", "level", "Mức", "Xếp loại", "Rèn luyện", "Kết quả rèn luyện", "Hạnh kiểm"], true),  // wording: a header older files use
        ])
        return table.rows.compactMap { row in
            let level = row[field: index["muc"]!].trimmingSpaces()
            let id = row[field: index["ma_hs"]!].trimmingSpaces()
            if level.isEmpty && id.isEmpty { return nil }
            if level.isEmpty { return nil }
            // The row, by its sheet and row number in a workbook (`sheet Rèn luyện row 4`); the message quotes the value.
            return (Message(vi: "\(name) \(row.place().vi):", en: "\(name) \(row.place().en):"), id, level)
        }
    }

    // MARK: Comments, exemptions, individual plans

    /// `comment`: the homeroom comment (no subject) or the lead's subject comment; an empty text removes it.
    public func setComment(_ year: YearFile, className: String, student: String, text: String, subject typed: String?) throws(SodiemError) -> HomeroomReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        var subject: Subject?
        if let typed {
            let found = try Session.subject(typed, year: year, grade: year.classes[className]?.grade ?? classFile.grade)
            subject = found
            try require(.subjectComment(subject: found.code, className: className), year: year)
        } else {
            try require(.homeroomWork(className: className), year: year)
        }
        let record = try self.student(classFile, student)
        let cleaned = VietnameseText.nfc(text.trimmingSpaces(newlines: true))
        let current = subject.map { record.subjectComments[$0.code] } ?? record.homeroomComment
        var report = HomeroomReport()
        if current == (cleaned.isEmpty ? nil : cleaned) { report.unchanged = 1; return report }
        report.changed = 1
        report.event = try commit(.commentSet(CommentSetBody(year: year.name, className: className, student: student,
                                                             text: cleaned.isEmpty ? nil : cleaned, subject: subject?.code)))
        return report
    }

    /// `exempt`: the GDTC practical-part exemption (§8) for term `1`, `2` or `year`; `decision` nil removes it.
    public func setExemption(_ year: YearFile, className: String, student: String, subject typed: String, term: String,
                             decision: String?) throws(SodiemError) -> HomeroomReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try require(.specialCase, year: year)
        let subject = try Session.subject(typed, year: year, grade: year.classes[className]?.grade ?? classFile.grade)
        guard subject.code == "gdtc" else {
            throw SodiemError.badData(vi: "Chỉ miễn được phần thực hành môn Giáo dục thể chất (gdtc, Điều 10); \(subject.name) không miễn được.",
                                      en: "Only the practical part of physical education (gdtc, Article 10) can be exempted; not \(subject.name).")
        }
        let period = term.trimmingSpaces().lowercased()
        guard ["1", "2", "year"].contains(period) else {
            throw SodiemError.usage(vi: "\(option: .term) phải là 1, 2 hoặc year.", en: "\(option: .term) must be 1, 2 or year.")
        }
        if let term = Int(period).flatMap(Term.init(rawValue:)) { _ = try Session.term("\(term.rawValue)", year: year) }
        let record = try self.student(classFile, student)
        let cleaned = decision.map { VietnameseText.nfc($0.trimmingSpaces()) }
        if let cleaned, cleaned.isEmpty {
            throw SodiemError.usage(vi: "\(option: .decision) cần số quyết định (\"QĐ số …\"); để bỏ miễn dùng \(option: .off).",
                                    en: "\(option: .decision) needs the decision reference (\"QĐ số …\"); use \(option: .off) to remove the exemption.")
        }
        let current = record.exemptions.first { $0.subject == subject.code && $0.term == period }?.decision
        var report = HomeroomReport()
        if current == cleaned { report.unchanged = 1; return report }
        report.changed = 1
        report.event = try commit(.exemptSet(ExemptSetBody(year: year.name, className: className, student: student,
                                                           subject: subject.code, term: period, decision: cleaned)))
        return report
    }

    /// `commend`: a commendation (Điều 15.1.b) of the principal or a vice-principal, recorded with its
    /// text (an admin records it on their order); printed on the transcript's year page.
    public func commend(_ year: YearFile, className: String, student: String, text: String) throws(SodiemError) -> HomeroomReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try require(.specialCase, year: year)
        // The year's commendations add up across classes: one given before a move is not given again.
        let record = try yearStudent(classFile, student, year: year)
        let cleaned = VietnameseText.nfc(text.trimmingSpaces(newlines: true))
        guard !cleaned.isEmpty else {
            throw SodiemError.usage(vi: "\(option: .text) cần nội dung khen thưởng (\"Có tiến bộ vượt bậc môn Toán\").",
                                    en: "\(option: .text) needs the commendation's text (\"Có tiến bộ vượt bậc môn Toán\").")
        }
        var report = HomeroomReport()
        if record.commendations.contains(cleaned) { report.unchanged = 1; return report }
        report.changed = 1
        report.event = try commit(.commend(CommendBody(year: year.name, className: className, student: student, text: cleaned)))
        return report
    }

    /// `individual-plan`: the individual education plan flag (§8, Điều 11) and what the principal records by hand.
    ///
    /// `decision` nil with nothing to record removes the flag. `recording` sets (or, with nil,
    /// removes) recorded values: `learning` (year), `learning_1`, `learning_2` (T/K/Đ/CĐ),
    /// `outcome` (`len-lop`/`o-lai-lop`), `title` (`xuat-sac`/`gioi`); typed forms are normalised here.
    ///
    /// `planSubjects` (`--plan-subjects toan,gdtc`): only those subjects follow the plan, the others
    /// are assessed as usual; nil keeps what the plan names (every subject for a new plan).
    public func setIndividualPlan(_ year: YearFile, className: String, student: String, decision: String?,
                                  recording: [String: String?] = [:], planSubjects: String? = nil) throws(SodiemError) -> HomeroomReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try require(.specialCase, year: year)
        // The plan as the year holds it: one set before a move is this student's plan here too.
        let record = try yearStudent(classFile, student, year: year)
        let cleaned = decision.map { VietnameseText.nfc($0.trimmingSpaces()) }
        if let cleaned, cleaned.isEmpty {
            throw SodiemError.usage(vi: "\(option: .decision) cần số quyết định; để bỏ dùng \(option: .off).", en: "\(option: .decision) needs the decision reference; use \(option: .off) to remove the flag.")
        }
        var recorded = record.individualPlan?.recorded ?? [:]
        var newDecision = cleaned
        if !recording.isEmpty {
            guard let decision = cleaned ?? record.individualPlan?.decision else {
                throw SodiemError.badData(vi: "Học sinh \(student) chưa học theo kế hoạch giáo dục cá nhân: thêm \(option: .decision) \"QĐ số …\" để đánh dấu và ghi kết quả cùng lúc.",
                                          en: "The student \(student) is not on an individual education plan: add \(option: .decision) \"QĐ số …\" to flag them and record the results at once.")
            }
            newDecision = decision
            for (key, typed) in recording {
                guard let typed else { recorded[key] = nil; continue }
                recorded[key] = try Session.recordedValue(key, typed)
            }
        }
        var subjects = record.individualPlan?.subjects
        if planSubjects != nil, newDecision == nil { newDecision = record.individualPlan?.decision }
        if let planSubjects {
            guard newDecision != nil else {
                throw SodiemError.badData(vi: "\(option: .planSubjects) cần \(option: .decision) \"QĐ số …\" (học sinh \(student) chưa học theo kế hoạch giáo dục cá nhân).",
                                          en: "\(option: .planSubjects) needs \(option: .decision) \"QĐ số …\" (the student \(student) is not on an individual plan).")
            }
            let taken = subjectsTaken(year, className: className)
            var codes: [String] = []
            for typed in planSubjects.split(separator: ",").map({ $0.trimmingSpaces() }) where !typed.isEmpty {
                guard let subject = TT22Catalogue.lookup(typed), taken.contains(subject.code) else {
                    throw SodiemError.badData(vi: "\(option: .planSubjects): \"\(typed.prefix(40))\" không phải một môn lớp \(className) học (\(taken.joined(separator: ", "))).",
                                              en: "\(option: .planSubjects): \"\(typed.prefix(40))\" is not a subject \(className) takes (\(taken.joined(separator: ", "))).")
                }
                if !codes.contains(subject.code) { codes.append(subject.code) }
            }
            guard !codes.isEmpty else {
                throw SodiemError.usage(vi: "\(option: .planSubjects) cần ít nhất một môn (toan,gdtc).", en: "\(option: .planSubjects) needs at least one subject (toan,gdtc).")
            }
            subjects = taken.filter(codes.contains)  // in ledger order
        }
        var report = HomeroomReport()
        if record.individualPlan?.decision == newDecision && record.individualPlan?.subjects == subjects
            && (newDecision == nil || record.individualPlan?.recorded == recorded) {
            report.unchanged = 1
            return report
        }
        report.changed = 1
        // The levels the principal recorded by hand stay with the flag.
        // Only a plan that names its subjects carries them (an event of a whole plan reads as before).
        report.event = try commit(.individualPlanSet(IndividualPlanSetBody(
            year: year.name, className: className, student: student, decision: newDecision, recorded: recorded,
            planSubjects: newDecision != nil ? subjects : nil)))
        return report
    }

    /// `individual-plan --subject S --term 1|2 --result Đ|CĐ`: the plan's own result of a plan
    /// subject (rules-tt22.md §8, "theo kế hoạch giáo dục cá nhân"), entered by the subject's lead.
    public func recordPlanResult(_ year: YearFile, className: String, student: String, subject typed: String, term: Term,
                                 result: String) throws(SodiemError) -> HomeroomReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        guard let subject = TT22Catalogue.lookup(typed) else { throw SodiemError.unknownSubject(typed) }
        try require(.subjectComment(subject: subject.code, className: className), year: year)
        let own = try self.student(classFile, student)
        let record = try yearStudent(classFile, student, year: year)
        if let refusal = Session.planResultRefusal(record, student: student, subject: subject.code, term: term, className: className, year: year) {
            throw refusal
        }
        guard let plan = record.individualPlan else { throw SodiemError.badData(vi: "Không có kế hoạch.", en: "No plan.") }  // refused above
        let mark: Mark
        switch MarkParser.parse(result, kind: .comment) {
        case .success(let parsed) where parsed != .missed: mark = parsed
        case .success: throw SodiemError.badData(vi: "Kết quả theo kế hoạch là Đ hoặc CĐ.", en: "A plan result is Đ or CĐ.")
        case .failure(let error): throw SodiemError.badData(Message(vi: "\(option: .result): ", en: "\(option: .result): ") + error.message)
        }
        var report = HomeroomReport()
        if plan.results[subject.code]?[term] == mark { report.unchanged = 1; return report }
        report.changed = 1
        // A plan set in a class the student moved from: this class's record takes it up with the result.
        report.event = try commit(.individualPlanResult(IndividualPlanResultBody(
            year: year.name, className: className, student: student, subject: subject.code, term: term,
            old: plan.results[subject.code]?[term], new: mark, plan: own.individualPlan == nil ? Session.takenPlan(plan) : nil)))
        return report
    }

    /// Why a plan result (`iep.result`) of `subject` in `term` cannot be recorded for the student
    /// (their year record), nil when it can: the class takes the subject, the student's plan names
    /// its subjects and this is one of them (a whole plan has no per-subject results: the
    /// principal records the levels), and the term is open (77). The command and `verify`'s rule
    /// replay ask this one function.
    static func planResultRefusal(_ record: StudentRecord, student: String, subject: String, term: Term,
                                  className: String, year: YearFile) -> SodiemError? {
        guard subjectsTaken(year, className: className).contains(subject) else {
            return .badData(vi: "Lớp \(className) không học môn \(subject).", en: "\(className) does not take \(subject).")
        }
        guard let plan = record.individualPlan, plan.follows(subject) else {
            return .badData(vi: "Môn \(subject) của \(student) không theo kế hoạch giáo dục cá nhân: nhập điểm như mọi học sinh (\(command: .enterScore)).",
                            en: "\(subject) of \(student) does not follow an individual plan: enter scores as for every student (\(command: .enterScore)).")
        }
        guard plan.subjects != nil else {
            return .badData(vi: "\(student) học theo kế hoạch giáo dục cá nhân ở mọi môn: không có kết quả từng môn; hiệu trưởng ghi mức học tập và kết quả (\(command: .individualPlan) \(option: .learning), \(option: .outcome)).",
                            en: "\(student) follows an individual plan in every subject: there are no per-subject results; the principal records the levels and outcome (\(command: .individualPlan) \(option: .learning), \(option: .outcome)).")
        }
        if year.isLocked(term, className: className) {
            return .notPermitted(vi: "Học kì \(term.rawValue) lớp \(className) đã khoá.", en: "Term \(term.rawValue) of \(className) is locked.")
        }
        return nil
    }

    /// A value the principal records for an individual plan, in its stored form (65 when not one of the allowed values).
    static func recordedValue(_ key: String, _ typed: String) throws(SodiemError) -> String {
        switch key {
        case "learning", "learning_1", "learning_2":
            guard let level = HomeroomValues.level(typed) else {
                throw SodiemError.badData(vi: "Mức học tập \"\(typed)\" phải là T, K, Đ hoặc CĐ.", en: "The learning level \"\(typed)\" must be T, K, Đ or CĐ.")
            }
            return level.rawValue
        case "outcome":
            switch RulesFolding.key(typed) {
            case "lenlop", "len", "promoted": return Outcome.promoted.rawValue
            case "olailop", "olai", "retained": return Outcome.retained.rawValue
            default:
                throw SodiemError.badData(vi: "Kết quả \"\(typed)\" phải là len-lop (lên lớp) hoặc o-lai-lop (ở lại lớp).",
                                          en: "The outcome \"\(typed)\" must be len-lop (promoted) or o-lai-lop (retained).")
            }
        case "title":
            switch RulesFolding.key(typed) {
            case "xuatsac": return Title.excellent.rawValue
            case "gioi": return Title.good.rawValue
            default:
                throw SodiemError.badData(vi: "Danh hiệu \"\(typed)\" phải là xuat-sac, gioi hoặc none (bỏ danh hiệu).",
                                          en: "The title \"\(typed)\" must be xuat-sac, gioi or none (no title).")
            }
        default:
            throw SodiemError.usage(vi: "Không ghi được \(key) cho kế hoạch giáo dục cá nhân.", en: "\(key) cannot be recorded for an individual plan.")
        }
    }

    // MARK: Helpers

    /// Term conduct can be recorded from this many days before the term's end (docs/decisions.md).
    public static let conductDaysBeforeEnd = 30

    /// The `plan` an `iep.result` carries when the plan was set in a class the student moved from
    /// (this class's record takes it up): what the command writes and verify's replay expects.
    static func takenPlan(_ plan: IndividualPlan) -> CarriedPlan {
        CarriedPlan(decision: plan.decision, recorded: plan.recorded, planSubjects: plan.subjects)
    }

    /// A student of the class with what the classes they moved from hold laid under (rules §8;
    /// the one year record results read), 66 when not in the class.
    func yearStudent(_ classFile: ClassFile, _ id: String, year: YearFile) throws(SodiemError) -> StudentRecord {
        try yearRecord(id, try student(classFile, id), className: classFile.name, year: year)
    }

    /// A student of the class (66 otherwise).
    func student(_ classFile: ClassFile, _ id: String) throws(SodiemError) -> StudentRecord {
        guard isValidStudentID(id), let record = classFile.current(id) else {
            throw SodiemError.core(.noSuchStudent(student: id, className: classFile.name))
        }
        return record
    }

    /// Column code → index, matching headers without case, diacritics, spaces or `_`; 65 when a required one is missing.
    static func headerIndex(_ table: CSVTable, file: String, wanted: [(code: String, names: [String], required: Bool)]) throws(SodiemError) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, header) in table.header.enumerated() {
            let folded = VietnameseText.folded(header)
            for (code, names, _) in wanted where index[code] == nil && names.contains(where: { VietnameseText.folded($0) == folded }) {
                index[code] = i
            }
        }
        for (code, names, required) in wanted where required && index[code] == nil {
            throw SodiemError.badData(vi: "\(file) dòng 1: thiếu cột \(code) (\(names.dropFirst().first ?? code)).",
                                      en: "\(file) line 1: the column \(code) is missing.")
        }
        return index
    }
}

extension SodiemError {
    /// The same error with a prefix naming where it happened.
    func prefixed(_ prefix: Message) -> SodiemError {
        switch self {
        case .usage(let m): return .usage(prefix + m)
        case .badData(let m): return .badData(prefix + m)
        case .notFound(let m): return .notFound(prefix + m)
        case .unavailable(let m): return .unavailable(prefix + m)
        case .cannotCreate(let m): return .cannotCreate(prefix + m)
        case .io(let m): return .io(prefix + m)
        case .busy(let m): return .busy(prefix + m)
        case .notPermitted(let m): return .notPermitted(prefix + m)
        case .notConfigured(let m): return .notConfigured(prefix + m)
        case .internalError(let m): return .internalError(prefix + m)
        }
    }
}
