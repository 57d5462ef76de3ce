import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// What `lock-term` did: one event per term that changed, or none when nothing needed locking.
public struct LockReport: Sendable {
    /// One term locked (or one class of it).
    public struct Locked: Sendable {
        /// The term locked.
        public var term: Term
        /// The class locked alone; `nil` for the whole school.
        public var className: String?
        /// Classes left open because a reopening of the board is still in force (`--due` only).
        public var stillOpen: [(className: String, until: Day)]
        /// The `term.lock` event committed.
        public var event: AuditEvent
    }

    /// The terms (or classes) locked, one event each.
    public var locked: [Locked] = []
    /// Terms whose lock date has passed but that stay open under a school-wide reopening (`--due`).
    public var heldOpen: [(term: Term, until: Day)] = []
    /// Every `vắng` cell and every empty required cell of what was locked (rules-tt22.md §3):
    /// the lock does not convert them; the report names them so that none is forgotten.
    public var gaps: [TermGap] = []
    /// Nothing to lock: say so (or stay quiet, for cron).
    public var nothingToDo: Bool { locked.isEmpty }
}

/// A required cell that was `vắng` or empty when its term was locked.
public struct TermGap: Sendable, Equatable {
    /// The class.
    public var className: String
    /// Id of the student.
    public var student: String
    /// The student's name.
    public var name: String
    /// Subject code.
    public var subject: String
    /// The term.
    public var term: Term
    /// The column.
    public var column: Column
    /// True for `vắng` (a missed test never made up), false for an empty cell.
    public var missed: Bool

    /// The JSON form of `lock-term --format json`.
    public var json: JSON {
        .object(["class": .string(className), "student": .string(student), "name": .string(name), "subject": .string(subject),
                 "term": .int(term.rawValue), "column": .string(column.description), "state": .string(missed ? Mark.missedText : "empty")])
    }
}

/// What `unlock-term` did.
public struct ReopenReport: Sendable {
    /// The term reopened.
    public var term: Term
    /// The class reopened; `nil` for every class of the term.
    public var className: String?
    /// The reopening lasts through this day.
    public var until: Day
    /// False when the term (or class) was not locked: the reopening only keeps `--due` off it.
    public var wasLocked: Bool
    /// The `term.unlock` event committed.
    public var event: AuditEvent
}

extension YearFile {
    /// The reopening of the board in force on `day` for a term and class (a class's own, else a school-wide one).
    ///
    /// `until` includes its day. A lock given after a reopening does not end it on paper, but
    /// `lock-term --due` only ever locks: it never reopens what a later lock closed.
    public func reopening(_ term: Term, className: String?, on day: Day) -> Reopening? {
        reopenings.filter { $0.term == term && $0.className == className && $0.until >= day }
            .max { $0.seq < $1.seq }
    }

    /// True once the lock date of the term has passed (a date D holds through day D).
    public func lockDatePassed(_ term: Term, on day: Day) -> Bool {
        guard let date = calendar.lockDate(term) else { return false }
        return day > date
    }
}

extension Session {
    /// `lock-term --term T [--class C]` (admin): locks the term for the whole school or one class, now.
    ///
    /// A school-wide lock by hand locks every class, reopened or not: it is how the
    /// administration "locks the data again at once" after a correction.
    public func lockTerm(_ year: YearFile, term: Term, className typed: String?) throws(SodiemError) -> LockReport {
        let className = typed.map(year.storedClassName)
        try require(.lockTerm(due: false), year: year)
        var report = LockReport()
        let body = TermLockBody(year: year.name, term: term, due: false, className: className)
        if let className {
            _ = try classFile(year, className)
            if year.isLocked(term, className: className) { return report }
        } else {
            let lock = year.locks[term] ?? TermLock()
            if lock.locked && !lock.classes.values.contains(false) { return report }
        }
        let event = try commit(.termLock(body))
        report.locked.append(.init(term: term, className: className, stillOpen: [], event: event))
        report.gaps = try termGaps(year, term: term, classes: className.map { [$0] } ?? orderedClasses(year))
        return report
    }

