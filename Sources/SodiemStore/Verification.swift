import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SodiemBasics
import SodiemFormats
import SodiemModel

/// One thing `verify` found wrong, with the line or file it concerns.
public struct VerifyFinding: Sendable, CustomStringConvertible {
    /// `audit.log line N`, a snapshot's path, a folder.
    public var place: String
    /// What is wrong there.
    public var message: Message

    /// Creates a finding.
    public init(place: String, message: Message) {
        self.place = place
        self.message = message
    }

    /// English, for tests.
    public var description: String { message.en }
}

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
    /// The `at` of the last line (empty for an empty log).
    public var lastAt = ""
    /// Every finding, in the order found (git fsck style: all of them, not only the first).
    public var findings: [VerifyFinding] = []
    /// The hash of every line by its seq (for `--witness`).
    public var hashes = LineHashes()
    /// How many witnessed heads `--witness` checked.
    public var witnessesChecked = 0
}

/// The SHA-256 of every line of the log by line number, 32 bytes each in one buffer (a
/// dictionary of hex strings cost about 200 bytes a line, and grew with the history).
public struct LineHashes: Sendable {
    private var digests: [UInt8] = []

    /// Creates an empty table.
    public init() {}

    /// The hex hash of line `number` (from 1), nil when it was not recorded; lines are set in order.
    public subscript(number: Int) -> String? {
        guard number >= 1, number * 32 <= digests.count else { return nil }
        return SHA256.hexString(digests[(number - 1) * 32 ..< number * 32])
    }

    /// Records the next line's digest (32 bytes).
    package mutating func append(_ digest: [UInt8]) { digests += digest }
}

/// The rules an event must have obeyed, judged against the state before it (the replayed world):
/// supplied by the layer that owns the rules (SodiemCore), so that commands and replay share them.
/// Returns the violations (empty when the event was allowed).
package typealias EventRuleCheck = (_ event: AuditEvent, _ body: EventBody?, _ before: World) -> [Message]

/// How far `at` may go backwards between consecutive events (clocks of servers drift and are
/// corrected by NTP): docs/security.md.
public let clockSkewAllowance = 300

extension DataDirectory {
    /// The checking part of `verify`, with no session: chain, replay from nothing, every snapshot.
    ///
    /// Makes no repairs and takes no lock: the caller holds the lock (`Session.verify`) or owns the
    /// directory alone (an archive extracted into a temporary folder, a restore in progress).
    /// Throws bad data (65) listing every finding when there is one.
    ///
    /// `start` is a world to start from (a checkpoint's state) and `startLine` the first line to
    /// replay: the lines before it are only chained (seq, prev, hash; docs/data-format.md), and the
    /// snapshot files no replayed event touched must hash as the checkpoint's manifest (`sealed`) says.
    package func verifyIntegrity(rules: EventRuleCheck? = nil, from start: World? = nil, startLine: Int = 1,
                                sealed: [String: String] = [:]) throws(SodiemError) -> VerifyReport {
        let report = try verifyFindings(rules: rules, from: start, startLine: startLine, sealed: sealed)
        if !report.findings.isEmpty { throw SodiemError.findings(report.findings) }
        return report
    }

