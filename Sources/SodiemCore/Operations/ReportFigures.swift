import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules

// The figures of `report` and `snapshot` as values, and their JSON (docs/reports-and-reminders.md):
// the one place that names the keys, both ways. The CLI renders the values; `snapshot` freezes
// their JSON in its event; `report --snapshot` reads that JSON back into the same values.

/// What every report carries: its kind, the year, the day it reflects, the log position and the school.
public struct ReportHeader: Sendable, Equatable {
    /// Enrollment, results or progress.
    public var kind: ReportKind
    /// The school year (`2024-2025`).
    public var year: String
    /// The effective day the figures reflect (for progress, `--date`).
    public var date: Day
    /// The last log event reflected.
    public var seq: Int
    /// The full SHA-256 of that event's line (a report is a witness; snapshots frozen by older builds carry 12 digits).
    public var hash: String
    /// The school's name.
    public var school: String
    /// The snapshot the figures were read from; nil for live figures.
    public var snapshot: String?
}

/// A code a report counts by; it is the key of the count in JSON and CSV.
public protocol ReportCountKey: Sendable {
    /// The code (`T`, `none`, `xuat-sac`, `hoan-thanh-thcs`).
    var code: String { get }
}

/// A learning or conduct level as a report counts it: a level, or not yet rated (`none`).
public enum ReportedLevel: ReportCountKey, Hashable, CaseIterable {
    /// Tốt, Khá, Đạt, Chưa đạt.
    case level(Level)
    /// Not rated yet (chưa xếp).
    case unrated

    /// Every level, then unrated: the order of the columns.
    public static var allCases: [ReportedLevel] { Level.allCases.map(ReportedLevel.level) + [.unrated] }

    /// `T`, `K`, `Đ`, `CĐ` or `none`.
    public var code: String {
        switch self {
        case .level(let level): return level.rawValue
        case .unrated: return "none"
        }
    }
}

/// A year's outcome as a report counts it: grade-9 completers have their own row, apart from `len-lop`.
public enum ReportedOutcome: ReportCountKey, Hashable, CaseIterable {
    /// Lên lớp, rèn luyện hè, kiểm tra lại, ở lại lớp.
    case outcome(Outcome)
    /// A grade-9 student promoted: hoàn thành chương trình THCS.
    case completedLowerSecondary
    /// Not decided yet (chưa xét).
    case undecided

    /// Every outcome, the completers and the undecided: the keys every year's figures hold.
    public static var allCases: [ReportedOutcome] {
        Outcome.allCases.map(ReportedOutcome.outcome) + [.completedLowerSecondary, .undecided]
    }

    /// `len-lop`, …, `hoan-thanh-thcs` or `none`.
    public var code: String {
        switch self {
        case .outcome(let outcome): return outcome.rawValue
        case .completedLowerSecondary: return "hoan-thanh-thcs"
        case .undecided: return "none"
        }
    }
}

extension Title: ReportCountKey {
    /// `xuat-sac` or `gioi`.
    public var code: String { rawValue }
}

/// Counts by code. Every code the report knows is present (0 included), so columns never move;
/// a code met in the data beyond those (a plan's recorded text) is kept as it was counted.
public struct CodeCounts<Key: ReportCountKey>: Sendable, Equatable {
    /// Count by code, as in JSON.
    public var byCode: [String: Int]

    /// Counts by code.
    public init(byCode: [String: Int]) { self.byCode = byCode }

    /// Every key of `known` with its count (0 when not counted), and any other code counted.
    init(known: [Key], counted: [String: Int]) {
        var all = Dictionary(uniqueKeysWithValues: known.map { ($0.code, counted[$0.code] ?? 0) })
        for (code, count) in counted where all[code] == nil { all[code] = count }
        byCode = all
    }

    /// The count of `key`; nil when the figures do not hold it (a snapshot frozen before the key existed).
    public subscript(_ key: Key) -> Int? { byCode[key.code] }
}

/// One unit of a report: the school, a grade, or a class.
public struct ReportUnits<Counts: Sendable & Equatable>: Sendable, Equatable {
    /// A grade's figures.
    public struct Grade: Sendable, Equatable {
        /// 6 to 9.
        public var grade: Int
        /// Its figures.
        public var counts: Counts
    }

