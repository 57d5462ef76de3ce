import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// The kinds of `report` (báo cáo): enrollment (sĩ số), results (kết quả), progress (tiến độ nhập điểm).
public enum ReportKind: String, Sendable, CaseIterable {
    /// Sĩ số, kết quả học tập và rèn luyện, tiến độ nhập điểm.
    case enrollment, results, progress
}

/// The figures of a report, per class, per grade and for the whole school, as JSON with stable keys
/// (docs/reports-and-reminders.md). The same JSON is frozen by `snapshot` and rendered by the CLI.
extension Session {
    /// Classes of the year in list order (6A1, 6A2, …, 6A10, 7A1 …).
    public func orderedClasses(_ year: YearFile) -> [String] {
        year.classes.keys.sorted { a, b in
            let (ga, gb) = (year.classes[a]!.grade, year.classes[b]!.grade)
            return ga != gb ? ga < gb : ClassNotation.precedes(a, b)
        }
    }

    /// The header every report carries: kind, year, the day it reflects and the log position.
    func reportHeader(_ kind: ReportKind, _ year: YearFile, date: Day) -> [String: JSON] {
        ["kind": .string(kind.rawValue), "year": .string(year.name), "date": .string(date.description),
         // The full head: a report is a witness (data.md), printed pages show its first 16 digits.
         "seq": .int(anchor.seq), "hash": .string(tail.lastHash), "school": .string(school.name)]
    }

    // MARK: Enrollment (sĩ số)

    /// Students by sex (giới tính), ethnicity (dân tộc: Kinh, others, by name), grade and class.
    public func enrollmentReport(_ year: YearFile) throws(SodiemError) -> JSON {
        var units: [EnrollmentCount] = []
        var grades: [Int: EnrollmentCount] = [:]
        var whole = EnrollmentCount()
        for name in orderedClasses(year) {
            let file = try classFile(year, name)
            var count = EnrollmentCount()
            for record in file.currentStudents.values { count.add(record) }
            units.append(count)
            grades[file.grade, default: EnrollmentCount()].merge(count)
            whole.merge(count)
        }
        var body = reportHeader(.enrollment, year, date: now.day)
        body["total"] = .object(whole.json)
        body["grades"] = .array(grades.keys.sorted().map { grade in
            var members = grades[grade]!.json
            members["grade"] = .int(grade)
            return .object(members)
        })
        body["classes"] = .array(zip(orderedClasses(year), units).map { name, count in
            var members = count.json
            members["class"] = .string(name)
            members["grade"] = .int(year.classes[name]!.grade)
            members["homeroom"] = .optional(year.classes[name]!.homeroom)
            return .object(members)
        })
        return .object(body)
    }

    // MARK: Results (kết quả học tập và rèn luyện)

    /// Distribution of learning and conduct levels per term and year, titles, outcomes, re-tests.
    ///
    /// Every class is evaluated once (`evaluate`) for all the periods asked.
    public func resultsReport(_ year: YearFile, periods: [Period] = [.term(.first), .term(.second), .year]) throws(SodiemError) -> JSON {
        var classUnits: [(String, Int, [Period: ResultsCount])] = []
        var grades: [Int: [Period: ResultsCount]] = [:]
        var whole: [Period: ResultsCount] = [:]
        for name in orderedClasses(year) {
            let file = try classFile(year, name)
            // As of the report's day: what takes effect after it (a back-dated re-test) is not counted.
            let evaluations = try evaluate(year, file, asOf: now.day)
            var byPeriod: [Period: ResultsCount] = [:]
            for period in periods {
                var count = ResultsCount(period: period)
                for e in evaluations { count.add(e) }
                byPeriod[period] = count
                grades[file.grade, default: [:]][period, default: ResultsCount(period: period)].merge(count)
                whole[period, default: ResultsCount(period: period)].merge(count)
            }
            classUnits.append((name, file.grade, byPeriod))
        }
        func terms(_ byPeriod: [Period: ResultsCount]) -> JSON {
            .object(Dictionary(uniqueKeysWithValues: periods.map { ($0.key, JSON.object(byPeriod[$0, default: ResultsCount(period: $0)].json)) }))
        }
        func students(_ byPeriod: [Period: ResultsCount]) -> JSON { .int(byPeriod.values.first?.students ?? 0) }
        var body = reportHeader(.results, year, date: now.day)
        body["periods"] = .array(periods.map { .string($0.key) })
        body["total"] = .object(["students": students(whole), "terms": terms(whole)])
        body["grades"] = .array(grades.keys.sorted().map { grade in
            .object(["grade": .int(grade), "students": students(grades[grade]!), "terms": terms(grades[grade]!)])
        })
        body["classes"] = .array(classUnits.map { name, grade, byPeriod in
            .object(["class": .string(name), "grade": .int(grade), "homeroom": .optional(year.classes[name]?.homeroom),
                     "students": students(byPeriod), "terms": terms(byPeriod)])
        })
        return .object(body)
    }

