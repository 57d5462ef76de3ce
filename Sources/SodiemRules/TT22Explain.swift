import SodiemBasics
import SodiemModel
/// Number formatting for explanations: the Vietnamese decimal comma.
package enum ExplainFormat {
    /// A score as entered, shortest form: 80 → "8", 75 → "7,5".
    package static func score(_ tenths: Int) -> String {
        tenths % 10 == 0 ? "\(tenths / 10)" : Score.format(tenths: tenths, decimalMark: ",")
    }

    /// An average with one decimal: 77 → "7,7", 80 → "8,0".
    package static func average(_ tenths: Int) -> String { Score.format(tenths: tenths, decimalMark: ",") }

    /// A mark as entered: score shortest, judgement as is.
    package static func mark(_ mark: Mark) -> String {
        switch mark {
        case .score(let s): return score(s.tenths)
        case .judgement(let j): return j.rawValue
        case .missed: return Mark.missedText
        }
    }

    /// The exact quotient of `numerator` tenths by `denominator`, in points: exact up to 4 decimals
    /// ("7,25", "7,95", "7,2625"), else 3 decimals cut off and "…" ("7,666…"), never a misleading tie.
    package static func quotient(_ numerator: Int, _ denominator: Int) -> String {
        let den = 10 * denominator
        let whole = numerator / den
        var remainder = numerator % den
        var digits = ""
        while remainder != 0 && digits.count < 4 {
            remainder *= 10
            digits.append(String(remainder / den))
            remainder %= den
        }
        if remainder != 0 {
            return "\(whole),\(digits.prefix(3))…"
        }
        while digits.count < 2 { digits.append("0") }
        return "\(whole),\(digits)"
    }
}

extension TT22Rules {
    package func name(_ code: String) -> String { subject(code: code)?.name ?? code }

    package static func columnNames(_ n: Int) -> [String] { (1...max(n, 1)).map { "tx\($0)" } + ["gk", "ck"] }

    /// How each average and level of the period was reached, step by step.
    public func explain(_ input: StudentYearInput, period: Period) -> [ExplanationStep] {
        let results = evaluate(input)
        switch period {
        case .term(let term): return explainTerm(input, term: term, results: results.term(term))
        case .year: return explainYear(input, results: results)
        }
    }

    package func explainTerm(_ input: StudentYearInput, term: Term, results: TermResults) -> [ExplanationStep] {
        var steps: [ExplanationStep] = []
        for subject in results.subjects {
            let marks = input.marks[term]?[subject.code] ?? SubjectMarks()
            let label = name(subject.code)
            let shown = subject.result.map(ExplainFormat.mark) ?? "—"
            if input.individualPlan, input.planSubjects?.contains(subject.code) == true {
                steps.append(ExplanationStep(kind: .subject, subject: subject.code, value: subject.result.map(ExplainFormat.mark), text: Message(
                    vi: "\(label): theo kế hoạch giáo dục cá nhân, kết quả do giáo viên chủ trì môn ghi: \(shown).",
                    en: "\(label): follows the individual plan, result recorded by the subject's lead: \(shown).")))
            } else if let carried = input.carried[term]?[subject.code], subject.result == carried {
                steps.append(ExplanationStep(kind: .subject, subject: subject.code, value: ExplainFormat.mark(carried), text: Message(
                    vi: "\(label): kết quả học kì ở trường cũ (theo học bạ chuyển đến): \(shown).",
                    en: "\(label): the term's result at the previous school (from its transcript): \(shown).")))
            } else {
                steps.append(subjectTermStep(subject, marks: marks))
            }
        }
        if input.individualPlan, input.planSubjects != nil {
            steps.append(ExplanationStep(kind: .note, text: Message(
                vi: "Học sinh học theo kế hoạch giáo dục cá nhân ở một số môn (Điều 11): mức học tập đề xuất từ các môn còn lại là \(results.proposedLearning.map(\.rawValue) ?? "chưa xác định"); hiệu trưởng quyết định (Điều 12.4).",
                en: "The student follows an individual plan in some subjects (Article 11): the level proposed from the other subjects is \(results.proposedLearning.map(\.rawValue) ?? "not yet determinable"); the principal decides (Article 12.4).")))
            return steps
        }
        if input.individualPlan {
            steps.append(ExplanationStep(kind: .note, text: Message(
                vi: "Học sinh học theo kế hoạch giáo dục cá nhân (Điều 11): kết quả học tập do hiệu trưởng quyết định, không tính tự động.",
                en: "The student follows an individual education plan (Article 11): the learning level is left to the principal, not computed.")))
            return steps
        }
        steps += learningSteps(results.subjects.map { ($0.code, $0.result) },
                               vi: "Kết quả học tập học kì \(term.rawValue == 1 ? "I" : "II")",
                               en: "Term \(term.rawValue) learning level")
        if let conduct = results.conduct {
            steps.append(ExplanationStep(kind: .conduct, level: conduct, value: conduct.rawValue, text: Message(
                vi: "Kết quả rèn luyện học kì do giáo viên chủ nhiệm đánh giá: \(conduct.rawValue).",
                en: "Term conduct set by the homeroom teacher: \(conduct.rawValue).")))
        }
        return steps
    }

