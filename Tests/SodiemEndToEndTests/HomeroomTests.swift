import Foundation
import Testing

/// The homeroom teacher's work and the board's special cases, on the built binary.
@Suite("Homeroom work, end to end", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct HomeroomTests {
    static func classFile(_ s: Sodiem) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: s.dataFile("years/2024-2025/classes/6A1.json")!) as! [String: Any]
    }

    static func student(_ s: Sodiem, _ id: String) throws -> [String: Any] {
        (try classFile(s)["students"] as! [String: Any])[id] as! [String: Any]
    }

    static func lastAction(_ s: Sodiem) -> String? {
        let lines = String(decoding: s.dataFile("audit.log")!, as: UTF8.self).split(separator: "\n")
        let last = try! JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as! [String: Any]
        return last["action"] as? String
    }

    @Test("permission matrix of the homeroom and special-case commands")
    func permissions() {
        let s = Sodiem.smallSchool()
        let commands: [(args: [String], allowed: Set<String>)] = [
            (["attendance", "--class", "6A1", "--student", "A1", "--date", "2024-10-03"], ["ad", "cn.6a1"]),
            (["conduct", "--class", "6A1", "--term", "1", "--student", "A1", "--level", "T"], ["ad", "cn.6a1"]),
            (["comment", "--class", "6A1", "--student", "A1", "--text", "Chăm chỉ."], ["ad", "cn.6a1"]),
            (["comment", "--class", "6A1", "--student", "A1", "--subject", "toan", "--text", "Tiến bộ."], ["gv.toan"]),
            (["exempt", "--class", "6A1", "--student", "A1", "--subject", "gdtc", "--term", "year", "--decision", "QĐ số 1"], ["ad", "ht", "pht"]),
            (["individual-plan", "--class", "6A1", "--student", "A1", "--decision", "QĐ số 2"], ["ad", "ht", "pht"]),
        ]
        for (args, allowed) in commands {
            for user in ["ad", "ht", "pht", "cn.6a1", "gv.toan", "gv.cn", "cron"] {
                let before = s.dataState()
                let run = s.run(args, as: user, now: "2024-12-20")  // term I conduct is recorded in the term's last month
                #expect(run.status == (allowed.contains(user) ? 0 : 77), "\(user) \(args): \(run)")
                if run.status != 0 { #expect(s.dataState() == before) }
            }
        }
    }

    @Test("attendance: one session, a file with Vietnamese headers, removal, counts; bad input refused")
    func attendance() throws {
        let s = Sodiem.smallSchool()
        let base = ["attendance", "--class", "6A1"]
        #expect(s.run(base + ["--student", "A1", "--date", "03/10/2024", "--session", "chiều", "--excused"], as: "cn.6a1", now: "2024-10-05").status == 0)
        #expect(Self.lastAction(s) == "attendance.set")
        let file = s.file("nghi.csv", "\u{FEFF}Mã học sinh;Ngày;Buổi;Có phép\r\nA2;2024-10-07;sáng;\r\nA2;08/10/2024;Chiều;x\r\nA3;09/10/2024;;có\r\n")
        let dry = s.run(base + ["--file", file, "--dry-run"], as: "cn.6a1", now: "2024-10-10")
        #expect(dry.status == 0 && dry.stdout.contains("Would record 3 changes"), "\(dry)")
        #expect(s.run(base + ["--file", file], as: "cn.6a1", now: "2024-10-10").status == 0)
        let log = s.dataFile("audit.log")
        #expect(s.run(base + ["--file", file], as: "cn.6a1", now: "2024-10-10").status == 0)
        #expect(s.dataFile("audit.log") == log)                        // the same file again changes nothing
        let a2 = try Self.student(s, "A2")["absences"] as! [[String: Any]]
        #expect(a2.count == 2 && a2.map { $0["excused"] as! Bool } == [false, true])
        // Removal of a recorded absence.
        #expect(s.run(base + ["--student", "A2", "--date", "2024-10-07", "--clear"], as: "cn.6a1", now: "2024-10-11").status == 0)
        #expect((try Self.student(s, "A2")["absences"] as! [[String: Any]]).count == 1)
        // Refusals change nothing.
        let before = s.dataState()
        for (args, code) in [
            (["--student", "A1", "--date", "2024-08-01"], Int32(65)),          // before term I
            (["--student", "A1", "--date", "2024-13-01"], 65),
            (["--student", "A1", "--date", "2024-10-03", "--session", "tối"], 65),
            (["--student", "ZZ", "--date", "2024-10-03"], 66),
            (["--file", s.file("bad.csv", "ma_hs,ngay\nA1,2024-10-03\nZZ,2024-10-03\nA2,hôm qua\n")], 65),
            (["--month", "2024-10", "--close"], 65),                            // the month is not over on 20 October
            (["--month", "2024-07", "--close"], 65),
            (["--student", "A1"], 64),
        ] as [([String], Int32)] {
            let run = s.run(base + args, as: "cn.6a1", now: "2024-10-20")
            #expect(run.status == code, "\(args): \(run)")
        }
        let badFile = s.run(base + ["--file", s.folder.appendingPathComponent("bad.csv").path], as: "cn.6a1", now: "2024-10-20")
        #expect(badFile.stderr.contains("bad.csv line 3") && badFile.stderr.contains("bad.csv line 4"), "\(badFile.stderr)")
        #expect(s.dataState() == before)
        // Closing the month from its last day on; closing again is nothing.
        #expect(s.run(base + ["--month", "2024-10", "--close"], as: "cn.6a1", now: "2024-10-31").status == 0)
        #expect(Self.lastAction(s) == "attendance.close")
        #expect(try Self.classFile(s)["closed_months"] as? [String] == ["2024-10"])
        let closed = s.dataState()
        #expect(s.run(base + ["--month", "2024-10", "--close"], as: "cn.6a1", now: "2024-11-02").status == 0)
        #expect(s.dataState() == closed)
    }

    @Test("conduct: per term, from a file, after summer training; bad levels refused")
    func conduct() throws {
        let s = Sodiem.smallSchool()
        let base = ["conduct", "--class", "6A1"]
        #expect(s.run(base + ["--term", "1", "--student", "A1", "--level", "CĐ"], as: "cn.6a1", now: "2024-12-30").status == 0)
        let file = s.file("rl.csv", "ma_hs,ho_ten,Mức\nA2,Lê Thị An,Tốt\nA3,Đỗ Văn Cường,k\n")
        #expect(s.run(base + ["--term", "2", "--file", file], as: "cn.6a1", now: "2025-05-20").status == 0)
        #expect(s.run(base + ["--term", "2", "--student", "A1", "--level", "CD"], as: "cn.6a1", now: "2025-05-20").status == 0)
        let before = s.dataState()
        #expect(s.run(base + ["--term", "1", "--student", "A1", "--level", "X"], as: "cn.6a1", now: "2024-12-30").status == 65)
        #expect(s.run(base + ["--term", "2", "--file", s.file("bad.csv", "ma_hs,muc\nA1,T\nZZ,K\nA2,tốt lắm\n")], as: "cn.6a1", now: "2025-05-20").status == 65)
        #expect(s.run(base + ["--term", "year", "--student", "A1", "--level", "Đ"], as: "cn.6a1", now: "2025-07-30").status == 64)
        #expect(s.run(base + ["--term", "year", "--student", "A2", "--level", "Đ", "--after-summer"], as: "cn.6a1", now: "2025-07-30").status == 65)
        #expect(s.dataState() == before)
        #expect(s.run(base + ["--term", "year", "--student", "A1", "--level", "Đ", "--after-summer"], as: "cn.6a1", now: "2025-07-30").status == 0)
        let conduct = try Self.student(s, "A1")["conduct"] as! [String: String]
        #expect(conduct == ["1": "CĐ", "2": "CĐ", "summer": "Đ"])
        #expect(try Self.student(s, "A3")["conduct"] as! [String: String] == ["2": "K"])
    }

    @Test("comments, GDTC exemption and the individual plan flag")
    func commentsAndSpecialCases() throws {
        let s = Sodiem.smallSchool()
        #expect(s.run(["comment", "--class", "6A1", "--student", "A1", "--text", "Ngoan, chăm học."], as: "cn.6a1", now: "2025-05-20").status == 0)
        #expect(s.run(["comment", "--class", "6A1", "--student", "A1", "--subject", "Toán", "--text", "Tư duy tốt."], as: "gv.toan", now: "2025-05-20").status == 0)
        let a1 = try Self.student(s, "A1")
        #expect(a1["comment"] as? String == "Ngoan, chăm học.")
        #expect(a1["subject_comments"] as? [String: String] == ["toan": "Tư duy tốt."])
        let before = s.dataState()
        let other = s.run(["exempt", "--class", "6A1", "--student", "A1", "--subject", "toan", "--term", "1", "--decision", "QĐ số 3"], as: "ht", now: "2024-10-01")
        #expect(other.status == 65 && other.stderr.contains("gdtc"), "\(other)")
        #expect(s.run(["exempt", "--class", "6A1", "--student", "A1", "--subject", "gdtc", "--term", "hè", "--decision", "QĐ số 3"], as: "ht", now: "2024-10-01").status == 64)
        #expect(s.run(["exempt", "--class", "6A1", "--student", "A1", "--subject", "gdtc", "--term", "1"], as: "ht", now: "2024-10-01").status == 64)
        #expect(s.dataState() == before)
        #expect(s.run(["exempt", "--class", "6A1", "--student", "A1", "--subject", "Thể dục", "--term", "1", "--decision", "QĐ số 3/QĐ-THCS"], as: "ht", now: "2024-10-01").status == 0)
        #expect(try Self.student(s, "A1")["exemptions"] as! [[String: String]] == [["subject": "gdtc", "term": "1", "decision": "QĐ số 3/QĐ-THCS"]])
        #expect(s.run(["individual-plan", "--class", "6A1", "--student", "A2", "--decision", "QĐ số 4"], as: "pht", now: "2024-10-01").status == 0)
        #expect((try Self.student(s, "A2")["individual_plan"] as! [String: Any])["decision"] as? String == "QĐ số 4")
        #expect(Self.lastAction(s) == "iep.set")
        #expect(s.run(["individual-plan", "--class", "6A1", "--student", "A2", "--off"], as: "ht", now: "2024-10-02").status == 0)
        #expect(try Self.student(s, "A2")["individual_plan"] == nil)
        #expect(s.run(["exempt", "--class", "6A1", "--student", "A1", "--subject", "gdtc", "--term", "1", "--off"], as: "ad", now: "2024-10-02").status == 0)
        #expect(try Self.student(s, "A1")["exemptions"] == nil)
        #expect(s.run(["verify"], as: "ad").status == 0)
    }
}
