import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemStore
@testable import SodiemCore

/// Sessions opened as a chosen OS login and on a chosen clock, without being root or changing
/// users: the checks of "Foundation: OS logins" (which needs root, useradd and runuser) at the
/// Core level, where `Invocation` takes an `IdentitySource` and a `WallClock`.
@Suite("Injected clock and identity")
struct InjectedSurroundingsTests {
    /// 2024-09-02 08:30:00 +07:00, the moment the fixed clock tells.
    static let moment = Date(timeIntervalSince1970: 1_725_240_600)

    static func invocation(_ path: String, login: String, root: Bool = false, as user: String? = nil,
                           now: String? = nil) -> Invocation {
        Invocation(dataPath: path, asUser: user, nowOverride: now, lockWait: 2, commandName: "test",
                   identity: FixedIdentity(OSLogin(name: login, isRoot: root)), clock: FixedClock(moment))
    }

    static let school = Bootstrap.SchoolParticulars(name: "Trường THCS Đồi Thông", ward: nil, district: nil, province: nil,
                                                    timeZone: "Asia/Ho_Chi_Minh")

    /// A fresh folder path, removed by the caller.
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("sodiem-inject-\(UUID().uuidString)")
    }

    /// The exit code the CLI gives an error (its mapping lives in SodiemCLI, above Core).
    static func exitCode(_ error: SodiemError) -> Int {
        switch error {
        case .usage: return 64
        case .badData: return 65
        case .notFound: return 66
        case .unavailable: return 69
        case .cannotCreate: return 73
        case .io: return 74
        case .busy: return 75
        case .notPermitted: return 77
        case .notConfigured: return 78
        case .internalError: return 1
        }
    }

    /// The refusal `body` throws, if any.
    static func refusal(_ body: () throws(SodiemError) -> Void) -> SodiemError? {
        do { try body(); return nil } catch { return error }
    }

    /// A school whose first admin is the login `lan` (account qt.lan) and whose teacher is the login `hoa` (gv.hoa).
    static func makeSchool(_ path: String) throws {
        _ = try Bootstrap.initialize(invocation(path, login: "lan"), school: school,
                                     admin: .init(id: "qt.lan", name: "Lưu Thị Lan"))
        try Session.with(invocation(path, login: "lan", now: "2024-08-20"), mode: .write) { s throws(SodiemError) in
            _ = try s.addUser(id: "gv.hoa", name: "Đỗ Thị Hoa", roles: [.teacher], osUser: "hoa", email: nil)
            _ = try s.createYear(name: "2024-2025", terms: [.first: TermDates(start: Day("2024-09-05")!, end: Day("2025-01-11")!)],
                                 current: true)
            _ = try s.addClass(try s.year("2024-2025"), name: "6A1", grade: 6, homeroom: "gv.hoa")
        }
    }

    @Test("init by a plain login makes it the first admin, recorded at the injected clock's time")
    func firstAdmin() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let event = try Bootstrap.initialize(Self.invocation(folder.path, login: "lan"), school: Self.school,
                                             admin: .init(id: "qt.lan", name: "Lưu Thị Lan"))
        #expect(event.by == "qt.lan")
        #expect(event.at == "2024-09-02T08:30:00+07:00")
        #expect(event.now == nil)
        #expect(event["admin"]["os_user"].string == "lan")
        // The same login then opens sessions as that admin.
        try Session.with(Self.invocation(folder.path, login: "lan"), mode: .read) { s throws(SodiemError) in
            #expect(s.identity.realID == "qt.lan" && !s.identity.isRoot)
            #expect(s.realNow.iso8601 == "2024-09-02T08:30:00+07:00" && s.now == s.realNow && !s.nowIsOverridden)
        }
        // Root naming the first admin acts as itself; the admin gets no OS login.
        let other = Self.folder()
        defer { try? FileManager.default.removeItem(at: other) }
        let byRoot = try Bootstrap.initialize(Self.invocation(other.path, login: "root", root: true, now: "2024-08-01"),
                                              school: Self.school, admin: .init(id: "qt.lan", name: "Lưu Thị Lan"))
        #expect(byRoot.by == "root" && byRoot["admin"]["os_user"] == .null)
        #expect(byRoot.now == "2024-08-01T00:00:00+07:00" && byRoot.at == "2024-09-02T08:30:00+07:00")
    }

    @Test("init without --admin by a plain login: 77, and no folder is made")
    func initNeedsRootOrAdmin() {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let refusal = Self.refusal { () throws(SodiemError) in
            _ = try Bootstrap.initialize(Self.invocation(folder.path, login: "lan"), school: Self.school, admin: nil)
        }
        #expect(refusal.map(Self.exitCode) == 77, "\(String(describing: refusal))")
        #expect(refusal?.message.en.contains("lan") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("an unregistered login, a teacher's --as and SODIEM_NOW, a disabled account: 77")
    func refusals() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.makeSchool(folder.path)
        // A login nobody registered is named, with the way to register it.
        let unknown = Self.refusal { () throws(SodiemError) in
            _ = try Session(Self.invocation(folder.path, login: "khach"), mode: .read)
        }
        #expect(unknown.map(Self.exitCode) == 77)
        #expect(unknown?.message.en.contains("\"khach\"") == true && unknown?.message.en.contains(Reference.step(.registerOSUser(osUser: "khach")).token) == true)
        // The teacher's own login opens a session as gv.hoa; the effective time is the real one.
        try Session.with(Self.invocation(folder.path, login: "hoa"), mode: .read) { s throws(SodiemError) in
            #expect(s.identity.realID == "gv.hoa" && s.identity.actingID == "gv.hoa")
            #expect(!s.allows(.setUp))
        }
        let asOther = Self.refusal { () throws(SodiemError) in
            _ = try Session(Self.invocation(folder.path, login: "hoa", as: "qt.lan"), mode: .read)
        }
        #expect(asOther.map(Self.exitCode) == 77 && asOther?.message.en.contains(Reference.option(.acting).token) == true)
        for text in ["2024-10-15", "hôm qua"] {
            let clock = Self.refusal { () throws(SodiemError) in
                _ = try Session(Self.invocation(folder.path, login: "hoa", now: text), mode: .read)
            }
            #expect(clock.map(Self.exitCode) == 77 && clock?.message.en.contains("SODIEM_NOW") == true, "SODIEM_NOW=\(text): \(String(describing: clock))")
        }
        let setUp = Self.refusal { () throws(SodiemError) in
            try Session.with(Self.invocation(folder.path, login: "hoa"), mode: .write) { s throws(SodiemError) in
                _ = try s.addClass(try s.year("2024-2025"), name: "6A2", grade: 6, homeroom: nil)
            }
        }
        #expect(setUp.map(Self.exitCode) == 77)
        // The admin's login may act as the teacher and set the clock; the event records both.
        try Session.with(Self.invocation(folder.path, login: "lan", as: "gv.hoa", now: "2024-10-15"), mode: .write) { s throws(SodiemError) in
            #expect(s.identity.realID == "qt.lan" && s.identity.actingID == "gv.hoa")
            #expect(s.now.day == Day("2024-10-15")! && s.nowIsOverridden)
        }
        try Session.with(Self.invocation(folder.path, login: "lan"), mode: .write) { s throws(SodiemError) in
            _ = try s.disableUser(id: "gv.hoa")
        }
        let disabled = Self.refusal { () throws(SodiemError) in
            _ = try Session(Self.invocation(folder.path, login: "hoa"), mode: .read)
        }
        #expect(disabled.map(Self.exitCode) == 77 && disabled?.message.en.contains("disabled") == true)
    }

    @Test("every event records the injected clock's time as at and SODIEM_NOW as now")
    func recordedTimes() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.makeSchool(folder.path)
        let lines = try String(contentsOf: folder.appendingPathComponent("audit.log"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        for (number, line) in lines.enumerated() {
            guard case .success(let event) = AuditEvent.parse(Data(line.utf8)) else {
                Issue.record("line \(number + 1) does not parse")
                continue
            }
            #expect(event.at == "2024-09-02T08:30:00+07:00")
            #expect(event.now == (number == 0 ? nil : "2024-08-20T00:00:00+07:00"))
        }
    }

    @Test("a malformed SODIEM_NOW for init is 64 after the checks, and init's texts pass the rules of every event")
    func initThroughCommit() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let malformed = Self.refusal { () throws(SodiemError) in
            _ = try Bootstrap.initialize(Self.invocation(folder.path, login: "root", root: true, now: "hôm qua"), school: Self.school, admin: nil)
        }
        #expect(malformed.map(Self.exitCode) == 64 && malformed?.message.en.contains("SODIEM_NOW") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("audit.log").path))
        // A control character in the school's name is refused as in every other event (TextRules), before any folder.
        let elsewhere = Self.folder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        var named = Self.school
        named.name = "Trường THCS\u{7}Đồi Thông"
        let control = Self.refusal { () throws(SodiemError) in
            _ = try Bootstrap.initialize(Self.invocation(elsewhere.path, login: "root", root: true), school: named, admin: nil)
        }
        #expect(control.map(Self.exitCode) == 65 && control?.message.en.contains("U+0007") == true, "\(String(describing: control))")
        #expect(!FileManager.default.fileExists(atPath: elsewhere.path))
        // The first event is chained from the genesis hash like any commit, and a second init is refused.
        let event = try Bootstrap.initialize(Self.invocation(folder.path, login: "root", root: true), school: Self.school, admin: nil)
        #expect(event.seq == 1 && event.prev == AuditLog.genesis)
        let again = Self.refusal { () throws(SodiemError) in
            _ = try Bootstrap.initialize(Self.invocation(folder.path, login: "root", root: true), school: Self.school, admin: nil)
        }
        #expect(again.map(Self.exitCode) == 73)
    }
}
