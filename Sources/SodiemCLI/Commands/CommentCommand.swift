import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem comment`: the homeroom comment, or a subject comment, for the transcript.
enum CommentCommand: Command {
    static let spec = CommandSpec(
        "comment",
        summary: Message(vi: "Ghi nhận xét (GVCN hoặc môn học) cho học bạ", en: "Write a homeroom or subject comment for the transcript"),
        audience: .homeroomTeacher,
        usage: ["comment --class 6A1 --student ID --text \"...\" [--subject khtn]"],
        details: Message(vi: """
            Không có --subject: nhận xét của giáo viên chủ nhiệm (giáo viên chủ nhiệm của lớp hoặc quản
            trị viên). Có --subject: nhận xét của giáo viên môn học (người chủ trì môn đó của lớp). Ghi
            lại thì thay nhận xét cũ; --text "" xoá nhận xét.
            """, en: """
            Without --subject: the homeroom teacher's comment (the class's homeroom teacher or an
            admin). With --subject: the subject teacher's comment (the lead teacher of that subject
            for the class). Writing again replaces the comment; --text "" removes it.
            """),
        options: [.className, .student,
                  .value("text", "NHẬN-XÉT", "TEXT", vi: "lời nhận xét (\"\" để xoá)", en: "the comment (\"\" removes it)"),
                  .subject.meaning(vi: "môn của nhận xét môn học", en: "the subject of a subject comment")],
        examples: ["comment --class 6A1 --student HS0001 --subject khtn --text \"Ham tìm tòi, làm thí nghiệm cẩn thận.\""],
        exitCodes: [.missing(vi: "không có lớp, học sinh hoặc môn này", en: "no such class, student or subject"),
                    .denied(vi: "không phải giáo viên chủ nhiệm hoặc người chủ trì môn", en: "not the homeroom teacher or the subject's lead")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let student = try a.required("student", command: name)
        guard let text = a.value("text") else {
            throw SodiemError.usage(Message(vi: "Lệnh comment cần --text.", en: "The command comment needs --text."))
        }
        let session = try context.session(.write)
        let year = try session.year(context.requestedYear)
        let report = try session.setComment(year, className: className, student: student, text: text, subject: a.value("subject"))
        HomeroomOutput.show(report, context: context)
    }
}
