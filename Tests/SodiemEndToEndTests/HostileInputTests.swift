import Foundation
import Testing

@Suite("Hostile input: control characters, lengths, bounded errors, strict variables", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct HostileInputTests {
    @Test func controlCharactersAreRefusedInTextFields() {
        let s = Sodiem.smallSchool()
        let before = s.dataState()
        let escape = s.run(["user", "add", "gv.x", "--name", "Nguyễn \u{1B}[31mĐỏ", "--role", "teacher"], as: "ad")
        #expect(escape.status == 65 && escape.stderr.contains("U+001B"), "\(escape)")
        #expect(!escape.stderr.contains("\u{1B}"), "the escape is never echoed: \(escape)")
        let file = s.file("nul.csv", "ma_hs,ho_ten\nA9,Lê Văn\u{0}Chín\n")
        let nul = s.run(["import-students", "--class", "6A1", "--file", file], as: "cn.6a1", now: "2024-09-12")
        #expect(nul.status == 65, "\(nul)")
        #expect(s.dataState() == before)
        // A newline is fine in a comment, not in a name.
        let comment = s.run(["comment", "--class", "6A1", "--student", "A1", "--text", "Chăm chỉ.\nTiến bộ."], as: "cn.6a1", now: "2024-10-12")
        #expect(comment.status == 0, "\(comment)")
    }

    /// Files saved on Windows end their lines in CR LF, which Swift counts as one Character: a
    /// legacy-encoded list crashed the reader (index out of range), and a map was one long line.
    @Test func windowsLineEndsInLegacyListsAndMaps() {
        let s = Sodiem.smallSchool()
        let before = s.dataState()
        let legacy = s.file("cu.csv", "ma_hs,ho_ten\r\nA7,Tran Van Bay\r\nA8,Nguy?n Van Tam\r\n")
        let refused = s.run(["import-students", "--class", "6A1", "--file", legacy], as: "cn.6a1", now: "2024-09-12")
        #expect(refused.status == 65 && refused.stderr.contains("line 3") && refused.stderr.contains("\"A8,Nguy?n Van Tam\""), "\(refused)")
        #expect(!refused.stderr.contains("\r"), "\(refused)")
        let map = s.file("csdl.map", "Mã định danh = ma_hs\r\nHọ và tên = ho_ten\r\n")
        let list = s.file("csdl.csv", "Mã định danh,Họ và tên\r\nA7,Trần Văn Bảy\r\n")
        let mapped = s.run(["import-students", "--class", "6A1", "--file", list, "--map", map, "--dry-run"], as: "cn.6a1", now: "2024-09-12")
        #expect(mapped.status == 0 && mapped.stdout.contains("1 added"), "\(mapped)")
        #expect(s.dataState() == before)
    }

    /// An unquoted comma inside a value (an address) gave the line more values than the header:
    /// the rest of the address was dropped without a word. Refused, naming the line; empty
    /// trailing values (a spreadsheet's `,,,`) are still fine.
    @Test func aSeparatorInsideAValueIsRefusedNotCut() {
        let s = Sodiem.smallSchool()
        let before = s.dataState()
        let cut = s.file("dc.csv", "ma_hs,ho_ten,dia_chi\nA7,Trần Văn Bảy,Số 3\nA8,Lê Văn Tám,Số 5, phường Mới\n")
        let refused = s.run(["import-students", "--class", "6A1", "--file", cut], as: "cn.6a1", now: "2024-09-12")
        #expect(refused.status == 65 && refused.stderr.contains("dc.csv line 3: 4 values but the header has 3 columns"), "\(refused)")
        #expect(s.dataState() == before)
        let quoted = s.file("dc2.csv", "ma_hs,ho_ten,dia_chi\nA7,Trần Văn Bảy,Số 3,,\nA8,Lê Văn Tám,\"Số 5, phường Mới\"\n")
        let imported = s.run(["import-students", "--class", "6A1", "--file", quoted], as: "cn.6a1", now: "2024-09-12")
        #expect(imported.status == 0 && imported.stdout.contains("2 added"), "\(imported)")
        #expect(String(decoding: s.dataFile("years/2024-2025/classes/6A1.json") ?? Data(), as: UTF8.self).contains("Số 5, phường Mới"))
    }

    /// A decimal comma in a comma-separated score sheet (`9,5`) made the line one value wider:
    /// tx1 was recorded as 9 and tx2 as 5, the real tx2 dropped. Refused naming the line; quoted
    /// (`"9,5"`) or with semicolons it is 9.5. Attendance lines are held to the same rule.
    @Test func aDecimalCommaInACommaSeparatedSheetIsRefused() {
        let s = Sodiem.smallSchool()
        let before = s.dataState()
        let sheet = s.file("toan.csv", "ma_hs,ho_ten,tx1,tx2\nA1,Trần Văn Bảo,9,5,4\n")
        let refused = s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--file", sheet], as: "gv.toan", now: "2024-10-01")
        #expect(refused.status == 65 && refused.stderr.contains("toan.csv line 2: 5 values but the header has 4 columns")
                && refused.stderr.contains("\"7,5\""), "\(refused)")
        #expect(s.dataState() == before)
        let quoted = s.file("toan2.csv", "ma_hs,ho_ten,tx1,tx2\nA1,Trần Văn Bảo,\"9,5\",4\n")
        let entered = s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--file", quoted], as: "gv.toan", now: "2024-10-01")
        #expect(entered.status == 0, "\(entered)")
        let file = String(decoding: s.dataFile("years/2024-2025/classes/6A1.json") ?? Data(), as: UTF8.self)
        #expect(file.contains("9.5") && file.contains("4.0"), "tx1 9.5 and tx2 4")
        let absences = s.file("nghi.csv", "ma_hs,ngay,buoi,co_phep\nA1,02/10/2024,sang,co,x\n")
        let absent = s.run(["attendance", "--class", "6A1", "--file", absences], as: "cn.6a1", now: "2024-10-03")
        #expect(absent.status == 65 && absent.stderr.contains("nghi.csv line 2: 5 values but the header has 4 columns"), "\(absent)")
    }

    /// U+E000/U+E001 mark the command references inside sodiem's messages: a student's name
    /// holding them could later make a message name another step. Refused before the record.
    @Test func theMessageMarkersAreRefusedInStoredTexts() {
        let s = Sodiem.smallSchool()
        let before = s.dataState()
        let list = s.file("mk.csv", "ma_hs,ho_ten\nA7,Trần\u{E000}Văn\u{E001} Bảy\n")
        let refused = s.run(["import-students", "--class", "6A1", "--file", list], as: "cn.6a1", now: "2024-09-12")
        #expect(refused.status == 65 && refused.stderr.contains("private-use character U+E000"), "\(refused)")
        #expect(s.dataState() == before)
    }

    /// A malformed SODIEM_NOW refuses `init` before any folder or `.lock` is made.
    @Test func initWithABadClockMakesNothing() {
        let s = Sodiem()
        let refused = s.run(["init", "--school", "Trường THCS Thử"], now: "hôm qua")
        #expect(refused.status != 0, "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: s.data), "a refused init left \(s.data)")
    }

    /// An endless input (`/dev/zero`) is refused once it passes the input limit, not read until memory runs out.
    @Test func endlessInputIsRefusedAtTheLimit() {
        let s = Sodiem.smallSchool()
        let before = s.dataState()
        let run = s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--file", "/dev/zero"], as: "gv.toan", now: "2024-10-01")
        #expect(run.status == 65 && run.stderr.contains("larger than 16 MB"), "\(run.stderr.prefix(300))")
        // Millions of small rows fit in 16 MB, and would be checked under the lock: refused before it.
        let many = s.file("many.csv", "ma_hs,tx1\n" + String(repeating: "A1,7\n", count: 20_001))
        let rows = s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--file", many], as: "gv.toan", now: "2024-10-01")
        #expect(rows.status == 65 && rows.stderr.contains("20001 rows"), "\(rows.stderr.prefix(300))")
        #expect(s.dataState() == before)
    }

    /// Values quoted in any message: control characters shown as U+XXXX, lines cut at 600 characters.
    @Test func echoedValuesAreShownSafeAndShort() {
        let s = Sodiem.smallSchool()
        let hostile = "6A1\u{1B}]0;pwned\u{07}" + String(repeating: "x", count: 5_000)
        let run = s.run(["students", "--class", hostile], as: "ad")
        #expect(run.status != 0)
        #expect(!run.stderr.contains("\u{1B}") && !run.stderr.contains("\u{07}") && run.stderr.contains("U+001B"), "\(run.stderr.prefix(200))")
        #expect(run.stderr.count < 800 && run.stderr.contains("characters)"), "\(run.stderr.count) characters")
    }

    @Test func overlongTextsAreRefusedAndQuotedShort() {
        let s = Sodiem.smallSchool()
        let long = String(repeating: "a", count: 120_000)  // one argument may hold at most 128 KiB (MAX_ARG_STRLEN)
        let run = s.run(["user", "add", "gv.x", "--name", long, "--role", "teacher"], as: "ad")
        #expect(run.status == 65 && run.stderr.contains("120000"), "\(run.stderr.prefix(300))")
        #expect(run.stderr.count < 1_000, "the value is quoted short: \(run.stderr.count) characters")
    }

    @Test func aHugeBadCellIsNotEchoedWhole() {
        let s = Sodiem.smallSchool()
        let cell = String(repeating: "9", count: 2_000_000)
        let file = s.file("big.csv", "ma_hs,ho_ten,ngay_sinh\nA9,Lê Văn Chín,\(cell)\n")
        let run = s.run(["import-students", "--class", "6A1", "--file", file], as: "cn.6a1", now: "2024-09-12")
        #expect(run.status == 65, "\(run.stderr.prefix(300))")
        #expect(run.stderr.count < 2_000, "stderr holds \(run.stderr.count) characters")
    }

    @Test func manyBadRowsAreReportedFiftyAndACount() {
        let s = Sodiem.smallSchool()
        var text = "ma_hs,ho_ten,ngay_sinh\n"
        for _ in 0..<5_000 { text += "A9,Lê Văn Chín,99/99/2013\n" }
        let run = s.run(["import-students", "--class", "6A1", "--file", s.file("dup.csv", text)], as: "cn.6a1", now: "2024-09-12")
        #expect(run.status == 65)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count <= 53, "\(lines.count) lines")
        #expect(run.stderr.contains("more bad rows"), "\(run.stderr.suffix(300))")
    }

    @Test func strictEnvironmentVariables() {
        let s = Sodiem.smallSchool()
        let offset = s.run(["students", "--class", "6A1"], as: "ad", now: "2024-10-15T08:00:00+99:00")
        #expect(offset.status == 64, "\(offset)")
        #expect(s.run(["students", "--class", "6A1"], as: "ad", now: "2024-10-15T08:00:00+14:00").status == 0)
        #expect(s.run(["students", "--class", "6A1"], as: "ad", now: "2024-10-15T08:00:00-12:00").status == 0)
        for wait in ["0x10", "1e3", " 5", "inf", "-1"] {
            let run = s.run(["students", "--class", "6A1"], as: "ad", environment: ["SODIEM_LOCK_WAIT": wait])
            #expect(run.status == 64, "SODIEM_LOCK_WAIT=\(wait): \(run)")
        }
        #expect(s.run(["students", "--class", "6A1"], as: "ad", environment: ["SODIEM_LOCK_WAIT": "2.5"]).status == 0)
    }

    @Test func userSetIsAnEventTheReplayFollows() throws {
        let s = Sodiem.smallSchool()
        let run = s.run(["user", "set", "gv.toan", "--role", "teacher,vice-principal", "--email", "toan@truong.example"], as: "ad")
        #expect(run.status == 0, "\(run)")
        let list = s.run(["user", "list", "--format", "json"], as: "ad")
        #expect(list.stdout.contains("vice-principal") && list.stdout.contains("toan@truong.example"), "\(list)")
        #expect(String(decoding: s.logLines().last!, as: UTF8.self).contains("\"action\":\"user.set\""))
        // The new role counts from that event on: gv.toan may now see the school's reports.
        #expect(s.run(["head"], as: "gv.toan").status == 0)
        #expect(s.run(["verify"], as: "ad").status == 0)
        #expect(s.run(["user", "set", "gv.toan", "--role", "teacher"], as: "gv.toan").status == 77)
        #expect(s.run(["user", "set", "nobody", "--name", "X"], as: "ad").status == 66)
    }
}