    /// A class's figures.
    public struct Class: Sendable, Equatable {
        /// The class (`6A1`).
        public var className: String
        /// Its grade.
        public var grade: Int
        /// Its homeroom teacher's account, if any.
        public var homeroom: String?
        /// Its figures.
        public var counts: Counts
    }

    /// The whole school.
    public var total: Counts
    /// By grade, ascending.
    public var grades: [Grade]
    /// By class: 6A1, 6A2, …, 6A10, then grade 7 ….
    public var classes: [Class]
}

/// Sĩ số of one unit: students by sex and ethnicity.
public struct EnrollmentFigures: Sendable, Equatable {
    /// Students.
    public var students = 0
    /// Nam.
    public var male = 0
    /// Nữ.
    public var female = 0
    /// Sex not recorded.
    public var sexUnknown = 0
    /// Dân tộc Kinh.
    public var kinh = 0
    /// Other ethnic groups.
    public var otherEthnic = 0
    /// Ethnicity not recorded.
    public var ethnicityUnknown = 0
    /// Students by ethnicity as shown (`Kinh`, `Tày` …).
    public var ethnicities: [String: Int] = [:]
}

/// `report --kind enrollment`.
public struct EnrollmentReport: Sendable, Equatable {
    /// Kind, year, day, log position, school.
    public var header: ReportHeader
    /// The school, its grades and classes.
    public var units: ReportUnits<EnrollmentFigures>
}

/// Re-tests of a year: who must sit them, which subjects, how many are recorded.
public struct RetestFigures: Sendable, Equatable {
    /// Students with at least one re-test.
    public var students: Int
    /// Re-test results recorded.
    public var recorded: Int
    /// Students to re-test by subject code.
    public var subjects: [String: Int]
}

/// What only the year's figures hold: initial levels, titles, outcomes, re-tests.
public struct YearResultFigures: Sendable, Equatable {
    /// Learning levels before re-tests.
    public var learningInitial: CodeCounts<ReportedLevel>
    /// Conduct levels before summer training.
    public var conductInitial: CodeCounts<ReportedLevel>
    /// Danh hiệu.
    public var titles: CodeCounts<Title>
    /// Lên lớp, hoàn thành THCS, rèn luyện hè, kiểm tra lại, ở lại lớp, chưa xét.
    public var outcomes: CodeCounts<ReportedOutcome>
    /// Kiểm tra lại.
    public var retests: RetestFigures
}

/// The levels of one unit in one period.
public struct PeriodResultFigures: Sendable, Equatable {
    /// Students counted.
    public var students: Int
    /// Learning levels (học tập).
    public var learning: CodeCounts<ReportedLevel>
    /// Conduct levels (rèn luyện).
    public var conduct: CodeCounts<ReportedLevel>
    /// The year's own figures; nil for a term.
    public var year: YearResultFigures?
}

/// The results of one unit: its students and its figures by period.
public struct ResultFigures: Sendable, Equatable {
    /// Students.
    public var students: Int
    /// Figures by period (those the report asks for).
    public var periods: [Period: PeriodResultFigures]
}

/// `report --kind results`.
public struct ResultsReport: Sendable, Equatable {
    /// Kind, year, day, log position, school.
    public var header: ReportHeader
    /// The periods shown, in order.
    public var periods: [Period]
    /// The school, its grades and classes.
    public var units: ReportUnits<ResultFigures>

    /// The same figures for `periods` only (`report --snapshot N --term 1`).
    public func keeping(_ periods: [Period]) -> ResultsReport {
        func trim(_ figures: ResultFigures) -> ResultFigures {
            ResultFigures(students: figures.students, periods: figures.periods.filter { periods.contains($0.key) })
        }
        var kept = self
        kept.periods = periods
        kept.units.total = trim(units.total)
        kept.units.grades = units.grades.map { .init(grade: $0.grade, counts: trim($0.counts)) }
        kept.units.classes = units.classes.map { .init(className: $0.className, grade: $0.grade, homeroom: $0.homeroom, counts: trim($0.counts)) }
        return kept
    }
}

/// Scores expected, entered, due, missing (due and not entered) and late (first entered after the due date).
public struct ProgressTally: Sendable, Equatable {
    /// Scores the assignments call for.
    public var expected = 0
    /// Scores entered.
    public var entered = 0
    /// Scores whose due date has passed.
    public var due = 0
    /// Due and not entered.
    public var missing = 0
    /// First entered after the due date.
    public var late = 0

