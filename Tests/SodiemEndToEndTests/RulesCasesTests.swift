import Foundation
import Testing

/// TT22 where real students differ (issue 11) and the rough edges of issue 16, on the built binary.
@Suite("TT22 special cases, end to end", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct RulesCasesTests {
    static func json(_ run: Sodiem.Run) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
    }

    static func student(_ s: Sodiem, _ className: String, _ id: String) -> [String: Any] {
        let file = (try? JSONSerialization.jsonObject(with: s.dataFile("years/2024-2025/classes/\(className).json")!)) as? [String: Any]
        return (file?["students"] as? [String: Any])?[id] as? [String: Any] ?? [:]
    }

    /// `count` school days (Monday–Saturday) from 1 October 2024, as yyyy-mm-dd.
    static func schoolDays(_ count: Int) -> [String] {
        var out: [String] = []
        var date = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                  year: 2024, month: 10, day: 1).date!
        while out.count < count {
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
            if c.weekday != 1 { out.append(String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)) }
            date += 86400
        }
        return out
    }

    @Test("buổi absent: 23 days × 2 sessions count 23; the main session in the afternoon; explain says which days")
    func buoiPerDay() {
        let s = Sodiem.smallSchool()
        let days = Self.schoolDays(23)
        let csv = "ma_hs,ngay,buoi,co_phep\n" + days.flatMap { ["A1,\($0),sang,x", "A1,\($0),chieu,x"] }.joined(separator: "\n")
            + "\nA2,2024-10-02,chieu,\n"
        #expect(s.run(["attendance", "--class", "6A1", "--file", s.file("nghi.csv", csv)], as: "cn.6a1", now: "2024-11-30").status == 0)
        let year = Self.json(s.run(["results", "--class", "6A1", "--term", "year", "--format", "json"], as: "ad", now: "2024-11-30"))
        let students = year["students"] as? [[String: Any]] ?? []
        #expect(students.first { $0["id"] as? String == "A1" }?["absences"] as? Int == 23, "\(year)")
        #expect(students.first { $0["id"] as? String == "A2" }?["absences"] as? Int == 0)  // the afternoon only: not counted
        let term1 = Self.json(s.run(["results", "--class", "6A1", "--term", "1", "--format", "json"], as: "ad", now: "2024-11-30"))
        #expect((term1["students"] as? [[String: Any]])?.first { $0["id"] as? String == "A1" }?["absences"] as? Int == 23)
        let explain = s.run(["explain", "--student", "A2", "--term", "year"], as: "ad", now: "2024-11-30")
        #expect(explain.status == 0 && explain.stdout.contains("other session only") && explain.stdout.contains("02/10/2024"), "\(explain)")

        // Grade 6 is taught in the afternoon from now on: the afternoons count, A2's half day too.
        let set = s.run(["year", "set", "--main-session", "6:chieu,7:chieu"], as: "ad", now: "2024-11-30")
        #expect(set.status == 0, "\(set)")
        let show = s.run(["year", "show"], as: "ad", now: "2024-11-30")
        #expect(show.stdout.contains("grade 6: afternoon") && show.stdout.contains("grade 8: morning"), "\(show)")
        let after = Self.json(s.run(["results", "--class", "6A1", "--term", "year", "--format", "json"], as: "ad", now: "2024-11-30"))
        #expect((after["students"] as? [[String: Any]])?.first { $0["id"] as? String == "A2" }?["absences"] as? Int == 1)
        // Without --session the grade's main session is recorded (and stored as such in the event).
        #expect(s.run(["attendance", "--class", "6A1", "--student", "A3", "--date", "2024-11-29"], as: "cn.6a1", now: "2024-11-30").status == 0)
        let a3 = Self.student(s, "6A1", "A3")["absences"] as? [[String: Any]] ?? []
        #expect(a3.count == 1 && a3.first?["session"] as? String == "chieu", "\(a3)")
        let log = String(decoding: s.dataFile("audit.log")!, as: UTF8.self)
        #expect(log.split(separator: "\n").last?.contains("\"session\":\"chieu\"") == true)
        // 8A1 (grade 8) keeps the morning.
        #expect(s.run(["attendance", "--class", "8A1", "--student", "B1", "--date", "2024-11-29"], as: "cn.6a1", now: "2024-11-30").status == 0)
        #expect((Self.student(s, "8A1", "B1")["absences"] as? [[String: Any]])?.first?["session"] as? String == "sang")
        // A bad --main-session is a usage error and changes nothing.
        let before = s.dataState()
        #expect(s.run(["year", "set", "--main-session", "6:toi"], as: "ad", now: "2024-11-30").status == 64)
        #expect(s.run(["year", "set", "--main-session", "5:chieu"], as: "ad", now: "2024-11-30").status == 64)
        #expect(s.dataState() == before)
    }

    @Test("46 days absent from the main session with both sessions retain; 45 promote (through the binary)")
    func fortyFiveEdge() {
        let s = Sodiem.smallSchool()
        let csv = "ma_hs,ngay,buoi,co_phep\n" + Self.schoolDays(46).enumerated().flatMap { i, d in
            (i < 45 ? ["A1,\(d),sang,x", "A1,\(d),chieu,x"] : []) + ["A2,\(d),sang,", "A2,\(d),chieu,"]
        }.joined(separator: "\n")
        #expect(s.run(["attendance", "--class", "6A1", "--file", s.file("nghi.csv", csv)], as: "cn.6a1", now: "2024-12-30").status == 0)
        let year = Self.json(s.run(["results", "--class", "6A1", "--term", "year", "--format", "json"], as: "ad", now: "2024-12-30"))
        let students = year["students"] as? [[String: Any]] ?? []
        #expect(students.first { $0["id"] as? String == "A1" }?["absences"] as? Int == 45)
        let a2 = students.first { $0["id"] as? String == "A2" }
        #expect(a2?["absences"] as? Int == 46 && a2?["outcome"] as? String == "o-lai-lop", "\(String(describing: a2))")
    }

    @Test("absences only on school days: a Sunday, a Saturday in a Monday–Friday week and a holiday are refused (65)")
    func schoolDaysOnly() {
        let s = Sodiem.smallSchool()
        let base = ["attendance", "--class", "6A1", "--student", "A1"]
        let sunday = s.run(base + ["--date", "2024-10-06"], as: "cn.6a1", now: "2024-10-10")
        #expect(sunday.status == 65 && sunday.stderr.contains("Sunday"), "\(sunday)")
        #expect(s.run(base + ["--date", "2024-10-05"], as: "cn.6a1", now: "2024-10-10").status == 0)  // Saturday: mon-sat by default
        #expect(s.run(["year", "set", "--school-days", "mon-fri", "--holiday", "2024-11-20", "--holiday", "2025-01-25:2025-02-02"],
                      as: "ad", now: "2024-10-10").status == 0)
        let before = s.dataState()
        let saturday = s.run(base + ["--date", "2024-10-12"], as: "cn.6a1", now: "2024-10-14")
        #expect(saturday.status == 65 && saturday.stderr.contains("Saturday"), "\(saturday)")
        let holiday = s.run(base + ["--date", "2024-11-20"], as: "cn.6a1", now: "2024-11-21", environment: ["SODIEM_LANG": "vi"])
        #expect(holiday.status == 65 && holiday.stderr.contains("ngày nghỉ của trường"), "\(holiday)")
        let tet = s.file("tet.csv", "ma_hs,ngay,buoi\nA1,2025-01-27,sang\nA2,2025-01-24,sang\n")
        let file = s.run(["attendance", "--class", "6A1", "--file", tet], as: "cn.6a1", now: "2025-02-10")
        #expect(file.status == 65 && file.stderr.contains("tet.csv line 2") && !file.stderr.contains("line 3"), "\(file)")
        #expect(s.run(["year", "set", "--school-days", "sun-fri"], as: "ad", now: "2024-10-10").status == 64)
        #expect(s.dataState() == before)
        let show = s.run(["year", "show"], as: "ad", now: "2024-10-10")
        #expect(show.stdout.contains("School week: Monday to Friday") && show.stdout.contains("Holiday: 20 Nov 2024\n"), "\(show)")
    }
}

