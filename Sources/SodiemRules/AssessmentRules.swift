import SodiemBasics
import SodiemModel
/// The assessment rules of one circular for a school year and grade (quy định đánh giá học sinh).
///
/// TT22 is the only circular implemented; a later one sits beside it as another conforming type
/// and `RuleBook` picks it by year and grade.
public protocol AssessmentRules: Sendable {
    /// Short name of the circular: "TT22/2021/TT-BGDĐT".
    var circular: String { get }
    /// The subject catalogue (danh mục môn học).
    var subjects: [Subject] { get }
    /// The subject with exactly this code.
    func subject(code: String) -> Subject?
    /// Finds a subject by code, name or alias typed by a user (no case, no diacritics).
    func lookup(_ typed: String) -> Subject?
    /// Periods per year (số tiết/năm) of a subject for a grade, with the school's overrides.
    func periodsPerYear(_ subject: Subject, grade: Int) -> Int
    /// Number of regular assessments per term (số lần đánh giá thường xuyên).
    func regularCount(_ subject: Subject, grade: Int) -> Int
    /// Parses one entered value for a subject of this kind.
    func parseMark(_ text: String, kind: SubjectKind) -> Result<Mark, MarkError>
    /// Every average, level, title and outcome of one student for the year.
    func evaluate(_ input: StudentYearInput) -> StudentResults
    /// Subjects the rules send this student to re-test in (môn kiểm tra lại); empty when none.
    func retestSubjects(_ input: StudentYearInput) -> [String]
    /// How each average and level of the period was reached, step by step (`sodiem explain`).
    func explain(_ input: StudentYearInput, period: Period) -> [ExplanationStep]
    /// The lowest end-of-term scores that still reach each learning level (what-if planner).
    func need(_ input: StudentYearInput, period: Period) -> NeedPlan
}

/// Chooses the rules for a school year and grade (sổ quy định theo năm học).
public enum RuleBook {
    /// The rules for a year ("2024-2025") and grade 6–9, with the school's periods per year.
    ///
    /// TT22 from 2021-2022 onward. No earlier circular is implemented: earlier years get TT22
    /// too; use `covers(year:grade:)` to warn about them.
    public static func rules(forYear year: String, grade: Int,
                             periods: [String: [Int: Int]] = [:]) -> any AssessmentRules {
        TT22Rules(periods: periods)
    }

    /// True when TT22 governed this year and grade (phased in: grade 6 from 2021-2022, 7 from 2022-2023, 8 from 2023-2024, 9 from 2024-2025).
    public static func covers(year: String, grade: Int) -> Bool {
        guard let start = Int(year.prefix(4)), (6...9).contains(grade) else { return false }
        return start >= 2021 + (grade - 6)
    }
}

/// A period of assessment: one term (học kì) or the whole year (cả năm).
public enum Period: Hashable, Sendable {
    /// Học kì I or II.
    case term(Term)
    /// Cả năm học.
    case year
}

/// A title at the end of the year (danh hiệu, Điều 15).
public enum Title: String, Hashable, Sendable, CaseIterable {
    /// Học sinh Xuất sắc.
    case excellent = "xuat-sac"
    /// Học sinh Giỏi.
    case good = "gioi"
}

/// What happens to the student at the end of the year (Điều 12-14).
public enum Outcome: String, Hashable, Sendable, CaseIterable {
    /// Lên lớp (grade 9: hoàn thành chương trình THCS).
    case promoted = "len-lop"
    /// Rèn luyện trong kì nghỉ hè.
    case summerTraining = "ren-luyen-he"
    /// Kiểm tra lại.
    case retest = "kiem-tra-lai"
    /// Ở lại lớp.
    case retained = "o-lai-lop"
}

