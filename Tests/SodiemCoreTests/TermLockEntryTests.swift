import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemRules
@testable import SodiemDocuments
@testable import SodiemStore
@testable import SodiemCore

/// Core storage: the term lock is honoured by score entry (a lock written as an event through `Session.commit`).
@Suite("Score entry against a locked term")
struct TermLockEntryTests {
    static func invocation(_ path: String, as user: String? = nil, now: String) -> Invocation {
        Invocation(dataPath: path, asUser: user, nowOverride: now, lockWait: 5, osUser: "root", osIsRoot: true, commandName: "test")
    }

    @Test("a locked term refuses entry (77) with the request-fix way out")
    func locked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sodiem-lock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.path
        _ = try Bootstrap.initialize(Self.invocation(path, now: "2024-09-01"),
                                     school: .init(name: "Trường THCS Thử", ward: nil, district: nil, province: nil, timeZone: "Asia/Ho_Chi_Minh"),
                                     admin: nil)
        let students = folder.appendingPathComponent("hs.csv")
        try Data("ma_hs,ho_ten\nC1,Vũ Thị Mai\n".utf8).write(to: students)
        try Session.with(Self.invocation(path, now: "2024-09-02"), mode: .write) { s throws(SodiemError) in
            _ = try s.addUser(id: "gv.a", name: "Giáo Viên A", roles: [.teacher], osUser: nil, email: nil)
            _ = try s.createYear(name: "2024-2025", terms: [.first: TermDates(start: Day("2024-09-05")!, end: Day("2025-01-11")!)], current: true)
            _ = try s.addClass(try s.year("2024-2025"), name: "6A1", grade: 6, homeroom: nil)
            _ = try s.addClass(try s.year("2024-2025"), name: "6A2", grade: 6, homeroom: nil)
            _ = try s.assign(try s.year("2024-2025"), rows: [.init(subject: "toan", classes: "6A1, 6A2", enterers: ["gv.a"], lead: "gv.a", origin: nil)])
            _ = try s.importStudents(try s.year("2024-2025"), className: "6A1", file: students, dryRun: false)
            _ = try s.commit(.termLock, ["year": .string("2024-2025"), "term": .int(1), "due": .bool(true), "except": .array([.string("6A2")])])
        }
        var refusal: SodiemError?
        do {
            try Session.with(Self.invocation(path, as: "gv.a", now: "2024-10-01"), mode: .write) { s throws(SodiemError) in
                let year = try s.year("2024-2025")
                #expect(year.isLocked(.first, className: "6A1"))
                #expect(!year.isLocked(.first, className: "6A2"))
                _ = try s.enterScore(year, className: "6A1", subject: "toan", term: "1", student: "C1", column: "tx1", value: "8")
            }
        } catch { refusal = error }
        guard case .notPermitted(let message) = refusal else { Issue.record("expected 77, got \(String(describing: refusal))"); return }
        #expect(message.en.contains("locked"))
        // Core names the way out by situation, with every particular; the CLI spells it
        // (`sodiem request-fix --class 6A1 --subject toan --term 1 --student C1 --column tx1 --to 8,0`,
        // SpellingTests.theRequestFixOfALockedScoreIsSpelledInFull).
        let step = NextStep.requestFixOfScore(className: "6A1", subject: "toan", term: 1, student: "C1", column: "tx1", value: "8,0", clearing: false)
        #expect(message.en.contains(Reference.step(step).token))
        // The lock stays in year.json through a replay: a fresh session sees it too.
        try Session.with(Self.invocation(path, as: "gv.a", now: "2024-10-01"), mode: .read) { s throws(SodiemError) in
            #expect(try s.year("2024-2025").isLocked(.first, className: "6A1"))
            #expect(try s.world.classFile("2024-2025", "6A1")?.students["C1"]?.marks("toan", .first).isEmpty == true)
        }
    }

    @Test("the first-entry day is kept when a score is cleared")
    func enteredKept() throws {
        var file = ClassFile(name: "6A1", grade: 6)
        file.students["C1"] = StudentRecord(name: "Vũ Thị Mai")
        func event(_ seq: Int, _ now: String, _ new: JSON) -> AuditEvent {
            AuditEvent(seq: seq, at: "2030-01-01T00:00:00+07:00", by: "root", actingAs: nil, now: now, action: .scoreSet,
                       body: ["year": .string("2024-2025"), "class": .string("6A1"), "subject": .string("toan"), "term": .int(1),
                              "student": .string("C1"), "column": .string("gk"), "old": .null, "new": new, "late": .bool(false)],
                       prev: String(repeating: "0", count: 64))
        }
        try file.apply(event(1, "2024-10-03T09:00:00+07:00", .tenths(70)))
        try file.apply(event(2, "2024-10-05T09:00:00+07:00", .null))
        #expect(file.students["C1"]!.marks("toan", .first).midTerm == nil)
        #expect(file.students["C1"]!.marks("toan", .first).entered[.midTerm] == Day("2024-10-03"))
        try file.apply(event(3, "2024-10-20T09:00:00+07:00", .tenths(80)))
        #expect(file.students["C1"]!.marks("toan", .first).entered[.midTerm] == Day("2024-10-03"))
        // Written into the class file inside the marks object, and read back.
        let json = file.json["students"]["C1"]["scores"]["toan"]["1"]
        #expect(json["entered"]["2024-10-03"] == .array([.string("gk")]))
        #expect(try ClassFile(json: file.json) == file)
    }
}
