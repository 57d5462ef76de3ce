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
    static let spec = CommandSpec(
        "user",
        summary: Message(vi: "Tài khoản: thêm, sửa, liệt kê, khoá", en: "Accounts: add, set, list, disable"),
        audience: .office,
        usage: ["user add ID --name \"Họ Tên\" --role teacher|admin|principal|vice-principal|system [--os-user LOGIN] [--email ADDR]",
                "user set ID [--name \"Họ Tên\"] [--role ROLES] [--os-user LOGIN] [--email ADDR]",
                "user list [--format text|json|csv]", "user disable ID"],
        details: Message(vi: """
            Nhiều vai trò thì phân cách bằng dấu phẩy: --role teacher,vice-principal. --os-user gắn một tên
            đăng nhập của hệ điều hành với tài khoản: lệnh do tên đăng nhập đó chạy sẽ làm với tư cách tài
            khoản này. `user set` sửa một tài khoản (một sự kiện: verify biết vai trò của mọi người ở mọi
            thời điểm; --os-user hoặc --email rỗng thì bỏ đi). Tài khoản đã khoá vẫn được lưu và không làm gì được nữa. Chỉ quản trị viên (xem danh
            sách: cả ban giám hiệu và hệ thống).
            """, en: """
            Several roles are comma-separated: --role teacher,vice-principal. --os-user maps an
            operating-system login to the account: commands run by that login act as it.
            `user set` changes an account (an event: verify knows every account's roles at every
            moment; an empty --os-user or --email removes it). A disabled account stays on record and can no longer act. Admins only (list: the board
            and system too).
            """),
        options: [.value("name", "HỌ-TÊN", "NAME", vi: "họ tên", en: "the full name"),
                  .value("role", "VAI-TRÒ", "ROLE", vi: "teacher, admin, principal, vice-principal, system (VT,VT)", en: "teacher, admin, principal, vice-principal, system (ROLE,ROLE)"),
                  .value("os-user", "TÊN-ĐĂNG-NHẬP", "LOGIN", vi: "tên đăng nhập hệ điều hành của tài khoản", en: "the account's operating-system login"),
                  .value("email", "ĐỊA-CHỈ", "ADDR", vi: "thư điện tử (cho remind --outbox)", en: "the e-mail address (for remind --outbox)")],
        positionals: 2,
        examples: ["user add gv.lan --name \"Nguyễn Thị Lan\" --role teacher --os-user lan --email lan@truong.edu.vn", "user set gv.lan --role teacher,vice-principal", "user list"],
        exitCodes: [.bad(vi: "mã hoặc giá trị sai, tài khoản đã có", en: "a bad id or value, or the account exists"),
                    .missing(vi: "không có tài khoản này", en: "no such account"),
                    .denied(vi: "không phải quản trị viên", en: "not an admin")] + ExitCodeDeclaration.session)

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
            context.print(context.text(vi: "Đã thêm tài khoản \(a.positionals[1]) (\(Words.roles(roles, .vietnamese))) — sự kiện #\(event.seq).",
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
                    accounts.map { [$0.id, $0.name, Words.roles($0.roles, context.language), $0.osUser ?? "-",
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
