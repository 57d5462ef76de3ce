import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// One thing someone must do by a date (việc cần làm), for `remind`.
public struct Reminder: Sendable, Equatable {
    /// What kind of deadline (data.md: deadlines).
    public enum Kind: String, Sendable, CaseIterable {
        /// Scores tx/gk/ck, a month's attendance to close, conduct, year comments, a term to lock, a reporting date.
        case tx, gk, ck, attendance, conduct, comment, lock, report
    }

    /// The account to remind.
    public var person: String
    /// What kind of deadline it is.
    public var kind: Kind
    /// The class concerned, `6A1`; nil for school-wide items (a lock, a report).
    public var className: String?
    /// Code of the subject concerned, for score items; nil otherwise.
    public var subject: String?
    /// What is missing: `tx2`, `gk`, a month `2024-10`, a term `term1`, a reporting name; nil where nothing finer applies.
    public var what: String?
    /// The deadline (hạn).
    public var due: Day
    /// How many are missing: students (scores, conduct, comments), 1 (a month, a snapshot, a report), classes (a lock).
    public var missing: Int
    /// True when the deadline has passed (quá hạn) on the day of the reminder.
    public var overdue: Bool
    /// True for make-ups due (kiểm tra bù): `missing` cells of the column are marked `vắng` (rules-tt22.md §3).
    public var makeUp = false

    /// The JSON item of cli.md's `remind --format json` (`"makeup": true` on make-ups due).
    public var json: JSON {
        var members: [String: JSON] = ["person": .string(person), "kind": .string(kind.rawValue), "class": .optional(className),
                                       "subject": .optional(subject), "what": .optional(what), "due": .string(due.description),
                                       "missing": .int(missing), "overdue": .bool(overdue)]
        if makeUp { members["makeup"] = .bool(true) }
        return .object(members)
    }

    /// Overdue first, then by due date, then person, class, subject, what.
    static func precedes(_ a: Reminder, _ b: Reminder) -> Bool {
        if a.overdue != b.overdue { return a.overdue }
        if a.due != b.due { return a.due < b.due }
        if a.person != b.person { return a.person < b.person }
        if a.className != b.className { return (a.className ?? "") < (b.className ?? "") }
        if a.subject != b.subject { return (a.subject ?? "") < (b.subject ?? "") }
        if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
        if a.what == b.what && a.makeUp != b.makeUp { return !a.makeUp }
        return Column(a.what ?? "").flatMap { ca in Column(b.what ?? "").map { ca < $0 } } ?? ((a.what ?? "") < (b.what ?? ""))
    }
}

/// One score column of one assignment in one term: how far its entry is (for `remind` and the progress report).
struct ColumnProgress {
    var className: String
    var subject: String
    var term: Term
    var column: Column
    var due: Day?
    /// Students of the class.
    var expected: Int
    var entered: Int
    /// Entered after the due date (the first-entry day, `SubjectMarks.entered`, after `due`).
    var late: Int
    var missing: Int { expected - entered }
}

extension Session {
    /// Every score column of every assigned subject of a class, in the terms that have dates, as of a day.
    ///
    /// A score first entered after `date` was still missing on that day (reports and reminders
    /// for a past date must not count later entries).
    func columnProgress(_ year: YearFile, _ file: ClassFile, asOf date: Day) -> [ColumnProgress] {
        let deadlines = Deadlines(calendar: year.calendar)
        let rules = self.rules(year, grade: file.grade)
        var result: [ColumnProgress] = []
        for code in subjectsTaken(year, className: file.name) where year.assignment(code, file.name) != nil {
            guard let subject = rules.subject(code: code) else { continue }
            let n = rules.regularCount(subject, grade: file.grade)
            for term in Term.allCases where year.calendar.terms[term] != nil {
                for (column, due) in deadlines.dueDates(subject: code, grade: file.grade, term: term, regularCount: n) {
                    // A term carried from another school, or a plan subject, has no cells to enter here.
                    let expected = file.currentStudents.values.filter { !$0.takesNoMarks(code, term) }
                    var progress = ColumnProgress(className: file.name, subject: code, term: term, column: column, due: due,
                                                  expected: expected.count, entered: 0, late: 0)
                    for record in expected {
                        let marks = record.marks(code, term)
                        guard marks[column] != nil else { continue }
                        if let first = marks.entered[column], first > date { continue }
                        progress.entered += 1
                        if let first = marks.entered[column], Deadlines.isLate(first, due: due) { progress.late += 1 }
                    }
                    result.append(progress)
                }
            }
        }
        return result
    }

