import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

extension Session {
    /// The correction record of a request, for `print-fix-record` (the requester, the board, admin).
    public func fixRecord(_ year: YearFile, id: Int) throws(SodiemError) -> FixRecord {
        let fix = try readableFix(year, id)
        let studentName = try world.classFile(year.name, fix.className)?.students[fix.student]?.name
        let (seq, hash) = anchor
        return FixRecord(fix: fix, year: year.name, school: school, users: try world.users(), studentName: studentName,
                         termLockedNow: year.isLocked(fix.term, className: fix.className), anchorSeq: seq, anchorHash: hash,
                         printedAt: now)
    }
}
