import Foundation
import Testing
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore

/// Issue 15.2: a small school whose log holds every action, written by the real commands; every
/// line reads as its action's type and re-encodes to its own bytes. With
/// `SODIEM_WRITE_EVENT_FIXTURE=1` the log is also written to Tests/Fixtures/every-action/audit.log
/// (Tests/Fixtures/every-action/README.md), which `EventRoundTripTests` reads without root.
@Suite("Typed events: every action from the real commands re-encodes to its line", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct EventFixtureEndToEndTests {
    /// Runs a tool of the system; its status and output.
    @discardableResult
    private static func tool(_ arguments: [String], in folder: URL) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try! process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Enters a subject sheet of 6A1 for the students `value` gives a mark (nil: the row is left out).
    private static func sheet(_ s: Sodiem, _ subject: String, term: Int, now: String, value: (String) -> String?) {
        let printed = s.ok(["print-ledger", "--class", "6A1", "--subject", subject, "--term", "\(term)", "--format", "csv"], as: "gv.toan", now: now).stdout
        var lines = printed.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let columns = header.filter { $0.hasPrefix("tx") || $0 == "gk" || $0 == "ck" }
        var csv = (["ma_hs"] + columns).joined(separator: ",") + "\n"
        for line in lines {
            let id = String(line.split(separator: ",", omittingEmptySubsequences: false)[0])
            guard let mark = value(id) else { continue }
            csv += ([id] + columns.map { _ in mark }).joined(separator: ",") + "\n"
        }
        let path = s.file("sheet-\(subject)-\(term).csv", csv)
        s.ok(["enter-score", "--class", "6A1", "--subject", subject, "--term", "\(term)", "--file", path], as: "gv.toan", now: now)
    }

    /// The small school, then one school year in which every action is written at least once.
    static func everyActionSchool() -> Sodiem {
        let s = Sodiem.smallSchool()
        s.ok(["year", "set", "2024-2025", "--edit-window-days", "10"], as: "ad", now: "2024-09-03")
        s.assignEverything("6A1")
        // A whole-school import (one sheet per class): a new student in each class.
        let script = """
            import sys, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active; ws.title = '6A1'
            ws.append(['Mã học sinh', 'Họ và tên', 'Ngày sinh', 'Giới tính'])
            ws.append(['A4', 'Vũ Thị Diệu', '07/08/2013', 'Nữ'])
            ws = wb.create_sheet('8A1'); ws.append(['ma_hs', 'ho_ten']); ws.append(['B2', 'Hà Thị Chín'])
            wb.save(sys.argv[1])
            """
        let made = tool(["python3", "-c", script, "truong.xlsx"], in: s.folder)
        #expect(made.0 == 0, "\(made.1)")
        s.ok(["import-students", "--file", s.folder.appendingPathComponent("truong.xlsx").path], as: "ad", now: "2024-09-11")
        s.ok(["individual-plan", "--class", "6A1", "--student", "A2", "--decision", "QĐ số 7", "--plan-subjects", "gdtc"], as: "ht", now: "2024-09-20")
        // The value the term's sheet gives it later (8), so the sheet leaves this cell as it is.
        s.ok(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A3", "--column", "tx1", "--score", "8",
              "--note", "Bài làm lại"], as: "gv.toan", now: "2024-10-01")
        s.ok(["comment", "--class", "6A1", "--student", "A1", "--text", "Ngoan, chăm học."], as: "cn.6a1", now: "2024-10-01")
        s.ok(["comment", "--class", "6A1", "--student", "A1", "--subject", "Toán", "--text", "Tư duy tốt."], as: "gv.toan", now: "2024-10-01")
        s.ok(["exempt", "--class", "6A1", "--student", "A3", "--subject", "gdtc", "--term", "1", "--decision", "QĐ số 3/QĐ-THCS"], as: "ht", now: "2024-10-01")
        s.ok(["commend", "--class", "6A1", "--student", "A3", "--text", "Đạt giải Ba học sinh giỏi cấp huyện"], as: "ht", now: "2024-10-05")
        s.ok(["attendance", "--class", "6A1", "--student", "A2", "--date", "2024-10-15", "--excused"], as: "cn.6a1", now: "2024-10-15")
        s.ok(["attendance", "--class", "6A1", "--month", "2024-10", "--close"], as: "cn.6a1", now: "2024-10-31")
        s.ok(["attendance", "--class", "6A1", "--month", "2024-10", "--reopen", "--reason", "Ghi thiếu một buổi"], as: "cn.6a1", now: "2024-11-02")
        s.ok(["transfer-out", "--class", "8A1", "--student", "B1", "--date", "2024-11-01", "--to", "Trường THCS Bên Sông"], as: "cn.6a1", now: "2024-11-02")
        s.ok(["snapshot", "--name", "giua-hk1"], as: "ad", now: "2024-11-05")
        // Two terms of sheets; A1 fails toán, ngữ văn and tin học (a re-test), A2's gdtc is the plan's own result.
        for term in [1, 2] {
            let now = term == 1 ? "2024-12-30" : "2025-05-20"
            for subject in Sodiem.compulsory {
                sheet(s, subject, term: term, now: now) { id in
                    if subject == "gdtc" { return id == "A2" ? nil : "Đ" }
                    if Sodiem.commentSubjects.contains(subject) { return "Đ" }
                    return id == "A1" && ["toan", "ngu-van", "tin-hoc"].contains(subject) ? "2" : "8"
                }
            }
            s.ok(["individual-plan", "--class", "6A1", "--student", "A2", "--subject", "gdtc", "--term", "\(term)", "--result", "Đ"], as: "gv.toan", now: now)
            s.conductAll("6A1", term == 1 ? ["A1", "A2", "A3", "A4"] : ["A1", "A2", "A3", "A4", "A9"], term: term, now: now)
            if term == 1 {
                // A newcomer with term 1 completed elsewhere, before the term is locked.
                let particulars = s.file("a9.csv", "ma_hs,ho_ten,ngay_sinh,gioi_tinh\nA9,Ngô Thị Chín,07/08/2013,Nữ\n")
                let results = Sodiem.compulsory.map { Sodiem.commentSubjects.contains($0) ? "Đ" : "8" }
                let carried = s.file("a9-hk1.csv", "hoc_ki,ren_luyen,buoi_nghi," + Sodiem.compulsory.joined(separator: ",") + "\n1,T,2," + results.joined(separator: ",") + "\n")
                s.ok(["transfer-in", "--class", "6A1", "--student", "A9", "--from", "Trường THCS Bình Minh", "--ref", "Học bạ số 12/BM",
                      "--particulars", particulars, "--file", carried], as: "cn.6a1", now: "2025-01-15")
                s.ok(["lock-term", "--term", "1"], as: "ad", now: "2025-01-20")
                s.ok(["request-fix", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A3", "--column", "ck", "--to", "9",
                      "--reason", "Cộng sai điểm bài cuối kì"], as: "gv.toan", now: "2025-01-21")
                s.ok(["approve-fix", "1", "--witness", "ad"], as: "ht", now: "2025-01-22")
                s.ok(["request-fix", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A3", "--column", "gk", "--to", "9",
                      "--reason", "Xem lại"], as: "gv.toan", now: "2025-01-23")
                s.ok(["reject-fix", "2", "--reason", "Không có minh chứng"], as: "ht", now: "2025-01-24")
                s.ok(["unlock-term", "--term", "1", "--class", "6A1", "--order", "Ý kiến chỉ đạo của BGH", "--until", "2025-01-30"], as: "ht", now: "2025-01-25")
                s.ok(["lock-term", "--term", "1", "--class", "6A1"], as: "ad", now: "2025-01-31")
                s.ok(["user", "set", "gv.cn", "--email", "congnghe@truong.example"], as: "ad", now: "2025-02-01")
                s.ok(["user", "disable", "gv.cn"], as: "ad", now: "2025-02-01")
            }
        }
        s.ok(["retest", "--class", "6A1", "--student", "A1", "--subject", "toan", "--score", "6"], as: "gv.toan", now: "2025-05-26")
        // A signed transcript (a self-signed certificate of a made-up teacher is enough for the event).
        let keys = tool(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "cn.key", "-out", "cn.pem",
                         "-subj", "/C=VN/O=Truong THCS Thu Nghiem/CN=Chu Nhiem Sau", "-days", "3650"], in: s.folder)
        #expect(keys.0 == 0, "\(keys.1)")
        let pdf = s.folder.appendingPathComponent("hoc-ba-6A1.pdf").path
        s.ok(["print-transcript", "--class", "6A1", "--format", "pdf", "--out", pdf, "--sign", "--key", s.folder.appendingPathComponent("cn.key").path,
              "--cert", s.folder.appendingPathComponent("cn.pem").path], as: "cn.6a1", now: "2025-05-27")
        s.ok(["lock-term", "--term", "2"], as: "ad", now: "2025-06-10")
        s.ok(["year", "create", "2025-2026", "--from", "2024-2025", "--promote", "--force"], as: "ad", now: "2025-06-20")
        s.ok(["year", "close", "2024-2025"], as: "ad", now: "2025-07-01")
        return s
    }

    @Test("every action is written, every line reads as its type and re-encodes to its bytes, and the directory verifies")
    func everyActionRoundTrips() throws {
        let s = Self.everyActionSchool()
        let lines = s.logLines()
        var seen: Set<Action> = []
        for (index, line) in lines.enumerated() {
            guard case .success(let event) = AuditEvent.parse(line) else {
                Issue.record("line \(index + 1) does not parse")
                continue
            }
            seen.insert(event.action)
            switch event.decodedBody() {
            case .failure(let problem): Issue.record("line \(index + 1): \(problem)")
            case .success(let typed):
                var again = event
                again.body = typed.encode()
                #expect(Data(again.line()) == line, "line \(index + 1) (\(event.action.rawValue)) re-encodes differently")
            }
        }
        #expect(Set(Action.allCases).subtracting(seen).isEmpty, "not written: \(Set(Action.allCases).subtracting(seen).map(\.rawValue).sorted())")
        #expect(s.schemaViolations() == [])
        let verify = s.run(["verify", "--full"], as: "ad")
        #expect(verify.status == 0, "\(verify)")
        if ProcessInfo.processInfo.environment["SODIEM_WRITE_EVENT_FIXTURE"] == "1" {
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let folder = repository.appendingPathComponent("Tests/Fixtures/every-action")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(lines.map { $0 + Data([0x0A]) }.joined()).write(to: folder.appendingPathComponent("audit.log"))
        }
    }
}
