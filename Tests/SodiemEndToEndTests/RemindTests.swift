import Foundation
import Testing

/// `remind` through a school year of the small school: items appear at their deadlines and go when the work is done.
@Suite("remind", .enabled(if: Sodiem.isRoot, "SODIEM_NOW and --as need root"))
struct RemindTests {
    func items(_ s: Sodiem, _ date: String, ahead: Int = 3) throws -> [[String: Any]] {
        let run = s.run(["remind", "--format", "json", "--ahead", "\(ahead)"], as: "cron", now: date)
        #expect(run.status == 0, "\(run)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["date"] as? String == date)
        return try #require(json["items"] as? [[String: Any]])
    }

    func find(_ items: [[String: Any]], kind: String, person: String, what: String?, className: String? = nil) -> [String: Any]? {
        items.first { $0["kind"] as? String == kind && $0["person"] as? String == person && $0["what"] as? String == what
            && (className == nil || $0["class"] as? String == className) }
    }

    @Test("a fresh school on 2024-09-06: nothing printed, exit 0; JSON has an empty list")
    func freshSchoolIsSilent() throws {
        let s = Sodiem.smallSchool()
        let text = s.run(["remind", "--date", "2024-09-06"], as: "ad", now: "2024-09-06")
        #expect(text.status == 0 && text.stdout.isEmpty && text.stderr.isEmpty, "\(text)")
        let json = s.run(["remind", "--date", "2024-09-06", "--format", "json"], as: "ad", now: "2024-09-06")
        #expect(json.stdout == "{\"date\":\"2024-09-06\",\"items\":[]}\n")
        // Only admins, the board and system accounts.
        #expect(s.run(["remind"], as: "gv.toan", now: "2024-09-06").status == 77)
        #expect(s.run(["remind", "--date", "06/09"], as: "ad", now: "2024-09-06").status == 64)
    }

