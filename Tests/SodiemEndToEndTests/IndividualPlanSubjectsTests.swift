import Foundation
import Testing

/// `individual-plan --plan-subjects` (rules-tt22.md §8, Điều 11), on the built binary.
@Suite("Individual plans per subject, end to end", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct IndividualPlanSubjectsTests {
    @Test("two plan subjects: the lead enters their Đ/CĐ, the others are averaged, levels proposed until the principal decides")
    func twoPlanSubjects() throws {
        let s = Sodiem.smallSchool()
        s.assignEverything("6A1")
        let plan = ["individual-plan", "--class", "6A1", "--student", "A2"]
        let unknown = s.run(plan + ["--decision", "QĐ số 7", "--plan-subjects", "toan,hat"], as: "ht", now: "2024-09-20")
        #expect(unknown.status == 65 && unknown.stderr.contains("hat"), "\(unknown)")
        s.ok(plan + ["--decision", "QĐ số 7", "--plan-subjects", "ngu-van,gdtc"], as: "ht", now: "2024-09-20")
        #expect(String(decoding: s.logLines().last!, as: UTF8.self).contains("\"plan_subjects\":[\"ngu-van\",\"gdtc\"]"))
        for term in [1, 2] {
            let now = term == 1 ? "2025-01-05" : "2025-05-20"
            for subject in Sodiem.compulsory where subject != "ngu-van" && subject != "gdtc" {
                s.enterSheet("6A1", subject, term: term, now: now) { _ in "8" }
            }
            s.conductAll("6A1", ["A1", "A2", "A3"], term: term, now: now)
            // The plan's own results, by the subjects' lead (gv.toan leads every subject here).
            let result = term == 1 ? "CĐ" : "Đ"
            s.ok(plan + ["--subject", "ngu-van", "--term", "\(term)", "--result", "Đ"], as: "gv.toan", now: now)
            s.ok(plan + ["--subject", "gdtc", "--term", "\(term)", "--result", result], as: "gv.toan", now: now)
        }
        // Not the lead, not a plan subject, not a plan student.
        #expect(s.run(plan + ["--subject", "gdtc", "--term", "2", "--result", "Đ"], as: "gv.cn", now: "2025-05-20").status == 77)
        let usual = s.run(plan + ["--subject", "toan", "--term", "2", "--result", "Đ"], as: "gv.toan", now: "2025-05-20")
        #expect(usual.status == 65 && usual.stderr.contains("enter-score"), "\(usual)")
        #expect(s.run(["individual-plan", "--class", "6A1", "--student", "A1", "--subject", "gdtc", "--term", "2", "--result", "Đ"],
                      as: "gv.toan", now: "2025-05-20").status == 65)

        let run = s.ok(["results", "--class", "6A1", "--term", "year", "--student", "A2", "--format", "json"], as: "ad", now: "2025-05-30")
        let json = (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any]
        let a2 = (json?["students"] as? [[String: Any]])?.first ?? [:]
        let subjects = a2["subjects"] as? [String: Any] ?? [:]
        let nguVan = subjects["ngu-van"] as? [String: Any] ?? [:]
        let gdtc = subjects["gdtc"] as? [String: Any] ?? [:]
        let toan = subjects["toan"] as? [String: Any] ?? [:]
        #expect(nguVan["plan"] as? Bool == true && nguVan["term1"] as? String == "Đ", "\(nguVan)")
        #expect(gdtc["term1"] as? String == "CĐ" && gdtc["result"] as? String == "Đ", "\(gdtc)")
        #expect((toan["average"] as? NSNumber)?.doubleValue == 8.0 && toan["plan"] == nil, "\(toan)")
        #expect(a2["learning"] is NSNull && a2["outcome"] is NSNull, "the principal decides: \(a2)")
        let proposed = a2["proposed"] as? [String: Any] ?? [:]
        #expect(proposed["learning"] as? String == "T" && proposed["outcome"] as? String == "len-lop" && proposed["title"] as? String == "gioi", "\(proposed)")

        // The plan subjects' cells are not owed: lock-term lists no gap of A2 in ngữ văn or GDTC.
        let gaps = s.ok(["lock-term", "--term", "2", "--class", "6A1", "--format", "json"], as: "ad", now: "2025-05-30").stdout
        #expect(!gaps.contains("\"student\":\"A2\",\"subject\":\"ngu-van\"") && !gaps.contains("\"subject\":\"toan\""), "\(gaps.prefix(300))")
        let ledger = s.ok(["print-ledger", "--class", "6A1", "--term", "year", "--format", "html"], as: "ad", now: "2025-05-30").stdout
        #expect(ledger.contains("Theo kế hoạch giáo dục cá nhân (QĐ số 7)") && ledger.contains("đề xuất: T"))
        // The principal's decision, recorded and printed; the plan keeps its subjects.
        s.ok(plan + ["--learning", "K", "--outcome", "len-lop", "--title", "none"], as: "ht", now: "2025-05-30")
        let file = String(decoding: s.dataFile("years/2024-2025/classes/6A1.json")!, as: UTF8.self)
        #expect(file.contains("\"subjects\"") && file.contains("\"ngu-van\""), "the plan subjects stay after the decision")
        let transcript = s.ok(["print-transcript", "--student", "A2", "--format", "html"], as: "ad", now: "2025-05-30").stdout
        #expect(transcript.contains("theo kế hoạch: Ngữ văn, Giáo dục thể chất") || transcript.contains("theo kế hoạch: Ngữ văn"), "the transcript")
        #expect(s.run(["verify"], as: "ad", now: "2025-05-30").status == 0)
    }
}

