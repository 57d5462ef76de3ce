import Foundation
import Testing

@Suite("Foundation, end to end", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct FoundationEndToEndTests {
    @Test("students --format json lists the class in Vietnamese order")
    func classListOrder() throws {
        let s = Sodiem.smallSchool()
        let run = s.run(["students", "--class", "6A1", "--format", "json"], as: "cn.6a1")
        #expect(run.status == 0, "\(run)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let ids = (json["students"] as! [[String: Any]]).map { $0["id"] as! String }
        #expect(ids == ["A2", "A1", "A3"])
    }

    @Test("exit codes: unknown command 64, no data directory 78, unknown class 66")
    func exitCodes() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["frobnicate"]).status == 64)
        #expect(s.run(["students", "--class", "6A1"], data: s.folder.appendingPathComponent("nowhere").path).status == 78)
        #expect(s.run(["students", "--class", "9Z9"], as: "ad").status == 66)
    }

    @Test("an --out that cannot be written: 73, and the document does not spill onto stdout")
    func outFileInMissingFolder() {
        let s = Sodiem.smallSchool()
        let run = s.run(["students", "--class", "6A1", "--out", s.folder.appendingPathComponent("no/such/folder/x.csv").path], as: "ad")
        #expect(run.status == 73, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.stderr.contains("no/such/folder"), "\(run)")
    }

    @Test("verify passes on untouched data and the log is a SHA-256 chain")
    func verifyUntouched() {
        let s = Sodiem.smallSchool()
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Intact"))
    }
}

@Suite("verify: the last line of the log", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct LastLineTests {
    @Test("an edit of the last log line that no snapshot field shows (who, when) is found: snapshots keep its hash")
    func editedLastLine() throws {
        let s = Sodiem.smallSchool()
        #expect(s.run(["comment", "--class", "6A1", "--student", "A1", "--text", "Ngoan"], as: "cn.6a1", now: "2024-10-01").status == 0)
        let log = URL(fileURLWithPath: s.data).appendingPathComponent("audit.log")
        var lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let last = lines.count - 2  // the text ends with a newline
        #expect(lines[last].contains("\"as\":\"cn.6a1\""))
        lines[last] = lines[last].replacingOccurrences(of: "\"as\":\"cn.6a1\"", with: "\"as\":\"ht\"")
        try Data(lines.joined(separator: "\n").utf8).write(to: log)
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("line \(last + 1)") || run.stderr.contains("6A1"), "\(run)")
    }

    @Test("every snapshot records the seq and the hash of the log line it reflects")
    func snapshotsCarryTheHash() throws {
        let s = Sodiem.smallSchool()
        let log = try String(contentsOf: URL(fileURLWithPath: s.data).appendingPathComponent("audit.log"), encoding: .utf8)
        let lines = log.split(separator: "\n").map(String.init)
        let classFile = try JSONSerialization.jsonObject(with: s.dataFile("years/2024-2025/classes/6A1.json")!) as! [String: Any]
        let seq = classFile["seq"] as! Int
        let hash = classFile["hash"] as! String
        let line = Data(lines[seq - 1].utf8)
        let expected = Run.sha256(line)
        #expect(hash == expected)
    }
}

private enum Run {
    /// SHA-256 by the system's `sha256sum`, independent of the code under test.
    static func sha256(_ data: Data) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try! p.run()
        input.fileHandleForWriting.write(data)
        try! input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(String(decoding: result, as: UTF8.self).prefix(64))
    }
}

