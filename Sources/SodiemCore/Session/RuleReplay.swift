import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// `verify`'s replay of the rules (data.md, "Verify replays the rules"): each event re-checked
/// against the state before it, with the accounts and roles as they were then, by the same
/// functions the commands call (`Identity.acting`, `Identity.mayOverrideClock`,
/// `Permission.refusal`, `YearFile.isLocked`) — never a second copy of a rule.
///
/// Format version 1 (every line written so far) is judged by these rules; a later format version
/// starts with an event that declares it, and its lines get their own rules here.
final class RuleReplay {
    /// The real account that filed each correction request, by year and id (fixes.json keeps the acting one).
    private var realRequesters: [String: [Int: String]] = [:]

    /// The violations of one event, judged against `world` as it stood before the event; `body`
    /// is its typed body as verify read it (nil when it does not keep to its action's type).
    func check(_ e: AuditEvent, _ body: EventBody?, _ world: World) -> [Message] {
        var found: [Message] = []
        defer { remember(e) }
        let users: UsersFile
        do { users = try world.users() } catch {
            // Never "no findings" for an event whose rules cannot be judged.
            return [Message(vi: "không kiểm được luật: các tài khoản lúc đó không đọc được (\(error.message.vi)).",
                            en: "its rules cannot be checked: the accounts of the time cannot be read (\(error.message.en)).")]
        }
        if e.action == .schoolInit {
            if e.seq != 1 {
                found.append(Message(vi: "school.init chỉ được là dòng đầu tiên.", en: "school.init may only be the first line."))
            }
            return found
        }
        // The real account existed and was enabled; the acting one as --as allows.
        let real: Account?
        if e.by == Identity.rootID {
            real = nil
        } else {
            guard let account = users.account(e.by) else {
                return [Message(vi: "tài khoản \(e.by.prefix(80)) không tồn tại lúc đó.", en: "the account \(e.by.prefix(80)) did not exist then.")]
            }
            guard !account.disabled else {
                return [Message(vi: "tài khoản \(e.by) đã bị khoá lúc đó.", en: "the account \(e.by) was disabled then.")]
            }
            real = account
        }
        let identity: Identity
        do { identity = try Identity.acting(real: real, realID: e.by, asUser: e.actingAs, users: users) } catch {
            return [Message(vi: "\(option: .acting) không hợp lệ: \(error.message.vi)", en: "\(option: .acting) not allowed: \(error.message.en)")]
        }
        if e.now != nil, !Identity.mayOverrideClock(realID: e.by, users: users) {
            found.append(Message(vi: "dùng SODIEM_NOW nhưng \(e.by) không được đặt giờ.", en: "uses SODIEM_NOW but \(e.by) may not set the clock."))
        }
        let year: YearFile?
        do { year = try e.year.flatMap { name throws(SodiemError) in try world.year(name) } } catch { return found + [Self.unreadable(error)] }
        if let permission = permission(e, world), let refusal = permission.refusal(for: identity, year: year) {
            found.append(Message(vi: "không được phép: \(refusal.vi)", en: "not permitted: \(refusal.en)"))
        }
        // The rules below read the body's fields: a body that does not keep to its action's type
        // is a finding of verify already (EventSchema), judged here only for who acted and how.
        // Scores change directly only while the term is open; a locked term only through approve-fix.
        let scored: (className: String, term: Term)?
        switch body {
        case .scoreSet(let b)?: scored = (b.className, b.term)
        case .scoreSheet(let b)?: scored = (b.className, b.term)
        default: scored = nil
        }
        if let year, let (c, term) = scored, year.isLocked(term, className: c) {
            found.append(Message(vi: "sửa điểm học kì \(term.rawValue) lớp \(c) khi học kì đã khoá.",
                                 en: "changes a score of term \(term.rawValue) of \(c) while the term was locked."))
        }
        // Absences change only while their term is open (the rule `attendance` applies).
        if case .attendanceSet(let b)? = body, let year {
            let c = b.className
            let locked = Set(b.entries.compactMap { entry -> Term? in
                guard let term = year.calendar.term(containing: entry.date), year.isLocked(term, className: c) else { return nil }
                return term
            })
            for term in locked.sorted(by: { $0.rawValue < $1.rawValue }) {
                found.append(Message(vi: "sửa chuyên cần học kì \(term.rawValue) lớp \(c) khi học kì đã khoá.",
                                     en: "changes the attendance of term \(term.rawValue) of \(c) while the term was locked."))
            }
        }
        // A sealed year accepts only correction requests and decisions, signatures, commendations.
        if let year, let refusal = Session.sealedYearRefusal(e.action, year) {
            found.append(Message(vi: "không được phép: \(refusal.message.vi)", en: "not permitted: \(refusal.message.en)"))
        }
        // `old` is the value the replay holds.
        guard let body else { return found }
        if let mismatch = oldMismatch(body, world) { found.append(mismatch) }
        if let carried = carriedCellChange(body, world) { found.append(carried) }
        if let transfer = transferProblem(e, body, year, world) { found.append(transfer) }
        found += readmissionProblems(body, year, world)
        if let plan = planResultProblem(body, year, world) { found.append(plan) }
        return found
    }

