import Testing
@testable import SodiemBasics
@testable import SodiemModel
@testable import SodiemRules

/// Special cases of rules-tt22.md §8 at their edges.
@Suite("Rules: transfers and individual plans (§8)")
struct RulesSpecialCaseTests {
    @Test("a transfer-in at term II: term I's results from the previous school count as term I (ĐTBmcn, comment year from term II)")
    func carriedTermOne() {
        var input = R.student(term1: R.repeated(80, 8))
        input.marks[.first] = [:]  // nothing entered here in term I
        var carried: [String: Mark] = [:]
        for code in R.scored { carried[code] = R.s(75) }
        for code in R.comments { carried[code] = R.cd }  // CĐ there, Đ here in term II
        input.carried[.first] = carried
        let r = R.rules.evaluate(input)
        #expect(r.term1.subject("toan")?.result == R.s(75))
        // (7,5 + 2 × 8,0) / 3 = 23,5 / 3 = 7,83 → 7,8
        #expect(r.year.subject("toan")?.result == R.s(78))
        #expect(r.year.subject("gdtc")?.result == R.d, "a comment subject's year is term II's (Điều 9.1.a)")
        #expect(r.term1.learning == .fail && r.year.learning == .fair)
        // A carried term result of the wrong kind is no result; entered marks are used instead (here none: null).
        input.carried[.first]?["toan"] = R.d
        #expect(R.rules.evaluate(input).term1.subject("toan")?.result == nil)
        // A term result carried over beats marks entered here for that term (the transcript's is the term's result).
        input.carried[.first]?["toan"] = R.s(50)
        input.marks[.first] = ["toan": R.uniform(90, n: R.n("toan"))]
        #expect(R.rules.evaluate(input).term1.subject("toan")?.result == R.s(50))
    }
}

extension RulesSpecialCaseTests {
    @Test("an individual plan with two plan subjects: they carry the plan's Đ/CĐ, the others are averaged; levels proposed from the others, decided by the principal")
    func twoPlanSubjects() {
        var input = R.student(term1: [30] + R.repeated(80, 7))  // ngữ văn 3,0 would hold the level down
        input.individualPlan = true
        input.planSubjects = ["ngu-van", "gdtc"]
        input.planResults = [.first: ["ngu-van": R.d, "gdtc": R.cd], .second: ["ngu-van": R.d, "gdtc": R.d]]
        let r = R.rules.evaluate(input)
        #expect(r.term1.subject("ngu-van")?.result == R.d && r.term1.subject("gdtc")?.result == R.cd)
        #expect(r.year.subject("ngu-van")?.result == R.d && r.year.subject("gdtc")?.result == R.d, "the plan's year result is term II's")
        #expect(r.year.subject("toan")?.result == R.s(80), "a subject assessed as usual is averaged")
        // Nothing decided by the rules: learning, title and outcome wait for the principal.
        #expect(r.year.leftToPrincipal && r.year.learning == nil && r.year.outcome == nil && r.year.title == nil)
        // Proposed from the 6 other scored subjects at 8,0 and 3 comment subjects at Đ: Tốt, Giỏi, promoted.
        #expect(r.year.proposal?.learning == .good && r.year.proposal?.title == .good && r.year.proposal?.outcome == .promoted)
        #expect(r.term1.proposedLearning == .good && r.term1.learning == nil)
        // A missing plan result leaves the plan subject null and does not block the proposal.
        input.planResults[.second]?["gdtc"] = nil
        #expect(R.rules.evaluate(input).year.subject("gdtc")?.result == nil)
        #expect(R.rules.evaluate(input).year.proposal?.learning == .good)
        // A subject assessed as usual at 4,0 lowers the proposal: base Đạt, raised to Khá by the
        // one-subject adjustment (without it: Tốt, two levels above) — the rules run as for everyone.
        input.marks[.first]?["toan"] = R.uniform(40, n: R.n("toan"))
        input.marks[.second]?["toan"] = R.uniform(40, n: R.n("toan"))
        #expect(R.rules.evaluate(input).year.proposal?.learning == .fair)
        // Without plan subjects every subject follows the plan: nothing proposed (as before).
        input.planSubjects = nil
        #expect(R.rules.evaluate(input).year.proposal == nil && R.rules.evaluate(input).year.subject("toan")?.result == R.s(40))
    }
}