    package func subjectTermStep(_ subject: SubjectTermResult, marks: SubjectMarks) -> ExplanationStep {
        let n = subject.regularCount
        let columns = TT22Rules.columnNames(n)
        let cells = (0..<n).map { $0 < marks.regular.count ? marks.regular[$0] : nil } + [marks.midTerm, marks.endOfTerm]
        let wanted: (Mark) -> Bool = { mark in
            switch (mark, subject.kind) {
            case (.score, .scored), (.judgement, .comment): return true
            default: return false
            }
        }
        let missed = zip(columns, cells).filter { $0.1 == .missed }.map(\.0)
        let missing = zip(columns, cells).filter { $0.1.map(wanted) != true && $0.1 != .missed }.map(\.0)
        let label = name(subject.code)
        if !missing.isEmpty || !missed.isEmpty {
            let list = missing.joined(separator: ", ")
            let makeUps = missed.joined(separator: ", ")
            let vi = [missing.isEmpty ? nil : "thiếu \(list)", missed.isEmpty ? nil : "vắng \(makeUps) (chờ kiểm tra bù)"].compactMap { $0 }.joined(separator: "; ")
            let en = [missing.isEmpty ? nil : "\(list) missing", missed.isEmpty ? nil : "\(makeUps) missed (make-up due)"].compactMap { $0 }.joined(separator: "; ")
            return ExplanationStep(kind: .subject, subject: subject.code, text: Message(
                vi: "\(label): \(vi) → chưa có \(subject.kind == .scored ? "ĐTBmhk" : "kết quả học kì").",
                en: "\(label): \(en) → no \(subject.kind == .scored ? "term average" : "term result") yet."))
        }
        switch subject.kind {
        case .scored:
            let f = TT22Rules.termAverageFraction(marks, regularCount: n)!
            let tx = (0..<n).map { ExplainFormat.mark(marks.regular[$0]!) }
            let expr = "(" + (tx + ["2×" + ExplainFormat.mark(marks.midTerm!), "3×" + ExplainFormat.mark(marks.endOfTerm!)])
                .joined(separator: " + ") + ") / \(f.denominator)"
            let avg = subject.average!.tenths
            let tail = "= \(ExplainFormat.score(f.numerator))/\(f.denominator) = \(ExplainFormat.quotient(f.numerator, f.denominator)) → \(ExplainFormat.average(avg))"
            return ExplanationStep(kind: .subject, subject: subject.code, value: subject.average!.description, text: Message(
                vi: "\(label): ĐTBmhk = \(expr) \(tail) (làm tròn nửa lên, một chữ số thập phân).",
                en: "\(label): term average = \(expr) \(tail) (rounded half up to one decimal)."))
        case .comment:
            let listed = zip(columns, cells).map { "\($0.0) \(ExplainFormat.mark($0.1!))" }.joined(separator: ", ")
            let j = subject.judgement!
            return ExplanationStep(kind: .subject, subject: subject.code, value: j.rawValue, text: Message(
                vi: "\(label): \(listed) → \(j.rawValue) (Đ khi mọi lần đánh giá đều Đ).",
                en: "\(label): \(listed) → \(j.rawValue) (Đ when every assessment is Đ)."))
        }
    }