extension RulesCasesTests {
    @Test("a closed attendance month changes only after its homeroom teacher reopens it with a reason (recorded)")
    func closedMonth() {
        let s = Sodiem.smallSchool()
        let base = ["attendance", "--class", "6A1"]
        #expect(s.run(base + ["--student", "A1", "--date", "2024-10-03"], as: "cn.6a1", now: "2024-10-05").status == 0)
        #expect(s.run(base + ["--month", "2024-10", "--close"], as: "cn.6a1", now: "2024-10-31").status == 0)
        let closed = s.dataState()
        let edit = s.run(base + ["--student", "A1", "--date", "2024-10-04"], as: "cn.6a1", now: "2024-11-02")
        #expect(edit.status == 77 && edit.stderr.contains("--reopen"), "\(edit)")
        #expect(s.run(base + ["--student", "A1", "--date", "2024-10-03", "--clear"], as: "cn.6a1", now: "2024-11-02").status == 77)
        let file = s.run(base + ["--file", s.file("n.csv", "ma_hs,ngay\nA2,2024-10-07\nA2,2024-11-01\n")], as: "cn.6a1", now: "2024-11-02")
        #expect(file.status == 77 && file.stderr.contains("n.csv line 2"), "\(file)")
        #expect(s.run(base + ["--month", "2024-10", "--reopen"], as: "cn.6a1", now: "2024-11-02").status == 64)   // no reason
        #expect(s.run(base + ["--month", "2024-10", "--reopen", "--reason", "Quên ghi"], as: "gv.toan", now: "2024-11-02").status == 77)
        #expect(s.dataState() == closed)
        #expect(s.run(base + ["--month", "2024-10", "--reopen", "--reason", "Ghi thiếu buổi 04/10"], as: "cn.6a1", now: "2024-11-02").status == 0)
        let last = String(decoding: s.dataFile("audit.log")!, as: UTF8.self).split(separator: "\n").last ?? ""
        #expect(last.contains("\"action\":\"attendance.reopen\"") && last.contains("Ghi thiếu buổi 04/10"), "\(last)")
        #expect(s.run(base + ["--student", "A1", "--date", "2024-10-04"], as: "cn.6a1", now: "2024-11-02").status == 0)
        #expect(s.run(base + ["--month", "2024-10", "--close"], as: "cn.6a1", now: "2024-11-02").status == 0)
        #expect(s.run(["verify"], as: "ad", now: "2024-11-02").status == 0)
    }
}

