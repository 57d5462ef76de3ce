import Foundation
import SodiemBasics
import SodiemFormats

/// The dates of one term (học kì).
public struct TermDates: Sendable, Equatable {
    /// First day of the term.
    public var start: Day
    /// Last day of the term (included).
    public var end: Day

    /// Creates the dates of a term from its first and last day.
    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }
}

/// A reporting date of the year (kì báo cáo): freeze figures, or send the report.
public struct ReportingDate: Sendable, Equatable {
    /// `freeze` (chốt số liệu) or `send` (gửi báo cáo).
    public var kind: String
    /// Identifier of the date, e.g. `chot-so-lieu-dau-nam`; also the snapshot name when figures are frozen.
    public var name: String
    /// The day the figures are frozen or the report is due.
    public var date: Day

    /// Creates a reporting date from its fields.
    public init(kind: String, name: String, date: Day) {
        self.kind = kind
        self.name = name
        self.date = date
    }
}

/// The calendar of a school year: terms, deadlines and windows (data.md: deadlines).
public struct SchoolCalendar: Sendable, Equatable {
    /// The first and last day of each term (`terms` in year.json).
    public var terms: [Term: TermDates] = [:]
    /// A term is locked by `lock-term --due` once end + this many days have passed.
    public var lockAfterDays = 7
    /// An existing score can be changed directly within this many days of its first entry.
    public var editWindowDays = 7
    /// Mid- and end-of-term scores are due this many days after the test.
    public var entryDaysAfterTest = 7
    /// Days of every month on which planned regular assessments fall due.
    public var checkpoints = [14, 28]
    /// Test dates: term → `gk`/`ck` → grade (`"6"`) or grade and subject (`"6/toan"`) → day.
    public var testDates: [Term: [String: [String: Day]]] = [:]
    /// Planned dates of regular assessments set by the school: subject → term → dates of tx1…txN.
    public var regularDates: [String: [Term: [Day]]] = [:]
    /// Reporting dates (defaults from the plan: 30/9, 7/10, 31/5, 7/6).
    public var reporting: [ReportingDate] = []
    /// Periods per year overriding the catalogue: subject → grade → periods.
    public var periods: [String: [Int: Int]] = [:]
    /// The main session (buổi chính) of a grade, for counting buổi absent (rules-tt22.md §7): grade → `sang`/`chieu`.
    /// A grade not listed has `sang`.
    public var mainSessions: [Int: String] = [:]
    /// The school week: `mon-fri` or `mon-sat`; `nil` = `mon-sat` (the default). Absences are recorded only on school days.
    public var schoolDays: String?
    /// Holidays the school sets (ngày nghỉ): no absence is recorded on them.
    public var holidays: [TermDates] = []

    /// Creates a calendar with no dates yet and the default windows (7 days) and checkpoints (14th, 28th).
    public init() {}

    /// The default reporting dates of the plan for a year named `2024-2025`.
    public static func defaultReporting(year: String) -> [ReportingDate] {
        guard let first = Int(year.prefix(4)) else { return [] }
        return [
            ReportingDate(kind: "freeze", name: "chot-so-lieu-dau-nam", date: Day(year: first, month: 9, day: 30)!),
            ReportingDate(kind: "send", name: "bao-cao-dau-nam", date: Day(year: first, month: 10, day: 7)!),
            ReportingDate(kind: "freeze", name: "chot-so-lieu-cuoi-nam", date: Day(year: first + 1, month: 5, day: 31)!),
            ReportingDate(kind: "send", name: "bao-cao-cuoi-nam", date: Day(year: first + 1, month: 6, day: 7)!),
        ]
    }

