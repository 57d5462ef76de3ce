import Testing
@testable import SodiemBasics
@testable import SodiemModel
@testable import SodiemRules

@Suite("Rules: learning level (§5) and conduct (§6)")
struct RulesLevelTests {
    static let allPass: [Judgement] = [.pass, .pass, .pass, .pass]

    /// Learning level of a student with these 8 scored averages and 4 comment results, as a term and as a year.
    static func levels(_ scores: [Int], _ comments: [Judgement] = allPass) -> (term: Level?, year: Level?) {
        let r = R.rules.evaluate(R.student(term1: scores, comments: comments))
        return (r.term1.learning, r.year.learningInitial)
    }

    // Each threshold at the value and one tenth below (term and year agree, since both terms are equal).
    @Test("thresholds at the value and one tenth below", arguments: [
        // T: at least 6 subjects ≥ 8.0
        (R.repeated(80, 6) + [65, 65], Level.good), (R.repeated(80, 5) + [79, 65, 65], .fair),
        // T: every subject ≥ 6.5
        (R.repeated(90, 7) + [65], .good), (R.repeated(90, 7) + [64], .fair),
        // K: at least 6 subjects ≥ 6.5
        (R.repeated(65, 6) + [50, 50], .fair), (R.repeated(65, 5) + [64, 50, 50], .pass),
        // K: every subject ≥ 5.0
        (R.repeated(70, 7) + [50], .fair), (R.repeated(70, 7) + [49], .pass),
        // Đ: at least 6 subjects ≥ 5.0
        (R.repeated(50, 6) + [35, 35], .pass), (R.repeated(50, 5) + [49, 35, 35], .fail),
        // Đ: none below 3.5
        (R.repeated(50, 7) + [35], .pass), (R.repeated(50, 7) + [34], .fail),
    ])
    func thresholds(scores: [Int], expected: Level) {
        let l = Self.levels(scores)
        #expect(l.term == expected)
        #expect(l.year == expected)
    }

    @Test("year level from ĐTBmcn, not from the term levels: threshold crossed by the year average")
    func yearNotFromTerms() {
        // Tin học term I 6.4 (term level K), term II 6.6: ĐTBmcn (6.4 + 13.2)/3 = 6.533… → 6.5 → year T.
        let t1 = R.repeated(90, 7) + [64], t2 = R.repeated(90, 7) + [66]
        let r = R.rules.evaluate(R.student(term1: t1, term2: t2))
        #expect(r.term1.learning == .fair)
        #expect(r.term2.learning == .good)
        #expect(r.year.subject("tin-hoc")?.average == Score(tenths: 65))
        #expect(r.year.learningInitial == .good)
        // Both terms 6.4 → ĐTBmcn 6.4 → K.
        let low = R.rules.evaluate(R.student(term1: t1, term2: R.repeated(90, 7) + [64]))
        #expect(low.year.learningInitial == .fair)
        // Year threshold 8.0 from 7.9 / 8.0 terms: (7.9 + 16.0)/3 = 7.966… → 8.0.
        let eight = R.rules.evaluate(R.student(term1: R.repeated(79, 6) + [65, 65], term2: R.repeated(80, 6) + [65, 65]))
        #expect(eight.term1.learning == .fair)
        #expect(eight.year.learningInitial == .good)
    }

    @Test("comment subjects: T and K need all Đ, Đ allows one CĐ")
    func comments() {
        #expect(Self.levels(R.repeated(90, 8), [.pass, .pass, .pass, .fail]).term == .fair)   // Đ raised to K by adjustment
        #expect(Self.levels(R.repeated(65, 6) + [50, 50], [.fail, .pass, .pass, .pass]).term == .pass)
        #expect(Self.levels(R.repeated(90, 8), [.fail, .fail, .pass, .pass]).term == .fail)
    }