@Suite("Safety: year names, output paths, repair, environment", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct SafetyTests {
    @Test("--year is a school year the school has: a path in it is refused, nothing is written")
    func yearCannotBeAPath() {
        let s = Sodiem.smallSchool()
        let before = s.dataState()
        let run = s.run(["enter-score", "--year", "../../evil/x", "--class", "6A1", "--subject", "toan", "--term", "1",
                         "--student", "A1", "--column", "tx1", "--score", "7"], as: "gv.toan", now: "2024-10-01")
        #expect(run.status == 64, "\(run)")
        #expect(s.dataState() == before)
        #expect(s.run(["results", "--class", "6A1", "--year", "2023-2024"], as: "ad").status == 78)
    }

    @Test("--out cannot overwrite the data directory's own files")
    func outCannotOverwriteSnapshots() {
        let s = Sodiem.smallSchool()
        let before = s.dataState()
        let target = URL(fileURLWithPath: s.data).appendingPathComponent("years/2024-2025/classes/6A1.json").path
        let run = s.run(["students", "--class", "6A1", "--format", "json", "--out", target], as: "ad")
        #expect(run.status == 73, "\(run)")
        #expect(s.dataState() == before)
        #expect(s.run(["verify"], as: "ad").status == 0)
    }

    @Test("repair refuses to replay over a damaged line, and writes nothing")
    func repairOverDamagedLine() throws {
        let s = Sodiem.smallSchool()
        #expect(s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1",
                       "--column", "tx1", "--score", "7"], as: "gv.toan", now: "2024-10-01").status == 0)
        let classPath = URL(fileURLWithPath: s.data).appendingPathComponent("years/2024-2025/classes/6A1.json")
        let older = s.dataFile("years/2024-2025/classes/6A1.json")!
        for column in ["tx2", "tx3"] {
            #expect(s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1",
                           "--column", column, "--score", "8"], as: "gv.toan", now: "2024-10-01").status == 0)
        }
        // The class file goes back two events (as if writes were lost) and the line between is altered:
        // the last line's prev no longer matches, so the stretch to replay is not sound.
        try older.write(to: classPath)
        let log = URL(fileURLWithPath: s.data).appendingPathComponent("audit.log")
        var lines = try String(contentsOf: log, encoding: .utf8).components(separatedBy: "\n")
        lines[lines.count - 3] = lines[lines.count - 3].replacingOccurrences(of: "\"tx2\"", with: "\"tx4\"")
        try Data(lines.joined(separator: "\n").utf8).write(to: log)
        let before = s.dataState()
        let run = s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1",
                         "--column", "gk", "--score", "9"], as: "gv.toan", now: "2024-10-01")
        #expect(run.status == 65, "\(run)")
        #expect(s.dataState() == before)
    }

    @Test("SODIEM_LOCK_WAIT that is not a number of seconds: 64, no crash")
    func lockWaitMustBeSeconds() {
        let s = Sodiem.smallSchool()
        for bad in ["nan", "abc", "-1", "inf"] {
            let run = s.run(["students", "--class", "6A1"], as: "ad", environment: ["SODIEM_LOCK_WAIT": bad])
            #expect(run.status == 64, "\(bad): \(run)")
        }
    }
}

@Suite("Correction requests reveal nothing to the wrong people", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct FixPrivacyTests {
    @Test("a teacher asking about request 99 (none), deciding one, or entering into a class they do not teach gets 77, not 66")
    func noExistenceLeak() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["approve-fix", "99"], as: "gv.toan").status == 77)
        #expect(s.run(["reject-fix", "99", "--reason", "x"], as: "gv.toan").status == 77)
        #expect(s.run(["print-fix-record", "99"], as: "gv.toan").status == 77)
        // Score entry and requests: an outsider cannot tell a missing class from a class they do not teach.
        #expect(s.run(["enter-score", "--class", "9Z9", "--subject", "toan", "--term", "1", "--student", "A1",
                       "--column", "tx1", "--score", "7"], as: "gv.cn", now: "2024-10-01").status == 77)
        #expect(s.run(["request-fix", "--class", "9Z9", "--subject", "toan", "--term", "1", "--student", "A1",
                       "--column", "tx1", "--to", "7", "--reason", "x"], as: "gv.cn", now: "2024-10-01").status == 77)
        #expect(s.run(["enter-score", "--class", "9Z9", "--subject", "toan", "--term", "1", "--student", "A1",
                       "--column", "tx1", "--score", "7"], now: "2024-10-01").status == 66)  // root is told
        // The board still hears that it does not exist.
        #expect(s.run(["approve-fix", "99"], as: "ht").status == 66)
        #expect(s.run(["print-fix-record", "99"], as: "ht").status == 66)
    }
}

@Suite("Unicode NFC in the record", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct NFCTests {
    @Test("a comment typed in NFD (as some keyboards send it) is stored in NFC")
    func commentIsNFC() throws {
        let s = Sodiem.smallSchool()
        let nfd = "Chăm ngoan, tiến bộ".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count != "Chăm ngoan, tiến bộ".unicodeScalars.count)
        #expect(s.run(["comment", "--class", "6A1", "--student", "A1", "--text", nfd], as: "cn.6a1", now: "2025-05-20").status == 0)
        let bytes = s.dataFile("years/2024-2025/classes/6A1.json")!
        // Compare bytes: Swift's String comparison treats NFC and NFD as equal.
        let nfc = Data("Chăm ngoan, tiến bộ".precomposedStringWithCanonicalMapping.utf8)
        #expect(bytes.range(of: nfc) != nil)
        #expect(bytes.range(of: Data(nfd.utf8)) == nil)
        #expect(s.dataFile("audit.log")!.range(of: Data(nfd.utf8)) == nil)
    }
}
