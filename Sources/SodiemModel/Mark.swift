import SodiemBasics
import SodiemFormats
/// A score of a scored subject in tenths of a point: `Score(tenths: 75)` is 7,5.
///
/// Scores are tenths everywhere in sodiem; averages are exact integer arithmetic on them.
public struct Score: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The score times ten, 0...100.
    public let tenths: Int

    /// A score from tenths; `nil` outside 0...100.
    public init?(tenths: Int) {
        guard (0...100).contains(tenths) else { return nil }
        self.tenths = tenths
    }

    /// Tenths with a decimal point, as in JSON and CSV: `7.5`, `8.0`, `10.0`.
    public var description: String { Score.format(tenths: tenths, decimalMark: ".") }

    /// Tenths with the Vietnamese decimal comma, as in printed documents: `7,5`.
    public var printed: String { Score.format(tenths: tenths, decimalMark: ",") }

    /// Formats any tenths figure (an average too) with one decimal.
    public static func format(tenths: Int, decimalMark: String) -> String {
        Tenths.format(tenths, decimalMark: decimalMark)
    }

    /// Orders scores by value.
    public static func < (lhs: Score, rhs: Score) -> Bool { lhs.tenths < rhs.tenths }
}

/// The judgement of a comment subject (môn đánh giá bằng nhận xét).
public enum Judgement: String, Hashable, Sendable, CaseIterable {
    /// Đạt
    case pass = "Đ"
    /// Chưa đạt
    case fail = "CĐ"
}

/// One recorded assessment: a score for a scored subject, a judgement for a comment subject.
public enum Mark: Hashable, Sendable, CustomStringConvertible {
    /// A score of a scored subject, 0 to 10 in tenths.
    case score(Score)
    /// A judgement (Đ/CĐ) of a comment subject.
    case judgement(Judgement)
    /// `vắng`: the student missed the assessment and is owed a make-up (rules-tt22.md §3).
    /// It counts as missing: no average or judgement is computed from it.
    case missed

    /// The written form of a missed assessment, in JSON, CSV, the log and print.
    public static let missedText = "vắng"

    /// `7.5`, `Đ` or `vắng`: the form used in JSON, CSV and the audit log.
    public var description: String {
        switch self {
        case .score(let score): return score.description
        case .judgement(let judgement): return judgement.rawValue
        case .missed: return Mark.missedText
        }
    }

    /// `7,5`, `Đ` or `vắng`: the form used in printed documents.
    public var printed: String {
        switch self {
        case .score(let score): return score.printed
        case .judgement(let judgement): return judgement.rawValue
        case .missed: return Mark.missedText
        }
    }

    /// True for `vắng`.
    public var isMissed: Bool { self == .missed }
}

/// A level of learning or conduct (mức kết quả học tập / rèn luyện), best first.
public enum Level: String, Hashable, Sendable, CaseIterable, Comparable {
    /// Tốt
    case good = "T"
    /// Khá
    case fair = "K"
    /// Đạt
    case pass = "Đ"
    /// Chưa đạt
    case fail = "CĐ"

    /// Position from the top: Tốt 0 … Chưa đạt 3.
    public var rank: Int { Level.allCases.firstIndex(of: self)! }

    /// Better levels compare greater: `.good > .fair`.
    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank > rhs.rank }

    /// The Vietnamese name of the level: "Tốt", "Khá", "Đạt", "Chưa đạt".
    public var vietnameseName: String {
        switch self {
        case .good: return "Tốt"
        case .fair: return "Khá"
        case .pass: return "Đạt"
        case .fail: return "Chưa đạt"
        }
    }
}

/// A term of the school year (học kì).
public enum Term: Int, Hashable, Sendable, CaseIterable, Comparable {
    /// Học kì I.
    case first = 1
    /// Học kì II.
    case second = 2

    /// Orders terms by number: term I before term II.
    public static func < (lhs: Term, rhs: Term) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The recorded assessments of one student in one subject for one term.
public struct SubjectMarks: Hashable, Sendable {
    /// Regular assessments tx1…txN (đánh giá thường xuyên), `nil` where missing.
    public var regular: [Mark?]
    /// Mid-term assessment (đánh giá giữa kì).
    public var midTerm: Mark?
    /// End-of-term assessment (đánh giá cuối kì).
    public var endOfTerm: Mark?
    /// The day each column's score was first entered (school time), kept when the score is cleared:
    /// the edit window (`edit_window_days`) counts from it.
    public var entered: [Column: Day] = [:]

    /// Creates the marks of a subject in a term from its columns (all empty by default).
    public init(regular: [Mark?] = [], midTerm: Mark? = nil, endOfTerm: Mark? = nil, entered: [Column: Day] = [:]) {
        self.regular = regular
        self.midTerm = midTerm
        self.endOfTerm = endOfTerm
        self.entered = entered
    }

    /// True when no score is recorded (first-entry dates aside).
    public var isEmpty: Bool { midTerm == nil && endOfTerm == nil && regular.allSatisfy { $0 == nil } }
}
