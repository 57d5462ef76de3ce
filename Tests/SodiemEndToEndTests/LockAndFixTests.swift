import Foundation
import Testing

/// The lock state of a term in year.json: school-wide flag and per-class overrides.
private func lockState(_ s: Sodiem, term: Int) -> (locked: Bool, classes: [String: Bool]) {
    guard let data = s.dataFile("years/2024-2025/year.json"),
          let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let locks = json["locks"] as? [String: Any], let lock = locks["\(term)"] as? [String: Any] else { return (false, [:]) }
    return (lock["locked"] as? Bool ?? false, lock["classes"] as? [String: Bool] ?? [:])
}

/// True when the term is locked for the class, as `YearFile.isLocked` decides.
private func isLocked(_ s: Sodiem, term: Int, _ className: String) -> Bool {
    let state = lockState(s, term: term)
    return state.classes[className] ?? state.locked
}

/// The number of events in the log.
private func eventCount(_ s: Sodiem) -> Int {
    String(decoding: s.dataFile("audit.log") ?? Data(), as: UTF8.self).split(separator: "\n").count
}

/// A score of a class file: `scores[subject][term][column]`.
private func score(_ s: Sodiem, _ className: String, _ student: String, _ subject: String, term: Int, _ column: String) -> Any? {
    guard let data = s.dataFile("years/2024-2025/classes/\(className).json"),
          let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let students = json["students"] as? [String: Any], let record = students[student] as? [String: Any],
          let scores = record["scores"] as? [String: Any], let bySubject = scores[subject] as? [String: Any],
          let marks = bySubject["\(term)"] as? [String: Any] else { return nil }
    if column.hasPrefix("tx"), let k = Int(column.dropFirst(2)), let tx = marks["tx"] as? [Any], k <= tx.count {
        return tx[k - 1] is NSNull ? nil : tx[k - 1]
    }
    return marks[column]
}

private func json(_ run: Sodiem.Run) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]) ?? [:]
}

