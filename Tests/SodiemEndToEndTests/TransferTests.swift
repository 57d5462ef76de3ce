import Foundation
import Testing
import SodiemBasics
import SodiemFormats
import SodiemStore

/// `transfer-in` and `transfer-out` (rules-tt22.md §8), on the built binary.
@Suite("Transfers between schools, end to end", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct TransferTests {
    static func json(_ run: Sodiem.Run) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
    }

    static let particulars = "ma_hs,ho_ten,ngay_sinh,gioi_tinh\nA9,Ngô Thị Chín,07/08/2013,Nữ\n"
    static let base = ["transfer-in", "--class", "6A1", "--student", "A9", "--from", "Trường THCS Bình Minh", "--ref", "Học bạ số 12/BM"]

    @Test("a transfer-in at term II with term I's results carried: they count as term I, print with their source; bad files name the cell")
    func transferInAtTermTwo() throws {
        let s = Sodiem.smallSchool()
        let hs = s.file("hs.csv", Self.particulars)
        // Refusals first, each changing nothing.
        let before = s.dataState()
        let notEnded = s.run(Self.base + ["--particulars", hs, "--file", s.file("k2.csv", "hoc_ki,ren_luyen,buoi_nghi,toan\n2,T,0,8\n")],
                             as: "cn.6a1", now: "2025-01-20")
        #expect(notEnded.status == 65 && notEnded.stderr.contains("k2.csv") && notEnded.stderr.contains("hoc_ki"), "\(notEnded)")
        let badCell = s.run(Self.base + ["--particulars", hs, "--file", s.file("bad.csv", "hoc_ki,ren_luyen,buoi_nghi,toan,gdtc\n1,X,4,11,Đ\n")],
                            as: "cn.6a1", now: "2025-01-20")
        #expect(badCell.status == 65 && badCell.stderr.contains("bad.csv") && badCell.stderr.contains("toan")
                && badCell.stderr.contains("ren_luyen"), "\(badCell)")
        let unknown = s.run(Self.base + ["--particulars", hs, "--file", s.file("u.csv", "hoc_ki,hat_hay\n1,9\n")], as: "cn.6a1", now: "2025-01-20")
        #expect(unknown.status == 65 && unknown.stderr.contains("hat_hay"), "\(unknown)")
        let already = s.run(Self.base.map { $0 == "A9" ? "A1" : $0 } + ["--particulars", s.file("a1.csv", "ma_hs,ho_ten\nA1,Trần Văn Bảo\n")],
                            as: "cn.6a1", now: "2025-01-20")
        #expect(already.status == 65 && already.stderr.contains("--move"), "\(already)")
        #expect(s.run(Self.base + ["--particulars", hs], as: "gv.toan", now: "2025-01-20").status == 77, "not the homeroom teacher")
        // A term carried with some subjects only: the others' results would be nowhere (rules §8).
        let partial = s.run(Self.base + ["--particulars", hs, "--file", s.file("mot-mon.csv", "hoc_ki,ren_luyen,buoi_nghi,toan\n1,T,0,8\n")],
                            as: "cn.6a1", now: "2025-01-20")
        #expect(partial.status == 65 && partial.stderr.contains("mot-mon.csv") && partial.stderr.contains("lacks the results")
                && partial.stderr.contains("ngu-van") && partial.stderr.contains("gdtc") && !partial.stderr.contains(" toan,"), "\(partial)")
        #expect(s.dataState() == before)

        // Term I from the previous school, as an Excel workbook (the common table reader).
        // A carried term holds every subject the class takes.
        let rest = Sodiem.compulsory.filter { !["toan", "ngu-van", "gdtc"].contains($0) }
        let sheet = XLSXSheet(name: "HK1", header: ["hoc_ki", "ren_luyen", "buoi_nghi", "toan", "Ngữ văn", "gdtc"] + rest,
                              rows: [["1", "T", "4", "7,5", "8", "Đ"] + rest.map { Sodiem.commentSubjects.contains($0) ? "Đ" : "8" }])
        let workbook = s.file("ket-qua-hk1.xlsx", "")
        try XLSXWriter.write([sheet], modified: Instant(seconds: 1_737_000_000, offset: 25200)).write(to: URL(fileURLWithPath: workbook))
        // --sheet is for --file: the particulars, a CSV file, are read as they are.
        let admitted = s.run(Self.base + ["--particulars", hs, "--file", workbook, "--sheet", "HK1"], as: "cn.6a1", now: "2025-01-20")
        #expect(admitted.status == 0 && admitted.stdout.contains("A9"), "\(admitted)")
        #expect(String(decoding: s.logLines().last!, as: UTF8.self).contains("\"action\":\"transfer.in\""), "one event")
        #expect(s.studentIDs("6A1")?.contains("A9") == true)

        // Term II here: toán 9 everywhere → ĐTBmcn (7,5 + 2 × 9,0) / 3 = 8,5.
        s.ok(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "2", "--file",
              s.file("t2.csv", "ma_hs,tx1,tx2,tx3,tx4,gk,ck\nA9,9,9,9,9,9,9\n")], as: "gv.toan", now: "2025-02-01")
        s.ok(["attendance", "--class", "6A1", "--student", "A9", "--date", "2025-02-04"], as: "cn.6a1", now: "2025-02-04")
        let year = Self.json(s.ok(["results", "--class", "6A1", "--term", "year", "--student", "A9", "--format", "json"], as: "ad", now: "2025-02-05"))
        let student = (year["students"] as? [[String: Any]])?.first ?? [:]
        let toan = (student["subjects"] as? [String: Any])?["toan"] as? [String: Any] ?? [:]
        #expect((toan["term1"] as? NSNumber)?.doubleValue == 7.5 && (toan["average"] as? NSNumber)?.doubleValue == 8.5, "\(toan)")
        let gdtc = (student["subjects"] as? [String: Any])?["gdtc"] as? [String: Any] ?? [:]
        #expect(gdtc["term1"] as? String == "Đ", "\(gdtc)")
        #expect(student["absences"] as? Int == 5, "4 buổi there and 1 here: \(student)")
        let term1 = Self.json(s.ok(["results", "--class", "6A1", "--term", "1", "--student", "A9", "--format", "json"], as: "ad", now: "2025-02-05"))
        let first = (term1["students"] as? [[String: Any]])?.first ?? [:]
        #expect(first["conduct"] as? String == "T" && first["absences"] as? Int == 4, "\(first)")

        // Printed with their source: the ledger's Ghi chú and the transcript's year page.
        let ledger = s.ok(["print-ledger", "--class", "6A1", "--term", "year", "--format", "html"], as: "ad", now: "2025-02-05").stdout
        #expect(ledger.contains("HK I: kết quả của Trường THCS Bình Minh (Học bạ số 12/BM)"))
        let transcript = s.ok(["print-transcript", "--student", "A9", "--format", "html"], as: "ad", now: "2025-02-05").stdout
        #expect(transcript.contains("từ Trường THCS Bình Minh, ngày 20/01/2025; kết quả học kì I theo Học bạ số 12/BM"), "the transcript")
        #expect(transcript.contains("Ngô Thị Chín") && transcript.contains("7,5") && transcript.contains("HK I: kết quả của Trường THCS Bình Minh (Học bạ số 12/BM)."))
        // Term I came with the student: no gaps of theirs for lock-term, no entries owed for remind.
        let lock = s.ok(["lock-term", "--term", "1", "--class", "6A1", "--format", "json"], as: "ad", now: "2025-02-05").stdout
        #expect(!lock.contains("\"student\":\"A9\"") && lock.contains("\"student\":\"A1\""), "\(lock.prefix(300))")
        #expect(s.run(["verify"], as: "ad", now: "2025-02-05").status == 0)
    }

    @Test("transfer-out: off the list from the day, still on the ledger, transcript so far; --to or --reason, not both; no day to come")
    func transferOut() {
        let s = Sodiem.smallSchool()
        s.ok(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1", "--score", "8"],
             as: "gv.toan", now: "2024-10-01")
        let out = ["transfer-out", "--class", "6A1", "--student", "A1", "--date", "2025-02-10"]
        #expect(s.run(out, as: "cn.6a1", now: "2025-02-10").status == 64, "neither --to nor --reason")
        #expect(s.run(out + ["--to", "Trường THCS Lê Lợi", "--reason", "x"], as: "cn.6a1", now: "2025-02-10").status == 64)
        let early = s.run(out + ["--to", "Trường THCS Lê Lợi"], as: "cn.6a1", now: "2025-02-09")
        #expect(early.status == 65 && early.stderr.contains("2025-02-10"), "\(early)")
        #expect(s.run(out + ["--to", "Trường THCS Lê Lợi"], as: "gv.toan", now: "2025-02-10").status == 77)
        s.ok(out + ["--to", "Trường THCS Lê Lợi"], as: "cn.6a1", now: "2025-02-10")
        s.ok(["transfer-out", "--class", "6A1", "--student", "A2", "--date", "2025-03-03", "--reason", "bỏ học"], as: "cn.6a1", now: "2025-03-03")

        #expect(s.studentIDs("6A1") == ["A3"], "\(String(describing: s.studentIDs("6A1")))")
        let results = s.ok(["results", "--class", "6A1", "--term", "1"], as: "ad", now: "2025-03-04").stdout
        #expect(results.contains("Left the school: A1") && results.contains("Trường THCS Lê Lợi") && results.contains("(bỏ học)"), "\(results)")
        #expect(s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "2", "--student", "A1", "--column", "tx1",
                       "--score", "7"], as: "gv.toan", now: "2025-03-04").status == 66)
        #expect(s.run(["results", "--class", "6A1", "--student", "A1"], as: "ad", now: "2025-03-04").stderr.contains("print-transcript"))
        let ledger = s.ok(["print-ledger", "--class", "6A1", "--term", "1", "--format", "html"], as: "ad", now: "2025-03-04").stdout
        #expect(ledger.contains("Chuyển đi Trường THCS Lê Lợi từ ngày 10/02/2025") && ledger.contains("Thôi học từ ngày 03/03/2025: bỏ học"))
        let transcript = s.ok(["print-transcript", "--student", "A1", "--format", "html"], as: "ad", now: "2025-03-04").stdout
        #expect(transcript.contains("Chuyển đi Trường THCS Lê Lợi từ ngày 10/02/2025") && transcript.contains("Trần Văn Bảo"), "the transcript so far")
        #expect(s.run(["verify"], as: "ad", now: "2025-03-04").status == 0)
    }
}

