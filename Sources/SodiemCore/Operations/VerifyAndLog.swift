import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

extension Session {
    /// `verify`: checks the hash chain, replays the log from nothing and compares every snapshot.
    ///
    /// The session's opening already made the repairs every command makes; this reports the first
    /// bad line or file as bad data (65).
    public func verify() throws(SodiemError) -> VerifyReport {
        try require(.schoolOversight)
        return try directory.verifyIntegrity()
    }
}

extension Session {
    /// The log's events that match the filters, with their stored bytes, oldest first.
    public func auditEntries(className: String?, student: String?, since: Day?, action: String?,
                             account: String?) throws(SodiemError) -> [(bytes: Data, event: AuditEvent)] {
        let (lines, _) = try AuditLog(url: directory.auditLog).lines(directory: directory)
        let zone = school.zone
        var result: [(Data, AuditEvent)] = []
        for line in lines {
            guard case .success(let event) = AuditEvent.parse(line.bytes) else { continue }
            if let className, event.className != className { continue }
            if let action, event.action.rawValue != action { continue }
            if let account, event.by != account && event.actingAs != account { continue }
            if let student, !event.mentions(student: student) { continue }
            if let since, let when = Instant.parse(event.now ?? event.at, timeZone: zone), when.day < since { continue }
            result.append((line.bytes, event))
        }
        return result
    }
}