    /// Every `vắng` and every empty required cell (tx1…txN, gk, ck of every subject the class takes)
    /// of the class's current students in a term, read through each student's year record (a cell
    /// entered before a move is no gap), leaving out the cells not entered here (`takesNoMarks`: a
    /// result carried from another school, a plan subject); in class, class-list, subject and
    /// column order.
    public func termGaps(_ year: YearFile, term: Term, classes: [String]) throws(SodiemError) -> [TermGap] {
        var gaps: [TermGap] = []
        for className in classes {
            let file = try yearView(year, try classFile(year, className))
            let rules = self.rules(year, grade: file.grade)
            let subjects = subjectsTaken(year, className: file.name).compactMap { rules.subject(code: $0) }
            for (id, record) in file.orderedStudents {
                for subject in subjects where !record.takesNoMarks(subject.code, term) {
                    let marks = record.marks(subject.code, term)
                    for column in Column.sheet(regularCount: rules.regularCount(subject, grade: file.grade)) {
                        let mark = marks[column]
                        guard mark == nil || mark == .missed else { continue }
                        gaps.append(TermGap(className: file.name, student: id, name: record.name, subject: subject.code,
                                            term: term, column: column, missed: mark == .missed))
                    }
                }
            }
        }
        return gaps
    }

    /// `lock-term --due` (admin, system): locks every term whose lock date has passed, except what
    /// a reopening still in force keeps open. Never reopens anything; idempotent.
    public func lockDueTerms(_ year: YearFile) throws(SodiemError) -> LockReport {
        try require(.lockTerm(due: true), year: year)
        let today = now.day
        var report = LockReport()
        var plans: [(Term, TermLockBody, [(String, Day)])] = []
        for term in Term.allCases where year.lockDatePassed(term, on: today) {
            let lock = year.locks[term] ?? TermLock()
            if !lock.locked, let wide = year.reopening(term, className: nil, on: today) {
                report.heldOpen.append((term, wide.until))
                continue
            }
            // Classes open now that a class reopening in force keeps open; every other class locks.
            var keepOpen: [(String, Day)] = []
            var needed = !lock.locked
            for className in year.classes.keys.sorted() where !lock.isLocked(className) {
                if let r = year.reopening(term, className: className, on: today) {
                    keepOpen.append((className, r.until))
                } else {
                    needed = true
                }
            }
            guard needed else { continue }
            let body = TermLockBody(year: year.name, term: term, due: true, lockDate: year.calendar.lockDate(term),
                                    except: keepOpen.isEmpty ? nil : keepOpen.map(\.0))
            plans.append((term, body, keepOpen))
        }
        for (term, body, keepOpen) in plans {
            let event = try commit(.termLock(body))
            report.locked.append(.init(term: term, className: nil, stillOpen: keepOpen.map { ($0.0, $0.1) }, event: event))
            let open = Set(keepOpen.map(\.0))
            report.gaps += try termGaps(year, term: term, classes: orderedClasses(year).filter { !open.contains($0) })
        }
        return report
    }

    /// `unlock-term` (admin, principal): reopens a term, or one class of it, on the board's order, through `until`.
    public func unlockTerm(_ year: YearFile, term: Term, className typed: String?, order: String, until: Day?) throws(SodiemError) -> ReopenReport {
        let className = typed.map(year.storedClassName)
        try require(.unlockTerm, year: year)
        let order = VietnameseText.nfc(order.trimmingSpaces(newlines: true))
        guard !order.isEmpty else {
            throw SodiemError.usage(vi: "Mở khoá cần \(option: .order): ý kiến chỉ đạo của Ban giám hiệu (ví dụ \"Ý kiến chỉ đạo của BGH ngày 20/01/2025\").",
                                    en: "Reopening needs \(option: .order): the board's instruction (e.g. \"Ý kiến chỉ đạo của BGH ngày 20/01/2025\").")
        }
        if let className { _ = try classFile(year, className) }
        let today = now.day
        let until = until ?? today.adding(days: 7)
        guard until >= today else {
            throw SodiemError.usage(vi: "\(option: .until) \(until) đã qua (hôm nay là \(today.vietnamese)): một lần mở lại phải kéo dài ít nhất đến hôm nay.",
                                    en: "\(option: .until) \(until) has passed (today is \(today.english)): a reopening must last at least through today.")
        }
        let wasLocked: Bool
        if let className {
            wasLocked = year.isLocked(term, className: className)
        } else {
            let lock = year.locks[term] ?? TermLock()
            wasLocked = lock.locked || lock.classes.values.contains(true)
        }
        let event = try commit(.termUnlock(TermUnlockBody(year: year.name, term: term, className: className, order: order, until: until)))
        return ReopenReport(term: term, className: className, until: until, wasLocked: wasLocked, event: event)
    }
}
