import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// Who runs a command: the real account (from the OS login) and the account it acts as.
public struct Identity: Sendable {
    /// The built-in superuser's id.
    public static let rootID = Account.rootID

    /// The real account's id (`root` for the superuser).
    public let realID: String
    /// The acting account's id: `--as`, else the real one.
    public let actingID: String
    /// The acting account (nil for root).
    public let account: Account?
    /// True when `--as` was used.
    public let usesAs: Bool

    /// True for the superuser, who may do everything.
    public var isRoot: Bool { actingID == Identity.rootID && account == nil }

    /// True when the acting account holds the role (root holds every role).
    public func has(_ role: Role) -> Bool { isRoot || (account?.has(role) ?? false) }

    /// Principal or vice-principal (or root).
    public var isBoard: Bool { has(.principal) || has(.vicePrincipal) }

    /// Resolves the identity from the OS login, `--as` and the accounts.
    static func resolve(osUser: String, osIsRoot: Bool, asUser: String?, users: UsersFile) throws(SodiemError) -> Identity {
        let real: Account?
        let realID: String
        if osIsRoot {
            real = nil
            realID = rootID
        } else {
            if osUser.hasPrefix("uid ") {
                throw SodiemError.notPermitted(vi: "Người dùng hệ điều hành có \(osUser) không có tên đăng nhập (không có trong /etc/passwd); sodiem chỉ nhận người dùng có tên. Quản trị máy cần tạo tên đăng nhập, rồi quản trị viên sodiem đăng kí bằng \(option: .osUser) TÊN.",
                                               en: "The operating-system user with \(osUser) has no login name (not in /etc/passwd); sodiem maps login names only. The system administrator must give it a name, then a sodiem admin registers it with \(option: .osUser) NAME.")
            }
            guard let account = users.account(osUser: osUser) else {
                throw SodiemError.core(.unregisteredOSUser(osUser))
            }
            guard !account.disabled else {
                throw SodiemError.notPermitted(vi: "Tài khoản \(account.id) (người dùng \(osUser)) đã bị khoá.",
                                               en: "The account \(account.id) (OS user \(osUser)) is disabled.")
            }
            real = account
            realID = account.id
        }
        return try acting(real: real, realID: realID, asUser: asUser, users: users)
    }

    /// The acting identity once the real account is known: the one rule for `--as`, shared by
    /// the commands and by `verify`'s replay.
    static func acting(real: Account?, realID: String, asUser: String?, users: UsersFile) throws(SodiemError) -> Identity {
        guard let asUser, asUser != realID else {
            return Identity(realID: realID, actingID: realID, account: real, usesAs: false)
        }
        guard real == nil || real!.has(.admin) else {
            throw SodiemError.notPermitted(vi: "Chỉ root hoặc quản trị viên được dùng \(option: .acting); tài khoản \(realID) không phải quản trị viên.",
                                           en: "Only root or an admin may use \(option: .acting); the account \(realID) is not an admin.")
        }
        if asUser == rootID {
            guard real == nil else {
                throw SodiemError.notPermitted(vi: "Không thể hành động với tư cách root.", en: "Nobody can act as root.")
            }
            return Identity(realID: realID, actingID: rootID, account: nil, usesAs: false)
        }
        guard let acting = users.account(asUser) else {
            throw SodiemError.notFound(vi: "Không có tài khoản \(asUser) (\(option: .acting)). Xem `\(run: .listAccounts)`.",
                                       en: "No account \(asUser) (\(option: .acting)). See `\(run: .listAccounts)`.")
        }
        guard !acting.disabled else {
            throw SodiemError.notPermitted(vi: "Tài khoản \(asUser) đã bị khoá.", en: "The account \(asUser) is disabled.")
        }
        return Identity(realID: realID, actingID: asUser, account: acting, usesAs: true)
    }

    /// True when the real account may override the clock (`SODIEM_NOW`): root or an admin.
    static func mayOverrideClock(realID: String, users: UsersFile) -> Bool {
        realID == rootID || (users.account(realID)?.has(.admin) ?? false)
    }
}
