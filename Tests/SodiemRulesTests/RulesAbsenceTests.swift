import Testing
@testable import SodiemBasics
@testable import SodiemModel
@testable import SodiemRules

/// Buổi absent per the one-session-a-day plan (rules-tt22.md §7, Điều 12.1.c); comment subjects'
/// year result without term I (§4); titles and absences (Điều 15.1).
@Suite("Rules: buổi absent, comment subjects' year, titles")
struct RulesAbsenceTests {
    /// `count` school days from 1 October 2024 (Sundays skipped), absent from the given sessions.
    static func days(_ count: Int, sessions: [String], excused: Bool = true) -> [Absence] {
        var out: [Absence] = []
        var day = Day(year: 2024, month: 10, day: 1)!, n = 0
        while n < count {
            if day.weekday != 7 {
                for s in sessions { out.append(Absence(date: day, session: s, excused: excused)) }
                n += 1
            }
            day = day.adding(days: 1)
        }
        return out
    }

    static func outcome(_ absences: [Absence], main: String) -> (AbsenceCount, Outcome?) {
        let count = AbsenceCount(absences, mainSession: main)
        var input = R.student(term1: R.repeated(80, 8))
        input.absences = count.total
        input.absenceDetail = count
        return (count, R.rules.evaluate(input).year.outcome)
    }

    @Test("23 days absent morning and afternoon → 23 buổi → promoted", arguments: ["sang", "chieu"])
    func twentyThreeDays(main: String) {
        let (count, outcome) = Self.outcome(Self.days(23, sessions: ["sang", "chieu"]), main: main)
        #expect(count.total == 23)
        #expect(count.bothSessions.count == 23 && count.otherSessionOnly.isEmpty)
        #expect(outcome == .promoted)
    }

    @Test("45 / 46 days with two sessions: 45 buổi promoted, 46 retained")
    func edge() {
        #expect(Self.outcome(Self.days(45, sessions: ["sang", "chieu"]), main: "sang").0.total == 45)
        #expect(Self.outcome(Self.days(45, sessions: ["sang", "chieu"]), main: "sang").1 == .promoted)
        #expect(Self.outcome(Self.days(46, sessions: ["sang", "chieu"]), main: "sang").0.total == 46)
        #expect(Self.outcome(Self.days(46, sessions: ["sang", "chieu"]), main: "sang").1 == .retained)
    }

    @Test("main session in the afternoon: 46 mornings absent count nothing, 46 afternoons retain")
    func afternoon() {
        let mornings = Self.outcome(Self.days(46, sessions: ["sang"]), main: "chieu")
        #expect(mornings.0.total == 0 && mornings.0.otherSessionOnly.count == 46 && mornings.1 == .promoted)
        let afternoons = Self.outcome(Self.days(46, sessions: ["chieu"]), main: "chieu")
        #expect(afternoons.0.total == 46 && afternoons.1 == .retained)
        // The same afternoons with the default main session (sáng) count nothing.
        #expect(Self.outcome(Self.days(46, sessions: ["chieu"]), main: "sang").0.total == 0)
    }

    @Test("a half-day absence from the other session is recorded, not counted; explain says which days and why")
    func halfDay() {
        var absences = Self.days(45, sessions: ["sang"])
        let extra = Day(year: 2024, month: 12, day: 2)!  // a Monday
        absences.append(Absence(date: extra, session: "chieu", excused: false))
        absences.append(Absence(date: Day(year: 2024, month: 10, day: 1)!, session: "chieu", excused: false))
        let (count, outcome) = Self.outcome(absences, main: "sang")
        #expect(count.total == 45 && outcome == .promoted)
        #expect(count.otherSessionOnly == [extra])
        #expect(count.bothSessions == [Day(year: 2024, month: 10, day: 1)!])
        #expect(count.excused.count == 45)
        var input = R.student(term1: R.repeated(80, 8))
        input.absences = count.total
        input.absenceDetail = count
        let step = R.rules.explain(input, period: .year).first { $0.kind == .note && $0.value == "45" }
        #expect(step?.vi.contains("02/12/2024") == true && step?.vi.contains("không tính") == true, "\(String(describing: step))")
        #expect(step?.en.contains("main session is the morning") == true)
    }

