import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel

/// A snapshot file of the data directory, named by what it holds.
public enum SnapshotID: Hashable, Sendable, CustomStringConvertible {
    /// `sodiem.json`.
    case school
    /// `users.json`.
    case users
    /// `years/Y/year.json` of the year named.
    case year(String)
    /// `years/Y/classes/C.json`.
    case classFile(year: String, className: String)
    /// `years/Y/fixes.json` of the year named.
    case fixes(String)
    /// `years/Y/snapshots/N.json`.
    case frozen(year: String, name: String)

    /// The file's path relative to the data directory.
    public var description: String {
        switch self {
        case .school: return "sodiem.json"
        case .users: return "users.json"
        case .year(let y): return "years/\(y)/year.json"
        case .classFile(let y, let c): return "years/\(y)/classes/\(c).json"
        case .fixes(let y): return "years/\(y)/fixes.json"
        case .frozen(let y, let n): return "years/\(y)/snapshots/\(n).json"
        }
    }

    /// The school year whose folder holds the file (nil for `sodiem.json` and `users.json`).
    package var yearFolder: String? {
        switch self {
        case .school, .users: return nil
        case .year(let y), .classFile(let y, _), .fixes(let y), .frozen(let y, _): return y
        }
    }

    /// The file's path in a data directory (`description` under its root): what reads and
    /// writes of snapshots are given, without building a URL.
    package func path(in directory: DataDirectory) -> String {
        directory.path(inside: description)
    }

    package func url(in directory: DataDirectory) -> URL {
        switch self {
        case .school: return directory.schoolFile
        case .users: return directory.usersFile
        case .year(let y): return directory.yearFile(y)
        case .classFile(let y, let c): return directory.classFile(y, c)
        case .fixes(let y): return directory.fixesFile(y)
        case .frozen(let y, let n): return directory.frozenFile(y, n)
        }
    }
}

extension EventBody {
    /// The snapshots an event of this body changes: the one table that both live writes and replay follow.
    package var touches: [SnapshotID] {
        switch self {
        case .schoolInit: return [.school, .users]
        case .userAdd, .userDisable, .userSet: return [.users]
        case .yearCreate(let b):
            let promoted = (b.classes ?? [:]).keys.sorted().map { SnapshotID.classFile(year: b.year, className: $0) }
            return [.school, .year(b.year)] + promoted
        case .yearSet(let b): return b.current ? [.school, .year(b.year)] : [.year(b.year)]
        case .classAdd(let b): return [.year(b.year), .classFile(year: b.year, className: b.className)]
        case .studentsImport(let b):
            // A whole-school import (no `class`): one part per class in `classes`, each with its own `moved_from`.
            let parts: [(className: String, movedFrom: [String: String])] = b.className.map { [($0, b.movedFrom ?? [:])] }
                ?? (b.classes ?? [:]).map { ($0.key, $0.value.movedFrom ?? [:]) }
            let imported = Set(parts.map(\.className))
            // `--move`: the classes the students left are touched too (they mark them as moved out).
            let left = Set(parts.flatMap { $0.movedFrom.values }).subtracting(imported)
            return [.year(b.year)] + (imported.sorted() + left.sorted()).map { SnapshotID.classFile(year: b.year, className: $0) }
        case .assignSet(let b): return [.year(b.year)]
        case .termLock(let b): return [.year(b.year)]
        case .termUnlock(let b): return [.year(b.year)]
        case .transferIn(let b): return [.year(b.year), .classFile(year: b.year, className: b.className)]
        case .transferOut(let b): return [.classFile(year: b.year, className: b.className)]
        case .yearClose(let b): return [.school, .year(b.year)]
        case .scoreSet(let b): return [.classFile(year: b.year, className: b.className)]
        case .scoreSheet(let b): return [.classFile(year: b.year, className: b.className)]
        case .attendanceSet(let b): return [.classFile(year: b.year, className: b.className)]
        case .attendanceClose(let b): return [.classFile(year: b.year, className: b.className)]
        case .attendanceReopen(let b): return [.classFile(year: b.year, className: b.className)]
        case .conductSet(let b): return [.classFile(year: b.year, className: b.className)]
        case .commentSet(let b): return [.classFile(year: b.year, className: b.className)]
        case .exemptSet(let b): return [.classFile(year: b.year, className: b.className)]
        case .individualPlanSet(let b): return [.classFile(year: b.year, className: b.className)]
        case .individualPlanResult(let b): return [.classFile(year: b.year, className: b.className)]
        case .retestSet(let b): return [.classFile(year: b.year, className: b.className)]
        case .commend(let b): return [.classFile(year: b.year, className: b.className)]
        case .fixRequest(let b): return [.fixes(b.year)]
        case .fixReject(let b): return [.fixes(b.year)]
        case .fixApprove(let b): return [.fixes(b.year), .classFile(year: b.year, className: b.className)]
        case .snapshotCreate(let b): return [.frozen(year: b.year, name: b.name)]
        case .documentSign: return []
        }
    }
}