    /// The months a year's attendance is kept for: every month that overlaps a term, with its last day.
    func attendanceMonths(_ year: YearFile) -> [(month: String, last: Day)] {
        var months: [String: Day] = [:]
        for dates in year.calendar.terms.values {
            var (y, m, _) = dates.start.components
            while let first = Day(year: y, month: m, day: 1), first <= dates.end {
                months[first.monthKey] = Day(year: y, month: m, day: Day.daysIn(month: m, year: y))!
                m += 1
                if m > 12 { m = 1; y += 1 }
            }
        }
        return months.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Enabled admins (quản trị), who are reminded of locks and reporting dates; `root` when there are none.
    func adminsToRemind() throws(SodiemError) -> [String] {
        let admins = try world.users().accounts.values.filter { $0.has(.admin) && !$0.disabled }.map(\.id).sorted()
        return admins.isEmpty ? [Identity.rootID] : admins
    }

    /// The enabled accounts among `ids`, else the admins (an item with nobody to do it goes to whoever can assign someone).
    func peopleToRemind(_ ids: [String]) throws(SodiemError) -> [String] {
        let accounts = try world.users().accounts
        var seen = Set<String>()
        let active = ids.filter { accounts[$0].map { !$0.disabled } ?? false }.filter { seen.insert($0).inserted }
        return active.isEmpty ? try adminsToRemind() : active
    }

    private func kindOf(_ column: Column) -> Reminder.Kind {
        switch column {
        case .regular: return .tx
        case .midTerm: return .gk
        case .endOfTerm: return .ck
        }
    }

    /// `remind`: everything overdue on `date` or due within `ahead` days after it, overdue first.
    ///
    /// Scores: each enterer of the assignment (người vào điểm, lead first) for every column of an
    /// open term whose due date falls in the window and which some students still lack.
    /// Attendance: the homeroom teacher for each month not closed. Conduct: the homeroom teacher at
    /// each open term's end. Comments: at the end of term II, the homeroom teacher (homeroom comment)
    /// and each subject's lead (subject comment). Locks and reporting dates: the admins.
    public func reminders(_ year: YearFile, date: Day, ahead: Int) throws(SodiemError) -> [Reminder] {
        try require(.schoolOversight, year: year)
        let horizon = date.adding(days: max(0, ahead))
        var items: [Reminder] = []
        func add(_ people: [String], _ kind: Reminder.Kind, _ className: String?, _ subject: String?, _ what: String?,
                 due: Day, missing: Int) {
            guard missing > 0, due <= horizon else { return }
            for person in people {
                items.append(Reminder(person: person, kind: kind, className: className, subject: subject, what: what,
                                      due: due, missing: missing, overdue: date > due))
            }
        }
        let yearEnd = year.calendar.terms[.second]?.end
        let months = attendanceMonths(year)
        for name in orderedClasses(year) {
            let info = year.classes[name]!
            let file = try yearView(year, try classFile(year, name))
            guard !file.currentStudents.isEmpty else { continue }
            let homeroom = try peopleToRemind(info.homeroom.map { [$0] } ?? [])
            for progress in columnProgress(year, file, asOf: date) {
                guard let due = progress.due, !year.isLocked(progress.term, className: name) else { continue }
                let assignment = year.assignment(progress.subject, name)!
                let enterers = try peopleToRemind([assignment.lead] + assignment.enterers)
                let kind: Reminder.Kind
                switch progress.column {
                case .regular: kind = .tx
                case .midTerm: kind = .gk
                case .endOfTerm: kind = .ck
                }
                add(enterers, kind, name, progress.subject, progress.column.description, due: due, missing: progress.missing)
            }
            // Make-ups due (kiểm tra bù): every vắng cell of an open term, to its subject's enterers, by the term's end.
            for (term, dates) in year.calendar.terms where !year.isLocked(term, className: name) {
                for code in subjectsTaken(year, className: name) {
                    guard let assignment = year.assignment(code, name) else { continue }
                    var counts: [Column: Int] = [:]
                    for record in file.currentStudents.values {
                        let marks = record.marks(code, term)
                        let columns = (1...max(1, marks.regular.count)).map(Column.regular) + [.midTerm, .endOfTerm]
                        for column in columns where marks[column] == .missed { counts[column, default: 0] += 1 }
                    }
                    guard !counts.isEmpty else { continue }
                    let people = try peopleToRemind([assignment.lead] + assignment.enterers)
                    for (column, count) in counts.sorted(by: { $0.key < $1.key }) {
                        let before = items.count
                        add(people, kindOf(column), name, code, column.description, due: dates.end, missing: count)
                        for i in before..<items.count { items[i].makeUp = true }
                    }
                }
            }
            for (month, last) in months where !file.closedMonths.contains(month) {
                add(homeroom, .attendance, name, nil, month, due: last, missing: 1)
            }
            for (term, dates) in year.calendar.terms where !year.isLocked(term, className: name) {
                let missing = file.currentStudents.values.filter { $0.conduct["\(term.rawValue)"] == nil }.count
                add(homeroom, .conduct, name, nil, "term\(term.rawValue)", due: dates.end, missing: missing)
            }
            if let yearEnd {
                add(homeroom, .comment, name, nil, nil, due: yearEnd,
                    missing: file.currentStudents.values.filter { ($0.homeroomComment ?? "").isEmpty }.count)
                for code in subjectsTaken(year, className: name) {
                    guard let assignment = year.assignment(code, name) else { continue }
                    add(try peopleToRemind([assignment.lead]), .comment, name, code, nil, due: yearEnd,
                        missing: file.currentStudents.values.filter { ($0.subjectComments[code] ?? "").isEmpty }.count)
                }
            }
        }
        let admins = try adminsToRemind()
        for (term, _) in year.calendar.terms {
            guard let lockDate = year.calendar.lockDate(term) else { continue }
            // lock-term --due leaves a term alone while a reopening is in force.
            let reopened = year.reopenings.filter { $0.term == term && $0.until >= date }
            let open = year.classes.keys.filter { c in
                !year.isLocked(term, className: c) && !reopened.contains { $0.className == nil || $0.className == c }
            }
            add(admins, .lock, nil, nil, "term\(term.rawValue)", due: lockDate, missing: open.count)
        }
        for reporting in year.calendar.reporting {
            if reporting.kind == "freeze" {
                let frozen = try world.frozenFigures(year.name, reporting.name) != nil
                add(admins, .report, nil, nil, reporting.name, due: reporting.date, missing: frozen ? 0 : 1)
            } else if date <= reporting.date {
                // Sending happens outside sodiem: remind before the day, not forever after it.
                add(admins, .report, nil, nil, reporting.name, due: reporting.date, missing: 1)
            }
        }
        return items.sorted(by: Reminder.precedes)
    }

    // MARK: Progress (kiểm tra tiến độ nhập điểm)

    /// Per teacher and assignment: scores entered, due and missing, late; who has not closed which attendance month.
    public func progressReport(_ year: YearFile, date: Day) throws(SodiemError) -> ProgressReport {
        var rows: [ProgressReport.Assignment] = []
        var byTeacher: [String: ProgressTally] = [:]
        var whole = ProgressTally()
        var attendance: [ProgressReport.OpenAttendance] = []
        let months = attendanceMonths(year).filter { $0.last < date }
        for name in orderedClasses(year) {
            let file = try yearView(year, try classFile(year, name))
            var bySubjectTerm: [String: ProgressTally] = [:]
            for p in columnProgress(year, file, asOf: date) {
                guard let dates = year.calendar.terms[p.term], dates.start <= date else { continue }
                var t = bySubjectTerm["\(p.subject)/\(p.term.rawValue)", default: ProgressTally()]
                t.expected += p.expected
                t.entered += p.entered
                t.late += p.late
                if let due = p.due, date > due {
                    t.due += p.expected
                    t.missing += p.missing
                }
                bySubjectTerm["\(p.subject)/\(p.term.rawValue)"] = t
            }
            for key in bySubjectTerm.keys.sorted(by: { a, b in
                let (sa, sb) = (a.split(separator: "/"), b.split(separator: "/"))
                let (ia, ib) = (TT22Catalogue.subjects.firstIndex { $0.code == sa[0] } ?? 99, TT22Catalogue.subjects.firstIndex { $0.code == sb[0] } ?? 99)
                return ia != ib ? ia < ib : a < b
            }) {
                let parts = key.split(separator: "/").map(String.init)
                let t = bySubjectTerm[key]!
                let assignment = year.assignment(parts[0], name)!
                rows.append(ProgressReport.Assignment(className: name, grade: file.grade, subject: parts[0],
                                                      term: Term(rawValue: Int(parts[1])!)!, lead: assignment.lead,
                                                      enterers: assignment.enterers, tally: t))
                whole.add(t)
                for teacher in Set(assignment.enterers + [assignment.lead]) { byTeacher[teacher, default: ProgressTally()].add(t) }
            }
            let open = months.filter { !file.closedMonths.contains($0.month) }.map(\.month)
            if !open.isEmpty {
                attendance.append(ProgressReport.OpenAttendance(className: name, homeroom: year.classes[name]?.homeroom, months: open))
            }
        }
        return ProgressReport(header: reportHeader(.progress, year, date: date), total: whole,
                              teachers: byTeacher.keys.sorted().map { ProgressReport.Teacher(teacher: $0, tally: byTeacher[$0]!) },
                              assignments: rows, attendance: attendance)
    }
}