extension TransferTests {
    @Test("verify's rule replay: a forged transfer-in of a student already in a class, and a transfer-out dated after its day, are found")
    func replayJudgesTransfers() {
        let s = Sodiem.smallSchool()
        let at = String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25)
        let inLine = s.forge(by: "root", as: "cn.6a1", at: String(at), action: .transferIn,
                             ["year": .string("2024-2025"), "class": .string("6A1"), "student": .string("B1"), "name": .string("Phan Văn Tám"),
                              "particulars": .object([:]), "from": .string("Trường khác"), "ref": .string("HB 1"), "date": .string("2024-09-10"),
                              "terms": .array([])])
        // The forged line's `at` is the real clock of the set-up: a leaving dated long after it.
        let outLine = s.forge(by: "root", as: "cn.6a1", at: String(at), action: .transferOut,
                              ["year": .string("2024-2025"), "class": .string("6A1"), "student": .string("A1"),
                               "date": .string("2099-01-04"), "to": .string("Trường khác")])
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65 && run.stderr.contains("audit.log line \(inLine)") && run.stderr.contains("already in 8A1"), "\(run)")
        #expect(run.stderr.contains("audit.log line \(outLine)") && run.stderr.contains("after the day it was recorded"), "\(run)")
    }
}

extension TransferTests {
    @Test("a student who left the school is refused when the list is imported again, naming the row, the student and the day; --readmit takes them back; verify judges both")
    func leftStudentComesBackOnlyByReadmit() {
        let s = Sodiem.smallSchool()
        s.ok(["transfer-out", "--class", "6A1", "--student", "A1", "--date", "2025-02-10", "--to", "Trường THCS Lê Lợi"], as: "cn.6a1", now: "2025-02-10")
        // The same list again, A1 on line 3 with a new address: an update of a student who is gone.
        let list = s.file("lai.csv", "ma_hs,ho_ten,dia_chi\nA3,Đỗ Văn Cường,\nA1,Trần Văn Bảo,Số 5 đường Hoa\nA2,Lê Thị An,\n")
        let before = s.dataState()
        let again = s.run(["import-students", "--class", "6A1", "--file", list], as: "cn.6a1", now: "2025-02-12")
        #expect(again.status == 65 && again.stderr.contains("lai.csv") && again.stderr.contains("3") && again.stderr.contains("A1")
                && again.stderr.contains("10 Feb 2025") && again.stderr.contains("Trường THCS Lê Lợi") && again.stderr.contains("--readmit"), "\(again)")
        #expect(s.dataState() == before, "a refused import changes nothing")
        #expect(s.studentIDs("6A1")?.contains("A1") == false)