    /// The conditions of T, K, Đ checked in order until one holds, then the adjustment and the level.
    package func learningSteps(_ results: [(code: String, result: Mark?)], vi: String, en: String) -> [ExplanationStep] {
        let missing = results.filter { $0.result == nil }.map { name($0.code) }
        guard missing.isEmpty, let assessment = TT22Rules.learning(results) else {
            return [ExplanationStep(kind: .learning, text: Message(
                vi: "\(vi): chưa xác định vì chưa có kết quả môn \(missing.joined(separator: ", ")).",
                en: "\(en): not determinable yet, no result for \(missing.joined(separator: ", "))."))]
        }
        var steps: [ExplanationStep] = []
        let scores = results.compactMap { r -> (String, Int)? in
            if case .score(let s)? = r.result { return (r.code, s.tenths) } else { return nil }
        }
        let fails = results.compactMap { r -> String? in
            if case .judgement(.fail)? = r.result { return r.code } else { return nil }
        }
        func names(_ codes: [String]) -> String { codes.map(name).joined(separator: ", ") }
        func condition(_ level: Level, _ holds: Bool, _ vi: String, _ en: String) {
            steps.append(ExplanationStep(kind: .condition, level: level, holds: holds,
                                         text: Message(vi: "\(level.rawValue): \(vi) — \(holds ? "đúng" : "sai")",
                                                             en: "\(level.rawValue): \(en) — \(holds ? "holds" : "fails")")))
        }
        let scoreValues = scores.map(\.1)
        let judgements = results.compactMap { r -> Judgement? in
            if case .judgement(let j)? = r.result { return j } else { return nil }
        }
        /// One condition of the table, described with the subjects that break it.
        func describe(_ c: TT22Rules.LevelCondition) -> (vi: String, en: String) {
            switch c {
            case .commentsAllPass:
                return ("mọi môn nhận xét Đ" + (fails.isEmpty ? "" : " (CĐ: \(names(fails)))"),
                        "every comment subject Đ" + (fails.isEmpty ? "" : " (CĐ: \(names(fails)))"))
            case .commentsAtMostOneFail:
                return ("nhiều nhất một môn nhận xét CĐ (có \(fails.count))", "at most one comment subject CĐ (\(fails.count) are)")
            case .everyScoreAtLeast(let t):
                let below = scores.filter { $0.1 < t }.map(\.0)
                let f = ExplainFormat.average(t)
                return ("mọi môn tính điểm ≥ \(f)" + (below.isEmpty ? "" : " (dưới: \(names(below)))"),
                        "every scored subject ≥ \(f)" + (below.isEmpty ? "" : " (below: \(names(below)))"))
            case .sixScoresAtLeast(let t):
                let count = scores.filter { $0.1 >= t }.count
                let f = ExplainFormat.average(t)
                return ("ít nhất 6 môn ≥ \(f) (có \(count) môn)", "at least 6 subjects ≥ \(f) (\(count) are)")
            }
        }
        // The table's rows in order until one holds; every condition of a row checked is shown.
        var base = Level.fail
        for row in TT22Rules.levelTable {
            var all = true
            for c in row.conditions {
                let holds = c.holds(scores: scoreValues, judgements: judgements)
                let text = describe(c)
                condition(row.level, holds, text.vi, text.en)
                all = all && holds
            }
            if all { base = row.level; break }
        }
        steps.append(ExplanationStep(kind: .learning, level: base, value: base.rawValue, text: Message(
            vi: "Mức theo bảng: \(base.rawValue) (\(base.vietnameseName)).",
            en: "Level by the table: \(base.rawValue) (\(base.vietnameseName)).")))
        if base.rank >= 2 {
            if let adj = assessment.adjustment {
                let isComment = fails.contains(adj.subject)
                steps.append(ExplanationStep(kind: .adjustment, subject: adj.subject, level: assessment.level, holds: true,
                                             value: assessment.level.rawValue, text: Message(
                    vi: "Điều chỉnh (Điều 9.3): \(isComment ? "tính môn \(name(adj.subject)) là Đ" : "bỏ môn \(name(adj.subject))") thì đạt \(adj.levelWithout.rawValue), cao hơn mức theo bảng từ hai bậc trở lên, chỉ do một môn → nâng một bậc: \(base.rawValue) → \(assessment.level.rawValue).",
                    en: "Adjustment (Article 9.3): \(isComment ? "counting \(name(adj.subject)) as Đ" : "dropping \(name(adj.subject))") gives \(adj.levelWithout.rawValue), two or more levels above the table's level, because of one subject alone → raised one level: \(base.rawValue) → \(assessment.level.rawValue).")))
            } else {
                let best = bestLevelWithoutOne(results)
                steps.append(ExplanationStep(kind: .adjustment, level: base, holds: false, text: Message(
                    vi: "Không điều chỉnh: không có môn nào mà bỏ đi (môn nhận xét: tính là Đ) thì đạt Tốt hoặc Khá cao hơn \(base.rawValue) từ hai bậc" + (best.map { "; tốt nhất là \($0.level.rawValue) khi bỏ môn \(name($0.code))" } ?? "") + ".",
                    en: "No adjustment: no single subject whose removal (comment subject: counted as Đ) gives Tốt or Khá two or more levels above \(base.rawValue)" + (best.map { "; the best is \($0.level.rawValue), without \(name($0.code))" } ?? "") + ".")))
            }
        }
        steps.append(ExplanationStep(kind: .learning, level: assessment.level, value: assessment.level.rawValue, text: Message(
            vi: "\(vi): \(assessment.level.rawValue) (\(assessment.level.vietnameseName)).",
            en: "\(en): \(assessment.level.rawValue) (\(assessment.level.vietnameseName)).")))
        return steps
    }

