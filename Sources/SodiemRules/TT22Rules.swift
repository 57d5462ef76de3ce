import SodiemBasics
import SodiemModel
/// The assessment rules of Thông tư 22/2021/TT-BGDĐT (rules-tt22.md), pure and exact.
///
/// Scores and averages are tenths (`Int`); no floating point anywhere.
public struct TT22Rules: AssessmentRules {
    /// Số tiết/năm overrides from the school's plan: subject code → grade → periods.
    public let periods: [String: [Int: Int]]

    /// Creates the rules with the school's periods per year (the catalogue's defaults otherwise).
    public init(periods: [String: [Int: Int]] = [:]) {
        self.periods = periods
    }

    /// "TT22/2021/TT-BGDĐT".
    public var circular: String { "TT22/2021/TT-BGDĐT" }

    /// The TT22 subject catalogue (§1).
    public var subjects: [Subject] { TT22Catalogue.subjects }

    /// The subject with exactly this code.
    public func subject(code: String) -> Subject? { TT22Catalogue.subject(code: code) }

    /// Finds a subject by code, name or alias (no case, diacritics, spaces, `-`, `_`).
    public func lookup(_ typed: String) -> Subject? { TT22Catalogue.lookup(typed) }

    /// Số tiết/năm: the school's override, else the catalogue's default.
    public func periodsPerYear(_ subject: Subject, grade: Int) -> Int {
        periods[subject.code]?[grade] ?? subject.periodsPerYear(grade: grade)
    }

    /// Số lần đánh giá thường xuyên per term for the grade (§1, Điều 6).
    public func regularCount(_ subject: Subject, grade: Int) -> Int {
        TT22Rules.regularCount(kind: subject.kind, periods: periodsPerYear(subject, grade: grade))
    }

    /// Số lần đánh giá thường xuyên: scored ≤ 35 periods → 2, 36–70 → 3, > 70 → 4; comment → 2.
    public static func regularCount(kind: SubjectKind, periods: Int) -> Int {
        switch kind {
        case .comment: return 2
        case .scored: return periods <= 35 ? 2 : periods <= 70 ? 3 : 4
        }
    }

    /// Parses one entered value (§2).
    public func parseMark(_ text: String, kind: SubjectKind) -> Result<Mark, MarkError> {
        MarkParser.parse(text, kind: kind)
    }

    // MARK: - Arithmetic (§3, §4)

    /// num / den rounded half up to an integer, for num ≥ 0 and den > 0: ⌊(2·num + den) / (2·den)⌋.
    public static func roundHalfUp(_ numerator: Int, _ denominator: Int) -> Int {
        precondition(numerator >= 0 && denominator > 0)
        return (2 * numerator + denominator) / (2 * denominator)
    }

    /// The exact fraction of a term average in tenths: Σtx + 2·gk + 3·ck over N + 5; `nil` while incomplete.
    public static func termAverageFraction(_ marks: SubjectMarks, regularCount: Int)
        -> (numerator: Int, denominator: Int)? {
        guard marks.regular.count >= regularCount else { return nil }
        var sum = 0
        for index in 0..<regularCount {
            guard case .score(let s)? = marks.regular[index] else { return nil }
            sum += s.tenths
        }
        guard case .score(let gk)? = marks.midTerm, case .score(let ck)? = marks.endOfTerm else { return nil }
        return (sum + 2 * gk.tenths + 3 * ck.tenths, regularCount + 5)
    }

    /// Điểm trung bình môn học kì (ĐTBmhk) = (Σtx + 2·gk + 3·ck)/(N+5), half up to tenths; `nil` unless all N tx, gk, ck are scores.
    public static func termAverage(_ marks: SubjectMarks, regularCount: Int) -> Score? {
        guard let f = termAverageFraction(marks, regularCount: regularCount) else { return nil }
        return Score(tenths: roundHalfUp(f.numerator, f.denominator))
    }

    /// Điểm trung bình môn cả năm (ĐTBmcn) = (ĐTBmhk I + 2·ĐTBmhk II)/3 from the rounded term averages.
    public static func yearAverage(term1: Score?, term2: Score?) -> Score? {
        guard let t1 = term1, let t2 = term2 else { return nil }
        return Score(tenths: roundHalfUp(t1.tenths + 2 * t2.tenths, 3))
    }

