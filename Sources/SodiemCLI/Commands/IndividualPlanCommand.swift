import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem individual-plan`: the individual education plan flag (rules-tt22.md §8, Điều 11).
enum IndividualPlanCommand: Command {
    static let name = "individual-plan"
    static let summary = Message(vi: "Đánh dấu học sinh học theo kế hoạch giáo dục cá nhân", en: "Flag a student on an individual education plan")
    static let options = OptionSpec(values: ["class", "student", "decision", "learning", "term", "outcome", "title"], flags: ["off"])
    static let help = """
        Usage: sodiem individual-plan --class 6A1 --student ID --decision "QĐ số ..."
               sodiem individual-plan --class 6A1 --student ID [--learning T|K|Đ|CĐ [--term 1|2|year]]
                                      [--outcome len-lop|o-lai-lop] [--title xuat-sac|gioi|none]
               sodiem individual-plan --class 6A1 --student ID --off

        Marks a student (a student with a disability) as assessed on an individual education
        plan: the automatic learning level, title and outcome are not computed; the principal
        records them by hand: --learning (the year's level, or a term's with --term 1|2),
        --outcome (lên lớp / ở lại lớp, used by `year create --promote`) and --title (none
        removes it). Conduct is recorded as for every student (`conduct`). Recording needs the
        flag (give --decision with it the first time). --off removes the flag. The principal,
        a vice-principal or an admin.

        Exit codes: 0 done; 64 usage; 65 a value not allowed, or recording without the flag;
        66 no such class or student; 77 not permitted.

        Example:
          sodiem individual-plan --class 6A1 --student HS0001 --decision "QĐ số 15/QĐ-THCS ngày 10/09/2024"
          sodiem individual-plan --class 6A1 --student HS0001 --learning Đ --outcome len-lop

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let student = try a.required("student", command: name)
        var recording: [String: String?] = [:]
        if let level = a.value("learning") {
            switch a.value("term")?.trimmingCharacters(in: .whitespaces).lowercased() ?? "year" {
            case "year", "ca-nam", "cn": recording["learning"] = level
            case "1": recording["learning_1"] = level
            case "2": recording["learning_2"] = level
            case let other:
                throw SodiemError.usage(Message(vi: "--term phải là 1, 2 hoặc year, không phải \"\(other)\".", en: "--term must be 1, 2 or year, not \"\(other)\"."))
            }
        } else if a.value("term") != nil {
            throw SodiemError.usage(Message(vi: "--term đi với --learning.", en: "--term goes with --learning."))
        }
        if let outcome = a.value("outcome") { recording["outcome"] = outcome }
        if let title = a.value("title") {
            recording["title"] = ["none", "khong", "không", ""].contains(title.trimmingCharacters(in: .whitespaces).lowercased()) ? .some(nil) : title
        }
        let setting = a.value("decision") != nil || !recording.isEmpty
        guard setting != a.has("off") else {
            throw SodiemError.usage(Message(vi: "Cần --decision \"QĐ số …\" (và/hoặc --learning, --outcome, --title) hoặc --off, không cả hai.",
                                            en: "Give --decision \"QĐ số …\" (and/or --learning, --outcome, --title) or --off, not both."))
        }
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let report = try session.setIndividualPlan(year, className: className, student: student, decision: a.value("decision"),
                                                   recording: recording)
        HomeroomOutput.show(report, context: context)
    }
}
