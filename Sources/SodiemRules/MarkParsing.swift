import SodiemBasics
import SodiemModel

/// Why an entered value is not a valid mark (điểm/nhận xét không hợp lệ).
public enum MarkError: Error, Hashable, Sendable {
    /// Nothing entered.
    case empty
    /// A score below 0.
    case negative(String)
    /// A score above 10.
    case aboveTen(String)
    /// More than one decimal: the teacher rounds the score first.
    case tooManyDecimals(String)
    /// Not a number at all (for a scored subject).
    case notAScore(String)
    /// Not Đ/CĐ (for a comment subject).
    case notAJudgement(String)

    /// The message in Vietnamese and English, naming the value at fault and the way out.
    public var message: Message {
        switch self {
        case .empty:
            return Message(vi: "Chưa nhập giá trị.", en: "No value was entered.")
        case .negative(let t):
            return Message(vi: "Điểm \"\(t)\" âm: điểm phải từ 0 đến 10.",
                                 en: "Score \"\(t)\" is negative: a score is between 0 and 10.")
        case .aboveTen(let t):
            return Message(vi: "Điểm \"\(t)\" lớn hơn 10: điểm phải từ 0 đến 10.",
                                 en: "Score \"\(t)\" is above 10: a score is between 0 and 10.")
        case .tooManyDecimals(let t):
            return Message(
                vi: "Điểm \"\(t)\" có quá một chữ số thập phân: giáo viên làm tròn điểm bài kiểm tra đến một chữ số thập phân trước khi nhập (ví dụ 7,5).",
                en: "Score \"\(t)\" has more than one decimal: the teacher rounds the test score to one decimal before entering it (e.g. 7.5).")
        case .notAScore(let t):
            return Message(
                vi: "\"\(t)\" không phải là điểm: nhập một số từ 0 đến 10, tối đa một chữ số thập phân (7, 7,5 hoặc 7.5).",
                en: "\"\(t)\" is not a score: enter a number from 0 to 10 with at most one decimal (7, 7,5 or 7.5).")
        case .notAJudgement(let t):
            return Message(
                vi: "\"\(t)\" không phải là nhận xét: môn đánh giá bằng nhận xét nhận Đ (Đạt) hoặc CĐ (Chưa đạt).",
                en: "\"\(t)\" is not a judgement: a comment subject takes Đ (Đạt, pass) or CĐ (Chưa đạt, not passed).")
        }
    }
}

/// Parsing of one entered value (rules-tt22.md §2).
public enum MarkParser {
    /// Parses a score (0–10, integer or one decimal, `.` or `,`) or a judgement (Đ, CĐ, D, CD, Đạt, Chưa đạt).
    ///
    /// Surrounding white space is ignored. Trailing zeros after one decimal are accepted
    /// (`7,50` is 7,5: nothing is rounded); a non-zero second decimal is refused.
    public static func parse(_ text: String, kind: SubjectKind) -> Result<Mark, MarkError> {
        let trimmed = text.trimmingSpaces(newlines: true)
        guard !trimmed.isEmpty else { return .failure(.empty) }
        // A missed assessment awaiting its make-up, in either kind of subject (rules-tt22.md §3).
        if ["vang", "v"].contains(RulesFolding.key(trimmed)) { return .success(.missed) }
        switch kind {
        case .scored: return parseScore(trimmed).map { .score($0) }
        case .comment: return parseJudgement(trimmed).map { .judgement($0) }
        }
    }

    package static func parseScore(_ t: String) -> Result<Score, MarkError> {
        var chars = Array(t.unicodeScalars)
        var negative = false
        if let first = chars.first, first == "-" || first == "\u{2212}" {
            negative = true
            chars.removeFirst()
        }
        let markIndex = chars.firstIndex { $0 == "." || $0 == "," }
        let intPart = markIndex.map { Array(chars[..<$0]) } ?? chars
        let fracPart = markIndex.map { Array(chars[chars.index(after: $0)...]) } ?? []
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        guard !intPart.isEmpty, intPart.allSatisfy(isDigit), fracPart.allSatisfy(isDigit),
              markIndex == nil || !fracPart.isEmpty else {
            return .failure(.notAScore(t))
        }
        if negative {
            return .failure(.negative(t))
        }
        if fracPart.count > 1 && fracPart.dropFirst().contains(where: { $0 != "0" }) {
            return .failure(.tooManyDecimals(t))
        }
        let digitValue: (Unicode.Scalar) -> Int = { Int($0.value) - 48 }
        // Leading zeros aside, more than two integer digits is above 10.
        let significant = intPart.drop { $0 == "0" }
        guard significant.count <= 2 else { return .failure(.aboveTen(t)) }
        let whole = significant.reduce(0) { $0 * 10 + digitValue($1) }
        let tenths = whole * 10 + (fracPart.first.map(digitValue) ?? 0)
        guard let score = Score(tenths: tenths) else { return .failure(.aboveTen(t)) }
        return .success(score)
    }

    package static func parseJudgement(_ t: String) -> Result<Judgement, MarkError> {
        switch RulesFolding.key(t) {
        case "d", "dat": return .success(.pass)
        case "cd", "chuadat": return .success(.fail)
        default: return .failure(.notAJudgement(t))
        }
    }
}
