import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemRules
@testable import SodiemStore
@testable import SodiemCore

/// Reports as typed values: what they count, their JSON (the keys of docs/reports-and-reminders.md),
/// and frozen figures read back into the same values.
@Suite("Report figures as values")
struct ReportFiguresTests {
    static func invocation(_ path: String, now: String = "2024-10-01") -> Invocation {
        Invocation(dataPath: path, asUser: nil, nowOverride: now, lockWait: 2, commandName: "test",
                   identity: FixedIdentity(OSLogin(name: "root", isRoot: true)), clock: FixedClock(Date(timeIntervalSince1970: 1_727_740_800)))
    }

    /// A school with 6A1 (three students: two Kinh, one Tày; one sex not given) and 7A1 (one student).
    static func makeSchool(_ folder: URL) throws {
        let path = folder.path
        _ = try Bootstrap.initialize(invocation(path, now: "2024-08-20"),
                                     school: .init(name: "Trường THCS Thử", ward: nil, district: nil, province: nil, timeZone: "Asia/Ho_Chi_Minh"),
                                     admin: nil)
        let six = folder.appendingPathComponent("6a1.csv")
        try Data("ma_hs,ho_ten,gioi_tinh,dan_toc\nA1,Vũ Thị Mai,Nữ,Kinh\nA2,Lê Văn Nam,Nam,Tày\nA3,Đỗ Minh An,,kinh\n".utf8).write(to: six)
        let seven = folder.appendingPathComponent("7a1.csv")
        try Data("ma_hs,ho_ten,gioi_tinh,dan_toc\nB1,Trần Thu Hà,Nữ,\n".utf8).write(to: seven)
        try Session.with(invocation(path, now: "2024-09-01"), mode: .write) { s throws(SodiemError) in
            _ = try s.addUser(id: "gv.a", name: "Giáo Viên A", roles: [.teacher], osUser: nil, email: nil)
            _ = try s.createYear(name: "2024-2025", terms: [.first: TermDates(start: Day("2024-09-05")!, end: Day("2025-01-11")!),
                                                            .second: TermDates(start: Day("2025-01-13")!, end: Day("2025-05-24")!)],
                                 current: true)
            _ = try s.addClass(try s.year("2024-2025"), name: "6A1", grade: 6, homeroom: "gv.a")
            _ = try s.addClass(try s.year("2024-2025"), name: "7A1", grade: 7, homeroom: nil)
            _ = try s.importStudents(try s.year("2024-2025"), className: "6A1", file: six, dryRun: false)
            _ = try s.importStudents(try s.year("2024-2025"), className: "7A1", file: seven, dryRun: false)
        }
    }

