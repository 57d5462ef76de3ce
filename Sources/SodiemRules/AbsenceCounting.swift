import SodiemBasics
import SodiemModel

/// Buổi absent as Điều 12.1.c counts them: "tính theo kế hoạch giáo dục 01 buổi/ngày" (rules-tt22.md §7).
///
/// A school day counts once, when the student missed that day's main session; absences from the
/// other session are recorded and shown but do not count towards 45.
public struct AbsenceCount: Hashable, Sendable {
    /// The grade's main session (`sang` or `chieu`).
    public let mainSession: String
    /// Days on which the main session was missed, oldest first: each is one buổi counted.
    public let counted: [Day]
    /// Of those, the days excused (có phép).
    public let excused: [Day]
    /// Days on which only the other session was missed (recorded, not counted).
    public let otherSessionOnly: [Day]
    /// Days on which both sessions were missed (counted once).
    public let bothSessions: [Day]

    /// Buổi counted (excused and unexcused together): what the 45-buổi rule compares.
    public var total: Int { counted.count }

    /// Counts the absences of one student (in any order) under the grade's main session.
    public init(_ absences: [Absence], mainSession: String) {
        self.mainSession = mainSession
        var main: [Day: Bool] = [:], other: Set<Day> = []
        for absence in absences {
            if absence.session == mainSession { main[absence.date] = absence.excused } else { other.insert(absence.date) }
        }
        counted = main.keys.sorted()
        excused = counted.filter { main[$0] == true }
        otherSessionOnly = other.filter { main[$0] == nil }.sorted()
        bothSessions = counted.filter { other.contains($0) }
    }

    /// Counts only the absences from `start` through `end` (a term).
    public init(_ absences: [Absence], mainSession: String, from start: Day, through end: Day) {
        self.init(absences.filter { start <= $0.date && $0.date <= end }, mainSession: mainSession)
    }
}
