import Testing
@testable import SodiemBasics
@testable import SodiemModel
@testable import SodiemRules

/// A rational number in lowest terms, positive denominator (slow and obviously right).
struct Fraction: Comparable {
    let n: Int, d: Int
    init(_ n: Int, _ d: Int = 1) {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
        let g = max(gcd(n, d), 1) * (d < 0 ? -1 : 1)
        self.n = n / g
        self.d = d / g
    }
    static func + (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d + b.n * a.d, a.d * b.d) }
    static func * (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.n, a.d * b.d) }
    static func / (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d, a.d * b.n) }
    static func < (a: Fraction, b: Fraction) -> Bool { a.n * b.d < b.n * a.d }
    static func == (a: Fraction, b: Fraction) -> Bool { a.n == b.n && a.d == b.d }
    /// Largest integer ≤ self.
    var floor: Int { n >= 0 ? n / d : -((-n + d - 1) / d) }
}

/// The independent reference: rationals in points, rounding as ⌊10x + ½⌋ / 10, levels by search.
enum Reference {
    /// A score in points from tenths.
    static func points(_ tenths: Int) -> Fraction { Fraction(tenths, 10) }

    /// Rounds half up to one decimal, in points.
    static func round1(_ x: Fraction) -> Fraction { Fraction((x * Fraction(10) + Fraction(1, 2)).floor, 10) }

    static func termAverage(tx: [Int?], gk: Int?, ck: Int?) -> Fraction? {
        guard let gk, let ck, tx.allSatisfy({ $0 != nil }) else { return nil }
        var sum = Fraction(0)
        for t in tx { sum = sum + points(t!) }
        sum = sum + Fraction(2) * points(gk) + Fraction(3) * points(ck)
        return round1(sum / Fraction(tx.count + 5))
    }

    static func yearAverage(_ a: Fraction?, _ b: Fraction?) -> Fraction? {
        guard let a, let b else { return nil }
        return round1((a + Fraction(2) * b) / Fraction(3))
    }

    enum Result { case score(Fraction), judgement(Bool) }   // judgement: passed

    /// Level as a number, 4 = T, 3 = K, 2 = Đ, 1 = CĐ.
    static func tableLevel(_ results: [Result]) -> Int {
        var scores: [Fraction] = [], passes: [Bool] = []
        for r in results {
            switch r {
            case .score(let f): scores.append(f)
            case .judgement(let p): passes.append(p)
            }
        }
        let failed = passes.filter { !$0 }.count
        func count(atLeast x: Fraction) -> Int { scores.filter { !($0 < x) }.count }
        func none(below x: Fraction) -> Bool { !scores.contains { $0 < x } }
        let rows: [(Int, Bool)] = [
            (4, failed == 0 && none(below: Fraction(13, 2)) && count(atLeast: Fraction(8)) >= 6),
            (3, failed == 0 && none(below: Fraction(5)) && count(atLeast: Fraction(13, 2)) >= 6),
            (2, failed <= 1 && count(atLeast: Fraction(5)) >= 6 && none(below: Fraction(7, 2))),
        ]
        return rows.first { $0.1 }?.0 ?? 1
    }

    static func level(_ results: [Result?]) -> Int? {
        guard results.allSatisfy({ $0 != nil }) else { return nil }
        let all = results.map { $0! }
        let base = tableLevel(all)
        var candidates: [Int] = []
        for i in all.indices {
            var rest = all
            if case .judgement = all[i] { rest[i] = .judgement(true) } else { rest.remove(at: i) }
            candidates.append(tableLevel(rest))
        }
        let raised = candidates.contains { $0 >= 3 && $0 - base >= 2 }
        return raised ? base + 1 : base
    }

    static func level(of l: Level?) -> Int? {
        l.map { [Level.good: 4, .fair: 3, .pass: 2, .fail: 1][$0]! }
    }
}

