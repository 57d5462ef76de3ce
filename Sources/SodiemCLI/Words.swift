import SodiemBasics
import SodiemRules
import SodiemDocuments
import SodiemModel

/// Codes said as words in text output, in the user's language (issue 16 item 6): codes stay
/// in JSON and CSV.
enum Words {
    /// "Học sinh Xuất sắc" / "Excellent student".
    static func title(_ title: Title, _ language: Language) -> String {
        guard language == .english else { return PrintedNames.title(title) }
        switch title {
        case .excellent: return "Excellent student"
        case .good: return "Good student"
        }
    }

    /// "Được lên lớp" / "Promoted"; grade 9: "Hoàn thành chương trình THCS" / "Completed lower secondary".
    static func outcome(_ outcome: Outcome, grade: Int, _ language: Language) -> String {
        guard language == .english else { return PrintedNames.outcome(outcome, grade: grade) }
        switch outcome {
        case .promoted: return grade >= 9 ? "Completed lower secondary" : "Promoted"
        case .summerTraining: return "Summer training"
        case .retest: return "Re-test"
        case .retained: return "Retained"
        }
    }

    /// A subject's Vietnamese name ("Toán") in both languages: it is the subject's name.
    static func subject(_ code: String) -> String { PrintedNames.subject(code) }

    /// An English count with its noun: `1 class`, `2 classes` (Vietnamese nouns do not change).
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// A day as text output prints it: `15/10/2024` in Vietnamese, `15 Oct 2024` in English
    /// (docs/decisions.md); `yyyy-mm-dd` stays in JSON, CSV and the options.
    static func day(_ day: Day, _ language: Language) -> String { language == .english ? day.english : day.vietnamese }

    /// A span of days, `05/09/2024 – 11/01/2025`.
    static func span(_ start: Day, _ end: Day, _ language: Language) -> String {
        start == end ? Words.day(start, language) : "\(Words.day(start, language)) – \(Words.day(end, language))"
    }

    /// A month key `2024-10` as `tháng 10/2024` / `Oct 2024`; nil when the text is not a month.
    static func month(_ key: String, _ language: Language) -> String? {
        let parts = key.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
              (1...12).contains(m) else { return nil }
        return language == .english ? "\(Day.englishMonths[m - 1]) \(y)" : "tháng \(m)/\(y)"
    }

    /// The reporting dates the calendar starts with (data.md), said as words; a name the school
    /// chose itself is its own name.
    static func reporting(_ name: String, _ language: Language) -> String {
        let known: [String: (vi: String, en: String)] = [
            "chot-so-lieu-dau-nam": ("chốt số liệu đầu năm", "start-of-year figures"),
            "bao-cao-dau-nam": ("báo cáo đầu năm", "start-of-year report"),
            "chot-so-lieu-cuoi-nam": ("chốt số liệu cuối năm", "end-of-year figures"),
            "bao-cao-cuoi-nam": ("báo cáo cuối năm", "end-of-year report"),
        ]
        guard let words = known[name] else { return name }
        return language == .english ? words.en : words.vi
    }

    /// `freeze` / `send` of a reporting date.
    static func reportingKind(_ kind: String, _ language: Language) -> String {
        switch (kind, language) {
        case ("freeze", .english): return "freeze"
        case ("freeze", _): return "chốt số liệu"
        case ("send", .english): return "send"
        case ("send", _): return "gửi"
        default: return kind
        }
    }

    /// The main session of a grade: `sang` → sáng / morning, `chieu` → chiều / afternoon.
    static func session(_ code: String, _ language: Language) -> String {
        switch code {
        case "sang": return language == .english ? "morning" : "sáng"
        case "chieu": return language == .english ? "afternoon" : "chiều"
        default: return code
        }
    }

    /// The school week: `mon-fri` / `mon-sat`.
    static func schoolWeek(_ code: String, _ language: Language) -> String {
        switch code {
        case "mon-fri": return language == .english ? "Monday to Friday" : "thứ Hai – thứ Sáu"
        default: return language == .english ? "Monday to Saturday" : "thứ Hai – thứ Bảy"
        }
    }

    /// A test: `gk` → giữa kì / mid-term, `ck` → cuối kì / end-of-term.
    static func test(_ kind: String, _ language: Language) -> String {
        switch kind {
        case "gk": return language == .english ? "mid-term" : "giữa kì"
        case "ck": return language == .english ? "end-of-term" : "cuối kì"
        default: return kind
        }
    }

    /// The target of a test date: a grade (`6`) or a subject in a grade (`6/toan`).
    static func testTarget(_ target: String, _ language: Language) -> String {
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        let grade = (language == .english ? "grade " : "khối ") + parts[0]
        return parts.count == 2 ? grade + ", " + subject(parts[1]) : grade
    }

    /// A correction request's state.
    static func fixStatus(_ status: String, _ language: Language) -> String {
        let words: [String: (vi: String, en: String)] = [
            "pending": ("chờ duyệt", "pending"), "approved": ("đã duyệt", "approved"), "rejected": ("từ chối", "rejected"),
        ]
        guard let pair = words[status] else { return status }
        return language == .english ? pair.en : pair.vi
    }

    /// What a reminder is about (`remind`'s KIND column).
    static func reminderKind(_ kind: String, _ language: Language) -> String {
        let words: [String: (vi: String, en: String)] = [
            "tx": ("điểm thường xuyên", "regular scores"), "gk": ("điểm giữa kì", "mid-term score"),
            "ck": ("điểm cuối kì", "end-of-term score"), "attendance": ("chuyên cần", "attendance"),
            "conduct": ("rèn luyện", "conduct"), "comment": ("nhận xét", "comments"), "lock": ("khoá sổ", "lock the term"),
            "report": ("báo cáo", "report"),
        ]
        guard let pair = words[kind] else { return kind }
        return language == .english ? pair.en : pair.vi
    }

    /// The WHAT of a reminder: a month, a term, a reporting date; a column (`tx1`, `gk`) stays as
    /// the column is named on the sheet and in `--column`.
    static func reminderWhat(_ what: String, _ language: Language) -> String {
        if let month = month(what, language) { return month }
        if what == "term1" { return language == .english ? "term 1" : "học kì I" }
        if what == "term2" { return language == .english ? "term 2" : "học kì II" }
        return reporting(what, language)
    }

    /// An account's roles: the codes in English (they are English words), Vietnamese names in Vietnamese.
    static func roles(_ roles: [Role], _ language: Language) -> String {
        guard language != .english else { return roles.map(\.rawValue).joined(separator: ",") }
        let names: [Role: String] = [.teacher: "giáo viên", .admin: "quản trị viên", .principal: "hiệu trưởng",
                                     .vicePrincipal: "phó hiệu trưởng", .system: "tài khoản hệ thống"]
        return roles.map { names[$0] ?? $0.rawValue }.joined(separator: ", ")
    }
}