private func fixRequest(student: String = "A1", column: String = "ck") -> [String] {
    ["request-fix", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", student, "--column", column]
}
private let request = fixRequest()

@Suite("Locks and corrections, end to end", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct LockAndFixEndToEndTests {
    @Test("lock-term --due locks from the day after the lock date; by hand at any time; idempotent and quiet")
    func lockByHandAndDue() {
        let s = Sodiem.smallSchool()
        // Term 1 ends 2025-01-11; lock date 2025-01-18 holds through that day.
        let before = eventCount(s)
        let onTheDay = s.run(["lock-term", "--due"], as: "cron", now: "2025-01-18")
        #expect(onTheDay.status == 0 && onTheDay.stdout.isEmpty, "\(onTheDay)")
        #expect(eventCount(s) == before)
        #expect(!isLocked(s, term: 1, "6A1"))
        let dayAfter = s.run(["lock-term", "--due"], as: "cron", now: "2025-01-19")
        #expect(dayAfter.status == 0 && dayAfter.stdout.contains("Locked term 1"), "\(dayAfter)")
        #expect(isLocked(s, term: 1, "6A1") && isLocked(s, term: 1, "8A1"))
        #expect(!isLocked(s, term: 2, "6A1"))
        let again = s.run(["lock-term", "--due"], as: "cron", now: "2025-01-20")
        #expect(again.status == 0 && again.stdout.isEmpty, "\(again)")
        #expect(eventCount(s) == before + 1)
        let byHand = s.run(["lock-term", "--term", "1"], as: "ad", now: "2025-01-20")
        #expect(byHand.status == 0 && byHand.stdout.contains("already locked"), "\(byHand)")
        #expect(eventCount(s) == before + 1)
        // By hand before the lock date, for one class; only admins; cron only with --due.
        #expect(s.run(["lock-term", "--term", "2", "--class", "6A1"], as: "gv.toan", now: "2025-05-30").status == 77)
        #expect(s.run(["lock-term", "--term", "2"], as: "cron", now: "2025-05-30").status == 77)
        #expect(s.run(["lock-term", "--due"], as: "gv.toan", now: "2025-05-30").status == 77)
        #expect(s.run(["lock-term", "--due", "--term", "2"], as: "ad", now: "2025-05-30").status == 64)
        #expect(s.run(["lock-term", "--term", "3"], as: "ad", now: "2025-05-30").status == 64)
        #expect(s.run(["lock-term", "--term", "2", "--class", "9Z9"], as: "ad", now: "2025-05-30").status == 66)
        let one = s.run(["lock-term", "--term", "2", "--class", "6A1"], as: "ad", now: "2025-05-30")
        #expect(one.status == 0, "\(one)")
        #expect(isLocked(s, term: 2, "6A1") && !isLocked(s, term: 2, "8A1"))
        // Term 2 ends 2025-05-24: lock date 2025-05-31, locked by --due from 2025-06-01.
        #expect(s.run(["lock-term", "--due"], as: "ad", now: "2025-05-31").stdout.isEmpty)
        #expect(!isLocked(s, term: 2, "8A1"))
        #expect(s.run(["lock-term", "--due"], as: "ad", now: "2025-06-01").status == 0)
        #expect(isLocked(s, term: 2, "8A1") && isLocked(s, term: 2, "6A1"))
        #expect(s.run(["verify"], as: "ad").status == 0)
    }

    @Test("unlock-term: needs the board's order, admin or principal, lasts through --until; --due locks again after")
    func reopening() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["lock-term", "--term", "1"], as: "ad", now: "2025-01-12").status == 0)
        let order = ["--order", "Ý kiến chỉ đạo của BGH ngày 20/01/2025"]
        #expect(s.run(["unlock-term", "--term", "1", "--class", "6A1"], as: "ht", now: "2025-01-20").status == 64)
        #expect(s.run(["unlock-term", "--term", "1", "--class", "6A1"] + order, as: "gv.toan", now: "2025-01-20").status == 77)
        #expect(s.run(["unlock-term", "--term", "1", "--class", "6A1"] + order, as: "pht", now: "2025-01-20").status == 77)
        #expect(s.run(["unlock-term", "--term", "1", "--class", "6A1"] + order + ["--until", "2025-01-19"], as: "ht", now: "2025-01-20").status == 64)
        let byPrincipal = s.run(["unlock-term", "--term", "1", "--class", "6A1"] + order + ["--until", "2025-01-22"], as: "ht", now: "2025-01-20")
        #expect(byPrincipal.status == 0, "\(byPrincipal)")
        #expect(!isLocked(s, term: 1, "6A1") && isLocked(s, term: 1, "8A1"))
        // In force through the 22nd: --due leaves it alone (and says nothing, having done nothing).
        let during = s.run(["lock-term", "--due"], as: "cron", now: "2025-01-22")
        #expect(during.status == 0 && during.stdout.isEmpty, "\(during)")
        #expect(!isLocked(s, term: 1, "6A1"))
        let after = s.run(["lock-term", "--due"], as: "cron", now: "2025-01-23")
        #expect(after.status == 0 && after.stdout.contains("Locked term 1"), "\(after)")
        #expect(isLocked(s, term: 1, "6A1"))
        // The admin reopens the whole school; default until = 7 days after the effective now.
        let byAdmin = s.run(["unlock-term", "--term", "1"] + order, as: "ad", now: "2025-02-01")
        #expect(byAdmin.status == 0 && byAdmin.stdout.contains("through 8 Feb 2025"), "\(byAdmin)")
        #expect(!isLocked(s, term: 1, "6A1") && !isLocked(s, term: 1, "8A1"))
        // A class reopening inside the school-wide one outlives it: --due locks the rest, not 6A1.
        #expect(s.run(["unlock-term", "--term", "1", "--class", "6A1"] + order + ["--until", "2025-02-12"], as: "ht", now: "2025-02-02").status == 0)
        #expect(s.run(["lock-term", "--due"], as: "cron", now: "2025-02-08").stdout.isEmpty)
        let partial = s.run(["lock-term", "--due"], as: "cron", now: "2025-02-09")
        #expect(partial.status == 0 && partial.stdout.contains("6A1 stays open"), "\(partial)")
        #expect(!isLocked(s, term: 1, "6A1") && isLocked(s, term: 1, "8A1"))
        #expect(s.run(["lock-term", "--due"], as: "cron", now: "2025-02-12").stdout.isEmpty)
        #expect(s.run(["lock-term", "--due"], as: "cron", now: "2025-02-13").status == 0)
        #expect(isLocked(s, term: 1, "6A1"))
        let log = s.run(["log", "--format", "json", "--action", "term.unlock"], as: "ad")
        #expect(log.stdout.contains("Ý kiến chỉ đạo của BGH ngày 20/01/2025"))
        #expect(s.run(["verify"], as: "ad").status == 0)
    }

    @Test("request, approve, reject; self-approval and double approval refused; fixes lists by who asks")
    func requestAndDecide() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["assign", "--subject", "toan", "--classes", "6A1", "--enterers", "gv.toan,pht", "--lead", "gv.toan"], as: "ad", now: "2024-09-03").status == 0)
        #expect(s.run(["lock-term", "--term", "1"], as: "ad", now: "2025-01-20").status == 0)
        let first = s.run(request + ["--to", "9", "--reason", "Cộng sai điểm bài cuối kì", "--evidence", "Bài kiểm tra gốc", "--format", "json"],
                          as: "gv.toan", now: "2025-01-21")
        #expect(first.status == 0, "\(first)")
        #expect(json(first)["id"] as? Int == 1 && json(first)["status"] as? String == "pending", "\(first)")
        // Refusals: not an enterer, a column the subject lacks, a bad score, the value it has, no reason.
        let eighth = ["request-fix", "--class", "8A1", "--subject", "cong-nghe", "--term", "1", "--student", "B1"]
        #expect(s.run(request + ["--to", "9", "--reason", "x"], as: "gv.cn", now: "2025-01-21").status == 77)
        #expect(s.run(eighth + ["--column", "tx4", "--to", "7", "--reason", "x"], as: "gv.cn", now: "2025-01-21").status == 65)
        #expect(s.run(eighth + ["--column", "tx3", "--to", "7", "--reason", "x"], as: "gv.cn", now: "2025-01-21").status == 0)
        #expect(s.run(request + ["--to", "11", "--reason", "x"], as: "gv.toan", now: "2025-01-21").status == 65)
        #expect(s.run(request + ["--clear", "--reason", "x"], as: "gv.toan", now: "2025-01-21").status == 65)
        #expect(s.run(request + ["--to", "9"], as: "gv.toan", now: "2025-01-21").status == 64)
        #expect(s.run(fixRequest(student: "ZZ9") + ["--to", "9", "--reason", "x"], as: "gv.toan", now: "2025-01-21").status == 66)
        // A vice-principal who teaches files request 3 and may not approve it; nor may a teacher decide.
        let own = s.run(fixRequest(column: "gk") + ["--to", "7,5", "--reason", "Nhập thiếu"], as: "pht", now: "2025-01-21")
        #expect(own.status == 0 && own.stdout.contains("request 3"), "\(own)")
        let selfApproval = s.run(["approve-fix", "3"], as: "pht", now: "2025-01-22")
        #expect(selfApproval.status == 77 && selfApproval.stderr.contains("own request"), "\(selfApproval)")
        #expect(s.run(["approve-fix", "1"], as: "gv.toan", now: "2025-01-22").status == 77)
        #expect(s.run(["approve-fix", "1"], as: "ad", now: "2025-01-22").status == 77)
        #expect(s.run(["approve-fix", "99"], as: "ht", now: "2025-01-22").status == 66)
        #expect(s.run(["approve-fix", "1", "--witness", "nobody"], as: "ht", now: "2025-01-22").status == 66)
        let approved = s.run(["approve-fix", "1", "--witness", "ad,cn.6a1"], as: "pht", now: "2025-01-22")
        #expect(approved.status == 0, "\(approved)")
        #expect(approved.stdout.contains("sodiem --data \(s.data) print-fix-record 1 --out"), "the hint runs as printed: \(approved)")
        #expect(score(s, "6A1", "A1", "toan", term: 1, "ck") as? Double == 9.0)
        #expect(isLocked(s, term: 1, "6A1"), "approval leaves the term locked")
        let twice = s.run(["approve-fix", "1"], as: "ht", now: "2025-01-22")
        #expect(twice.status == 65 && twice.stderr.contains("already approved"), "\(twice)")
        #expect(s.run(["reject-fix", "1", "--reason", "x"], as: "ht", now: "2025-01-22").status == 65)
        #expect(s.run(["reject-fix", "3"], as: "ht", now: "2025-01-22").status == 64)
        #expect(s.run(["reject-fix", "3", "--reason", "Không có minh chứng"], as: "ht", now: "2025-01-22").status == 0)
        #expect(score(s, "6A1", "A1", "toan", term: 1, "gk") == nil)
        // fixes: the board and admins see all; a teacher sees only their own.
        let all = json(s.run(["fixes", "--format", "json"], as: "ad"))["fixes"] as? [[String: Any]] ?? []
        #expect(all.map { $0["id"] as? Int } == [1, 2, 3])
        #expect(all.map { $0["status"] as? String } == ["approved", "pending", "rejected"])
        #expect(all.first?["to"] as? Double == 9.0 && all.first?["from"] is NSNull)
        #expect(all.first?["witnesses"] as? [String] == ["ad", "cn.6a1"])
        let mine = json(s.run(["fixes", "--format", "json"], as: "gv.toan"))["fixes"] as? [[String: Any]] ?? []
        #expect(mine.map { $0["id"] as? Int } == [1])
        let pending = json(s.run(["fixes", "--status", "pending", "--format", "json"], as: "ht"))["fixes"] as? [[String: Any]] ?? []
        #expect(pending.map { $0["id"] as? Int } == [2])
        #expect(s.run(["fixes", "--status", "maybe"], as: "ht").status == 64)
        #expect(s.run(["verify"], as: "ad").status == 0)
    }

    @Test("a request whose score changed after it was filed is stale and cannot be approved")
    func staleRequest() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["lock-term", "--term", "1"], as: "ad", now: "2025-01-20").status == 0)
        #expect(s.run(request + ["--to", "9", "--reason", "Cộng sai"], as: "gv.toan", now: "2025-01-21").status == 0)
        let second = s.run(request + ["--to", "8,5", "--reason", "Cộng sai lần nữa"], as: "gv.toan", now: "2025-01-21")
        #expect(second.status == 0 && second.stderr.contains("still pending"), "\(second)")
        #expect(s.run(["approve-fix", "1"], as: "ht", now: "2025-01-22").status == 0)
        let before = s.dataState()
        let stale = s.run(["approve-fix", "2"], as: "ht", now: "2025-01-22")
        #expect(stale.status == 65 && stale.stderr.contains("stale") && stale.stderr.contains("new request"), "\(stale)")
        #expect(s.dataState() == before, "a refused approval changes nothing")
        #expect(score(s, "6A1", "A1", "toan", term: 1, "ck") as? Double == 9.0)
        #expect(s.run(["reject-fix", "2", "--reason", "Đề nghị cũ"], as: "ht", now: "2025-01-22").status == 0)
        #expect(s.run(["verify"], as: "ad").status == 0)
    }

    @Test("print-fix-record: motto, people, values with the decimal comma, witnesses, audit position")
    func record() throws {
        let s = Sodiem.smallSchool()
        #expect(s.run(["lock-term", "--term", "1"], as: "ad", now: "2025-01-20").status == 0)
        #expect(s.run(request + ["--to", "8,5", "--reason", "Cộng sai <điểm> & \"nhầm\"", "--evidence", "Bài kiểm tra gốc"],
                      as: "gv.toan", now: "2025-01-21").status == 0)
        #expect(s.run(["approve-fix", "1", "--witness", "ad", "--witness", "cn.6a1"], as: "ht", now: "2025-01-22").status == 0)
        let out = s.folder.appendingPathComponent("bien-ban-1.html").path
        let printed = s.run(["print-fix-record", "1", "--out", out], as: "gv.toan", now: "2025-01-22")
        #expect(printed.status == 0, "\(printed)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        for text in ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TRƯỜNG THCS THỬ NGHIỆM",
                     "BIÊN BẢN SỬA CHỮA ĐIỂM", "Số: 1/BB-SĐ", "ngày 22 tháng 01 năm 2025",
                     "Giáo Viên Toán", "Hiệu Trưởng Thử", "Quản Trị Viên", "Chủ Nhiệm Sáu", "Trần Văn Bảo", "A1", "6A1",
                     "Toán", "Học kì I", "Đánh giá cuối kì (CK)", "(trống)", "8,5", "Bài kiểm tra gốc", "Đồng ý sửa",
                     "Cộng sai &lt;điểm&gt; &amp; &quot;nhầm&quot;", "@page { size: A4", "Noto Serif", "DejaVu Serif"] {
            #expect(html.contains(text), "the record lacks \(text)")
        }
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://") && !html.contains("<điểm>"))
        // The footer anchors the paper: the last event and its hash, as verify reports them.
        let verify = s.run(["verify"], as: "ad")
        #expect(verify.status == 0)
        let last = try #require(verify.stdout.split(separator: "\n").last { $0.contains("Last event #") })
        let words = last.split(separator: " ")
        let seq = try #require(words.firstIndex { $0.hasPrefix("#") }.map { String(words[$0].dropFirst()) })
        let hash = String(words.last!).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        #expect(hash.count == 16)
        #expect(html.contains("sự kiện số \(seq), mã băm \(hash)"), "footer: \(seq) \(hash)")
        // Who may print it: the requester, the board, admins; not another teacher.
        #expect(s.run(["print-fix-record", "1"], as: "gv.cn").status == 77)
        #expect(s.run(["print-fix-record", "1"], as: "pht").status == 0)
        #expect(s.run(["print-fix-record", "2"], as: "ad").status == 66)
    }
}
