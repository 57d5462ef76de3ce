import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore

extension Session {
    /// Appends one event whose body is typed (`EventBody`), durably, and brings the snapshots it
    /// touches up to it: the operations' way to write (`commit(.scoreSet(ScoreSetBody(…)))`).
    /// The line is the one `commit(_:_:)` writes for the encoded body, byte for byte.
    /// `filesMayLag` is false only for `init` (see `commit(_:_:filesMayLag:)`).
    @discardableResult
    package func commit(_ body: EventBody, filesMayLag: Bool = true) throws(SodiemError) -> AuditEvent {
        try commit(body.action, body.encode(), filesMayLag: filesMayLag)
    }
}