extension RulesCasesTests {
    @Test("vắng: entered single and in a sheet, written vắng, counts as missing, reminded, made up after the edit window, 0 with --note, listed by lock-term")
    func missedAssessments() throws {
        let s = Sodiem.smallSchool()
        let enter = ["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1"]
        // Every toán cell of A1 and A2 filled, then A1's gk and A2's tx2 missed.
        let full = "ma_hs,tx1,tx2,tx3,tx4,gk,ck\nA1,8,8,8,8,8,8\nA2,7,7,7,7,7,7\nA3,6,6,6,6,6,6\n"
        #expect(s.run(enter + ["--file", s.file("full.csv", full)], as: "gv.toan", now: "2024-10-01").status == 0)
        let single = s.run(enter + ["--student", "A1", "--column", "gk", "--score", "vắng"], as: "gv.toan", now: "2024-10-02")
        #expect(single.status == 0, "\(single)")
        #expect(s.run(enter + ["--file", s.file("v.csv", "ma_hs,tx2,ck\nA2,V,\nA3,,vang\n")], as: "gv.toan", now: "2024-10-02").status == 0)
        let log = String(decoding: s.dataFile("audit.log")!, as: UTF8.self)
        #expect(log.contains("\"new\":\"vắng\""), "the log writes vắng")
        let toan = (Self.student(s, "6A1", "A1")["scores"] as? [String: Any]).map { "\($0)" } ?? ""
        #expect(toan.contains("vắng"), "the class file writes vắng: \(toan)")
        // Results: the cell is "vắng", the average is null.
        let results = Self.json(s.run(["results", "--class", "6A1", "--term", "1", "--format", "json"], as: "ad", now: "2024-10-02"))
        let a1 = (results["students"] as? [[String: Any]])?.first { $0["id"] as? String == "A1" }
        let a1toan = (a1?["subjects"] as? [String: Any])?["toan"] as? [String: Any]
        #expect(a1toan?["gk"] as? String == "vắng" && a1toan?["average"] is NSNull, "\(String(describing: a1toan))")
        let a2toan = ((results["students"] as? [[String: Any]])?.first { $0["id"] as? String == "A2" }?["subjects"] as? [String: Any])?["toan"] as? [String: Any]
        #expect((a2toan?["tx"] as? [Any])?[1] as? String == "vắng")
        // The CSV sheet writes it back as vắng, and the sheet can be entered again unchanged.
        let csv = s.run(["print-ledger", "--class", "6A1", "--subject", "toan", "--term", "1", "--format", "csv"], as: "gv.toan", now: "2024-10-02")
        #expect(csv.stdout.contains("vắng"), "\(csv)")
        // remind lists the make-ups due, to the subject's enterers, by the term's end.
        let remind = Self.json(s.run(["remind", "--format", "json", "--date", "2025-01-05", "--ahead", "10"], as: "ad", now: "2025-01-05"))
        let makeUps = (remind["items"] as? [[String: Any]] ?? []).filter { $0["makeup"] as? Bool == true }
        #expect(makeUps.contains { $0["what"] as? String == "gk" && $0["person"] as? String == "gv.toan" && $0["missing"] as? Int == 1 }, "\(makeUps)")
        #expect(makeUps.contains { $0["what"] as? String == "tx2" && $0["due"] as? String == "2025-01-11" }, "\(makeUps)")
        let remindText = s.run(["remind", "--date", "2025-01-05", "--ahead", "10"], as: "ad", now: "2025-01-05")
        #expect(remindText.stdout.contains("missed: make-up"), "\(remindText)")
        // The make-up a month later (the edit window is 7 days) is entered like a first entry; it starts its own window.
        #expect(s.run(enter + ["--student", "A1", "--column", "gk", "--score", "7,5"], as: "gv.toan", now: "2024-11-05").status == 0)
        #expect(s.run(enter + ["--student", "A1", "--column", "gk", "--score", "7"], as: "gv.toan", now: "2024-11-08").status == 0)
        // Not made up: 0 with the note.
        let zero = s.run(enter + ["--student", "A2", "--column", "tx2", "--score", "0", "--note", "không kiểm tra bù"], as: "gv.toan", now: "2024-12-20")
        #expect(zero.status == 0, "\(zero)")
        let last = String(decoding: s.dataFile("audit.log")!, as: UTF8.self).split(separator: "\n").last ?? ""
        #expect(last.contains("\"note\":\"không kiểm tra bù\""), "\(last)")
        // A score that was not vắng still has its window.
        #expect(s.run(enter + ["--student", "A3", "--column", "tx1", "--score", "9"], as: "gv.toan", now: "2024-12-20").status == 77)
        // lock-term lists every vắng and every empty required cell of what it locks.
        let lock = s.run(["lock-term", "--term", "1", "--class", "6A1", "--format", "json"], as: "ad", now: "2025-01-15")
        #expect(lock.status == 0, "\(lock)")
        let gaps = Self.json(lock)["gaps"] as? [[String: Any]] ?? []
        #expect(gaps.contains { $0["student"] as? String == "A3" && $0["subject"] as? String == "toan" && $0["column"] as? String == "ck" && $0["state"] as? String == "vắng" }, "\(gaps.prefix(5))")
        #expect(!gaps.contains { $0["subject"] as? String == "toan" && $0["state"] as? String == "empty" })
        #expect(gaps.contains { $0["student"] as? String == "A1" && $0["subject"] as? String == "ngu-van" && $0["column"] as? String == "gk" && $0["state"] as? String == "empty" })
        // Printed: the ledger shows vắng.
        let ledger = s.run(["print-ledger", "--class", "6A1", "--term", "1", "--format", "html"], as: "ad", now: "2025-01-15")
        #expect(ledger.status == 0 && ledger.stdout.contains("vắng"), "\(ledger.stderr)")
        // Text form of lock-term.
        let t = Sodiem.smallSchool()
        #expect(t.run(enter + ["--student", "A1", "--column", "ck", "--score", "V"], as: "gv.toan", now: "2024-12-20").status == 0)
        let text = t.run(["lock-term", "--term", "1", "--class", "6A1"], as: "ad", now: "2025-01-15")
        #expect(text.status == 0 && text.stdout.contains("1 vắng cells") && text.stdout.contains("A1 Trần Văn Bảo — Toán: tx1 empty"), "\(text)")
        #expect(text.stdout.contains("ck vắng"), "\(text)")
    }
}

