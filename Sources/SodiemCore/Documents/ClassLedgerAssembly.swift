import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

extension Session {
    /// Gathers the class ledger of a period (`readClass`: anyone who teaches the class, the board, admin, system).
    public func classLedger(_ year: YearFile, className: String, period: Period) throws(SodiemError) -> ClassLedger {
        let classFile = try self.classFile(year, className)
        try require(.readClass(className: className), year: year)
        try require(.readParticulars(className: className), year: year)
        let subjects = subjectsTaken(year, className: className)
        let rules = self.rules(year, grade: classFile.grade)
        var counts: [String: Int] = [:]
        for code in subjects { if let s = rules.subject(code: code) { counts[code] = rules.regularCount(s, grade: classFile.grade) } }
        let evaluations = try evaluate(year, classFile)
        // A student who moved here brings the corrections of the scores entered in the class they left.
        let cameFrom = Dictionary(grouping: evaluations.flatMap { ev in ev.record.movedFrom.map { ($0.className, ev.id) } }, by: \.0)
            .mapValues { Set($0.map(\.1)) }
        let fixes = try world.fixes(year.name).fixes.filter {
            $0.status == .approved && ($0.className == classFile.name || cameFrom[$0.className]?.contains($0.student) == true)
        }
        return ClassLedger(school: school, year: year, classFile: classFile, period: period,
                           evaluations: evaluations, movedOut: movedOutEvaluations(year, classFile), subjects: subjects, regularCounts: counts,
                           users: try world.users(), fixes: fixes, anchor: anchor)
    }
}
