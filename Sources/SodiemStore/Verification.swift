import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel

/// What `verify` found to be in order.
public struct VerifyReport: Sendable {
    /// Events in the log.
    public var events = 0
    /// Snapshot files compared with the replay.
    public var snapshots = 0
    /// The position and hash of the last line.
    public var lastSeq = 0
    /// Lower-case hex SHA-256 of the last line (64 zeros for an empty log).
    public var lastHash = AuditLog.genesis
    /// The checkpoint the replay started from (its head), nil when it replayed from nothing.
    public var checkpoint: Int?
}


extension DataDirectory {
    /// The checking part of `verify`, with no session: chain, replay from nothing, every snapshot.
    ///
    /// Makes no repairs and takes no lock: the caller holds the lock (`Session.verify`) or owns the
    /// directory alone (an archive extracted into a temporary folder, a restore in progress).
    ///
    /// `start` is a world to start from (a checkpoint's state) and `startLine` the first line to
    /// replay: the lines before it are only chained (seq, prev, hash; docs/data-format.md), and the
    /// snapshot files no replayed event touched must hash as the checkpoint's manifest (`sealed`) says.
    public func verifyIntegrity(from start: World? = nil, startLine: Int = 1,
                                sealed: [String: String] = [:]) throws(SodiemError) -> VerifyReport {
        let directory = self
        let log = AuditLog(url: directory.auditLog)
        let (lines, torn) = try log.lines(directory: directory)
        if !torn.isEmpty {
            throw SodiemError.integrity(vi: "audit.log: dòng cuối bị ghi dở (\(torn.count) byte sau dòng \(lines.count)).",
                                        en: "audit.log: a torn last line (\(torn.count) bytes after line \(lines.count)).")
        }
        var report = VerifyReport()
        var previous = AuditLog.genesis
        let replay = start ?? World(directory: directory, readsFiles: false)
        replay.logSeq = lines.count
        for line in lines {
            if line.number < startLine {
                // The sealed stretch: the line as sodiem writes it begins with its seq and ends with its prev.
                try AuditLog.checkChained(line, previous: previous)
                previous = SHA256.hexString(SHA256.hash(line.bytes))
                continue
            }
            let event: AuditEvent
            switch AuditEvent.parse(line.bytes) {
            case .success(let parsed): event = parsed
            case .failure(let problem):
                throw SodiemError.integrity(vi: "audit.log dòng \(line.number): không đọc được (\(problem)).",
                                            en: "audit.log line \(line.number): cannot be read (\(problem)).")
            }
            guard event.seq == line.number else {
                throw SodiemError.integrity(vi: "audit.log dòng \(line.number): seq là \(event.seq), phải là \(line.number).",
                                            en: "audit.log line \(line.number): seq is \(event.seq), expected \(line.number).")
            }
            guard event.prev == previous else {
                // The first line that can be at fault is the one before: its bytes no longer hash to this prev.
                if line.number == 1 {
                    throw SodiemError.integrity(vi: "audit.log dòng 1: prev phải là 64 số 0 (dòng đầu đã bị sửa).",
                                                en: "audit.log line 1: prev must be 64 zeros (the first line was altered).")
                }
                throw SodiemError.integrity(vi: "audit.log dòng \(line.number - 1): đã bị sửa — băm của nó không khớp prev ghi ở dòng \(line.number) (hoặc prev của dòng \(line.number) bị sửa). Chuỗi băm đứt từ đây.",
                                            en: "audit.log line \(line.number - 1): altered — its hash does not match the prev recorded on line \(line.number) (or the prev of line \(line.number) was altered). The hash chain breaks here.")
            }
            // A line must be written exactly as sodiem writes it, or an edit could hide in formatting.
            guard Data(event.line()) == line.bytes else {
                throw SodiemError.integrity(vi: "audit.log dòng \(line.number): không đúng dạng sodiem ghi (đã bị sửa tay?).",
                                            en: "audit.log line \(line.number): not in the form sodiem writes (edited by hand?).")
            }
            previous = SHA256.hexString(SHA256.hash(line.bytes))
            try replay.apply(event, hash: previous)
        }
        report.events = lines.count
        report.lastSeq = lines.count
        report.lastHash = previous
        // Every snapshot the replay produced must be on disk, byte for byte.
        let produced = replay.loadedSnapshots.sorted { $0.description < $1.description }
        for id in produced {
            let expected = try replay.encoded(id)
            let actual = try directory.read(id.url(in: directory))
            guard let actual else {
                throw SodiemError.integrity(vi: "\(id): tệp bị thiếu (nhật kí tạo ra nó).", en: "\(id): the file is missing (the log produces it).")
            }
            if actual != expected {
                let claimed = (try? JSON.parse(actual))?["seq"].int ?? 0
                if claimed > lines.count {
                    throw SodiemError.integrity(vi: "\(id) ghi nhận sự kiện \(claimed) nhưng nhật kí chỉ có \(lines.count) dòng: nhật kí bị cắt.",
                                                en: "\(id) claims event \(claimed) but the log has only \(lines.count) lines: the log was cut short.")
                }
                // The chain cannot protect the last lines that touched the file: name the newest.
                let last = (try? replay.seq(of: id)) ?? 0
                throw SodiemError.integrity(vi: "\(id): khác với kết quả phát lại nhật kí đến dòng \(last) của audit.log (dòng cuối cùng sửa tệp này): tệp, hoặc dòng đó của audit.log, đã bị sửa ngoài sodiem.",
                                            en: "\(id): differs from the replay of the log up to audit.log line \(last) (the last line that changes it): the file, or that line of audit.log, was changed outside sodiem.")
            }
            report.snapshots += 1
        }
        // A snapshot no event after the checkpoint touched must be as the checkpoint holds it.
        var known = Set(produced.map(\.description))
        for (path, sha) in sealed.sorted(by: { $0.key < $1.key }) where !known.contains(path) {
            guard let actual = try sha256(ofFile: directory.root.appendingPathComponent(path)) else {
                throw SodiemError.integrity(vi: "\(path): tệp bị thiếu (checkpoint có nó).", en: "\(path): the file is missing (the checkpoint holds it).")
            }
            guard actual == sha else {
                throw SodiemError.integrity(vi: "\(path): khác với checkpoint của năm học đã niêm phong và không sự kiện nào sau đó sửa nó: tệp đã bị sửa ngoài sodiem.",
                                            en: "\(path): differs from the sealed checkpoint and no later event changes it: the file was changed outside sodiem.")
            }
            known.insert(path)
            report.snapshots += 1
        }
        // And nothing on disk may claim to be a snapshot the log does not produce.
        for path in directory.snapshotFilesOnDisk() where !known.contains(path) {
            throw SodiemError.integrity(vi: "\(path): nhật kí không tạo ra tệp này (thêm ngoài sodiem, hoặc nhật kí bị cắt).",
                                        en: "\(path): the log does not produce this file (added outside sodiem, or the log was cut short).")
        }
        return report
    }

