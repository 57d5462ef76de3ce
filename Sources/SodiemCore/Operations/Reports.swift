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

/// The figures of a report, per class, per grade and for the whole school, as typed values whose
/// JSON has stable keys (`ReportFigures.swift`, docs/reports-and-reminders.md). That JSON is frozen
/// by `snapshot` and read back into the same values; the CLI renders the values.
extension Session {
    /// Classes of the year in list order (6A1, 6A2, …, 6A10, 7A1 …).
    public func orderedClasses(_ year: YearFile) -> [String] {
        year.classes.keys.sorted { a, b in
            let (ga, gb) = (year.classes[a]!.grade, year.classes[b]!.grade)
            return ga != gb ? ga < gb : ClassNotation.precedes(a, b)
        }
    }

    /// The header every report carries: kind, year, the day it reflects and the log position.
    func reportHeader(_ kind: ReportKind, _ year: YearFile, date: Day) -> ReportHeader {
        // The full head: a report is a witness (data.md), printed pages show its first 16 digits.
        ReportHeader(kind: kind, year: year.name, date: date, seq: anchor.seq, hash: tail.lastHash, school: school.name, snapshot: nil)
    }

    // MARK: Enrollment (sĩ số)

    /// Students by sex (giới tính), ethnicity (dân tộc: Kinh, others, by name), grade and class.
    public func enrollmentReport(_ year: YearFile) throws(SodiemError) -> EnrollmentReport {
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
        return EnrollmentReport(
            header: reportHeader(.enrollment, year, date: now.day),
            units: ReportUnits(total: whole.figures,
                               grades: grades.keys.sorted().map { .init(grade: $0, counts: grades[$0]!.figures) },
                               classes: zip(orderedClasses(year), units).map { name, count in
                                   .init(className: name, grade: year.classes[name]!.grade, homeroom: year.classes[name]!.homeroom,
                                         counts: count.figures)
                               }))
    }

    // MARK: Results (kết quả học tập và rèn luyện)

    /// Distribution of learning and conduct levels per term and year, titles, outcomes, re-tests.
    ///
    /// Every class is evaluated once (`evaluate`) for all the periods asked.
    public func resultsReport(_ year: YearFile, periods: [Period] = [.term(.first), .term(.second), .year]) throws(SodiemError) -> ResultsReport {
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
        // Every period asked is present, zeros included; the students are the same in each.
        func figures(_ byPeriod: [Period: ResultsCount]) -> ResultFigures {
            ResultFigures(students: byPeriod.values.first?.students ?? 0,
                          periods: Dictionary(uniqueKeysWithValues: periods.map { ($0, byPeriod[$0, default: ResultsCount(period: $0)].figures) }))
        }
        return ResultsReport(
            header: reportHeader(.results, year, date: now.day), periods: periods,
            units: ReportUnits(total: figures(whole),
                               grades: grades.keys.sorted().map { .init(grade: $0, counts: figures(grades[$0]!)) },
                               classes: classUnits.map { name, grade, byPeriod in
                                   .init(className: name, grade: grade, homeroom: year.classes[name]?.homeroom, counts: figures(byPeriod))
                               }))
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
                                                             figures: ["enrollment": try enrollmentReport(year).json, "results": try resultsReport(year).json])))
    }

    /// The frozen figures of a kind from snapshot `name` (66 when there is no such snapshot), read
    /// back into the values a live report has, with the snapshot's name in their header.
    public func frozenReport(_ year: YearFile, name: String, kind: ReportKind) throws(SodiemError) -> Report {
        guard isValidAccountID(name), let frozen = try world.frozenFigures(year.name, name) else {
            throw SodiemError.notFound(vi: "Không có bản chốt số liệu \(name) trong năm học \(year.name). Tạo bằng `\(run: .makeSnapshot(name: name))`.",
                                       en: "There is no snapshot \(name) in \(year.name). Make one with `\(run: .makeSnapshot(name: name))`.")
        }
        guard kind != .progress else {
            throw SodiemError.usage(vi: "Bản chốt chỉ giữ số liệu enrollment và results; báo cáo progress luôn tính theo dữ liệu hiện tại.",
                                    en: "A snapshot holds the enrollment and results figures only; the progress report is always live.")
        }
        let read = FrozenFiguresReader(refusal: SodiemError.badData(vi: "Bản chốt \(name) không có số liệu \(kind.rawValue).",
                                                                    en: "The snapshot \(name) holds no \(kind.rawValue) figures."))
        let figures = frozen.figures[kind.rawValue]
        switch kind {
        case .enrollment: return .enrollment(try EnrollmentReport(frozen: figures, snapshot: name, read))
        case .results: return .results(try ResultsReport(frozen: figures, snapshot: name, read))
        case .progress: throw read.refusal
        }
    }

    /// The snapshots of a year, by name: those on disk and one the log has but the disk not yet (after a crash).
    public func snapshotNames(_ year: YearFile) -> [String] {
        let folder = directory.root.appendingPathComponent("years/\(year.name)/snapshots")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let onDisk = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }
        return Set(onDisk + world.frozenNames(year: year.name)).sorted()
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
        let typed = VietnameseText.nfc((record.particulars["dan_toc"] ?? "").trimmingSpaces())
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

    /// The counts as a report shows them: ethnicities by their shown name.
    var figures: EnrollmentFigures {
        EnrollmentFigures(students: students, male: male, female: female, sexUnknown: sexUnknown, kinh: kinh,
                          otherEthnic: otherEthnic, ethnicityUnknown: ethnicityUnknown,
                          ethnicities: Dictionary(ethnicities.values.map { ($0.name, $0.count) }, uniquingKeysWith: +))
    }
}

/// Counts of levels, titles and outcomes for one period.
struct ResultsCount {
    /// Grade-9 students promoted complete lower secondary (hoàn thành chương trình THCS): their own key, not `len-lop`.
    static let completedKey = ReportedOutcome.completedLowerSecondary.code

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

    /// The counts as a report shows them: every key present, zeros included, so columns never move.
    var figures: PeriodResultFigures {
        let levels = ReportedLevel.allCases
        return PeriodResultFigures(
            students: students, learning: CodeCounts(known: levels, counted: learning), conduct: CodeCounts(known: levels, counted: conduct),
            year: period != .year ? nil : YearResultFigures(
                learningInitial: CodeCounts(known: levels, counted: learningInitial),
                conductInitial: CodeCounts(known: levels, counted: conductInitial),
                titles: CodeCounts(known: Title.allCases, counted: titles),
                outcomes: CodeCounts(known: ReportedOutcome.allCases, counted: outcomes),
                retests: RetestFigures(students: retestStudents, recorded: retestsRecorded, subjects: retestSubjects)))
    }
}
