import SodiemBasics
import SodiemRules
import SodiemDocuments

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
}
