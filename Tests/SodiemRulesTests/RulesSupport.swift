@testable import SodiemBasics
@testable import SodiemModel
@testable import SodiemRules

/// Shared builders for the rules tests.
enum R {
    static let rules = TT22Rules()
    static let scored = ["ngu-van", "toan", "ngoai-ngu", "gdcd", "ls-dl", "khtn", "cong-nghe", "tin-hoc"]
    static let comments = ["gdtc", "nghe-thuat", "hdtn-hn", "gddp"]

    static func s(_ tenths: Int) -> Mark { .score(Score(tenths: tenths)!) }
    static let d = Mark.judgement(.pass)
    static let cd = Mark.judgement(.fail)

    /// Marks whose term average is exactly `tenths`: every column the same score.
    static func uniform(_ tenths: Int, n: Int) -> SubjectMarks {
        SubjectMarks(regular: Array(repeating: s(tenths), count: n), midTerm: s(tenths), endOfTerm: s(tenths))
    }

    /// Comment-subject marks: every assessment Đ, or the last (ck) set to `ck`.
    static func judged(ck: Judgement = .pass) -> SubjectMarks {
        SubjectMarks(regular: [d, d], midTerm: d, endOfTerm: .judgement(ck))
    }

    static func n(_ code: String, grade: Int = 6) -> Int { rules.regularCount(rules.subject(code: code)!, grade: grade) }

    /// A student whose 8 scored subjects have the given averages in each term (term1 ?? term2)
    /// and whose comment subjects have the given results (default all Đ).
    static func student(term1: [Int], term2: [Int]? = nil, comments c1: [Judgement] = [.pass, .pass, .pass, .pass],
                        comments2 c2: [Judgement]? = nil, conduct: (Level, Level)? = (.good, .good),
                        grade: Int = 6) -> StudentYearInput {
        var input = StudentYearInput(grade: grade)
        for (term, values, judgements) in [(Term.first, term1, c1), (.second, term2 ?? term1, c2 ?? c1)] {
            var marks: [String: SubjectMarks] = [:]
            for (code, v) in zip(scored, values) { marks[code] = uniform(v, n: n(code, grade: grade)) }
            for (code, j) in zip(comments, judgements) { marks[code] = judged(ck: j) }
            input.marks[term] = marks
        }
        if let conduct { input.conduct = [.first: conduct.0, .second: conduct.1] }
        return input
    }

    static func repeated(_ v: Int, _ count: Int) -> [Int] { Array(repeating: v, count: count) }
}