    /// Mức đánh giá môn nhận xét học kì: Đ iff all N tx, gk, ck present and Đ; CĐ once all present otherwise; `nil` while missing.
    public static func termJudgement(_ marks: SubjectMarks, regularCount: Int) -> Judgement? {
        guard marks.regular.count >= regularCount else { return nil }
        var all: [Judgement] = []
        for mark in Array(marks.regular.prefix(regularCount)) + [marks.midTerm, marks.endOfTerm] {
            guard case .judgement(let j)? = mark else { return nil }
            all.append(j)
        }
        return all.allSatisfy { $0 == .pass } ? .pass : .fail
    }

    /// The term result of a subject: ĐTBmhk for a scored subject, the judgement for a comment subject.
    public static func termResult(_ marks: SubjectMarks, kind: SubjectKind, regularCount: Int) -> Mark? {
        switch kind {
        case .scored: return termAverage(marks, regularCount: regularCount).map { .score($0) }
        case .comment: return termJudgement(marks, regularCount: regularCount).map { .judgement($0) }
        }
    }

    /// The year result of a subject: ĐTBmcn for a scored subject, the term II judgement for a comment subject.
    public static func yearResult(term1: Mark?, term2: Mark?, kind: SubjectKind) -> Mark? {
        switch kind {
        case .scored:
            guard case .score(let a)? = term1, case .score(let b)? = term2 else { return nil }
            return yearAverage(term1: a, term2: b).map { .score($0) }
        case .comment:
            // Điều 9.1.a: the year result is the term II result, whether or not term I has one
            // (a student who joined in term II, or was exempt in term I).
            guard case .judgement(let j)? = term2 else { return nil }
            return .judgement(j)
        }
    }

    // MARK: - Learning level (§5)

    /// ĐTBmcn of a scored subject counted for Học sinh Xuất sắc (9.0), in tenths.
    package static let excellent = 90

    /// One condition of the learning-level table of §5 (Điều 9.2).
    package enum LevelCondition: Sendable, Equatable {
        /// Every comment subject Đ.
        case commentsAllPass
        /// At most one comment subject CĐ.
        case commentsAtMostOneFail
        /// Every scored subject at least this average (tenths).
        case everyScoreAtLeast(Int)
        /// At least six scored subjects at least this average (tenths).
        case sixScoresAtLeast(Int)

        /// Whether the condition holds for these averages (tenths) and judgements.
        package func holds(scores: [Int], judgements: [Judgement]) -> Bool {
            switch self {
            case .commentsAllPass: return judgements.allSatisfy { $0 == .pass }
            case .commentsAtMostOneFail: return judgements.filter { $0 == .fail }.count <= 1
            case .everyScoreAtLeast(let t): return scores.allSatisfy { $0 >= t }
            case .sixScoresAtLeast(let t): return scores.filter { $0 >= t }.count >= 6
            }
        }
    }

    /// The learning-level table (Điều 9.2), checked in order; below the last row is Chưa đạt.
    ///
    /// The one table that evaluation, `explain` and `explain --need` all walk.
    package static let levelTable: [(level: Level, conditions: [LevelCondition])] = [
        (.good, [.commentsAllPass, .everyScoreAtLeast(65), .sixScoresAtLeast(80)]),
        (.fair, [.commentsAllPass, .everyScoreAtLeast(50), .sixScoresAtLeast(65)]),
        (.pass, [.commentsAtMostOneFail, .sixScoresAtLeast(50), .everyScoreAtLeast(35)]),
    ]

    /// The first level of the table whose conditions hold (mức theo bảng, before adjustment).
    ///
    /// Scores are ĐTBmhk/ĐTBmcn in tenths; "at least 6 subjects" counts scored subjects.
    public static func baseLevel(scores: [Int], judgements: [Judgement]) -> Level {
        levelTable.first { row in row.conditions.allSatisfy { $0.holds(scores: scores, judgements: judgements) } }?.level
            ?? .fail
    }

