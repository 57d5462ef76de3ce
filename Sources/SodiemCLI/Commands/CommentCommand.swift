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
    static let name = "comment"
    static let summary = Message(vi: "Ghi nhận xét (GVCN hoặc môn học) cho học bạ", en: "Write a homeroom or subject comment for the transcript")
    static let options = OptionSpec(values: ["class", "student", "text", "subject"])
    static let help = """
        Usage: sodiem comment --class 6A1 --student ID --text "..." [--subject khtn]

        Without --subject: the homeroom teacher's comment (the class's homeroom teacher or an
        admin). With --subject: the subject teacher's comment (the lead teacher of that subject
        for the class). Writing again replaces the comment; --text "" removes it.

        Exit codes: 0 done; 64 usage; 66 no such class, student or subject; 77 not permitted.

        Example:
          sodiem comment --class 6A1 --student HS0001 --subject khtn --text "Ham tìm tòi, làm thí nghiệm cẩn thận."

        """

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
