import Foundation
import Testing

/// `enter-score` and `print-ledger --subject` on the built binary.
@Suite("Score entry, end to end", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct ScoreEntryTests {
    static let one = ["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1"]

    /// The audit log's lines as JSON objects.
    static func log(_ s: Sodiem) -> [[String: Any]] {
        String(decoding: s.dataFile("audit.log") ?? Data(), as: UTF8.self).split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    @Test("permission matrix: only the subject's enterers for the class may enter")
    func permissions() {
        let s = Sodiem.smallSchool()
        _ = s.run(["user", "add", "gv.gdtc", "--name", "Giáo Viên Thể Dục", "--role", "teacher"], as: "ad", now: "2024-09-02")
        let sheet = s.file("toan.csv", "ma_hs,tx1\nA1,8\n")
        for (user, expected) in [("ad", Int32(77)), ("ht", 77), ("pht", 77), ("cn.6a1", 77), ("gv.cn", 77), ("gv.gdtc", 77), ("cron", 77), ("gv.toan", 0)] {
            let single = s.run(Self.one + ["--student", "A2", "--column", "tx1", "--score", "6"], as: user, now: "2024-10-01")
            #expect(single.status == expected, "\(user): \(single)")
            let file = s.run(Self.one + ["--file", sheet], as: user, now: "2024-10-01")
            #expect(file.status == expected, "\(user) sheet: \(file)")
            if expected == 77 { #expect(single.stderr.contains("not assigned to enter toan")) }
        }
        // The enterer of công nghệ for 8A1 may enter there, not the teacher of toán.
        #expect(s.run(["enter-score", "--class", "8A1", "--subject", "Công nghệ", "--term", "1", "--student", "B1", "--column", "tx3", "--score", "7"],
                      as: "gv.cn", now: "2024-10-01").status == 0)
        #expect(s.run(["enter-score", "--class", "8A1", "--subject", "cong-nghe", "--term", "1", "--student", "B1", "--column", "tx1", "--score", "7"],
                      as: "gv.toan", now: "2024-10-01").status == 77)
        // print-ledger --subject: enterers, the homeroom teacher, the board, admins.
        for (user, expected) in [("ad", Int32(0)), ("ht", 0), ("pht", 0), ("cn.6a1", 0), ("gv.toan", 0), ("gv.cn", 77), ("cron", 77)] {
            let run = s.run(["print-ledger", "--class", "6A1", "--subject", "toan", "--term", "1"], as: user)
            #expect(run.status == expected, "\(user): \(run)")
        }
    }

    @Test("bad values, columns and terms are refused and change nothing")
    func badValues() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["assign", "--subject", "gdtc", "--classes", "6A1", "--enterers", "gv.toan", "--lead", "gv.toan"], as: "ad", now: "2024-09-02").status == 0)
        let before = s.dataState()
        let cases: [([String], Int32, String)] = [
            (["--score", "11"], 65, "above 10"),
            (["--score", "-1"], 65, "negative"),
            (["--score", "7,55"], 65, "more than one decimal"),
            (["--score", "7.25"], 65, "more than one decimal"),
            (["--score", "abc"], 65, "not a score"),
            (["--score", "Đ"], 65, "not a score"),
            (["--score", ""], 65, "No value"),
        ]
        for (extra, code, text) in cases {
            let run = s.run(Self.one + ["--student", "A1", "--column", "tx1"] + extra, as: "gv.toan", now: "2024-10-01")
            #expect(run.status == code, "\(extra): \(run)")
            #expect(run.stderr.contains(text), "\(extra): \(run.stderr)")
            #expect(run.stderr.contains("A1 tx1"), "\(extra): \(run.stderr)")
        }
        for column in ["tx5", "gk2", "tb", "tx0"] {
            let run = s.run(Self.one + ["--student", "A1", "--column", column, "--score", "5"], as: "gv.toan", now: "2024-10-01")
            #expect(run.status == 65, "\(column): \(run)")
            #expect(run.stderr.contains("no column \"\(column)\""), "\(run.stderr)")
        }
        // Công nghệ in grade 8 has three tx columns, not four.
        #expect(s.run(["enter-score", "--class", "8A1", "--subject", "cong-nghe", "--term", "1", "--student", "B1", "--column", "tx4", "--score", "7"],
                      as: "gv.cn", now: "2024-10-01").status == 65)
        // A comment subject takes Đ/CĐ only.
        let gdtc = ["enter-score", "--class", "6A1", "--subject", "Thể dục", "--term", "1", "--student", "A1", "--column", "tx1"]
        let seven = s.run(gdtc + ["--score", "7"], as: "gv.toan", now: "2024-10-01")
        #expect(seven.status == 65 && seven.stderr.contains("not a judgement"), "\(seven)")
        #expect(s.run(Self.one + ["--student", "ZZ9", "--column", "tx1", "--score", "5"], as: "gv.toan", now: "2024-10-01").status == 66)
        #expect(s.run(["enter-score", "--class", "6A1", "--subject", "hoá cổ", "--term", "1", "--student", "A1", "--column", "tx1", "--score", "5"],
                      as: "gv.toan", now: "2024-10-01").status == 66)
        #expect(s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "3", "--student", "A1", "--column", "tx1", "--score", "5"],
                      as: "gv.toan", now: "2024-10-01").status == 64)
        #expect(s.run(Self.one + ["--student", "A1", "--column", "tx1"], as: "gv.toan", now: "2024-10-01").status == 64)
        #expect(s.run(Self.one + ["--student", "A1", "--column", "tx1", "--score", "5", "--clear"], as: "gv.toan", now: "2024-10-01").status == 64)
        #expect(s.dataState() == before)
        // Then the good ones land: Đ variants for the comment subject.
        #expect(s.run(gdtc + ["--score", "đạt"], as: "gv.toan", now: "2024-10-01").status == 0)
        #expect(s.run(Self.one + ["--student", "A1", "--column", "tx1", "--score", "7,5"], as: "gv.toan", now: "2024-10-01").status == 0)
        #expect(s.run(Self.one + ["--student", "A1", "--column", "tx1", "--score", "7.5"], as: "gv.toan", now: "2024-10-01").stdout.contains("0 scores changed"))
    }

    @Test("a term the year does not have: 78")
    func noSuchTerm() {
        let s = Sodiem.smallSchool()
        _ = s.run(["year", "create", "2025-2026", "--term1", "2025-09-05:2026-01-11"], as: "ad", now: "2024-09-02")
        _ = s.run(["class", "add", "6A1", "--grade", "6", "--year", "2025-2026"], as: "ad", now: "2024-09-02")
        _ = s.run(["assign", "--subject", "toan", "--classes", "6A1", "--enterers", "gv.toan", "--lead", "gv.toan", "--year", "2025-2026"], as: "ad", now: "2024-09-02")
        let run = s.run(["enter-score", "--year", "2025-2026", "--class", "6A1", "--subject", "toan", "--term", "2", "--student", "A1",
                         "--column", "tx1", "--score", "5"], as: "gv.toan", now: "2025-10-01")
        #expect(run.status == 78, "\(run)")
    }

    @Test("bad sheets are refused whole, naming every bad line and column")
    func badSheets() {
        let s = Sodiem.smallSchool()
        let before = s.dataState()
        let sheets: [(String, [String])] = [
            ("ma_hs,tx1,tx2,gk\nA1,8,11,7\nA2,\"7,25\",6,5\nA3,x,,\n", ["line 2, column tx2 (A1)", "line 3, column tx1 (A2)", "line 4, column tx1 (A3)"]),
            ("ma_hs,tx1,tx5\nA1,8,9\n", ["line 1", "no column \"tx5\""]),
            ("ma_hs,tx1,diem\nA1,8,9\n", ["no column \"diem\""]),
            ("ho_ten,tx1\nTrần Văn Bảo,8\n", ["ma_hs", "missing"]),
            ("ma_hs,tx1\nA1,8\nB1,7\nZZ,6\n", ["line 3", "no student \"B1\"", "line 4"]),
            ("ma_hs,tx1\nA1,8\nA1,7\n", ["line 3", "also on line 2"]),
            ("ma_hs,tx1,tx1\nA1,8,7\n", ["appears twice"]),
        ]
        for (text, fragments) in sheets {
            let path = s.file("bad.csv", text)
            let run = s.run(Self.one + ["--file", path], as: "gv.toan", now: "2024-10-01")
            #expect(run.status == 65, "\(text): \(run)")
            for fragment in fragments { #expect(run.stderr.contains(fragment), "\(fragment) in \(run.stderr)") }
        }
        #expect(s.run(Self.one + ["--file", s.folder.appendingPathComponent("none.csv").path], as: "gv.toan", now: "2024-10-01").status == 66)
        #expect(s.dataState() == before)
    }

    @Test("entry window: change within edit_window_days, refused after with the request-fix command; late marks")
    func window() throws {
        let s = Sodiem.smallSchool()
        func enter(_ column: String, _ score: String?, _ now: String, student: String = "A1") -> Sodiem.Run {
            s.run(Self.one + ["--student", student, "--column", column] + (score.map { ["--score", $0] } ?? ["--clear"]), as: "gv.toan", now: now)
        }
        #expect(enter("tx1", "6", "2024-10-01").status == 0)
        #expect(enter("tx1", "6,5", "2024-10-08").status == 0)            // day 7: still open
        let after = enter("tx1", "7", "2024-10-09")                         // day 8: closed
        #expect(after.status == 77, "\(after)")
        #expect(after.stderr.contains("sodiem request-fix --class 6A1 --subject toan --term 1 --student A1 --column tx1 --to 7,0 --reason"), "\(after.stderr)")
        #expect(after.stderr.contains("first entered on 1 Oct 2024"))
        #expect(enter("tx1", nil, "2024-10-20").status == 77)              // clearing is a change too
        // Clearing an empty cell is nothing; clearing and re-entering does not reset the window.
        let before = s.dataState()
        let nothing = enter("gk", nil, "2024-10-02")
        #expect(nothing.status == 0 && s.dataState() == before, "\(nothing)")
        #expect(enter("gk", "8", "2024-10-02").status == 0)
        #expect(enter("gk", nil, "2024-10-05").status == 0)
        let reentered = enter("gk", "9", "2024-10-30")                      // missing again: allowed any time
        #expect(reentered.status == 0, "\(reentered)")
        #expect(enter("gk", "9,5", "2024-10-31").status == 77)             // the window still counts from 2 October
        let classFile = try JSONSerialization.jsonObject(with: s.dataFile("years/2024-2025/classes/6A1.json")!) as! [String: Any]
        let marks = (((classFile["students"] as! [String: Any])["A1"] as! [String: Any])["scores"] as! [String: Any])["toan"] as! [String: Any]
        #expect((marks["1"] as! [String: Any])["entered"] as? [String: [String]] == ["2024-10-01": ["tx1"], "2024-10-02": ["gk"]])
        // tx1 of toán (4 tx) in term I is due 14 October: before is on time, after is late.
        #expect(enter("tx1", "8", "2024-10-14", student: "A2").status == 0)
        #expect(enter("tx1", "8", "2024-10-15", student: "A3").status == 0)
        let entries = Self.log(s).filter { $0["action"] as? String == "score.set" && $0["column"] as? String == "tx1" }
        let late = Dictionary(uniqueKeysWithValues: entries.filter { ($0["old"] is NSNull) }.map { ($0["student"] as! String, $0["late"] as! Bool) })
        #expect(late == ["A1": false, "A2": false, "A3": true])
        // A sheet: late per change; a refused cell refuses the whole sheet (77).
        let sheet = s.file("late.csv", "ma_hs,tx1,tx2\nA1,,5\nA2,,9\n")
        #expect(s.run(Self.one + ["--file", sheet], as: "gv.toan", now: "2024-11-20").status == 0)
        let last = Self.log(s).last!
        #expect(last["action"] as? String == "score.sheet")
        let changes = last["changes"] as! [[String: Any]]
        #expect(changes.count == 2 && changes.allSatisfy { $0["late"] as? Bool == true })
        let stateBefore = s.dataState()
        let refused = s.run(Self.one + ["--file", s.file("change.csv", "ma_hs,tx1,tx2,tx3\nA1,,5,7\nA2,1,,\n")], as: "gv.toan", now: "2024-11-20")
        #expect(refused.status == 77, "\(refused)")
        #expect(refused.stderr.contains("change.csv line 3") && refused.stderr.contains("--student A2 --column tx1 --to 1,0"), "\(refused.stderr)")
        #expect(s.dataState() == stateBefore)
    }

    @Test("round trip: export, enter back unchanged (no event), edit in a Vietnamese Excel, enter")
    func roundTrip() throws {
        let s = Sodiem.smallSchool()
        #expect(s.run(Self.one + ["--file", s.file("first.csv", "ma_hs,tx1,tx2,gk\nA1,8,\"7,5\",9\nA3,10,,\n")], as: "gv.toan", now: "2024-10-01").status == 0)
        let export = s.run(["print-ledger", "--class", "6A1", "--subject", "toan", "--term", "1", "--format", "csv"], as: "gv.toan")
        #expect(export.status == 0, "\(export)")
        #expect(export.stdout == "ma_hs,ho_ten,tx1,tx2,tx3,tx4,gk,ck\nA2,Lê Thị An,,,,,,\nA1,Trần Văn Bảo,8.0,7.5,,,9.0,\nA3,Đỗ Văn Cường,10.0,,,,,\n")
        let text = s.run(["print-ledger", "--class", "6A1", "--subject", "toan", "--term", "1"], as: "gv.toan")
        #expect(text.stdout.contains("7,5") && text.stdout.contains("Trần Văn Bảo"), "\(text)")
        // Unchanged → no new audit line.
        let log = s.dataFile("audit.log")
        let back = s.run(Self.one + ["--file", s.file("back.csv", export.stdout)], as: "gv.toan", now: "2024-10-02")
        #expect(back.status == 0 && back.stdout.contains("0 scores changed"), "\(back)")
        #expect(s.dataFile("audit.log") == log)
        // Excel in a Vietnamese locale: BOM, ";" separators, decimal comma, CRLF; a new score and a change.
        var excel = export.stdout.replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: ".", with: ",")
        excel = excel.replacingOccurrences(of: "A2;Lê Thị An;;;;;;", with: "A2;Lê Thị An;6,5;;;;;")
        excel = excel.replacingOccurrences(of: "A1;Trần Văn Bảo;8,0;", with: "A1;Trần Văn Bảo;8,5;")
        excel = "\u{FEFF}" + excel.replacingOccurrences(of: "\n", with: "\r\n")
        let path = s.file("excel.csv", excel)
        let dry = s.run(Self.one + ["--file", path, "--dry-run"], as: "gv.toan", now: "2024-10-03")
        #expect(dry.status == 0 && dry.stdout.contains("2 scores changed") && dry.stdout.contains("A1  tx1  8,0 → 8,5"), "\(dry)")
        #expect(s.dataFile("audit.log") == log)
        let entered = s.run(Self.one + ["--file", path], as: "gv.toan", now: "2024-10-03")
        #expect(entered.status == 0 && entered.stdout.contains("2 scores changed"), "\(entered)")
        let again = s.run(["print-ledger", "--class", "6A1", "--subject", "toan", "--term", "1", "--format", "csv"], as: "gv.toan")
        #expect(again.stdout.contains("A2,Lê Thị An,6.5,") && again.stdout.contains("A1,Trần Văn Bảo,8.5,7.5"))
        #expect(s.run(["verify"], as: "ad").status == 0)
        // Without --subject: the class ledger, with the entered scores in print form.
        let ledger = s.run(["print-ledger", "--class", "6A1", "--term", "1"], as: "ad")
        #expect(ledger.status == 0 && ledger.stdout.contains("<html") && ledger.stdout.contains("8,5"), "\(ledger.status) \(ledger.stderr)")
    }
}