extension AuditEvent {
    /// The snapshots this event changes (`EventBody.touches`). None for a body that does not keep
    /// to its action's type: such an event changes nothing, and applying it is refused (`World.apply`).
    public var touches: [SnapshotID] {
        guard case .success(let typed) = decodedBody() else { return [] }
        return typed.touches
    }

    /// What `touches` gives for a body that reads, without reading the whole body where the
    /// action names its one class file in two plain fields (a score sheet's hundreds of cells).
    ///
    /// Every command checks that the last event's snapshots are up to date; only when one lags
    /// does it need `touches` itself (a body that does not read touches nothing).
    package var touchesAtAGlance: [SnapshotID] {
        switch action {
        case .scoreSet, .scoreSheet, .attendanceSet:
            if let year = body["year"]?.string, let className = body["class"]?.string {
                return [.classFile(year: year, className: className)]
            }
            return touches
        default:
            return touches
        }
    }
}

// MARK: - Reducers: how each snapshot follows an event

// Each reducer reads the event's typed body (`EventBody`), never a member by name: a field the
// event lacks stops the replay at decoding (a finding of `verify`), not as a silent 0 or "".

extension SchoolFile {
    /// Follows an event: the header `e` for who and when, `body` for what.
    package mutating func apply(_ e: AuditEvent, _ body: EventBody) {
        switch body {
        case .schoolInit(let b):
            name = b.school.name
            ward = b.school.ward
            district = b.school.district
            province = b.school.province
            timeZone = b.timezone
        case .yearCreate(let b):
            if !years.contains(b.year) { years.append(b.year); years.sort() }
            if b.current || currentYear == nil { currentYear = b.year }
        case .yearSet(let b):
            if b.current { currentYear = b.year }
        case .yearClose(let b):
            // The event that declares the format with sealed years and checkpoints.
            format = max(format, b.format)
        default: break
        }
    }
}

extension UsersFile {
    /// Follows an event: the header `e` for who and when, `body` for what.
    package mutating func apply(_ e: AuditEvent, _ body: EventBody) {
        switch body {
        case .schoolInit(let b):
            if let admin = b.admin { accounts[admin.id] = admin }
        case .userAdd(let b): accounts[b.user.id] = b.user
        case .userSet(let b): accounts[b.user.id] = b.user
        case .userDisable(let b): accounts[b.user]?.disabled = true
        default: break
        }
    }
}

