import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemRules
@testable import SodiemDocuments
@testable import SodiemStore
@testable import SodiemCore

/// A data directory in a temporary folder, driven through the core API as root (no binary).
private struct School {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sodiem-core-\(UUID().uuidString)").path
        _ = try Bootstrap.initialize(invocation(nil, "2024-09-02"), school: .init(name: "Trường THCS Thử Lõi", ward: nil, district: nil,
                                                                                   province: nil, timeZone: "Asia/Ho_Chi_Minh"), admin: nil)
        try write(nil, "2024-09-02") { s in
            _ = try s.addUser(id: "gv.toan", name: "Giáo Viên Toán", roles: [.teacher], osUser: nil, email: nil)
            _ = try s.addUser(id: "ht", name: "Hiệu Trưởng Lõi", roles: [.principal], osUser: nil, email: nil)
            let day = { (text: String) in Day(text)! }
            _ = try s.createYear(name: "2024-2025", terms: [.first: TermDates(start: day("2024-09-05"), end: day("2025-01-11")),
                                                            .second: TermDates(start: day("2025-01-13"), end: day("2025-05-24"))], current: true)
        }
        // A new session: the current year is read when a session opens.
        try write(nil, "2024-09-02") { s in
            let year = try s.year(nil)
            _ = try s.addClass(year, name: "6A1", grade: 6, homeroom: nil)
            _ = try s.assign(try s.year(nil), rows: [.init(subject: "toan", classes: "6A1", enterers: ["gv.toan"], lead: "gv.toan", origin: nil)])
            try s.commit(.studentsImport, ["year": .string("2024-2025"), "class": .string("6A1"),
                                           "students": .object(["A1": .object(["name": .string("Trần Văn Bảo"), "particulars": .object([:])])])])
        }
    }

    func invocation(_ user: String?, _ now: String) -> Invocation {
        Invocation(dataPath: path, asUser: user, nowOverride: now, lockWait: 5, osUser: "root", osIsRoot: true, commandName: "test")
    }

    /// Runs `body` in a session that is closed (its lock released) when it returns.
    @discardableResult
    func write<T>(_ user: String?, _ now: String, _ body: (Session) throws -> T) throws -> T {
        let session = try Session(invocation(user, now), mode: .write)
        return try withExtendedLifetime(session) { try body(session) }
    }

    func read<T>(_ body: (Session) throws -> T) throws -> T {
        let session = try Session(invocation(nil, "2025-01-25"), mode: .read)
        return try withExtendedLifetime(session) { try body(session) }
    }
}

private func ask(to: String?) -> FixAsk {
    FixAsk(className: "6A1", subject: "Toán", term: .first, student: "A1", column: "ck", to: to, reason: "Cộng sai", evidence: nil)
}

@Suite("Locks and corrections, core")
struct LockAndFixCoreTests {
    @Test("a score changed after the request (score.set) makes it stale; approval then changes nothing")
    func staleAfterScoreSet() throws {
        let school = try School()
        let fix = try school.write("gv.toan", "2025-01-20") { s in try s.requestFix(try s.year(nil), ask(to: "9")) }
        #expect(fix.id == 1 && fix.from == nil && fix.to == .score(Score(tenths: 90)!))
        // The score is entered after the request was filed (as enter-score will do).
        try school.write(nil, "2025-01-21") { s in
            try s.commit(.scoreSet, ["year": .string("2024-2025"), "class": .string("6A1"), "subject": .string("toan"),
                                     "term": .int(1), "student": .string("A1"), "column": .string("ck"),
                                     "old": .null, "new": .tenths(70), "late": .bool(false)])
        }
        #expect(throws: SodiemError.self) {
            try school.write("ht", "2025-01-22") { s in try s.approveFix(try s.year(nil), id: 1, witnesses: []) }
        }
        do {
            _ = try school.write("ht", "2025-01-22") { s in try s.approveFix(try s.year(nil), id: 1, witnesses: []) }
        } catch let error as SodiemError {
            guard case .badData(let message) = error else { Issue.record("expected bad data, got \(error)"); return }
            #expect(message.en.contains("stale"))
        }
        let (status, mark) = try school.read { s in
            let year = try s.year(nil)
            return (try s.fixRequest(year, 1).status, try s.classFile(year, "6A1").students["A1"]!.marks("toan", .first)[.endOfTerm])
        }
        #expect(status == .pending && mark == .score(Score(tenths: 70)!))
        // A fresh request from 7,0 is approved and corrects the score; the query marks the cell.
        let fresh = try school.write("gv.toan", "2025-01-22") { s in try s.requestFix(try s.year(nil), ask(to: "8,5")) }
        #expect(fresh.id == 2 && fresh.from == .score(Score(tenths: 70)!))
        _ = try school.write("ht", "2025-01-23") { s in try s.approveFix(try s.year(nil), id: 2, witnesses: ["gv.toan"]) }
        let corrections = try school.read { s in try s.fixes(try s.year(nil)).approvedCorrections(className: "6A1") }
        let cell = ScoreCell(student: "A1", subject: "toan", term: .first, column: .endOfTerm)
        #expect(corrections.count == 1 && corrections[cell]?.id == 2 && corrections[cell]?.to == .score(Score(tenths: 85)!))
        _ = try school.read { s in try s.verify() }
    }

    @Test("lock-term --due: the lock date holds through its day; a class reopening keeps only that class open")
    func dueLocking() throws {
        let school = try School()
        let onTheDay = try school.write(nil, "2025-01-18") { s in try s.lockDueTerms(try s.year(nil)) }
        #expect(onTheDay.nothingToDo)
        _ = try school.write(nil, "2025-01-18") { s in
            try s.unlockTerm(try s.year(nil), term: .first, className: "6A1", order: "Chỉ đạo của BGH", until: Day("2025-01-20"))
        }
        let next = try school.write(nil, "2025-01-19") { s in try s.lockDueTerms(try s.year(nil)) }
        #expect(next.locked.count == 1 && next.locked[0].stillOpen.map(\.className) == ["6A1"])
        #expect(next.locked[0].event["except"] == .array([.string("6A1")]))
        let year = try school.read { s in try s.year(nil) }
        #expect(!year.isLocked(.first, className: "6A1"))
        #expect(year.reopening(.first, className: "6A1", on: Day("2025-01-20")!) != nil)
        #expect(year.reopening(.first, className: "6A1", on: Day("2025-01-21")!) == nil)
        #expect(try school.write(nil, "2025-01-20") { s in try s.lockDueTerms(try s.year(nil)) }.nothingToDo)
        #expect(try school.write(nil, "2025-01-21") { s in try s.lockDueTerms(try s.year(nil)) }.locked.count == 1)
        #expect(try school.read { s in try s.year(nil) }.isLocked(.first, className: "6A1"))
    }

    @Test("HTML.escape escapes & < > \" ' and keeps Vietnamese as it is")
    func escaping() {
        #expect(HTML.escape("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;")
        #expect(HTML.escape("Nguyễn Thị Hiền") == "Nguyễn Thị Hiền")
        #expect(HTML.escape("x\u{1}y") == "x\u{FFFD}y")
        #expect(HTML.element("td", ["title": "\"q\""], HTML.escape("<b>")) == "<td title=\"&quot;q&quot;\">&lt;b&gt;</td>")
        var document = HTMLDocument(title: "T<", footer: "#3")
        document.page(.portrait, "<p>x</p>")
        let page = document.render()
        #expect(page.contains("@page { size: A4 portrait;") && page.contains("DejaVu Serif") && page.contains("<title>T&lt;</title>"))
        #expect(!page.contains("<script"))
    }
}