    /// Kết quả học tập with the one-subject adjustment (§5 Decision); `nil` while any result is `nil`.
    ///
    /// A subject is "the one" when dropping it (a comment subject: counting it as Đ) gives T or K
    /// at least two levels above the base; the result is then the base raised by one level.
    public static func learning(_ results: [(code: String, result: Mark?)]) -> LearningAssessment? {
        var items: [(code: String, mark: Mark)] = []
        for entry in results {
            guard let mark = entry.result, mark != .missed else { return nil }  // vắng counts as missing
            items.append((entry.code, mark))
        }
        func level(_ marks: [Mark]) -> Level {
            var scores: [Int] = [], judgements: [Judgement] = []
            for mark in marks {
                switch mark {
                case .score(let s): scores.append(s.tenths)
                case .judgement(let j): judgements.append(j)
                case .missed: break  // excluded above
                }
            }
            return baseLevel(scores: scores, judgements: judgements)
        }
        let marks = items.map(\.mark)
        let base = level(marks)
        if base.rank >= 2 {
            for (index, item) in items.enumerated() {
                var without = marks
                if case .judgement = item.mark { without[index] = .judgement(.pass) } else { without.remove(at: index) }
                let reached = level(without)
                if reached.rank <= 1 && base.rank - reached.rank >= 2 {
                    return LearningAssessment(base: base, level: Level.allCases[base.rank - 1],
                                              adjustment: LearningAdjustment(subject: item.code, levelWithout: reached))
                }
            }
        }
        return LearningAssessment(base: base, level: base, adjustment: nil)
    }

    // MARK: - Conduct (§6)

    /// Kết quả rèn luyện cả năm from the two terms (the 16-cell table of §6).
    public static func yearConduct(term1: Level?, term2: Level?) -> Level? {
        guard let a = term1, let b = term2 else { return nil }
        let table: [[Level]] = [
            [.good, .fair, .fair, .fail],   // I = T
            [.good, .fair, .pass, .fail],   // I = K
            [.fair, .fair, .pass, .fail],   // I = Đ
            [.fair, .pass, .pass, .fail],   // I = CĐ
        ]
        return table[a.rank][b.rank]
    }

    // MARK: - Evaluation (§5-§8)

    /// Most sessions absent that still allow promotion (45 buổi).
    public static let maxAbsences = 45

    package func catalogueSubjects(_ input: StudentYearInput) -> [Subject] {
        input.subjects.compactMap { subject(code: $0) }
    }

    package func termResults(_ input: StudentYearInput, term: Term) -> TermResults {
        let subjects = catalogueSubjects(input).map { subject -> SubjectTermResult in
            let n = regularCount(subject, grade: input.grade)
            let marks = input.marks[term]?[subject.code] ?? SubjectMarks()
            // A plan subject (Điều 11): the plan's own Đ/CĐ, entered by the subject's lead.
            if input.individualPlan, let plan = input.planSubjects, plan.contains(subject.code) {
                return SubjectTermResult(code: subject.code, kind: subject.kind, regularCount: n, result: input.planResults[term]?[subject.code])
            }
            // A term completed at another school counts with the result its transcript gives.
            if let given = TT22Rules.validRetest(input.carried[term]?[subject.code], kind: subject.kind) {
                return SubjectTermResult(code: subject.code, kind: subject.kind, regularCount: n, result: given)
            }
            return SubjectTermResult(code: subject.code, kind: subject.kind, regularCount: n,
                                     result: TT22Rules.termResult(marks, kind: subject.kind, regularCount: n))
        }
        let assessment = input.individualPlan ? nil : TT22Rules.learning(subjects.map { ($0.code, $0.result) })
        return TermResults(term: term, subjects: subjects, learningAssessment: assessment, conduct: input.conduct[term])
    }

    /// A recorded re-test counts only if it is of the subject's kind.
    package static func validRetest(_ mark: Mark?, kind: SubjectKind) -> Mark? {
        switch (mark, kind) {
        case (.score?, .scored), (.judgement?, .comment): return mark
        default: return nil
        }
    }

    /// Re-test candidates: every comment subject at CĐ and every scored subject with ĐTBmcn < 5.0.
    package static func retestCandidates(_ subjects: [SubjectYearResult]) -> [String] {
        subjects.filter { s in
            switch s.result {
            case .score(let a)?: return a.tenths < 50
            case .judgement(let j)?: return j == .fail
            case .missed?, nil: return false
            }
        }.map(\.code)
    }

