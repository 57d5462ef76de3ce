import Testing
@testable import SodiemBasics
@testable import SodiemModel
@testable import SodiemRules

@Suite("Rules: exact averages and half-up rounding (§3, §4)")
struct RulesAverageTests {
    static func marks(_ tx: [Int], _ gk: Int, _ ck: Int) -> SubjectMarks {
        SubjectMarks(regular: tx.map { R.s($0) }, midTerm: R.s(gk), endOfTerm: R.s(ck))
    }

    @Test("worked examples: E1, E2, 6.45, 63.6/8, integers", arguments: [
        // E1 (cli.md / contract): tx 8,7,9,6 gk 7.5 ck 8 → 69/9 = 7.67 → 7.7
        ([80, 70, 90, 60], 75, 80, 77),
        // E2: Công nghệ grade 8, tx 7,8,7 gk 6 ck 8 → 58/8 = 7.25 → 7.3 (exact half up)
        ([70, 80, 70], 60, 80, 73),
        // 51.6/8 = 6.45 → 6.5 (exact half up)
        ([70, 70, 70], 60, 62, 65),
        // 63.6/8 = 7.95 → 8.0, not 7.9 as binary floating point gives
        ([80, 80, 76], 80, 80, 80),
        // contract correction: E1 with ck 9 → 72/9 = 8.0
        ([80, 70, 90, 60], 75, 90, 80),
        // 2 regular columns: (6 + 7 + 2×5 + 3×4)/7 = 35/7 = 5.0
        ([60, 70], 50, 40, 50),
        // all tens and all zeros
        ([100, 100], 100, 100, 100), ([0, 0, 0, 0], 0, 0, 0),
    ])
    func termAverage(tx: [Int], gk: Int, ck: Int, expected: Int) {
        #expect(TT22Rules.termAverage(Self.marks(tx, gk, ck), regularCount: tx.count) == Score(tenths: expected))
    }

    @Test("E1 and E2 through evaluate with the grade's column count")
    func throughEvaluate() {
        var e1 = StudentYearInput(grade: 6)
        e1.marks[.first] = ["toan": Self.marks([80, 70, 90, 60], 75, 80)]
        #expect(R.rules.evaluate(e1).term1.subject("toan")?.average == Score(tenths: 77))
        var e2 = StudentYearInput(grade: 8)
        e2.marks[.first] = ["cong-nghe": Self.marks([70, 80, 70], 60, 80)]
        #expect(R.rules.evaluate(e2).term1.subject("cong-nghe")?.average == Score(tenths: 73))
        // In grade 6 Công nghệ has 2 tx.
        var e3 = StudentYearInput(grade: 6)
        e3.marks[.first] = ["cong-nghe": Self.marks([70, 80], 60, 80)]
        // (7 + 8 + 12 + 24)/7 = 51/7 = 7.285… → 7.3
        #expect(R.rules.evaluate(e3).term1.subject("cong-nghe")?.average == Score(tenths: 73))
    }

    @Test("nil unless every tx, gk and ck is a score", arguments: [
        SubjectMarks(regular: [R.s(80), R.s(70), R.s(90)], midTerm: R.s(75), endOfTerm: R.s(80)),   // 3 of 4 tx
        SubjectMarks(regular: [R.s(80), R.s(70), nil, R.s(60)], midTerm: R.s(75), endOfTerm: R.s(80)),
        SubjectMarks(regular: [R.s(80), R.s(70), R.s(90), R.s(60)], midTerm: nil, endOfTerm: R.s(80)),
        SubjectMarks(regular: [R.s(80), R.s(70), R.s(90), R.s(60)], midTerm: R.s(75), endOfTerm: nil),
        SubjectMarks(regular: [R.s(80), R.s(70), R.s(90), R.d], midTerm: R.s(75), endOfTerm: R.s(80)),
        SubjectMarks(),
    ])
    func incomplete(marks: SubjectMarks) {
        #expect(TT22Rules.termAverage(marks, regularCount: 4) == nil)
    }

    @Test("half up: (2·num + den)/(2·den) agrees with an independent rounding for every numerator and denominator")
    func roundingExhaustive() {
        for den in [3, 7, 8, 9] {
            for num in 0...(100 * den) {
                // Independent: compare twice the remainder with the denominator.
                let q = num / den, r = num % den
                let expected = 2 * r >= den ? q + 1 : q
                #expect(TT22Rules.roundHalfUp(num, den) == expected)
            }
        }
    }

    @Test("no tie is possible with N + 5 = 7 or 9 (or the year's 3): den odd ⇒ 2·num ≠ odd multiple of den")
    func noTiesWithOddDenominators() {
        for den in [3, 7, 9] {
            let ties = (0...(100 * den)).filter { num in 2 * (num % den) == den }
            #expect(ties.isEmpty)
        }
    }

