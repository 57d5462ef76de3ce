import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemRules
@testable import SodiemDocuments
@testable import SodiemStore
@testable import SodiemCore

@Suite("Deadlines")
struct DeadlinesTests {
    static func calendar() -> SchoolCalendar {
        var c = SchoolCalendar()
        c.terms[.first] = TermDates(start: Day("2024-09-05")!, end: Day("2025-01-11")!)
        c.terms[.second] = TermDates(start: Day("2025-01-13")!, end: Day("2025-05-24")!)
        return c
    }

    @Test("txK is planned at start + K × length / (N + 1)")
    func planned() {
        let d = Deadlines(calendar: Self.calendar())
        // Term I: 128 days from first to last day; N = 4 → every 25.6 days, floored.
        #expect(d.plannedRegular(1, of: 4, subject: "toan", term: .first) == Day("2024-09-30"))
        #expect(d.plannedRegular(2, of: 4, subject: "toan", term: .first) == Day("2024-10-26"))
        #expect(d.plannedRegular(4, of: 4, subject: "toan", term: .first) == Day("2024-12-16"))
        // N = 2: thirds.
        #expect(d.plannedRegular(1, of: 2, subject: "gdcd", term: .first) == Day("2024-10-17"))
        #expect(d.plannedRegular(1, of: 4, subject: "toan", term: .first) != d.plannedRegular(1, of: 2, subject: "toan", term: .first))
    }

    @Test("the due day is the first checkpoint on or after the planned day")
    func checkpoints() {
        let d = Deadlines(calendar: Self.calendar())
        #expect(d.checkpoint(onOrAfter: Day("2024-09-30")!) == Day("2024-10-14"))
        #expect(d.checkpoint(onOrAfter: Day("2024-10-14")!) == Day("2024-10-14"))
        #expect(d.checkpoint(onOrAfter: Day("2024-10-15")!) == Day("2024-10-28"))
        #expect(d.checkpoint(onOrAfter: Day("2024-12-29")!) == Day("2025-01-14"))
        // A checkpoint past the month's end falls on its last day.
        #expect(Deadlines.checkpoint(onOrAfter: Day("2025-02-15")!, checkpoints: [30]) == Day("2025-02-28"))
        #expect(Deadlines.checkpoint(onOrAfter: Day("2025-02-15")!, checkpoints: []) == Day("2025-02-15"))
        #expect(d.due(.regular(1), subject: "toan", grade: 6, term: .first, regularCount: 4) == Day("2024-10-14"))
        #expect(d.due(.regular(2), subject: "toan", grade: 6, term: .first, regularCount: 4) == Day("2024-10-28"))
    }

    @Test("the school's planned dates win over the even spread")
    func schoolDates() {
        var c = Self.calendar()
        c.regularDates["toan"] = [.first: [Day("2024-09-20")!, Day("2024-10-18")!]]
        c.checkpoints = [15]
        let d = Deadlines(calendar: c)
        #expect(d.due(.regular(1), subject: "toan", grade: 6, term: .first, regularCount: 4) == Day("2024-10-15"))
        #expect(d.due(.regular(2), subject: "toan", grade: 6, term: .first, regularCount: 4) == Day("2024-11-15"))
        // tx3 has no school date: the spread applies (2024-11-20 → 15/12).
        #expect(d.due(.regular(3), subject: "toan", grade: 6, term: .first, regularCount: 4) == Day("2024-12-15"))
        #expect(d.due(.regular(1), subject: "khtn", grade: 6, term: .first, regularCount: 4) == Day("2024-10-15"))
    }

    @Test("gk and ck: test day + entry days; none until the school sets a test day")
    func tests() {
        var c = Self.calendar()
        let d0 = Deadlines(calendar: c)
        #expect(d0.due(.midTerm, subject: "toan", grade: 6, term: .first, regularCount: 4) == nil)
        #expect(!Deadlines.isLate(Day("2025-06-01")!, due: nil))
        c.testDates[.first] = ["gk": ["6": Day("2024-11-04")!, "6/toan": Day("2024-11-06")!], "ck": ["7": Day("2024-12-23")!]]
        c.entryDaysAfterTest = 5
        let d = Deadlines(calendar: c)
        #expect(d.due(.midTerm, subject: "toan", grade: 6, term: .first, regularCount: 4) == Day("2024-11-11"))
        #expect(d.due(.midTerm, subject: "khtn", grade: 6, term: .first, regularCount: 4) == Day("2024-11-09"))
        #expect(d.due(.endOfTerm, subject: "khtn", grade: 6, term: .first, regularCount: 4) == nil)
        #expect(d.due(.endOfTerm, subject: "khtn", grade: 7, term: .first, regularCount: 4) == Day("2024-12-28"))
        let all = d.dueDates(subject: "toan", grade: 6, term: .first, regularCount: 4)
        #expect(all.map(\.column) == [.regular(1), .regular(2), .regular(3), .regular(4), .midTerm, .endOfTerm])
    }

