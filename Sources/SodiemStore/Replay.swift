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

extension AuditEvent {
    /// The snapshots this event changes: the one table that both live writes and replay follow.
    public var touches: [SnapshotID] {
        let y = year ?? ""
        let c = className ?? ""
        switch action {
        case .schoolInit: return [.school, .users]
        case .userAdd, .userDisable, .userSet: return [.users]
        case .yearCreate:
            let promoted = (body["classes"]?.object ?? [:]).keys.sorted().map { SnapshotID.classFile(year: y, className: $0) }
            return [.school, .year(y)] + promoted
        case .yearSet: return body["current"]?.bool == true ? [.school, .year(y)] : [.year(y)]
        case .classAdd: return [.year(y), .classFile(year: y, className: c)]
        case .studentsImport:
            // A whole-school import (no `class`): one part per class in `classes`, each with its own `moved_from`.
            let parts: [(className: String, part: [String: JSON])] = className != nil
                ? [(c, body)]
                : (body["classes"]?.object ?? [:]).map { ($0.key, $0.value.object ?? [:]) }
            let imported = Set(parts.map(\.className))
            // `--move`: the classes the students left are touched too (they mark them as moved out).
            let left = Set(parts.flatMap { ($0.part["moved_from"]?.object ?? [:]).values.compactMap(\.string) }).subtracting(imported)
            return [.year(y)] + (imported.sorted() + left.sorted()).map { SnapshotID.classFile(year: y, className: $0) }
        case .assignSet, .termLock, .termUnlock: return [.year(y)]
        case .transferIn: return [.year(y), .classFile(year: y, className: c)]
        case .transferOut: return [.classFile(year: y, className: c)]
        case .yearClose: return [.school, .year(y)]
        case .scoreSet, .scoreSheet, .attendanceSet, .attendanceClose, .attendanceReopen, .conductSet, .commentSet, .exemptSet,
             .individualPlanSet, .individualPlanResult, .retestSet, .commend:
            return [.classFile(year: y, className: c)]
        case .fixRequest, .fixReject: return [.fixes(y)]
        case .fixApprove: return [.fixes(y), .classFile(year: y, className: c)]
        case .snapshotCreate: return [.frozen(year: y, name: body["name"]?.string ?? "")]
        case .documentSign: return []
        }
    }
}

// MARK: - Reducers: how each snapshot follows an event

extension SchoolFile {
    package mutating func apply(_ e: AuditEvent) {
        switch e.action {
        case .schoolInit:
            name = e["school"]["name"].string ?? ""
            ward = e["school"]["ward"].string
            district = e["school"]["district"].string
            province = e["school"]["province"].string
            timeZone = e["timezone"].string ?? timeZone
        case .yearCreate:
            if let y = e.year, !years.contains(y) { years.append(y); years.sort() }
            if e["current"].bool == true || currentYear == nil { currentYear = e.year }
        case .yearSet:
            if e["current"].bool == true { currentYear = e.year }
        case .yearClose:
            // The event that declares the format with sealed years and checkpoints.
            format = max(format, e["format"].int ?? 2)
        default: break
        }
    }
}

extension UsersFile {
    package mutating func apply(_ e: AuditEvent) {
        switch e.action {
        case .schoolInit:
            if let id = e["admin"]["id"].string { accounts[id] = Account(id: id, json: e["admin"]) }
        case .userAdd, .userSet:
            if let id = e["user"]["id"].string { accounts[id] = Account(id: id, json: e["user"]) }
        case .userDisable:
            if let id = e["user"].string { accounts[id]?.disabled = true }
        default: break
        }
    }
}