/// Everything the rules need about one student for one school year.
public struct StudentYearInput: Hashable, Sendable {
    /// Grade (khối lớp) 6–9.
    public var grade: Int
    /// Codes of the subjects the student takes, in ledger order (compulsory ones and chosen optional ones).
    public var subjects: [String]
    /// Recorded marks per term per subject code (điểm đánh giá).
    public var marks: [Term: [String: SubjectMarks]]
    /// Conduct level per term set by the homeroom teacher (kết quả rèn luyện học kì).
    public var conduct: [Term: Level]
    /// Re-assessed year conduct after summer training (rèn luyện lại trong hè).
    public var conductAfterSummer: Level?
    /// Sessions absent in the year, excused and unexcused together (số buổi nghỉ).
    public var absences: Int
    /// Re-test results per subject code (kết quả kiểm tra lại).
    public var retests: [String: Mark]
    /// Individual education plan (kế hoạch giáo dục cá nhân, Điều 11): levels left to the principal.
    public var individualPlan: Bool
    /// How `absences` was counted (main session, days counted, days of the other session only), for `explain`.
    public var absenceDetail: AbsenceCount?
    /// With `individualPlan`: the subjects that follow the plan (nil: every subject, the levels left
    /// to the principal as a whole). The others are assessed as usual and the learning level,
    /// title and outcome are proposed from them (rules-tt22.md §8, Điều 11).
    public var planSubjects: Set<String>?
    /// The plan's own result (Đ/CĐ) of each plan subject per term, entered by the subject's lead.
    public var planResults: [Term: [String: Mark]] = [:]
    /// Term results given from another school's transcript (`transfer-in`, rules-tt22.md §8):
    /// subject code → ĐTBmhk or Đ/CĐ; they are that term's results in place of computed ones.
    public var carried: [Term: [String: Mark]] = [:]

    /// Creates an input; `subjects` defaults to the compulsory subjects.
    public init(grade: Int, subjects: [String] = TT22Catalogue.compulsoryCodes,
                marks: [Term: [String: SubjectMarks]] = [:], conduct: [Term: Level] = [:],
                conductAfterSummer: Level? = nil, absences: Int = 0, retests: [String: Mark] = [:],
                individualPlan: Bool = false) {
        self.grade = grade
        self.subjects = subjects
        self.marks = marks
        self.conduct = conduct
        self.conductAfterSummer = conductAfterSummer
        self.absences = absences
        self.retests = retests
        self.individualPlan = individualPlan
    }
}

/// The result of one subject for one term: ĐTBmhk or the Đ/CĐ judgement.
public struct SubjectTermResult: Hashable, Sendable {
    /// Subject code.
    public let code: String
    /// Scored or comment subject.
    public let kind: SubjectKind
    /// Number of regular assessments (tx) the subject has for the grade.
    public let regularCount: Int
    /// Điểm trung bình môn học kì (ĐTBmhk) as `.score`, or the term judgement; `nil` while incomplete.
    public let result: Mark?

    /// Creates a subject's term result.
    public init(code: String, kind: SubjectKind, regularCount: Int, result: Mark?) {
        self.code = code
        self.kind = kind
        self.regularCount = regularCount
        self.result = result
    }

    /// Điểm trung bình môn học kì (ĐTBmhk), for a scored subject.
    public var average: Score? { if case .score(let s)? = result { return s } else { return nil } }
    /// Mức đánh giá học kì (Đ/CĐ), for a comment subject.
    public var judgement: Judgement? { if case .judgement(let j)? = result { return j } else { return nil } }
}

/// The year result of one subject: term results, ĐTBmcn or year judgement, re-test.
public struct SubjectYearResult: Hashable, Sendable {
    /// Subject code.
    public let code: String
    /// Scored or comment subject.
    public let kind: SubjectKind
    /// Kết quả học kì I.
    public let term1: Mark?
    /// Kết quả học kì II.
    public let term2: Mark?
    /// Điểm trung bình môn cả năm (ĐTBmcn), or the year judgement (= term II), before re-test.
    public let result: Mark?
    /// Kết quả kiểm tra lại, when the subject was sent to re-test and it is recorded.
    public let retest: Mark?

    /// Creates a subject's year result.
    public init(code: String, kind: SubjectKind, term1: Mark?, term2: Mark?, result: Mark?, retest: Mark?) {
        self.code = code
        self.kind = kind
        self.term1 = term1
        self.term2 = term2
        self.result = result
        self.retest = retest
    }

