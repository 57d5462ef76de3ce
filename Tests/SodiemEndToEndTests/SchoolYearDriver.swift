import Foundation
import Testing

/// Drives a whole school year of the small school through the real commands (reports, reminders, the new year).
extension Sodiem {
    static let compulsory = ["ngu-van", "toan", "ngoai-ngu", "gdcd", "ls-dl", "khtn", "cong-nghe", "tin-hoc",
                             "gdtc", "nghe-thuat", "hdtn-hn", "gddp"]
    static let commentSubjects: Set<String> = ["gdtc", "nghe-thuat", "hdtn-hn", "gddp"]

    /// Runs a command that must succeed.
    @discardableResult
    func ok(_ arguments: [String], as user: String? = nil, now: String) -> Run {
        let result = run(arguments, as: user, now: now)
        #expect(result.status == 0, "\(arguments): \(result)")
        return result
    }

    /// Adds 9A1 with one student (C1) so a grade-9 completer can leave.
    func addNinth() {
        ok(["class", "add", "9A1", "--grade", "9", "--homeroom", "cn.6a1"], as: "ad", now: "2024-09-02")
        let file = self.file("h9.csv", "ma_hs,ho_ten,gioi_tinh,dan_toc\nC1,Vũ Thị Chín,Nữ,Mường\n")
        ok(["import-students", "--class", "9A1", "--file", file], as: "cn.6a1", now: "2024-09-10")
    }

    /// Every compulsory subject of the classes assigned to gv.toan (who then enters everything).
    func assignEverything(_ classes: String) {
        for subject in Sodiem.compulsory {
            ok(["assign", "--subject", subject, "--classes", classes, "--enterers", "gv.toan", "--lead", "gv.toan"], as: "ad", now: "2024-09-03")
        }
    }

    /// Enters a whole subject sheet for a term: `value(student)` in every column (scored) or Đ (comment subjects).
    func enterSheet(_ className: String, _ subject: String, term: Int, now: String, value: (String) -> String) {
        let sheet = ok(["print-ledger", "--class", className, "--subject", subject, "--term", "\(term)", "--format", "csv"],
                       as: "gv.toan", now: now).stdout
        var lines = sheet.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let columns = header.filter { $0.hasPrefix("tx") || $0 == "gk" || $0 == "ck" }
        var csv = (["ma_hs"] + columns).joined(separator: ",") + "\n"
        for line in lines {
            let id = String(line.split(separator: ",", omittingEmptySubsequences: false)[0])
            let mark = Sodiem.commentSubjects.contains(subject) ? "Đ" : value(id)
            csv += ([id] + columns.map { _ in mark }).joined(separator: ",") + "\n"
        }
        let path = file("sheet-\(className)-\(subject)-\(term).csv", csv)
        ok(["enter-score", "--class", className, "--subject", subject, "--term", "\(term)", "--file", path], as: "gv.toan", now: now)
    }

    /// Conduct T for every listed student of a class in a term.
    func conductAll(_ className: String, _ students: [String], term: Int, now: String) {
        let path = file("conduct-\(className)-\(term).csv", "ma_hs,muc\n" + students.map { "\($0),T\n" }.joined())
        ok(["conduct", "--class", className, "--term", "\(term)", "--file", path], as: "cn.6a1", now: now)
    }

    /// 46 buổi absent (more than 45: ở lại lớp, rules §7): the main session (sáng) of 46 school days
    /// (Monday–Saturday) from 1 October, and the afternoon too on the first 10 (a day counts once).
    func absentTooOften(_ className: String, _ student: String) {
        var csv = "ma_hs,ngay,buoi,co_phep\n"
        var date = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 2024, month: 10, day: 1).date!
        var count = 0
        while count < 46 {
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
            if c.weekday != 1 {  // not a Sunday
                let day = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
                csv += "\(student),\(day),sang,co\n"
                if count < 10 { csv += "\(student),\(day),chieu,co\n" }
                count += 1
            }
            date += 86400
        }
        ok(["attendance", "--class", className, "--file", file("absent-\(student).csv", csv)], as: "cn.6a1", now: "2024-11-30")
    }
}