    /// Replays the log and compares every snapshot, collecting every finding instead of stopping.
    ///
    /// `setsAsideSealed` (`verify --full`): at each seal, the replay's class files of the sealed
    /// year must hash to what the seal records; they are then dropped from memory and compared
    /// with the disk by their hash at the end, so memory does not grow with the years replayed.
    package func verifyFindings(rules: EventRuleCheck? = nil, from start: World? = nil,
                               startLine: Int = 1, sealed: [String: String] = [:],
                               setsAsideSealed: Bool = false) throws(SodiemError) -> VerifyReport {
        let directory = self
        var report = VerifyReport()
        func find(_ place: String, _ placeVI: String? = nil, vi: String, en: String) {
            report.findings.append(VerifyFinding(place: place, message: Message(vi: "\(placeVI ?? place): \(vi)", en: "\(place): \(en)")))
        }
        let log = AuditLog(url: directory.auditLog)
        var previous = AuditLog.genesis
        var previousAt: Int? = nil
        let replay = start ?? World(directory: directory, readsFiles: false)
        // The log is streamed (memory bounded by a chunk, not the history): the number of lines is
        // known only at the end, so a snapshot read meanwhile is held to the last line's seq.
        // A last line that does not parse is not an error here: the stream below reports it as a
        // finding with its line number, as it does every other bad line.
        replay.logSeq = (try? log.tail())?.last?.seq ?? .max
        let zone = TimeZone(identifier: "UTC")!
        var count = 0
        let torn = try log.forEachLine { line throws(SodiemError) in
            count = line.number
            if line.number < startLine {
                // The sealed stretch: the line as sodiem writes it begins with its seq and ends with its prev.
                let digest = SHA256.hash(line.bytes)
                let hash = SHA256.hexString(digest)
                do throws(SodiemError) {
                    try AuditLog.checkChained(line, previous: previous)
                } catch {
                    report.findings.append(VerifyFinding(place: "audit.log line \(line.number)", message: error.message))
                }
                previous = hash
                report.hashes.append(digest)
                return
            }
            let place = "audit.log dòng \(line.number)"
            let placeEN = "audit.log line \(line.number)"
            func findLine(vi: String, en: String) {
                report.findings.append(VerifyFinding(place: placeEN, message: Message(vi: "\(place): \(vi)", en: "\(placeEN): \(en)")))
            }
            let digest = SHA256.hash(line.bytes)
            let hash = SHA256.hexString(digest)
            defer {
                previous = hash
                report.hashes.append(digest)
            }
            let event: AuditEvent
            switch AuditEvent.parse(line.bytes) {
            case .success(let parsed): event = parsed
            case .failure(let problem):
                findLine(vi: "không đọc được (\(problem)).", en: "cannot be read (\(problem)).")
                return
            }
            if event.seq != line.number {
                findLine(vi: "seq là \(event.seq), phải là \(line.number).", en: "seq is \(event.seq), expected \(line.number).")
            }
            if event.prev != previous {
                if line.number == 1 {
                    findLine(vi: "prev phải là 64 số 0 (dòng đầu đã bị sửa).", en: "prev must be 64 zeros (the first line was altered).")
                } else {
                    find("audit.log line \(line.number - 1)", "audit.log dòng \(line.number - 1)",
                         vi: "đã bị sửa — băm của nó không khớp prev ghi ở dòng \(line.number) (hoặc prev của dòng \(line.number) bị sửa). Chuỗi băm đứt từ đây.",
                         en: "altered — its hash does not match the prev recorded on line \(line.number) (or the prev of line \(line.number) was altered). The hash chain breaks here.")
                }
            }
            // A line must be written exactly as sodiem writes it, or an edit could hide in formatting.
            if Data(event.line()) != line.bytes {
                findLine(vi: "không đúng dạng sodiem ghi (đã bị sửa tay?).", en: "not in the form sodiem writes (edited by hand?).")
            }
            if let at = Instant.parse(event.at, timeZone: zone) {
                if let before = previousAt, at.seconds < before - clockSkewAllowance {
                    findLine(vi: "thời điểm \(event.at) lùi quá \(clockSkewAllowance / 60) phút so với dòng trước.",
                             en: "its time \(event.at) goes back more than \(clockSkewAllowance / 60) minutes from the line before.")
                }
                previousAt = max(previousAt ?? at.seconds, at.seconds)
            } else {
                findLine(vi: "thời điểm \"\(event.at.prefix(40))\" không đúng dạng.", en: "the time \"\(event.at.prefix(40))\" is malformed.")
            }
            if line.number < startLine { return }
            // The body must keep to its action's declared fields (EventSchema) and type (EventBody): replay reads the typed body.
            let (violations, typed) = EventSchema.check(event)
            for violation in violations {
                findLine(vi: violation.vi, en: violation.en)
            }
            // The rules judge who acted, and how, even on a body that does not keep to its type.
            if let rules {
                for violation in rules(event, typed, replay) {
                    findLine(vi: violation.vi, en: violation.en)
                }
            }
            report.lastAt = event.at
            // A body that does not keep to its action's type is a finding above; it changes no
            // snapshot (replay reads typed fields, never a default), and the next line is read on.
            guard let typed else { return }
            do throws(SodiemError) { try replay.apply(event, body: typed, hash: hash) } catch {
                findLine(vi: "không phát lại được (\(error.message.vi)).", en: "cannot be replayed (\(error.message.en)).")
            }
            if setsAsideSealed, case .yearClose(let seal) = typed {
                let (year, files, checkpoint) = (seal.year, seal.files, seal.checkpoint.path)
                for id in replay.loadedSnapshots {
                    guard case .classFile(let y, _) = id, y == year else { continue }
                    let path = id.description
                    guard let recorded = files[path] else {
                        findLine(vi: "niêm phong không ghi SHA-256 của \(path), tệp mà phát lại tạo ra.",
                                 en: "the seal records no SHA-256 for \(path), which the replay produces.")
                        continue
                    }
                    do throws(SodiemError) {
                        let replayed = SHA256.hexString(SHA256.hash(try replay.encoded(id) ?? Data()))
                        guard replayed == recorded else {
                            findLine(vi: "niêm phong ghi SHA-256 của \(path) là \(recorded.prefix(12))…, phát lại cho \(replayed.prefix(12))….",
                                     en: "the seal records the SHA-256 of \(path) as \(recorded.prefix(12))…, the replay gives \(replayed.prefix(12))….")
                            continue
                        }
                        replay.setAside(id, copy: directory.root.appendingPathComponent(checkpoint).appendingPathComponent(path), sha256: replayed)
                    } catch {
                        findLine(vi: "\(path): \(error.message.vi)", en: "\(path): \(error.message.en)")
                    }
                }
            }
            report.lastAt = event.at
        }
        if !torn.isEmpty {
            find("audit.log", vi: "dòng cuối bị ghi dở (\(torn.count) byte sau dòng \(count)).",
                 en: "a torn last line (\(torn.count) bytes after line \(count)).")
        }
        replay.logSeq = count
        report.events = count
        report.lastSeq = count
        report.lastHash = previous
        // Every snapshot the replay produced must be on disk, byte for byte.
        let produced = replay.loadedSnapshots.sorted { $0.description < $1.description }
        for id in produced {
            let expected: Data?
            let actual: Data?
            do {
                expected = try replay.encoded(id)
                actual = try directory.read(id.url(in: directory))
            } catch {
                find(id.description, vi: "không đọc được (\(error.message.vi)).", en: "cannot be read (\(error.message.en)).")
                continue
            }
            guard let actual else {
                find(id.description, vi: "tệp bị thiếu (nhật kí tạo ra nó).", en: "the file is missing (the log produces it).")
                continue
            }
            if actual != expected {
                let claimed = (try? JSON.parse(actual))?["seq"].int ?? 0
                if claimed > count {
                    find(id.description, vi: "ghi nhận sự kiện \(claimed) nhưng nhật kí chỉ có \(count) dòng: nhật kí bị cắt.",
                         en: "claims event \(claimed) but the log has only \(count) lines: the log was cut short.")
                    continue
                }
                // The chain cannot protect the last lines that touched the file: name the newest.
                let last = (try? replay.seq(of: id)) ?? 0
                find(id.description, vi: "khác với kết quả phát lại nhật kí đến dòng \(last) của audit.log (dòng cuối cùng sửa tệp này): tệp, hoặc dòng đó của audit.log, đã bị sửa ngoài sodiem.",
                     en: "differs from the replay of the log up to audit.log line \(last) (the last line that changes it): the file, or that line of audit.log, was changed outside sodiem.")
                continue
            }
            report.snapshots += 1
        }
        // A class file set aside at its seal (`--full`) and not needed again: the disk must hold those bytes.
        var known = Set(produced.map(\.description))
        for (id, sha) in replay.setAsideSnapshots {
            known.insert(id.description)
            let actual: String?
            do { actual = try sha256(ofFile: id.url(in: directory)) } catch {
                find(id.description, vi: "không đọc được (\(error.message.vi)).", en: "cannot be read (\(error.message.en)).")
                continue
            }
            guard let actual else {
                find(id.description, vi: "tệp bị thiếu (nhật kí tạo ra nó).", en: "the file is missing (the log produces it).")
                continue
            }
            guard actual == sha else {
                let last = (try? replay.fileSeq(of: id)) ?? nil
                find(id.description, vi: "khác với kết quả phát lại nhật kí (đến niêm phong năm học): tệp đã bị sửa ngoài sodiem\(last.map { " (tệp ghi sự kiện \($0))" } ?? "").",
                     en: "differs from the replay of the log (up to its year's seal): the file was changed outside sodiem\(last.map { " (the file claims event \($0))" } ?? "").")
                continue
            }
            report.snapshots += 1
        }
        // A snapshot no event after the checkpoint touched must be as the checkpoint holds it.
        for (path, sha) in sealed.sorted(by: { $0.key < $1.key }) where !known.contains(path) {
            guard let actual = try sha256(ofFile: directory.root.appendingPathComponent(path)) else {
                find(path, vi: "tệp bị thiếu (checkpoint có nó).", en: "the file is missing (the checkpoint holds it).")
                known.insert(path)
                continue
            }
            guard actual == sha else {
                find(path, vi: "khác với checkpoint của năm học đã niêm phong và không sự kiện nào sau đó sửa nó: tệp đã bị sửa ngoài sodiem.",
                     en: "differs from the sealed checkpoint and no later event changes it: the file was changed outside sodiem.")
                known.insert(path)
                continue
            }
            known.insert(path)
            report.snapshots += 1
        }
        // And nothing on disk may claim to be a snapshot the log does not produce.
        for path in directory.snapshotFilesOnDisk(&report) where !known.contains(path) {
            find(path, vi: "nhật kí không tạo ra tệp này (thêm ngoài sodiem, hoặc nhật kí bị cắt).",
                 en: "the log does not produce this file (added outside sodiem, or the log was cut short).")
        }
        return report
    }