extension RulesCasesTests {
    @Test("reports: grade-9 completers in their own row; a snapshot as of 31/05 ignores re-tests back-dated to 05/07")
    func reportsCompletersAndAsOf() throws {
        let s = Sodiem.smallSchool()
        s.addNinth()
        s.assignEverything("6A1, 9A1")
        // A2 scores 3 in Công nghệ and Tin học: learning CĐ → re-test in both.
        for term in [1, 2] {
            let day = term == 1 ? "2024-12-20" : "2025-05-20"
            for subject in Sodiem.compulsory {
                s.enterSheet("6A1", subject, term: term, now: day) { $0 == "A2" && ["cong-nghe", "tin-hoc"].contains(subject) ? "3" : "8" }
                s.enterSheet("9A1", subject, term: term, now: day) { _ in "8" }
            }
            s.conductAll("6A1", ["A1", "A2", "A3"], term: term, now: day)
            s.conductAll("9A1", ["C1"], term: term, now: day)
        }
        for subject in ["cong-nghe", "tin-hoc"] {
            s.ok(["retest", "--class", "6A1", "--student", "A2", "--subject", subject, "--score", "6,0"], as: "gv.toan", now: "2025-07-05")
        }
        func outcomes(_ report: [String: Any], grade: Int) -> [String: Int] {
            let g = (report["grades"] as? [[String: Any]])?.first { $0["grade"] as? Int == grade }
            return (((g?["terms"] as? [String: Any])?["year"] as? [String: Any])?["outcomes"] as? [String: Int]) ?? [:]
        }
        let live = Self.json(s.run(["report", "--kind", "results", "--format", "json"], as: "ad", now: "2025-07-10"))
        #expect(outcomes(live, grade: 9)["hoan-thanh-thcs"] == 1 && outcomes(live, grade: 9)["len-lop"] == 0, "\(outcomes(live, grade: 9))")
        #expect(outcomes(live, grade: 6)["len-lop"] == 3, "\(outcomes(live, grade: 6))")
        let csv = s.run(["report", "--kind", "results", "--format", "csv"], as: "ad", now: "2025-07-10")
        #expect(csv.stdout.contains("hoan_thanh_thcs"), "\(csv.stdout.prefix(400))")
        // The end-of-year snapshot as of 31/05, taken after the re-tests were recorded: they are not in it.
        s.ok(["snapshot", "--name", "chot-cuoi-nam"], as: "ad", now: "2025-05-31")
        let frozen = Self.json(s.run(["report", "--kind", "results", "--snapshot", "chot-cuoi-nam", "--format", "json"], as: "ad", now: "2025-07-10"))
        #expect(outcomes(frozen, grade: 6)["kiem-tra-lai"] == 1 && outcomes(frozen, grade: 6)["len-lop"] == 2, "\(outcomes(frozen, grade: 6))")
        let asOf = Self.json(s.run(["report", "--kind", "results", "--format", "json"], as: "ad", now: "2025-05-31"))
        #expect(outcomes(asOf, grade: 6)["kiem-tra-lai"] == 1)
    }
}

