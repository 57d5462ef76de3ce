import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemModel

private func score(_ tenths: Int) -> Mark { .score(Score(tenths: tenths)!) }

@Suite("One record per year across classes (rules-tt22.md §8)")
struct MoveRecordTests {
    @Test("the new class's cells, conduct and comments win where it holds them; absences, exemptions and commendations add up")
    func overlay() {
        var old = StudentRecord(name: "Học Sinh Một", particulars: ["gioi_tinh": "Nam"])
        old.scores["toan"] = [.first: SubjectMarks(regular: [score(60), score(70)], midTerm: .missed,
                                                   entered: [.regular(1): Day("2024-10-01")!, .midTerm: Day("2024-10-20")!])]
        old.conduct["1"] = .good
        old.absences = [Absence(date: Day("2024-10-03")!, session: "sang", excused: false),
                        Absence(date: Day("2024-11-04")!, session: "sang", excused: false)]
        old.homeroomComment = "cũ"
        old.commendations = ["Giải nhì cờ vua"]
        old.scoreNotes[ScoreCell(subject: "toan", term: .first, column: .regular(2))] = "ghi chú cũ"
        var new = StudentRecord(name: "Học Sinh Một", particulars: ["gioi_tinh": "Nam", "dia_chi": "Xóm Mới"])
        new.movedFrom = [MovedIn(className: "6A1", date: Day("2024-11-04")!)]
        new.scores["toan"] = [.first: SubjectMarks(regular: [nil, nil, score(80)], midTerm: score(75),
                                                   entered: [.regular(3): Day("2024-12-01")!, .midTerm: Day("2024-12-02")!])]
        new.conduct["2"] = .fair
        // The day of the move, recorded by both homeroom teachers: one absence, the new class's.
        new.absences = [Absence(date: Day("2024-11-04")!, session: "sang", excused: true)]
        new.commendations = ["Tiến bộ môn Toán"]

        let year = old.overlaid(by: new)
        let toan = year.marks("toan", .first)
        #expect(toan.regular == [score(60), score(70), score(80)])
        #expect(toan.midTerm == score(75) && toan.entered[.midTerm] == Day("2024-12-02"), "the make-up replaces vắng with its own entry day")
        #expect(toan.entered[.regular(1)] == Day("2024-10-01"), "the old class's entry day stays with its cell")
        #expect(year.conduct == ["1": .good, "2": .fair])
        #expect(year.absences.count == 2 && year.absences.contains { $0.date == Day("2024-11-04")! && $0.excused })
        #expect(year.homeroomComment == "cũ" && year.commendations == ["Giải nhì cờ vua", "Tiến bộ môn Toán"])
        #expect(year.particulars["dia_chi"] == "Xóm Mới" && year.movedFrom.map(\.className) == ["6A1"])
        #expect(year.scoreNotes.count == 1)
        // A record that came from nowhere is itself.
        #expect(new.overlaid(by: StudentRecord(name: "x")).name == "x")
    }
}