    /// Every average, level, title and outcome of one student for the year.
    public func evaluate(_ input: StudentYearInput) -> StudentResults {
        let t1 = termResults(input, term: .first)
        let t2 = termResults(input, term: .second)
        let raw = zip(t1.subjects, t2.subjects).map { a, b in
            SubjectYearResult(code: a.code, kind: a.kind, term1: a.result, term2: b.result,
                              result: TT22Rules.yearResult(term1: a.result, term2: b.result, kind: a.kind), retest: nil)
        }
        let conductInitial = TT22Rules.yearConduct(term1: input.conduct[.first], term2: input.conduct[.second])
        guard !input.individualPlan else {
            let plan = input.planSubjects ?? []
            // A plan subject's year result is the plan's, as for a comment subject: term II's.
            let subjects = raw.map { s in
                plan.contains(s.code) ? SubjectYearResult(code: s.code, kind: s.kind, term1: s.term1, term2: s.term2, result: s.term2, retest: nil) : s
            }
            var year = YearResults(subjects: subjects, learningInitialAssessment: nil, learningAfterRetestAssessment: nil,
                                   conductInitial: conductInitial, conduct: finalConduct(conductInitial, input),
                                   title: nil, outcome: nil, retestSubjects: [], leftToPrincipal: true)
            var first = t1, second = t2
            if input.planSubjects != nil {
                // Proposed from the subjects assessed as usual: the rules run over them alone.
                var usual = input
                usual.individualPlan = false
                usual.planSubjects = nil
                usual.subjects = input.subjects.filter { !plan.contains($0) }
                let proposed = evaluate(usual)
                year.proposal = YearResults.Proposal(learning: proposed.year.learning, outcome: proposed.year.outcome, title: proposed.year.title)
                first.proposedLearning = proposed.term1.learning
                second.proposedLearning = proposed.term2.learning
            }
            return StudentResults(grade: input.grade, term1: first, term2: second, year: year)
        }
        let initial = TT22Rules.learning(raw.map { ($0.code, $0.result) })
        let conduct = finalConduct(conductInitial, input)
        let retestList = retestSubjects(input, learning: initial?.level, raw: raw, conductInitial: conductInitial)
        let subjects = raw.map { s in
            SubjectYearResult(code: s.code, kind: s.kind, term1: s.term1, term2: s.term2, result: s.result,
                              retest: retestList.contains(s.code) ? TT22Rules.validRetest(input.retests[s.code], kind: s.kind) : nil)
        }
        let allRetested = !retestList.isEmpty && subjects.allSatisfy { !retestList.contains($0.code) || $0.retest != nil }
        let afterRetest = allRetested ? TT22Rules.learning(subjects.map { ($0.code, $0.final) }) : nil

        var outcome: Outcome?
        if input.absences > TT22Rules.maxAbsences {
            outcome = .retained
        } else if let conductInitial, let learningInitial = initial?.level {
            if conductInitial == .fail && input.conductAfterSummer == nil {
                outcome = .summerTraining
            } else if conduct == .fail {
                outcome = .retained
            } else if learningInitial != .fail {
                outcome = .promoted
            } else if let after = afterRetest {
                outcome = after.level == .fail ? .retained : .promoted
            } else if retestList.isEmpty {
                outcome = .retained  // CĐ with nothing to re-test (fewer than 6 scored subjects): nothing can change it
            } else {
                outcome = .retest
            }
        }

        var title: Title?
        // Điều 15.1.a sets no attendance condition: a student retained for more than 45 buổi
        // absent keeps the title their conduct and learning earn (docs/rules-tt22-decisions.md).
        if conductInitial == .good, initial?.level == .good {
            let nines = raw.filter { ($0.average?.tenths ?? 0) >= TT22Rules.excellent }.count
            title = nines >= 6 ? .excellent : .good
        }
        let year = YearResults(subjects: subjects, learningInitialAssessment: initial,
                               learningAfterRetestAssessment: afterRetest, conductInitial: conductInitial,
                               conduct: conduct, title: title, outcome: outcome, retestSubjects: retestList,
                               leftToPrincipal: false)
        return StudentResults(grade: input.grade, term1: t1, term2: t2, year: year)
    }

    /// Final year conduct: the after-summer level replaces a CĐ year conduct once recorded.
    package func finalConduct(_ initial: Level?, _ input: StudentYearInput) -> Level? {
        if initial == .fail, let after = input.conductAfterSummer { return after }
        return initial
    }

    package func retestSubjects(_ input: StudentYearInput, learning: Level?, raw: [SubjectYearResult],
                        conductInitial: Level?) -> [String] {
        guard !input.individualPlan, input.absences <= TT22Rules.maxAbsences, learning == .fail,
              let conductInitial else { return [] }
        // Conduct CĐ: re-tests may be recorded during summer training, unless the after-summer conduct is CĐ again.
        if conductInitial == .fail && input.conductAfterSummer == .fail { return [] }
        return TT22Rules.retestCandidates(raw)
    }

    /// Subjects the rules send this student to re-test in; the CLI refuses `retest` for any other.
    public func retestSubjects(_ input: StudentYearInput) -> [String] {
        evaluate(input).year.retestSubjects
    }
}
