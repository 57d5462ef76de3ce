import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem explain`: how each average and level of a student was reached, and what is still needed.
enum ExplainCommand: Command {
    static let spec = CommandSpec(
        "explain",
        summary: Message(vi: "Giải thích cách tính điểm trung bình, mức đánh giá của một học sinh", en: "How a student's averages and levels were reached"),
        audience: .subjectTeacher,
        usage: ["explain --student ID [--term 1|2|year] [--need] [--format text|json]"],
        details: Message(vi: """
            Cách tính mà giáo viên hay phụ huynh theo dõi được: từng điểm trung bình với công thức và các
            số, điều kiện nào của mức nào đạt hay không đạt và do môn nào, có áp dụng điều chỉnh một môn
            không và vì sao, và kết quả lên lớp suy ra thế nào. --need: với học kì (hoặc năm) chưa đủ
            điểm, điểm thấp nhất còn phải có ở các môn chưa xong để đạt từng mức, và theo từng môn điểm
            thấp nhất để đạt 3,5 / 5,0 / 6,5 / 8,0 / 9,0 (tính thử; các giả định được in ra).
            """, en: """
            The derivation a teacher or a parent can follow: each average with its formula and
            numbers, which condition of which level held or failed and for which subject, whether
            the one-subject adjustment applied and why, and how the outcome followed.
            --need: for a term (or year) not yet complete, the lowest score still to be entered in
            the pending subjects that reaches each level, and per subject the lowest score that
            reaches 3,5 / 5,0 / 6,5 / 8,0 / 9,0 (a what-if planner; its assumptions are printed).
            """),
        options: [.student, .period,
                  .flag("need", vi: "điểm còn cần để đạt từng mức", en: "the scores still needed to reach each level")],
        examples: ["explain --student HS0001 --term 1", "explain --student HS0001 --term 2 --need"],
        exitCodes: [.missing(vi: "không có học sinh này", en: "no such student"),
                    .denied(vi: "không dạy lớp của học sinh", en: "not teaching the student's class")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let session = try context.session(.read)
        let year = try session.year(context.requestedYear)
        let id = try a.required("student", command: name)
        let classFile = try session.classOf(student: id, in: year)
        try session.require(.readClass(className: classFile.name), year: year)
        let period = try ResultsRendering.period(context.options.period(), session: session, year: year)
        guard let evaluation = try session.evaluate(year, classFile, student: id).first else {
            throw SodiemError.notFound(Message(vi: "Không có học sinh \(id).", en: "There is no student \(id)."))
        }
        let rules = session.rules(year, grade: classFile.grade)
        let format = try context.format(default: .text, allowed: [.text, .json])
        let periodName = ResultsRendering.name(period)
        if a.has("need") {
            let plan = rules.need(evaluation.input, period: period)
            if format == .json {
                context.write(Render.json(.object([
                    "student": .string(id), "class": .string(classFile.name), "term": .string(periodName),
                    "pending": .array(plan.pending.map(JSON.string)), "current": .optional(plan.current?.rawValue),
                    "levels": .array(plan.levels.map { .object(["level": .string($0.level.rawValue), "minimum": $0.minimum.map { .tenths($0.tenths) } ?? .null]) }),
                    "subjects": .array(plan.subjects.map { need in
                        .object(["subject": .string(need.code), "thresholds": .array(need.thresholds.map {
                            .object(["threshold": .tenths($0.threshold.tenths), "minimum": $0.minimum.map { .tenths($0.tenths) } ?? .null])
                        })])
                    }),
                    "notes": .array(plan.notes.map { .string(context.text($0)) }),
                ])))
                return
            }
            context.write(context.text(vi: "\(evaluation.record.name) (\(id), lớp \(classFile.name)) — cần gì để đạt mỗi mức, \(periodLabel(period, context))\n",
                                       en: "\(evaluation.record.name) (\(id), \(classFile.name)) — what each level still needs, \(periodLabel(period, context))\n"))
            if plan.pending.isEmpty {
                context.write(context.text(vi: "Không còn môn nào thiếu điểm; mức hiện tại: \(plan.current?.rawValue ?? "-").\n",
                                           en: "No subject is pending; the level is \(plan.current?.rawValue ?? "-").\n"))
                return
            }
            context.write(context.text(vi: "Môn còn thiếu điểm: \(plan.pending.map(PrintedNames.subject).joined(separator: ", "))\n",
                                       en: "Pending subjects: \(plan.pending.map(PrintedNames.subject).joined(separator: ", "))\n"))
            for need in plan.levels {
                let what = need.minimum.map { $0.tenths == 0 ? context.text(vi: "đạt được dù điểm còn lại thế nào", en: "reached whatever the remaining scores")
                    : context.text(vi: "mọi điểm còn thiếu ít nhất \($0.printed)", en: "every missing score at least \($0.printed)") }
                    ?? context.text(vi: "không thể đạt", en: "out of reach")
                context.write("  \(need.level.rawValue) (\(need.level.vietnameseName)): \(what)\n")
            }
            for subject in plan.subjects {
                let parts = subject.thresholds.map { "\($0.threshold.printed)→\($0.minimum?.printed ?? "×")" }
                let name = PrintedNames.subject(subject.code)
                context.write("  \(name): \(parts.joined(separator: "  "))\n")
            }
            for note in plan.notes { context.write("  * " + context.text(note) + "\n") }
            return
        }
        let steps = rules.explain(evaluation.input, period: period)
        if format == .json {
            context.write(Render.json(.object([
                "student": .string(id), "name": .string(evaluation.record.name), "class": .string(classFile.name),
                "term": .string(periodName),
                "steps": .array(steps.map { step in
                    .object(["kind": .string(step.kind.rawValue), "subject": .optional(step.subject), "level": .optional(step.level?.rawValue),
                             "holds": step.holds.map(JSON.bool) ?? .null, "value": .optional(step.value), "text": .string(context.text(step.text))])
                }),
            ])))
            return
        }
        context.write(context.text(vi: "\(evaluation.record.name) (\(id), lớp \(classFile.name)), \(periodLabel(period, context)), năm học \(year.name)\n",
                                   en: "\(evaluation.record.name) (\(id), \(classFile.name)), \(periodLabel(period, context)), \(year.name)\n"))
        for step in steps {
            let mark = step.holds.map { $0 ? "✓ " : "✗ " } ?? ""
            let indent = step.kind == .condition ? "    " : "  "
            context.write(indent + mark + context.text(step.text) + "\n")
        }
    }

    static func periodLabel(_ period: Period, _ context: Context) -> String {
        switch period {
        case .term(let t): return context.text(vi: "học kì \(t.rawValue)", en: "term \(t.rawValue)")
        case .year: return context.text(vi: "cả năm", en: "the year")
        }
    }
}
