import Foundation
import Testing
import SodiemFormats
import SodiemStore

/// `import-students --move` carries the student's year (rules-tt22.md §8), on the built binary.
@Suite("Moving class within the school, end to end", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct MoveClassTests {
    /// The small school with 6A2 (its own toán teacher, gv.toan2) beside 6A1.
    static func school() -> Sodiem {
        let s = Sodiem.smallSchool()
        s.ok(["user", "add", "gv.toan2", "--name", "Giáo Viên Toán Hai", "--role", "teacher"], as: "ad", now: "2024-09-02")
        s.ok(["class", "add", "6A2", "--grade", "6", "--homeroom", "cn.6a1"], as: "ad", now: "2024-09-02")
        s.ok(["assign", "--subject", "toan", "--classes", "6A2", "--enterers", "gv.toan2", "--lead", "gv.toan2"], as: "ad", now: "2024-09-03")
        return s
    }

    static func toan(_ s: Sodiem, _ className: String, period: String, _ id: String) -> (student: [String: Any], toan: [String: Any]) {
        let run = s.run(["results", "--class", className, "--term", period, "--student", id, "--format", "json"], as: "ad", now: "2025-05-30")
        let json = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
        let student = (json["students"] as? [[String: Any]])?.first ?? [:]
        return (student, (student["subjects"] as? [String: Any])?["toan"] as? [String: Any] ?? [:])
    }

    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    @Test("a move at the term boundary: term I from 6A1 and term II from 6A2 make one year; the old class corrects its own score")
    func moveAtTermBoundary() {
        let s = Self.school()
        let enter1 = ["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1"]
        s.ok(enter1 + ["--file", s.file("t1.csv", "ma_hs,tx1,tx2,tx3,tx4,gk,ck\nA1,8,8,8,8,8,8\n")], as: "gv.toan", now: "2024-10-01")
        s.ok(["attendance", "--class", "6A1", "--student", "A1", "--date", "2024-10-03"], as: "cn.6a1", now: "2024-10-03")
        s.ok(["attendance", "--class", "6A1", "--student", "A1", "--date", "2024-10-04", "--excused"], as: "cn.6a1", now: "2024-10-04")
        s.ok(["conduct", "--class", "6A1", "--term", "1", "--student", "A1", "--level", "T"], as: "cn.6a1", now: "2025-01-10")
        s.ok(["import-students", "--class", "6A2", "--file", s.file("mv.csv", "ma_hs,ho_ten\nA1,Trần Văn Bảo\n"), "--move"],
             as: "cn.6a1", now: "2025-01-13")
        s.ok(["enter-score", "--class", "6A2", "--subject", "toan", "--term", "2", "--file",
              s.file("t2.csv", "ma_hs,tx1,tx2,tx3,tx4,gk,ck\nA1,5,5,5,5,5,5\n")], as: "gv.toan2", now: "2025-02-01")
        s.ok(["attendance", "--class", "6A2", "--student", "A1", "--date", "2025-02-04"], as: "cn.6a1", now: "2025-02-04")
        s.ok(["conduct", "--class", "6A2", "--term", "2", "--student", "A1", "--level", "K"], as: "cn.6a1", now: "2025-05-20")

        // The new class computes the whole year: ĐTBmcn (8,0 + 2 × 5,0) / 3 = 6,0; 3 buổi; conduct T then K → K.
        let year = Self.toan(s, "6A2", period: "year", "A1")
        #expect(Self.number(year.toan["term1"]) == 8.0 && Self.number(year.toan["term2"]) == 5.0 && Self.number(year.toan["average"]) == 6.0, "\(year.toan)")
        #expect(year.student["absences"] as? Int == 3 && year.student["conduct"] as? String == "K", "\(year.student)")
        let term1 = Self.toan(s, "6A2", period: "1", "A1")
        #expect(Self.number(term1.toan["average"]) == 8.0 && term1.student["conduct"] as? String == "T", "\(term1)")
        // The old class names them as moved out, below its results; --student says where to look.
        let old = s.ok(["results", "--class", "6A1", "--term", "1"], as: "ad", now: "2025-02-05")
        #expect(old.stdout.contains("Moved out: A1") && old.stdout.contains("6A2"), "\(old)")
        let oldJSON = s.ok(["results", "--class", "6A1", "--term", "1", "--format", "json"], as: "ad", now: "2025-02-05").stdout
        #expect(oldJSON.contains("\"moved_out\"") && oldJSON.contains("\"to\":\"6A2\""), "\(oldJSON)")

        // The new class's teacher may not change a score entered in 6A1, directly or by a request.
        let over = s.run(enter1.map { $0 == "6A1" ? "6A2" : $0 } + ["--student", "A1", "--column", "tx1", "--score", "9"], as: "gv.toan2", now: "2025-02-05")
        #expect(over.status == 77 && over.stderr.contains("6A1"), "\(over)")
        let ask = ["request-fix", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1", "--to", "9", "--reason", "nhập nhầm"]
        let elsewhere = s.run(ask + ["--class", "6A2"], as: "gv.toan2", now: "2025-02-05")
        #expect(elsewhere.status == 77 && elsewhere.stderr.contains("6A1"), "\(elsewhere)")
        // 6A1's teacher asks, the board approves: the new class's year follows (tx1 9 → ĐTBmhk I 8,1).
        s.ok(ask + ["--class", "6A1"], as: "gv.toan", now: "2025-02-05")
        s.ok(["approve-fix", "1"], as: "ht", now: "2025-02-06")
        #expect(Self.number(Self.toan(s, "6A2", period: "year", "A1").toan["term1"]) == 8.1)

        // Ledgers: the old one shows the student as moved out with the scores entered there; the new one shows one year.
        let oldLedger = s.ok(["print-ledger", "--class", "6A1", "--term", "1", "--format", "html"], as: "ad", now: "2025-05-30").stdout
        #expect(oldLedger.contains("Chuyển sang lớp 6A2 từ ngày 13/01/2025") && oldLedger.contains("Trần Văn Bảo"))
        let newLedger = s.ok(["print-ledger", "--class", "6A2", "--format", "html"], as: "ad", now: "2025-05-30").stdout
        #expect(newLedger.contains("Từ lớp 6A1 (chuyển ngày 13/01/2025)") && newLedger.contains("BB số 1"))
        let transcript = s.ok(["print-transcript", "--student", "A1", "--format", "html"], as: "ad", now: "2025-05-30").stdout
        #expect(transcript.contains("từ lớp 6A1, ngày 13/01/2025") && transcript.contains("6,0"), "the transcript's year")
        #expect(s.run(["verify"], as: "ad", now: "2025-05-30").status == 0)
    }

    @Test("a move in the middle of term I: the term's cells from both classes make its average; the make-up of a vắng is the new class's")
    func moveMidTerm() {
        let s = Self.school()
        s.ok(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--file",
              s.file("a.csv", "ma_hs,tx1,tx2,gk\nA1,6,7,vắng\n")], as: "gv.toan", now: "2024-10-20")
        s.ok(["import-students", "--class", "6A2", "--file", s.file("mv.csv", "ma_hs,ho_ten\nA1,Trần Văn Bảo\n"), "--move"],
             as: "cn.6a1", now: "2024-11-04")
        let enter = ["enter-score", "--class", "6A2", "--subject", "toan", "--term", "1"]
        // Before the rest is in: no average yet.
        #expect(Self.toan(s, "6A2", period: "1", "A1").toan["average"] is NSNull)
        let sheet = s.run(enter + ["--file", s.file("b.csv", "ma_hs,tx3,tx4,gk,ck\nA1,8,9,7,8\n")], as: "gv.toan2", now: "2024-12-20")
        #expect(sheet.status == 0, "the make-up of 6A1's vắng is entered in 6A2: \(sheet)")
        // (6 + 7 + 8 + 9 + 2 × 7 + 3 × 8) / 9 = 68 / 9 = 7,56 → 7,6
        let term = Self.toan(s, "6A2", period: "1", "A1").toan
        #expect(Self.number(term["average"]) == 7.6 && (term["tx"] as? [Any])?.count == 4, "\(term)")
        // The new class's sheet shows the cells entered in 6A1; entered back as it is, it changes nothing.
        let csv = s.ok(["print-ledger", "--class", "6A2", "--subject", "toan", "--term", "1", "--format", "csv"], as: "gv.toan2", now: "2024-12-21").stdout
        #expect(csv.contains("A1,Trần Văn Bảo,6.0,7.0,8.0,9.0,7.0,8.0"), "\(csv)")
        let back = s.run(enter + ["--file", s.file("back.csv", csv)], as: "gv.toan2", now: "2024-12-21")
        #expect(back.status == 0, "\(back)")
        let refused = s.run(enter + ["--file", s.file("c.csv", "ma_hs,tx1\nA1,9\n")], as: "gv.toan2", now: "2024-12-21")
        #expect(refused.status == 77 && refused.stderr.contains("c.csv") && refused.stderr.contains("6A1"), "\(refused)")
        // lock-term finds no gap in toán for A1 (its cells came from both classes).
        let lock = s.ok(["lock-term", "--term", "1", "--class", "6A2", "--format", "json"], as: "ad", now: "2025-01-15").stdout
        #expect(!lock.contains("\"subject\":\"toan\""), "\(lock.prefix(400))")
        // The old class's ledger keeps what was entered there (tx1 6, tx2 7, gk vắng) under the move.
        let oldLedger = s.ok(["print-ledger", "--class", "6A1", "--term", "1", "--format", "html"], as: "ad", now: "2025-01-15").stdout
        #expect(oldLedger.contains("Chuyển sang lớp 6A2 từ ngày 04/11/2024") && oldLedger.contains("vắng"))
        #expect(s.run(["verify"], as: "ad", now: "2025-01-15").status == 0)
        // A line that gives 6A1's cell a value in 6A2 anyway is found by verify's rule replay.
        let at = String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25)
        var body = Sodiem.scoreBody(column: "tx2", new: .number("9.0"))
        body["class"] = .string("6A2")
        let line = s.forge(by: "root", as: "gv.toan2", at: String(at), action: .scoreSet, body)
        let run = s.run(["verify"], as: "ad", now: "2025-01-15")
        #expect(run.status == 65 && run.stderr.contains("audit.log line \(line)") && run.stderr.contains("entered in 6A1"), "\(run)")
    }
}

