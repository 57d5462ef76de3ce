import Foundation
import Testing
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore

extension Sodiem {
    /// Appends a forged event after the last line with a recomputed `prev`, exactly as sodiem writes lines.
    func forge(by: String, as acting: String? = nil, at: String, action: Action, _ body: [String: JSON]) -> Int {
        let lines = logLines()
        let last = lines.last!
        let event = AuditEvent(seq: lines.count + 1, at: at, by: by, actingAs: acting, now: nil, action: action,
                               body: body, prev: SHA256.hexString(SHA256.hash(last)))
        appendToData("audit.log", Data(event.line() + [0x0A]))
        return lines.count + 1
    }

    /// A score.set body for 6A1 toan term 1.
    static func scoreBody(student: String = "A1", column: String = "tx1", old: JSON = .null, new: JSON) -> [String: JSON] {
        ["year": .string("2024-2025"), "class": .string("6A1"), "subject": .string("toan"), "term": .int(1),
         "student": .string(student), "column": .string(column), "old": old, "new": new, "late": .bool(false)]
    }
}

@Suite("verify replays the rules and reports every finding", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct ReplayRulesTests {
    @Test func forgedLineByAnUnknownAccountIn1999IsFound() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["verify"], as: "ad").status == 0)
        let line = s.forge(by: "ke.gian", at: "1999-01-01T08:00:00+07:00", action: .scoreSet, Sodiem.scoreBody(new: .number("9.0")))
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("audit.log line \(line)") && run.stderr.contains("ke.gian") && run.stderr.contains("did not exist"), "\(run)")
        #expect(run.stderr.contains("goes back"), "the 1999 date: \(run)")
    }

    @Test func forgedLineIntoALockedTermWithAWrongOldIsFound() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1", "--score", "5"],
                      as: "gv.toan", now: "2024-10-01").status == 0)
        #expect(s.run(["lock-term", "--term", "1"], as: "ad", now: "2025-01-20").status == 0)
        let at = String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25)
        let line = s.forge(by: "gv.toan", at: String(at), action: .scoreSet, Sodiem.scoreBody(old: .number("4.0"), new: .number("9.0")))
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("audit.log line \(line)") && run.stderr.contains("locked"), "\(run)")
        #expect(run.stderr.contains("old value of A1 tx1"), "\(run)")
        #expect(!run.stderr.contains("goes back"), "\(run)")
    }

    /// Attendance forged into a locked term: named, with its line.
    @Test func forgedAttendanceIntoALockedTermIsFound() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["lock-term", "--term", "1"], as: "ad", now: "2025-01-20").status == 0)
        #expect(s.run(["lock-term", "--term", "2"], as: "ad", now: "2025-06-10").status == 0)
        #expect(s.run(["verify"], as: "ad").status == 0)
        let at = { String(String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25)) }
        let entry: JSON = .object(["student": .string("A1"), "date": .string("2024-10-01"), "session": .string("sang"),
                                   "excused": .bool(false), "absent": .bool(true)])
        let attendance = s.forge(by: "cn.6a1", at: at(), action: .attendanceSet,
                                 ["year": .string("2024-2025"), "class": .string("6A1"), "entries": .array([entry])])
        let first = s.run(["verify"], as: "ad")
        #expect(first.status == 65 && first.stderr.contains("audit.log line \(attendance)") && first.stderr.contains("attendance of term 1"), "\(first)")
    }

    @Test func forgedCommentIntoASealedYearIsFound() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["lock-term", "--term", "1"], as: "ad", now: "2025-01-20").status == 0)
        #expect(s.run(["lock-term", "--term", "2"], as: "ad", now: "2025-06-10").status == 0)
        let sealed = s.run(["year", "close", "2024-2025"], as: "ad", now: "2025-06-11")
        #expect(sealed.status == 0, "\(sealed)")
        #expect(s.run(["verify", "--full"], as: "ad").status == 0)
        let at = { String(String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25)) }
        let comment = s.forge(by: "cn.6a1", at: at(), action: .commentSet,
                              ["year": .string("2024-2025"), "class": .string("6A1"), "student": .string("A1"), "text": .string("Chăm ngoan")])
        let second = s.run(["verify", "--full"], as: "ad")
        #expect(second.status == 65 && second.stderr.contains("audit.log line \(comment)") && second.stderr.contains("sealed"), "\(second)")
    }

    /// A teacher who added admin to their roles in users.json, used --as the principal, then put users.json back.
    @Test func selfPromotionThroughUsersJSONIsFound() {
        let s = Sodiem.smallSchool()
        let original = s.dataFile("users.json")!
        let at = String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25)
        let line = s.forge(by: "gv.toan", as: "ht", at: String(at), action: .termUnlock,
                           ["year": .string("2024-2025"), "term": .int(1), "class": .null, "order": .string("x"), "until": .string("2025-02-01")])
        s.overwriteData("users.json", original)
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("audit.log line \(line)") && run.stderr.contains("--as"), "\(run)")
    }

    @Test func twoIndependentTamperingsAreBothNamed() {
        let s = Sodiem.smallSchool()
        var users = String(decoding: s.dataFile("users.json")!, as: UTF8.self)
        users = users.replacingOccurrences(of: "Giáo Viên Toán", with: "Giáo Viên Toán Giả")
        s.overwriteData("users.json", Data(users.utf8))
        let line = s.forge(by: "ke.gian", at: "2030-01-01T08:00:00+07:00", action: .scoreSet, Sodiem.scoreBody(new: .number("9.0")))
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("users.json"), "\(run)")
        #expect(run.stderr.contains("audit.log line \(line)"), "\(run)")
    }
}

