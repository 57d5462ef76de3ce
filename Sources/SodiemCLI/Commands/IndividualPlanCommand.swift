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
    static let spec = CommandSpec(
        "individual-plan",
        summary: Message(vi: "Đánh dấu học sinh học theo kế hoạch giáo dục cá nhân", en: "Flag a student on an individual education plan"),
        audience: .board,
        usage: ["individual-plan --class 6A1 --student ID --decision \"QĐ số ...\" [--plan-subjects gdtc,nghe-thuat]",
                "individual-plan --class 6A1 --student ID --subject gdtc --term 1|2 --result Đ|CĐ",
                "individual-plan --class 6A1 --student ID [--learning T|K|Đ|CĐ [--term 1|2|year]] [--outcome len-lop|o-lai-lop] [--title xuat-sac|gioi|none]",
                "individual-plan --class 6A1 --student ID --off"],
        details: Message(vi: """
            Đánh dấu học sinh (học sinh khuyết tật) được đánh giá theo kế hoạch giáo dục cá nhân: mức học
            tập, danh hiệu và kết quả lên lớp không tính tự động; hiệu trưởng ghi tay: --learning (mức cả
            năm, hoặc của một học kì với --term 1|2), --outcome (lên lớp / ở lại lớp, dùng cho `year create
            --promote`) và --title (none để bỏ). Rèn luyện ghi như mọi học sinh (`conduct`). Muốn ghi thì
            phải có đánh dấu (lần đầu cho --decision cùng lúc). --off bỏ đánh dấu. Hiệu trưởng, phó hiệu
            trưởng hoặc quản trị viên.

            --plan-subjects gdtc,nghe-thuat: chỉ các môn đó theo kế hoạch, các môn khác đánh giá như mọi học
            sinh (yêu cầu điều chỉnh); kết quả học tập, danh hiệu, lên lớp được đề xuất từ các môn đánh giá
            như thường (results: "proposed") để hiệu trưởng quyết định (Điều 12.4). Không có --plan-subjects
            thì mọi môn theo kế hoạch. Kết quả theo kế hoạch của một môn (Đ/CĐ) do giáo viên chủ trì môn đó
            nhập: --subject --term --result.
            """, en: """
            Marks a student (a student with a disability) as assessed on an individual education
            plan: the automatic learning level, title and outcome are not computed; the principal
            records them by hand: --learning (the year's level, or a term's with --term 1|2),
            --outcome (lên lớp / ở lại lớp, used by `year create --promote`) and --title (none
            removes it). Conduct is recorded as for every student (`conduct`). Recording needs the
            flag (give --decision with it the first time). --off removes the flag. The principal,
            a vice-principal or an admin.

            --plan-subjects gdtc,nghe-thuat: only those subjects follow the plan, the others are
            assessed as for every student (with adjusted requirements); the learning level, title
            and outcome are proposed from the subjects assessed as usual (results: "proposed") for
            the principal's decision (Điều 12.4). Without --plan-subjects every subject follows the
            plan. A plan subject's own result (Đ/CĐ) is entered by that subject's lead teacher:
            --subject --term --result.
            """),
        options: [.className, .student, .decision,
                  .value("learning", "T|K|Đ|CĐ", vi: "mức học tập do hiệu trưởng quyết định", en: "the learning level the principal decided"),
                  .period.meaning(vi: "học kì của --learning (mặc định cả năm)", en: "the period of --learning (default the year)"),
                  .value("outcome", "len-lop|o-lai-lop", vi: "lên lớp hoặc ở lại lớp", en: "promoted or retained"),
                  .value("title", "xuat-sac|gioi|none", vi: "danh hiệu (none để bỏ)", en: "the title (none removes it)"),
                  .off.meaning(vi: "bỏ đánh dấu kế hoạch cá nhân", en: "remove the individual-plan flag"),
                  .value("plan-subjects", "MÔN,MÔN", "SUBJECT,SUBJECT", vi: "chỉ các môn này theo kế hoạch (mặc định: mọi môn)",
                         en: "only these subjects follow the plan (default: every subject)"),
                  .subject.meaning(vi: "môn theo kế hoạch có kết quả nhập bằng --result", en: "the plan subject whose --result is entered"),
                  .value("result", "Đ|CĐ", vi: "kết quả theo kế hoạch của môn trong học kì (giáo viên chủ trì môn)",
                         en: "the plan subject's result for the term (the subject's lead teacher)")],
        examples: ["individual-plan --class 6A1 --student HS0001 --decision \"QĐ số 15/QĐ-THCS ngày 10/09/2024\"",
                   "individual-plan --class 6A1 --student HS0001 --learning Đ --outcome len-lop"],
        exitCodes: [.bad(vi: "giá trị không cho phép, hoặc ghi khi chưa đánh dấu", en: "a value not allowed, or recording without the flag"),
                    .missing(vi: "không có lớp hoặc học sinh này", en: "no such class or student"),
                    .denied(vi: "không phải hiệu trưởng, phó hiệu trưởng hoặc quản trị viên", en: "not the principal, a vice-principal or an admin")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let student = try a.required("student", command: name)
        if a.value("subject") != nil || a.value("result") != nil {
            // A plan subject's own result: a form of its own, for the subject's lead.
            let subject = try a.required("subject", command: name)
            let result = try a.required("result", command: name)
            guard case .term(let term)? = try context.options.period() else {
                throw SodiemError.usage(Message(vi: "--result cần --term 1 hoặc 2.", en: "--result needs --term 1 or 2."))
            }
            guard a.value("decision") == nil, a.value("learning") == nil, a.value("outcome") == nil, a.value("title") == nil,
                  a.value("plan-subjects") == nil, !a.has("off") else {
                throw SodiemError.usage(Message(vi: "--subject/--result đi riêng, không cùng --decision, --learning, --outcome, --title, --plan-subjects, --off.",
                                                en: "--subject/--result go alone, not with --decision, --learning, --outcome, --title, --plan-subjects, --off."))
            }
            let session = try context.session(.write)
            let year = try session.year(context.requestedYear)
            HomeroomOutput.show(try session.recordPlanResult(year, className: className, student: student, subject: subject, term: term, result: result),
                                context: context)
            return
        }
        var recording: [String: String?] = [:]
        if let level = a.value("learning") {
            switch try context.options.period() ?? .year {
            case .year: recording["learning"] = level
            case .term(let term): recording["learning_\(term.rawValue)"] = level
            }
        } else if a.value("term") != nil {
            throw SodiemError.usage(Message(vi: "--term đi với --learning.", en: "--term goes with --learning."))
        }
        if let outcome = a.value("outcome") { recording["outcome"] = outcome }
        if let title = a.value("title") {
            recording["title"] = ["none", "khong", "không", ""].contains(title.trimmingSpaces().lowercased()) ? .some(nil) : title
        }
        let setting = a.value("decision") != nil || !recording.isEmpty || a.value("plan-subjects") != nil
        guard setting != a.has("off") else {
            throw SodiemError.usage(Message(vi: "Cần --decision \"QĐ số …\" (và/hoặc --learning, --outcome, --title) hoặc --off, không cả hai.",
                                            en: "Give --decision \"QĐ số …\" (and/or --learning, --outcome, --title) or --off, not both."))
        }
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let report = try session.setIndividualPlan(year, className: className, student: student, decision: a.value("decision"),
                                                   recording: recording, planSubjects: a.value("plan-subjects"))
        HomeroomOutput.show(report, context: context)
    }
}
