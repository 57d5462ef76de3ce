import Foundation
import Testing
import SodiemFormats

/// Sealed years, checkpoints, the bounded verify and the crash repair from the tail (issue 14).
@Suite("History: sealed years and checkpoints, end to end", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct HistoryEndToEndTests {
    /// A copy of the format-1 directory made by the main branch's build (Tests/Fixtures/format1-school).
    static func formatOneSchool() -> Sodiem {
        let s = Sodiem()
        var fixture = URL(fileURLWithPath: #filePath)
        fixture.deleteLastPathComponent()
        fixture.deleteLastPathComponent()
        fixture.appendPathComponent("Fixtures/format1-school")
        try! FileManager.default.copyItem(at: fixture, to: URL(fileURLWithPath: s.data))
        try? FileManager.default.removeItem(atPath: s.data + "/README.md")
        return s
    }

    /// The format-1 school with its year sealed.
    static func sealedSchool() -> Sodiem {
        let s = formatOneSchool()
        let closed = s.run(["year", "close", "2024-2025"], as: "ad", now: "2025-07-01")
        precondition(closed.status == 0, "year close failed: \(closed)")
        return s
    }

    func lines(_ s: Sodiem) -> [Substring] {
        String(decoding: s.dataFile("audit.log") ?? Data(), as: UTF8.self).split(separator: "\n")
    }

    @Test("a directory of format 1 is read as it is; year close starts format 2 with an event and rewrites no line")
    func formatOneIsReadAndUpgradedByAnEvent() throws {
        let s = Self.formatOneSchool()
        let before = s.dataFile("audit.log")!
        let verify = s.run(["verify"])
        #expect(verify.status == 0 && verify.stdout.contains("14 events") && !verify.stdout.contains("checkpoint"), "\(verify)")
        #expect(s.run(["verify", "--full"]).status == 0)
        #expect(s.run(["results", "--class", "6A1", "--term", "1"], as: "ad").status == 0)
        #expect(s.dataFile("sodiem.json").map { String(decoding: $0, as: UTF8.self).contains("\"format\": 1") } == true)

        let closed = s.run(["year", "close", "2024-2025"], as: "ad", now: "2025-07-01")
        #expect(closed.status == 0 && closed.stdout.contains("event #15") && closed.stdout.contains("checkpoints/000000014"), "\(closed)")
        let after = s.dataFile("audit.log")!
        #expect(after.prefix(before.count) == before, "the log is never rewritten: the old lines stay byte for byte")
        let seal = String(lines(s).last!)
        #expect(seal.contains("\"action\":\"year.close\"") && seal.contains("\"format\":2") && seal.contains("\"head\":{"), "\(seal)")
        #expect(seal.contains("\"years/2024-2025/classes/6A1.json\":\""), "the seal holds the SHA-256 of each of the year's files")
        #expect(s.dataFile("sodiem.json").map { String(decoding: $0, as: UTF8.self).contains("\"format\": 2") } == true)
        #expect(s.dataFile("checkpoints/000000014/MANIFEST.sha256") != nil)
        #expect(s.dataFile("checkpoints/000000014/years/2024-2025/classes/6A1.json") == nil ? false : true)
        let bounded = s.run(["verify"])
        #expect(bounded.status == 0 && bounded.stdout.contains("15 events") && bounded.stdout.contains("checkpoint after event #14"), "\(bounded)")
        #expect(s.run(["verify", "--full"]).status == 0)
    }

    @Test("year close: admin only, refused while a term is open, refused twice")
    func closeIsGuarded() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["year", "close", "2024-2025"], as: "gv.toan", now: "2025-07-01").status == 77)
        let open = s.run(["year", "close", "2024-2025"], as: "ad", now: "2025-07-01")
        #expect(open.status == 65 && open.stderr.contains("still open"), "\(open)")
        #expect(s.run(["lock-term", "--term", "1"], as: "ad", now: "2025-07-01").status == 0)
        #expect(s.run(["year", "close", "2024-2025"], as: "ad", now: "2025-07-01").status == 65)
        #expect(s.run(["lock-term", "--term", "2"], as: "ad", now: "2025-07-01").status == 0)
        #expect(s.run(["year", "close", "2024-2025"], as: "ad", now: "2025-07-01").status == 0)
        let twice = s.run(["year", "close", "2024-2025"], as: "ad", now: "2025-07-02")
        #expect(twice.status == 77 && twice.stderr.contains("sealed already"), "\(twice)")
        #expect(s.run(["year", "close", "2030-2031"], as: "ad", now: "2025-07-02").status == 78)
    }

    @Test("a sealed year refuses an entry (77) and accepts a correction request and its approval")
    func sealedYearAcceptsOnlyCorrections() {
        let s = Self.sealedSchool()
        let before = s.dataState()
        let entry = s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "gk", "--score", "7"],
                          as: "gv.toan", now: "2025-07-02")
        #expect(entry.status == 77, "\(entry)")  // its terms are locked too (year close needs that)
        // Reopening a term, which an open year allows the board, is refused by the seal.
        let reopen = s.run(["unlock-term", "--term", "1", "--class", "6A1", "--order", "QĐ 12/2025", "--until", "2025-07-10"],
                           as: "ht", now: "2025-07-02")
        #expect(reopen.status == 77 && reopen.stderr.contains("sealed"), "\(reopen)")
        #expect(s.run(["year", "set", "2024-2025", "--lock-after-days", "9"], as: "ad", now: "2025-07-02").status == 77)
        #expect(s.run(["class", "add", "6A2", "--grade", "6"], as: "ad", now: "2025-07-02").status == 77)
        #expect(s.dataState() == before, "a refused change changes nothing")
        let request = s.run(["request-fix", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "ck",
                             "--to", "9", "--reason", "Cộng sai"], as: "gv.toan", now: "2025-07-02")
        #expect(request.status == 0, "\(request)")
        let approved = s.run(["approve-fix", "1"], as: "ht", now: "2025-07-03")
        #expect(approved.status == 0, "\(approved)")
        let file = String(decoding: s.dataFile("years/2024-2025/classes/6A1.json") ?? Data(), as: UTF8.self)
        #expect(file.contains("9.0"), "the approved correction is applied in the sealed year")
        let bounded = s.run(["verify"])
        #expect(bounded.status == 0 && bounded.stdout.contains("checkpoint"), "\(bounded)")
        #expect(s.run(["verify", "--full"]).status == 0)
        // A new year still comes from the sealed one.
        let next = s.run(["year", "create", "2025-2026", "--from", "2024-2025", "--promote", "--force",
                          "--term1", "2025-09-05:2026-01-10", "--term2", "2026-01-12:2026-05-23", "--current"], as: "ad", now: "2025-08-20")
        #expect(next.status == 0, "\(next)")
        #expect(s.run(["verify"]).status == 0)
    }

    @Test("verify and verify --full agree: both pass intact, both fail on a sealed snapshot edited or a line before the checkpoint edited")
    func boundedAndFullAgree() throws {
        let s = Self.sealedSchool()
        #expect(s.run(["year", "create", "2025-2026", "--term1", "2025-09-05:2026-01-10", "--term2", "2026-01-12:2026-05-23", "--current"],
                      as: "ad", now: "2025-08-20").status == 0)
        #expect(s.run(["verify"]).status == 0)
        #expect(s.run(["verify", "--full"]).status == 0)
        let root = URL(fileURLWithPath: s.data)

        // A sealed year's snapshot edited (no later event touches it: only the checkpoint vouches for it).
        let classURL = root.appendingPathComponent("years/2024-2025/classes/6A1.json")
        let original = try Data(contentsOf: classURL)
        try Data(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "6.5", with: "9.5").utf8).write(to: classURL)
        let bounded = s.run(["verify"])
        let full = s.run(["verify", "--full"])
        #expect(bounded.status == 65 && bounded.stderr.contains("6A1.json"), "\(bounded)")
        #expect(full.status == 65 && full.stderr.contains("6A1.json"), "\(full)")
        try original.write(to: classURL)
        #expect(s.run(["verify"]).status == 0)

        // A line before the checkpoint edited (line 3 of 16): the chain breaks at line 4.
        let logURL = root.appendingPathComponent("audit.log")
        let log = try Data(contentsOf: logURL)
        var edited = lines(s).map(String.init)
        edited[2] = edited[2].replacingOccurrences(of: "Hiệu Trưởng Thử", with: "Hiệu Trưởng Giả")
        #expect(edited[2] != String(lines(s)[2]))
        try Data((edited.joined(separator: "\n") + "\n").utf8).write(to: logURL)
        let bounded2 = s.run(["verify"])
        let full2 = s.run(["verify", "--full"])
        #expect(bounded2.status == 65 && bounded2.stderr.contains("line 3"), "\(bounded2)")
        #expect(full2.status == 65 && full2.stderr.contains("line 3"), "\(full2)")
        try log.write(to: logURL)

        // The checkpoint itself altered: the seal no longer vouches for it.
        let checkpointed = root.appendingPathComponent("checkpoints/000000014/years/2024-2025/classes/6A1.json")
        let kept = try Data(contentsOf: checkpointed)
        try FileManager.default.removeItem(at: checkpointed)  // a hard link maybe: never write through it
        try Data(String(decoding: kept, as: UTF8.self).replacingOccurrences(of: "6.5", with: "9.5").utf8).write(to: checkpointed)
        let bounded3 = s.run(["verify"])
        let full3 = s.run(["verify", "--full"])
        #expect(bounded3.status == 65 && bounded3.stderr.contains("checkpoints/000000014"), "\(bounded3)")
        #expect(full3.status == 65 && full3.stderr.contains("checkpoints/000000014"), "\(full3)")
    }

    @Test("a seal's record of its files forged (the snapshots re-hashed to it) fails verify and verify --full alike",
          arguments: [("forge", "years/2024-2025/classes/6A1.json"), ("forge", "years/2024-2025/year.json"),
                      ("omit", "years/2024-2025/classes/6A1.json")])
    func forgedSealRecordFailsBoth(_ change: String, _ path: String) throws {
        let s = Self.sealedSchool()
        let root = URL(fileURLWithPath: s.data)
        var all = lines(s).map(String.init)
        let seal = all[all.count - 1]
        let entry = try #require(seal.range(of: "\"\(path)\":\"[0-9a-f]{64}\"", options: .regularExpression))
        let recorded = String(seal[entry].dropFirst(path.count + 4).prefix(64))
        if change == "forge" {
            let forged = (recorded.first == "0" ? "1" : "0") + recorded.dropFirst()
            all[all.count - 1] = seal.replacingCharacters(in: entry, with: "\"\(path)\":\"\(forged)\"")
        } else {
            // The record leaves the file out (its comma with it).
            var shorter = seal
            shorter.replaceSubrange(entry, with: "")
            all[all.count - 1] = shorter.replacingOccurrences(of: "{,", with: "{").replacingOccurrences(of: ",,", with: ",")
                .replacingOccurrences(of: ",}", with: "}")
        }
        #expect(all[all.count - 1] != seal)
        try Data((all.joined(separator: "\n") + "\n").utf8).write(to: root.appendingPathComponent("audit.log"))
        // The files the seal touches record the hash of their last line: rewritten to the forged one.
        let newHash = SHA256.hexString(SHA256.hash(Data(all[all.count - 1].utf8)))
        let oldHash = SHA256.hexString(SHA256.hash(Data(seal.utf8)))
        for file in ["sodiem.json", "years/2024-2025/year.json"] {
            let url = root.appendingPathComponent(file)
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            #expect(text.contains(oldHash))
            try Data(text.replacingOccurrences(of: oldHash, with: newHash).utf8).write(to: url)
        }
        let bounded = s.run(["verify"])
        let full = s.run(["verify", "--full"])
        #expect(bounded.status == 65 && bounded.stderr.contains("line 15: the seal records the SHA-256 of \(path)"), "\(bounded)")
        #expect(full.status == 65 && full.stderr.contains("line 15: the seal records the SHA-256 of \(path)"), "\(full)")
    }

    @Test("archive and restore carry the checkpoints; the restored directory verifies")
    func archiveWithSeals() {
        let s = Self.sealedSchool()
        let zip = s.folder.appendingPathComponent("a.zip").path
        let archived = s.run(["archive", "--out", zip])
        #expect(archived.status == 0, "\(archived)")
        #expect(s.run(["verify", "--archive", zip]).status == 0)
        let restored = s.folder.appendingPathComponent("restored").path
        let restore = s.run(["restore", "--archive", zip], data: restored)
        #expect(restore.status == 0, "\(restore)")
        let verify = s.run(["verify"], data: restored)
        #expect(verify.status == 0 && verify.stdout.contains("checkpoint"), "\(verify)")
    }

    @Test("a crash between append and snapshot is repaired from the end of the log, not from line 1")
    func repairReadsOnlyTheTail() throws {
        let s = Sodiem.smallSchool()
        // A longer history: thirty score entries.
        for k in 0..<30 {
            let run = s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1",
                             "--score", k % 2 == 0 ? "7" : "8"], as: "gv.toan", now: "2024-10-01")
            precondition(run.status == 0, "\(run)")
        }
        let classURL = URL(fileURLWithPath: s.data).appendingPathComponent("years/2024-2025/classes/6A1.json")
        let behind = try Data(contentsOf: classURL)
        #expect(s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1",
                       "--score", "9"], as: "gv.toan", now: "2024-10-01").status == 0)
        let total = lines(s).count
        // The crash: the event is in the log, the class file is not rewritten.
        try behind.write(to: classURL)
        let read = s.run(["students", "--class", "6A1"], as: "ad")
        #expect(read.status == 0)
        let repaired = s.run(["verify"])
        #expect(repaired.status == 0, "\(repaired)")
        #expect(repaired.stderr.contains("Brought up to the log") && repaired.stderr.contains("read the last 2 lines of audit.log"), "\(repaired)")
        #expect(total > 40, "the log is long (\(total) lines), the repair read 2 of them")
        #expect(String(decoding: try Data(contentsOf: classURL), as: UTF8.self).contains("9.0"))
    }

    @Test("a crash after a score sheet is repaired too: its class is read from the last line at a glance, the body when it lags")
    func repairAfterASheet() throws {
        let s = Sodiem.smallSchool()
        let classURL = URL(fileURLWithPath: s.data).appendingPathComponent("years/2024-2025/classes/6A1.json")
        let behind = try Data(contentsOf: classURL)
        let sheet = s.file("toan.csv", "ma_hs,ho_ten,tx1,tx2\nA1,Trần Văn Bảo,7,8\nA2,Lê Thị An,6,9\nA3,Đỗ Văn Cường,5,10\n")
        let entered = s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--file", sheet], as: "gv.toan", now: "2024-10-01")
        #expect(entered.status == 0, "\(entered)")
        // Up to date: an everyday command repairs nothing.
        let quiet = s.run(["students", "--class", "6A1"], as: "ad")
        #expect(quiet.status == 0 && !quiet.stderr.contains("Brought up to the log"), "\(quiet)")
        // The crash: the sheet's event is in the log, the class file is not rewritten.
        try behind.write(to: classURL)
        let repaired = s.run(["verify"])
        #expect(repaired.status == 0, "\(repaired)")
        // From the line the old file reflects (6A1's import; 8A1's import and the sheet follow), not line 1.
        #expect(repaired.stderr.contains("Brought up to the log") && repaired.stderr.contains("read the last 3 lines of audit.log"), "\(repaired)")
        #expect(String(decoding: try Data(contentsOf: classURL), as: UTF8.self).contains("10.0"))
    }

    @Test("after four sealed years, a crash between append and snapshot is repaired from the tail, and verify replays only the open year")
    func repairAfterFourYearsReadsOnlyTheTail() throws {
        let s = Sodiem.smallSchool()
        let students = s.file("hs-new.csv", "ma_hs,ho_ten\nN1,Vũ Thị Mới\nN2,Hồ Văn Đến\n")
        // Four whole years, each with entries, both terms locked, the next year created and this one sealed.
        for k in 0..<4 {
            let year = "\(2024 + k)-\(2025 + k)", next = "\(2025 + k)-\(2026 + k)"
            func on(_ day: String) -> String { "\(day.hasPrefix("09") || day.hasPrefix("10") ? 2024 + k : 2025 + k)-\(day)" }
            if k > 0 {
                for step in [["class", "add", "6A1", "--grade", "6", "--homeroom", "cn.6a1"],
                             ["assign", "--subject", "toan", "--classes", "6A1", "--enterers", "gv.toan", "--lead", "gv.toan"]] {
                    let run = s.run(step, as: "ad", now: on("09-06"))
                    precondition(run.status == 0, "year \(year): \(step): \(run)")
                }
                let imported = s.run(["import-students", "--class", "6A1", "--file", students], as: "cn.6a1", now: on("09-10"))
                precondition(imported.status == 0, "\(imported)")
            }
            for n in 0..<10 {
                let run = s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", k == 0 ? "A1" : "N1",
                                 "--column", "tx1", "--score", n % 2 == 0 ? "7" : "8"], as: "gv.toan", now: on("10-01"))
                precondition(run.status == 0, "year \(year): \(run)")
            }
            for term in ["1", "2"] {
                let run = s.run(["lock-term", "--term", term], as: "ad", now: on("06-15"))
                precondition(run.status == 0, "year \(year): lock-term \(term): \(run)")
            }
            let created = s.run(["year", "create", next, "--term1", "\(2025 + k)-09-05:\(2026 + k)-01-10",
                                 "--term2", "\(2026 + k)-01-12:\(2026 + k)-05-23", "--current"], as: "ad", now: on("08-20"))
            precondition(created.status == 0, "year create \(next): \(created)")
            let sealed = s.run(["year", "close", year], as: "ad", now: on("09-01"))
            precondition(sealed.status == 0, "year close \(year): \(sealed)")
        }
        // The fifth year, open: its class, a student and an entry.
        for step in [["class", "add", "6A1", "--grade", "6", "--homeroom", "cn.6a1"],
                     ["assign", "--subject", "toan", "--classes", "6A1", "--enterers", "gv.toan", "--lead", "gv.toan"]] {
            #expect(s.run(step, as: "ad", now: "2028-09-06").status == 0)
        }
        #expect(s.run(["import-students", "--class", "6A1", "--file", students], as: "cn.6a1", now: "2028-09-10").status == 0)
        #expect(s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "N1", "--column", "tx1",
                       "--score", "6"], as: "gv.toan", now: "2028-10-01").status == 0)
        let classURL = URL(fileURLWithPath: s.data).appendingPathComponent("years/2028-2029/classes/6A1.json")
        let behind = try Data(contentsOf: classURL)
        #expect(s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "N1", "--column", "tx1",
                       "--score", "9"], as: "gv.toan", now: "2028-10-01").status == 0)
        let total = lines(s).count
        #expect(total > 80, "four years of history: \(total) lines")
        // The crash: the event is in the log, the class file is not rewritten.
        try behind.write(to: classURL)
        let repaired = s.run(["verify"])
        #expect(repaired.status == 0, "\(repaired)")
        #expect(repaired.stderr.contains("years/2028-2029/classes/6A1.json") && repaired.stderr.contains("read the last 2 lines of audit.log"),
                "the repair reads 2 of \(total) lines: \(repaired)")
        #expect(String(decoding: try Data(contentsOf: classURL), as: UTF8.self).contains("9.0"))
        // verify itself replays from the fourth seal's checkpoint, and --full from line 1 agrees.
        let sealLine = lines(s).lastIndex { $0.contains("\"action\":\"year.close\"") }.map { $0 + 1 } ?? 0
        #expect(repaired.stdout.contains("checkpoint after event #\(sealLine - 1)"), "\(repaired)")
        let full = s.run(["verify", "--full"])
        #expect(full.status == 0 && !full.stdout.contains("checkpoint"), "\(full)")
    }
}