    /// The permission the command that writes this action asks for (the table of cli.md).
    /// Read from the raw body: who may act is judged even on a body that does not keep to its type.
    private func permission(_ e: AuditEvent, _ world: World) -> Permission? {
        let c = e.className ?? ""
        let subject = e["subject"].string ?? e["fix"]["subject"].string ?? ""
        switch e.action {
        case .schoolInit, .snapshotCreate: return e.action == .snapshotCreate ? .schoolOversight : nil
        case .userAdd, .userDisable, .userSet, .yearCreate, .yearSet, .classAdd, .assignSet, .yearClose: return .setUp
        case .studentsImport where e.className == nil: return .setUp  // a whole-school workbook: admin (cli.md)
        case .studentsImport, .attendanceSet, .attendanceClose, .attendanceReopen, .conductSet, .transferIn, .transferOut:
            return .homeroomWork(className: c)
        case .commentSet:
            return e["subject"].string.map { .subjectComment(subject: $0, className: c) } ?? .homeroomWork(className: c)
        case .scoreSet, .scoreSheet, .retestSet, .fixRequest: return .enterScores(subject: subject, className: c)
        case .exemptSet, .individualPlanSet, .commend: return .specialCase
        case .individualPlanResult: return .subjectComment(subject: subject, className: c)
        case .termLock: return .lockTerm(due: true)
        case .termUnlock: return .unlockTerm
        case .documentSign: return .signDocument(className: c)
        case .fixApprove, .fixReject:
            guard let y = e.year, let id = e["id"].int else { return .decideFix(requester: "") }
            let fix = (try? world.fixes(y))?.fixes.first { $0.id == id }
            return .decideFix(requester: fix?.requestedBy ?? "", realRequester: realRequesters[y]?[id])
        }
    }

    /// The cells a score event changes: its class, subject and term, and each cell's student, column, old and new value.
    private typealias ScoredCells = (year: String, className: String, subject: String, term: Term,
                                     cells: [(student: String, column: Column, old: Mark?, new: Mark?)])

    private func scoredCells(_ body: EventBody) -> ScoredCells? {
        switch body {
        case .scoreSet(let b): return (b.year, b.className, b.subject, b.term, [(b.student, b.column, b.old, b.new)])
        case .fixApprove(let b): return (b.year, b.className, b.subject, b.term, [(b.student, b.column, b.old, b.new)])
        case .scoreSheet(let b): return (b.year, b.className, b.subject, b.term, b.changes.map { ($0.student, $0.column, $0.old, $0.new) })
        default: return nil
        }
    }