/// Personal acts with real OS logins: an account that is teacher and admin cannot approve its own request as the principal.
@Suite("Personal acts are never done in another's name", .serialized, .enabled(if: Sodiem.canSwitchUsers, "needs root, useradd and runuser"))
struct PersonalActsTests {
    @Test func selfApprovalThroughAsIsRefused() throws {
        let login = "sdp\(String(UUID().uuidString.prefix(6)).lowercased())"
        Sodiem.system("/usr/sbin/useradd", ["-M", "-N", "-s", "/bin/sh", login])
        defer { Sodiem.system("/usr/sbin/userdel", [login]) }
        let s = Sodiem.smallSchool()
        let binary = s.sharedBinary()
        #expect(s.run(["user", "add", "qt.gv", "--name", "Quản Trị Dạy Toán", "--role", "teacher,admin", "--os-user", login], now: "2024-09-11").status == 0)
        #expect(s.run(["assign", "--subject", "toan", "--classes", "6A1", "--enterers", "gv.toan,qt.gv", "--lead", "gv.toan"], as: "ad", now: "2024-09-11").status == 0)
        #expect(s.run(["lock-term", "--term", "1"], as: "ad", now: "2025-01-20").status == 0)
        Sodiem.system("/usr/bin/chown", ["-R", login, s.data])
        func runAs(_ arguments: [String], as user: String? = nil) -> Sodiem.Run {
            s.start(arguments, as: user, launcher: ["/usr/sbin/runuser", "-u", login, "--"], binary: binary).wait()
        }
        let request = runAs(["request-fix", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1",
                             "--column", "tx1", "--to", "8", "--reason", "nhập nhầm"])
        #expect(request.status == 0, "\(request)")
        let before = s.logLines().count
        let approve = runAs(["approve-fix", "1"], as: "ht")
        #expect(approve.status == 77, "\(approve)")
        #expect(runAs(["reject-fix", "1", "--reason", "không"], as: "ht").status == 77)
        #expect(runAs(["unlock-term", "--term", "1", "--order", "x"], as: "ht").status == 77)
        #expect(s.logLines().count == before)
        // Root may act for the principal; and the log saying otherwise is found by verify.
        #expect(s.run(["approve-fix", "1"], as: "ht").status == 0)
        #expect(s.run(["verify"], as: "ad").status == 0)
        let at = String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25)
        let line = s.forge(by: "qt.gv", as: "ht", at: String(at), action: .termUnlock,
                           ["year": .string("2024-2025"), "term": .int(1), "class": .null, "order": .string("x"), "until": .string("2025-02-01")])
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65 && run.stderr.contains("audit.log line \(line)") && run.stderr.contains("personal act"), "\(run)")
    }
}