    package init(json: JSON) {
        for (key, value) in json["terms"].object ?? [:] {
            if let term = Int(key).flatMap(Term.init(rawValue:)), let start = value["start"].string.flatMap(Day.init),
               let end = value["end"].string.flatMap(Day.init) {
                terms[term] = TermDates(start: start, end: end)
            }
        }
        lockAfterDays = json["lock_after_days"].int ?? lockAfterDays
        editWindowDays = json["edit_window_days"].int ?? editWindowDays
        entryDaysAfterTest = json["entry_days_after_test"].int ?? entryDaysAfterTest
        checkpoints = json["checkpoints"].array?.compactMap(\.int) ?? checkpoints
        for (key, kinds) in json["test_dates"].object ?? [:] {
            guard let term = Int(key).flatMap(Term.init(rawValue:)) else { continue }
            testDates[term] = (kinds.object ?? [:]).mapValues { ($0.object ?? [:]).compactMapValues { $0.string.flatMap(Day.init) } }
        }
        for (subject, byTerm) in json["regular_dates"].object ?? [:] {
            for (key, dates) in byTerm.object ?? [:] {
                guard let term = Int(key).flatMap(Term.init(rawValue:)) else { continue }
                regularDates[subject, default: [:]][term] = dates.array?.compactMap { $0.string.flatMap(Day.init) } ?? []
            }
        }
        reporting = json["reporting"].array?.compactMap { item in
            guard let kind = item["kind"].string, let name = item["name"].string,
                  let date = item["date"].string.flatMap(Day.init) else { return nil }
            return ReportingDate(kind: kind, name: name, date: date)
        } ?? []
        for (subject, byGrade) in json["periods"].object ?? [:] {
            for (grade, value) in byGrade.object ?? [:] {
                if let g = Int(grade), let n = value.int { periods[subject, default: [:]][g] = n }
            }
        }
        for (grade, value) in json["main_sessions"].object ?? [:] {
            if let g = Int(grade), let session = value.string { mainSessions[g] = session }
        }
        schoolDays = json["school_days"].string
        holidays = json["holidays"].array?.compactMap { item in
            guard let start = item["start"].string.flatMap(Day.init), let end = item["end"].string.flatMap(Day.init) else { return nil }
            return TermDates(start: start, end: end)
        } ?? []
    }

    package var json: JSON {
        var members = baseJSON
        if !mainSessions.isEmpty {
            members["main_sessions"] = .object(Dictionary(uniqueKeysWithValues: mainSessions.map { ("\($0.key)", JSON.string($0.value)) }))
        }
        if let schoolDays { members["school_days"] = .string(schoolDays) }
        if !holidays.isEmpty {
            members["holidays"] = .array(holidays.map { .object(["start": .string($0.start.description), "end": .string($0.end.description)]) })
        }
        return .object(members)
    }

    /// The grade's main session (`sang` unless the school set `chieu`).
    public func mainSession(grade: Int) -> String { mainSessions[grade] ?? "sang" }

    /// True when absences can be recorded for the day: a day of the school week and not a holiday.
    public func isSchoolDay(_ day: Day) -> Bool {
        let lastWeekday = schoolDays == "mon-fri" ? 5 : 6
        guard day.weekday <= lastWeekday else { return false }
        return !holidays.contains { $0.start <= day && day <= $0.end }
    }

    /// The holiday a day falls in, if any.
    public func holiday(containing day: Day) -> TermDates? {
        holidays.first { $0.start <= day && day <= $0.end }
    }

