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
    public func verify(full: Bool = false) throws(SodiemError) -> VerifyReport {
        try require(.schoolOversight)
        // By default from the latest checkpoint; `--full` replays everything (docs/data-format.md).
        return try directory.verify(full ? .full : .bounded)
    }
}

extension Session {
    /// The log's events that match the filters, with their stored bytes, oldest first.
    public func auditEntries(className: String?, student: String?, since: Day?, action: String?,
                             account: String?) throws(SodiemError) -> [(bytes: Data, event: AuditEvent)] {
        var result: [(Data, AuditEvent)] = []
        try forEachAuditEntry(className: className, student: student, since: since, action: action, account: account) { bytes, event in
            result.append((bytes, event))
        }
        return result
    }

    /// Calls `body` with each of the log's events that match the filters, oldest first, reading
    /// the log in fixed chunks: memory does not grow with the log.
    public func forEachAuditEntry(className: String?, student: String?, since: Day?, action: String?, account: String?,
                                  _ body: (Data, AuditEvent) throws(SodiemError) -> Void) throws(SodiemError) {
        let zone = school.zone
        _ = try AuditLog(url: directory.auditLog).forEachLine { line throws(SodiemError) in
            guard case .success(let event) = AuditEvent.parse(line.bytes) else { return }
            if let className, event.className != className { return }
            if let action, event.action.rawValue != action { return }
            if let account, event.by != account && event.actingAs != account { return }
            if let student, !event.mentions(student: student) { return }
            if let since, let when = Instant.parse(event.now ?? event.at, timeZone: zone), when.day < since { return }
            try body(line.bytes, event)
        }
    }
}
