import Foundation
import SodiemBasics
import SodiemStore
import SodiemCore

/// `sodiem install [--prefix] [--group] [--data]` and `install --check`: the system install.
enum InstallCommand: Command {
    static let name = "install"
    static let summary = Message(vi: "Cài đặt hệ thống cho máy chủ của trường (root)", en: "The system install for a school server (root)")
    static let options = OptionSpec(values: ["prefix", "group"], flags: ["check"])
    static let help = """
        Usage: sodiem install [--prefix /usr/local] [--group sodiem] [--data /var/lib/sodiem]
               sodiem install --check [--prefix /usr/local] [--group sodiem]

        Run by root with a binary built `swift build -c release --static-swift-stdlib` (others
        are refused). Creates the system group, copies the running binary to PREFIX/bin/sodiem
        (root:GROUP 2755, set-group-ID), creates the data directory (root:GROUP 2770; files
        0660) and writes PREFIX/etc/sodiem.conf (/etc/sodiem.conf for /usr) with data = DIR.
        Idempotent; says what it did. Teachers' logins are not members of the group: they
        reach the data only through sodiem. --check checks all of it and every entry of the
        data directory (type, group, mode), prints each problem and exits 78 when there is one
        (for cron). Step by step: docs/install.md.

        Example:
          sudo .build/release/sodiem install --data /var/lib/sodiem
          sodiem install --check || mail -s "sodiem install --check" admin@truong.example

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let prefix = a.value("prefix") ?? "/usr/local"
        let group = a.value("group") ?? "sodiem"
        if a.has("check") {
            let installed = SystemInstall.readConf(SystemInstall.confPath(prefix: prefix))
            let layout = SystemInstaller.Layout(prefix: prefix, group: group, data: installed ?? "/var/lib/sodiem")
            let problems = SystemInstaller.check(layout)
            guard problems.isEmpty else { throw SodiemError.notConfigured(Message.lines(problems)) }
            context.print(context.text(vi: "Cài đặt hệ thống đúng: \(prefix), nhóm \(group), dữ liệu \(layout.data).",
                                       en: "The system install is as it must be: \(prefix), group \(group), data \(layout.data)."))
            return
        }
        let data = a.value("data") ?? "/var/lib/sodiem"
        for line in try SystemInstaller.install(.init(prefix: prefix, group: group, data: data)) {
            context.print(context.text(line))
        }
    }
}
