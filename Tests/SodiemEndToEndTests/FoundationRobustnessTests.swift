import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemRules
@testable import SodiemStore
@testable import SodiemCore

/// The foundation's promises, proven on the built binary: concurrent writers, crashes, hand edits.
@Suite("Foundation: concurrency and crashes", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct FoundationCrashTests {
    /// A class CSV of `count` made-up students whose ids start with `prefix`.
    static func roster(_ prefix: String, count: Int) -> String {
        let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
        let middle = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu"]
        let given = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lâm", "Mai", "Ngân", "Phúc", "Quân"]
        var text = "ma_hs,ho_ten,ngay_sinh,gioi_tinh\n"
        for i in 0..<count {
            let name = "\(family[i % family.count]) \(middle[i % middle.count]) \(given[i % given.count])"
            text += "\(prefix)\(String(format: "%05d", i)),\(name),\(String(format: "%02d", 1 + i % 28))/\(String(format: "%02d", 1 + i % 12))/2013,\(i % 2 == 0 ? "Nam" : "Nữ")\n"
        }
        return text
    }

    @Test("8 `user add` and 8 `class add` started together: all succeed, nothing is lost, verify passes")
    func concurrentWriters() throws {
        let s = Sodiem.smallSchool()
        let before = s.logLines().count
        let slow = ["SODIEM_LOCK_WAIT": "120"]
        var started: [Sodiem.Started] = []
        for i in 1...8 {
            started.append(s.start(["user", "add", "gv.song\(i)", "--name", "Giáo Viên Song \(i)", "--role", "teacher"], environment: slow))
            started.append(s.start(["class", "add", "7A\(i)", "--grade", "7"], as: "ad", environment: slow))
        }
        let runs = started.map { $0.wait() }
        for run in runs { #expect(run.status == 0, "\(run)") }
        let users = s.run(["user", "list"], as: "ad")
        for i in 1...8 { #expect(users.stdout.contains("gv.song\(i)"), "\(users)") }
        let classes = s.run(["class", "list"], as: "ad")
        for i in 1...8 { #expect(classes.stdout.contains("7A\(i)"), "\(classes)") }
        #expect(s.logLines().count == before + 16)
        let verify = s.run(["verify"], as: "ad")
        #expect(verify.status == 0, "\(verify)")
        // Every event number appears once: no two writers took the same seq.
        let seqs = s.logLines().compactMap { line -> Int? in
            guard case .success(let event) = AuditEvent.parse(line) else { return nil }
            return event.seq
        }
        #expect(seqs == Array(1...(before + 16)))
    }

    @Test("SIGKILL in the middle of a 2000-student import leaves all of it or none, and verify passes",
          arguments: [0.005, 0.03, 0.06, 0.1, 0.15, 0.25])
    func killedImport(delay: Double) throws {
        let s = Sodiem.smallSchool()
        #expect(s.run(["class", "add", "7A1", "--grade", "7"], as: "ad").status == 0)
        let csv = s.file("lon.csv", FoundationCrashTests.roster("K", count: 2000))
        let linesBefore = s.logLines().count
        let jitter = Double.random(in: 0...0.02)
        let started = s.start(["import-students", "--class", "7A1", "--file", csv], as: "ad")
        Thread.sleep(forTimeInterval: delay + jitter)
        started.signal(SIGKILL)
        _ = started.wait()
        let landed = s.logLines().count == linesBefore + 1
        #expect(s.logLines().count == linesBefore || landed)
        // A read shows the state of the log whatever the snapshots say.
        let ids = try #require(s.studentIDs("7A1"))
        #expect(ids.count == (landed ? 2000 : 0), "delay \(delay + jitter): \(ids.count) students, event landed: \(landed)")
        let verify = s.run(["verify"], as: "ad")
        #expect(verify.status == 0, "delay \(delay + jitter): \(verify)")
        #expect(s.studentIDs("7A1")?.count == (landed ? 2000 : 0))
        // The other class is untouched and the data directory still takes writes.
        #expect(s.studentIDs("6A1") == ["A2", "A1", "A3"])
        #expect(s.run(["class", "add", "7A2", "--grade", "7"], as: "ad").status == 0)
        #expect(s.run(["verify"], as: "ad").status == 0)
    }

    @Test("a complete event appended without its snapshot (crash after the append) is caught up by the next command")
    func eventWithoutSnapshot() throws {
        let s = Sodiem.smallSchool()
        let lines = s.logLines()
        // Copy the last user.add as a new account, with the next seq and the right prev.
        let template = try #require(lines.compactMap { line -> AuditEvent? in
            guard case .success(let e) = AuditEvent.parse(line), e.action == .userAdd else { return nil }
            return e
        }.last)
        var event = template
        event.seq = lines.count + 1
        event.prev = SHA256.hex(lines.last!)
        var user = event.body["user"]!.object!
        user["id"] = .string("gv.moi")
        user["name"] = .string("Giáo Viên Mới")
        user["os_user"] = .null
        event.body["user"] = .object(user)
        s.appendToData("audit.log", Data(event.line() + [0x0A]))
        let usersBefore = s.dataFile("users.json")!
        #expect(!String(decoding: usersBefore, as: UTF8.self).contains("gv.moi"))

        // A reader sees the event (in memory) without writing anything.
        let list = s.run(["user", "list"], as: "ad")
        #expect(list.status == 0 && list.stdout.contains("gv.moi"), "\(list)")
        #expect(s.dataFile("users.json") == usersBefore)

        // verify makes the repair, says so, and passes.
        let verify = s.run(["verify"], as: "ad")
        #expect(verify.status == 0, "\(verify)")
        #expect(verify.stderr.contains("users.json"), "verify should say what it brought up to the log: \(verify)")
        #expect(String(decoding: s.dataFile("users.json")!, as: UTF8.self).contains("gv.moi"))

        // The same window for a class event, repaired by an ordinary writer this time.
        // A real clock (`at` never goes back beyond the clock-skew allowance: docs/security.md).
        let classEvent = AuditEvent(seq: lines.count + 2, at: event.at, by: "root", actingAs: "ad", now: nil,
                                    action: .classAdd, body: ["year": .string("2024-2025"), "class": .string("9A1"),
                                                              "grade": .int(9), "homeroom": .null],
                                    prev: SHA256.hex(s.logLines().last!))
        s.appendToData("audit.log", Data(classEvent.line() + [0x0A]))
        let write = s.run(["class", "add", "9A2", "--grade", "9"], as: "ad")
        #expect(write.status == 0, "\(write)")
        #expect(write.stderr.contains("years/2024-2025/classes/9A1.json"), "\(write)")
        #expect(s.dataFile("years/2024-2025/classes/9A1.json") != nil)
        #expect(s.run(["verify"], as: "ad").status == 0)
    }

    @Test("a torn last line is set aside into audit.log.broken by the next writer; nothing complete is lost")
    func tornLine() throws {
        let s = Sodiem.smallSchool()
        let complete = s.logLines()
        let torn = Data(#"{"seq":\#(complete.count + 1),"at":"2024-09-12T07:00:00+07:00","by":"root","as":"ad","now":null,"act"#.utf8)
        s.appendToData("audit.log", torn)
        // A reader ignores the torn bytes and changes nothing.
        let state = s.dataState()
        #expect(s.run(["students", "--class", "6A1"], as: "ad").status == 0)
        #expect(s.dataState() == state)
        // The next writer sets it aside and appends after the last complete line.
        let write = s.run(["user", "add", "gv.sau", "--name", "Giáo Viên Sau", "--role", "teacher"])
        #expect(write.status == 0, "\(write)")
        #expect(write.stderr.contains("audit.log.broken"), "\(write)")
        #expect(s.dataFile("audit.log.broken") == torn + Data([0x0A]))
        let after = s.logLines()
        #expect(Array(after.prefix(complete.count)) == complete)
        #expect(after.count == complete.count + 1)
        #expect(s.run(["verify"], as: "ad").status == 0)

        // verify itself makes the repair and says what it repaired.
        s.appendToData("audit.log", Data("{\"seq\":".utf8))
        let verify = s.run(["verify"], as: "ad")
        #expect(verify.status == 0, "\(verify)")
        #expect(verify.stderr.contains("torn") && verify.stderr.contains("audit.log.broken"), "\(verify)")
        #expect(s.logLines().count == complete.count + 1)
    }
}

@Suite("Foundation: verify finds tampering", .enabled(if: Sodiem.isRoot, "needs root for --as"))
struct FoundationTamperTests {
    func verifyFails(_ s: Sodiem, naming words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65, "\(run)", sourceLocation: sourceLocation)
        for word in words { #expect(run.stderr.contains(word), "expected \"\(word)\" in: \(run.stderr)", sourceLocation: sourceLocation) }
    }

    @Test("a hand edit of a class file (a name changed) is found, naming the file")
    func editedClassFile() {
        let s = Sodiem.smallSchool()
        let path = "years/2024-2025/classes/6A1.json"
        let text = String(decoding: s.dataFile(path)!, as: UTF8.self)
        #expect(text.contains("Trần Văn Bảo"))
        s.overwriteData(path, Data(text.replacingOccurrences(of: "Trần Văn Bảo", with: "Trần Văn Báo").utf8))
        verifyFails(s, naming: [path])
    }

    @Test("a character changed in the middle of line 2 of the log is found, naming line 2")
    func editedLogLine() {
        let s = Sodiem.smallSchool()
        var lines = s.logLines()
        var line = [UInt8](lines[1])
        let middle = line.count / 2
        // Change a letter or digit in the middle to another of the same kind, so the line stays JSON.
        var index = middle
        while !(line[index] >= 0x61 && line[index] <= 0x7A) { index += 1 }
        line[index] = line[index] == 0x61 ? 0x62 : 0x61
        lines[1] = Data(line)
        s.overwriteData("audit.log", Data(lines.map { $0 + Data([0x0A]) }.joined()))
        verifyFails(s, naming: ["audit.log line 2"])
    }

    @Test("a line deleted from the log is found, naming the line")
    func deletedLogLine() {
        let s = Sodiem.smallSchool()
        var lines = s.logLines()
        lines.remove(at: 4)
        s.overwriteData("audit.log", Data(lines.map { $0 + Data([0x0A]) }.joined()))
        verifyFails(s, naming: ["audit.log line 5"])
    }

    @Test("the last line of the log edited is found (only the snapshots can tell), naming the line")
    func editedLastLine() {
        let s = Sodiem.smallSchool()
        var lines = s.logLines()
        let last = String(decoding: lines.removeLast(), as: UTF8.self)
        #expect(last.contains("Phan Văn Tám"))
        lines.append(Data(last.replacingOccurrences(of: "Phan Văn Tám", with: "Phan Văn Tâm").utf8))
        s.overwriteData("audit.log", Data(lines.map { $0 + Data([0x0A]) }.joined()))
        verifyFails(s, naming: ["years/2024-2025/classes/8A1.json", "line \(lines.count)"])
    }

    @Test("a log cut short (last lines truncated) is found, naming the file that claims more")
    func truncatedLog() {
        let s = Sodiem.smallSchool()
        let lines = s.logLines()
        let kept = Array(lines.dropLast(2))
        s.overwriteData("audit.log", Data(kept.map { $0 + Data([0x0A]) }.joined()))
        verifyFails(s, naming: ["cut short"])
        let run = s.run(["verify"], as: "ad")
        #expect(run.stderr.contains(".json"), "the message names a file: \(run)")
        // Every other command refuses too rather than showing a state the log cannot explain.
        #expect(s.run(["students", "--class", "8A1"], as: "ad").status == 65)
    }

    @Test("a log cut short by one line in the middle of a file's history is found")
    func truncatedOneLine() {
        let s = Sodiem.smallSchool()
        // Cut only the last line (the 8A1 import): 8A1.json claims it.
        let lines = s.logLines()
        s.overwriteData("audit.log", Data(lines.dropLast().map { $0 + Data([0x0A]) }.joined()))
        // The last event (the 8A1 import) touches year.json and 8A1.json: either is named.
        verifyFails(s, naming: ["years/2024-2025/", "cut short", "14"])
    }

    @Test("a snapshot file added by hand is found")
    func addedFile() {
        let s = Sodiem.smallSchool()
        s.overwriteData("years/2024-2025/classes/9A9.json", s.dataFile("years/2024-2025/classes/8A1.json")!)
        verifyFails(s, naming: ["years/2024-2025/classes/9A9.json"])
    }
}

@Suite("Foundation: bad input gets its exit code and a message", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct FoundationBadInputTests {
    func expect(_ run: Sodiem.Run, _ status: Int32, _ words: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == status, "\(run)", sourceLocation: sourceLocation)
        #expect(!run.stderr.isEmpty, "a message is expected: \(run)", sourceLocation: sourceLocation)
        for word in words { #expect(run.stderr.contains(word), "expected \"\(word)\" in: \(run.stderr)", sourceLocation: sourceLocation) }
    }

    @Test("usage errors: 64")
    func usage() {
        let s = Sodiem.smallSchool()
        expect(s.run(["frobnicate"]), 64, ["frobnicate"])
        expect(s.run(["frobnicate", "--class", "6A1"]), 64, ["Unknown command: frobnicate"])
        expect(s.run(["students", "--klass", "6A1"], as: "ad"), 64, ["--klass"])
        expect(s.run(["students"], as: "ad"), 64, ["--class"])
        expect(s.run(["class", "add", "9A1"], as: "ad"), 64, ["--grade"])
        expect(s.run(["user", "add", "x1", "--name"], as: "ad"), 64, ["--name"])
        expect(s.run(["students", "--class", "6A1", "--format", "yaml"], as: "ad"), 64, ["yaml"])
        expect(s.run(["students", "--class", "6A1"], as: "ad", now: "15/10/2024"), 64, ["SODIEM_NOW", "15/10/2024"])
        expect(s.run(["students", "--class", "6A1"], as: "ad", now: "2024-02-30"), 64, ["SODIEM_NOW"])
    }

    @Test("not found: 66 for a class, an account, an input file")
    func notFound() {
        let s = Sodiem.smallSchool()
        expect(s.run(["students", "--class", "9Z9"], as: "ad"), 66, ["9Z9"])
        expect(s.run(["import-students", "--class", "9A4", "--file", "x.csv"], as: "ad"), 66, ["9A4"])
        expect(s.run(["user", "disable", "khong.co"], as: "ad"), 66, ["khong.co"])
        expect(s.run(["class", "add", "9A1", "--grade", "9", "--homeroom", "khong.co"], as: "ad"), 66, ["khong.co"])
        expect(s.run(["students", "--class", "6A1"], as: "khong.co"), 66, ["khong.co"])
        expect(s.run(["assign", "--subject", "toan", "--classes", "6A12", "--enterers", "gv.toan", "--lead", "gv.toan"], as: "ad"), 66, ["6A2"])
        expect(s.run(["import-students", "--class", "6A1", "--file", s.folder.appendingPathComponent("khong-co.csv").path], as: "ad"),
               66, ["khong-co.csv"])
    }

    @Test("not initialised and no current year: 78")
    func notConfigured() {
        let s = Sodiem()
        expect(s.run(["class", "list"]), 78, [s.data])
        #expect(s.run(["init", "--school", "Trường THCS Đồi Thông"]).status == 0)
        expect(s.run(["class", "add", "6A1", "--grade", "6"]), 78, ["year create"])
        expect(s.run(["students", "--class", "6A1"]), 78, ["current"])
        expect(s.run(["init", "--school", "Trường Khác"]), 73, ["already"])
    }

    @Test("init refuses a folder that holds other files (73) and creates a missing one")
    func initFolder() {
        let s = Sodiem()
        s.file("data/ghi-chu.txt", "không phải dữ liệu sodiem\n")
        expect(s.run(["init", "--school", "Trường THCS Đồi Thông"]), 73, ["ghi-chu.txt"])
        #expect(s.dataFile("audit.log") == nil)
        let deep = s.folder.appendingPathComponent("a/b/data").path
        #expect(s.run(["init", "--school", "Trường THCS Đồi Thông"], data: deep).status == 0)
    }

    @Test("--out into a missing folder: 73, nothing written")
    func outputFolderMissing() {
        let s = Sodiem.smallSchool()
        let out = s.folder.appendingPathComponent("khong-co/ds.txt").path
        expect(s.run(["students", "--class", "6A1", "--out", out], as: "ad"), 73, ["khong-co"])
        #expect(!FileManager.default.fileExists(atPath: out))
        let good = s.folder.appendingPathComponent("ds.json").path
        #expect(s.run(["students", "--class", "6A1", "--out", good], as: "ad").status == 0)
        #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: good)))) != nil)
    }

    @Test("bad student files: 65 naming the line, all rows or none")
    func badCSV() {
        let s = Sodiem.smallSchool()
        let state = s.dataState()
        func check(_ name: String, _ text: String, _ words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
            let path = s.file(name, text)
            let run = s.run(["import-students", "--class", "6A1", "--file", path], as: "cn.6a1")
            expect(run, 65, [name] + words, sourceLocation: sourceLocation)
            #expect(s.dataState() == state, "a failed import changed the data", sourceLocation: sourceLocation)
        }
        check("quote.csv", "ma_hs,ho_ten\nA7,Ngô Văn Hải\nA8,\"Lý Thị Hoa\nA9,Mai Văn Khoa\n", ["line 3"])
        check("no-name.csv", "ma_hs,ngay_sinh\nA7,01/01/2013\n", ["ho_ten"])
        check("no-id.csv", "Họ và tên\nNgô Văn Hải\n", ["ma_hs"])
        check("date.csv", "ma_hs,ho_ten,ngay_sinh\nA7,Ngô Văn Hải,01/01/2013\nA8,Lý Thị Hoa,31/02/2013\n", ["line 3", "31/02/2013"])
        check("date2.csv", "ma_hs,ho_ten,ngay_sinh\nA7,Ngô Văn Hải,2013-01-01x\n", ["line 2"])
        check("dup.csv", "ma_hs,ho_ten\nA7,Ngô Văn Hải\nA8,Lý Thị Hoa\nA7,Ngô Văn Hải\n", ["line 4", "A7", "line 2"])
        check("moved.csv", "ma_hs,ho_ten\nA7,Ngô Văn Hải\nB1,Phan Văn Tám\n", ["line 3", "B1", "8A1"])
        check("sex.csv", "ma_hs,ho_ten,gioi_tinh\nA7,Ngô Văn Hải,X\n", ["line 2", "Nam"])
        check("id.csv", "ma_hs,ho_ten\n../../etc,Ngô Văn Hải\n", ["line 2"])
        // Several bad rows: every one is reported.
        check("many.csv", "ma_hs,ho_ten,ngay_sinh\nA7,Ngô Văn Hải,31/02/2013\nA8,,01/01/2013\nA9,Mai Văn Khoa,01/13/2013\n",
              ["line 2", "line 3", "line 4"])
        let xlsx = s.folder.appendingPathComponent("hs.xlsx")
        try! Data([0x50, 0x4B, 0x03, 0x04, 0, 0]).write(to: xlsx)
        expect(s.run(["import-students", "--class", "6A1", "--file", xlsx.path], as: "cn.6a1"), 65, ["CSV"])
        #expect(s.dataState() == state)
    }

    @Test("--dry-run reports and writes nothing; unknown columns are named in a warning")
    func dryRun() {
        let s = Sodiem.smallSchool()
        let state = s.dataState()
        let path = s.file("moi.csv", "ma_hs;ho_ten;Sở thích\r\nA7;Ngô Văn Hải;cờ vua\r\nA1;Trần Văn Bảo Mới;\r\n")
        let run = s.run(["import-students", "--class", "6A1", "--file", path, "--dry-run"], as: "cn.6a1")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("1 added") && run.stdout.contains("1 updated"), "\(run)")
        #expect(run.stderr.contains("Sở thích"), "\(run)")
        #expect(s.dataState() == state)
        #expect(s.run(["import-students", "--class", "6A1", "--file", path], as: "cn.6a1").status == 0)
        #expect(s.studentIDs("6A1")?.count == 4)
    }

    @Test("the lock held longer than SODIEM_LOCK_WAIT: 75 naming the holder")
    func busy() throws {
        let s = Sodiem.smallSchool()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [s.dataURL(".lock").path, "sleep", "6"]
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        Thread.sleep(forTimeInterval: 0.5)
        let started = Date()
        let write = s.run(["class", "add", "9A1", "--grade", "9"], as: "ad", environment: ["SODIEM_LOCK_WAIT": "1"])
        expect(write, 75, ["busy", "pid \(holder.processIdentifier)", "SODIEM_LOCK_WAIT"])
        #expect(Date().timeIntervalSince(started) < 5)
        // flock(1) takes an exclusive lock: readers wait too.
        expect(s.run(["students", "--class", "6A1"], as: "ad", environment: ["SODIEM_LOCK_WAIT": "0.5"]), 75, ["busy"])
        // A sodiem writer holding the lock is named by account and command.
        holder.terminate()
        holder.waitUntilExit()
        // Under the 20,000-row limit of a table, and big enough that checking it holds the lock a while.
        let hold = s.start(["import-students", "--class", "6A1", "--file", s.file("l.csv", FoundationCrashTests.roster("L", count: 19_000))],
                           as: "ad")
        defer { hold.signal(SIGKILL); _ = hold.wait() }
        var text = ""
        for _ in 0..<20_000 where !text.contains("import-students") {
            text = String(decoding: s.dataFile(".lock") ?? Data(), as: UTF8.self)
            if !text.contains("import-students") { Thread.sleep(forTimeInterval: 0.001) }
        }
        try #require(text.contains("import-students"), "the importer never named itself in .lock: \(text)")
        // Stopped while it holds the lock, the importer cannot finish before the next command asks.
        hold.signal(SIGSTOP)
        let stillHeld = String(decoding: s.dataFile(".lock") ?? Data(), as: UTF8.self)
        try #require(stillHeld.contains("import-students"), "the importer finished before it could be stopped")
        let blocked = s.run(["class", "add", "9A2", "--grade", "9"], as: "ad", environment: ["SODIEM_LOCK_WAIT": "0"])
        hold.signal(SIGCONT)
        expect(blocked, 75, ["ad (import-students)"])
    }

    @Test("root acts as root; --as and SODIEM_NOW are recorded as `as` and `now`; absent ones are null")
    func recorded() throws {
        let s = Sodiem.smallSchool()
        #expect(s.run(["user", "add", "gv.ghi", "--name", "Giáo Viên Ghi", "--role", "teacher"]).status == 0)
        #expect(s.run(["user", "add", "gv.ghi2", "--name", "Giáo Viên Ghi Hai", "--role", "teacher"], as: "ad", now: "2024-10-15").status == 0)
        let json = s.run(["log", "--format", "json"], as: "ad")
        let lines = json.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let plain = try #require(lines.first { ($0["user"] as? [String: Any])?["id"] as? String == "gv.ghi" })
        #expect(plain["by"] as? String == "root")
        #expect(plain["as"] is NSNull && plain["now"] is NSNull)
        let acted = try #require(lines.first { ($0["user"] as? [String: Any])?["id"] as? String == "gv.ghi2" })
        #expect(acted["by"] as? String == "root" && acted["as"] as? String == "ad")
        #expect(acted["now"] as? String == "2024-10-15T00:00:00+07:00")
        // The text log shows who acted for whom.
        #expect(s.run(["log"], as: "ad").stdout.contains("root→ad"))
    }
}

/// Real OS logins: needs root with useradd and runuser. Serialized: useradd locks /etc/passwd.
@Suite("Foundation: OS logins", .serialized, .enabled(if: Sodiem.canSwitchUsers, "needs root, useradd and runuser"))
struct FoundationLoginTests {
    /// Creates OS users (and optionally a group holding them) for one test, removed by `cleanUp`.
    struct Logins {
        let names: [String]
        let group: String?

        init(count: Int, group: Bool) {
            let tag = String(UUID().uuidString.prefix(6)).lowercased()
            names = (1...count).map { "sdt\(tag)u\($0)" }
            self.group = group ? "sdt\(tag)g" : nil
            if let groupName = self.group { Sodiem.system("/usr/sbin/groupadd", [groupName]) }
            for name in names {
                var arguments = ["-M", "-N", "-s", "/bin/sh"]
                if let groupName = self.group { arguments += ["-g", groupName] }
                for _ in 0..<5 where Sodiem.system("/usr/sbin/useradd", arguments + [name]).status != 0 {
                    Thread.sleep(forTimeInterval: 0.2)
                }
            }
        }

        func cleanUp() {
            for name in names { Sodiem.system("/usr/sbin/userdel", [name]) }
            if let group { Sodiem.system("/usr/sbin/groupdel", [group]) }
        }
    }

    func runAs(_ s: Sodiem, _ login: String, _ arguments: [String], binary: String, as user: String? = nil,
               now: String? = nil) -> Sodiem.Run {
        s.start(arguments, as: user, now: now, launcher: ["/usr/sbin/runuser", "-u", login, "--"], binary: binary).wait()
    }

    @Test("init --admin by a plain login makes it the first admin; unregistered logins, --as and SODIEM_NOW by a teacher: 77")
    func identity() throws {
        let logins = Logins(count: 3, group: false)
        defer { logins.cleanUp() }
        let s = Sodiem()
        let binary = s.sharedBinary()
        let (admin, teacher, stranger) = (logins.names[0], logins.names[1], logins.names[2])
        // The admin's own folder for the data (root made it and gave it away, as an admin would ask).
        try FileManager.default.createDirectory(atPath: s.data, withIntermediateDirectories: true)
        #expect(Sodiem.system("/usr/bin/chown", [admin, s.data]).status == 0)
        // The first admin owns the data directory it creates.
        let first = runAs(s, admin, ["init", "--school", "Trường THCS Đồi Thông", "--admin", "qt.lan", "--name", "Lưu Thị Lan"], binary: binary)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("qt.lan") && first.stdout.contains(admin), "\(first)")
        let initLine = try #require(s.logLines().first)
        guard case .success(let initEvent) = AuditEvent.parse(initLine) else { Issue.record("bad first line"); return }
        #expect(initEvent.by == "qt.lan")
        #expect(initEvent["admin"]["os_user"].string == admin)
        // The admin works under its login, with --as and SODIEM_NOW allowed.
        #expect(runAs(s, admin, ["user", "add", "gv.hoa", "--name", "Đỗ Thị Hoa", "--role", "teacher", "--os-user", teacher],
                      binary: binary).status == 0)
        #expect(runAs(s, admin, ["year", "create", "2024-2025", "--current"], binary: binary, now: "2024-08-20").status == 0)
        let acted = runAs(s, admin, ["class", "add", "6A1", "--grade", "6", "--homeroom", "gv.hoa"], binary: binary, as: "qt.lan")
        #expect(acted.status == 0, "\(acted)")
        guard case .success(let yearEvent) = AuditEvent.parse(s.logLines()[2]) else { Issue.record("bad line 3"); return }
        #expect(yearEvent.by == "qt.lan" && yearEvent.now == "2024-08-20T00:00:00+07:00")

        // A login nobody registered: 77 naming it, before anything is read.
        let unknown = runAs(s, stranger, ["students", "--class", "6A1"], binary: binary)
        #expect(unknown.status == 77, "\(unknown)")
        #expect(unknown.stderr.contains("\"\(stranger)\"") && unknown.stderr.contains("--os-user \(stranger)"), "\(unknown)")
        // The teacher: its own class is fine; --as and SODIEM_NOW are not.
        let own = runAs(s, teacher, ["students", "--class", "6A1"], binary: binary)
        #expect(own.status == 0, "\(own)")
        let asOther = runAs(s, teacher, ["students", "--class", "6A1"], binary: binary, as: "qt.lan")
        #expect(asOther.status == 77 && asOther.stderr.contains("--as"), "\(asOther)")
        let clock = runAs(s, teacher, ["students", "--class", "6A1"], binary: binary, now: "2024-10-15")
        #expect(clock.status == 77 && clock.stderr.contains("SODIEM_NOW"), "\(clock)")
        let badClock = runAs(s, teacher, ["students", "--class", "6A1"], binary: binary, now: "hôm qua")
        #expect(badClock.status == 77, "SODIEM_NOW is refused to a teacher whatever its value: \(badClock)")
        let setUp = runAs(s, teacher, ["class", "add", "6A2", "--grade", "6"], binary: binary)
        #expect(setUp.status == 77, "\(setUp)")
        // A second init by anyone: refused, nothing changed.
        #expect(runAs(s, stranger, ["init", "--school", "X", "--admin", "x", "--name", "X"], binary: binary).status != 0)
        #expect(s.run(["verify"]).status == 0)
    }

    @Test("two logins of one group both write to a group-shared data directory; modes and group are kept")
    func sharedGroup() throws {
        let logins = Logins(count: 2, group: true)
        defer { logins.cleanUp() }
        let group = try #require(logins.group)
        let s = Sodiem()
        let binary = s.sharedBinary()
        #expect(s.run(["init", "--school", "Trường THCS Đồi Thông"]).status == 0)
        let steps: [[String]] = [
            ["user", "add", "gv.mot", "--name", "Giáo Viên Một", "--role", "teacher,admin", "--os-user", logins.names[0]],
            ["user", "add", "gv.hai", "--name", "Giáo Viên Hai", "--role", "teacher,admin", "--os-user", logins.names[1]],
            ["year", "create", "2024-2025", "--current"],
        ]
        for step in steps { #expect(s.run(step).status == 0) }
        // The admin shares the directory with the group, as the README says.
        #expect(Sodiem.system("/usr/bin/chgrp", ["-R", group, s.data]).status == 0)
        #expect(Sodiem.system("/usr/bin/chmod", ["-R", "g+rwX,o-rwx", s.data]).status == 0)
        #expect(Sodiem.system("/usr/bin/find", [s.data, "-type", "d", "-exec", "chmod", "g+s", "{}", "+"]).status == 0)
        chmod(s.data, 0o2770)

        let a = runAs(s, logins.names[0], ["class", "add", "6A1", "--grade", "6", "--homeroom", "gv.mot"], binary: binary)
        #expect(a.status == 0, "\(a)")
        let b = runAs(s, logins.names[1], ["class", "add", "6A2", "--grade", "6", "--homeroom", "gv.hai"], binary: binary)
        #expect(b.status == 0, "\(b)")
        let csv = s.file("hs.csv", "ma_hs,ho_ten\nC1,Vương Thị Cúc\n")
        chmod(csv, 0o644)
        let c = runAs(s, logins.names[0], ["import-students", "--class", "6A2", "--file", csv], binary: binary)
        #expect(c.status == 0, "\(c)")
        let d = runAs(s, logins.names[1], ["user", "add", "gv.ba", "--name", "Giáo Viên Ba", "--role", "teacher"], binary: binary)
        #expect(d.status == 0, "\(d)")
        #expect(s.run(["verify"]).status == 0)

        // Every file and folder the tool created or replaced is the group's, files 0660, folders 2770.
        let groupID = getgrnam(group).pointee.gr_gid
        let root = URL(fileURLWithPath: s.data)
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        var checked = 0
        for case let url as URL in walker {
            var info = stat()
            #expect(stat(url.path, &info) == 0)
            let relative = String(url.path.dropFirst(root.path.count))
            #expect(info.st_gid == groupID, "\(relative) is not the group's")
            if url.hasDirectoryPath {
                #expect(info.st_mode & 0o7777 == 0o2770, "\(relative): \(String(info.st_mode & 0o7777, radix: 8))")
            } else {
                #expect(info.st_mode & 0o060 == 0o060, "\(relative): \(String(info.st_mode & 0o7777, radix: 8))")
            }
            checked += 1
        }
        #expect(checked >= 8)
        // Files the logins created (the 6A1/6A2 class files) are exactly 0660.
        for path in ["years/2024-2025/classes/6A1.json", "years/2024-2025/classes/6A2.json"] {
            var info = stat()
            #expect(stat(s.dataURL(path).path, &info) == 0)
            #expect(info.st_mode & 0o7777 == 0o660, "\(path): \(String(info.st_mode & 0o7777, radix: 8))")
        }
    }
}