    private func snapshotFilesOnDisk() -> [String] {
        let directory = self
        var paths: [String] = []
        let manager = FileManager.default
        for name in ["sodiem.json", "users.json"] where manager.fileExists(atPath: directory.root.appendingPathComponent(name).path) {
            paths.append(name)
        }
        let years = (try? manager.contentsOfDirectory(atPath: directory.root.appendingPathComponent("years").path)) ?? []
        for year in years {
            let base = "years/\(year)"
            for name in ["year.json", "fixes.json"] where manager.fileExists(atPath: directory.root.appendingPathComponent("\(base)/\(name)").path) {
                paths.append("\(base)/\(name)")
            }
            for folder in ["classes", "snapshots"] {
                let files = (try? manager.contentsOfDirectory(atPath: directory.root.appendingPathComponent("\(base)/\(folder)").path)) ?? []
                paths += files.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { "\(base)/\(folder)/\($0)" }
            }
        }
        return paths
    }
}

extension SodiemError {
    package static func integrity(vi: String, en: String) -> SodiemError {
        .badData(Message(vi: "Kiểm tra toàn vẹn thất bại: \(vi)", en: "Integrity check failed: \(en)"))
    }
}


extension AuditEvent {
    /// True when the event concerns the student.
    public func mentions(student id: String) -> Bool {
        if body["student"]?.string == id { return true }
        if body["students"]?.object?[id] != nil { return true }
        if body["levels"]?.object?[id] != nil { return true }
        if body["fix"]?["student"].string == id { return true }
        for key in ["changes", "entries"] {
            if body[key]?.array?.contains(where: { $0["student"].string == id }) == true { return true }
        }
        return false
    }
}
