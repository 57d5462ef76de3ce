import Foundation
import SodiemBasics
import SodiemFormats

/// `sodiem.json`: the format version, the school's particulars and the current year.
public struct SchoolFile: Sendable, Equatable {
    /// The data format this build writes (docs/data-format.md).
    public static let formatVersion = 2

    /// The data format of this directory (`format`); a reader refuses a number newer than `formatVersion`.
    /// A new directory starts at 1; the first `year.close` declares 2 (docs/data-format.md).
    public var format = 1
    /// Tên trường.
    public var name = ""
    /// Phường/xã.
    public var ward: String?
    /// Quận/huyện.
    public var district: String?
    /// Tỉnh/thành phố.
    public var province: String?
    /// IANA time zone of the school.
    public var timeZone = "Asia/Ho_Chi_Minh"
    /// The year commands use when `--year` is not given.
    public var currentYear: String?
    /// Every school year held, oldest first.
    public var years: [String] = []
    /// The last event reflected.
    public var seq = 0
    /// SHA-256 of that event's log line, so that an edit of the last line is found too.
    public var hash = ""

    /// Creates an unconfigured school file: no name, no years, the default time zone.
    public init() {}

    package init(json: JSON) throws(SodiemError) {
        guard let format = json["format"].int else { throw SodiemError.corrupt("sodiem.json", "format") }
        guard format <= SchoolFile.formatVersion else {
            throw SodiemError.notConfigured(vi: "sodiem.json có định dạng \(format), mới hơn bản sodiem này (\(SchoolFile.formatVersion)). Hãy cập nhật sodiem.",
                                            en: "sodiem.json has format \(format), newer than this sodiem (\(SchoolFile.formatVersion)). Update sodiem.")
        }
        self.format = format
        name = json["school"]["name"].string ?? ""
        ward = json["school"]["ward"].string
        district = json["school"]["district"].string
        province = json["school"]["province"].string
        timeZone = json["timezone"].string ?? timeZone
        currentYear = json["current_year"].string
        years = json["years"].array?.compactMap(\.string) ?? []
        seq = json["seq"].int ?? 0
        hash = json["hash"].string ?? ""
    }

    package var json: JSON {
        .object([
            "hash": .string(hash),
            "format": .int(format),
            "school": .object(["name": .string(name), "ward": .optional(ward), "district": .optional(district),
                               "province": .optional(province)]),
            "timezone": .string(timeZone),
            "current_year": .optional(currentYear),
            "years": .array(years.map(JSON.string)),
            "seq": .int(seq),
        ])
    }

    /// The school's time zone (UTC+7 if the name is unknown to this system).
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 7 * 3600)! }
}

/// A role an account can hold (vai trò).
public enum Role: String, Sendable, CaseIterable, Comparable {
    /// Giáo viên (subject or homeroom teacher; rights come from assignments).
    case teacher
    /// Tổ quản trị: the system administration team.
    case admin
    /// Hiệu trưởng.
    case principal
    /// Phó hiệu trưởng.
    case vicePrincipal = "vice-principal"
    /// Scheduled jobs (cron): read-only, reminders, scheduled locks.
    case system

    /// Orders roles as users.json lists them: teacher, admin, principal, vice-principal, system.
    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An account (tài khoản) of a person or of cron.
public struct Account: Sendable, Equatable {
    /// The built-in superuser's account id: the OS user root, who needs no entry in users.json.
    public static let rootID = "root"

    /// The account id (mã tài khoản), the key in users.json and the name `--as` takes.
    public var id: String
    /// Họ và tên.
    public var name: String
    /// Roles held (vai trò), in `Role` order.
    public var roles: [Role]
    /// The operating-system login mapped to this account.
    public var osUser: String?
    /// E-mail address for reminder mails (`remind --outbox`), if any.
    public var email: String?
    /// Disabled accounts stay on record and can no longer act.
    public var disabled = false