    package func bestLevelWithoutOne(_ results: [(code: String, result: Mark?)]) -> (code: String, level: Level)? {
        var best: (code: String, level: Level)?
        for index in results.indices {
            var without = results
            if case .judgement? = results[index].result { without[index].result = .judgement(.pass) } else { without.remove(at: index) }
            guard let level = TT22Rules.learning(without)?.base else { continue }
            if best == nil || level > best!.level { best = (results[index].code, level) }
        }
        return best
    }

    package func explainYear(_ input: StudentYearInput, results: StudentResults) -> [ExplanationStep] {
        var steps: [ExplanationStep] = []
        let year = results.year
        for s in year.subjects {
            let label = name(s.code)
            switch (s.kind, s.term1, s.term2) {
            case (.scored, .score(let a)?, .score(let b)?):
                let num = a.tenths + 2 * b.tenths
                steps.append(ExplanationStep(kind: .subject, subject: s.code, value: s.result?.description, text: Message(
                    vi: "\(label): ĐTBmcn = (\(ExplainFormat.average(a.tenths)) + 2×\(ExplainFormat.average(b.tenths))) / 3 = \(ExplainFormat.score(num))/3 = \(ExplainFormat.quotient(num, 3)) → \(ExplainFormat.average(s.average!.tenths)) (từ ĐTBmhk đã làm tròn).",
                    en: "\(label): year average = (\(ExplainFormat.average(a.tenths)) + 2×\(ExplainFormat.average(b.tenths))) / 3 = \(ExplainFormat.score(num))/3 = \(ExplainFormat.quotient(num, 3)) → \(ExplainFormat.average(s.average!.tenths)) (from the rounded term averages).")))
            case (.comment, let first, .judgement(let j)?):
                let none = first == nil ? (" (không có kết quả học kì I: cả năm vẫn là kết quả học kì II, Điều 9.1.a)",
                                           " (no term I result: the year is still the term II result, Article 9.1.a)") : ("", "")
                steps.append(ExplanationStep(kind: .subject, subject: s.code, value: j.rawValue, text: Message(
                    vi: "\(label): cả năm = kết quả học kì II = \(j.rawValue)\(none.0).",
                    en: "\(label): year result = term II result = \(j.rawValue)\(none.1).")))
            default:
                let gaps = [s.term1 == nil ? "I" : nil, s.term2 == nil ? "II" : nil].compactMap { $0 }.joined(separator: ", ")
                steps.append(ExplanationStep(kind: .subject, subject: s.code, text: Message(
                    vi: "\(label): chưa có kết quả học kì \(gaps) → chưa có kết quả cả năm.",
                    en: "\(label): no result for term \(gaps) → no year result yet.")))
            }
        }
        if year.leftToPrincipal {
            steps.append(ExplanationStep(kind: .note, text: Message(
                vi: "Học sinh học theo kế hoạch giáo dục cá nhân (Điều 11): kết quả học tập, danh hiệu và việc lên lớp do hiệu trưởng quyết định, không tính tự động.",
                en: "The student follows an individual education plan (Article 11): learning level, title and promotion are left to the principal, not computed.")))
        } else {
            steps += learningSteps(year.subjects.map { ($0.code, $0.result) },
                                   vi: "Kết quả học tập cả năm (trước kiểm tra lại)", en: "Year learning level (before re-tests)")
        }
        // Conduct.
        let c1 = input.conduct[.first]?.rawValue ?? "—", c2 = input.conduct[.second]?.rawValue ?? "—"
        if let ci = year.conductInitial {
            steps.append(ExplanationStep(kind: .conduct, level: ci, value: ci.rawValue, text: Message(
                vi: "Rèn luyện: học kì I \(c1), học kì II \(c2) → cả năm \(ci.rawValue) (bảng Điều 8).",
                en: "Conduct: term I \(c1), term II \(c2) → year \(ci.rawValue) (table of Article 8).")))
            if ci == .fail {
                if let after = input.conductAfterSummer {
                    steps.append(ExplanationStep(kind: .conduct, level: after, value: after.rawValue, text: Message(
                        vi: "Sau rèn luyện trong hè: \(after.rawValue), thay cho kết quả rèn luyện cả năm.",
                        en: "After summer training: \(after.rawValue), which replaces the year conduct.")))
                } else {
                    steps.append(ExplanationStep(kind: .conduct, text: Message(
                        vi: "Rèn luyện cả năm CĐ: rèn luyện trong hè; chưa có kết quả đánh giá lại.",
                        en: "Year conduct CĐ: summer training; the re-assessment is not recorded yet.")))
                }
            }
        } else {
            steps.append(ExplanationStep(kind: .conduct, text: Message(
                vi: "Rèn luyện: học kì I \(c1), học kì II \(c2) → chưa xác định kết quả cả năm.",
                en: "Conduct: term I \(c1), term II \(c2) → year conduct not determinable yet.")))
        }
        guard !year.leftToPrincipal else { return steps }
        // Re-tests.
        if !year.retestSubjects.isEmpty {
            let list = year.retestSubjects.map { code -> String in
                let s = year.subject(code)!
                return "\(name(code)) (\(s.result.map(ExplainFormat.markAverage) ?? "—") → \(s.retest.map(ExplainFormat.mark) ?? "?"))"
            }.joined(separator: "; ")
            steps.append(ExplanationStep(kind: .retest, value: year.retestSubjects.joined(separator: ","), text: Message(
                vi: "Kiểm tra lại mọi môn nhận xét CĐ và mọi môn có ĐTBmcn dưới 5,0: \(list).",
                en: "Re-test in every comment subject at CĐ and every subject with a year average below 5,0: \(list).")))
            if year.learningAfterRetestAssessment != nil {
                steps += learningSteps(year.subjects.map { ($0.code, $0.final) },
                                       vi: "Kết quả học tập cả năm sau kiểm tra lại", en: "Year learning level after re-tests")
            } else {
                steps.append(ExplanationStep(kind: .retest, text: Message(
                    vi: "Chưa đủ kết quả kiểm tra lại: kết quả học tập được tính lại khi có đủ.",
                    en: "Not every re-test is recorded: the learning level is recomputed once all are.")))
            }
        }
        // Title.
        if let ci = year.conductInitial, let li = year.learningInitial {
            let nines = year.subjects.filter { ($0.average?.tenths ?? 0) >= 90 }.count
            let vi: String, en: String
            switch year.title {
            case .excellent?:
                vi = "Danh hiệu Học sinh Xuất sắc: rèn luyện T, học tập T, \(nines) môn có ĐTBmcn ≥ 9,0 (cần 6)."
                en = "Title Học sinh Xuất sắc: conduct T, learning T, \(nines) subjects with year average ≥ 9,0 (6 needed)."
            case .good?:
                vi = "Danh hiệu Học sinh Giỏi: rèn luyện T, học tập T; chỉ \(nines) môn có ĐTBmcn ≥ 9,0 (Xuất sắc cần 6)."
                en = "Title Học sinh Giỏi: conduct T, learning T; only \(nines) subjects with year average ≥ 9,0 (Xuất sắc needs 6)."
            case nil:
                vi = "Không có danh hiệu: cần rèn luyện T và học tập T (có \(ci.rawValue), \(li.rawValue))."
                en = "No title: conduct T and learning T are needed (they are \(ci.rawValue), \(li.rawValue))."
            }
            steps.append(ExplanationStep(kind: .title, value: year.title?.rawValue, text: Message(vi: vi, en: en)))
        }
        if let detail = input.absenceDetail { steps.append(absenceStep(detail)) }
        steps.append(outcomeStep(input, year: year))
        return steps
    }