    @Test("a deadline holds through its own day")
    func lateness() {
        let due = Day("2024-10-14")!
        #expect(!Deadlines.isLate(Day("2024-10-13")!, due: due))
        #expect(!Deadlines.isLate(due, due: due))
        #expect(Deadlines.isLate(Day("2024-10-15")!, due: due))
    }
}

@Suite("Entered values")
struct EnteredValueTests {
    @Test("scores: comma or point, one decimal, 0…10; anything else refused with the reason")
    func scores() throws {
        #expect(try MarkParser.parse("7,5", kind: .scored).get() == .score(Score(tenths: 75)!))
        #expect(try MarkParser.parse(" 7.5 ", kind: .scored).get() == .score(Score(tenths: 75)!))
        #expect(try MarkParser.parse("10", kind: .scored).get() == .score(Score(tenths: 100)!))
        #expect(try MarkParser.parse("0", kind: .scored).get() == .score(Score(tenths: 0)!))
        #expect(MarkParser.parse("-1", kind: .scored) == .failure(.negative("-1")))
        #expect(MarkParser.parse("11", kind: .scored) == .failure(.aboveTen("11")))
        #expect(MarkParser.parse("10,1", kind: .scored) == .failure(.aboveTen("10,1")))
        #expect(MarkParser.parse("7,25", kind: .scored) == .failure(.tooManyDecimals("7,25")))
        #expect(MarkParser.parse("bảy", kind: .scored) == .failure(.notAScore("bảy")))
        #expect(MarkParser.parse("Đ", kind: .scored) == .failure(.notAScore("Đ")))
        #expect(MarkParser.parse("7", kind: .comment) == .failure(.notAJudgement("7")))
        for pass in ["Đ", "D", "đạt", "Dat"] { #expect(try MarkParser.parse(pass, kind: .comment).get() == .judgement(.pass)) }
        for fail in ["CĐ", "cd", "Chưa đạt"] { #expect(try MarkParser.parse(fail, kind: .comment).get() == .judgement(.fail)) }
    }

    @Test("homeroom values: sessions, excused, levels, months")
    func homeroom() {
        #expect(HomeroomValues.session("Chiều") == "chieu")
        #expect(HomeroomValues.session("sáng") == "sang")
        #expect(HomeroomValues.session("tối") == nil)
        #expect(HomeroomValues.excused("x") == true)
        #expect(HomeroomValues.excused("Có") == true)
        #expect(HomeroomValues.excused("") == false)
        #expect(HomeroomValues.excused("maybe") == nil)
        #expect(HomeroomValues.level("Tốt") == .good)
        #expect(HomeroomValues.level("CD") == .fail)
        #expect(HomeroomValues.level("Đ") == .pass)
        #expect(HomeroomValues.level("A") == nil)
        #expect(HomeroomValues.month("2024-10")! == (2024, 10))
        #expect(HomeroomValues.month("10/2024")! == (2024, 10))
        #expect(HomeroomValues.month("2024-13") == nil)
    }

    @Test("absences are counted per month, term and year, excused and not")
    func counts() {
        let a = [Absence(date: Day("2024-10-03")!, session: "sang", excused: true),
                 Absence(date: Day("2024-10-03")!, session: "chieu", excused: false),
                 Absence(date: Day("2024-11-20")!, session: "sang", excused: false),
                 Absence(date: Day("2025-02-10")!, session: "sang", excused: true)]
        let c = DeadlinesTests.calendar()
        #expect(AttendanceCounts.month(a, "2024-10") == AbsenceTally(excused: 1, unexcused: 1))
        #expect(AttendanceCounts.byMonth(a).count == 3)
        #expect(AttendanceCounts.term(a, .first, calendar: c) == AbsenceTally(excused: 1, unexcused: 2))
        #expect(AttendanceCounts.term(a, .second, calendar: c).total == 1)
        #expect(AttendanceCounts.year(a) == AbsenceTally(excused: 2, unexcused: 2))
    }
}