    /// Creates an account from its fields (enabled by default).
    public init(id: String, name: String, roles: [Role], osUser: String?, email: String?, disabled: Bool = false) {
        self.id = id
        self.name = name
        self.roles = roles
        self.osUser = osUser
        self.email = email
        self.disabled = disabled
    }

    package init(id: String, json: JSON) {
        self.id = id
        name = json["name"].string ?? id
        roles = json["roles"].array?.compactMap { $0.string.flatMap(Role.init(rawValue:)) } ?? []
        osUser = json["os_user"].string
        email = json["email"].string
        disabled = json["disabled"].bool ?? false
    }

    package var json: JSON {
        .object(["name": .string(name), "roles": .array(roles.map { .string($0.rawValue) }),
                 "os_user": .optional(osUser), "email": .optional(email), "disabled": .bool(disabled)])
    }

    /// True when the account holds the role.
    public func has(_ role: Role) -> Bool { roles.contains(role) }

    /// The board: principal or vice-principal (Ban giám hiệu).
    public var isBoard: Bool { has(.principal) || has(.vicePrincipal) }
}

/// `users.json`: every account ever made.
public struct UsersFile: Sendable, Equatable {
    /// Account id → account, disabled accounts included (`root` is built in and never listed).
    ///
    /// Read from users.json, the accounts stay as the bytes of their members until read: a
    /// command looks up one or two (`account(_:)`, `account(osUser:)`), not the school's fifty.
    public var accounts: [String: Account] {
        get { store.all }
        set { store = DeferredMembers(newValue) }
    }
    private var store = DeferredMembers<Account>([:])
    /// The last audit event reflected.
    public var seq = 0
    /// SHA-256 of that event's log line (lower-case hex).
    public var hash = ""

    /// Creates a file with no accounts.
    public init() {}

    package init(json: JSON) {
        var accounts: [String: Account] = [:]
        for (id, value) in json["accounts"].object ?? [:] { accounts[id] = Account(id: id, json: value) }
        store = DeferredMembers(accounts)
        seq = json["seq"].int ?? 0
        hash = json["hash"].string ?? ""
    }

    /// users.json read with its `accounts` left as each account's bytes, which the parse checked
    /// (`JSON.parse(_:deferringTopLevel:)`).
    package init(json: JSON, accountBytes: [String: ArraySlice<UInt8>]) {
        store = DeferredMembers(bytes: accountBytes) { id, json in Account(id: id, json: json) }
        seq = json["seq"].int ?? 0
        hash = json["hash"].string ?? ""
    }

    package var json: JSON {
        .object(["accounts": .object(accounts.mapValues(\.json)), "seq": .int(seq), "hash": .string(hash)])
    }

    /// The account with this id.
    public func account(_ id: String) -> Account? { store.member(id) }

    /// The account mapped to an operating-system login.
    public func account(osUser: String) -> Account? {
        // The one account whose bytes hold `"os_user": "NAME"` as sodiem writes it, decoded and
        // confirmed; when the bytes do not single one out, every account is read and searched.
        let needle = Array("\"os_user\": ".utf8) + Array(JSON.string(osUser).compactString().utf8)
        let candidates = store.keys(whoseBytesContain: needle)
        if candidates.count == 1, let found = store.member(candidates[0]), found.osUser == osUser { return found }
        return accounts.values.first { $0.osUser == osUser }
    }

    public static func == (lhs: UsersFile, rhs: UsersFile) -> Bool {
        lhs.seq == rhs.seq && lhs.hash == rhs.hash && lhs.store == rhs.store
    }
}

extension SodiemError {
    package static func corrupt(_ file: String, _ field: String) -> SodiemError {
        .badData(vi: "\(file) hỏng: thiếu hoặc sai trường \(field). Chạy `\(run: .verify)`.",
                 en: "\(file) is damaged: the field \(field) is missing or wrong. Run `\(run: .verify)`.")
    }
}