    /// Adds another tally.
    mutating func add(_ other: ProgressTally) {
        expected += other.expected
        entered += other.entered
        due += other.due
        missing += other.missing
        late += other.late
    }
}

/// `report --kind progress`: score entry per assignment and teacher, attendance months not closed.
public struct ProgressReport: Sendable, Equatable {
    /// One subject of one class in one term.
    public struct Assignment: Sendable, Equatable {
        /// The class.
        public var className: String
        /// Its grade.
        public var grade: Int
        /// The subject's code.
        public var subject: String
        /// The term.
        public var term: Term
        /// The lead teacher's account.
        public var lead: String
        /// The accounts that enter its scores.
        public var enterers: [String]
        /// Its counts.
        public var tally: ProgressTally
    }

    /// One teacher's counts over every assignment it enters or leads.
    public struct Teacher: Sendable, Equatable {
        /// The account.
        public var teacher: String
        /// Its counts.
        public var tally: ProgressTally
    }

    /// A class whose attendance months are not closed after their last day.
    public struct OpenAttendance: Sendable, Equatable {
        /// The class.
        public var className: String
        /// Its homeroom teacher's account, if any.
        public var homeroom: String?
        /// The months (`2024-09`).
        public var months: [String]
    }

    /// Kind, year, day (`--date`), log position, school.
    public var header: ReportHeader
    /// The whole school.
    public var total: ProgressTally
    /// By teacher, by account.
    public var teachers: [Teacher]
    /// By class (in list order), then subject (in catalogue order) and term.
    public var assignments: [Assignment]
    /// Classes with months open.
    public var attendance: [OpenAttendance]
}

/// A report of any kind, as `report` shows it.
public enum Report: Sendable, Equatable {
    /// Sĩ số.
    case enrollment(EnrollmentReport)
    /// Kết quả học tập và rèn luyện.
    case results(ResultsReport)
    /// Tiến độ nhập điểm.
    case progress(ProgressReport)

    /// Its header.
    public var header: ReportHeader {
        switch self {
        case .enrollment(let r): return r.header
        case .results(let r): return r.header
        case .progress(let r): return r.header
        }
    }

    /// Its JSON (docs/reports-and-reminders.md).
    public var json: JSON {
        switch self {
        case .enrollment(let r): return r.json
        case .results(let r): return r.json
        case .progress(let r): return r.json
        }
    }
}

// MARK: JSON

extension Period {
    /// `1`, `2` or `year`: the key of a period in JSON.
    public var key: String {
        switch self {
        case .term(let t): return "\(t.rawValue)"
        case .year: return "year"
        }
    }

    /// The period of a JSON key (`1`, `2`, `year`).
    public init?(key: String) {
        if key == "year" {
            self = .year
        } else if let number = Int(key), let term = Term(rawValue: number), key == "\(number)" {
            self = .term(term)
        } else {
            return nil
        }
    }
}

/// Reads frozen figures, refusing (65) what is not the shape this file writes.
struct FrozenFiguresReader {
    /// The refusal for anything that does not read.
    let refusal: SodiemError

    func object(_ value: JSON) throws(SodiemError) -> [String: JSON] {
        guard let members = value.object else { throw refusal }
        return members
    }

    func int(_ value: JSON) throws(SodiemError) -> Int {
        guard let number = value.int else { throw refusal }
        return number
    }

    func string(_ value: JSON) throws(SodiemError) -> String {
        guard let text = value.string else { throw refusal }
        return text
    }

    func array(_ value: JSON) throws(SodiemError) -> [JSON] {
        guard let items = value.array else { throw refusal }
        return items
    }

    func counts(_ value: JSON) throws(SodiemError) -> [String: Int] {
        var counts: [String: Int] = [:]
        for (code, count) in try object(value) { counts[code] = try int(count) }
        return counts
    }

    func optionalString(_ value: JSON) throws(SodiemError) -> String? {
        value.isNull ? nil : try string(value)
    }
}

extension ReportHeader {
    /// The header's keys: `kind`, `year`, `date`, `seq`, `hash`, `school` (and `snapshot`).
    var members: [String: JSON] {
        var members: [String: JSON] = ["kind": .string(kind.rawValue), "year": .string(year), "date": .string(date.description),
                                       "seq": .int(seq), "hash": .string(hash), "school": .string(school)]
        if let snapshot { members["snapshot"] = .string(snapshot) }
        return members
    }

