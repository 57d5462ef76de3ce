import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem import-students`: the students of a class from a CSV file.
enum ImportStudentsCommand: Command {
    static let name = "import-students"
    static let summary = Message(vi: "Nhập danh sách học sinh của lớp từ tệp CSV", en: "Import a class's students from a CSV file")
    static let options = OptionSpec(values: ["class", "file"], flags: ["dry-run", "move"])
    static let help = """
        Usage: sodiem import-students --class 6A1 --file hs.csv [--move] [--dry-run]

        Reads CSV as Excel and LibreOffice save it (UTF-8 with or without BOM, "," or ";",
        quotes, CRLF). Headers as codes or in Vietnamese, without regard to case and accents:
          ma_hs (Mã học sinh, Mã HS, Mã định danh)   required
          ho_ten (Họ và tên, Họ tên)                 required
          ngay_sinh (Ngày sinh, dd/mm/yyyy), gioi_tinh (Giới tính: Nam/Nữ), dan_toc, noi_sinh,
          que_quan, dia_chi (Địa chỉ, Nơi ở hiện nay), ho_ten_cha, nghe_nghiep_cha, ho_ten_me,
          nghe_nghiep_me, nguoi_giam_ho
        Other columns are ignored with a warning. Re-importing updates students by ma_hs (an
        empty cell clears that particular). All rows or none: every bad row is reported with
        its line number. --dry-run shows what would change. The class's homeroom teacher or an admin.

        A student already in another class of the year is refused unless --move is given: then
        the student moves into this class (chuyển lớp). The scores, conduct and attendance entered
        in the old class stay there (rules-tt22.md §8); the old class lists the student as moved
        out with the day and leaves them off its lists, results and ledgers. Moving needs the
        homeroom work of both classes (or an admin).

        Example:
          sodiem import-students --class 6A1 --file "Danh sách 6A1.csv" --dry-run

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let typedClass = try a.required("class", command: name)
        let path = try a.required("file", command: name)
        let dryRun = a.has("dry-run")
        let session = try context.session(dryRun ? .read : .write)
        let year = try session.year(context.requestedYear)
        let className = year.storedClassName(typedClass)  // 6a1 → 6A1
        let report = try session.importStudents(year, className: className, file: URL(fileURLWithPath: path), dryRun: dryRun,
                                                move: a.has("move"))
        for warning in report.warnings { context.note(warning) }
        let prefix = dryRun ? context.text(vi: "(thử, chưa ghi) ", en: "(dry run, nothing written) ") : ""
        context.print(prefix + context.text(
            vi: "Lớp \(className): thêm \(report.added.count), cập nhật \(report.updated.count), giữ nguyên \(report.unchanged.count) học sinh.",
            en: "Class \(className): \(report.added.count) added, \(report.updated.count) updated, \(report.unchanged.count) unchanged."))
        if !report.moved.isEmpty {
            let list = report.moved.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            context.print(context.text(vi: "  chuyển đến từ lớp khác: \(list)", en: "  moved in from another class: \(list)"))
        }
        if dryRun {
            if !report.added.isEmpty { context.print(context.text(vi: "  thêm: ", en: "  add: ") + report.added.sorted().joined(separator: ", ")) }
            if !report.updated.isEmpty { context.print(context.text(vi: "  cập nhật: ", en: "  update: ") + report.updated.sorted().joined(separator: ", ")) }
        } else if let event = report.event {
            context.print(context.text(vi: "Sự kiện #\(event.seq).", en: "Event #\(event.seq)."))
        }
    }
}