    @Test("with 3 regular columns (N + 5 = 8) ties exist and all round up")
    func tiesWithEight() {
        let ties = (0...800).filter { 2 * ($0 % 8) == 8 }
        #expect(ties.count == 100)  // num ≡ 4 (mod 8)
        for num in ties {
            #expect(TT22Rules.roundHalfUp(num, 8) == (num + 4) / 8)
        }
        // Through real columns (Công nghệ grade 8): a tie rounds up, a quarter does not.
        let cases: [([Int], Int, Int, Int)] = [
            ([70, 80, 70], 60, 80, 73),   // 58/8 = 7.25 (tie) → 7.3
            ([50, 50, 49], 50, 49, 50),   // 39.6/8 = 4.95 (tie) → 5.0
            ([50, 50, 50], 50, 48, 49),   // 39.4/8 = 4.925 → 4.9
            ([40, 40, 40], 40, 52, 45),   // 35.6/8 = 4.45 (tie) → 4.5
            ([70, 70, 71], 70, 70, 70),   // 56.1/8 = 7.0125 → 7.0
        ]
        for (tx, gk, ck, expected) in cases {
            #expect(TT22Rules.termAverage(RulesAverageTests.marks(tx, gk, ck), regularCount: 3) == Score(tenths: expected))
        }
    }

    @Test("year average from the rounded term averages", arguments: [
        (77, 80, 79),   // (7.7 + 16.0)/3 = 7.9
        (64, 66, 65),   // 19.6/3 = 6.533… → 6.5
        (65, 64, 64),   // 19.3/3 = 6.433… → 6.4
        (50, 49, 49),   // 14.8/3 = 4.933… → 4.9
        (49, 50, 50),   // 14.9/3 = 4.966… → 5.0
        (100, 100, 100), (0, 0, 0), (90, 89, 89), (91, 89, 90),
    ])
    func yearAverage(t1: Int, t2: Int, expected: Int) {
        #expect(TT22Rules.yearAverage(term1: Score(tenths: t1), term2: Score(tenths: t2)) == Score(tenths: expected))
    }

    @Test("year average uses the ROUNDED term averages (Decision of §3)")
    func yearFromRounded() {
        // Term I 39.6/8 = 4.95 → 5.0, term II 35.6/8 = 4.45 → 4.5.
        // From the rounded terms: (5.0 + 2×4.5)/3 = 4.666… → 4.7; from the exact ones it would be 4.616… → 4.6.
        var input = StudentYearInput(grade: 8, subjects: ["cong-nghe"])
        input.marks[.first] = ["cong-nghe": RulesAverageTests.marks([50, 50, 49], 50, 49)]
        input.marks[.second] = ["cong-nghe": RulesAverageTests.marks([40, 40, 40], 40, 52)]
        let year = R.rules.evaluate(input).year.subject("cong-nghe")!
        #expect(year.term1 == R.s(50))
        #expect(year.term2 == R.s(45))
        #expect(year.average == Score(tenths: 47))
    }

    @Test("comment subject term result", arguments: [
        (SubjectMarks(regular: [R.d, R.d], midTerm: R.d, endOfTerm: R.d), Judgement?.some(.pass)),
        (SubjectMarks(regular: [R.d, R.cd], midTerm: R.d, endOfTerm: R.d), .some(.fail)),
        (SubjectMarks(regular: [R.d, R.d], midTerm: R.d, endOfTerm: R.cd), .some(.fail)),
        (SubjectMarks(regular: [R.cd, R.cd], midTerm: R.cd, endOfTerm: R.cd), .some(.fail)),
        (SubjectMarks(regular: [R.d, nil], midTerm: R.d, endOfTerm: R.d), nil),
        (SubjectMarks(regular: [R.d], midTerm: R.d, endOfTerm: R.d), nil),
        (SubjectMarks(regular: [R.cd, R.d], midTerm: nil, endOfTerm: R.d), nil),   // CĐ already but incomplete: nil
        (SubjectMarks(regular: [R.d, R.d], midTerm: R.d, endOfTerm: nil), nil),
        (SubjectMarks(regular: [R.d, R.s(80)], midTerm: R.d, endOfTerm: R.d), nil),
    ])
    func commentTerm(marks: SubjectMarks, expected: Judgement?) {
        #expect(TT22Rules.termJudgement(marks, regularCount: 2) == expected)
    }

    @Test("comment subject year result = term II result, with or without term I (Điều 9.1.a); nil without term II")
    func commentYear() {
        #expect(TT22Rules.yearResult(term1: R.cd, term2: R.d, kind: .comment) == R.d)
        #expect(TT22Rules.yearResult(term1: R.d, term2: R.cd, kind: .comment) == R.cd)
        #expect(TT22Rules.yearResult(term1: nil, term2: R.d, kind: .comment) == R.d)
        #expect(TT22Rules.yearResult(term1: nil, term2: R.cd, kind: .comment) == R.cd)
        #expect(TT22Rules.yearResult(term1: nil, term2: nil, kind: .comment) == nil)
        #expect(TT22Rules.yearResult(term1: R.d, term2: nil, kind: .comment) == nil)
        #expect(TT22Rules.yearResult(term1: nil, term2: R.s(80), kind: .scored) == nil)
    }
}
