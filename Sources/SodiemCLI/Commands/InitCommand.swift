import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem init`: creates the data directory for a school.
enum InitCommand: Command {
    static let spec = CommandSpec(
        "init",
        summary: Message(vi: "Khởi tạo thư mục dữ liệu cho một trường", en: "Create the data directory for a school"),
        audience: .office,
        usage: ["init --school \"Trường THCS ...\" [--ward W] [--district D] [--province P] [--timezone Asia/Ho_Chi_Minh] [--admin ID --name \"Họ Tên\"]"],
        details: Message(vi: """
            Tạo thư mục dữ liệu (--data, $SODIEM_DATA hoặc ./sodiem-data) và ghi thông tin trường. Chạy
            bằng root, hoặc bằng người dùng hệ điều hành sẽ là quản trị viên đầu tiên, với --admin MÃ --name.
            """, en: """
            Creates the data directory (--data, $SODIEM_DATA or ./sodiem-data) and records the school.
            Run it as root, or as the OS user who becomes the first admin with --admin ID --name.
            """),
        options: [.value("school", "TÊN", "NAME", vi: "tên trường", en: "the school's name"),
                  .value("ward", "TÊN", "NAME", vi: "xã, phường", en: "the ward or commune"),
                  .value("district", "TÊN", "NAME", vi: "quận, huyện", en: "the district"),
                  .value("province", "TÊN", "NAME", vi: "tỉnh, thành phố", en: "the province or city"),
                  .value("timezone", "VÙNG", "ZONE", vi: "múi giờ (mặc định Asia/Ho_Chi_Minh)", en: "the time zone (default Asia/Ho_Chi_Minh)"),
                  .value("admin", "MÃ", "ID", vi: "tài khoản quản trị viên đầu tiên (người chạy lệnh)", en: "the first admin's account (the user running it)"),
                  .value("name", "HỌ-TÊN", "NAME", vi: "họ tên của quản trị viên đầu tiên", en: "the first admin's full name")],
        examples: ["--data /srv/sodiem init --school \"Trường THCS Hoà Bình\" --district \"Thủy Nguyên\" --province \"Hải Phòng\"",
                   "init --school \"Trường THCS Hoà Bình\" --admin qt.minh --name \"Phạm Quang Minh\""],
        exitCodes: [.bad(vi: "giá trị sai (múi giờ, mã tài khoản)", en: "a bad value (time zone, account id)"),
                    .cannotWrite(vi: "không tạo được thư mục dữ liệu, hoặc đã khởi tạo", en: "cannot create the data directory, or it is initialised already"),
                    .denied(vi: "không phải root và không có --admin", en: "not root and no --admin"), .io, .busy])

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let admin = try a.value("admin").map { id throws(SodiemError) in
            Bootstrap.FirstAdmin(id: id, name: try a.required("name", command: name))
        }
        let event = try Bootstrap.initialize(
            context.invocation,
            school: .init(name: try a.required("school", command: name), ward: a.value("ward"), district: a.value("district"),
                          province: a.value("province"), timeZone: a.value("timezone") ?? "Asia/Ho_Chi_Minh"),
            admin: admin)
        context.print(context.text(vi: "Đã khởi tạo \(context.invocation.dataPath) cho \(event["school"]["name"].string ?? "").",
                                   en: "Initialised \(context.invocation.dataPath) for \(event["school"]["name"].string ?? "")."))
        if let id = admin?.id {
            context.print(context.text(vi: "Quản trị viên đầu tiên: \(id) (người dùng \(context.invocation.osUser)).",
                                       en: "First admin: \(id) (OS user \(context.invocation.osUser))."))
        }
        context.print(context.text(vi: "Tiếp theo: sodiem user add …, sodiem year create 2024-2025 --current …",
                                   en: "Next: sodiem user add …, sodiem year create 2024-2025 --current …"))
    }
}