extension YearFile {
    package mutating func apply(_ e: AuditEvent) {
        switch e.action {
        case .yearCreate:
            calendar = SchoolCalendar(json: e["calendar"])
            for (className, info) in e["classes"].object ?? [:] {
                classes[className] = ClassInfo(grade: info["grade"].int ?? 0, homeroom: info["homeroom"].string)
                for id in (info["students"].object ?? [:]).keys { studentIndex[id] = className }
            }
        case .yearSet:
            if case .object = e["calendar"] { calendar = SchoolCalendar(json: e["calendar"]) }
        case .classAdd:
            if let c = e.className { classes[c] = ClassInfo(grade: e["grade"].int ?? 0, homeroom: e["homeroom"].string) }
        case .assignSet:
            for item in e["assignments"].array ?? [] {
                guard let subject = item["subject"].string, let c = item["class"].string else { continue }
                assignments[subject, default: [:]][c] = Assignment(
                    enterers: item["enterers"].array?.compactMap(\.string) ?? [], lead: item["lead"].string ?? "",
                    parts: (item["parts"].object ?? [:]).compactMapValues(\.string))
            }
        case .studentsImport:
            if let c = e.className {
                for id in (e["students"].object ?? [:]).keys { studentIndex[id] = c }
            } else {
                for (c, part) in e["classes"].object ?? [:] {
                    for id in (part["students"].object ?? [:]).keys { studentIndex[id] = c }
                }
            }
        case .transferIn:
            if let c = e.className, let id = e["student"].string { studentIndex[id] = c }
        case .termLock:
            guard let term = e["term"].int.flatMap(Term.init(rawValue:)) else { return }
            var lock = locks[term] ?? TermLock()
            if let c = e.className {
                lock.classes[c] = true
            } else {
                lock.locked = true
                lock.classes = Dictionary((e["except"].array ?? []).compactMap(\.string).map { ($0, false) }, uniquingKeysWith: { a, _ in a })
            }
            locks[term] = lock
        case .termUnlock:
            guard let term = e["term"].int.flatMap(Term.init(rawValue:)),
                  let until = e["until"].string.flatMap(Day.init) else { return }
            var lock = locks[term] ?? TermLock()
            if let c = e.className {
                lock.classes[c] = false
            } else {
                lock.locked = false
                lock.classes = [:]
            }
            locks[term] = lock
            reopenings.append(Reopening(term: term, className: e.className, order: e["order"].string ?? "",
                                        until: until, by: e.account, seq: e.seq))
        case .yearClose:
            sealed = YearSeal(seq: e.seq, head: e["head"]["seq"].int ?? 0, headHash: e["head"]["hash"].string ?? "",
                              checkpoint: e["checkpoint"]["path"].string ?? "")
        default: break
        }
    }
}

