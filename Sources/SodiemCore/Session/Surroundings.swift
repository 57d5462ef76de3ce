import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SodiemBasics
import SodiemModel

/// The operating-system login running a command: its name and whether it is the superuser.
public struct OSLogin: Sendable, Equatable {
    /// The login name (`uid 1234` when /etc/passwd has none).
    public var name: String
    /// True for the superuser (uid 0), who acts as the built-in `root` account.
    public var isRoot: Bool

    /// Creates a login from its name and whether it is the superuser.
    public init(name: String, isRoot: Bool) {
        self.name = name
        self.isRoot = isRoot
    }
}

/// Where a session learns who runs it. The binary always uses `SystemIdentity`; another source
/// is for library callers such as tests, which need to run as a chosen login without being it.
public protocol IdentitySource: Sendable {
    /// The login running the command.
    func currentLogin() -> OSLogin
}

/// The real login of this process, from its real uid and /etc/passwd.
public struct SystemIdentity: IdentitySource {
    /// Creates the process's own identity source.
    public init() {}

    /// The real uid's login: a set-group-ID install changes the effective group only, never who runs it.
    public func currentLogin() -> OSLogin {
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
            return OSLogin(name: String(cString: name), isRoot: uid == 0)
        }
        return OSLogin(name: "uid \(uid)", isRoot: uid == 0)
    }
}

/// A login fixed by the caller: for tests and library callers, never built from the environment.
public struct FixedIdentity: IdentitySource {
    /// The login every session of this source runs as.
    public var login: OSLogin

    /// A source that always answers `login`.
    public init(_ login: OSLogin) { self.login = login }

    /// The fixed login.
    public func currentLogin() -> OSLogin { login }
}

/// Where a session reads the real time. Named apart from the standard library's `Clock`,
/// which measures durations; this one tells the wall-clock time an event is recorded at.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system's clock.
public struct SystemClock: WallClock {
    /// Creates the system's clock.
    public init() {}

    /// `Date()`.
    public func now() -> Date { Date() }
}

/// A clock stopped at one moment: for tests that compare the recorded time.
public struct FixedClock: WallClock {
    /// The moment it always tells.
    public var date: Date

    /// A clock that always tells `date`.
    public init(_ date: Date) { self.date = date }

    /// The fixed moment.
    public func now() -> Date { date }
}

/// A command's clock once read: the effective time (`SODIEM_NOW` or the real one) and the real one.
struct ClockReading {
    /// The effective time, in the school's time zone.
    var now: Instant
    /// The real time, which every event records as `at`.
    var realNow: Instant
    /// True when `SODIEM_NOW` is in force (the event then records it as `now`).
    var isOverridden: Bool
}

extension Invocation {
    /// Reads the clock and applies `SODIEM_NOW` — the one place that does, for `init` and every session.
    ///
    /// `mayOverride` is asked only when `SODIEM_NOW` is set: whether the real account is root or an admin.
    func readClock(zone: TimeZone, realID: String, mayOverride: () throws(SodiemError) -> Bool) throws(SodiemError) -> ClockReading {
        let realNow = Instant(date: clock.now(), timeZone: zone)
        guard let text = nowOverride, !text.isEmpty else {
            return ClockReading(now: realNow, realNow: realNow, isOverridden: false)
        }
        guard try mayOverride() else {
            throw SodiemError.notPermitted(vi: "SODIEM_NOW chỉ dành cho root hoặc quản trị viên; \(realID) không được đặt giờ.",
                                           en: "SODIEM_NOW is only for root or an admin; \(realID) may not set the clock.")
        }
        guard let instant = Instant.parse(text, timeZone: zone) else {
            throw SodiemError.usage(vi: "SODIEM_NOW=\"\(text)\" không đúng dạng (2024-10-15 hoặc 2024-10-15T08:00:00+07:00).",
                                    en: "SODIEM_NOW=\"\(text)\" is malformed (use 2024-10-15 or 2024-10-15T08:00:00+07:00).")
        }
        return ClockReading(now: instant, realNow: realNow, isOverridden: true)
    }
}
