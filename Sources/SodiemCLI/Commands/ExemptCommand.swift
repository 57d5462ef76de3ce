import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem exempt`: the GDTC practical-part exemption (rules-tt22.md §8).
enum ExemptCommand: Command {
    static let spec = CommandSpec(
        "exempt",
        summary: Message(vi: "Miễn phần thực hành môn GDTC", en: "Exempt a student from the practical part of GDTC"),
        audience: .board,
        usage: ["exempt --class 6A1 --student ID --subject gdtc --term 1|2|year --decision \"QĐ số ...\"",
                "exempt --class 6A1 --student ID --subject gdtc --term 1|2|year --off"],
        details: Message(vi: """
            Ghi quyết định của hiệu trưởng miễn phần thực hành môn Giáo dục thể chất (Điều 10) cho một
            học kì hoặc cả năm; học sinh được đánh giá phần lí thuyết và vẫn có bốn lần đánh giá Đ/CĐ.
            Chỉ môn gdtc (môn khác: 65). --off bỏ quyết định. Hiệu trưởng, phó hiệu trưởng hoặc quản trị viên.
            """, en: """
            Records the principal's decision exempting the student from the practical part of
            physical education (Điều 10) for a term or the year; the student is assessed on theory
            and still gets the four Đ/CĐ judgements. Only gdtc (other subjects: 65). --off removes it.
            The principal, a vice-principal or an admin.
            """),
        options: [.className, .student, .subject, .period, .decision, .off],
        examples: ["exempt --class 6A1 --student HS0001 --subject gdtc --term year --decision \"QĐ số 12/QĐ-THCS ngày 05/09/2024\""],
        exitCodes: [.bad(vi: "môn không phải gdtc", en: "not gdtc"),
                    .missing(vi: "không có lớp, học sinh hoặc môn này", en: "no such class, student or subject"),
                    .denied(vi: "không phải hiệu trưởng, phó hiệu trưởng hoặc quản trị viên", en: "not the principal, a vice-principal or an admin")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let student = try a.required("student", command: name)
        let subject = try a.required("subject", command: name)
        let term = try context.options.requiredPeriod().argument
        guard (a.value("decision") != nil) != a.has("off") else {
            throw SodiemError.usage(Message(vi: "Cần đúng một trong --decision \"QĐ số …\" hoặc --off.", en: "Give exactly one of --decision \"QĐ số …\" or --off."))
        }
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let report = try session.setExemption(year, className: className, student: student, subject: subject, term: term,
                                              decision: a.value("decision"))
        HomeroomOutput.show(report, context: context)
    }
}