extension IndividualPlanSubjectsTests {
    @Test("after a move, the plan set in the old class goes on: the new lead records plan results, the principal the outcome, a re-recorded plan keeps its results, a commendation is not given twice")
    func planAfterMove() throws {
        let s = MoveClassTests.school()
        let old = ["individual-plan", "--class", "6A1", "--student", "A1"]
        s.ok(old + ["--decision", "QĐ số 9", "--plan-subjects", "toan"], as: "ht", now: "2024-09-20")
        s.ok(old + ["--subject", "toan", "--term", "1", "--result", "Đ"], as: "gv.toan", now: "2025-01-05")
        s.ok(["commend", "--class", "6A1", "--student", "A1", "--text", "Có tiến bộ vượt bậc môn Toán"], as: "ht", now: "2025-01-06")
        s.ok(["import-students", "--class", "6A2", "--file", s.file("mv.csv", "ma_hs,ho_ten\nA1,Trần Văn Bảo\n"), "--move"],
             as: "cn.6a1", now: "2025-01-13")
        let plan = ["individual-plan", "--class", "6A2", "--student", "A1"]
        let result = s.run(plan + ["--subject", "toan", "--term", "2", "--result", "CĐ"], as: "gv.toan2", now: "2025-05-20")
        #expect(result.status == 0, "the plan came with the student: \(result)")
        let decided = s.run(plan + ["--learning", "Đ", "--outcome", "len-lop"], as: "ht", now: "2025-05-25")
        #expect(decided.status == 0, "the principal decides where the student now is: \(decided)")
        // Recorded again with its subject: the results entered before stay.
        s.ok(plan + ["--decision", "QĐ số 10", "--plan-subjects", "toan"], as: "ht", now: "2025-05-26")
        let lines = s.logLines().count
        s.ok(["commend", "--class", "6A2", "--student", "A1", "--text", "Có tiến bộ vượt bậc môn Toán"], as: "ht", now: "2025-05-26")
        #expect(s.logLines().count == lines, "the year already holds that commendation")

        let year = MoveClassTests.toan(s, "6A2", period: "year", "A1")
        #expect(year.toan["plan"] as? Bool == true && year.toan["term1"] as? String == "Đ" && year.toan["term2"] as? String == "CĐ", "\(year.toan)")
        #expect(year.student["learning"] as? String == "Đ" && year.student["outcome"] as? String == "len-lop", "\(year.student)")
        let transcript = s.ok(["print-transcript", "--student", "A1", "--format", "html"], as: "ad", now: "2025-05-30").stdout
        #expect(transcript.components(separatedBy: "Có tiến bộ vượt bậc môn Toán").count == 2, "printed once")
        #expect(s.run(["verify"], as: "ad", now: "2025-05-30").status == 0)
    }
}

