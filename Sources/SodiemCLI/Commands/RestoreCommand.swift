import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem restore`: a new data directory from an archive that verifies.
enum RestoreCommand: Command {
    static let spec = CommandSpec(
        "restore",
        summary: Message(vi: "Khôi phục thư mục dữ liệu từ tệp lưu trữ", en: "Restore a data directory from an archive"),
        audience: .system,
        usage: ["restore --archive FILE --data DIR"],
        details: Message(vi: """
            Kiểm tra tệp lưu trữ như `sodiem verify --archive`, rồi ghi các tệp của nó vào THƯ-MỤC (phải
            trống hoặc chưa có; 73 nếu không), và kiểm tra kết quả ở đó; lỗi bất kì thì THƯ-MỤC giữ nguyên.
            Khi THƯ-MỤC cho nhóm ghi (giáo viên dùng chung qua một nhóm), tệp có quyền 0660 và thư mục
            2770. Root, hoặc người dùng hệ điều hành là quản trị viên trong users.json của tệp lưu trữ.
            Không ghi gì thêm vào nhật kí được dựng lại. Định dạng: docs/archive.md.
            """, en: """
            Checks the archive as `sodiem verify --archive` does, then writes its files into DIR,
            which must be empty or not exist (73 otherwise), and verifies the result there; on any
            failure DIR is left as it was. When DIR is group-writable (shared by teachers' logins
            through a group), files get mode 0660 and folders 2770. Root, or an OS user who is an
            admin in the archive's users.json. Nothing is appended to the restored audit log.
            Format and decisions: docs/archive.md.
            """),
        options: [.archive],
        examples: ["restore --archive sodiem-2024-2025.archive --data /srv/sodiem-data", "--data /srv/sodiem-data verify"],
        exitCodes: [.bad(vi: "tệp lưu trữ hỏng", en: "a damaged archive"),
                    .missing(vi: "không có tệp lưu trữ này", en: "no such archive"),
                    .cannotWrite(vi: "THƯ-MỤC không trống hoặc không ghi được", en: "DIR is not empty or cannot be written"),
                    .denied(vi: "không phải root hoặc quản trị viên của tệp lưu trữ", en: "not root or an admin of the archive"), .io, .busy])

    static func run(_ context: Context) throws(SodiemError) {
        let archive = try context.arguments.required("archive", command: name)
        let invocation = context.invocation
        let check = try SodiemArchive.restore(URL(fileURLWithPath: archive), into: invocation.dataPath,
                                              osUser: invocation.osUser, osIsRoot: invocation.osIsRoot,
                                              asUser: invocation.asUser)
        context.print(context.text(
            vi: "Đã khôi phục \(check.info.files) tệp của \(check.info.school) (lưu trữ lúc \(check.info.createdAt)) vào \(invocation.dataPath); toàn vẹn: \(check.report.events) sự kiện, \(check.report.snapshots) tệp khớp. Sự kiện cuối #\(check.report.lastSeq) \(check.report.lastHash.prefix(16)).",
            en: "Restored \(check.info.files) files of \(check.info.school) (archived \(check.info.createdAt)) into \(invocation.dataPath); intact: \(check.report.events) events, \(check.report.snapshots) files match. Last event #\(check.report.lastSeq) \(check.report.lastHash.prefix(16))."))
    }
}
