import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemRules
@testable import SodiemDocuments
@testable import SodiemStore
@testable import SodiemCore

@Suite("School practice in the core: parts of subjects, merged assignments, empty classes")
struct SchoolPracticeCoreTests {
    @Test("an empty class whose name does not start with its grade does not block promotion")
    func emptyOddClassPromotes() throws {
        let school = try CoreSchool()
        // Data written before `class add` checked the grade digit: 6A4 in grade 7, no students.
        try school.write { s throws(SodiemError) in
            try s.commit(.classAdd, ["year": .string("2024-2025"), "class": .string("6A4"), "grade": .int(7), "homeroom": .null])
        }
        let plan = try school.write(now: "2025-06-20") { s throws(SodiemError) in try s.promotionPlan(from: try s.year(nil)) }
        #expect(plan.undetermined.map(\.student).sorted() == ["A1", "A2"])
        #expect(plan.classes["6A4"] == nil && plan.classes["7A4"] == nil)
    }

    @Test("a part names its whole subject; whole subjects and aliases of the whole are not parts")
    func parts() {
        #expect(TT22Catalogue.part("Hoá học")?.subject.code == "khtn")
        #expect(TT22Catalogue.part("Âm nhạc")?.subject.code == "nghe-thuat")
        #expect(TT22Catalogue.part("Mỹ thuật")?.part == "Mĩ thuật")
        #expect(TT22Catalogue.part("Sử")?.subject.code == "ls-dl")
        #expect(TT22Catalogue.part("KHTN") == nil && TT22Catalogue.part("Nghệ thuật") == nil && TT22Catalogue.part("toan") == nil)
    }

    @Test("assign: rows of one call merge their enterers in order; two leads for one subject and class are refused")
    func assignMerge() throws {
        let school = try CoreSchool()
        let event = try school.write { s throws(SodiemError) in
            _ = try s.addUser(id: "gv.a", name: "Giáo Viên A", roles: [.teacher], osUser: nil, email: nil)
            _ = try s.addUser(id: "gv.b", name: "Giáo Viên B", roles: [.teacher], osUser: nil, email: nil)
            return try s.assign(try s.year(nil), rows: [
                .init(subject: "Âm nhạc", classes: "6A1", enterers: ["gv.a"], lead: "gv.a", origin: "pc.csv:2"),
                .init(subject: "Mĩ thuật", classes: "6A1", enterers: ["gv.b"], lead: "gv.a", origin: "pc.csv:3"),
            ])
        }
        let item = try #require(event?["assignments"].array?.first)
        #expect(item["enterers"].array?.compactMap(\.string) == ["gv.a", "gv.b"])
        do {
            _ = try school.write { s throws(SodiemError) in
                try s.assign(try s.year(nil), rows: [
                    .init(subject: "Âm nhạc", classes: "6A1", enterers: ["gv.a"], lead: "gv.a", origin: "pc.csv:2"),
                    .init(subject: "Mĩ thuật", classes: "6A1", enterers: ["gv.b"], lead: "gv.b", origin: "pc.csv:3"),
                ])
            }
            Issue.record("two leads were accepted")
        } catch SodiemError.badData(let message) {
            #expect(message.en.contains("pc.csv:2") && message.en.contains("pc.csv:3") && message.en.contains("two leads"))
        }
    }
}
