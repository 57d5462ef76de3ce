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
    static let spec = CommandSpec(
        "import-students",
        summary: Message(vi: "Nhập danh sách học sinh của lớp từ tệp CSV", en: "Import a class's students from a CSV file"),
        audience: .homeroomTeacher,
        usage: ["import-students --class 6A1 --file hs.csv [--move] [--readmit] [--dry-run]",
                "import-students --class 6A1 --file hs.xlsx [--sheet NAME] [--map FILE] [--move] [--dry-run]",
                "import-students --file truong.xlsx [--sheet NAME] [--map FILE] [--move] [--dry-run]"],
        details: Message(vi: """
            Đọc CSV như Excel và LibreOffice lưu (UTF-8 có hoặc không có BOM, "," hoặc ";" hoặc tab, ngoặc
            kép, CRLF). Tiêu đề là mã hoặc tiếng Việt, không phân biệt hoa thường và dấu:
              ma_hs (Mã học sinh, Mã HS, Mã định danh)   bắt buộc
              ho_ten (Họ và tên, Họ tên)                 bắt buộc
              ngay_sinh (Ngày sinh, dd/mm/yyyy), gioi_tinh (Giới tính: Nam/Nữ; cả M, F, Male, Female),
              dan_toc, noi_sinh, que_quan, dia_chi (Địa chỉ, Nơi ở hiện nay), ho_ten_cha, nghe_nghiep_cha,
              ho_ten_me, nghe_nghiep_me, nguoi_giam_ho
            Các dòng tiêu đề phía trên (trường, lớp, năm học) được bỏ qua: dòng tiêu đề là dòng đầu tiên
            có ma_hs và ho_ten. Cột STT bỏ qua không báo; cột khác bỏ qua kèm cảnh báo. Nhập lại thì cập
            nhật học sinh theo ma_hs (ô trống xoá thông tin đó). Trọn cả tệp hoặc không gì cả: mọi dòng
            sai đều được báo kèm số dòng. --dry-run cho biết sẽ thay đổi gì. Giáo viên chủ nhiệm của lớp
            hoặc quản trị viên.

            Học sinh đang ở lớp khác của năm học bị từ chối, trừ khi có --move: khi đó học sinh chuyển
            sang lớp này (chuyển lớp). Mọi thứ đã ghi ở lớp cũ (điểm, rèn luyện, chuyên cần, nhận xét,
            miễn) đi cùng học sinh: lớp mới tính cả năm trên đó (rules-tt22.md §8); lớp cũ ghi học sinh
            đã chuyển đi cùng ngày chuyển, bỏ khỏi danh sách và kết quả, còn sổ của lớp cũ in học sinh
            là đã chuyển đi với những gì đã ghi ở đó. Điểm đã nhập ở lớp cũ do giáo viên vào điểm môn đó
            của lớp cũ sửa (request-fix --class LỚP-CŨ). Chuyển lớp cần quyền chủ nhiệm cả hai lớp
            (hoặc quản trị viên).

            Học sinh đã rời trường (transfer-out) bị từ chối, lỗi nêu dòng, học sinh và ngày rời trường;
            --readmit nhận lại học sinh vào lớp đã rời (chỉ cách này xoá việc rời trường).
            
            Sổ tính Excel (.xlsx, nhận ra theo nội dung) được đọc như CSV: trang hiện đầu tiên hoặc
            --sheet TÊN; ô tiêu đề gộp phủ cả vùng gộp, ngày lưu dạng số là ngày, lỗi nêu tên ô. --map TỆP
            ánh xạ tiêu đề của hệ thống khác sang các trường này, mỗi dòng "tiêu đề = trường"
            (docs/spreadsheets.md). Tệp .xls nhị phân bị từ chối: hãy lưu thành .xlsx.

            Không có --class (quản trị viên): nhập cả trường trong một sự kiện, từ sổ tính mỗi lớp một
            trang mang tên lớp (6A1, 6A2…), hoặc từ trang (hay tệp CSV) có cột lop (Lớp). Trang có cột
            Lớp được đọc theo cột đó; trang không mang tên lớp và không có danh sách (danh mục, ghi
            chú) được bỏ qua kèm cảnh báo. Trọn cả sổ hoặc không gì cả: lỗi nêu trang, ô và cột.
            """, en: """
            Reads CSV as Excel and LibreOffice save it (UTF-8 with or without BOM, "," ";" or tab,
            quotes, CRLF). Headers as codes or in Vietnamese, without regard to case and accents:
              ma_hs (Mã học sinh, Mã HS, Mã định danh)   required
              ho_ten (Họ và tên, Họ tên)                 required
              ngay_sinh (Ngày sinh, dd/mm/yyyy), gioi_tinh (Giới tính: Nam/Nữ; also M, F, Male, Female),
              dan_toc, noi_sinh, que_quan, dia_chi (Địa chỉ, Nơi ở hiện nay), ho_ten_cha, nghe_nghiep_cha,
              ho_ten_me, nghe_nghiep_me, nguoi_giam_ho
            Title rows above the header (school, class, year) are skipped: the header is the first
            row holding ma_hs and ho_ten. An STT column is ignored silently; other columns are
            ignored with a warning. Re-importing updates students by ma_hs (an empty cell clears
            that particular). All rows or none: every bad row is reported with its line number.
            --dry-run shows what would change. The class's homeroom teacher or an admin.

            A student already in another class of the year is refused unless --move is given: then
            the student moves into this class (chuyển lớp). Everything entered in the old class
            (scores, conduct, attendance, comments, exemptions) goes with the student: the new class
            computes the whole year over it (rules-tt22.md §8); the old class lists the student as
            moved out with the day, off its lists and results, and its ledger prints them as moved
            out with what was entered there. A score entered in the old class is corrected by that
            subject's enterers of the old class (request-fix --class OLD). Moving needs the homeroom
            work of both classes (or an admin).

            A student who left the school (transfer-out) is refused, naming the row, the student and
            the day they left; --readmit takes them back into the class they left (the only way the
            leaving is cleared).

            An Excel workbook (.xlsx, told by its content) is read like CSV: the first visible sheet
            or --sheet NAME; merged header cells fill their range, dates stored as numbers are dates,
            errors name the cell. --map FILE maps another system's headers onto these fields, one
            "header = field" line each (docs/spreadsheets.md). A binary .xls is refused: save as .xlsx.

            Without --class (admin): the whole school in one event, from a workbook with one sheet
            per class named after it (6A1, 6A2…), or from a sheet (or CSV file) with a lop (Lớp)
            column. A sheet with a Lớp column is read by that column; a sheet named after no class
            and holding no list (lookup lists, notes) is passed over with a warning. All sheets or
            nothing: errors name the sheet, the cell and the column.
            """),
        options: [.className,
                  .file.meaning(vi: "danh sách học sinh CSV hoặc .xlsx", en: "the student list, CSV or .xlsx"), .sheet, .map,
                  .flag("move", vi: "chuyển học sinh từ lớp khác của năm sang lớp này", en: "move students from another class of the year into this one"),
                  .flag("readmit", vi: "nhận lại học sinh đã rời trường (transfer-out) vào lớp đã rời", en: "take back students who left the school (transfer-out) into the class they left"),
                  .dryRun],
        examples: ["import-students --class 6A1 --file \"Danh sách 6A1.csv\" --dry-run",
                   "import-students --file hoc-sinh-truong.xlsx --dry-run"],
        exitCodes: [.bad(vi: "tệp sai: thiếu cột, dòng sai, ngày sinh không hợp lí, không phải UTF-8", en: "a bad file: a missing column, bad rows, an implausible birth date, not UTF-8"),
                    .missing(vi: "không có lớp hoặc tệp này", en: "no such class or file"),
                    .denied(vi: "không phải giáo viên chủ nhiệm của lớp", en: "not the class's homeroom teacher")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let path = try a.required("file", command: name)
        let dryRun = a.has("dry-run")
        let session = try context.session(dryRun ? .read : .write)
        let year = try session.year(context.requestedYear)
        guard let typedClass = a.value("class") else {
            try importSchool(context, session, year, path: path, dryRun: dryRun)
            return
        }
        let className = year.storedClassName(typedClass)  // 6a1 → 6A1
        let report = try session.importStudents(year, className: className, file: URL(fileURLWithPath: path), dryRun: dryRun,
                                                move: a.has("move"), readmit: a.has("readmit"))
        for warning in report.warnings { context.note(warning) }
        let prefix = dryRun ? context.text(vi: "(thử, chưa ghi) ", en: "(dry run, nothing written) ") : ""
        context.print(prefix + context.text(
            vi: "Lớp \(className): thêm \(report.added.count), cập nhật \(report.updated.count), giữ nguyên \(report.unchanged.count) học sinh.",
            en: "Class \(className): \(report.added.count) added, \(report.updated.count) updated, \(report.unchanged.count) unchanged."))
        if !report.moved.isEmpty {
            let list = report.moved.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            context.print(context.text(vi: "  chuyển đến từ lớp khác: \(list)", en: "  moved in from another class: \(list)"))
        }
        if !report.readmitted.isEmpty {
            let list = report.readmitted.sorted().joined(separator: ", ")
            context.print(context.text(vi: "  nhận lại học sinh đã rời trường: \(list)", en: "  taken back after leaving the school: \(list)"))
        }
        if dryRun {
            if !report.added.isEmpty { context.print(context.text(vi: "  thêm: ", en: "  add: ") + report.added.sorted().joined(separator: ", ")) }
            if !report.updated.isEmpty { context.print(context.text(vi: "  cập nhật: ", en: "  update: ") + report.updated.sorted().joined(separator: ", ")) }
        } else if let event = report.event {
            context.print(context.text(vi: "Sự kiện #\(event.seq).", en: "Event #\(event.seq)."))
        }
    }

    /// Without `--class`: every class of a whole-school workbook, one line per class, one event.
    private static func importSchool(_ context: Context, _ session: Session, _ year: YearFile, path: String, dryRun: Bool) throws(SodiemError) {
        let report = try session.importSchool(year, file: URL(fileURLWithPath: path), dryRun: dryRun, move: context.arguments.has("move"),
                                              readmit: context.arguments.has("readmit"))
        for warning in report.warnings { context.note(warning) }
        let prefix = dryRun ? context.text(vi: "(thử, chưa ghi) ", en: "(dry run, nothing written) ") : ""
        var totals = (added: 0, updated: 0, unchanged: 0)
        for (className, classReport) in report.classes {
            totals.added += classReport.added.count
            totals.updated += classReport.updated.count
            totals.unchanged += classReport.unchanged.count
            context.print(context.text(
                vi: "Lớp \(className): thêm \(classReport.added.count), cập nhật \(classReport.updated.count), giữ nguyên \(classReport.unchanged.count) học sinh.",
                en: "Class \(className): \(classReport.added.count) added, \(classReport.updated.count) updated, \(classReport.unchanged.count) unchanged."))
            if !classReport.moved.isEmpty {
                let list = classReport.moved.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
                context.print(context.text(vi: "  chuyển đến từ lớp khác: \(list)", en: "  moved in from another class: \(list)"))
            }
        }
        context.print(prefix + context.text(
            vi: "Cả trường, \(report.classes.count) lớp: thêm \(totals.added), cập nhật \(totals.updated), giữ nguyên \(totals.unchanged) học sinh.",
            en: "The whole school, \(Words.count(report.classes.count, "class", "classes")): \(totals.added) added, \(totals.updated) updated, \(totals.unchanged) unchanged."))
        if let event = report.event {
            context.print(context.text(vi: "Sự kiện #\(event.seq).", en: "Event #\(event.seq)."))
        }
    }
}
