import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemCore

extension ExampleSchool {
    /// One of each special case of issue 11 that this build handles, so `sodiem demo` shows them:
    /// a grade taught in the afternoon (grade 7's main session), a missed test made up and one not
    /// (`vắng`, then the make-up, or 0 with "không kiểm tra bù"), and a commendation.
    public func specialCases(after term: Term, dataPath: String, osUser: String, osIsRoot: Bool) throws(SodiemError) -> Message? {
        func invocation(_ acting: String?, _ now: String) -> Invocation {
            Invocation(dataPath: dataPath, asUser: acting, nowOverride: now, lockWait: 10, osUser: osUser, osIsRoot: osIsRoot,
                       commandName: "demo")
        }
        let accounts = try CSVFiles.read(folder.appendingPathComponent("tai-khoan.csv"))
        let (year, first) = try Session.with(invocation(nil, "2024-12-28"), mode: .read) { s throws(SodiemError) in
            let year = try s.year(nil)
            let name = year.classes.keys.sorted(by: ClassNotation.precedes).first
            return (year, try name.map { n throws(SodiemError) in try s.classFile(year, n) })
        }
        guard let first else { return nil }
        let students = first.orderedStudents.map(\.id)
        switch term {
        case .first:
            // Grade 7 is taught in the afternoon: its buổi absent count the afternoons.
            _ = try Session.with(invocation(nil, "2024-12-28"), mode: .write) { s throws(SodiemError) in
                var calendar = year.calendar
                calendar.mainSessions[7] = "chieu"
                return try s.setYear(try s.year(nil), calendar: calendar, current: false)
            }
            guard students.count >= 2, let teacher = year.assignment("toan", first.name)?.enterers.first else { return nil }
            func enter(_ student: String, _ column: String, _ value: String, on day: String, note: String? = nil) throws(SodiemError) {
                _ = try Session.with(invocation(teacher, day), mode: .write) { s throws(SodiemError) in
                    try s.enterScore(try s.year(nil), className: first.name, subject: "toan", term: "1", student: student,
                                     column: column, value: value, note: note)
                }
            }
            // The first student missed the mid-term test and took the make-up; the second missed the
            // end-of-term test and was not tested again (0, with the note).
            try enter(students[0], "gk", "vắng", on: "2024-12-28")
            try enter(students[1], "ck", "vắng", on: "2024-12-28")
            try enter(students[0], "gk", "7,5", on: "2025-01-06")
            try enter(students[1], "ck", "0", on: "2025-01-08", note: "không kiểm tra bù")
            return Message(vi: "Trường hợp riêng: khối 7 học buổi chiều (tính buổi nghỉ theo buổi chiều); \(first.name): một bài kiểm tra vắng đã kiểm tra bù, một bài không kiểm tra bù (0)",
                           en: "Special cases: grade 7 taught in the afternoon (buổi absent count the afternoons); \(first.name): a missed test made up, one not made up (0)")
        case .second:
            guard let principal = accounts.rows.first(where: { $0[field: 2].contains("principal") && !$0[field: 2].contains("vice") })?[field: 0],
                  let student = students.first else { return nil }
            _ = try Session.with(invocation(osIsRoot ? nil : principal, "2025-05-23"), mode: .write) { s throws(SodiemError) in
                try s.commend(try s.year(nil), className: first.name, student: student, text: "Có tiến bộ vượt bậc môn Toán trong học kì II")
            }
            return Message(vi: "Khen thưởng (Điều 15.1.b): một học sinh lớp \(first.name), in trên học bạ",
                           en: "A commendation (Article 15.1.b) for a student of \(first.name), printed on the transcript")
        }
    }
}
