import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

extension Session {
    /// The subjects a class takes: the compulsory ones, and optional ones assigned to the class.
    public func subjectsTaken(_ year: YearFile, className: String) -> [String] {
        TT22Catalogue.subjects.filter { $0.compulsory || year.assignment($0.code, className) != nil }.map(\.code)
    }

    /// The rules for a class's grade in a year, with the year's periods.
    public func rules(_ year: YearFile, grade: Int) -> any AssessmentRules {
        RuleBook.rules(forYear: year.name, grade: grade, periods: year.calendar.periods)
    }

    /// The rules' input for one student.
    public func input(_ record: StudentRecord, year: YearFile, grade: Int, subjects: [String]) -> StudentYearInput {
        var marks: [Term: [String: SubjectMarks]] = [:]
        for (subject, byTerm) in record.scores {
            for (term, m) in byTerm { marks[term, default: [:]][subject] = m }
        }
        var conduct: [Term: Level] = [:]
        for term in Term.allCases { conduct[term] = record.conduct["\(term.rawValue)"] }
        let absences = AbsenceCount(record.absences, mainSession: year.calendar.mainSession(grade: grade))
        var input = StudentYearInput(grade: grade, subjects: subjects, marks: marks, conduct: conduct,
                                     conductAfterSummer: record.conduct["summer"], absences: absences.total,
                                     retests: record.retests, individualPlan: record.individualPlan != nil)
        input.absenceDetail = absences
        return input
    }

    /// Results of every student of a class, in class-list order.
    public func evaluate(_ year: YearFile, _ classFile: ClassFile, student: String? = nil) -> [StudentEvaluation] {
        let subjects = subjectsTaken(year, className: classFile.name)
        let rules = self.rules(year, grade: classFile.grade)
        return classFile.orderedStudents.filter { student == nil || $0.id == student }.map { id, record in
            let input = self.input(record, year: year, grade: classFile.grade, subjects: subjects)
            return StudentEvaluation(id: id, record: record, input: input, results: rules.evaluate(input))
        }
    }

    /// The class a student is in this year (66 when none).
    public func classOf(student id: String, in year: YearFile) throws(SodiemError) -> ClassFile {
        guard let className = year.studentIndex[id] else {
            throw SodiemError.notFound(vi: "Không có học sinh \(id) trong năm học \(year.name).",
                                       en: "There is no student \(id) in the year \(year.name).")
        }
        return try classFile(year, className)
    }

    /// `retest`: records a re-test result, only for a student and subject the rules send to a re-test.
    public func recordRetest(_ year: YearFile, className: String, student: String, subject typed: String,
                             value: String) throws(SodiemError) -> AuditEvent {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        guard let subject = TT22Catalogue.lookup(typed) else { throw SodiemError.unknownSubject(typed) }
        try require(.enterScores(subject: subject.code, className: className), year: year)
        // Re-tests come after the year: from the day after term II ends.
        guard let termTwo = year.calendar.terms[.second] else {
            throw SodiemError.notConfigured(vi: "Năm học \(year.name) chưa có học kì II nên chưa có kiểm tra lại.",
                                            en: "The year \(year.name) has no term 2, so there are no re-tests yet.")
        }
        let opens = termTwo.end.adding(days: 1)
        guard now.day >= opens else {
            throw SodiemError.notPermitted(vi: "Kiểm tra lại diễn ra sau năm học: nhận điểm kiểm tra lại từ ngày \(opens.vietnamese) (học kì II kết thúc ngày \(termTwo.end.vietnamese)).",
                                           en: "Re-tests come after the year: re-test results are accepted from \(opens.english) (term 2 ends on \(termTwo.end.english)).")
        }
        guard let evaluation = evaluate(year, classFile, student: student).first else {
            throw SodiemError.notFound(vi: "Lớp \(className) không có học sinh \(student).", en: "The class \(className) has no student \(student).")
        }
        let listed = evaluation.results.year.retestSubjects
        guard listed.contains(subject.code) else {
            let reason = listed.isEmpty
                ? Message(vi: "học sinh \(student) không phải kiểm tra lại môn nào (kết quả cả năm: \(evaluation.results.year.outcome?.rawValue ?? "chưa đủ")).",
                          en: "the student \(student) has no re-test (year outcome: \(evaluation.results.year.outcome?.rawValue ?? "not yet determinable")).")
                : Message(vi: "học sinh \(student) chỉ kiểm tra lại: \(listed.joined(separator: ", ")).",
                          en: "the student \(student) is re-tested only in: \(listed.joined(separator: ", ")).")
            throw SodiemError.badData(Message(vi: "Không nhận điểm kiểm tra lại môn \(subject.name):", en: "No re-test in \(subject.name):") + reason)
        }
        let mark: Mark
        switch MarkParser.parse(value, kind: subject.kind) {
        case .success(let parsed): mark = parsed
        case .failure(let error):
            throw SodiemError.badData(Message(vi: "Điểm kiểm tra lại \"\(value)\" của \(student):", en: "The re-test value \"\(value)\" of \(student):") + error.message)
        }
        let old = evaluation.record.retests[subject.code]
        guard old != mark else {
            throw SodiemError.badData(vi: "Điểm kiểm tra lại môn \(subject.name) của \(student) đã là \(mark.printed).",
                                      en: "The re-test of \(student) in \(subject.name) is already \(mark.printed).")
        }
        // A recorded re-test changes directly only within the edit window of its first entry, like a score.
        if let old {
            let days = year.calendar.editWindowDays
            let first = evaluation.record.retestEntered[subject.code]
            if first.map({ now.day > $0.adding(days: days) }) ?? true {
                let since = first.map { Message(vi: "nhập lần đầu ngày \($0.vietnamese), hạn sửa trực tiếp \(days) ngày đã hết",
                                                 en: "first entered on \($0.english), its direct edit window of \(days) days has closed") }
                    ?? Message(vi: "không rõ ngày nhập lần đầu", en: "its first entry is not on record")
                throw SodiemError.notPermitted(Message(
                    vi: "Điểm kiểm tra lại môn \(subject.name) của \(student) = \(old.printed): ",
                    en: "The re-test of \(student) in \(subject.name) = \(old.printed): ") + since + Message(
                    vi: ". `request-fix` chưa nhận điểm kiểm tra lại (giới hạn của bản này, docs/commands/retest.md): quản trị viên mở lại bằng `sodiem year set --edit-window-days N` rồi sửa, việc này được ghi trong nhật kí.",
                    en: ". `request-fix` does not take re-tests (a limitation of this version, docs/commands/retest.md): an admin can widen the window with `sodiem year set --edit-window-days N`, then change it; the log keeps both."))
            }
        }
        return try commit(.retestSet, ["year": .string(year.name), "class": .string(className), "student": .string(student),
                                       "subject": .string(subject.code), "old": old?.json ?? .null, "new": mark.json])
    }
}

extension SodiemError {
    static func unknownSubject(_ typed: String) -> SodiemError {
        .notFound(vi: "Không có môn \"\(typed)\" (ví dụ: toan, ngu-van, \"LS-ĐL\", KHTN). Xem docs/commands/enter-score.md.",
                  en: "There is no subject \"\(typed)\" (e.g. toan, ngu-van, \"LS-ĐL\", KHTN). See docs/commands/enter-score.md.")
    }
}
