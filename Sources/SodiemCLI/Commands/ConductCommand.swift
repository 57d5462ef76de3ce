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
    static let name = "conduct"
    static let summary = Message(vi: "Ghi kết quả rèn luyện", en: "Record conduct levels")
    static let options = OptionSpec(values: ["class", "term", "student", "level", "file"], flags: ["after-summer"])
    static let help = """
        Usage: sodiem conduct --class 6A1 --term 1|2 --student ID --level T|K|Đ|CĐ
               sodiem conduct --class 6A1 --term 1|2 --file ren-luyen.csv
               sodiem conduct --class 6A1 --term year --student ID --level Đ --after-summer

        Levels: T (Tốt), K (Khá), Đ (Đạt; also D), CĐ (Chưa đạt; also CD). The file has the
        columns ma_hs and muc (or level, Mức, Xếp loại); empty levels are skipped; all rows or
        none. --term year --after-summer records the re-assessed year conduct after summer
        training, only for a student whose year conduct is CĐ. A locked term is refused. The
        class's homeroom teacher or an admin.

        Exit codes: 0 done; 64 usage; 65 a bad level or file; 66 no such class or student;
        77 not the homeroom teacher, or the term is locked; 78 no such term.

        Example:
          sodiem conduct --class 6A1 --term 1 --student HS0001 --level T

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let term = try a.required("term", command: name)
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
