import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem user add|set|list|disable`: the accounts.
enum UserCommand: Command {
    static let name = "user"
    static let summary = Message(vi: "Tài khoản: thêm, liệt kê, khoá", en: "Accounts: add, list, disable")
    static let options = OptionSpec(values: ["name", "role", "os-user", "email"], positionals: 2)
    static let help = """
        Usage: sodiem user add ID --name "Họ Tên" --role teacher|admin|principal|vice-principal|system
                              [--os-user LOGIN] [--email ADDR]
               sodiem user list [--format text|json]
               sodiem user disable ID
               sodiem user set ID [--name "Họ Tên"] [--role ROLES] [--os-user LOGIN] [--email ADDR]

        Several roles are comma-separated: --role teacher,vice-principal. --os-user maps an
        operating-system login to the account: commands run by that login act as it.
        `user set` changes an account (an event: verify knows every account's roles at every
        moment; an empty --os-user or --email removes it). A disabled account stays on record and can no longer act. Admins only (list: the board and system too).

        Example:
          sodiem user add gv.lan --name "Nguyễn Thị Lan" --role teacher --os-user lan --email lan@truong.edu.vn

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        switch a.positionals.first {
        case "add":
            guard a.positionals.count == 2 else { throw usage() }
            var roles: [Role] = []
            for text in a.list("role") {
                guard let role = Role(rawValue: text.lowercased()) else {
                    throw SodiemError.usage(Message(vi: "Vai trò không biết: \(text) (teacher, admin, principal, vice-principal, system).",
                                                    en: "Unknown role: \(text) (teacher, admin, principal, vice-principal, system)."))
                }
                if !roles.contains(role) { roles.append(role) }
            }
            let session = try context.session(.write)
            let event = try session.addUser(id: a.positionals[1], name: try a.required("name", command: "user add"), roles: roles,
                                            osUser: a.value("os-user"), email: a.value("email"))
            context.print(context.text(vi: "Đã thêm tài khoản \(a.positionals[1]) (\(roles.map(\.rawValue).joined(separator: ","))) — sự kiện #\(event.seq).",
                                       en: "Added the account \(a.positionals[1]) (\(roles.map(\.rawValue).joined(separator: ","))) — event #\(event.seq)."))
        case "set":
            guard a.positionals.count == 2 else { throw usage() }
            var roles: [Role]? = nil
            if a.value("role") != nil {
                var chosen: [Role] = []
                for text in a.list("role") {
                    guard let role = Role(rawValue: text.lowercased()) else {
                        throw SodiemError.usage(Message(vi: "Vai trò không biết: \(text) (teacher, admin, principal, vice-principal, system).",
                                                        en: "Unknown role: \(text) (teacher, admin, principal, vice-principal, system)."))
                    }
                    if !chosen.contains(role) { chosen.append(role) }
                }
                roles = chosen
            }
            let session = try context.session(.write)
            let event = try session.setUser(id: a.positionals[1], name: a.value("name"), roles: roles,
                                            osUser: a.value("os-user"), email: a.value("email"))
            context.print(context.text(vi: "Đã sửa tài khoản \(a.positionals[1]) — sự kiện #\(event.seq).",
                                       en: "Changed the account \(a.positionals[1]) — event #\(event.seq)."))
        case "disable":
            guard a.positionals.count == 2 else { throw usage() }
            let session = try context.session(.write)
            let event = try session.disableUser(id: a.positionals[1])
            context.print(context.text(vi: "Đã khoá tài khoản \(a.positionals[1]) — sự kiện #\(event.seq).",
                                       en: "Disabled the account \(a.positionals[1]) — event #\(event.seq)."))
        case "list":
            let session = try context.session(.read)
            try session.require(.schoolOversight)
            let accounts = try session.world.users().accounts.values.sorted { $0.id < $1.id }
            switch try context.format(default: .text, allowed: [.text, .json, .csv]) {
            case .json:
                context.write(Render.json(.object(["users": .array(accounts.map { account in
                    .object(["id": .string(account.id), "name": .string(account.name),
                             "roles": .array(account.roles.map { .string($0.rawValue) }), "os_user": .optional(account.osUser),
                             "email": .optional(account.email), "disabled": .bool(account.disabled)])
                })])))
            case .csv:
                context.write(CSV.write(header: ["id", "name", "roles", "os_user", "email", "disabled"], rows: accounts.map {
                    [$0.id, $0.name, $0.roles.map(\.rawValue).joined(separator: ","), $0.osUser ?? "", $0.email ?? "", $0.disabled ? "1" : ""]
                }))
            default:
                context.write(Render.table(
                    context.language == .english ? ["ID", "NAME", "ROLES", "OS USER", "STATE"] : ["MÃ", "HỌ TÊN", "VAI TRÒ", "NGƯỜI DÙNG HĐH", "TRẠNG THÁI"],
                    accounts.map { [$0.id, $0.name, $0.roles.map(\.rawValue).joined(separator: ","), $0.osUser ?? "-",
                                    $0.disabled ? context.text(vi: "đã khoá", en: "disabled") : context.text(vi: "hoạt động", en: "active")] }))
            }
        default:
            throw usage()
        }
    }

    static func usage() -> SodiemError {
        .usage(Message(vi: "Dùng: sodiem user add ID … | user set ID … | user list | user disable ID. Xem `sodiem help user`.",
                       en: "Use: sodiem user add ID … | user set ID … | user list | user disable ID. See `sodiem help user`."))
    }
}