    @Test("enrollment counts by unit, and its JSON has the documented keys")
    func enrollment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sodiem-figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.makeSchool(folder)
        try Session.with(Self.invocation(folder.path), mode: .read) { s throws(SodiemError) in
            let report = try s.enrollmentReport(try s.year(nil))
            #expect(report.header.kind == .enrollment && report.header.year == "2024-2025" && report.header.date == Day("2024-10-01")!)
            #expect(report.header.seq == 7 && report.header.hash.count == 64 && report.header.school == "Trường THCS Thử")
            #expect(report.units.classes.map(\.className) == ["6A1", "7A1"])
            #expect(report.units.classes.map(\.homeroom) == ["gv.a", nil])
            #expect(report.units.grades.map(\.grade) == [6, 7])
            let six = report.units.classes[0].counts
            #expect(six.students == 3 && six.male == 1 && six.female == 1 && six.sexUnknown == 1)
            #expect(six.kinh == 2 && six.otherEthnic == 1 && six.ethnicityUnknown == 0 && six.ethnicities == ["Kinh": 2, "Tày": 1])
            #expect(report.units.total == EnrollmentFigures(students: 4, male: 1, female: 2, sexUnknown: 1, kinh: 2, otherEthnic: 1,
                                                            ethnicityUnknown: 1, ethnicities: ["Kinh": 2, "Tày": 1]))
            let json = report.json
            #expect(Set(json.object!.keys) == ["kind", "year", "date", "seq", "hash", "school", "total", "grades", "classes"])
            #expect(Set(json["classes"].array![0].object!.keys) == ["class", "grade", "homeroom", "students", "male", "female", "sex_unknown",
                                                                    "kinh", "other_ethnic", "ethnicity_unknown", "ethnicities"])
            #expect(json["classes"].array![1]["homeroom"] == .null)
            #expect(json["total"]["ethnicities"]["Tày"].int == 1)
        }
    }

    @Test("a snapshot reads back into the values of the live report, with its name in the header")
    func frozenEqualsLive() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sodiem-figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.makeSchool(folder)
        var live: (EnrollmentReport, ResultsReport)?
        try Session.with(Self.invocation(folder.path), mode: .write) { s throws(SodiemError) in
            let year = try s.year(nil)
            live = (try s.enrollmentReport(year), try s.resultsReport(year))
            _ = try s.createSnapshot(year, name: "chot-thu")
        }
        try Session.with(Self.invocation(folder.path, now: "2024-12-01"), mode: .read) { s throws(SodiemError) in
            let year = try s.year(nil)
            guard case .enrollment(let enrollment) = try s.frozenReport(year, name: "chot-thu", kind: .enrollment),
                  case .results(let results) = try s.frozenReport(year, name: "chot-thu", kind: .results) else {
                Issue.record("a frozen report of the wrong kind")
                return
            }
            guard var expected = live else {
                Issue.record("no live figures")
                return
            }
            expected.0.header.snapshot = "chot-thu"
            expected.1.header.snapshot = "chot-thu"
            #expect(enrollment == expected.0)
            #expect(results == expected.1)
            #expect(results.periods == [.term(.first), .term(.second), .year])
            #expect(results.units.total.periods[.year]?.year?.outcomes[.undecided] == 4)
            #expect(results.units.total.periods[.term(.first)]?.year == nil)
            // The JSON of the frozen values is the frozen JSON, plus the snapshot's name.
            guard var frozen = try s.world.frozenFigures("2024-2025", "chot-thu")?.figures["results"].object else {
                Issue.record("no frozen results")
                return
            }
            frozen["snapshot"] = .string("chot-thu")
            #expect(results.json == .object(frozen))
            // --term keeps the period asked for, everywhere.
            let kept = results.keeping([.term(.second)])
            #expect(kept.periods == [.term(.second)])
            #expect(kept.units.classes.allSatisfy { Array($0.counts.periods.keys) == [.term(.second)] })
            #expect(kept.json["total"]["terms"].object?.keys.sorted() == ["2"])
            #expect(kept.json["periods"] == .array([.string("2")]))
        }
    }

    @Test("figures frozen by an older build (no hoan-thanh-thcs, a 12-digit hash) read back and encode as they were")
    func olderFrozenFigures() throws {
        let read = FrozenFiguresReader(refusal: .badData(vi: "hỏng", en: "bad"))
        func levels(_ none: Int) -> JSON { .object(["T": .int(0), "K": .int(0), "Đ": .int(0), "CĐ": .int(0), "none": .int(none)]) }
        let year: JSON = .object(["students": .int(2), "learning": levels(2), "conduct": levels(2), "learning_initial": levels(2),
                                  "conduct_initial": levels(2), "titles": .object(["xuat-sac": .int(0), "gioi": .int(0)]),
                                  "outcomes": .object(["len-lop": .int(1), "ren-luyen-he": .int(0), "kiem-tra-lai": .int(0),
                                                       "o-lai-lop": .int(0), "none": .int(1)]),
                                  "retests": .object(["students": .int(0), "recorded": .int(0), "subjects": .object([:])])])
        let unit: JSON = .object(["students": .int(2), "terms": .object(["year": year])])
        var classUnit = unit.object!
        classUnit["class"] = .string("9A1")
        classUnit["grade"] = .int(9)
        classUnit["homeroom"] = .null
        var gradeUnit = unit.object!
        gradeUnit["grade"] = .int(9)
        let old: JSON = .object(["kind": .string("results"), "year": .string("2024-2025"), "date": .string("2025-05-31"),
                                 "seq": .int(40), "hash": .string("0123456789ab"), "school": .string("Trường THCS Thử"),
                                 "periods": .array([.string("year")]), "total": unit,
                                 "grades": .array([.object(gradeUnit)]), "classes": .array([.object(classUnit)])])
        let report = try ResultsReport(frozen: old, snapshot: "chot-cu", read)
        var expected = old.object!
        expected["snapshot"] = .string("chot-cu")
        #expect(report.json == .object(expected))
        #expect(report.json.compactString() == JSON.object(expected).compactString())
        // The key that did not exist then reads as absent, not as 0.
        #expect(report.units.total.periods[.year]?.year?.outcomes[.completedLowerSecondary] == nil)
        #expect(report.units.total.periods[.year]?.year?.outcomes[.outcome(.promoted)] == 1)
        #expect(report.header.hash == "0123456789ab")
    }

    @Test("frozen figures that do not read are refused (65), naming the snapshot")
    func malformedFrozenFigures() throws {
        let read = FrozenFiguresReader(refusal: .badData(vi: "Bản chốt x hỏng", en: "The snapshot x is bad"))
        let good: JSON = .object(["kind": .string("enrollment"), "year": .string("2024-2025"), "date": .string("2024-10-01"),
                                  "seq": .int(3), "hash": .string("ab"), "school": .string("T"),
                                  "total": .object(["students": .int(0), "male": .int(0), "female": .int(0), "sex_unknown": .int(0),
                                                    "kinh": .int(0), "other_ethnic": .int(0), "ethnicity_unknown": .int(0),
                                                    "ethnicities": .object([:])]),
                                  "grades": .array([]), "classes": .array([])])
        #expect(try EnrollmentReport(frozen: good, snapshot: "x", read).json["snapshot"] == .string("x"))
        var wrongCount = good.object!
        wrongCount["total"] = .object(good["total"].object!.merging(["male": .string("hai")]) { _, new in new })
        var wrongKind = good.object!
        wrongKind["kind"] = .string("results")
        var noUnits = good.object!
        noUnits["classes"] = nil
        for bad in [wrongCount, wrongKind, noUnits] {
            do {
                _ = try EnrollmentReport(frozen: .object(bad), snapshot: "x", read)
                Issue.record("read figures that are not the shape written")
            } catch {
                guard case .badData(let message) = error else { Issue.record("not 65: \(error)"); continue }
                #expect(message.en.contains("snapshot x"))
            }
        }
    }
}
