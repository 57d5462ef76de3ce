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
        Session.subjectsTaken(year, className: className)
    }

    /// The subjects a class takes: the compulsory ones and those assigned to it.
    static func subjectsTaken(_ year: YearFile, className: String) -> [String] {
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
        // A term completed at another school: its conduct and buổi are the transcript's (rules-tt22.md §8).
        let carried = record.transferIn?.terms ?? [:]
        for term in Term.allCases { conduct[term] = record.conduct["\(term.rawValue)"] ?? carried[term]?.conduct }
        let absences = AbsenceCount(record.absences, mainSession: year.calendar.mainSession(grade: grade))
        var input = StudentYearInput(grade: grade, subjects: subjects, marks: marks, conduct: conduct,
                                     conductAfterSummer: record.conduct["summer"], absences: absences.total + record.carriedAbsences(),
                                     retests: record.retests, individualPlan: record.individualPlan != nil)
        input.absenceDetail = absences
        input.carried = carried.mapValues(\.results)
        if let plan = record.individualPlan, let subjects = plan.subjects {
            input.planSubjects = Set(subjects)
            for (subject, byTerm) in plan.results {
                for (term, mark) in byTerm { input.planResults[term, default: [:]][subject] = mark }
            }
        }
        return input
    }

    /// Results of every student of a class, in class-list order, each over the student's whole
    /// year (what the classes they moved from hold, rules-tt22.md §8); `adjust` is applied to
    /// that year record before it is evaluated (figures as of a day).
    public func evaluate(_ year: YearFile, _ classFile: ClassFile, student: String? = nil,
                         adjust: (StudentRecord) -> StudentRecord = { $0 }) throws(SodiemError) -> [StudentEvaluation] {
        let subjects = subjectsTaken(year, className: classFile.name)
        let rules = self.rules(year, grade: classFile.grade)
        var listed = classFile.orderedStudents.filter { student == nil || $0.id == student }
        // A student who left the school is evaluated when asked for by id: the transcript "so far".
        if let student, listed.isEmpty, let left = classFile.students[student], left.movedTo == nil, left.transferOut != nil {
            listed = [(student, left)]
        }
        var evaluations: [StudentEvaluation] = []
        for (id, own) in listed {
            let record = adjust(try yearRecord(id, own, className: classFile.name, year: year))
            let input = self.input(record, year: year, grade: classFile.grade, subjects: subjects)
            evaluations.append(StudentEvaluation(id: id, record: record, input: input, results: rules.evaluate(input)))
        }
        return evaluations
    }

    /// What the old class holds of each student who moved out of it (or left the school), evaluated on that alone
    /// (the old ledger shows what was entered while the student was there), by id.
    public func movedOutEvaluations(_ year: YearFile, _ classFile: ClassFile) -> [StudentEvaluation] {
        let subjects = subjectsTaken(year, className: classFile.name)
        let rules = self.rules(year, grade: classFile.grade)
        return (classFile.movedOutStudents + classFile.leftSchoolStudents).map { id, record in
            let input = self.input(record, year: year, grade: classFile.grade, subjects: subjects)
            return StudentEvaluation(id: id, record: record, input: input, results: rules.evaluate(input))
        }
    }

    /// The class with each current student's year record in place of what this class holds of
    /// them (rules-tt22.md §8): what reminders, lock-term's gaps and the subject sheets count.
    public func yearView(_ year: YearFile, _ file: ClassFile) throws(SodiemError) -> ClassFile {
        var view = file
        for (id, record) in file.students where record.movedTo == nil && !record.movedFrom.isEmpty {
            view.students[id] = try yearRecord(id, record, className: file.name, year: year)
        }
        return view
    }

    /// One record for the student's year: what the classes they left hold, oldest first, with
    /// the record of `className` laid over it (rules-tt22.md §8).
    /// A class file of the way that cannot be read is an error (never a year silently missing a class).
    public func yearRecord(_ id: String, _ record: StudentRecord, className: String, year: YearFile) throws(SodiemError) -> StudentRecord {
        try Session.yearRecord(id, record, className: className, year: year.name, world: world, visiting: [])
    }

    static func yearRecord(_ id: String, _ record: StudentRecord, className: String, year: String, world: World,
                           visiting: Set<String>) throws(SodiemError) -> StudentRecord {
        guard !record.movedFrom.isEmpty else { return record }
        let visiting = visiting.union([className])
        var merged: StudentRecord?
        for move in record.movedFrom where !visiting.contains(move.className) {
            guard let earlier = try world.classFile(year, move.className)?.students[id] else { continue }
            let whole = try yearRecord(id, earlier, className: move.className, year: year, world: world, visiting: visiting)
            merged = merged.map { $0.overlaid(by: whole) } ?? whole
        }
        return merged.map { $0.overlaid(by: record) } ?? record
    }

    /// The class the student left that holds a mark in this cell, and the mark, when the record
    /// of `className` holds none there: that class's enterers gave it and correct it (cli.md).
    static func earlierHolder(_ id: String, _ record: StudentRecord, className: String, year: String, world: World,
                              subject: String, term: Term, column: Column, visiting: Set<String> = []) throws(SodiemError) -> (className: String, mark: Mark)? {
        let visiting = visiting.union([className])
        for move in record.movedFrom.reversed() where !visiting.contains(move.className) {
            guard let earlier = try world.classFile(year, move.className)?.students[id] else { continue }
            if let mark = earlier.marks(subject, term)[column] { return (move.className, mark) }
            if let found = try earlierHolder(id, earlier, className: move.className, year: year, world: world,
                                         subject: subject, term: term, column: column, visiting: visiting) { return found }
        }
        return nil
    }

    /// Why a cell of a moved student may not be given a value in `className`: it holds a mark
    /// entered in a class they left (not a `vắng` awaiting its make-up, which the new class gives).
    static func carriedRefusal(_ id: String, _ record: StudentRecord?, className: String, year: String, world: World,
                               subject: String, term: Term, column: Column) throws(SodiemError) -> Message? {
        guard let record, record.marks(subject, term)[column] == nil,
              let (holder, mark) = try earlierHolder(id, record, className: className, year: year, world: world,
                                                 subject: subject, term: term, column: column),
              mark != .missed else { return nil }
        return Message(
            vi: "Điểm \(column) (\(subject), HK\(term.rawValue)) của \(id) = \(mark.printed) được nhập ở lớp \(holder) trước khi học sinh chuyển lớp: giáo viên vào điểm môn này của lớp \(holder) sửa nó bằng `\(run: .requestFixInClass(className: holder))`.",
            en: "The score \(column) of \(id) (\(subject), term \(term.rawValue)) = \(mark) was entered in \(holder) before the student moved: the subject's enterers of \(holder) correct it with `\(run: .requestFixInClass(className: holder))`.")
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
        guard let evaluation = try evaluate(year, classFile, student: student).first else {
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
                    vi: ". `\(command: .requestFix)` chưa nhận điểm kiểm tra lại (giới hạn của bản này, docs/commands/retest.md): quản trị viên mở lại bằng `\(run: .widenEditWindow)` rồi sửa, việc này được ghi trong nhật kí.",
                    en: ". `\(command: .requestFix)` does not take re-tests (a limitation of this version, docs/commands/retest.md): an admin can widen the window with `\(run: .widenEditWindow)`, then change it; the log keeps both."))
            }
        }
        return try commit(.retestSet(RetestSetBody(year: year.name, className: className, student: student, subject: subject.code,
                                                   old: old, new: mark)))
    }
}

extension SodiemError {
    static func unknownSubject(_ typed: String) -> SodiemError {
        .notFound(vi: "Không có môn \"\(typed)\" (ví dụ: toan, ngu-van, \"LS-ĐL\", KHTN). Xem docs/commands/\(command: .enterScore).md.",
                  en: "There is no subject \"\(typed)\" (e.g. toan, ngu-van, \"LS-ĐL\", KHTN). See docs/commands/\(command: .enterScore).md.")
    }
}