extension YearFile {
    /// Follows an event: the header `e` for who and when, `body` for what.
    package mutating func apply(_ e: AuditEvent, _ body: EventBody) {
        switch body {
        case .yearCreate(let b):
            calendar = b.calendar
            for (className, info) in b.classes ?? [:] {
                classes[className] = ClassInfo(grade: info.grade, homeroom: info.homeroom)
                for id in info.students.keys { studentIndex[id] = className }
            }
        case .yearSet(let b):
            calendar = b.calendar
        case .classAdd(let b):
            classes[b.className] = ClassInfo(grade: b.grade, homeroom: b.homeroom)
        case .assignSet(let b):
            for item in b.assignments {
                assignments[item.subject, default: [:]][item.className] = Assignment(enterers: item.enterers, lead: item.lead, parts: item.parts ?? [:])
            }
        case .studentsImport(let b):
            if let c = b.className {
                for id in (b.students ?? [:]).keys { studentIndex[id] = c }
            } else {
                for (c, part) in b.classes ?? [:] {
                    for id in part.students.keys { studentIndex[id] = c }
                }
            }
        case .transferIn(let b):
            studentIndex[b.student] = b.className
        case .termLock(let b):
            var lock = locks[b.term] ?? TermLock()
            if let c = b.className {
                lock.classes[c] = true
            } else {
                lock.locked = true
                lock.classes = Dictionary((b.except ?? []).map { ($0, false) }, uniquingKeysWith: { a, _ in a })
            }
            locks[b.term] = lock
        case .termUnlock(let b):
            var lock = locks[b.term] ?? TermLock()
            if let c = b.className {
                lock.classes[c] = false
            } else {
                lock.locked = false
                lock.classes = [:]
            }
            locks[b.term] = lock
            reopenings.append(Reopening(term: b.term, className: b.className, order: b.order, until: b.until, by: e.account, seq: e.seq))
        case .yearClose(let b):
            sealed = YearSeal(seq: e.seq, head: b.headSeq, headHash: b.headHash, checkpoint: b.checkpoint.path)
        default: break
        }
    }
}

/// One score change as the class file follows it: a cell, a re-test, or an approved correction's cell.
private struct ScoreChange {
    var student: String
    var subject: String
    /// The term and column; none for a re-test.
    var cell: (term: Term, column: Column)?
    var new: Mark?
    var isRetest = false
    var isCorrection = false
    /// The note kept in the class file (only events marked `ledger_note`).
    var ledgerNote: String?
}

