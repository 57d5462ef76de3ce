import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemStore

@Suite("year.json's student index, read when first needed")
struct YearIndexTests {
    private func sampleYear() -> YearFile {
        var year = YearFile(name: "2024-2025")
        year.classes = ["6A1": ClassInfo(grade: 6, homeroom: "cn.6a1"), "6A2": ClassInfo(grade: 6, homeroom: nil)]
        for k in 1...30 { year.studentIndex["HS\(1000 + k)"] = k % 2 == 0 ? "6A1" : "6A2" }
        year.assignments = ["toan": ["6A1": Assignment(enterers: ["gv.toan"], lead: "gv.toan"), "6A2": Assignment(enterers: ["gv.b"], lead: "gv.b")],
                            "khtn": ["6A1": Assignment(enterers: ["gv.l", "gv.h"], lead: "gv.l", parts: ["Vật lí": "gv.l", "Hóa học": "gv.h"])]]
        year.seq = 7
        return year
    }

    @Test("a year read with its index deferred equals the year read whole, and writes the same bytes")
    func deferredEqualsWhole() throws {
        let year = sampleYear()
        let bytes = Array(year.json.prettyData())
        let (json, span) = try JSON.parse(bytes, deferringTopLevel: "students")
        let range = try #require(span)
        #expect(json["students"].isNull && json["year"].string == "2024-2025")
        #expect(try JSON.parse(bytes[range]) == (try JSON.parse(Data(bytes)))["students"])
        let lazy = try YearFile(json: json, studentIndexBytes: bytes[range])
        #expect(lazy == year)
        #expect(lazy.studentIndex["HS1004"] == "6A1" && lazy.studentIndex.count == 30)
        #expect(Array(lazy.json.prettyData()) == bytes)
        // A change of the index is a change of the year; the copy it came from keeps its index.
        var moved = lazy
        moved.studentIndex["HS1004"] = "6A2"
        #expect(moved != lazy && lazy.studentIndex["HS1004"] == "6A1" && moved.studentIndex["HS1004"] == "6A2")
    }

    @Test("assignments read one subject at a time agree with the year read whole")
    func assignmentsBySubject() throws {
        let year = sampleYear()
        let bytes = Array(year.json.prettyData())
        let (json, deferred) = try JSON.parse(bytes, deferringTopLevel: ["students", "assignments"])
        #expect(json["assignments"].isNull)
        let parts = try #require(deferred["assignments"]).members
        #expect(Set(parts.keys) == ["toan", "khtn"])
        let lazy = try YearFile(json: json, studentIndexBytes: deferred["students"].map { bytes[$0.span] },
                                assignmentBytes: parts.mapValues { bytes[$0] })
        #expect(lazy.assignment("khtn", "6A1")?.parts["Hóa học"] == "gv.h")
        #expect(lazy.assignment("toan", "6A2")?.lead == "gv.b" && lazy.assignment("toan", "7A1") == nil && lazy.assignment("gdcd", "6A1") == nil)
        #expect(lazy == year && lazy.assignments == year.assignments)
        #expect(Array(lazy.json.prettyData()) == bytes)
        var changed = lazy
        changed.assignments["toan"]?["6A1"] = nil
        #expect(changed.assignment("toan", "6A1") == nil && lazy.assignment("toan", "6A1") != nil)
    }

    @Test("a broken index fails the parse where the whole parse fails")
    func brokenIndexFails() throws {
        let text = String(decoding: sampleYear().json.prettyData(), as: UTF8.self).replacingOccurrences(of: "\"HS1001\": \"6A2\"", with: "\"HS1001\": 6A2\"")
        #expect(text.contains("\"HS1001\": 6A2\""))
        let whole = #expect(throws: JSONSyntaxError.self) { try JSON.parse(text) }
        let deferred = #expect(throws: JSONSyntaxError.self) { try JSON.parse(Array(text.utf8), deferringTopLevel: "students") }
        #expect(whole?.offset == deferred?.offset)
    }

    @Test("a world reads year.json with its index and writes it back unchanged")
    func worldReadsTheIndex() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sodiem-yearindex-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = DataDirectory(root: root)
        let year = sampleYear()
        try directory.makeFolder(directory.yearFile("2024-2025").deletingLastPathComponent())
        try directory.replace(directory.yearFile("2024-2025"), with: year.json.prettyData())
        let world = World(directory: directory)
        world.logSeq = 7
        let read = try #require(try world.year("2024-2025"))
        #expect(read == year)
        #expect(try world.encoded(.year("2024-2025")) == year.json.prettyData())
    }
}