    @Test("one-subject adjustment (Decision of §5)", arguments: [
        // The rules-tt22.md example: all 8.5 and one 3.4 → base CĐ, without it T → Đ.
        (R.repeated(85, 7) + [34], allPass, Level.fail, Level.pass, "tin-hoc"),
        // A score subject: base Đ (one 4.9), without it T → K.
        (R.repeated(85, 7) + [49], allPass, .pass, .fair, "tin-hoc"),
        // Base CĐ, without the weak subject only K → still two levels above CĐ → Đ.
        (R.repeated(70, 7) + [20], allPass, .fail, .pass, "tin-hoc"),
        // A comment subject: all 9.0, GDTC CĐ → base Đ, counting it Đ gives T → K.
        (R.repeated(90, 8), [Judgement.fail, .pass, .pass, .pass], .pass, .fair, "gdtc"),
        // Comment subject CĐ plus a 3.0: base CĐ; counting GDTC as Đ still leaves 3.0 → CĐ; dropping 3.0 leaves one CĐ → Đ: no.
        (R.repeated(90, 7) + [30], [Judgement.fail, .pass, .pass, .pass], .fail, .fail, nil),
        // Two weak subjects: no single drop helps.
        (R.repeated(85, 6) + [34, 34], allPass, .fail, .fail, nil),
        (R.repeated(85, 6) + [49, 49], allPass, .pass, .pass, nil),
        // Two CĐ comment subjects.
        (R.repeated(90, 8), [Judgement.fail, .fail, .pass, .pass], .fail, .fail, nil),
        // Base Đ and without the subject only K (one level above): no adjustment.
        (R.repeated(70, 7) + [49], allPass, .pass, .pass, nil),
        // Base K is never raised (one below T).
        (R.repeated(85, 7) + [64], allPass, .fair, .fair, nil),
    ] as [([Int], [Judgement], Level, Level, String?)])
    func adjustment(scores: [Int], comments: [Judgement], base: Level, level: Level, subject: String?) throws {
        let r = R.rules.evaluate(R.student(term1: scores, comments: comments))
        let a = try #require(r.term1.learningAssessment)
        #expect(a.base == base)
        #expect(a.level == level)
        #expect(a.adjustment?.subject == subject)
        #expect(r.year.learningInitialAssessment == a)
    }

    @Test("nil while any subject's result is nil")
    func nilPropagation() {
        var input = R.student(term1: R.repeated(80, 8))
        input.marks[.first]?["toan"]?.endOfTerm = nil
        input.marks[.second]?["gdtc"]?.regular[1] = nil
        let r = R.rules.evaluate(input)
        #expect(r.term1.subject("toan")?.average == nil)
        #expect(r.term1.learning == nil)
        #expect(r.term2.subject("gdtc")?.result == nil)
        #expect(r.term2.learning == nil)
        #expect(r.year.subject("toan")?.average == nil)
        #expect(r.year.subject("gdtc")?.result == nil)
        #expect(r.year.learningInitial == nil)
        #expect(r.year.learning == nil)
        #expect(r.year.title == nil)
        #expect(r.year.outcome == nil)
        // A subject the student takes but with no marks at all also blocks the level.
        var optional = R.student(term1: R.repeated(80, 8))
        optional.subjects.append("ngoai-ngu-2")
        #expect(R.rules.evaluate(optional).term1.learning == nil)
    }

    @Test("conduct year table: all 16 cells", arguments: [
        (Level.good, Level.good, Level.good), (.good, .fair, .fair), (.good, .pass, .fair), (.good, .fail, .fail),
        (.fair, .good, .good), (.fair, .fair, .fair), (.fair, .pass, .pass), (.fair, .fail, .fail),
        (.pass, .good, .fair), (.pass, .fair, .fair), (.pass, .pass, .pass), (.pass, .fail, .fail),
        (.fail, .good, .fair), (.fail, .fair, .pass), (.fail, .pass, .pass), (.fail, .fail, .fail),
    ])
    func conduct(term1: Level, term2: Level, year: Level) {
        #expect(TT22Rules.yearConduct(term1: term1, term2: term2) == year)
        let r = R.rules.evaluate(R.student(term1: R.repeated(80, 8), conduct: (term1, term2)))
        #expect(r.year.conductInitial == year)
        #expect(r.term1.conduct == term1 && r.term2.conduct == term2)
    }

    @Test("conduct year is nil while a term is missing")
    func conductNil() {
        #expect(TT22Rules.yearConduct(term1: .good, term2: nil) == nil)
        #expect(TT22Rules.yearConduct(term1: nil, term2: .good) == nil)
        var input = R.student(term1: R.repeated(80, 8))
        input.conduct[.second] = nil
        let r = R.rules.evaluate(input)
        #expect(r.year.conduct == nil)
        #expect(r.year.outcome == nil)
    }
}