extension ClassFile {
    /// Follows an event: the header `e` for who and when, `body` for what.
    package mutating func apply(_ e: AuditEvent, _ body: EventBody) {
        switch body {
        case .yearCreate(let b):
            guard let info = b.classes?[name] else { return }
            grade = info.grade
            for (id, student) in info.students {
                students[id] = StudentRecord(name: student.name, particulars: student.particulars)
            }
        case .classAdd(let b):
            grade = b.grade
        case .studentsImport(let b):
            guard let c = b.className else {
                // A whole-school import: this class's part, and the students that left it for another part.
                for (to, part) in b.classes ?? [:] {
                    if to == name {
                        // Whole-school imports are of this build: their moves always carry the year.
                        applyImported(part.students, movedFrom: part.movedFrom ?? [:], date: b.date)
                    } else {
                        markMovedOut(part.movedFrom ?? [:], to: to, date: b.date)
                    }
                }
                return
            }
            guard c == name else {
                // A class a student moved out of (`import-students --move`): the record stays, marked.
                markMovedOut(b.movedFrom ?? [:], to: c, date: b.date)
                return
            }
            // A move of an older build (without `carry`) keeps its meaning, and its class file its bytes.
            applyImported(b.students ?? [:], movedFrom: b.carry == true ? b.movedFrom ?? [:] : [:], date: b.date)
        case .scoreSet(let b):
            applyScoreChange(ScoreChange(student: b.student, subject: b.subject, cell: (b.term, b.column), new: b.new,
                                         ledgerNote: b.ledgerNote == true ? b.note : nil), event: e)
        case .retestSet(let b):
            applyScoreChange(ScoreChange(student: b.student, subject: b.subject, cell: nil, new: b.new, isRetest: true), event: e)
        case .fixApprove(let b):
            applyScoreChange(ScoreChange(student: b.student, subject: b.subject, cell: (b.term, b.column), new: b.new, isCorrection: true), event: e)
        case .scoreSheet(let b):
            for change in b.changes {
                applyScoreChange(ScoreChange(student: change.student, subject: b.subject, cell: (b.term, change.column), new: change.new,
                                             ledgerNote: b.ledgerNote == true ? b.note : nil), event: e)
            }
        case .attendanceSet(let b):
            for entry in b.entries {
                var record = students[entry.student] ?? StudentRecord(name: entry.student)
                record.absences.removeAll { $0.date == entry.date && $0.session == entry.session }
                if entry.absent {
                    record.absences.append(Absence(date: entry.date, session: entry.session, excused: entry.excused))
                }
                students[entry.student] = record
            }
        case .attendanceClose(let b):
            closedMonths.insert(b.month)
        case .attendanceReopen(let b):
            closedMonths.remove(b.month)
        case .conductSet(let b):
            for (id, level) in b.levels {
                students[id, default: StudentRecord(name: id)].conduct[b.term] = level
            }
        case .commentSet(let b):
            if let subject = b.subject {
                students[b.student, default: StudentRecord(name: b.student)].subjectComments[subject] = b.text
            } else {
                students[b.student, default: StudentRecord(name: b.student)].homeroomComment = b.text
            }
        case .exemptSet(let b):
            var record = students[b.student] ?? StudentRecord(name: b.student)
            record.exemptions.removeAll { $0.subject == b.subject && $0.term == b.term }
            if let decision = b.decision {
                record.exemptions.append(Exemption(subject: b.subject, term: b.term, decision: decision))
            }
            students[b.student] = record
        case .individualPlanResult(let b):
            let id = b.student
            // A plan set before a move comes with its first result here (`plan`).
            if students[id] != nil, students[id]?.individualPlan == nil, let plan = b.plan {
                students[id]?.individualPlan = IndividualPlan(decision: plan.decision, recorded: plan.recorded, subjects: plan.planSubjects)
            }
            students[id]?.individualPlan?.results[b.subject, default: [:]][b.term] = b.new
        case .transferIn(let b):
            var record = StudentRecord(name: b.name, particulars: b.particulars)
            var terms: [Term: CarriedTerm] = [:]
            for item in b.terms {
                terms[item.term] = CarriedTerm(results: item.results, conduct: item.conduct, absences: item.absences)
            }
            record.transferIn = TransferIn(school: b.from, reference: b.reference, date: b.date, terms: terms)
            students[b.student] = record
        case .transferOut(let b):
            students[b.student]?.transferOut = TransferOut(date: b.date, school: b.to, reason: b.reason)
        case .commend(let b):
            students[b.student, default: StudentRecord(name: b.student)].commendations.append(b.text)
        case .individualPlanSet(let b):
            let id = b.student
            if let decision = b.decision {
                // The plan results entered so far stay with the plan.
                let results = students[id]?.individualPlan?.results ?? [:]
                students[id, default: StudentRecord(name: id)].individualPlan = IndividualPlan(
                    decision: decision, recorded: b.recorded, subjects: b.planSubjects, results: results)
                students[id]?.planLifted = false
            } else if students[id]?.individualPlan != nil {
                students[id]?.individualPlan = nil
            } else if students[id] != nil, !(students[id]?.movedFrom.isEmpty ?? true) {
                // Lifting here a plan set in a class the student moved from: kept as a mark, so the
                // year record does not fall back to the earlier class's plan.
                students[id]?.planLifted = true
            }
        default: break
        }
    }

    /// Follows an event, reading its body (bad data when the body does not keep to its type).
    package mutating func apply(_ e: AuditEvent) throws(SodiemError) { apply(e, try e.typedBody()) }

