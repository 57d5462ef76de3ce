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
        try verify(full: false, witnesses: nil)
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
            if let className, !event.concerns(className: className) { return }
            if let action, event.action.rawValue != action { return }
            if let account, event.by != account && event.actingAs != account { return }
            if let student, !event.mentions(student: student) { return }
            if let since, let when = Instant.parse(event.now ?? event.at, timeZone: zone), when.day < since { return }
            try body(line.bytes, event)
        }
    }
}

extension Session {
    /// The witness file of `verify --witness`, read with the person's rights (66 when missing).
    public static func readWitnesses(_ url: URL) throws(SodiemError) -> (url: URL, data: Data) {
        (url, try DataDirectory.readInput(url, missing: Message(vi: "Không có tệp chứng cứ \(url.path).", en: "There is no witness file \(url.path).")))
    }

    /// `head`: the last event's seq, the full hash of its line and its time (a witness, data.md).
    public func head() throws(SodiemError) -> (seq: Int, hash: String, at: String) {
        try require(.schoolOversight)
        return (tail.last?.seq ?? 0, tail.lastHash, tail.last?.at ?? "")
    }

    /// `verify --witness FILE`: each witnessed head (`seq hash` lines, at least 16 hex digits,
    /// `#` comments) must be in the log with that hash; every other check of `verify` too.
    /// All findings are reported together (65).
    /// By default from the latest checkpoint; `full` replays everything (docs/data-format.md).
    /// `witnesses` is the file as `readWitnesses` read it, before the session took its lock.
    public func verify(full: Bool, witnesses: (url: URL, data: Data)?) throws(SodiemError) -> VerifyReport {
        try require(.schoolOversight)
        var report = try directory.verifyReport(full ? .full : .bounded, rules: Session.ruleCheck())
        if let (url, data) = witnesses {
            guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
                throw SodiemError.badData(vi: "\(url.lastPathComponent) không phải UTF-8.", en: "\(url.lastPathComponent) is not UTF-8.")
            }
            var malformed: [Message] = []
            // By newline Characters: "\r\n" (a mailed witness) is one Character in Swift, not "\n".
            for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if fields.isEmpty { continue }
                let name = "\(url.lastPathComponent) line \(index + 1)"
                let nameVI = "\(url.lastPathComponent) dòng \(index + 1)"
                guard fields.count >= 2, let seq = Int(fields[0]), seq >= 1, fields[1].count >= 16, fields[1].count <= 64,
                      fields[1].allSatisfy({ $0.isHexDigit && $0.isASCII }) else {
                    if malformed.count < 50 {
                        malformed.append(Message(vi: "\(nameVI): phải là \"seq băm\" (ít nhất 16 chữ số hex).",
                                                 en: "\(name): must be \"seq hash\" (at least 16 hex digits)."))
                    }
                    continue
                }
                let witnessed = fields[1].lowercased()
                report.witnessesChecked += 1
                guard let actual = report.hashes[seq] else {
                    report.findings.append(VerifyFinding(place: name, message: Message(
                        vi: "\(nameVI): sự kiện #\(seq) đã được chứng nhận nhưng nhật kí chỉ có \(report.lastSeq) dòng: nhật kí bị cắt.",
                        en: "\(name): event #\(seq) was witnessed but the log has only \(report.lastSeq) lines: the log was cut short.")))
                    continue
                }
                if !actual.hasPrefix(witnessed) {
                    report.findings.append(VerifyFinding(place: name, message: Message(
                        vi: "\(nameVI): sự kiện #\(seq) được chứng nhận với băm \(witnessed.prefix(16))…, nhưng audit.log dòng \(seq) có băm \(actual.prefix(16))…: lịch sử đến dòng này đã bị viết lại.",
                        en: "\(name): event #\(seq) was witnessed with hash \(witnessed.prefix(16))…, but audit.log line \(seq) hashes to \(actual.prefix(16))…: the history up to this line was rewritten.")))
                }
            }
            if !malformed.isEmpty { throw SodiemError.badData(Message.lines(malformed)) }
            // A file without a single head proves nothing: say so rather than "intact".
            if report.witnessesChecked == 0 {
                throw SodiemError.badData(vi: "\(url.lastPathComponent): không có dòng chứng cứ \"seq băm\" nào.",
                                          en: "\(url.lastPathComponent): holds no witness line (\"seq hash\").")
            }
        }
        if !report.findings.isEmpty { throw SodiemError.findings(report.findings) }
        return report
    }
}
