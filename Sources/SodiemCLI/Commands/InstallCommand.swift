import Foundation
import SodiemBasics
import SodiemStore
import SodiemCore

/// `sodiem install [--prefix] [--group] [--data]` and `install --check`: the system install.
enum InstallCommand: Command {
    static let spec = CommandSpec(
        "install",
        summary: Message(vi: "Cài đặt hệ thống cho máy chủ của trường (root)", en: "The system install for a school server (root)"),
        audience: .office,
        usage: ["install [--prefix /usr/local] [--group sodiem] [--data /var/lib/sodiem]", "install --check [--prefix /usr/local] [--group sodiem]"],
        details: Message(vi: """
            Root chạy, với tệp chạy dựng bằng `swift build -c release --static-swift-stdlib` (tệp khác bị
            từ chối). Tạo nhóm hệ thống, chép tệp chạy thành PREFIX/bin/sodiem (root:NHÓM 2755,
            set-group-ID), tạo thư mục dữ liệu (root:NHÓM 2770; tệp 0660) và ghi PREFIX/etc/sodiem.conf
            (/etc/sodiem.conf với /usr) với data = THƯ-MỤC. Chạy lại được; nói rõ đã làm gì. Tên đăng nhập
            của giáo viên không ở trong nhóm: họ chỉ tới dữ liệu qua sodiem. --check kiểm tra tất cả và
            từng mục của thư mục dữ liệu (loại, nhóm, quyền), in từng vấn đề và thoát 78 khi có (cho cron).
            Từng bước: docs/install.md.
            """, en: """
            Run by root with a binary built `swift build -c release --static-swift-stdlib` (others
            are refused). Creates the system group, copies the running binary to PREFIX/bin/sodiem
            (root:GROUP 2755, set-group-ID), creates the data directory (root:GROUP 2770; files
            0660) and writes PREFIX/etc/sodiem.conf (/etc/sodiem.conf for /usr) with data = DIR.
            Idempotent; says what it did. Teachers' logins are not members of the group: they
            reach the data only through sodiem. --check checks all of it and every entry of the
            data directory (type, group, mode), prints each problem and exits 78 when there is one
            (for cron). Step by step: docs/install.md.
            """),
        options: [.value("prefix", "THƯ-MỤC", "DIR", vi: "nơi cài (mặc định /usr/local)", en: "where to install (default /usr/local)"),
                  .value("group", "NHÓM", "GROUP", vi: "nhóm hệ thống (mặc định sodiem)", en: "the system group (default sodiem)"),
                  .flag("check", vi: "chỉ kiểm tra bản cài đặt", en: "only check the install")],
        examples: ["install --data /var/lib/sodiem", "install --check"],
        exitCodes: [.cannotWrite(vi: "không tạo được nhóm, tệp hay thư mục", en: "cannot create the group, a file or a folder"),
                    .denied(vi: "không phải root", en: "not root"),
                    .config(vi: "tệp chạy không liên kết tĩnh; --check: có vấn đề", en: "the binary is not statically linked; --check: a problem")])

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