    /// The students of an import into this class; `movedFrom` (`{ID: old class}`) and `date` say
    /// where those who moved here came from, whose entries there are read with this record.
    private mutating func applyImported(_ given: [String: ImportedStudent], movedFrom: [String: String], date: Day?) {
        for (id, student) in given {
            var record = students[id] ?? StudentRecord(name: id)
            record.movedTo = nil  // back in this class (moved here again)
            // Only a readmission (`--readmit`) brings back a student who left the school.
            if student.readmit == true { record.transferOut = nil }
            if let from = movedFrom[id], from != name, let date {
                record.movedFrom.append(MovedIn(className: from, date: date))
            }
            record.name = student.name
            for (key, value) in student.particulars {
                record.particulars[key] = value
            }
            students[id] = record
        }
    }

    /// The students of `movedFrom` (`{ID: old class}`) that left this class for `to` on `date`.
    private mutating func markMovedOut(_ movedFrom: [String: String], to: String, date: Day?) {
        guard let date else { return }
        for (id, from) in movedFrom where from == name {
            students[id]?.movedTo = MovedOut(className: to, date: date)
        }
    }

    /// Sets one score, a re-test or an approved correction.
    private mutating func applyScoreChange(_ change: ScoreChange, event e: AuditEvent) {
        let mark = change.new
        var record = students[change.student] ?? StudentRecord(name: change.student)
        if change.isRetest {
            record.retests[change.subject] = mark
            // The first entry starts the re-test's edit window, as for scores.
            if mark != nil, record.retestEntered[change.subject] == nil, let day = Day(String((e.now ?? e.at).prefix(10))) {
                record.retestEntered[change.subject] = day
            }
        } else if let (term, column) = change.cell {
            var marks = record.marks(change.subject, term)
            // The make-up of a missed assessment (vắng) is a first entry: its edit window starts now.
            if marks[column] == .missed, let mark, mark != .missed { marks.entered[column] = nil }
            marks[column] = mark
            // The first entry starts the edit window; clearing keeps it, so re-entering does not reset it.
            if mark != nil, marks.entered[column] == nil, let day = Day(String((e.now ?? e.at).prefix(10))) {
                marks.entered[column] = day
            }
            // One subject decoded and set: the student's other subjects keep their bytes.
            record.setMarks(marks, change.subject, term)
            // The note says why this value was entered; a change without one leaves no stale note.
            // Only events marked `ledger_note` keep it in the class file: a note of an older build's
            // event stays in the log alone, so its class file replays to the same bytes.
            let cell = ScoreCell(subject: change.subject, term: term, column: column)
            let note = change.isCorrection ? nil : change.ledgerNote
            if record.scoreNotes[cell] != note { record.scoreNotes[cell] = note }
        }
        students[change.student] = record
    }
}

extension FixesFile {
    /// Follows an event: the header `e` for who and when, `body` for what.
    package mutating func apply(_ e: AuditEvent, _ body: EventBody) {
        switch body {
        case .fixRequest(let b):
            // The request as fixes.json holds it: the filed fields, pending, with who filed it and when.
            var fields = b.fix.json.object ?? [:]
            fields["status"] = .string(FixRequest.Status.pending.rawValue)
            fields["requested_by"] = .string(e.account)
            fields["requested_at"] = .string(e.now ?? e.at)
            fields["request_seq"] = .int(e.seq)
            if let request = FixRequest(json: .object(fields)) { fixes.append(request) }
        case .fixApprove(let b):
            decide(b.id, approved: true, witnesses: b.witnesses, rejection: nil, event: e)
        case .fixReject(let b):
            decide(b.id, approved: false, witnesses: [], rejection: b.reason, event: e)
        default: break
        }
    }

    private mutating func decide(_ id: Int, approved: Bool, witnesses: [String], rejection: String?, event e: AuditEvent) {
        guard let index = fixes.firstIndex(where: { $0.id == id }) else { return }
        fixes[index].status = approved ? .approved : .rejected
        fixes[index].decidedBy = e.account
        fixes[index].decidedAt = e.now ?? e.at
        fixes[index].decisionSeq = e.seq
        fixes[index].witnesses = witnesses
        fixes[index].rejection = rejection
    }
}