extension RulesCasesTests {
    @Test("assign --part / phan_mon: a one-part teacher's blank gradebook has their part and the combined sheet only")
    func assignmentParts() {
        let s = Sodiem.smallSchool()
        s.ok(["user", "add", "gv.dia", "--name", "Giáo Viên Địa", "--role", "teacher"], as: "ad", now: "2024-09-03")
        s.ok(["user", "add", "gv.su", "--name", "Giáo Viên Sử", "--role", "teacher"], as: "ad", now: "2024-09-03")
        let file = s.file("pc.csv", "mon,lop,nguoi_vao_diem,nguoi_chu_tri,phan_mon\nLS-ĐL,6A1,gv.su,gv.su,Lịch sử\nls-dl,6A1,gv.dia,gv.su,dia-li\n")
        s.ok(["assign", "--file", file], as: "ad", now: "2024-09-03")
        let year = (try? JSONSerialization.jsonObject(with: s.dataFile("years/2024-2025/year.json")!)) as? [String: Any]
        let lsdl = ((year?["assignments"] as? [String: Any])?["ls-dl"] as? [String: Any])?["6A1"] as? [String: Any]
        #expect(lsdl?["parts"] as? [String: String] == ["gv.su": "Lịch sử", "gv.dia": "Địa lí"], "\(String(describing: lsdl))")
        let dia = s.run(["print-ledger", "--teacher", "gv.dia", "--blank", "--term", "1", "--format", "html"], as: "ad", now: "2024-09-10")
        #expect(dia.status == 0 && dia.stdout.contains("Phân môn Địa lí") && !dia.stdout.contains("Phân môn Lịch sử"), "\(dia.stderr)")
        // A teacher without a part (gv.toan for toán) is unchanged; --part on the command line; a wrong part is refused.
        s.ok(["assign", "--subject", "khtn", "--classes", "6A1", "--enterers", "gv.toan", "--lead", "gv.toan", "--part", "sinh"], as: "ad", now: "2024-09-03")
        let toan = s.run(["print-ledger", "--teacher", "gv.toan", "--blank", "--term", "1", "--format", "html"], as: "ad", now: "2024-09-10")
        #expect(toan.stdout.contains("Phân môn Sinh học") && !toan.stdout.contains("Phân môn Vật lí"), "\(toan.stderr)")
        let before = s.dataState()
        let wrong = s.run(["assign", "--subject", "khtn", "--classes", "6A1", "--enterers", "gv.toan", "--lead", "gv.toan", "--part", "dia-li"], as: "ad", now: "2024-09-03")
        #expect(wrong.status == 65 && wrong.stderr.contains("is not a part of"), "\(wrong)")
        #expect(s.dataState() == before)
        // Without a part, every part's sheet, as before.
        s.ok(["assign", "--subject", "khtn", "--classes", "6A1", "--enterers", "gv.toan", "--lead", "gv.toan"], as: "ad", now: "2024-09-03")
        let all = s.run(["print-ledger", "--teacher", "gv.toan", "--blank", "--term", "1", "--format", "html"], as: "ad", now: "2024-09-10")
        #expect(all.stdout.contains("Phân môn Sinh học") && all.stdout.contains("Phân môn Vật lí"))
    }
}