extension MoveClassTests {
    @Test("events of an older build keep their meaning and their class files' bytes: a note without ledger_note, a move without carry")
    func olderBuildsEvents() {
        let s = Self.school()
        s.ok(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1", "--score", "7"],
             as: "gv.toan", now: "2024-10-01")
        let at = String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25)
        // What the previous build wrote: the note in the event only, a move without `carry`.
        var noted = Sodiem.scoreBody(student: "A2", column: "tx1", new: .number("0.0"))
        noted["note"] = .string("không kiểm tra bù")
        _ = s.forge(by: "root", as: "gv.toan", at: String(at), action: .scoreSet, noted)
        _ = s.forge(by: "root", as: "cn.6a1", at: String(at), action: .studentsImport,
                    ["year": .string("2024-2025"), "class": .string("6A2"), "date": .string("2024-11-04"),
                     "moved_from": .object(["A1": .string("6A1")]),
                     "students": .object(["A1": .object(["name": .string("Trần Văn Bảo"), "particulars": .object([:])])])])
        #expect(s.run(["verify"], as: "ad").status == 0)
        let a2 = String(decoding: s.dataFile("years/2024-2025/classes/6A1.json")!, as: UTF8.self)
        #expect(!a2.contains("score_notes"), "no note kept from an older build's event")
        let moved = String(decoding: s.dataFile("years/2024-2025/classes/6A2.json")!, as: UTF8.self)
        #expect(!moved.contains("moved_from"), "an older build's move is not carried")
        // This build's events carry the markers and keep both.
        s.ok(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A3", "--column", "tx1", "--score", "0",
              "--note", "không kiểm tra bù"], as: "gv.toan", now: "2024-11-05")
        let last = String(decoding: s.logLines().last!, as: UTF8.self)
        #expect(last.contains("\"ledger_note\":true"), "\(last)")
        s.ok(["import-students", "--class", "6A1", "--file", s.file("back.csv", "ma_hs,ho_ten\nA1,Trần Văn Bảo\n"), "--move"], as: "cn.6a1", now: "2024-11-06")
        #expect(String(decoding: s.logLines().last!, as: UTF8.self).contains("\"carry\":true"))
        #expect(String(decoding: s.dataFile("years/2024-2025/classes/6A1.json")!, as: UTF8.self).contains("score_notes"))
    }
}

