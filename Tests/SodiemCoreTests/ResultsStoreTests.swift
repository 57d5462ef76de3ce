import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemRules
@testable import SodiemDocuments
@testable import SodiemStore
@testable import SodiemCore

/// A data directory in a temp folder, driven through the core API as root would.
struct CoreSchool {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sodiem-core-\(UUID().uuidString)").path
        _ = try Bootstrap.initialize(invocation(now: "2024-09-02"), school: .init(name: "Trường THCS Thử", ward: nil, district: nil, province: nil,
                                                                       timeZone: "Asia/Ho_Chi_Minh"), admin: nil)
        try write { s throws(SodiemError) in
            _ = try s.createYear(name: "2024-2025", terms: [.first: TermDates(start: Day("2024-09-05")!, end: Day("2025-01-11")!),
                                                          .second: TermDates(start: Day("2025-01-13")!, end: Day("2025-05-24")!)], current: true)
            _ = try s.addClass(try s.year(nil), name: "6A1", grade: 6, homeroom: nil)
            try s.commit(.studentsImport, ["year": .string("2024-2025"), "class": .string("6A1"),
                                           "students": .object(["A1": .object(["name": .string("Trần Văn Bảo"), "particulars": .object([:])]),
                                                                "A2": .object(["name": .string("Lê Thị An"), "particulars": .object([:])])])])
        }
    }

    func invocation(now: String? = nil) -> Invocation {
        Invocation(dataPath: path, asUser: nil, nowOverride: now, lockWait: 2, osUser: "root", osIsRoot: true, commandName: "test")
    }

    @discardableResult
    func write<T>(now: String = "2024-12-20", _ body: (Session) throws(SodiemError) -> T) throws -> T {
        try Session.with(invocation(now: now), mode: .write, body)
    }

    /// Records a whole sheet of one subject and term for one student, as `score.sheet` does.
    func sheet(_ student: String, _ subject: String, term: Int, _ values: [String: Mark]) throws {
        try write { s throws(SodiemError) in
            try s.commit(.scoreSheet, ["year": .string("2024-2025"), "class": .string("6A1"), "subject": .string(subject),
                                       "term": .int(term), "changes": .array(values.map { column, mark in
                                           .object(["student": .string(student), "column": .string(column), "old": .null, "new": mark.json, "late": .bool(false)])
                                       })])
        }
    }
}

private func score(_ tenths: Int) -> Mark { .score(Score(tenths: tenths)!) }

@Suite("Results from the store")
struct ResultsStoreTests {
    @Test("E1 from recorded events: tx 8 7 9 6, gk 7,5, ck 8 → 7,7; others null")
    func workedExampleFromEvents() throws {
        let school = try CoreSchool()
        try school.sheet("A1", "toan", term: 1, ["tx1": score(80), "tx2": score(70), "tx3": score(90), "tx4": score(60),
                                                 "gk": score(75), "ck": score(80)])
        let evaluations = try school.write { s throws(SodiemError) in try s.evaluate(try s.year(nil), try s.classFile(try s.year(nil), "6A1")) }
        #expect(evaluations.map(\.id) == ["A2", "A1"])  // class-list order: An before Bảo
        let a1 = try #require(evaluations.first { $0.id == "A1" })
        #expect(a1.results.term1.subject("toan")?.average == Score(tenths: 77))
        #expect(a1.results.term1.learning == nil)  // other subjects are still empty
        let a2 = try #require(evaluations.first { $0.id == "A2" })
        #expect(a2.results.term1.subject("toan")?.average == nil)
    }

    @Test("a re-test is refused for a student the rules do not send to one")
    func retestRefused() throws {
        let school = try CoreSchool()
        try school.write { s throws(SodiemError) in
            _ = try s.addUser(id: "gv.toan", name: "Giáo Viên Toán", roles: [.teacher], osUser: nil, email: nil)
            _ = try s.assign(try s.year(nil), rows: [.init(subject: "toan", classes: "6A1", enterers: ["gv.toan"], lead: "gv.toan", origin: nil)])
        }
        do {
            _ = try school.write(now: "2025-06-20") { s throws(SodiemError) in  // re-tests open after term II
                try s.recordRetest(try s.year(nil), className: "6A1", student: "A1", subject: "toan", value: "6")
            }
            Issue.record("a re-test without a reason was accepted")
        } catch SodiemError.badData(let message) {
            #expect(message.en.contains("has no re-test"))
        }
    }
}
