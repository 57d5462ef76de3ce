import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem conduct`: conduct levels (kết quả rèn luyện) per term, and the re-assessment after summer training.
enum ConductCommand: Command {
    static let spec = CommandSpec(
        "conduct",
        summary: Message(vi: "Ghi kết quả rèn luyện", en: "Record conduct levels"),
        audience: .homeroomTeacher,
        usage: ["conduct --class 6A1 --term 1|2 --student ID --level T|K|Đ|CĐ",
                "conduct --class 6A1 --term 1|2 --file ren-luyen.csv",
                "conduct --class 6A1 --term year --student ID --level Đ --after-summer"],
        details: Message(vi: """
            Mức: T (Tốt), K (Khá), Đ (Đạt; cả D), CĐ (Chưa đạt; cả CD). Tệp có các cột ma_hs và muc (hoặc
            level, Mức, Xếp loại); mức trống bỏ qua; trọn cả tệp hoặc không gì cả. --term year
            --after-summer ghi kết quả rèn luyện cả năm đánh giá lại sau khi rèn luyện trong hè, chỉ cho
            học sinh có rèn luyện cả năm CĐ. Học kì đã khoá bị từ chối. Giáo viên chủ nhiệm của lớp hoặc
            quản trị viên.
            """, en: """
            Levels: T (Tốt), K (Khá), Đ (Đạt; also D), CĐ (Chưa đạt; also CD). The file has the
            columns ma_hs and muc (or level, Mức, Xếp loại); empty levels are skipped; all rows or
            none. --term year --after-summer records the re-assessed year conduct after summer
            training, only for a student whose year conduct is CĐ. A locked term is refused. The
            class's homeroom teacher or an admin.
            """),
        options: [.className, .period, .student,
                  .value("level", "T|K|Đ|CĐ", vi: "mức rèn luyện", en: "the conduct level"),
                  .file.meaning(vi: "tệp CSV mức rèn luyện (ma_hs, muc)", en: "the CSV of levels (ma_hs, muc)"), .sheet, .map,
                  .flag("after-summer", vi: "đánh giá lại sau rèn luyện trong hè (với --term year)", en: "re-assessed after summer training (with --term year)")],
        examples: ["conduct --class 6A1 --term 1 --student HS0001 --level T"],
        exitCodes: [.bad(vi: "mức hoặc tệp sai", en: "a bad level or file"),
                    .missing(vi: "không có lớp, học sinh hoặc tệp này", en: "no such class, student or file"),
                    .denied(vi: "không phải giáo viên chủ nhiệm, hoặc học kì đã khoá", en: "not the homeroom teacher, or the term is locked"),
                    .config(vi: "năm học chưa có học kì này", en: "the year has no such term")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let term = try context.options.requiredPeriod().argument
        var rows: [(origin: Message?, student: String, level: String)]
        if let path = a.value("file") {
            guard a.value("student") == nil, a.value("level") == nil else {
                throw SodiemError.usage(Message(vi: "Dùng --file hoặc --student/--level, không dùng cả hai.", en: "Use --file or --student/--level, not both."))
            }
            rows = try Session.conductRows(URL(fileURLWithPath: path))
        } else {
            rows = [(nil, try a.required("student", command: name), try a.required("level", command: name))]
        }
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let report = try session.setConduct(year, className: className, term: term, afterSummer: a.has("after-summer"), levels: rows)
        HomeroomOutput.show(report, context: context)
    }
}