    /// Which days counted as buổi absent and why (Điều 12.1.c: one buổi a day of the main session).
    package func absenceStep(_ detail: AbsenceCount) -> ExplanationStep {
        func days(_ list: [Day]) -> String { list.isEmpty ? "—" : list.map(\.vietnamese).joined(separator: ", ") }
        let main = detail.mainSession == "chieu" ? ("chiều", "afternoon") : ("sáng", "morning")
        var vi = "Số buổi nghỉ tính theo kế hoạch 01 buổi/ngày (Điều 12.1.c): buổi chính của khối là buổi \(main.0); "
            + "\(detail.total) ngày nghỉ buổi \(main.0) được tính (\(detail.excused.count) có phép): \(days(detail.counted))."
        var en = "Buổi absent counted on the one-session-a-day plan (Article 12.1.c): the grade's main session is the \(main.1); "
            + "\(detail.total) days absent from the \(main.1) session count (\(detail.excused.count) excused): \(days(detail.counted))."
        if !detail.bothSessions.isEmpty {
            vi += " Nghỉ cả hai buổi, tính một: \(days(detail.bothSessions))."
            en += " Absent from both sessions, counted once: \(days(detail.bothSessions))."
        }
        if !detail.otherSessionOnly.isEmpty {
            vi += " Chỉ nghỉ buổi còn lại, ghi nhận nhưng không tính: \(days(detail.otherSessionOnly))."
            en += " Absent from the other session only, recorded but not counted: \(days(detail.otherSessionOnly))."
        }
        return ExplanationStep(kind: .note, value: "\(detail.total)", text: Message(vi: vi, en: en))
    }