@Suite("Witnesses: head and verify --witness", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct WitnessTests {
    @Test func headPrintsTheLastEvent() throws {
        let s = Sodiem.smallSchool()
        let run = s.run(["head", "--format", "json"], as: "ad")
        #expect(run.status == 0, "\(run)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["seq"] as? Int == s.logLines().count)
        #expect(json["hash"] as? String == SHA256.hexString(SHA256.hash(s.logLines().last!)))
        #expect((json["at"] as? String)?.isEmpty == false)
        #expect(s.run(["head"], as: "gv.toan").status == 77)
    }

    /// remind writes the witness message on every run, even when nothing is due, and stdout stays silent.
    @Test func remindMailsTheWitnessEveryDay() throws {
        let s = Sodiem.smallSchool()
        let outbox = s.folder.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        // 1 September: before the year has anything due.
        let run = s.run(["remind", "--date", "2024-08-01", "--outbox", outbox.path, "--witness-to", "so-gd@example.org"], as: "cron", now: "2024-08-01")
        #expect(run.status == 0 && run.stdout.isEmpty, "\(run)")
        let names = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        let witness = try #require(names.first { $0.contains("witness") }, "\(names)")
        let mail = String(decoding: FileManager.default.contents(atPath: outbox.appendingPathComponent(witness).path)!, as: UTF8.self)
        let hash = SHA256.hexString(SHA256.hash(s.logLines().last!))
        #expect(mail.contains("To: so-gd@example.org") && mail.contains("\(s.logLines().count) \(hash)"), "\(mail)")
        // The message's line is a witness verify reads.
        let file = s.file("from-mail.txt", mail.split(separator: "\n").filter { $0.hasPrefix("\(s.logLines().count) ") }.joined(separator: "\n") + "\n")
        #expect(s.run(["verify", "--witness", file], as: "ad").status == 0)
        #expect(s.run(["remind", "--witness-to", "x@example.org"], as: "cron").status == 64)
        #expect(s.run(["remind", "--outbox", outbox.path, "--witness-to", "a@b\r\nBcc: c@d"], as: "cron").status == 64)
    }

    /// A history rewritten in the middle, with the chain recomputed and every snapshot rebuilt:
    /// verify alone cannot tell; the witness can.
    @Test func rewrittenHistoryIsFoundByTheWitness() throws {
        let s = Sodiem.smallSchool()
        let head = s.run(["head"], as: "ad").stdout.split(separator: " ")
        let witness = s.file("witness.txt", "# mailed to the district\n\(head[0]) \(head[1].prefix(16))\n")
        #expect(s.run(["verify", "--witness", witness], as: "ad").status == 0)
        // Rewrite line 3 (an account's name), recompute every later prev, rebuild every snapshot.
        var events: [AuditEvent] = []
        for line in s.logLines() {
            guard case .success(let event) = AuditEvent.parse(line) else { Issue.record("unreadable line"); return }
            events.append(event)
        }
        events[2].body["user"] = events[2].body["user"].map { user -> JSON in
            guard case .object(var fields) = user else { return user }
            fields["name"] = .string("Hiệu Trưởng Giả")
            return .object(fields)
        }
        var previous = String(repeating: "0", count: 64)
        var bytes = Data()
        for index in events.indices {
            events[index].prev = previous
            let line = events[index].line()
            previous = SHA256.hexString(SHA256.hash(line))
            bytes.append(contentsOf: line + [0x0A])
        }
        s.overwriteData("audit.log", bytes)
        for path in ["sodiem.json", "users.json", "years"] { try? FileManager.default.removeItem(at: s.dataURL(path)) }
        let directory = DataDirectory(root: URL(fileURLWithPath: s.data))
        let world = World(directory: directory, readsFiles: false)
        var hash = String(repeating: "0", count: 64)
        for event in events {
            hash = SHA256.hexString(SHA256.hash(event.line()))
            try world.apply(event, hash: hash)
        }
        try world.writeDirty()
        #expect(String(decoding: s.dataFile("users.json")!, as: UTF8.self).contains("Hiệu Trưởng Giả"))
        let plain = s.run(["verify"], as: "ad")
        #expect(plain.status == 0, "the rewrite is consistent, so only a witness can find it: \(plain)")
        let witnessed = s.run(["verify", "--witness", witness], as: "ad")
        #expect(witnessed.status == 65, "\(witnessed)")
        #expect(witnessed.stderr.contains("witness.txt line 2") && witnessed.stderr.contains("rewritten"), "\(witnessed)")
        let malformed = s.file("bad-witness.txt", "12 abc\n")
        #expect(s.run(["verify", "--witness", malformed], as: "ad").status == 65)
    }
}

@Suite("Reads are scoped: particulars for the homeroom teacher, the board and admins only", .enabled(if: Sodiem.isRoot, "needs root for --as"))
struct ScopedReadTests {
    @Test func aSubjectTeacherSeesNamesNotParticulars() {
        let s = Sodiem.smallSchool()
        let teacher = s.run(["students", "--class", "6A1", "--format", "json"], as: "gv.toan")
        #expect(teacher.status == 0 && teacher.stdout.contains("Trần Văn Bảo"), "\(teacher)")
        #expect(!teacher.stdout.contains("ngay_sinh") && !teacher.stdout.contains("2013"), "\(teacher)")
        let homeroom = s.run(["students", "--class", "6A1", "--format", "json"], as: "cn.6a1")
        #expect(homeroom.stdout.contains("ngay_sinh") && homeroom.stdout.contains("2013"), "\(homeroom)")
        #expect(s.run(["students", "--class", "6A1", "--format", "json"], as: "ht").stdout.contains("ngay_sinh"))
        #expect(s.run(["print-ledger", "--class", "6A1", "--term", "1"], as: "gv.toan").status == 77)
        #expect(s.run(["print-transcript", "--student", "A1"], as: "gv.toan").status == 77)
        #expect(s.run(["print-transcript", "--student", "A1"], as: "cn.6a1").status == 0)
        #expect(s.run(["students", "--class", "8A1"], as: "gv.toan").status == 77)
    }
}