    init(_ members: [String: JSON], kind expected: ReportKind, snapshot: String, _ read: FrozenFiguresReader) throws(SodiemError) {
        guard let kind = ReportKind(rawValue: try read.string(members["kind"] ?? .null)), kind == expected,
              let date = Day(try read.string(members["date"] ?? .null)) else { throw read.refusal }
        self.init(kind: kind, year: try read.string(members["year"] ?? .null), date: date, seq: try read.int(members["seq"] ?? .null),
                  hash: try read.string(members["hash"] ?? .null), school: try read.string(members["school"] ?? .null), snapshot: snapshot)
    }
}

extension ReportUnits {
    /// `total`, `grades` (each with `grade`) and `classes` (each with `class`, `grade`, `homeroom`).
    func members(_ counts: (Counts) -> [String: JSON]) -> [String: JSON] {
        ["total": .object(counts(total)),
         "grades": .array(grades.map { unit in
             var members = counts(unit.counts)
             members["grade"] = .int(unit.grade)
             return .object(members)
         }),
         "classes": .array(classes.map { unit in
             var members = counts(unit.counts)
             members["class"] = .string(unit.className)
             members["grade"] = .int(unit.grade)
             members["homeroom"] = .optional(unit.homeroom)
             return .object(members)
         })]
    }

    init(_ members: [String: JSON], _ read: FrozenFiguresReader,
         counts: ([String: JSON]) throws(SodiemError) -> Counts) throws(SodiemError) {
        total = try counts(try read.object(members["total"] ?? .null))
        var grades: [Grade] = []
        for item in try read.array(members["grades"] ?? .null) {
            let unit = try read.object(item)
            grades.append(Grade(grade: try read.int(unit["grade"] ?? .null), counts: try counts(unit)))
        }
        var classes: [Class] = []
        for item in try read.array(members["classes"] ?? .null) {
            let unit = try read.object(item)
            classes.append(Class(className: try read.string(unit["class"] ?? .null), grade: try read.int(unit["grade"] ?? .null),
                                 homeroom: try read.optionalString(unit["homeroom"] ?? .null), counts: try counts(unit)))
        }
        self.grades = grades
        self.classes = classes
    }
}

extension EnrollmentFigures {
    var members: [String: JSON] {
        ["students": .int(students), "male": .int(male), "female": .int(female), "sex_unknown": .int(sexUnknown),
         "kinh": .int(kinh), "other_ethnic": .int(otherEthnic), "ethnicity_unknown": .int(ethnicityUnknown),
         "ethnicities": .object(ethnicities.mapValues(JSON.int))]
    }

    init(_ members: [String: JSON], _ read: FrozenFiguresReader) throws(SodiemError) {
        func count(_ key: String) throws(SodiemError) -> Int { try read.int(members[key] ?? .null) }
        self.init(students: try count("students"), male: try count("male"), female: try count("female"),
                  sexUnknown: try count("sex_unknown"), kinh: try count("kinh"), otherEthnic: try count("other_ethnic"),
                  ethnicityUnknown: try count("ethnicity_unknown"), ethnicities: try read.counts(members["ethnicities"] ?? .null))
    }
}

extension EnrollmentReport {
    /// The report's JSON: the header and the units.
    public var json: JSON {
        .object(header.members.merging(units.members(\.members)) { header, _ in header })
    }

    /// Reads the figures `snapshot` froze (`json` as `snapshot.create` carried it).
    init(frozen json: JSON, snapshot: String, _ read: FrozenFiguresReader) throws(SodiemError) {
        let members = try read.object(json)
        header = try ReportHeader(members, kind: .enrollment, snapshot: snapshot, read)
        units = try ReportUnits(members, read) { unit throws(SodiemError) in try EnrollmentFigures(unit, read) }
    }
}

