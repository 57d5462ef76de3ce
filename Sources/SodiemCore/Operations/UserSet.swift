import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

extension Session {
    /// `user set ID [--name] [--role] [--os-user] [--email]`: an account's particulars or roles
    /// changed, as an event (`user.set`, carrying the whole account as it is afterwards), so that
    /// replay knows every account's roles at every moment.
    public func setUser(id: String, name: String?, roles: [Role]?, osUser: String?, email: String?) throws(SodiemError) -> AuditEvent {
        try require(.setUp)
        let users = try world.users()
        guard var account = users.accounts[id] else { throw SodiemError.unknownAccount(id) }
        guard name != nil || roles != nil || osUser != nil || email != nil else {
            throw SodiemError.usage(vi: "`\(command: .userSet)` cần ít nhất một trong \(option: .name), \(option: .role), \(option: .osUser), \(option: .email).",
                                    en: "`\(command: .userSet)` needs at least one of \(option: .name), \(option: .role), \(option: .osUser), \(option: .email).")
        }
        if let name {
            let clean = VietnameseText.nfc(name.trimmingSpaces())
            guard !clean.isEmpty else { throw SodiemError.usage(vi: "\(option: .name) không được trống.", en: "\(option: .name) must not be empty.") }
            account.name = clean
        }
        if let roles {
            guard !roles.isEmpty else { throw SodiemError.usage(vi: "`\(command: .userSet)` cần \(option: .role).", en: "`\(command: .userSet)` needs \(option: .role).") }
            try Session.requireRootToGrant(roles, had: account.roles)
            account.roles = roles.sorted()
        }
        if let osUser {
            // The login is who acts: moving an admin's or a board member's account to another login
            // is granting that role to the login, so it is root's in a system install too.
            if (osUser.isEmpty ? nil : osUser) != account.osUser {
                try Session.requireRootToRemap(id, roles: account.roles + (roles ?? []))
            }
            if let holder = users.account(osUser: osUser), holder.id != id {
                throw SodiemError.badData(vi: "Người dùng hệ điều hành \(osUser) đã gắn với tài khoản \(holder.id).",
                                          en: "The OS user \(osUser) is already mapped to the account \(holder.id).")
            }
            account.osUser = osUser.isEmpty ? nil : osUser
        }
        if let email {
            if !email.isEmpty && (!email.contains("@") || email.contains(where: \.isWhitespace)) {
                throw SodiemError.badData(vi: "Địa chỉ thư không hợp lệ: \(Message.quote(email)).", en: "Not an e-mail address: \(Message.quote(email)).")
            }
            account.email = email.isEmpty ? nil : email
        }
        guard account != users.accounts[id] else {
            throw SodiemError.badData(vi: "Tài khoản \(id) đã đúng như vậy; không có gì thay đổi.", en: "The account \(id) is like that already; nothing changes.")
        }
        return try commit(.userSet(UserSetBody(user: account)))
    }
}

extension Session {
    /// In a system install only the real root moves an admin's or a board member's account to
    /// another OS login (which would grant the role to whoever uses that login).
    static func requireRootToRemap(_ id: String, roles: [Role]) throws(SodiemError) {
        let privileged = Set(roles).intersection([.admin, .principal, .vicePrincipal])
        guard !privileged.isEmpty, SystemInstall.detect() != nil, !SystemInstall.realRoot else { return }
        throw SodiemError.notPermitted(Message(
            vi: "Trong bản cài đặt hệ thống, chỉ root được đổi người dùng hệ điều hành của tài khoản \(id) (\(privileged.map(\.rawValue).sorted().joined(separator: ", "))).",
            en: "In a system install, only root may change the OS login of the account \(id) (\(privileged.map(\.rawValue).sorted().joined(separator: ", ")))."))
    }

    /// In a system install only the real root grants the admin and board roles (data.md).
    static func requireRootToGrant(_ roles: [Role], had: [Role]) throws(SodiemError) {
        let granted = Set(roles).subtracting(had).intersection([.admin, .principal, .vicePrincipal])
        guard !granted.isEmpty, SystemInstall.detect() != nil, !SystemInstall.realRoot else { return }
        throw SodiemError.notPermitted(Message(
            vi: "Trong bản cài đặt hệ thống, chỉ root được trao vai trò \(granted.map(\.rawValue).sorted().joined(separator: ", ")).",
            en: "In a system install, only root may grant the role \(granted.map(\.rawValue).sorted().joined(separator: ", "))."))
    }
}
