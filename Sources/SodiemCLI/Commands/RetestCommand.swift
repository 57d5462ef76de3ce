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
    static let name = "retest"
    static let summary = Message(vi: "Nhập điểm kiểm tra lại sau năm học", en: "Enter a re-test result after the year")
    static let options = OptionSpec(values: ["class", "student", "subject", "score"])
    static let help = """
        Usage: sodiem retest --class 6A1 --student ID --subject toan --score 6,0

        Only for a student and subject that the rules send to a re-test (rules-tt22.md §7:
        year learning Chưa đạt with conduct at least Đạt: every comment subject at CĐ and every
        score subject with ĐTBmcn below 5,0); anything else is refused (65). The result replaces
        that subject's year result and the year level is computed again once every re-test is
        in. Comment subjects take Đ/CĐ. The subject's enterers for the class.

        Example:
          sodiem retest --class 6A1 --student HS0001 --subject toan --score 6,0

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let className = try a.required("class", command: name)
        let event = try session.recordRetest(year, className: className, student: try a.required("student", command: name),
                                             subject: try a.required("subject", command: name), value: try a.required("score", command: name))
        context.print(context.text(vi: "Đã ghi điểm kiểm tra lại \(event["subject"].string ?? "") của \(event["student"].string ?? ""): \(Mark(json: event["new"])?.printed ?? "") — sự kiện #\(event.seq).",
                                   en: "Recorded the re-test in \(event["subject"].string ?? "") of \(event["student"].string ?? ""): \(Mark(json: event["new"])?.description ?? "") — event #\(event.seq)."))
    }
}