    // MARK: Snapshots (chốt số liệu)

    /// `snapshot --name N`: freezes the enrollment and results figures in one `snapshot.create` event.
    public func createSnapshot(_ year: YearFile, name: String) throws(SodiemError) -> AuditEvent {
        try require(.schoolOversight, year: year)
        guard isValidAccountID(name) else {
            throw SodiemError.usage(vi: "Tên bản chốt \"\(name)\" không hợp lệ (chữ không dấu, số, dấu . _ -; ví dụ chot-so-lieu-dau-nam).",
                                    en: "The snapshot name \"\(name)\" is not valid (ASCII letters, digits, . _ -; e.g. chot-so-lieu-dau-nam).")
        }
        if try world.frozenFigures(year.name, name) != nil {
            throw SodiemError.badData(vi: "Bản chốt số liệu \(name) của năm học \(year.name) đã có; số liệu đã chốt không đổi. Chọn tên khác.",
                                      en: "The snapshot \(name) of \(year.name) exists already; frozen figures do not change. Choose another name.")
        }
        return try commit(.snapshotCreate(SnapshotCreateBody(year: year.name, name: name, date: now.day,
                                                             figures: ["enrollment": try enrollmentReport(year), "results": try resultsReport(year)])))
    }

    /// The frozen figures of a kind from snapshot `name` (66 when there is no such snapshot).
    public func frozenReport(_ year: YearFile, name: String, kind: ReportKind) throws(SodiemError) -> JSON {
        guard isValidAccountID(name), let frozen = try world.frozenFigures(year.name, name) else {
            throw SodiemError.notFound(vi: "Không có bản chốt số liệu \(name) trong năm học \(year.name). Tạo bằng `sodiem snapshot --name \(name)`.",
                                       en: "There is no snapshot \(name) in \(year.name). Make one with `sodiem snapshot --name \(name)`.")
        }
        guard kind != .progress else {
            throw SodiemError.usage(vi: "Bản chốt chỉ giữ số liệu enrollment và results; báo cáo progress luôn tính theo dữ liệu hiện tại.",
                                    en: "A snapshot holds the enrollment and results figures only; the progress report is always live.")
        }
        let figures = frozen.figures[kind.rawValue]
        guard case .object(var members) = figures else {
            throw SodiemError.badData(vi: "Bản chốt \(name) không có số liệu \(kind.rawValue).", en: "The snapshot \(name) holds no \(kind.rawValue) figures.")
        }
        members["snapshot"] = .string(name)
        return .object(members)
    }

    /// The snapshots of a year, by name: those on disk and one the log has but the disk not yet (after a crash).
    public func snapshotNames(_ year: YearFile) -> [String] {
        let folder = directory.root.appendingPathComponent("years/\(year.name)/snapshots")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let onDisk = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }
        return Set(onDisk + world.frozenNames(year: year.name)).sorted()
    }
}

extension Period {
    /// `1`, `2` or `year`: the key of a period in JSON.
    public var key: String {
        switch self {
        case .term(let t): return "\(t.rawValue)"
        case .year: return "year"
        }
    }
}

/// Sĩ số: students by sex and ethnicity.
struct EnrollmentCount {
    var students = 0
    var male = 0
    var female = 0
    var sexUnknown = 0
    var kinh = 0
    var otherEthnic = 0
    var ethnicityUnknown = 0
    /// Folded name → (shown name, count).
    var ethnicities: [String: (name: String, count: Int)] = [:]

    mutating func add(_ record: StudentRecord) {
        students += 1
        switch record.particulars["gioi_tinh"].map({ VietnameseText.folded($0) }) {
        case "nam"?: male += 1
        case "nu"?: female += 1
        default: sexUnknown += 1
        }
        let typed = VietnameseText.nfc((record.particulars["dan_toc"] ?? "").trimmingCharacters(in: .whitespaces))
        let folded = VietnameseText.folded(typed)
        if folded.isEmpty {
            ethnicityUnknown += 1
            return
        }
        if folded == "kinh" { kinh += 1 } else { otherEthnic += 1 }
        let shown = folded == "kinh" ? "Kinh" : typed
        let current = ethnicities[folded]
        // The same spelling whatever the order of the files: the smallest one seen.
        ethnicities[folded] = (current.map { min($0.name, shown) } ?? shown, (current?.count ?? 0) + 1)
    }

    mutating func merge(_ other: EnrollmentCount) {
        students += other.students
        male += other.male
        female += other.female
        sexUnknown += other.sexUnknown
        kinh += other.kinh
        otherEthnic += other.otherEthnic
        ethnicityUnknown += other.ethnicityUnknown
        for (key, value) in other.ethnicities {
            let current = ethnicities[key]
            ethnicities[key] = (current.map { min($0.name, value.name) } ?? value.name, (current?.count ?? 0) + value.count)
        }
    }