    private func oldMismatch(_ body: EventBody, _ world: World) -> Message? {
        guard let scored = scoredCells(body) else { return nil }
        let found: ClassFile?
        do { found = try world.classFile(scored.year, scored.className) } catch { return Self.unreadable(error) }
        guard let file = found else { return nil }
        for cell in scored.cells {
            let held = file.students[cell.student]?.marks(scored.subject, scored.term)[cell.column]?.json ?? .null
            let old = cell.old?.json ?? .null
            if held != old {
                return Message(vi: "old của \(cell.student) \(cell.column) là \(old.compactString()), nhưng điểm lúc đó là \(held.compactString()).",
                               en: "the old value of \(cell.student) \(cell.column) is \(old.compactString()), but the score then was \(held.compactString()).")
            }
        }
        return nil
    }

    /// A cell of a moved student given a value in the new class while a class they left holds
    /// its mark (not a `vắng` to make up): only that class's enterers correct it (cli.md).
    private func carriedCellChange(_ body: EventBody, _ world: World) -> Message? {
        if case .fixApprove = body { return nil }  // a correction is decided in the class that gave the mark
        guard let scored = scoredCells(body) else { return nil }
        let (y, c, subject, term) = (scored.year, scored.className, scored.subject, scored.term)
        do {
            guard let file = try world.classFile(y, c) else { return nil }
            for cell in scored.cells where cell.new != nil {
                guard let record = file.students[cell.student], !record.movedFrom.isEmpty else { continue }
                if let refusal = try Session.carriedRefusal(cell.student, record, className: c, year: y, world: world,
                                                            subject: subject, term: term, column: cell.column) {
                    return Message(vi: "không được phép: ", en: "not permitted: ") + refusal
                }
            }
            return nil
        } catch {
            return Self.unreadable(error)
        }
    }

    /// A transfer in of a student already in a class of the year (a move is `import-students
    /// --move`), or a transfer out dated after the day it was recorded.
    private func transferProblem(_ e: AuditEvent, _ body: EventBody, _ year: YearFile?, _ world: World) -> Message? {
        switch body {
        case .transferIn(let b):
            let id = b.student
            guard let other = year?.studentIndex[id] else { return nil }
            return Message(vi: "transfer.in của \(id) khi học sinh đã ở lớp \(other).", en: "transfer.in of \(id) while the student was already in \(other).")
        case .transferOut(let b):
            let date = b.date
            guard let day = Day(String((e.now ?? e.at).prefix(10))) else { return nil }
            if date > day {
                return Message(vi: "transfer.out ghi ngày \(date) sau ngày ghi \(day).", en: "transfer.out dated \(date), after the day it was recorded (\(day)).")
            }
            // The rest of the command's rule (in the year, after the arrival, not in a locked term).
            guard let year else { return nil }
            let (c, id) = (b.className, b.student)
            let record: StudentRecord?
            do { record = try world.classFile(year.name, c)?.students[id] } catch {
                return Message(vi: "không kiểm được transfer.out: lớp \(c) không đọc được (\(error.message.vi)).",
                               en: "the transfer.out cannot be checked: the class \(c) cannot be read (\(error.message.en)).")
            }
            guard let record else {
                return Message(vi: "transfer.out của \(id), không có trong lớp \(c).", en: "transfer.out of \(id), who is not in \(c).")
            }
            return Session.transferOutRefusal(date, record: record, className: c, year: year, today: day)
                .map { Message(vi: "transfer.out không hợp lệ: ", en: "transfer.out not allowed: ") + $0.message }
        default:
            return nil
        }
    }