    private func snapshotFilesOnDisk(_ report: inout VerifyReport) -> [String] {
        var paths: [String] = []
        func exists(_ relative: String) -> Bool {
            var info = stat()
            return lstat(root.appendingPathComponent(relative).path, &info) == 0
        }
        /// The names in a folder; an unreadable folder is a finding, never skipped in silence.
        func names(_ relative: String) -> [String] {
            let path = root.appendingPathComponent(relative).path
            var info = stat()
            guard lstat(path, &info) == 0 else { return [] }
            do { return try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                report.findings.append(VerifyFinding(place: relative, message: Message(
                    vi: "\(relative): không đọc được thư mục (\(String(cString: strerror(errno)))).",
                    en: "\(relative): the folder cannot be read (\(String(cString: strerror(errno))))).")))
                return []
            }
        }
        for name in ["sodiem.json", "users.json"] where exists(name) { paths.append(name) }
        for year in names("years").sorted() {
            let base = "years/\(year)"
            for name in ["year.json", "fixes.json"] where exists("\(base)/\(name)") { paths.append("\(base)/\(name)") }
            for folder in ["classes", "snapshots"] {
                paths += names("\(base)/\(folder)").sorted().filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { "\(base)/\(folder)/\($0)" }
            }
        }
        return paths
    }
}


extension AuditEvent {
    /// True when the event concerns the class: its `class`, or a part of a whole-school import.
    public func concerns(className name: String) -> Bool {
        if className == name { return true }
        return action == .studentsImport && className == nil && body["classes"]?.object?[name] != nil
    }

    /// True when the event concerns the student.
    public func mentions(student id: String) -> Bool {
        if body["student"]?.string == id { return true }
        if body["students"]?.object?[id] != nil { return true }
        if action == .studentsImport, body["classes"]?.object?.values.contains(where: { $0["students"].object?[id] != nil }) == true { return true }
        if body["levels"]?.object?[id] != nil { return true }
        if body["fix"]?["student"].string == id { return true }
        for key in ["changes", "entries"] {
            if body[key]?.array?.contains(where: { $0["student"].string == id }) == true { return true }
        }
        return false
    }
}