    @Test("comment subject with no term I and Đ in term II: year result Đ, year level and outcome computed")
    func commentWithoutTermOne() {
        var input = R.student(term1: R.repeated(80, 8))
        input.marks[.first]?["gdtc"] = nil
        input.marks[.first]?["nghe-thuat"] = SubjectMarks()
        let r = R.rules.evaluate(input)
        #expect(r.term1.subject("gdtc")?.result == nil && r.term1.learning == nil)
        #expect(r.year.subject("gdtc")?.result == R.d && r.year.subject("nghe-thuat")?.result == R.d)
        #expect(r.year.learningInitial == .good && r.year.outcome == .promoted)
        // Term II CĐ without term I: year CĐ. Term II missing: no year result.
        input.marks[.second]?["gdtc"] = R.judged(ck: .fail)
        #expect(R.rules.evaluate(input).year.subject("gdtc")?.result == R.cd)
        input.marks[.second]?["gdtc"] = SubjectMarks(regular: [R.d, R.d], midTerm: R.d, endOfTerm: nil)
        #expect(R.rules.evaluate(input).year.subject("gdtc")?.result == nil)
        #expect(R.rules.evaluate(input).year.learningInitial == nil)
    }

    @Test("Điều 15.1: conduct T and learning T retained for more than 45 buổi still earn the title")
    func titleWhenRetainedForAbsences() {
        var input = R.student(term1: R.repeated(95, 8))
        input.absences = 46
        let r = R.rules.evaluate(input)
        #expect(r.year.outcome == .retained)
        #expect(r.year.title == .excellent)
        input = R.student(term1: R.repeated(85, 8))
        input.absences = 60
        #expect(R.rules.evaluate(input).year.title == .good)
    }
}

@Suite("Rules: vắng (missed assessment awaiting its make-up, §3)")
struct RulesMissedTests {
    @Test("vắng, V, vang parse in both kinds of subject", arguments: ["vắng", "V", "vang", " VẮNG ", "v"])
    func parse(text: String) {
        #expect(MarkParser.parse(text, kind: .scored) == .success(.missed))
        #expect(MarkParser.parse(text, kind: .comment) == .success(.missed))
    }

    @Test("vắng counts as missing: no term average or judgement, no level; the make-up completes it")
    func countsAsMissing() {
        var input = R.student(term1: R.repeated(80, 8))
        input.marks[.first]?["toan"]?.midTerm = .missed
        input.marks[.first]?["gdtc"]?.endOfTerm = .missed
        var r = R.rules.evaluate(input)
        #expect(r.term1.subject("toan")?.result == nil && r.term1.subject("gdtc")?.result == nil)
        #expect(r.term1.learning == nil && r.year.learningInitial == nil && r.year.outcome == nil)
        let step = R.rules.explain(input, period: .term(.first)).first { $0.subject == "toan" }
        #expect(step?.en.contains("gk missed (make-up due)") == true, "\(String(describing: step))")
        input.marks[.first]?["toan"]?.midTerm = R.s(80)
        input.marks[.first]?["gdtc"]?.endOfTerm = R.d
        r = R.rules.evaluate(input)
        #expect(r.term1.learning == .good)
        // Not made up: 0 (score) or CĐ (comment) is entered in its place and counts.
        input.marks[.first]?["toan"]?.midTerm = R.s(0)
        #expect(R.rules.evaluate(input).term1.subject("toan")?.average?.tenths == 62)  // (4×8 + 2×0 + 3×8) / 9 = 6,22… → 6,2
    }
}