@Suite("A data directory's root in standard form")
struct DataDirectoryRootTests {
    @Test("a path with a `.`, `..` or empty component is standardised; one without is kept as it is")
    func rootIsStandard() {
        for path in ["/tmp/a/./b/../c", "/tmp/a//b", "/tmp/a/b/", "/tmp/a/b", "/tmp/..", "/"] {
            let url = URL(fileURLWithPath: path)
            #expect(DataDirectory(root: url).root.path == url.standardizedFileURL.path, "\(path)")
        }
    }

    @Test("a directory named by a path, and the paths built as strings, name what the URLs name")
    func pathsAsStrings() {
        let cwd = FileManager.default.currentDirectoryPath
        for path in ["/tmp/a/./b/../c", "/tmp/a//b", "/tmp/a/b/", "/tmp/a/b", "/", "data", "./x/../data"] {
            let byPath = DataDirectory(path: path)
            let byURL = DataDirectory(root: URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)))
            #expect(byPath.rootPath == byURL.root.standardizedFileURL.path, "\(path)")
            #expect(byPath.root.standardizedFileURL.path == byPath.rootPath, "\(path)")
            let ids: [SnapshotID] = [.school, .users, .year("2024-2025"), .classFile(year: "2024-2025", className: "6A1"),
                                     .fixes("2024-2025"), .frozen(year: "2024-2025", name: "hk1")]
            for id in ids {
                #expect(id.path(in: byPath) == id.url(in: byPath).path, "\(path) \(id)")
            }
            #expect(byPath.schoolFilePath == byPath.schoolFile.path && byPath.auditLogPath == byPath.auditLog.path
                    && byPath.lockFilePath == byPath.lockFile.path, "\(path)")
        }
    }
}

@Suite("users.json's accounts, read one at a time")
struct LazyAccountsTests {
    private func sample() -> UsersFile {
        var users = UsersFile()
        users.accounts = [
            "gv.an": Account(id: "gv.an", name: "Nguyễn Văn An", roles: [.teacher], osUser: "an", email: nil),
            "gv.binh": Account(id: "gv.binh", name: "Trần \"Bình\" os_user", roles: [.teacher], osUser: "binh", email: nil, disabled: true),
            "qt": Account(id: "qt", name: "Quản trị", roles: [.admin], osUser: "an2", email: "qt@example.edu.vn"),
            // Two accounts on one login: the bytes do not single one out, so all are read.
            "gv.c1": Account(id: "gv.c1", name: "C", roles: [.teacher], osUser: "chung", email: nil),
            "gv.c2": Account(id: "gv.c2", name: "C", roles: [.teacher], osUser: "chung", email: nil),
            "gv.q": Account(id: "gv.q", name: "Q", roles: [.teacher], osUser: "qu\"ote", email: nil),
        ]
        users.seq = 12
        return users
    }

    private func lazy(_ users: UsersFile) throws -> UsersFile {
        let bytes = Array(users.json.prettyData())
        let (json, deferred) = try JSON.parse(bytes, deferringTopLevel: ["accounts"])
        return UsersFile(json: json, accountBytes: try #require(deferred["accounts"]).members.mapValues { bytes[$0] })
    }

    @Test("lookups by id and by login give what the whole file gives; the lazy file equals it and writes the same bytes")
    func agreesWithWholeRead() throws {
        let whole = sample()
        for login in ["an", "binh", "an2", "chung", "qu\"ote", "nobody", "a", "os_user"] {
            let users = try lazy(whole)
            let expected = whole.accounts.values.filter { $0.osUser == login }
            if expected.count <= 1 {
                #expect(users.account(osUser: login) == expected.first, "\(login)")
            } else {
                #expect(expected.contains(try #require(users.account(osUser: login))), "\(login)")
            }
        }
        for id in ["gv.an", "gv.binh", "qt", "nobody"] {
            #expect(try lazy(whole).account(id) == whole.accounts[id], "\(id)")
        }
        let users = try lazy(whole)
        #expect(users == whole)
        #expect(users.json.prettyData() == whole.json.prettyData())
        var changed = try lazy(whole)
        changed.accounts["gv.an"]?.disabled = true
        #expect(changed.account("gv.an")?.disabled == true && changed.account("qt") == whole.accounts["qt"])
    }
}
