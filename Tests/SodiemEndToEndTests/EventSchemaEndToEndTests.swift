import Foundation
import Testing
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore

extension Sodiem {
    /// Every line of the log that departs from its action's declared fields, with its findings (English).
    func schemaViolations() -> [String] {
        logLines().enumerated().flatMap { index, line -> [String] in
            switch AuditEvent.parse(line) {
            case .success(let event): return EventSchema.violations(of: event).map { "line \(index + 1): \($0.en)" }
            case .failure(let problem): return ["line \(index + 1): \(problem)"]
            }
        }
    }

    /// The actions the log holds.
    func loggedActions() -> Set<String> {
        Set(logLines().compactMap { line in
            if case .success(let event) = AuditEvent.parse(line) { return event.action.rawValue } else { return nil }
        })
    }
}

/// Issue 15.2: every line today's commands write keeps to EventSchema, and verify names each line that does not.
@Suite("Event schema: what the commands write, and forged lines verify names", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct EventSchemaEndToEndTests {
    @Test("the demo with two terms of scores writes only lines of the schema, and verifies")
    func demoKeepsToTheSchema() {
        let s = Sodiem()
        let demo = s.run(["demo", "--terms", "2"])
        #expect(demo.status == 0, "\(demo)")
        #expect(s.schemaViolations() == [])
        // The demo writes the actions of a year's entry work; the scenario below writes the others.
        #expect(s.loggedActions().isSuperset(of: ["school.init", "user.add", "year.create", "class.add", "assign.set", "students.import",
                                                  "score.sheet", "score.set", "attendance.set", "attendance.close", "conduct.set",
                                                  "iep.set", "iep.result", "transfer.in", "transfer.out", "commend.add"]), "\(s.loggedActions())")
        let verify = s.run(["verify"])
        #expect(verify.status == 0, "\(verify)")
    }

    @Test("the format-1 fixture of an earlier build keeps to the schema and verifies unchanged")
    func earlierBuildKeepsToTheSchema() {
        let s = HistoryEndToEndTests.formatOneSchool()
        let before = s.dataState()
        #expect(s.schemaViolations() == [])
        let verify = s.run(["verify"], as: "ad")
        #expect(verify.status == 0, "\(verify)")
        #expect(s.dataState() == before)
    }

    @Test("locks, corrections, comments, exemptions, a snapshot, a reopened month, a changed and a disabled account and a sealed year keep to the schema")
    func scenarioKeepsToTheSchema() {
        let s = Sodiem.smallSchool()
        let steps: [([String], String, String)] = [
            (["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "ck", "--score", "6",
              "--note", "Bài làm lại"], "gv.toan", "2024-12-20"),
            (["comment", "--class", "6A1", "--student", "A1", "--text", "Ngoan, chăm học."], "cn.6a1", "2024-10-01"),
            (["comment", "--class", "6A1", "--student", "A1", "--subject", "Toán", "--text", "Tư duy tốt."], "gv.toan", "2024-10-01"),
            (["exempt", "--class", "6A1", "--student", "A2", "--subject", "gdtc", "--term", "1", "--decision", "QĐ số 3/QĐ-THCS"], "ht", "2024-10-01"),
            (["attendance", "--class", "6A1", "--month", "2024-10", "--close"], "cn.6a1", "2024-10-31"),
            (["attendance", "--class", "6A1", "--month", "2024-10", "--reopen", "--reason", "Ghi thiếu một buổi"], "cn.6a1", "2024-11-02"),
            (["snapshot", "--name", "giua-hk1"], "ad", "2024-11-05"),
            (["lock-term", "--term", "1"], "ad", "2025-01-20"),
            (["request-fix", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "ck", "--to", "9",
              "--reason", "Cộng sai điểm bài cuối kì"], "gv.toan", "2025-01-21"),
            (["approve-fix", "1", "--witness", "ad"], "ht", "2025-01-22"),
            (["request-fix", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "ck", "--to", "8",
              "--reason", "Xem lại"], "gv.toan", "2025-01-23"),
            (["reject-fix", "2", "--reason", "Không có minh chứng"], "ht", "2025-01-24"),
            (["unlock-term", "--term", "1", "--class", "6A1", "--order", "Ý kiến chỉ đạo của BGH", "--until", "2025-01-30"], "ht", "2025-01-25"),
            (["lock-term", "--term", "1", "--class", "6A1"], "ad", "2025-01-31"),
            (["user", "set", "gv.cn", "--email", "congnghe@truong.example"], "ad", "2025-02-01"),
            (["user", "disable", "gv.cn"], "ad", "2025-02-01"),
            (["lock-term", "--term", "2"], "ad", "2025-06-10"),
            (["year", "close", "2024-2025"], "ad", "2025-07-01"),
        ]
        for (arguments, user, day) in steps {
            let run = s.run(arguments, as: user, now: day)
            #expect(run.status == 0, "\(arguments): \(run)")
        }
        #expect(s.loggedActions().isSuperset(of: ["score.set", "comment.set", "exempt.set", "attendance.close", "attendance.reopen",
                                                  "snapshot.create", "term.lock", "term.unlock", "fix.request", "fix.approve",
                                                  "fix.reject", "user.set", "user.disable", "year.close"]), "\(s.loggedActions())")
        #expect(s.schemaViolations() == [])
        let verify = s.run(["verify", "--full"], as: "ad")
        #expect(verify.status == 0, "\(verify)")
    }

    @Test("verify names each forged line: a required field missing, a wrong kind, an unknown field — and the other findings too")
    func forgedLinesAreNamed() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["verify"], as: "ad").status == 0)
        let at = String(String(decoding: s.logLines().last!, as: UTF8.self).components(separatedBy: "\"at\":\"")[1].prefix(25))
        var lacking = Sodiem.scoreBody(new: .number("7.0"))
        lacking["student"] = nil
        let missing = s.forge(by: "gv.toan", at: at, action: .scoreSet, lacking)
        var badTerm = Sodiem.scoreBody(new: .number("7.0"))
        badTerm["term"] = .string("x")
        let wrongKind = s.forge(by: "gv.toan", at: at, action: .scoreSet, badTerm)
        var extra = Sodiem.scoreBody(student: "A2", new: .number("7.0"))
        extra["foo"] = .int(1)
        let unknown = s.forge(by: "gv.toan", at: at, action: .scoreSet, extra)
        let lateDay = s.forge(by: "gv.toan", at: at, action: .transferOut,
                              ["year": .string("2024-2025"), "class": .string("6A1"), "student": .string("A3"), "date": .string("31/12/2024")])
        // And an independent tampering elsewhere: verify reports it with the schema findings.
        var users = String(decoding: s.dataFile("users.json")!, as: UTF8.self)
        users = users.replacingOccurrences(of: "Giáo Viên Toán", with: "Giáo Viên Toán Giả")
        s.overwriteData("users.json", Data(users.utf8))
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("audit.log line \(missing): score.set lacks `student`."), "\(run)")
        #expect(run.stderr.contains("audit.log line \(wrongKind): the `term` of score.set is \"x\", not 1 or 2."), "\(run)")
        #expect(run.stderr.contains("audit.log line \(unknown): score.set has an unknown field `foo`."), "\(run)")
        #expect(run.stderr.contains("audit.log line \(lateDay): the `date` of transfer.out is \"31/12/2024\", not a day yyyy-mm-dd."), "\(run)")
        #expect(run.stderr.contains("users.json"), "\(run)")
        let vietnamese = s.run(["verify"], as: "ad", environment: ["SODIEM_LANG": "vi"])
        #expect(vietnamese.stderr.contains("audit.log dòng \(missing): score.set thiếu `student`."), "\(vietnamese)")
    }
}
