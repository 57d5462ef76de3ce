import Testing
@testable import SodiemBasics
@testable import SodiemModel
@testable import SodiemRules

@Suite("Rules: end of year (§7, §8)")
struct RulesOutcomeTests {
    static let good = R.repeated(80, 8)

    @Test("absences: 45 sessions → promoted, 46 → retained whatever the results", arguments: [
        (45, Outcome.promoted), (46, .retained), (0, .promoted), (120, .retained),
    ])
    func absences(absences: Int, outcome: Outcome) {
        var input = R.student(term1: Self.good)
        input.absences = absences
        #expect(R.rules.evaluate(input).year.outcome == outcome)
    }

    @Test("more than 45 absences retains even while results are incomplete; the title follows Điều 15.1 (no attendance condition)")
    func absencesOverride() {
        var input = R.student(term1: R.repeated(95, 8))
        input.absences = 46
        #expect(R.rules.evaluate(input).year.outcome == .retained)
        #expect(R.rules.evaluate(input).year.title == .excellent)
        input.marks[.second]?["toan"]?.endOfTerm = nil
        #expect(R.rules.evaluate(input).year.outcome == .retained)
        #expect(R.rules.evaluate(input).year.title == nil)  // learning not determinable: no title
        #expect(R.rules.retestSubjects(input) == [])
    }

    /// Scores: 6 at 8.0, Tin học 4.0, Công nghệ 3.0 → base CĐ (3.0 < 3.5), no adjustment (without 3.0, 4.0 < 5.0: Đ only).
    static func weak() -> StudentYearInput {
        R.student(term1: R.repeated(80, 6) + [30, 40], conduct: (.fair, .fair))
    }

    @Test("re-test list: every score subject with ĐTBmcn < 5.0 and every comment subject at CĐ")
    func retestList() {
        let r = R.rules.evaluate(Self.weak())
        #expect(r.year.learningInitial == .fail)
        #expect(r.year.outcome == .retest)
        #expect(r.year.retestSubjects == ["cong-nghe", "tin-hoc"])
        #expect(R.rules.retestSubjects(Self.weak()) == ["cong-nghe", "tin-hoc"])
        // With two CĐ comment subjects too (term II decides the year).
        let both = R.student(term1: R.repeated(80, 6) + [30, 40], comments: [.fail, .fail, .pass, .pass],
                             comments2: [.pass, .fail, .fail, .pass], conduct: (.fair, .fair))
        #expect(R.rules.retestSubjects(both) == ["cong-nghe", "tin-hoc", "nghe-thuat", "hdtn-hn"])
    }

    @Test("re-test path", arguments: [
        // all pass → recomputed K → promoted
        (["cong-nghe": R.s(50), "tin-hoc": R.s(50)], Outcome.promoted, Level?.some(.fair)),
        // fail → retained
        (["cong-nghe": R.s(30), "tin-hoc": R.s(40)], .retained, .some(.fail)),
        // one re-test still missing → re-test stays, learning unchanged
        (["cong-nghe": R.s(90)], .retest, .some(.fail)),
        // re-tests recomputed with the adjustment: 6.0 and 3.4 → base CĐ, without 3.4 → K → Đ → promoted
        (["cong-nghe": R.s(34), "tin-hoc": R.s(60)], .promoted, .some(.pass)),
        // re-test for a subject not sent to re-test is ignored
        (["cong-nghe": R.s(50), "toan": R.s(10)], .retest, .some(.fail)),
        // a judgement for a scored subject is not a re-test result
        (["cong-nghe": R.s(50), "tin-hoc": R.d], .retest, .some(.fail)),
    ] as [([String: Mark], Outcome, Level?)])
    func retestPath(retests: [String: Mark], outcome: Outcome, learning: Level?) {
        var input = Self.weak()
        input.retests = retests
        let r = R.rules.evaluate(input)
        #expect(r.year.outcome == outcome)
        #expect(r.year.learning == learning)
        #expect(r.year.learningInitial == .fail)
        #expect(r.year.subject("toan")?.retest == nil)
        #expect(r.year.title == nil)
    }

    @Test("re-test of a comment subject replaces its year result")
    func commentRetest() {
        var input = R.student(term1: Self.good, comments: [.fail, .fail, .pass, .pass], conduct: (.good, .good))
        #expect(R.rules.evaluate(input).year.outcome == .retest)
        #expect(R.rules.retestSubjects(input) == ["gdtc", "nghe-thuat"])
        input.retests = ["gdtc": R.d, "nghe-thuat": R.d]
        var r = R.rules.evaluate(input)
        #expect(r.year.outcome == .promoted)
        #expect(r.year.learning == .good)
        #expect(r.year.subject("gdtc")?.final == R.d)
        #expect(r.year.title == nil)  // titles on the results before re-tests
        input.retests = ["gdtc": R.d, "nghe-thuat": R.cd]
        r = R.rules.evaluate(input)
        #expect(r.year.learning == .fair)  // one CĐ left: base Đ, counting it Đ → T → K
        #expect(r.year.outcome == .promoted)
    }

