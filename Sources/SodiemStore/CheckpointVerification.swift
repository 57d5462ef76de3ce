import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SodiemBasics
import SodiemFormats
import SodiemModel

/// `verify` bounded by the open years: the sealed stretch of the log only chained, the replay
/// started from the latest checkpoint (docs/data-format.md, "Sealed years and checkpoints").
extension DataDirectory {
    /// How `verify` went about it.
    public enum VerifyMode: Sendable { case bounded, full }

    /// The bytes that mark a seal's line (no text inside a line can hold an unescaped quote).
    static let sealMarker = Array(",\"action\":\"year.close\",".utf8)

    /// The latest `year.close` line of the log, found by reading it backwards (so only the open
    /// years' bytes are read); nil when no year was ever sealed (a directory of format 1).
    package func latestSeal() throws(SodiemError) -> (event: AuditEvent, line: Int)? {
        let log = AuditLog(url: auditLog)
        let tail = try log.tail()
        guard let last = tail.last else { return nil }
        let fd = open(auditLog.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SodiemError.ioFailure("open", auditLog, errno) }
        defer { close(fd) }
        var end = tail.completeLength        // the bytes before `end` are still to search
        var number = last.seq                // the number of the line that ends at `end`
        var carry: [UInt8] = []              // the start of the line that ends at `end`, when cut by a chunk
        let chunk = 1 << 20
        while end > 0 {
            let start = max(0, end - chunk)
            var bytes = [UInt8](repeating: 0, count: end - start)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(start)) }
            guard n == bytes.count else { throw SodiemError.ioFailure("read", auditLog, errno) }
            bytes += carry
            // Lines of this piece, newest first: [lineStart, lineEnd) without the newline.
            var lineEnd = bytes.count - 1   // the newline that ends line `number`
            var i = lineEnd - 1
            while true {
                while i >= 0 && bytes[i] != 0x0A { i -= 1 }
                if i < 0 && start > 0 { break }   // the line runs on into the previous chunk
                let line = bytes[(i + 1)..<lineEnd]
                if line.count > DataDirectory.sealMarker.count, contains(line, DataDirectory.sealMarker) {
                    guard case .success(let event) = AuditEvent.parse(Data(line)), event.action == .yearClose else {
                        throw SodiemError.integrity(vi: "audit.log dòng \(number): dòng niêm phong năm học không đọc được.",
                                                    en: "audit.log line \(number): a year seal that cannot be read.")
                    }
                    return (event, number)
                }
                number -= 1
                if i < 0 { return nil }
                lineEnd = i
                i -= 1
            }
            carry = Array(bytes[0...lineEnd])
            end = start
        }
        return nil
    }

    private func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBytes { DataDirectory.find(needle, in: $0) }
    }

    /// True when `needle` occurs in `raw` (memchr on its first byte, then a compare; Glibc's memmem is not exported).
    static func find(_ needle: [UInt8], in raw: UnsafeRawBufferPointer) -> Bool {
        guard let base = raw.baseAddress, !needle.isEmpty, raw.count >= needle.count else { return false }
        var offset = 0
        let last = raw.count - needle.count
        return needle.withUnsafeBytes { n -> Bool in
            while offset <= last {
                guard let hit = memchr(base + offset, Int32(needle[0]), last - offset + 1) else { return false }
                let at = UnsafeRawPointer(hit) - base
                if memcmp(base + at, n.baseAddress!, needle.count) == 0 { return true }
                offset = at + 1
            }
            return false
        }
    }

    /// `verify`: by default from the latest checkpoint (after checking it against its seal), with
    /// the sealed stretch only chained; `full` replays everything from nothing and also checks every
    /// checkpoint against its seal, so both find the same faults.
    package func verify(_ mode: VerifyMode, rules: EventRuleCheck? = nil) throws(SodiemError) -> VerifyReport {
        let report = try verifyReport(mode, rules: rules)
        if !report.findings.isEmpty { throw SodiemError.findings(report.findings) }
        return report
    }

    /// `verify` collecting every finding of the replay (git fsck style) instead of throwing them;
    /// a seal or checkpoint that cannot be read still stops it (nothing after it can be judged).
    package func verifyReport(_ mode: VerifyMode, rules: EventRuleCheck? = nil) throws(SodiemError) -> VerifyReport {
        switch mode {
        case .full:
            var report = try verifyFindings(rules: rules, setsAsideSealed: true)
            report.findings += try checkEverySeal()
            return report
        case .bounded:
            guard let (seal, line) = try latestSeal() else { return try verifyFindings(rules: rules) }
            let (path, sha, head) = try sealParticulars(seal, line: line)
            let files = try checkCheckpoint(path, manifestSHA: sha, sealLine: line)
            let start = World(directory: DataDirectory(root: root.appendingPathComponent(path)))
            var report = try verifyFindings(rules: rules, from: start, startLine: head + 1, sealed: files)
            report.checkpoint = head
            report.findings += sealRecordFindings(seal, line: line, checkpoint: files)
            return report
        }
    }

    private func sealParticulars(_ seal: AuditEvent, line: Int) throws(SodiemError) -> (path: String, sha: String, head: Int) {
        guard let path = seal["checkpoint"]["path"].string, let sha = seal["checkpoint"]["manifest_sha256"].string,
              let head = seal["head"]["seq"].int, head == seal.seq - 1, path == Checkpoint.path(head: head) else {
            throw SodiemError.integrity(vi: "audit.log dòng \(line): niêm phong năm học thiếu hoặc sai checkpoint/head.",
                                        en: "audit.log line \(line): a year seal with a missing or wrong checkpoint/head.")
        }
        return (path, sha, head)
    }

    /// The seal's own record of its year's files (`files`) against the checkpoint's manifest, both
    /// ways: a file recorded with another hash, or one of the year's files the record leaves out.
    /// Both verifies make this check, so a log rewritten after a seal cannot make them part.
    private func sealRecordFindings(_ seal: AuditEvent, line: Int, checkpoint files: [String: String]) -> [VerifyFinding] {
        guard let year = seal.year else { return [] }
        let prefix = "years/\(year)/"
        let record = seal["files"].object ?? [:]
        var findings: [VerifyFinding] = []
        for path in Set(record.keys).union(files.keys.filter { $0.hasPrefix(prefix) }).sorted() {
            let recorded = record[path]?.string
            guard recorded != files[path] else { continue }
            findings.append(VerifyFinding(place: "audit.log line \(line)", message: Message(
                vi: "audit.log dòng \(line): niêm phong ghi SHA-256 của \(path) là \((recorded ?? "(không ghi)").prefix(12))…, checkpoint có \((files[path] ?? "(không có tệp)").prefix(12))….",
                en: "audit.log line \(line): the seal records the SHA-256 of \(path) as \((recorded ?? "(nothing)").prefix(12))…, the checkpoint has \((files[path] ?? "(no such file)").prefix(12))….")))
        }
        return findings
    }

    /// Every seal of the log against its checkpoint (for `verify --full`), one streamed pass.
    private func checkEverySeal() throws(SodiemError) -> [VerifyFinding] {
        var seals: [(AuditEvent, Int)] = []
        _ = try AuditLog(url: auditLog).forEachLine { line throws(SodiemError) in
            guard line.bytes.count > DataDirectory.sealMarker.count,
                  line.bytes.withUnsafeBytes({ DataDirectory.find(DataDirectory.sealMarker, in: $0) }),
                  case .success(let event) = AuditEvent.parse(line.bytes), event.action == .yearClose else { return }
            seals.append((event, line.number))
        }
        var findings: [VerifyFinding] = []
        for (seal, line) in seals {
            let (path, sha, _) = try sealParticulars(seal, line: line)
            findings += sealRecordFindings(seal, line: line, checkpoint: try checkCheckpoint(path, manifestSHA: sha, sealLine: line))
        }
        return findings
    }
}
