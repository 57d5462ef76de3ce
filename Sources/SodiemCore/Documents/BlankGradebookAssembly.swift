import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

extension Session {
    /// Gathers a teacher's blank gradebook for a term (`blankGradebook`: that teacher, admin).
    public func blankGradebook(_ year: YearFile, teacher id: String, term: Term) throws(SodiemError) -> BlankGradebook {
        let users = try world.users()
        guard let teacher = users.accounts[id] else {
            throw SodiemError.core(.unknownAccount(id))
        }
        try require(.blankGradebook(teacher: id), year: year)
        var sheets: [BlankGradebook.Sheet] = []
        let classNames = year.classes.keys.sorted(by: ClassNotation.precedes)
        for className in classNames {
            for subject in TT22Catalogue.subjects {
                guard let assignment = year.assignment(subject.code, className), assignment.enterers.contains(id) else { continue }
                let classFile = try self.classFile(year, className)
                let rules = self.rules(year, grade: classFile.grade)
                let count = rules.regularCount(subject, grade: classFile.grade)
                let students = classFile.orderedStudents.map { (id: $0.id, name: $0.record.name) }
                let others = assignment.enterers.filter { $0 != id }.map { PrintedNames.person($0, users) }
                // A one-part teacher (assign --part) gets their part's sheet and the combined one (issue 16.1).
                let parts = assignment.parts[id].map { [$0] } ?? subject.parts
                for part in parts + [nil] as [String?] {
                    sheets.append(.init(className: className, subject: subject.code, part: part, regularCount: count,
                                        students: students, coTeachers: others))
                }
            }
        }
        guard !sheets.isEmpty else {
            throw SodiemError.notFound(vi: "\(id) không được phân công vào điểm lớp nào trong năm học \(year.name). Xem `\(run: .assignmentsOfTeacher(teacher: id))`.",
                                       en: "\(id) is not assigned to enter scores for any class in \(year.name). See `\(run: .assignmentsOfTeacher(teacher: id))`.")
        }
        return BlankGradebook(school: school, year: year, term: term, teacher: teacher, sheets: sheets, anchor: anchor)
    }
}
