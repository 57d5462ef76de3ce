import SodiemBasics
import SodiemModel

/// What `year` commands and `remind` tell a new school that the calendar lacks (issue 16,
/// items 2 and 3): missing test dates, and which year is current.
enum YearNotices {
    /// One missing test: `gk` or `ck`, a term, and the grades without a date (6…9).
    struct MissingTest: Equatable {
        let kind: String
        let term: Term
        let grades: [Int]

        /// `gk1`, `ck2`.
        var code: String { "\(kind)\(term.rawValue)" }
    }

    /// The mid- and end-of-term tests without a date for some grade.
    /// A grade counts as set when it has a date for the grade or for one of its subjects.
    static func missingTests(_ calendar: SchoolCalendar) -> [MissingTest] {
        var missing: [MissingTest] = []
        for term in Term.allCases {
            for kind in ["gk", "ck"] {
                let keys = calendar.testDates[term]?[kind]?.keys.map { String($0) } ?? []
                let grades = (6...9).filter { grade in !keys.contains { $0 == "\(grade)" || $0.hasPrefix("\(grade)/") } }
                if !grades.isEmpty { missing.append(MissingTest(kind: kind, term: term, grades: grades)) }
            }
        }
        return missing
    }

    /// "gk1, ck1 (every grade); gk2 (grades 8, 9)", or nil when every test has its date.
    static func missingTestDates(_ calendar: SchoolCalendar) -> Message? {
        let missing = missingTests(calendar)
        guard let first = missing.first else { return nil }
        var groups: [(grades: [Int], codes: [String])] = []
        for test in missing {
            if let index = groups.firstIndex(where: { $0.grades == test.grades }) { groups[index].codes.append(test.code) } else {
                groups.append((test.grades, [test.code]))
            }
        }
        func list(_ english: Bool) -> String {
            groups.map { group in
                let grades = group.grades == [6, 7, 8, 9]
                    ? (english ? "every grade" : "mọi khối")
                    : (english ? "grade " : "khối ") + group.grades.map(String.init).joined(separator: ", ")
                return group.codes.joined(separator: ", ") + " (\(grades))"
            }.joined(separator: "; ")
        }
        let example = "\(first.code):\(first.grades == [6, 7, 8, 9] ? "all" : String(first.grades[0]))=yyyy-mm-dd"
        return Message(
            vi: "Chưa đặt ngày kiểm tra: \(list(false)). Chưa có ngày kiểm tra thì điểm giữa kì/cuối kì không có hạn và không được nhắc (remind). Đặt bằng `sodiem year set --test-date \(example)`.",
            en: "Test dates not set: \(list(true)). Without them mid-term and end-of-term scores have no deadline and no reminders (remind). Set them with `sodiem year set --test-date \(example)`.")
    }

    /// The last line of every `year` command: which year is current, and how to switch to `touched`.
    static func currentYear(_ current: String?, touched: String?) -> Message {
        guard let current else {
            let switchTo = touched ?? "NĂM"
            return Message(vi: "Chưa có năm học hiện tại: đặt bằng `sodiem year set \(switchTo) --current`.",
                           en: "No school year is current: set one with `sodiem year set \(touched ?? "YEAR") --current`.")
        }
        guard let touched, touched != current else {
            return Message(vi: "Năm học hiện tại: \(current).", en: "Current school year: \(current).")
        }
        return Message(
            vi: "Năm học hiện tại vẫn là \(current) (các lệnh không có --year làm việc trên năm đó). Chuyển sang \(touched) bằng `sodiem year set \(touched) --current`.",
            en: "The current school year is still \(current) (commands without --year work on it). Switch to \(touched) with `sodiem year set \(touched) --current`.")
    }
}