    var json: [String: JSON] {
        ["students": .int(students), "male": .int(male), "female": .int(female), "sex_unknown": .int(sexUnknown),
         "kinh": .int(kinh), "other_ethnic": .int(otherEthnic), "ethnicity_unknown": .int(ethnicityUnknown),
         "ethnicities": .object(Dictionary(ethnicities.values.map { ($0.name, $0.count) }, uniquingKeysWith: +).mapValues(JSON.int))]
    }
}

/// Counts of levels, titles and outcomes for one period.
struct ResultsCount {
    static let levelKeys = Level.allCases.map(\.rawValue) + ["none"]
    /// Grade-9 students promoted complete lower secondary (hoàn thành chương trình THCS): their own key, not `len-lop`.
    static let completedKey = "hoan-thanh-thcs"
    static let outcomeKeys = Outcome.allCases.map(\.rawValue) + [completedKey, "none"]

    let period: Period
    var students = 0
    var learning: [String: Int] = [:]
    var conduct: [String: Int] = [:]
    var learningInitial: [String: Int] = [:]
    var conductInitial: [String: Int] = [:]
    var titles: [String: Int] = [:]
    var outcomes: [String: Int] = [:]
    var retestStudents = 0
    var retestSubjects: [String: Int] = [:]
    var retestsRecorded = 0

    init(period: Period) { self.period = period }

    mutating func add(_ e: StudentEvaluation) {
        students += 1
        let plan = e.record.individualPlan?.recorded
        switch period {
        case .term(let term):
            let r = e.results.term(term)
            learning[r.learning?.rawValue ?? "none", default: 0] += 1
            conduct[r.conduct?.rawValue ?? "none", default: 0] += 1
        case .year:
            let y = e.results.year
            // An individual plan's results are the principal's (Điều 11): what was recorded.
            learning[plan.map { $0["learning"] ?? "none" } ?? y.learning?.rawValue ?? "none", default: 0] += 1
            conduct[y.conduct?.rawValue ?? "none", default: 0] += 1
            learningInitial[plan.map { $0["learning"] ?? "none" } ?? y.learningInitial?.rawValue ?? "none", default: 0] += 1
            conductInitial[y.conductInitial?.rawValue ?? "none", default: 0] += 1
            if let title = plan.map({ $0["title"] }) ?? y.title?.rawValue { titles[title, default: 0] += 1 }
            var outcome = plan.map { $0["outcome"] ?? "none" } ?? y.outcome?.rawValue ?? "none"
            if e.input.grade == 9 && outcome == Outcome.promoted.rawValue { outcome = Self.completedKey }
            outcomes[outcome, default: 0] += 1
            if !y.retestSubjects.isEmpty {
                retestStudents += 1
                for code in y.retestSubjects { retestSubjects[code, default: 0] += 1 }
                retestsRecorded += y.subjects.filter { $0.retest != nil }.count
            }
        }
    }

    mutating func merge(_ other: ResultsCount) {
        students += other.students
        learning.merge(other.learning, uniquingKeysWith: +)
        conduct.merge(other.conduct, uniquingKeysWith: +)
        learningInitial.merge(other.learningInitial, uniquingKeysWith: +)
        conductInitial.merge(other.conductInitial, uniquingKeysWith: +)
        titles.merge(other.titles, uniquingKeysWith: +)
        outcomes.merge(other.outcomes, uniquingKeysWith: +)
        retestStudents += other.retestStudents
        retestSubjects.merge(other.retestSubjects, uniquingKeysWith: +)
        retestsRecorded += other.retestsRecorded
    }

    /// Every key present, zeros included, so columns never move.
    private static func counts(_ keys: [String], _ values: [String: Int]) -> JSON {
        var all = Dictionary(uniqueKeysWithValues: keys.map { ($0, JSON.int(values[$0] ?? 0)) })
        for (key, value) in values where all[key] == nil { all[key] = .int(value) }
        return .object(all)
    }

    var json: [String: JSON] {
        var members: [String: JSON] = ["students": .int(students), "learning": Self.counts(Self.levelKeys, learning),
                                       "conduct": Self.counts(Self.levelKeys, conduct)]
        if period == .year {
            members["learning_initial"] = Self.counts(Self.levelKeys, learningInitial)
            members["conduct_initial"] = Self.counts(Self.levelKeys, conductInitial)
            members["titles"] = Self.counts(Title.allCases.map(\.rawValue), titles)
            members["outcomes"] = Self.counts(Self.outcomeKeys, outcomes)
            members["retests"] = .object(["students": .int(retestStudents), "recorded": .int(retestsRecorded),
                                          "subjects": .object(retestSubjects.mapValues(JSON.int))])
        }
        return members
    }
}