extension PeriodResultFigures {
    var members: [String: JSON] {
        func counts(_ values: [String: Int]) -> JSON { .object(values.mapValues(JSON.int)) }
        var members: [String: JSON] = ["students": .int(students), "learning": counts(learning.byCode), "conduct": counts(conduct.byCode)]
        if let year {
            members["learning_initial"] = counts(year.learningInitial.byCode)
            members["conduct_initial"] = counts(year.conductInitial.byCode)
            members["titles"] = counts(year.titles.byCode)
            members["outcomes"] = counts(year.outcomes.byCode)
            members["retests"] = .object(["students": .int(year.retests.students), "recorded": .int(year.retests.recorded),
                                          "subjects": counts(year.retests.subjects)])
        }
        return members
    }

    init(_ members: [String: JSON], period: Period, _ read: FrozenFiguresReader) throws(SodiemError) {
        func counts(_ key: String) throws(SodiemError) -> [String: Int] { try read.counts(members[key] ?? .null) }
        students = try read.int(members["students"] ?? .null)
        learning = CodeCounts(byCode: try counts("learning"))
        conduct = CodeCounts(byCode: try counts("conduct"))
        guard period == .year else {
            year = nil
            return
        }
        let retests = try read.object(members["retests"] ?? .null)
        year = YearResultFigures(learningInitial: CodeCounts(byCode: try counts("learning_initial")),
                                 conductInitial: CodeCounts(byCode: try counts("conduct_initial")),
                                 titles: CodeCounts(byCode: try counts("titles")), outcomes: CodeCounts(byCode: try counts("outcomes")),
                                 retests: RetestFigures(students: try read.int(retests["students"] ?? .null),
                                                        recorded: try read.int(retests["recorded"] ?? .null),
                                                        subjects: try read.counts(retests["subjects"] ?? .null)))
    }
}

extension ResultFigures {
    var members: [String: JSON] {
        ["students": .int(students),
         "terms": .object(Dictionary(uniqueKeysWithValues: periods.map { ($0.key.key, JSON.object($0.value.members)) }))]
    }

    init(_ members: [String: JSON], _ read: FrozenFiguresReader) throws(SodiemError) {
        students = try read.int(members["students"] ?? .null)
        var periods: [Period: PeriodResultFigures] = [:]
        for (key, value) in try read.object(members["terms"] ?? .null) {
            guard let period = Period(key: key) else { throw read.refusal }
            periods[period] = try PeriodResultFigures(try read.object(value), period: period, read)
        }
        self.periods = periods
    }
}

extension ResultsReport {
    /// The report's JSON: the header, `periods` and the units.
    public var json: JSON {
        var members = header.members.merging(units.members(\.members)) { header, _ in header }
        members["periods"] = .array(periods.map { .string($0.key) })
        return .object(members)
    }

    /// Reads the figures `snapshot` froze (`json` as `snapshot.create` carried it).
    init(frozen json: JSON, snapshot: String, _ read: FrozenFiguresReader) throws(SodiemError) {
        let members = try read.object(json)
        header = try ReportHeader(members, kind: .results, snapshot: snapshot, read)
        var periods: [Period] = []
        for item in try read.array(members["periods"] ?? .null) {
            guard let period = Period(key: try read.string(item)) else { throw read.refusal }
            periods.append(period)
        }
        self.periods = periods
        units = try ReportUnits(members, read) { unit throws(SodiemError) in try ResultFigures(unit, read) }
    }
}

extension ProgressTally {
    var members: [String: JSON] {
        ["expected": .int(expected), "entered": .int(entered), "due": .int(due), "missing": .int(missing), "late": .int(late)]
    }
}

extension ProgressReport {
    /// The report's JSON: the header, `total`, `teachers`, `assignments`, `attendance`.
    public var json: JSON {
        var members = header.members
        members["total"] = .object(total.members)
        members["teachers"] = .array(teachers.map { item in
            var members = item.tally.members
            members["teacher"] = .string(item.teacher)
            return .object(members)
        })
        members["assignments"] = .array(assignments.map { item in
            var members = item.tally.members
            members["class"] = .string(item.className)
            members["grade"] = .int(item.grade)
            members["subject"] = .string(item.subject)
            members["term"] = .int(item.term.rawValue)
            members["lead"] = .string(item.lead)
            members["enterers"] = .array(item.enterers.map(JSON.string))
            return .object(members)
        })
        members["attendance"] = .array(attendance.map { item in
            .object(["class": .string(item.className), "homeroom": .optional(item.homeroom), "months": .array(item.months.map(JSON.string))])
        })
        return .object(members)
    }
}
