import SodiemBasics
import SodiemFormats
/// Sessions absent (số buổi nghỉ), excused (có phép, `P`) and unexcused (không phép, `K`).
public struct AbsenceTally: Sendable, Equatable {
    /// Sessions absent with leave (có phép, `P`).
    public var excused = 0
    /// Sessions absent without leave (không phép, `K`).
    public var unexcused = 0

    /// Creates a tally from its two counts (zero by default).
    public init(excused: Int = 0, unexcused: Int = 0) {
        self.excused = excused
        self.unexcused = unexcused
    }

    /// Excused and unexcused together (what the 45-session rule counts).
    public var total: Int { excused + unexcused }

    package mutating func add(_ absence: Absence) {
        if absence.excused { excused += 1 } else { unexcused += 1 }
    }
}

/// Counting a student's absences by month, term and year (pure; for results, ledgers and reports).
public enum AttendanceCounts {
    /// The absences on days from `start` through `end` (both included).
    public static func tally(_ absences: [Absence], from start: Day, through end: Day) -> AbsenceTally {
        var tally = AbsenceTally()
        for absence in absences where start <= absence.date && absence.date <= end { tally.add(absence) }
        return tally
    }

    /// Month (`2024-10`) → tally, for the months with at least one absence.
    public static func byMonth(_ absences: [Absence]) -> [String: AbsenceTally] {
        var months: [String: AbsenceTally] = [:]
        for absence in absences { months[absence.date.monthKey, default: AbsenceTally()].add(absence) }
        return months
    }

    /// The absences of one month (`2024-10`).
    public static func month(_ absences: [Absence], _ month: String) -> AbsenceTally {
        byMonth(absences)[month] ?? AbsenceTally()
    }

    /// The absences within a term's dates (empty when the term has no dates).
    public static func term(_ absences: [Absence], _ term: Term, calendar: SchoolCalendar) -> AbsenceTally {
        guard let dates = calendar.terms[term] else { return AbsenceTally() }
        return tally(absences, from: dates.start, through: dates.end)
    }

    /// The absences of the year: every recorded absence (they all fall in a term: `attendance` checks that).
    public static func year(_ absences: [Absence]) -> AbsenceTally {
        var tally = AbsenceTally()
        for absence in absences { tally.add(absence) }
        return tally
    }
}