    /// An import that lists a student who had left the school without readmitting them, or
    /// readmits one who had not left or into another class (the rule `import-students` applies).
    private func readmissionProblems(_ body: EventBody, _ year: YearFile?, _ world: World) -> [Message] {
        guard case .studentsImport(let b) = body, let year else { return [] }
        var parts: [(className: String, students: [String: ImportedStudent])] = []
        if let c = b.className {
            parts = [(c, b.students ?? [:])]
        } else {
            parts = (b.classes ?? [:]).map { ($0.key, $0.value.students) }
        }
        var found: [Message] = []
        for (className, students) in parts {
            for (id, student) in students.sorted(by: { $0.key < $1.key }) {
                let readmits = student.readmit == true
                var left: StudentRecord?
                if let held = year.studentIndex[id] {
                    do { left = try world.classFile(year.name, held)?.students[id] } catch {
                        found.append(Message(vi: "không kiểm được \(id): lớp \(held) không đọc được (\(error.message.vi)).",
                                             en: "\(id) cannot be checked: the class \(held) cannot be read (\(error.message.en))."))
                        continue
                    }
                    if left?.movedTo != nil || left?.transferOut == nil { left = nil } else if held != className, readmits {
                        found.append(Message(vi: "nhận lại \(id) vào lớp \(className), nhưng học sinh rời trường từ lớp \(held).",
                                             en: "readmits \(id) into \(className), but the student left the school from \(held)."))
                        continue
                    }
                }
                if left != nil, !readmits {
                    found.append(Message(vi: "nhập lại \(id) vào lớp \(className) khi học sinh đã rời trường, không có \(option: .readmit).",
                                         en: "imports \(id) into \(className) after the student left the school, without \(option: .readmit)."))
                } else if left == nil, readmits {
                    found.append(Message(vi: "nhận lại \(id) vào lớp \(className) khi học sinh không rời trường.",
                                         en: "readmits \(id) into \(className), but the student had not left the school."))
                }
            }
        }
        return found
    }

    /// A plan result the command would refuse (`Session.planResultRefusal`, on the year record).
    private func planResultProblem(_ body: EventBody, _ year: YearFile?, _ world: World) -> Message? {
        guard case .individualPlanResult(let b) = body, let year else { return nil }
        let (c, id, subject, term) = (b.className, b.student, b.subject, b.term)
        let own: StudentRecord?
        do { own = try world.classFile(year.name, c)?.students[id] } catch {
            return Message(vi: "không kiểm được iep.result: lớp \(c) không đọc được (\(error.message.vi)).",
                           en: "the iep.result cannot be checked: the class \(c) cannot be read (\(error.message.en)).")
        }
        guard let own else { return Message(vi: "iep.result của \(id), không có trong lớp \(c).", en: "iep.result of \(id), who is not in \(c).") }
        let record: StudentRecord
        do { record = try Session.yearRecord(id, own, className: c, year: year.name, world: world, visiting: []) } catch {
            return Self.unreadable(error)
        }
        if let refusal = Session.planResultRefusal(record, student: id, subject: subject, term: term, className: c, year: year) {
            return Message(vi: "iep.result không hợp lệ: ", en: "iep.result not allowed: ") + refusal.message
        }
        // The plan it carries is the year's plan, and only when this class has none of its own.
        let expected = own.individualPlan == nil ? record.individualPlan.map(Session.takenPlan) : nil
        if b.plan != expected {
            let carried = (b.plan?.json ?? .null).compactString().prefix(80)
            return Message(vi: "iep.result mang kế hoạch không phải kế hoạch của năm (\(carried)).",
                           en: "the iep.result carries a plan that is not the year's (\(carried)).")
        }
        return nil
    }

    /// A file the judgement needs that cannot be read: a finding, never "no findings".
    private static func unreadable(_ error: SodiemError) -> Message {
        Message(vi: "không kiểm được luật: một tệp của năm không đọc được (\(error.message.vi)).",
                en: "its rules cannot be checked: a file of the year cannot be read (\(error.message.en)).")
    }

    private func remember(_ e: AuditEvent) {
        if e.action == .fixRequest, let y = e.year, let id = e["fix"]["id"].int { realRequesters[y, default: [:]][id] = e.by }
    }
}

extension Session {
    /// The real account that filed a correction request (its `fix.request` line's `by`); an
    /// unreadable log is an error, not "nobody", since the answer keeps a requester from deciding.
    func realRequester(of fix: FixRequest) throws(SodiemError) -> String? {
        guard fix.requestSeq >= 1, let line = try AuditLog(url: directory.auditLog).line(seq: fix.requestSeq),
              case .success(let event) = AuditEvent.parse(line.bytes),
              event.action == .fixRequest else { return nil }
        return event.by
    }

    /// `verify`'s check of every event against the rules (a fresh replay each call).
    static func ruleCheck() -> EventRuleCheck {
        let replay = RuleReplay()
        return { event, body, world in replay.check(event, body, world) }
    }
}