    /// Kết quả cuối cùng: the re-test result where one was taken, else the year result.
    public var final: Mark? { retest ?? result }
    /// Điểm trung bình môn cả năm (ĐTBmcn), for a scored subject.
    public var average: Score? { if case .score(let s)? = result { return s } else { return nil } }
}

/// How the learning level was reached: base level of the table and the one-subject adjustment.
public struct LearningAssessment: Hashable, Sendable {
    /// Mức theo bảng (the first level whose conditions hold).
    public let base: Level
    /// Mức sau điều chỉnh (Điều 9.3): the result.
    public let level: Level
    /// The subject that raised the level by one, and the level reached without it.
    public let adjustment: LearningAdjustment?

    /// Creates an assessment.
    public init(base: Level, level: Level, adjustment: LearningAdjustment?) {
        self.base = base
        self.level = level
        self.adjustment = adjustment
    }
}

/// The one-subject adjustment (điều chỉnh do một môn, Điều 9.3).
public struct LearningAdjustment: Hashable, Sendable {
    /// The subject that alone held the level down (môn duy nhất).
    public let subject: String
    /// Level without it (for a comment subject: counted as Đ).
    public let levelWithout: Level

    /// Creates an adjustment record.
    public init(subject: String, levelWithout: Level) {
        self.subject = subject
        self.levelWithout = levelWithout
    }
}

/// Results of one term (học kì).
public struct TermResults: Hashable, Sendable {
    /// The term.
    public let term: Term
    /// Per subject ĐTBmhk or judgement, in the input's subject order.
    public let subjects: [SubjectTermResult]
    /// How the learning level was reached; `nil` while a subject is incomplete or on an individual plan.
    public let learningAssessment: LearningAssessment?
    /// Kết quả rèn luyện học kì, as entered.
    public let conduct: Level?

    /// On an individual plan with plan subjects: the level proposed from the other subjects,
    /// for the principal's decision (Điều 12.4).
    public var proposedLearning: Level?

    /// Kết quả học tập học kì (T/K/Đ/CĐ).
    public var learning: Level? { learningAssessment?.level }
    /// The result of one subject by code.
    public func subject(_ code: String) -> SubjectTermResult? { subjects.first { $0.code == code } }
}

/// Results of the year (cả năm học).
public struct YearResults: Hashable, Sendable {
    /// Per subject term I/II, ĐTBmcn or judgement, re-test; in the input's subject order.
    public let subjects: [SubjectYearResult]
    /// Year learning before re-tests: how it was reached.
    public let learningInitialAssessment: LearningAssessment?
    /// Year learning recomputed with the re-test results, once all are recorded.
    public let learningAfterRetestAssessment: LearningAssessment?
    /// Kết quả rèn luyện cả năm from the two terms (before summer training).
    public let conductInitial: Level?
    /// Kết quả rèn luyện cả năm, final: the after-summer level where it replaced a CĐ.
    public let conduct: Level?
    /// Danh hiệu (on the results before re-tests).
    public let title: Title?
    /// Lên lớp / rèn luyện hè / kiểm tra lại / ở lại lớp; `nil` while not determinable.
    public let outcome: Outcome?
    /// Subjects to re-test (môn phải kiểm tra lại); empty when none.
    public let retestSubjects: [String]
    /// Individual education plan: learning, title and outcome are left to the principal (do hiệu trưởng quyết định).
    public let leftToPrincipal: Bool
    /// On an individual plan with plan subjects: learning, title and outcome proposed from the
    /// subjects assessed as usual (the principal decides, Điều 12.4).
    public var proposal: Proposal?

    /// What the rules propose to the principal for a student on an individual plan.
    public struct Proposal: Hashable, Sendable {
        /// Kết quả học tập cả năm over the subjects assessed as usual.
        public var learning: Level?
        /// Lên lớp / ở lại lớp … as the rules would give it.
        public var outcome: Outcome?
        /// Danh hiệu as the rules would give it.
        public var title: Title?
    }