extension MoveClassTests {
    @Test("after a move, a note of the old class's cell is not printed beside the new class's value of that cell")
    func oldNoteLeavesWithItsMark() {
        let s = Self.school()
        s.ok(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "gk", "--score", "vắng",
              "--note", "ốm, hẹn kiểm tra bù"], as: "gv.toan", now: "2024-10-20")
        s.ok(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1", "--score", "0",
              "--note", "không kiểm tra bù"], as: "gv.toan", now: "2024-10-21")
        s.ok(["import-students", "--class", "6A2", "--file", s.file("mv.csv", "ma_hs,ho_ten\nA1,Trần Văn Bảo\n"), "--move"],
             as: "cn.6a1", now: "2024-11-04")
        // The make-up is given in 6A2, without a note: the vắng's note explained 6A1's value, not this one.
        s.ok(["enter-score", "--class", "6A2", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "gk", "--score", "7"],
             as: "gv.toan2", now: "2024-11-20")
        let ledger = s.ok(["print-ledger", "--class", "6A2", "--term", "1", "--format", "html"], as: "ad", now: "2024-11-21").stdout
        #expect(!ledger.contains("ốm, hẹn kiểm tra bù"), "the old note is gone with the old mark")
        #expect(ledger.contains("không kiểm tra bù"), "a note of a cell only 6A1 holds stays with it")
        let oldLedger = s.ok(["print-ledger", "--class", "6A1", "--term", "1", "--format", "html"], as: "ad", now: "2024-11-21").stdout
        #expect(oldLedger.contains("ốm, hẹn kiểm tra bù"), "the old class still prints its own note")
        #expect(s.run(["verify"], as: "ad", now: "2024-11-21").status == 0)
    }
}

extension MoveClassTests {
    @Test("a class file of the way that cannot be read is an error for the moved student's year, never a year silently missing a class")
    func unreadableOldClassIsAnError() {
        let s = Self.school()
        s.ok(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--file",
              s.file("t1.csv", "ma_hs,tx1,tx2,tx3,tx4,gk,ck\nA1,8,8,8,8,8,8\n")], as: "gv.toan", now: "2024-10-01")
        s.ok(["import-students", "--class", "6A2", "--file", s.file("mv.csv", "ma_hs,ho_ten\nA1,Trần Văn Bảo\n"), "--move"],
             as: "cn.6a1", now: "2025-01-13")
        // 6A1's file damaged: 6A2's results for A1 cannot be the year, so they are not given.
        s.appendToData("years/2024-2025/classes/6A1.json", Data("{garbage".utf8))
        let results = s.run(["results", "--class", "6A2", "--term", "year", "--student", "A1"], as: "ad", now: "2025-02-01")
        #expect(results.status != 0 && results.stderr.contains("6A1"), "\(results)")
        #expect(!results.stdout.contains("A1"), "no year without term I: \(results.stdout.prefix(300))")
    }
}
