import SodiemBasics
import SodiemModel
/// When each score column of a subject falls due (hạn nhập điểm), from the year's calendar (data.md: deadlines).
///
/// Pure: no clock, no files. A deadline `D` holds through the whole of day `D`; an entry is late
/// from `D + 1` on (`Deadlines.isLate`). Used by `enter-score` (late marks) and by `remind`.
///
/// - Regular assessment txK of N (đánh giá thường xuyên): planned on the school's date for the
///   subject and term (`calendar.regularDates`) when set, else on start + ⌊K × length / (N + 1)⌋,
///   where length is the number of days from the term's first to its last day; due at the first
///   checkpoint (`calendar.checkpoints`, days of the month, default 14 and 28) on or after the
///   planned day.
/// - Mid-term `gk` and end-of-term `ck` (giữa kì, cuối kì): due `entryDaysAfterTest` days after the
///   test date of the term for the grade and subject (`"6/toan"`), else for the grade (`"6"`);
///   no test date set → no deadline.
public struct Deadlines: Sendable {
    /// The year's calendar.
    public let calendar: SchoolCalendar

    /// Deadlines of a year's calendar.
    public init(calendar: SchoolCalendar) {
        self.calendar = calendar
    }

    /// The planned day of regular assessment `k` (1-based) of `count` in a term; `nil` when the term has no dates.
    public func plannedRegular(_ k: Int, of count: Int, subject: String, term: Term) -> Day? {
        if let dates = calendar.regularDates[subject]?[term], k >= 1, k <= dates.count { return dates[k - 1] }
        guard let dates = calendar.terms[term], count >= 1, k >= 1 else { return nil }
        let length = dates.end.ordinal - dates.start.ordinal
        return dates.start.adding(days: k * length / (count + 1))
    }

    /// The first checkpoint day (ngày kiểm tra định kì trong tháng) on or after `day`.
    ///
    /// A checkpoint past the end of a short month (30 in February) falls on that month's last day.
    /// With no checkpoints configured, `day` itself.
    public func checkpoint(onOrAfter day: Day) -> Day {
        Deadlines.checkpoint(onOrAfter: day, checkpoints: calendar.checkpoints)
    }

    /// The first day on or after `day` whose day of the month is one of `checkpoints`.
    public static func checkpoint(onOrAfter day: Day, checkpoints: [Int]) -> Day {
        let days = checkpoints.filter { (1...31).contains($0) }.sorted()
        guard !days.isEmpty else { return day }
        var (year, month, _) = day.components
        for _ in 0..<13 {
            for d in days {
                if let candidate = Day(year: year, month: month, day: min(d, Day.daysIn(month: month, year: year))),
                   candidate >= day {
                    return candidate
                }
            }
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return day
    }

    /// The test day of `gk` or `ck` in a term for a grade and subject; `nil` until the school sets it.
    public func testDate(_ column: Column, subject: String, grade: Int, term: Term) -> Day? {
        let kind: String
        switch column {
        case .midTerm: kind = "gk"
        case .endOfTerm: kind = "ck"
        case .regular: return nil
        }
        let byKey = calendar.testDates[term]?[kind] ?? [:]
        return byKey["\(grade)/\(subject)"] ?? byKey["\(grade)"]
    }

    /// The due day of a column; `nil` when it has none (no test date, or a term without dates).
    ///
    /// `regularCount` is the subject's N for the grade (`AssessmentRules.regularCount`).
    public func due(_ column: Column, subject: String, grade: Int, term: Term, regularCount: Int) -> Day? {
        switch column {
        case .regular(let k):
            return plannedRegular(k, of: regularCount, subject: subject, term: term).map(checkpoint(onOrAfter:))
        case .midTerm, .endOfTerm:
            return testDate(column, subject: subject, grade: grade, term: term).map { $0.adding(days: calendar.entryDaysAfterTest) }
        }
    }

    /// Every column of the subject's sheet with its due day, in sheet order (tx1…txN, gk, ck).
    public func dueDates(subject: String, grade: Int, term: Term, regularCount: Int) -> [(column: Column, due: Day?)] {
        Column.sheet(regularCount: regularCount).map { ($0, due($0, subject: subject, grade: grade, term: term, regularCount: regularCount)) }
    }

    /// True when an entry on `day` is after the deadline `due` (a deadline holds through its own day).
    public static func isLate(_ day: Day, due: Day?) -> Bool {
        guard let due else { return false }
        return day > due
    }
}