    /// Kết quả học tập cả năm before re-tests (`learning_initial`).
    public var learningInitial: Level? { learningInitialAssessment?.level }
    /// Kết quả học tập cả năm, final (after re-tests where all were recorded).
    public var learning: Level? { learningAfterRetestAssessment?.level ?? learningInitial }
    /// The result of one subject by code.
    public func subject(_ code: String) -> SubjectYearResult? { subjects.first { $0.code == code } }
}

/// Everything the rules compute for one student in one year.
public struct StudentResults: Hashable, Sendable {
    /// Khối lớp.
    public let grade: Int
    /// Học kì I.
    public let term1: TermResults
    /// Học kì II.
    public let term2: TermResults
    /// Cả năm.
    public let year: YearResults

    /// The results of a term.
    public func term(_ term: Term) -> TermResults { term == .first ? term1 : term2 }
}

/// One step of a derivation for `sodiem explain`, in Vietnamese and English.
public struct ExplanationStep: Hashable, Sendable {
    /// What the step is about.
    public enum Kind: String, Hashable, Sendable {
        /// Average or judgement of one subject (điểm trung bình / mức đánh giá môn).
        case subject
        /// One condition of one learning level (điều kiện của một mức).
        case condition
        /// The learning level reached (kết quả học tập).
        case learning
        /// The one-subject adjustment (điều chỉnh).
        case adjustment
        /// Conduct (rèn luyện).
        case conduct
        /// Re-test (kiểm tra lại).
        case retest
        /// Title (danh hiệu).
        case title
        /// Year outcome (lên lớp / ở lại …).
        case outcome
        /// Assumption or remark (giả định, ghi chú).
        case note
    }

    /// The kind of step.
    public let kind: Kind
    /// The subject the step is about, if any.
    public let subject: String?
    /// The level the step is about (condition, learning, conduct), if any.
    public let level: Level?
    /// Whether the condition held (for `.condition` and `.adjustment`).
    public let holds: Bool?
    /// The step's value in JSON form ("7.7", "Đ", "K", "len-lop"), if any.
    public let value: String?
    /// Vietnamese and English text.
    public let text: Message

    /// Creates a step.
    public init(kind: Kind, subject: String? = nil, level: Level? = nil, holds: Bool? = nil,
                value: String? = nil, text: Message) {
        self.kind = kind
        self.subject = subject
        self.level = level
        self.holds = holds
        self.value = value
        self.text = text
    }

    /// Vietnamese text.
    public var vi: String { text.vi }
    /// English text.
    public var en: String { text.en }
}

/// The what-if plan (`need`): lowest end-of-term scores that still reach each learning level.
public struct NeedPlan: Hashable, Sendable {
    /// The period planned (a term, or the year).
    public let period: Period
    /// Subjects with missing marks in the period (môn còn thiếu điểm).
    public let pending: [String]
    /// The level now, when nothing is pending.
    public let current: Level?
    /// For T, K, Đ: the lowest single score that, given to every missing column of every pending subject, reaches that level.
    public let levels: [LevelNeed]
    /// Per pending scored subject: the lowest score reaching each average threshold.
    public let subjects: [SubjectNeed]
    /// Assumptions and remarks, in Vietnamese and English.
    public let notes: [Message]
}

/// The lowest uniform score for one level.
public struct LevelNeed: Hashable, Sendable {
    /// Target level (T, K or Đ).
    public let level: Level
    /// Lowest score reaching it (0,0 when anything does); `nil` when not reachable even with 10.
    public let minimum: Score?
}

/// The lowest score for one pending subject to reach each threshold of its average.
public struct SubjectNeed: Hashable, Sendable {
    /// Subject code.
    public let code: String
    /// For 3.5, 5.0, 6.5, 8.0, 9.0: the lowest score in the subject's missing columns reaching it; `nil` when unreachable.
    public let thresholds: [ThresholdNeed]
}

/// The lowest score reaching one average threshold.
public struct ThresholdNeed: Hashable, Sendable {
    /// The threshold of the average (ngưỡng), in tenths: 35, 50, 65, 80, 90.
    public let threshold: Score
    /// Lowest score reaching it; `nil` when unreachable even with 10.
    public let minimum: Score?
}
