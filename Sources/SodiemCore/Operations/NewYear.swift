import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// What `year create NEW --from OLD --promote` does with every student of the old year.
public struct PromotionPlan: Sendable {
    /// One student and where they came from.
    public struct Move: Sendable, Equatable {
        /// Id of the student (mã học sinh), kept from year to year.
        public var student: String
        /// Họ và tên, as in the old year.
        public var name: String
        /// The class in the old year.
        public var from: String
        /// The class in the new year; nil when the student leaves (grade 9 completed) or is left out.
        public var to: String?
        /// The year outcome (`len-lop`, `o-lai-lop`, …), nil while not determinable.
        public var outcome: String?
    }

    /// Lên lớp: into the next grade's class of the same name (6A1 → 7A1).
    public var promoted: [Move] = []
    /// Ở lại lớp: into the class of the same name in the new year.
    public var retained: [Move] = []
    /// Grade 9 completers (hoàn thành chương trình THCS): they leave the school.
    public var completed: [Move] = []
    /// Outcome not determinable yet (re-test or summer training pending, results incomplete).
    public var undetermined: [Move] = []
    /// The `classes` member of the `year.create` event: name → grade, homeroom, students.
    package var classes: [String: PromotedClass] = [:]
}

extension Session {
    /// Works out the new year's classes from the old year's outcomes (rules-tt22.md: lên lớp / ở lại lớp).
    ///
    /// A promoted student goes to the class named like theirs with the grade digit raised
    /// (6A1 → 7A1), a retained one to the class of the same name; grade-9 completers leave.
    /// The new class keeps the homeroom teacher of the class it came up from (else of the class
    /// of the same name), and every student keeps their particulars.
    public func promotionPlan(from source: YearFile) throws(SodiemError) -> PromotionPlan {
        var plan = PromotionPlan()
        var students: [String: [String: PromotedStudent]] = [:]
        var grades: [String: Int] = [:]
        for className in orderedClasses(source) {
            let file = try classFile(source, className)
            // Derived only for a class that has someone to promote: an empty, oddly named class blocks nothing.
            for e in try evaluate(source, file) {
                let outcome = e.record.individualPlan.map { $0.recorded["outcome"] } ?? e.results.year.outcome?.rawValue
                var move = PromotionPlan.Move(student: e.id, name: e.record.name, from: className, to: nil, outcome: outcome)
                let entry = PromotedStudent(name: e.record.name, particulars: e.record.particulars)
                switch outcome {
                case Outcome.promoted.rawValue?:
                    if file.grade >= 9 {
                        plan.completed.append(move)
                    } else {
                        let next = try nextClassName(className, grade: file.grade)
                        move.to = next
                        students[next, default: [:]][e.id] = entry
                        grades[next] = file.grade + 1
                        plan.promoted.append(move)
                    }
                case Outcome.retained.rawValue?:
                    move.to = className
                    students[className, default: [:]][e.id] = entry
                    grades[className] = file.grade
                    plan.retained.append(move)
                default:
                    plan.undetermined.append(move)
                }
            }
        }
        let accounts = try world.users().accounts
        for (name, members) in students {
            let grade = grades[name]!
            // The class moves up with its homeroom teacher; a class of retained students only keeps its own.
            let below = grade > 6 ? try previousClassName(name, grade: grade) : nil
            var homeroom = below.flatMap { source.classes[$0]?.homeroom } ?? source.classes[name]?.homeroom
            if let id = homeroom, accounts[id]?.disabled != false { homeroom = nil }
            plan.classes[name] = PromotedClass(grade: grade, homeroom: homeroom, students: members)
        }
        return plan
    }

    /// `year create NEW --from OLD --promote [--force]`: the new year with the old year's students moved up, in one event.
    ///
    /// Students whose outcome is not determinable yet stop it (65, listing them) unless `force`:
    /// then they are left out of the new year (listed in the event's `undetermined`), to be placed
    /// by `import-students` once their re-test or summer training is decided.
    public func createPromotedYear(name: String, from sourceName: String, terms: [Term: TermDates], current: Bool,
                                   force: Bool) throws(SodiemError) -> (event: AuditEvent, plan: PromotionPlan) {
        try require(.setUp)
        try Session.checkYearName(name)
        try Session.checkYearName(sourceName)
        guard let source = try world.year(sourceName) else {
            throw SodiemError.notFound(vi: "Không có năm học \(sourceName) để chuyển lên (\(option: .from)). Xem `\(run: .showYears)`.",
                                       en: "There is no school year \(sourceName) to promote from (\(option: .from)). See `\(run: .showYears)`.")
        }
        guard Int(name.prefix(4)) == Int(sourceName.prefix(4)).map({ $0 + 1 }) else {
            throw SodiemError.badData(vi: "Năm học \(name) không phải năm liền sau \(sourceName); lên lớp chỉ sang năm kế tiếp.",
                                      en: "The year \(name) does not follow \(sourceName); promotion goes to the next year only.")
        }
        let plan = try promotionPlan(from: source)
        if !plan.undetermined.isEmpty && !force {
            let lines = plan.undetermined.map { m in
                Message(vi: "  \(m.student) \(m.name) (\(m.from)): \(m.outcomeWords.vi)",
                        en: "  \(m.student) \(m.name) (\(m.from)): \(m.outcomeWords.en)")
            }
            throw SodiemError.badData(.lines([Message(
                vi: "Chưa xác định được kết quả lên lớp của \(plan.undetermined.count) học sinh của \(sourceName) (nhập điểm kiểm tra lại, rèn luyện hè hoặc điểm còn thiếu trước; hoặc dùng \(option: .force) để để họ ra ngoài năm mới và xếp lớp sau bằng \(command: .importStudents)):",
                en: "The outcome of \(plan.undetermined.count) students of \(sourceName) is not determinable yet (record the re-tests, summer conduct or missing scores first; or use \(option: .force) to leave them out of the new year and place them later with \(command: .importStudents)):")] + lines))
        }
        let event = try createYear(name: name, terms: terms, current: current, promoted: plan.classes, from: sourceName,
                                   undetermined: plan.undetermined.map(\.student))
        return (event, plan)
    }

    /// 6A1 → 7A1: the grade digit raised (65 when the name does not start with its grade).
    func nextClassName(_ name: String, grade: Int) throws(SodiemError) -> String {
        guard name.first == Character("\(grade)") else {
            throw SodiemError.badData(vi: "Tên lớp \(name) không bắt đầu bằng khối \(grade), nên không suy ra được lớp lên (ví dụ 6A1 → 7A1).",
                                      en: "The class name \(name) does not start with its grade \(grade), so its next class cannot be derived (e.g. 6A1 → 7A1).")
        }
        return "\(grade + 1)" + name.dropFirst()
    }

    func previousClassName(_ name: String, grade: Int) throws(SodiemError) -> String {
        "\(grade - 1)" + name.dropFirst()
    }
}

extension PromotionPlan.Move {
    /// The outcome as words ("Kiểm tra lại" / "re-test"), for text; the code stays in JSON.
    public var outcomeWords: Message {
        guard let outcome else { return Message(vi: "chưa đủ kết quả", en: "results incomplete") }
        guard let known = Outcome(rawValue: outcome) else { return Message(vi: outcome, en: outcome) }
        let english: [Outcome: String] = [.promoted: "promoted", .summerTraining: "summer training", .retest: "re-test", .retained: "retained"]
        return Message(vi: PrintedNames.outcome(known, grade: 6), en: english[known]!)
    }
}
