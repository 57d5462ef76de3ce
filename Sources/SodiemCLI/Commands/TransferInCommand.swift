import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemStore
import SodiemCore

/// `sodiem transfer-in`: a student from another school, with the terms completed there (rules-tt22.md §8).
enum TransferInCommand: Command {
    static let spec = CommandSpec(
        "transfer-in",
        summary: Message(vi: "Nhận học sinh chuyển đến từ trường khác", en: "Admit a student from another school"),
        audience: .homeroomTeacher,
        usage: ["transfer-in --class 8A2 --student ID --from \"Trường THCS …\" --ref \"Học bạ số …\" --particulars hs.csv [--file ket-qua-hk1.csv]"],
        details: Message(vi: """
            Học sinh chuyển đến giữa năm vào lớp: --particulars là một dòng lí lịch với các cột của
            import-students (ma_hs nếu có phải trùng --student); --file (CSV hoặc .xlsx) là kết quả các học
            kì đã hoàn thành ở trường cũ, mỗi học kì một dòng: hoc_ki (1 hoặc 2), ren_luyen (T/K/Đ/CĐ),
            buoi_nghi (số buổi nghỉ), rồi mỗi môn một cột (mã hoặc tên môn) ghi ĐTBmhk hoặc Đ/CĐ. Các kết
            quả đó là kết quả của học kì ấy khi tính cả năm, và được in kèm tên trường cũ và số văn bản
            (--from, --ref). Một sự kiện. Học sinh đã ở lớp khác của năm: dùng import-students --move.
            Giáo viên chủ nhiệm của lớp hoặc quản trị viên.
            """, en: """
            A student arriving in the middle of the year joins the class: --particulars is one row of
            particulars in the columns of import-students (ma_hs, if given, must match --student);
            --file (CSV or .xlsx) holds the results of the terms completed at the previous school,
            one row per term: hoc_ki (1 or 2), ren_luyen (T/K/Đ/CĐ), buoi_nghi (buổi absent), then
            one column per subject (code or Vietnamese name) holding its ĐTBmhk or Đ/CĐ. They are
            those terms' results in the year's computation, and print with the previous school's
            name and the document's reference (--from, --ref). One event. A student already in
            another class of the year moves with import-students --move. The class's homeroom
            teacher or an admin.
            """),
        options: [.className, .student,
                  .value("from", "TRƯỜNG", "SCHOOL", vi: "tên trường cũ", en: "the previous school"),
                  .value("ref", "VĂN-BẢN", "REFERENCE", vi: "số học bạ hoặc giấy chuyển trường mà kết quả lấy từ đó",
                         en: "the transcript or transfer paper the results come from"),
                  .value("particulars", "TỆP", "FILE", vi: "một dòng lí lịch (các cột của import-students)",
                         en: "one row of particulars (the columns of import-students)"),
                  .file.meaning(vi: "kết quả các học kì đã hoàn thành (hoc_ki, ren_luyen, buoi_nghi, các môn)",
                                en: "the completed terms' results (hoc_ki, ren_luyen, buoi_nghi, the subjects)"),
                  .sheet, .map],
        examples: ["transfer-in --class 8A2 --student HS0460 --from \"Trường THCS Minh Khai\" --ref \"Học bạ số 112/THCS\" --particulars hs.csv --file ket-qua-hk1.csv"],
        exitCodes: [.bad(vi: "tệp sai (nêu dòng, cột), học kì chưa kết thúc, hoặc học sinh đã ở một lớp của năm",
                         en: "a bad file (naming the line and column), a term not ended, or the student already in a class of the year"),
                    .missing(vi: "không có lớp hoặc tệp này", en: "no such class or file"),
                    .denied(vi: "không phải giáo viên chủ nhiệm của lớp hoặc quản trị viên", en: "not the class's homeroom teacher or an admin")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let student = try a.required("student", command: name)
        let school = try a.required("from", command: name)
        let reference = try a.required("ref", command: name)
        let particulars = try a.required("particulars", command: name)
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let report = try session.transferIn(year, className: className, student: student, from: school, reference: reference,
                                            particulars: URL(fileURLWithPath: particulars),
                                            results: a.value("file").map { URL(fileURLWithPath: $0) })
        for warning in report.warnings { context.note(warning) }
        let terms = report.terms.map { "\($0.rawValue)" }.joined(separator: ", ")
        context.print(context.text(
            vi: "Đã nhận \(student) vào lớp \(className) từ \(school)" + (terms.isEmpty ? "" : ", kèm kết quả học kì \(terms)") + " — sự kiện #\(report.event?.seq ?? 0).",
            en: "Admitted \(student) to \(className) from \(school)" + (terms.isEmpty ? "" : ", with the results of term \(terms)") + " — event #\(report.event?.seq ?? 0)."))
    }
}