@Suite("Rules: property test against a slow rational reference")
struct RulesPropertyTests {
    @Test("thousands of random students: averages and levels agree with the reference")
    func randomStudents() {
        var rng = SplitMix64(seed: 0x50D1_E4_2024)
        let rules = TT22Rules()
        let thresholds = [35, 50, 65, 80, 90]
        var seenLevels: [Int: Int] = [:], adjusted = 0, yearWithoutTermOne = 0, moved = 0, movedMidTerm = 0, carried = 0
        for _ in 0..<4000 {
            let grade = rng.int(6...9)
            var codes = TT22Catalogue.compulsoryCodes
            if rng.chance(20) { codes.append("ngoai-ngu-2") }
            if rng.chance(10) { codes.append("tieng-dan-toc") }
            var input = StudentYearInput(grade: grade, subjects: codes)
            // A student has a "centre"; subjects scatter around it; some near thresholds.
            let centre = rng.int(20...100)
            let missingRate = rng.chance(30) ? 3 : 0
            // Comment subjects with no term I at all (joined in term II, exempt in term I): rules-tt22.md §4.
            let noTermOne = Set(codes.filter { rules.subject(code: $0)!.kind == .comment && rng.chance(12) })
            var expectedTerm: [Term: [String: Reference.Result?]] = [:]
            var termFractions: [Term: [String: Fraction?]] = [:]
            for term in Term.allCases {
                var marks: [String: SubjectMarks] = [:]
                for code in codes {
                    let subject = rules.subject(code: code)!
                    let n = rules.regularCount(subject, grade: grade)
                    if subject.kind == .comment && term == .first && noTermOne.contains(code) {
                        expectedTerm[term, default: [:]].updateValue(nil, forKey: code)
                    } else if subject.kind == .comment {
                        let failRate = rng.chance(15) ? 30 : 1
                        var cells: [Mark?] = (0..<(n + 2)).map { _ in rng.chance(failRate) ? R.cd : R.d }
                        for i in cells.indices where rng.chance(missingRate) { cells[i] = nil }
                        marks[code] = SubjectMarks(regular: Array(cells[0..<n]), midTerm: cells[n], endOfTerm: cells[n + 1])
                        let complete = cells.allSatisfy { $0 != nil }
                        let result: Reference.Result? = complete ? .judgement(cells.allSatisfy { $0 == R.d }) : nil
                        expectedTerm[term, default: [:]].updateValue(result, forKey: code)  // keeps a nil value
                    } else {
                        let subjectCentre = rng.chance(30) ? thresholds[rng.int(0...4)] : centre
                        let spread = rng.int(0...20)
                        var cells: [Int?] = (0..<(n + 2)).map { _ in min(100, max(0, subjectCentre + rng.int(-spread...spread))) }
                        for i in cells.indices where rng.chance(missingRate) { cells[i] = nil }
                        marks[code] = SubjectMarks(regular: cells[0..<n].map { $0.map { R.s($0) } },
                                                   midTerm: cells[n].map { R.s($0) }, endOfTerm: cells[n + 1].map { R.s($0) })
                        let avg = Reference.termAverage(tx: Array(cells[0..<n]), gk: cells[n], ck: cells[n + 1])
                        termFractions[term, default: [:]].updateValue(avg, forKey: code)
                        expectedTerm[term, default: [:]].updateValue(avg.map { .score($0) }, forKey: code)
                    }
                }
                input.marks[term] = marks
            }
            // A student who moved class (rules-tt22.md §8): the cells entered so far sit in the old
            // class's record, the rest in the new one's; the year is read as one record.
            if rng.chance(25) {
                moved += 1
                let midTerm = rng.chance(50)
                let moveTerm: Term = midTerm && rng.chance(50) ? .first : .second
                var old = StudentRecord(name: "Cũ"), new = StudentRecord(name: "Mới")
                new.movedFrom = [MovedIn(className: "6A1", date: Day("2024-11-04")!)]
                for term in Term.allCases {
                    for (code, marks) in input.marks[term] ?? [:] {
                        let columns = Column.sheet(regularCount: max(1, marks.regular.count))
                        // Before the move's term: all in the old class; in it: up to a random cell (mid-term)
                        // or none (at the term boundary); after it: all in the new class.
                        let cut = term < moveTerm ? columns.count : (term == moveTerm && midTerm ? rng.int(0...columns.count) : 0)
                        var before = SubjectMarks(), after = SubjectMarks()
                        for (index, column) in columns.enumerated() {
                            guard let mark = marks[column] else { continue }
                            if index < cut { before[column] = mark } else {
                                after[column] = mark
                                // Missed in the old class, made up in the new one.
                                if rng.chance(10) { before[column] = .missed }
                            }
                        }
                        old.scores[code, default: [:]][term] = before
                        new.scores[code, default: [:]][term] = after
                    }
                }
                if midTerm { movedMidTerm += 1 }
                let year = old.overlaid(by: new)
                for term in Term.allCases {
                    var marks: [String: SubjectMarks] = [:]
                    for code in (input.marks[term] ?? [:]).keys { marks[code] = year.marks(code, term) }
                    input.marks[term] = marks
                }
            } else if rng.chance(12) {
                // A transfer in at term II: term I's results come from the previous school's transcript.
                carried += 1
                var given: [String: Mark] = [:]
                for code in codes {
                    switch expectedTerm[.first]![code]! {
                    case .score(let f)?: given[code] = R.s(f.n * 10 / f.d)
                    case .judgement(let p)?: given[code] = p ? R.d : R.cd
                    case nil: break
                    }
                }
                input.marks[.first] = [:]
                input.carried[.first] = given
            }
            let results = rules.evaluate(input)
            for term in Term.allCases {
                let tr = results.term(term)
                for code in codes {
                    let got = tr.subject(code)?.result
                    switch expectedTerm[term]![code]! {
                    case .score(let f)?: #expect(got.map { if case .score(let s) = $0 { Fraction(s.tenths, 10) == f } else { false } } == true, "term \(term) \(code)")
                    case .judgement(let p)?: #expect(got == (p ? R.d : R.cd), "term \(term) \(code)")
                    case nil: #expect(got == nil, "term \(term) \(code)")
                    }
                }
                let expected = Reference.level(codes.map { expectedTerm[term]![$0]! })
                #expect(Reference.level(of: tr.learning) == expected, "term \(term) level of \(input)")
                if let e = expected { seenLevels[e, default: 0] += 1 }
                if tr.learningAssessment?.adjustment != nil { adjusted += 1 }
            }
            // Year.
            var yearExpected: [Reference.Result?] = []
            for code in codes {
                let got = results.year.subject(code)?.result
                if rules.subject(code: code)!.kind == .scored {
                    let y = Reference.yearAverage(termFractions[.first]![code]!, termFractions[.second]![code]!)
                    #expect(got.map { if case .score(let s) = $0 { Fraction(s.tenths, 10) == y } else { false } } ?? (y == nil), "year \(code)")
                    yearExpected.append(y.map { .score($0) })
                } else {
                    let a = expectedTerm[.first]![code]!, b = expectedTerm[.second]![code]!
                    _ = a  // Điều 9.1.a: the year result is the term II result, with or without term I
                    let y: Reference.Result? = b
                    yearExpected.append(y)
                    if case .judgement(let p)? = y { #expect(got == (p ? R.d : R.cd)) } else { #expect(got == nil) }
                    if a == nil && got != nil { yearWithoutTermOne += 1 }
                }
            }
            let expectedYear = Reference.level(yearExpected)
            #expect(Reference.level(of: results.year.learningInitial) == expectedYear, "year level of \(input)")
            if let e = expectedYear { seenLevels[e, default: 0] += 1 }
        }
        // The generator reaches every level and the adjustment, or the test proves little.
        #expect(seenLevels.keys.sorted() == [1, 2, 3, 4], "\(seenLevels)")
        #expect(adjusted > 20, "adjusted \(adjusted)")
        #expect(yearWithoutTermOne > 20, "comment subjects with a year result and no term I: \(yearWithoutTermOne)")
        #expect(moved > 500 && movedMidTerm > 200 && carried > 200, "moved \(moved), mid-term \(movedMidTerm), carried \(carried)")
    }

    @Test("reference rounding agrees with the integer formula on every numerator (sanity of the reference)")
    func referenceRounding() {
        for den in [3, 7, 8, 9] {
            for num in 0...(100 * den) {
                let ref = Reference.round1(Fraction(num, 10 * den))
                #expect(ref == Fraction(TT22Rules.roundHalfUp(num, den), 10))
            }
        }
    }
}