    @Test("promoted at Đ with some ĐTBmcn below 5.0: no re-test")
    func promotedWithLowSubjects() {
        let input = R.student(term1: R.repeated(50, 6) + [40, 40], conduct: (.fair, .fair))
        let r = R.rules.evaluate(input)
        #expect(r.year.learning == .pass)
        #expect(r.year.outcome == .promoted)
        #expect(r.year.retestSubjects.isEmpty)
    }

    @Test("summer training path")
    func summer() {
        let input0 = R.student(term1: Self.good, conduct: (.pass, .fail))   // Đ / CĐ → year CĐ
        var input = input0
        var r = R.rules.evaluate(input)
        #expect(r.year.conductInitial == .fail)
        #expect(r.year.outcome == .summerTraining)
        #expect(r.year.retestSubjects.isEmpty)
        input.conductAfterSummer = .pass
        r = R.rules.evaluate(input)
        #expect(r.year.conduct == .pass)
        #expect(r.year.conductInitial == .fail)
        #expect(r.year.outcome == .promoted)
        input.conductAfterSummer = .fail
        r = R.rules.evaluate(input)
        #expect(r.year.outcome == .retained)
        // An after-summer level is ignored when the year conduct was not CĐ.
        var fine = R.student(term1: Self.good, conduct: (.good, .good))
        fine.conductAfterSummer = .fail
        #expect(R.rules.evaluate(fine).year.conduct == .good)
        #expect(R.rules.evaluate(fine).year.outcome == .promoted)
    }

    @Test("summer training and re-test together")
    func summerAndRetest() {
        var input = Self.weak()
        input.conduct = [.first: .fail, .second: .fail]
        #expect(R.rules.evaluate(input).year.outcome == .summerTraining)
        // Re-tests may already be recorded during the summer (Decision).
        #expect(R.rules.retestSubjects(input) == ["cong-nghe", "tin-hoc"])
        input.conductAfterSummer = .pass
        #expect(R.rules.evaluate(input).year.outcome == .retest)
        input.retests = ["cong-nghe": R.s(50), "tin-hoc": R.s(50)]
        #expect(R.rules.evaluate(input).year.outcome == .promoted)
        input.conductAfterSummer = .fail
        #expect(R.rules.evaluate(input).year.outcome == .retained)
        #expect(R.rules.retestSubjects(input) == [])
    }

    @Test("titles", arguments: [
        // Xuất sắc: conduct T, learning T, at least 6 subjects ≥ 9.0
        (R.repeated(90, 6) + [80, 80], Level.good, Title?.some(.excellent)),
        (R.repeated(90, 5) + [89, 80, 80], .good, .some(.good)),
        (R.repeated(95, 8), .good, .some(.excellent)),
        // Giỏi needs conduct T
        (R.repeated(95, 8), .fair, nil),
        // and learning T
        (R.repeated(95, 7) + [64], .good, nil),
    ] as [([Int], Level, Title?)])
    func titles(scores: [Int], conduct: Level, title: Title?) {
        let r = R.rules.evaluate(R.student(term1: scores, conduct: (conduct, conduct)))
        #expect(r.year.title == title)
    }

    @Test("title on the results before summer training: conduct CĐ re-assessed T gives no title")
    func titleBeforeSummer() {
        var input = R.student(term1: R.repeated(95, 8), conduct: (.fail, .fail))
        input.conductAfterSummer = .good
        let r = R.rules.evaluate(input)
        #expect(r.year.conduct == .good)
        #expect(r.year.outcome == .promoted)
        #expect(r.year.title == nil)
    }

    @Test("individual education plan: averages kept, levels, title and outcome left to the principal")
    func individualPlan() {
        var input = Self.weak()
        input.individualPlan = true
        let r = R.rules.evaluate(input)
        #expect(r.term1.subject("toan")?.average == Score(tenths: 80))
        #expect(r.year.subject("toan")?.average == Score(tenths: 80))
        #expect(r.term1.learning == nil && r.term2.learning == nil)
        #expect(r.year.learning == nil && r.year.learningInitial == nil)
        #expect(r.year.title == nil)
        #expect(r.year.outcome == nil)
        #expect(r.year.leftToPrincipal)
        #expect(r.year.conduct == .fair)
        #expect(R.rules.retestSubjects(input) == [])
        #expect(!R.rules.evaluate(Self.weak()).year.leftToPrincipal)
    }

    @Test("optional subjects count in the level")
    func optionalSubject() {
        var input = R.student(term1: Self.good)
        input.subjects.append("ngoai-ngu-2")
        for term in Term.allCases { input.marks[term]?["ngoai-ngu-2"] = R.uniform(30, n: 4) }
        let r = R.rules.evaluate(input)
        #expect(r.year.subject("ngoai-ngu-2")?.average == Score(tenths: 30))
        #expect(r.year.learningInitialAssessment?.base == .fail)
        #expect(r.year.learningInitial == .pass)   // adjustment: without it, T
    }
}
