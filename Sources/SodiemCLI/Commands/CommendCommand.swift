import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem commend`: a commendation for outstanding progress or achievement (Điều 15.1.b, rules-tt22.md §8).
enum CommendCommand: Command {
    static let spec = CommandSpec(
        "commend",
        summary: Message(vi: "Khen thưởng học sinh (Điều 15.1.b)", en: "Commend a student (Article 15.1.b)"),
        audience: .board,
        usage: ["commend --class 8A2 --student ID --text \"Có tiến bộ vượt bậc môn Toán\" [--year 2024-2025]"],
        details: Message(vi: """
            Ghi một lời khen của hiệu trưởng cho học sinh có thành tích đột xuất hoặc tiến bộ vượt bậc trong
            rèn luyện và học tập (Điều 15.1.b), ngoài danh hiệu; in ở trang năm học của học bạ. Hiệu trưởng,
            phó hiệu trưởng; quản trị viên ghi theo lệnh của họ. Cùng nội dung ghi lần nữa thì không đổi gì.
            """, en: """
            Records the principal's commendation of a student for outstanding achievement or progress
            in conduct and learning (Article 15.1.b), besides the titles; printed on the transcript's
            year page. The principal or a vice-principal; an admin records it on their order. The
            same text again changes nothing.
            """),
        options: [.className, .student,
                  .value("text", "NỘI-DUNG", "TEXT", vi: "nội dung khen thưởng", en: "the commendation's text")],
        examples: ["commend --class 8A2 --student HS0001 --text \"Có tiến bộ vượt bậc môn Toán\""],
        exitCodes: [.missing(vi: "không có lớp hoặc học sinh này", en: "no such class or student"),
                    .denied(vi: "không phải hiệu trưởng, phó hiệu trưởng hoặc quản trị viên", en: "not the principal, a vice-principal or an admin")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let student = try a.required("student", command: name)
        let text = try a.required("text", command: name)
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let report = try session.commend(year, className: className, student: student, text: text)
        HomeroomOutput.show(report, context: context)
    }
}