    @Test("tx1 appears at its checkpoint, counts down as scores are entered, and goes; attendance, locks and reports too")
    func itemsComeAndGo() throws {
        let s = Sodiem.smallSchool()
        // Toán grade 6 has 4 tx in term I (2024-09-05…2025-01-11): tx1 planned 30/9, due at the 14/10 checkpoint.
        var list = try items(s, "2024-10-11")
        var tx1 = try #require(find(list, kind: "tx", person: "gv.toan", what: "tx1"), "\(list)")
        #expect(tx1["class"] as? String == "6A1" && tx1["subject"] as? String == "toan")
        #expect(tx1["due"] as? String == "2024-10-14" && tx1["missing"] as? Int == 3 && tx1["overdue"] as? Bool == false)
        // September's attendance was due on 30/9 for both classes of cn.6a1: overdue, listed first.
        let first = try #require(list.first)
        #expect(first["overdue"] as? Bool == true)
        #expect(find(list, kind: "attendance", person: "cn.6a1", what: "2024-09", className: "6A1")?["overdue"] as? Bool == true)
        // The start-of-year freeze (30/9) was not made: the admin is reminded.
        #expect(find(list, kind: "report", person: "ad", what: "chot-so-lieu-dau-nam") != nil)

        s.ok(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1", "--score", "8"],
             as: "gv.toan", now: "2024-10-15")
        list = try items(s, "2024-10-15")
        tx1 = try #require(find(list, kind: "tx", person: "gv.toan", what: "tx1"))
        #expect(tx1["missing"] as? Int == 2 && tx1["overdue"] as? Bool == true)

        s.ok(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--file",
              s.file("tx1.csv", "ma_hs,tx1\nA2,7\nA3,6,5\n".replacingOccurrences(of: "6,5", with: "\"6,5\""))], as: "gv.toan", now: "2024-10-16")
        s.ok(["attendance", "--class", "6A1", "--month", "2024-09", "--close"], as: "cn.6a1", now: "2024-10-16")
        s.ok(["snapshot", "--name", "chot-so-lieu-dau-nam"], as: "ad", now: "2024-10-16")
        list = try items(s, "2024-10-16")
        #expect(find(list, kind: "tx", person: "gv.toan", what: "tx1") == nil, "\(list)")
        #expect(find(list, kind: "attendance", person: "cn.6a1", what: "2024-09", className: "6A1") == nil)
        #expect(find(list, kind: "attendance", person: "cn.6a1", what: "2024-09", className: "8A1") != nil)
        #expect(find(list, kind: "report", person: "ad", what: "chot-so-lieu-dau-nam") == nil)
        // The progress report counts the late entries (tx1 entered after 14/10).
        let progress = s.ok(["report", "--kind", "progress", "--format", "json"], as: "ad", now: "2024-10-16").stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(progress.utf8)) as? [String: Any])
        let toan = try #require((json["assignments"] as? [[String: Any]])?.first { $0["subject"] as? String == "toan" })
        #expect(toan["entered"] as? Int == 3 && toan["late"] as? Int == 3 && toan["missing"] as? Int == 0 && toan["due"] as? Int == 3)
    }

    @Test("terms to lock: reminded after the lock date, gone once lock-term --due has run")
    func lockReminder() throws {
        let s = Sodiem.smallSchool()
        // Term I ends 11/1/2025, locks by itself after 18/1.
        var list = try items(s, "2025-01-16")
        let lock = try #require(find(list, kind: "lock", person: "ad", what: "term1"), "\(list)")
        #expect(lock["due"] as? String == "2025-01-18" && lock["overdue"] as? Bool == false && lock["missing"] as? Int == 2)
        list = try items(s, "2025-01-19")
        #expect(find(list, kind: "lock", person: "ad", what: "term1")?["overdue"] as? Bool == true)
        #expect(find(list, kind: "tx", person: "gv.toan", what: "tx4") != nil)
        // lock-term --due on the 18th does nothing (the date holds through the day); on the 19th it locks.
        s.ok(["lock-term", "--due"], as: "cron", now: "2025-01-18")
        #expect(s.dataFile("years/2024-2025/year.json").map { String(decoding: $0, as: UTF8.self).contains("\"locked\": true") } == false)
        s.ok(["lock-term", "--due"], as: "cron", now: "2025-01-19")
        list = try items(s, "2025-01-19")
        #expect(find(list, kind: "lock", person: "ad", what: "term1") == nil, "\(list)")
        // A locked term's scores can no longer be entered directly: no more reminders for them.
        #expect(!list.contains { $0["kind"] as? String == "tx" && ($0["due"] as? String ?? "") < "2025-01-12" })
        #expect(s.run(["verify"], as: "ad").status == 0)
    }

    @Test("--outbox: one RFC 5322 message per person, CRLF, encoded subject, To from the account")
    func outbox() throws {
        let s = Sodiem.smallSchool()
        s.ok(["user", "add", "gv.van", "--name", "Giáo Viên Văn", "--role", "teacher", "--email", "van@truong.example"], as: "ad", now: "2024-09-02")
        s.ok(["assign", "--subject", "ngu-van", "--classes", "6A1", "--enterers", "gv.van", "--lead", "gv.van"], as: "ad", now: "2024-09-02")
        let outbox = s.folder.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        let run = s.run(["remind", "--outbox", outbox.path], as: "cron", now: "2024-10-15")
        #expect(run.status == 0, "\(run)")
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path).sorted()
        #expect(files.contains("2024-10-15-gv.van.eml") && files.contains("2024-10-15-gv.toan.eml") && files.contains("2024-10-15-cn.6a1.eml"), "\(files)")
        let bytes = try #require(FileManager.default.contents(atPath: outbox.appendingPathComponent("2024-10-15-gv.van.eml").path))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF in the message")
        let (head, body) = { let parts = text.components(separatedBy: "\r\n\r\n"); return (parts[0], parts.dropFirst().joined()) }()
        #expect(head.contains("Date: Tue, 15 Oct 2024 00:00:00 +0700"))
        #expect(head.contains("To: van@truong.example") && head.contains("From: sodiem@localhost"))
        #expect(head.contains("Message-ID: <remind.2024-10-15.gv.van."))
        #expect(head.contains("MIME-Version: 1.0") && head.contains("Content-Type: text/plain; charset=UTF-8"))
        for line in head.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
        let subjectLines = head.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject: ") }.prefix { $0.hasPrefix("Subject: ") || $0.hasPrefix(" ") }
        var decoded = Data()
        for word in subjectLines.joined(separator: " ").dropFirst("Subject: ".count).split(separator: " ") {
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=") && word.count <= 75)
            decoded += try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
        }
        #expect(String(decoding: decoded, as: UTF8.self).hasPrefix("[sodiem] Nhắc việc ngày 15/10/2024"))
        #expect(body.contains("nhập điểm tx1 môn Ngữ văn lớp 6A1: còn thiếu 3 học sinh"))
        // No e-mail, no OS user: To is the id.
        let toan = String(decoding: FileManager.default.contents(atPath: outbox.appendingPathComponent("2024-10-15-gv.toan.eml").path)!, as: UTF8.self)
        #expect(toan.contains("To: gv.toan\r\n"))
        // Nothing due: nothing written.
        let empty = s.folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(s.run(["remind", "--outbox", empty.path], as: "cron", now: "2024-09-06").status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.path).isEmpty)
    }
}
