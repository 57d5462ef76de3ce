import SodiemBasics
import SodiemModel
extension TT22Rules {
    /// Average thresholds of the level table and the titles, in tenths: 3,5 5,0 6,5 8,0 9,0.
    public static let thresholds: [Int] = Set(levelTable.flatMap(\.conditions).compactMap { condition -> Int? in
        switch condition {
        case .everyScoreAtLeast(let t), .sixScoresAtLeast(let t): return t
        case .commentsAllPass, .commentsAtMostOneFail: return nil
        }
    } + [excellent]).sorted()

    /// The what-if planner (`need`): the lowest scores in the missing columns that still reach T, K, Đ.
    ///
    /// Assumptions (also returned in `notes`): every missing column (tx, gk or ck) of a pending
    /// scored subject gets the same planned score; missing judgements of comment subjects are
    /// assumed Đ; recorded marks stay as they are. `levels` is the lowest single score that, given
    /// to every pending subject at once, reaches the level (levels are monotone in the scores, so
    /// the search over 0,0…10,0 in tenths is exact). `subjects` is, per pending subject alone, the
    /// lowest score reaching each threshold of its average. For the year, missing columns of both
    /// terms are planned and the year level is the one before any re-test.
    public func need(_ input: StudentYearInput, period: Period) -> NeedPlan {
        let terms: [Term] = period == .year ? [.first, .second] : [period == .term(.first) ? .first : .second]
        let results = evaluate(input)
        let catalogue = catalogueSubjects(input)
        let pending = catalogue.filter { s in
            terms.contains { results.term($0).subject(s.code)?.result == nil }
        }
        var notes: [Message] = []
        func level(_ r: StudentResults) -> Level? {
            switch period {
            case .term(let t): return r.term(t).learning
            case .year: return r.year.learningInitial
            }
        }
        if input.individualPlan {
            notes.append(Message(
                vi: "Học sinh học theo kế hoạch giáo dục cá nhân: kết quả học tập do hiệu trưởng quyết định, không lập kế hoạch.",
                en: "The student follows an individual education plan: the learning level is left to the principal; no plan."))
            return NeedPlan(period: period, pending: pending.map(\.code), current: nil, levels: [], subjects: [], notes: notes)
        }
        if pending.isEmpty {
            notes.append(Message(vi: "Không còn thiếu điểm: kết quả đã xác định.",
                                       en: "Nothing is missing: the result is already determined."))
            return NeedPlan(period: period, pending: [], current: level(results), levels: [], subjects: [], notes: notes)
        }
        notes.append(Message(
            vi: "Giả định: mọi cột còn thiếu (tx, gk, ck) của một môn tính điểm nhận cùng một điểm cần tìm; điểm đã nhập giữ nguyên.",
            en: "Assumption: every missing column (tx, gk, ck) of a scored subject gets the same planned score; recorded scores stay."))
        if pending.contains(where: { $0.kind == .comment }) {
            notes.append(Message(
                vi: "Giả định: các lần đánh giá còn thiếu của môn nhận xét đều Đ.",
                en: "Assumption: missing judgements of comment subjects are all Đ."))
        }
        notes.append(Message(
            vi: "Mức T, K, Đ: điểm thấp nhất, cho cùng lúc mọi môn còn thiếu, để đạt mức đó (0,0 = mức đó chắc chắn đạt; không có = không thể đạt dù được 10)." +
                (period == .year ? " Cả năm: kết quả trước kiểm tra lại; cột thiếu của cả hai học kì đều được lập kế hoạch." : ""),
            en: "Levels T, K, Đ: the lowest score, given to every pending subject at once, that reaches the level (0,0 = reached whatever happens; none = out of reach even with 10)." +
                (period == .year ? " Year: the level before re-tests; missing columns of both terms are planned." : "")))

        let pendingCodes = Set(pending.map(\.code))
        var reached: [Level?] = []
        for v in 0...100 {
            reached.append(level(evaluate(filled(input, codes: pendingCodes, terms: terms, tenths: v))))
        }
        let levels = [Level.good, .fair, .pass].map { target in
            LevelNeed(level: target, minimum: reached.firstIndex { $0.map { $0 >= target } == true }.flatMap { Score(tenths: $0) })
        }
        let subjects = pending.filter { $0.kind == .scored }.map { subject -> SubjectNeed in
            let n = regularCount(subject, grade: input.grade)
            let averages: [Int?] = (0...100).map { v in
                let one = filled(input, codes: [subject.code], terms: terms, tenths: v)
                let termAvg = { (t: Term) in TT22Rules.termAverage(one.marks[t]?[subject.code] ?? SubjectMarks(), regularCount: n) }
                switch period {
                case .term(let t): return termAvg(t)?.tenths
                case .year: return TT22Rules.yearAverage(term1: termAvg(.first), term2: termAvg(.second))?.tenths
                }
            }
            return SubjectNeed(code: subject.code, thresholds: TT22Rules.thresholds.map { t in
                ThresholdNeed(threshold: Score(tenths: t)!,
                              minimum: averages.firstIndex { ($0 ?? -1) >= t }.flatMap { Score(tenths: $0) })
            })
        }
        return NeedPlan(period: period, pending: pending.map(\.code), current: nil, levels: levels,
                        subjects: subjects, notes: notes)
    }

    /// The input with every missing mark of the given subjects and terms filled: a score for a scored subject, Đ for a comment subject.
    package func filled(_ input: StudentYearInput, codes: Set<String>, terms: [Term], tenths: Int) -> StudentYearInput {
        var copy = input
        for subject in catalogueSubjects(input) where codes.contains(subject.code) {
            let n = regularCount(subject, grade: input.grade)
            let planned: Mark = subject.kind == .scored ? .score(Score(tenths: tenths)!) : .judgement(.pass)
            let fits: (Mark?) -> Bool = { mark in
                switch (mark, subject.kind) {
                case (.score?, .scored), (.judgement?, .comment): return true
                default: return false
                }
            }
            for term in terms {
                var marks = input.marks[term]?[subject.code] ?? SubjectMarks()
                while marks.regular.count < n { marks.regular.append(nil) }
                for i in 0..<n where !fits(marks.regular[i]) { marks.regular[i] = planned }
                if !fits(marks.midTerm) { marks.midTerm = planned }
                if !fits(marks.endOfTerm) { marks.endOfTerm = planned }
                copy.marks[term, default: [:]][subject.code] = marks
            }
        }
        return copy
    }
}
