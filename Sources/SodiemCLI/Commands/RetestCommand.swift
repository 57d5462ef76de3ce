import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem retest`: a re-test result (kiểm tra lại), for students the rules send to a re-test.
enum RetestCommand: Command {
    static let spec = CommandSpec(
        "retest",
        summary: Message(vi: "Nhập điểm kiểm tra lại sau năm học", en: "Enter a re-test result after the year"),
        audience: .subjectTeacher,
        usage: ["retest --class 6A1 --student ID --subject toan --score 6,0"],
        details: Message(vi: """
            Chỉ cho học sinh và môn mà quy định cho kiểm tra lại (rules-tt22.md §7: học tập cả năm Chưa đạt
            với rèn luyện từ Đạt trở lên: mọi môn nhận xét CĐ và mọi môn điểm số có ĐTBmcn dưới 5,0); trường
            hợp khác bị từ chối (65). Kết quả thay kết quả cả năm của môn và mức cả năm được tính lại khi
            đủ mọi điểm kiểm tra lại. Môn nhận xét nhận Đ/CĐ. Người vào điểm của môn cho lớp.
            """, en: """
            Only for a student and subject that the rules send to a re-test (rules-tt22.md §7:
            year learning Chưa đạt with conduct at least Đạt: every comment subject at CĐ and every
            score subject with ĐTBmcn below 5,0); anything else is refused (65). The result replaces
            that subject's year result and the year level is computed again once every re-test is
            in. Comment subjects take Đ/CĐ. The subject's enterers for the class.
            """),
        options: [.className, .student, .subject,
                  .value("score", "ĐIỂM", "SCORE", vi: "điểm kiểm tra lại (6,0) hoặc Đ/CĐ", en: "the re-test score (6,0) or Đ/CĐ")],
        examples: ["retest --class 6A1 --student HS0001 --subject toan --score 6,0"],
        exitCodes: [.bad(vi: "điểm sai, hoặc học sinh và môn không phải kiểm tra lại", en: "a bad score, or no re-test for that student and subject"),
                    .missing(vi: "không có lớp, học sinh hoặc môn này", en: "no such class, student or subject"),
                    .denied(vi: "không phải người vào điểm của môn cho lớp", en: "not an enterer of the subject for the class")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let className = try a.required("class", command: name)
        let event = try session.recordRetest(year, className: className, student: try a.required("student", command: name),
                                             subject: try a.required("subject", command: name), value: try a.required("score", command: name))
        context.print(context.text(vi: "Đã ghi điểm kiểm tra lại \(Words.subject(event["subject"].string ?? "")) của \(event["student"].string ?? ""): \(Mark(json: event["new"])?.printed ?? "") — sự kiện #\(event.seq).",
                                   en: "Recorded the re-test in \(Words.subject(event["subject"].string ?? "")) of \(event["student"].string ?? ""): \(Mark(json: event["new"])?.printed ?? "") — event #\(event.seq)."))
    }
}