    package func outcomeStep(_ input: StudentYearInput, year: YearResults) -> ExplanationStep {
        let vi: String, en: String
        let absences = input.absences
        switch year.outcome {
        case nil:
            vi = "Chưa xác định được lên lớp: chưa có đủ kết quả học tập và rèn luyện cả năm."
            en = "Promotion not determinable yet: the year learning and conduct levels are not both known."
        case .retained? where absences > TT22Rules.maxAbsences:
            vi = "Ở lại lớp: nghỉ \(absences) buổi, quá 45 buổi (có phép và không phép)."
            en = "Retained: \(absences) sessions absent, more than 45 (excused and unexcused)."
        case .summerTraining?:
            vi = "Rèn luyện trong hè: rèn luyện cả năm CĐ; kết quả đánh giá lại sẽ thay kết quả rèn luyện cả năm."
            en = "Summer training: year conduct CĐ; the re-assessed conduct will replace it."
        case .retained? where year.conduct == .fail:
            vi = "Ở lại lớp: rèn luyện sau hè vẫn CĐ."
            en = "Retained: conduct after summer training is still CĐ."
        case .retest?:
            vi = "Kiểm tra lại: rèn luyện từ Đ trở lên, học tập cả năm CĐ."
            en = "Re-test: conduct Đ or better, year learning CĐ."
        case .retained?:
            vi = "Ở lại lớp: học tập cả năm \(year.learningAfterRetestAssessment != nil ? "sau kiểm tra lại " : "")vẫn CĐ."
            en = "Retained: year learning \(year.learningAfterRetestAssessment != nil ? "after re-tests " : "")is still CĐ."
        case .promoted?:
            let grade9 = input.grade == 9
            vi = (grade9 ? "Hoàn thành chương trình THCS" : "Lên lớp") + ": rèn luyện \(year.conduct?.rawValue ?? "—"), học tập \(year.learning?.rawValue ?? "—") (từ Đ trở lên), nghỉ \(absences) buổi (không quá 45)."
            en = (grade9 ? "Completed lower secondary" : "Promoted") + ": conduct \(year.conduct?.rawValue ?? "—"), learning \(year.learning?.rawValue ?? "—") (Đ or better), \(absences) sessions absent (45 at most)."
        }
        return ExplanationStep(kind: .outcome, value: year.outcome?.rawValue, text: Message(vi: vi, en: en))
    }
}

extension ExplainFormat {
    /// A year result: average with one decimal, or a judgement.
    package static func markAverage(_ mark: Mark) -> String {
        switch mark {
        case .score(let s): return average(s.tenths)
        case .judgement(let j): return j.rawValue
        case .missed: return Mark.missedText
        }
    }
}
