import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules

extension StudentRecord {
    /// The record as it stood on `day` for figures frozen or reported as of that day (issue 16.7):
    /// re-tests first entered after it, and scores first entered after it, are left out — a
    /// back-dated re-test or a late entry does not reach figures of an earlier date.
    public func asOf(_ day: Day) -> StudentRecord {
        var record = self
        for (subject, entered) in retestEntered where entered > day { record.retests[subject] = nil }
        var scores = record.scores
        for (subject, byTerm) in scores {
            for (term, marks) in byTerm {
                var kept = marks
                for (column, first) in marks.entered where first > day { kept[column] = nil }
                if kept != marks { scores[subject]?[term] = kept }
            }
        }
        record.scores = scores
        return record
    }
}

extension Session {
    /// Results of every student of a class as they stood on `day` (see `StudentRecord.asOf`).
    public func evaluate(_ year: YearFile, _ classFile: ClassFile, asOf day: Day) throws(SodiemError) -> [StudentEvaluation] {
        try evaluate(year, classFile, adjust: { $0.asOf(day) })
    }
}