    private var baseJSON: [String: JSON] {
        [
            "terms": .object(Dictionary(uniqueKeysWithValues: terms.map { term, dates in
                ("\(term.rawValue)", JSON.object(["start": .string(dates.start.description), "end": .string(dates.end.description)]))
            })),
            "lock_after_days": .int(lockAfterDays),
            "edit_window_days": .int(editWindowDays),
            "entry_days_after_test": .int(entryDaysAfterTest),
            "checkpoints": .array(checkpoints.map(JSON.int)),
            "test_dates": .object(Dictionary(uniqueKeysWithValues: testDates.map { term, kinds in
                ("\(term.rawValue)", JSON.object(kinds.mapValues { .object($0.mapValues { .string($0.description) }) }))
            })),
            "regular_dates": .object(regularDates.mapValues { byTerm in
                .object(Dictionary(uniqueKeysWithValues: byTerm.map { ("\($0.key.rawValue)", JSON.array($0.value.map { .string($0.description) })) }))
            }),
            "reporting": .array(reporting.map {
                .object(["kind": .string($0.kind), "name": .string($0.name), "date": .string($0.date.description)])
            }),
            "periods": .object(periods.mapValues { .object(Dictionary(uniqueKeysWithValues: $0.map { ("\($0.key)", JSON.int($0.value)) })) }),
        ]
    }

    /// The day a term locks by itself (`lock-term --due`): end + `lockAfterDays`; it is locked from the day after.
    public func lockDate(_ term: Term) -> Day? { terms[term].map { $0.end.adding(days: lockAfterDays) } }

    /// The term a day falls in, if any.
    public func term(containing day: Day) -> Term? {
        terms.first { $0.value.start <= day && day <= $0.value.end }?.key
    }
}

/// A class of the year as the year file knows it.
public struct ClassInfo: Sendable, Equatable {
    /// Khối: 6…9.
    public var grade: Int
    /// The homeroom teacher's account (giáo viên chủ nhiệm).
    public var homeroom: String?

    /// Memberwise, for the layers above.
    package init(grade: Int, homeroom: String?) {
        self.grade = grade
        self.homeroom = homeroom
    }
}

/// A teaching assignment (phân công): who enters a subject's scores for a class, and who leads.
public struct Assignment: Sendable, Equatable {
    /// Người vào điểm.
    public var enterers: [String]
    /// Người chủ trì: leads the entry and signs the subject's part of the transcript.
    public var lead: String
    /// Enterer → the part (phân môn, `Địa lí`) they teach, for subjects with parts (issue 16.1);
    /// an enterer not listed teaches the whole subject.
    public var parts: [String: String] = [:]

    /// Memberwise, for the layers above.
    package init(enterers: [String], lead: String, parts: [String: String] = [:]) {
        self.enterers = enterers
        self.lead = lead
        self.parts = parts
    }

    package var json: JSON {
        var members: [String: JSON] = ["enterers": .array(enterers.map(JSON.string)), "lead": .string(lead)]
        if !parts.isEmpty { members["parts"] = .object(parts.mapValues(JSON.string)) }
        return .object(members)
    }
}

/// The lock state of a term: the whole school, with per-class exceptions.
public struct TermLock: Sendable, Equatable {
    /// True when the term is locked school-wide (classes listed in `classes` aside).
    public var locked = false
    /// Per-class state that overrides `locked`.
    public var classes: [String: Bool] = [:]

    /// True when the term is locked for the class.
    public func isLocked(_ className: String) -> Bool { classes[className] ?? locked }

    /// Memberwise, for the layers above.
    package init(locked: Bool = false, classes: [String: Bool] = [:]) {
        self.locked = locked
        self.classes = classes
    }
}

/// A reopening of a locked term on the board's order (mở lại dữ liệu).
public struct Reopening: Sendable, Equatable {
    /// The term reopened.
    public var term: Term
    /// The class reopened (`nil`: every class of the term).
    public var className: String?
    /// The board's instruction, as given.
    public var order: String
    /// The reopening lasts through this day.
    public var until: Day
    /// The account that recorded the reopening.
    public var by: String
    /// The `seq` of the `term.unlock` event that recorded it.
    public var seq: Int

    /// Memberwise, for the layers above.
    package init(term: Term, className: String?, order: String, until: Day, by: String, seq: Int) {
        self.term = term
        self.className = className
        self.order = order
        self.until = until
        self.by = by
        self.seq = seq
    }
}