extension RulesCasesTests {
    @Test("commend: the board (or an admin on its order) records a commendation, printed on the transcript's year page")
    func commend() {
        let s = Sodiem.smallSchool()
        let args = ["commend", "--class", "6A1", "--student", "A1", "--text", "Có tiến bộ vượt bậc môn Toán"]
        for user in ["gv.toan", "cn.6a1", "cron"] {
            #expect(s.run(args, as: user, now: "2025-05-20").status == 77, "\(user)")
        }
        #expect(s.run(args, as: "ht", now: "2025-05-20").status == 0)
        let again = s.dataState()
        #expect(s.run(args, as: "pht", now: "2025-05-21").status == 0)
        #expect(s.dataState() == again)  // the same text again changes nothing
        #expect(s.run(["commend", "--class", "6A1", "--student", "A1", "--text", "Đạt giải Nhì học sinh giỏi cấp huyện môn Ngữ văn"],
                      as: "ad", now: "2025-05-22").status == 0)
        #expect(s.run(["commend", "--class", "6A1", "--student", "ZZ", "--text", "x"], as: "ht", now: "2025-05-22").status == 66)
        #expect(s.run(["commend", "--class", "6A1", "--student", "A1", "--text", "  "], as: "ht", now: "2025-05-22").status == 64)
        #expect((Self.student(s, "6A1", "A1")["commendations"] as? [String])?.count == 2)
        let out = s.folder.appendingPathComponent("hb")
        let run = s.run(["print-transcript", "--student", "A1", "--out", out.path + ".html"], as: "ad", now: "2025-05-22")
        let html = (try? String(contentsOfFile: out.path + ".html", encoding: .utf8)) ?? ""
        #expect(run.status == 0 && html.contains("Khen thưởng") && html.contains("Có tiến bộ vượt bậc môn Toán") && html.contains("Đạt giải Nhì"), "\(run)")
        #expect(s.run(["verify"], as: "ad", now: "2025-05-22").status == 0)
    }
}
