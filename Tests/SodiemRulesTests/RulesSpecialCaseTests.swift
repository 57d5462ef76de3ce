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
