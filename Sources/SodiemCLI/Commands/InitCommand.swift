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
    static let name = "init"
    static let summary = Message(vi: "Khởi tạo thư mục dữ liệu cho một trường", en: "Create the data directory for a school")
    static let options = OptionSpec(values: ["school", "ward", "district", "province", "timezone", "admin", "name"])
    static let help = """
        Usage: sodiem init --school "Trường THCS ..." [--ward W] [--district D] [--province P]
                           [--timezone Asia/Ho_Chi_Minh] [--admin ID --name "Họ Tên"]

        Creates the data directory (--data, $SODIEM_DATA or ./sodiem-data) and records the school.
        Run it as root, or as the OS user who becomes the first admin with --admin ID --name.

        Example:
          sudo sodiem --data /srv/sodiem init --school "Trường THCS Hoà Bình" --district "Thủy Nguyên" --province "Hải Phòng"
          sodiem init --school "Trường THCS Hoà Bình" --admin qt.minh --name "Phạm Quang Minh"

        """

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
