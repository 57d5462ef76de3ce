import Foundation
import SodiemCore

/// `sodiem individual-plan`: the individual education plan flag (rules-tt22.md §8, Điều 11).
enum IndividualPlanCommand: Command {
    static let name = "individual-plan"
    static let summary = Message(vi: "Đánh dấu học sinh học theo kế hoạch giáo dục cá nhân", en: "Flag a student on an individual education plan")
    static let options = OptionSpec(values: ["class", "student", "decision"], flags: ["off"])
    static let help = """
        Usage: sodiem individual-plan --class 6A1 --student ID --decision "QĐ số ..."
               sodiem individual-plan --class 6A1 --student ID --off

        Marks a student (a student with a disability) as assessed on an individual education
        plan: the automatic learning level, title and outcome are not computed; the principal
        records them by hand. --off removes the flag. The principal, a vice-principal or an admin.

        Exit codes: 0 done; 64 usage; 66 no such class or student; 77 not permitted.

        Example:
          sodiem individual-plan --class 6A1 --student HS0001 --decision "QĐ số 15/QĐ-THCS ngày 10/09/2024"

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let student = try a.required("student", command: name)
        guard (a.value("decision") != nil) != a.has("off") else {
            throw SodiemError.usage(Message(vi: "Cần đúng một trong --decision \"QĐ số …\" hoặc --off.", en: "Give exactly one of --decision \"QĐ số …\" or --off."))
        }
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let report = try session.setIndividualPlan(year, className: className, student: student, decision: a.value("decision"))
        HomeroomOutput.show(report, context: context)
    }
}