        let back = s.ok(["import-students", "--class", "6A1", "--file", list, "--readmit"], as: "cn.6a1", now: "2025-02-12")
        #expect(back.stdout.contains("A1"), "\(back)")
        #expect(s.studentIDs("6A1")?.contains("A1") == true, "readmitted")
        #expect(s.run(["verify"], as: "ad", now: "2025-02-12").status == 0)

        // Forged: a re-import of a student who left, without the readmission, is found by verify.
        s.ok(["transfer-out", "--class", "6A1", "--student", "A2", "--date", "2025-02-13", "--reason", "bỏ học"], as: "cn.6a1", now: "2025-02-13")
        let at = String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25)
        let forged = s.forge(by: "root", as: "cn.6a1", at: String(at), action: .studentsImport,
                             ["year": .string("2024-2025"), "class": .string("6A1"),
                              "students": .object(["A2": .object(["name": .string("Lê Thị An"), "particulars": .object([:])])])])
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65 && run.stderr.contains("audit.log line \(forged)") && run.stderr.contains("without --readmit"), "\(run)")
    }
}

extension TransferTests {
    @Test("transfer-out refuses a day before the student arrived or moved in, and a day in a locked term (77); verify judges the same; the success line prints the day as the user reads it")
    func transferOutDates() {
        let s = MoveClassTests.school()
        s.ok(Self.base + ["--particulars", s.file("hs9.csv", Self.particulars)], as: "cn.6a1", now: "2025-01-20")
        let before = s.dataState()
        let beforeArrival = s.run(["transfer-out", "--class", "6A1", "--student", "A9", "--date", "2025-01-15", "--to", "Trường THCS Lê Lợi"],
                                  as: "cn.6a1", now: "2025-02-10")
        #expect(beforeArrival.status == 65 && beforeArrival.stderr.contains("before") && beforeArrival.stderr.contains("2025-01-20"), "\(beforeArrival)")
        #expect(s.dataState() == before, "a refused leaving changes nothing")
        s.ok(["import-students", "--class", "6A2", "--file", s.file("mv.csv", "ma_hs,ho_ten\nA1,Trần Văn Bảo\n"), "--move"], as: "cn.6a1", now: "2025-02-03")
        let beforeMove = s.run(["transfer-out", "--class", "6A2", "--student", "A1", "--date", "2025-02-01", "--reason", "bỏ học"],
                               as: "cn.6a1", now: "2025-02-10")
        #expect(beforeMove.status == 65 && beforeMove.stderr.contains("6A1") && beforeMove.stderr.contains("2025-02-03"), "\(beforeMove)")
        // Term I locked for 6A1: a leaving dated in it is a change of the locked term.
        s.ok(["lock-term", "--term", "1", "--class", "6A1"], as: "ad", now: "2025-02-04")
        let locked = s.dataState()
        let lockedDay = s.run(["transfer-out", "--class", "6A1", "--student", "A2", "--date", "2025-01-10", "--reason", "bỏ học"],
                              as: "cn.6a1", now: "2025-02-10")
        #expect(lockedDay.status == 77 && lockedDay.stderr.contains("locked"), "\(lockedDay)")
        #expect(s.dataState() == locked, "a refused leaving changes nothing")
        // Done in Vietnamese with an ISO day: printed dd/mm/yyyy.
        let done = s.run(["transfer-out", "--class", "6A1", "--student", "A2", "--date", "2025-02-10", "--reason", "bỏ học"],
                         as: "cn.6a1", now: "2025-02-10", environment: ["SODIEM_LANG": "vi"])
        #expect(done.status == 0 && done.stdout.contains("10/02/2025") && !done.stdout.contains("2025-02-10"), "\(done)")
        #expect(s.run(["verify"], as: "ad", now: "2025-02-10").status == 0)

        // Forged leavings the command refuses: verify's rule replay finds them by the same rule.
        let at = String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25)
        let early = s.forge(by: "root", as: "cn.6a1", at: String(at), action: .transferOut,
                            ["year": .string("2024-2025"), "class": .string("6A1"), "student": .string("A9"),
                             "date": .string("2025-01-15"), "to": .string("Trường khác")])
        let inLocked = s.forge(by: "root", as: "cn.6a1", at: String(at), action: .transferOut,
                             ["year": .string("2024-2025"), "class": .string("6A1"), "student": .string("A3"),
                              "date": .string("2025-01-10"), "reason": .string("bỏ học")])
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65 && run.stderr.contains("audit.log line \(early)") && run.stderr.contains("audit.log line \(inLocked)")
                && run.stderr.contains("locked"), "\(run)")
    }
}