/// `years/Y/year.json`: calendar, classes, assignments, locks and the student index of one year.
public struct YearFile: Sendable, Equatable {
    /// The year's name, `2024-2025`.
    public var name: String
    /// Terms, deadlines, test and reporting dates of the year.
    public var calendar = SchoolCalendar()
    /// Class name (`6A1`) → grade and homeroom teacher.
    public var classes: [String: ClassInfo] = [:]
    /// subject code → class → assignment.
    public var assignments: [String: [String: Assignment]] {
        get { assignmentStore.all }
        set { assignmentStore = DeferredMembers(newValue) }
    }
    /// The assignments, kept as year.json's bytes and decoded one subject at a time when read
    /// (a score entry checks one subject's): `assignment(_:_:)`.
    private var assignmentStore = DeferredMembers<[String: Assignment]>([:])
    /// Term → its lock state (khóa sổ).
    public var locks: [Term: TermLock] = [:]
    /// Every reopening of a locked term, oldest first.
    public var reopenings: [Reopening] = []
    /// Student id → class, for every student of the year.
    public var studentIndex: [String: String] {
        get { studentIndexStore.value }
        set { studentIndexStore = DeferredValue(newValue) }
    }
    /// The index, kept as year.json's bytes until it is first read: a score entry never reads it.
    private var studentIndexStore = DeferredValue<[String: String]>([:])
    /// The seal of `year close` (nil while the year is open): docs/data-format.md, format 2.
    public var sealed: YearSeal?
    /// The last audit event reflected.
    public var seq = 0
    /// SHA-256 of that event's log line (lower-case hex).
    public var hash = ""

    /// Creates an empty year file for a year named `2024-2025`.
    public init(name: String) { self.name = name }

    /// Reads year.json; `studentIndexBytes`: the `students` member's bytes, left out of `json`
    /// and decoded when the index is first read (`JSON.parse(_:deferringTopLevel:)`);
    /// `assignmentBytes`: the `assignments` member's bytes by subject, left out likewise.
    package init(json: JSON, studentIndexBytes: ArraySlice<UInt8>? = nil,
                 assignmentBytes: [String: ArraySlice<UInt8>]? = nil) throws(SodiemError) {
        guard let name = json["year"].string else { throw SodiemError.corrupt("year.json", "year") }
        self.name = name
        calendar = SchoolCalendar(json: json["calendar"])
        for (className, info) in json["classes"].object ?? [:] {
            classes[className] = ClassInfo(grade: info["grade"].int ?? 0, homeroom: info["homeroom"].string)
        }
        if let assignmentBytes {
            // As a whole read of year.json gives them: a subject with no class has no entry.
            assignmentStore = DeferredMembers(bytes: assignmentBytes, keeps: { !$0.isEmpty }) { _, json in decodeAssignments(json) }
        } else {
            var all: [String: [String: Assignment]] = [:]
            for (subject, byClass) in json["assignments"].object ?? [:] { all[subject] = decodeAssignments(byClass) }
            assignments = all
        }
        for (key, value) in json["locks"].object ?? [:] {
            guard let term = Int(key).flatMap(Term.init(rawValue:)) else { continue }
            locks[term] = TermLock(locked: value["locked"].bool ?? false,
                                   classes: (value["classes"].object ?? [:]).compactMapValues(\.bool))
        }
        reopenings = json["reopenings"].array?.compactMap { item in
            guard let term = item["term"].int.flatMap(Term.init(rawValue:)), let until = item["until"].string.flatMap(Day.init)
            else { return nil }
            return Reopening(term: term, className: item["class"].string, order: item["order"].string ?? "",
                             until: until, by: item["by"].string ?? "", seq: item["seq"].int ?? 0)
        } ?? []
        if let studentIndexBytes {
            studentIndexStore = DeferredValue(bytes: studentIndexBytes, decode: decodeStudentIndex)
        } else {
            studentIndex = decodeStudentIndex(json["students"])
        }
        sealed = YearSeal(json: json["sealed"])
        seq = json["seq"].int ?? 0
        hash = json["hash"].string ?? ""
    }