extension IndividualPlanSubjectsTests {
    /// A forged plan result that carries a wider plan than the year's: its replay would take the
    /// plan up in the new class, so it is a finding.
    @Test("after a move, verify refuses a plan result in the new class carrying a wider plan than the year's")
    func planLiftedAfterMove() throws {
        let s = MoveClassTests.school()
        s.ok(["individual-plan", "--class", "6A1", "--student", "A1", "--decision", "QĐ số 9", "--plan-subjects", "gdtc"], as: "ht", now: "2024-09-20")
        s.ok(["import-students", "--class", "6A2", "--file", s.file("mv.csv", "ma_hs,ho_ten\nA1,Trần Văn Bảo\n"), "--move"],
             as: "cn.6a1", now: "2025-01-13")
        // A forged plan result in the new class, carrying a plan that also takes toán off the scale.
        let at = String(String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25))
        let forged = s.forge(by: "ht", at: at, action: .individualPlanResult,
                             ["year": .string("2024-2025"), "class": .string("6A2"), "student": .string("A1"), "subject": .string("gdtc"),
                              "term": .int(2), "old": .null, "new": .string("Đ"),
                              "plan": .object(["decision": .string("QĐ số 9"), "recorded": .object([:]),
                                               "plan_subjects": .array([.string("toan"), .string("gdtc")])])])
        let found = s.run(["verify"], as: "ad", now: "2025-02-01")
        #expect(found.status == 65 && found.stderr.contains("audit.log line \(forged)") && found.stderr.contains("not the year's"), "\(found)")
    }

    @Test("after a move, individual-plan --off in the new class lifts the plan set in the old one")
    func offAfterMove() throws {
        let s = MoveClassTests.school()
        s.ok(["individual-plan", "--class", "6A1", "--student", "A1", "--decision", "QĐ số 9"], as: "ht", now: "2024-09-20")
        s.ok(["import-students", "--class", "6A2", "--file", s.file("mv.csv", "ma_hs,ho_ten\nA1,Trần Văn Bảo\n"), "--move"],
             as: "cn.6a1", now: "2025-01-13")
        s.ok(["individual-plan", "--class", "6A2", "--student", "A1", "--off"], as: "ht", now: "2025-02-01")
        let explained = s.ok(["explain", "--student", "A1", "--term", "2"], as: "ad", now: "2025-02-02").stdout
        #expect(!explained.contains("individual plan") && !explained.contains("kế hoạch giáo dục cá nhân"), "\(explained)")
        let lines = s.logLines().count
        #expect(s.run(["individual-plan", "--class", "6A2", "--student", "A1", "--off"], as: "ht", now: "2025-02-02").status != 0 || s.logLines().count == lines,
                "lifting a lifted plan changes nothing")
        #expect(s.run(["verify", "--full"], as: "ad", now: "2025-02-03").status == 0)
    }

    @Test("a plan result is refused for a whole-plan student and for a subject the class does not take; verify finds a plan result in a locked term")
    func planResultRules() {
        let s = Sodiem.smallSchool()
        s.assignEverything("6A1")
        s.ok(["individual-plan", "--class", "6A1", "--student", "A1", "--decision", "QĐ số 3"], as: "ht", now: "2024-09-20")
        s.ok(["individual-plan", "--class", "6A1", "--student", "A2", "--decision", "QĐ số 4", "--plan-subjects", "gdtc"], as: "ht", now: "2024-09-20")
        let before = s.dataState()
        let whole = s.run(["individual-plan", "--class", "6A1", "--student", "A1", "--subject", "gdtc", "--term", "1", "--result", "Đ"],
                          as: "gv.toan", now: "2024-12-20")
        #expect(whole.status == 65 && whole.stderr.contains("every subject") && whole.stderr.contains("--learning"), "\(whole)")
        // Nobody leads a subject the class does not take, so only root (who holds every permission) gets this far.
        let notTaken = s.run(["individual-plan", "--class", "6A1", "--student", "A1", "--subject", "tieng-dan-toc", "--term", "1", "--result", "Đ"],
                             now: "2024-12-20")
        #expect(notTaken.status == 65 && notTaken.stderr.contains("does not take"), "\(notTaken.status) \(notTaken.stderr)")
        #expect(s.dataState() == before, "refusals change nothing")
        s.ok(["individual-plan", "--class", "6A1", "--student", "A2", "--subject", "gdtc", "--term", "1", "--result", "Đ"], as: "gv.toan", now: "2024-12-20")
        s.ok(["lock-term", "--term", "1", "--class", "6A1"], as: "ad", now: "2025-01-20")
        let locked = s.run(["individual-plan", "--class", "6A1", "--student", "A2", "--subject", "gdtc", "--term", "1", "--result", "CĐ"],
                           as: "gv.toan", now: "2025-01-21")
        #expect(locked.status == 77, "\(locked)")
        #expect(s.run(["verify"], as: "ad", now: "2025-01-21").status == 0)
        // Forged: the result changed in the locked term, and one for the whole-plan student.
        let at = String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25)
        let inLocked = s.forge(by: "root", as: "gv.toan", at: String(at), action: .individualPlanResult,
                               ["year": .string("2024-2025"), "class": .string("6A1"), "student": .string("A2"), "subject": .string("gdtc"),
                                "term": .int(1), "old": .string("Đ"), "new": .string("CĐ")])
        let forWhole = s.forge(by: "root", as: "gv.toan", at: String(at), action: .individualPlanResult,
                               ["year": .string("2024-2025"), "class": .string("6A1"), "student": .string("A1"), "subject": .string("gdtc"),
                                "term": .int(2), "old": .null, "new": .string("Đ")])
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65 && run.stderr.contains("audit.log line \(inLocked)") && run.stderr.contains("locked")
                && run.stderr.contains("audit.log line \(forWhole)") && run.stderr.contains("every subject"), "\(run)")
    }
}