extension ClassFile {
    package mutating func apply(_ e: AuditEvent) {
        switch e.action {
        case .yearCreate:
            let info = e["classes"][name]
            grade = info["grade"].int ?? grade
            for (id, student) in info["students"].object ?? [:] {
                students[id] = StudentRecord(name: student["name"].string ?? id,
                                             particulars: (student["particulars"].object ?? [:]).compactMapValues(\.string))
            }
        case .classAdd:
            grade = e["grade"].int ?? grade
        case .studentsImport:
            guard let c = e.className else {
                // A whole-school import: this class's part, and the students that left it for another part.
                for (to, part) in e["classes"].object ?? [:] {
                    if to == name {
                        // Whole-school imports are of this build: their moves always carry the year.
                        applyImported(part["students"], movedFrom: part["moved_from"], date: e["date"])
                    } else {
                        markMovedOut(part["moved_from"], to: to, date: e["date"])
                    }
                }
                return
            }
            guard c == name else {
                // A class a student moved out of (`import-students --move`): the record stays, marked.
                markMovedOut(e["moved_from"], to: c, date: e["date"])
                return
            }
            // A move of an older build (without `carry`) keeps its meaning, and its class file its bytes.
            applyImported(e["students"], movedFrom: e["carry"].bool == true ? e["moved_from"] : .null, date: e["date"])
        case .scoreSet, .retestSet, .fixApprove:
            applyScoreChange(e.body, event: e)
        case .scoreSheet:
            for change in e["changes"].array ?? [] {
                var merged = e.body
                for (key, value) in change.object ?? [:] { merged[key] = value }
                applyScoreChange(merged, event: e)
            }
        case .attendanceSet:
            for entry in e["entries"].array ?? [] {
                guard let id = entry["student"].string, let date = entry["date"].string.flatMap(Day.init),
                      let session = entry["session"].string else { continue }
                var record = students[id] ?? StudentRecord(name: id)
                record.absences.removeAll { $0.date == date && $0.session == session }
                if entry["absent"].bool ?? true {
                    record.absences.append(Absence(date: date, session: session, excused: entry["excused"].bool ?? false))
                }
                students[id] = record
            }
        case .attendanceClose:
            if let month = e["month"].string { closedMonths.insert(month) }
        case .attendanceReopen:
            if let month = e["month"].string { closedMonths.remove(month) }
        case .conductSet:
            guard let term = e["term"].string else { return }
            for (id, level) in e["levels"].object ?? [:] {
                students[id, default: StudentRecord(name: id)].conduct[term] = level.string.flatMap(Level.init(rawValue:))
            }
        case .commentSet:
            guard let id = e["student"].string else { return }
            if let subject = e["subject"].string {
                students[id, default: StudentRecord(name: id)].subjectComments[subject] = e["text"].string
            } else {
                students[id, default: StudentRecord(name: id)].homeroomComment = e["text"].string
            }
        case .exemptSet:
            guard let id = e["student"].string, let subject = e["subject"].string, let term = e["term"].string else { return }
            var record = students[id] ?? StudentRecord(name: id)
            record.exemptions.removeAll { $0.subject == subject && $0.term == term }
            if let decision = e["decision"].string {
                record.exemptions.append(Exemption(subject: subject, term: term, decision: decision))
            }
            students[id] = record
        case .individualPlanResult:
            guard let id = e["student"].string, let subject = e["subject"].string,
                  let term = e["term"].int.flatMap(Term.init(rawValue:)) else { return }
            // A plan set before a move comes with its first result here (`plan`).
            if students[id] != nil, students[id]?.individualPlan == nil, let decision = e["plan"]["decision"].string {
                students[id]?.individualPlan = IndividualPlan(decision: decision, recorded: (e["plan"]["recorded"].object ?? [:]).compactMapValues(\.string),
                                                              subjects: e["plan"]["plan_subjects"].array?.compactMap(\.string))
            }
            students[id]?.individualPlan?.results[subject, default: [:]][term] = Mark(json: e["new"])
        case .transferIn:
            guard let id = e["student"].string, let date = e["date"].string.flatMap(Day.init) else { return }
            var record = StudentRecord(name: e["name"].string ?? id,
                                       particulars: (e["particulars"].object ?? [:]).compactMapValues(\.string))
            var terms: [Term: CarriedTerm] = [:]
            for item in e["terms"].array ?? [] {
                guard let term = item["term"].int.flatMap(Term.init(rawValue:)) else { continue }
                terms[term] = CarriedTerm(results: (item["results"].object ?? [:]).compactMapValues { Mark(json: $0) },
                                          conduct: item["conduct"].string.flatMap(Level.init(rawValue:)), absences: item["absences"].int ?? 0)
            }
            record.transferIn = TransferIn(school: e["from"].string ?? "", reference: e["ref"].string ?? "", date: date, terms: terms)
            students[id] = record
        case .transferOut:
            guard let id = e["student"].string, let date = e["date"].string.flatMap(Day.init) else { return }
            students[id]?.transferOut = TransferOut(date: date, school: e["to"].string, reason: e["reason"].string)
        case .commend:
            guard let id = e["student"].string, let text = e["text"].string else { return }
            students[id, default: StudentRecord(name: id)].commendations.append(text)
        case .individualPlanSet:
            guard let id = e["student"].string else { return }
            if let decision = e["decision"].string {
                // The plan results entered so far stay with the plan.
                let results = students[id]?.individualPlan?.results ?? [:]
                students[id, default: StudentRecord(name: id)].individualPlan = IndividualPlan(
                    decision: decision, recorded: (e["recorded"].object ?? [:]).compactMapValues(\.string),
                    subjects: e["plan_subjects"].array?.compactMap(\.string), results: results)
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

    /// The students of an import into this class (`{ID: {name, particulars {code: value or null},
    /// readmit?}}`); `movedFrom` (`{ID: old class}`) and `date` say where those who moved here came
    /// from, whose entries there are read with this record.
    private mutating func applyImported(_ given: JSON, movedFrom: JSON, date: JSON) {
        let day = date.string.flatMap(Day.init)
        for (id, student) in given.object ?? [:] {
            var record = students[id] ?? StudentRecord(name: id)
            record.movedTo = nil  // back in this class (moved here again)
            // Only a readmission (`--readmit`) brings back a student who left the school.
            if student["readmit"].bool == true { record.transferOut = nil }
            if let from = movedFrom[id].string, from != name, let day {
                record.movedFrom.append(MovedIn(className: from, date: day))
            }
            if let name = student["name"].string { record.name = name }
            for (key, value) in student["particulars"].object ?? [:] {
                record.particulars[key] = value.string
            }
            students[id] = record
        }
    }

    /// The students of `movedFrom` (`{ID: old class}`) that left this class for `to` on `date`.
    private mutating func markMovedOut(_ movedFrom: JSON, to: String, date: JSON) {
        guard let date = date.string.flatMap(Day.init) else { return }
        for (id, from) in movedFrom.object ?? [:] where from.string == name {
            students[id]?.movedTo = MovedOut(className: to, date: date)
        }
    }

    /// Sets one score, a re-test or an approved correction: `student`, `subject`, `term`, `column`, `new`.
    private mutating func applyScoreChange(_ fields: [String: JSON], event e: AuditEvent) {
        guard let id = fields["student"]?.string, let subject = fields["subject"]?.string else { return }
        let mark = fields["new"].flatMap { Mark(json: $0) }
        var record = students[id] ?? StudentRecord(name: id)
        if e.action == .retestSet {
            record.retests[subject] = mark
            // The first entry starts the re-test's edit window, as for scores.
            if mark != nil, record.retestEntered[subject] == nil, let day = Day(String((e.now ?? e.at).prefix(10))) {
                record.retestEntered[subject] = day
            }
        } else if let term = fields["term"]?.int.flatMap(Term.init(rawValue:)),
                  let column = fields["column"]?.string.flatMap(Column.init) {
            var marks = record.marks(subject, term)
            // The make-up of a missed assessment (vắng) is a first entry: its edit window starts now.
            if marks[column] == .missed, let mark, mark != .missed { marks.entered[column] = nil }
            marks[column] = mark
            // The first entry starts the edit window; clearing keeps it, so re-entering does not reset it.
            if mark != nil, marks.entered[column] == nil, let day = Day(String((e.now ?? e.at).prefix(10))) {
                marks.entered[column] = day
            }
            record.scores[subject, default: [:]][term] = marks
            // The note says why this value was entered; a change without one leaves no stale note.
            // Only events marked `ledger_note` keep it in the class file: a note of an older build's
            // event stays in the log alone, so its class file replays to the same bytes.
            let cell = ScoreCell(subject: subject, term: term, column: column)
            record.scoreNotes[cell] = e.action != .fixApprove && fields["ledger_note"]?.bool == true ? fields["note"]?.string : nil
        }
        students[id] = record
    }
}

extension FixesFile {
    package mutating func apply(_ e: AuditEvent) {
        switch e.action {
        case .fixRequest:
            var fields = e["fix"].object ?? [:]
            fields["status"] = .string(FixRequest.Status.pending.rawValue)
            fields["requested_by"] = .string(e.account)
            fields["requested_at"] = .string(e.now ?? e.at)
            fields["request_seq"] = .int(e.seq)
            if let request = FixRequest(json: .object(fields)) { fixes.append(request) }
        case .fixApprove, .fixReject:
            guard let id = e["id"].int, let index = fixes.firstIndex(where: { $0.id == id }) else { return }
            fixes[index].status = e.action == .fixApprove ? .approved : .rejected
            fixes[index].decidedBy = e.account
            fixes[index].decidedAt = e.now ?? e.at
            fixes[index].decisionSeq = e.seq
            fixes[index].witnesses = e["witnesses"].array?.compactMap(\.string) ?? []
            fixes[index].rejection = e["reason"].string
        default: break
        }
    }
}