    package var json: JSON {
        var members = jsonMembers
        // Only a sealed year has the member, so a directory of format 1 keeps its bytes.
        if let sealed { members["sealed"] = sealed.json }
        return .object(members)
    }

    private var jsonMembers: [String: JSON] {
        [
            "year": .string(name),
            "calendar": calendar.json,
            "classes": .object(classes.mapValues { .object(["grade": .int($0.grade), "homeroom": .optional($0.homeroom)]) }),
            "assignments": .object(assignments.mapValues { byClass in
                .object(byClass.mapValues(\.json))
            }),
            "locks": .object(Dictionary(uniqueKeysWithValues: locks.map { term, lock in
                ("\(term.rawValue)", JSON.object(["locked": .bool(lock.locked), "classes": .object(lock.classes.mapValues(JSON.bool))]))
            })),
            "reopenings": .array(reopenings.map {
                .object(["term": .int($0.term.rawValue), "class": .optional($0.className), "order": .string($0.order),
                         "until": .string($0.until.description), "by": .string($0.by), "seq": .int($0.seq)])
            }),
            "students": .object(studentIndex.mapValues(JSON.string)),
            "seq": .int(seq),
            "hash": .string(hash),
        ]
    }

    /// True when the term is locked for the class.
    public func isLocked(_ term: Term, className: String) -> Bool {
        locks[term]?.isLocked(className) ?? false
    }

    /// The stored form of a typed class name (`6a1` → `6A1`); the typed name when no class matches.
    public func storedClassName(_ typed: String) -> String {
        if classes[typed] != nil { return typed }
        return classes.keys.first { $0.uppercased() == typed.uppercased() } ?? typed
    }

    /// The assignment of a subject for a class.
    public func assignment(_ subject: String, _ className: String) -> Assignment? {
        assignmentStore.member(subject)?[className]
    }
}

/// How a year was sealed by `year close`: the event, the year's final head, its checkpoint.
public struct YearSeal: Sendable, Equatable {
    /// The `year.close` event.
    public var seq: Int
    /// The last event before the seal (the checkpoint reflects events 1…head).
    public var head: Int
    /// SHA-256 of that event's line.
    public var headHash: String
    /// The checkpoint folder, relative to the data directory (`checkpoints/000123`).
    public var checkpoint: String

    /// Memberwise.
    public init(seq: Int, head: Int, headHash: String, checkpoint: String) {
        self.seq = seq
        self.head = head
        self.headHash = headHash
        self.checkpoint = checkpoint
    }

    init?(json: JSON) {
        guard let seq = json["seq"].int, let head = json["head"].int, let hash = json["head_hash"].string,
              let checkpoint = json["checkpoint"].string else { return nil }
        self.init(seq: seq, head: head, headHash: hash, checkpoint: checkpoint)
    }

    var json: JSON {
        .object(["seq": .int(seq), "head": .int(head), "head_hash": .string(headHash), "checkpoint": .string(checkpoint)])
    }
}

extension YearFile {
    /// The calendar as `year show --format json` prints it (the same fields as year.json).
    public static func publicCalendarJSON(_ year: YearFile) -> JSON { year.calendar.json }
}

/// year.json's student index as its JSON gives it.
private func decodeStudentIndex(_ json: JSON) -> [String: String] { (json.object ?? [:]).compactMapValues(\.string) }

/// One subject's assignments by class, as year.json gives them.
private func decodeAssignments(_ byClass: JSON) -> [String: Assignment] {
    var assignments: [String: Assignment] = [:]
    for (className, value) in byClass.object ?? [:] {
        assignments[className] = Assignment(
            enterers: value["enterers"].array?.compactMap(\.string) ?? [], lead: value["lead"].string ?? "",
            parts: (value["parts"].object ?? [:]).compactMapValues(\.string))
    }
    return assignments
}
