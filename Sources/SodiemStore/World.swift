import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel

/// The state of the data directory as commands see it: snapshot files loaded on demand,
/// brought up to the log where they lag, and changed only by applying audit events.
public final class World {
    /// Where the snapshots live.
    public let directory: DataDirectory
    /// False while replaying from nothing (`verify`): snapshots start empty instead of being read.
    package let readsFiles: Bool

    private var cachedSchool: SchoolFile??
    private var cachedUsers: UsersFile??
    private var years: [String: YearFile?] = [:]
    private var classes: [SnapshotID: ClassFile?] = [:]
    private var fixes: [String: FixesFile?] = [:]
    private var frozen: [SnapshotID: FrozenFigures?] = [:]
    /// Bytes `fileSeq` read and nothing decoded yet: a later load uses them instead of reading the file again.
    private var raw: [SnapshotID: [UInt8]] = [:]
    /// Checks what a year's folder holds (`DataDirectory.checkEntries(inYear:)`) before this
    /// world first reads or writes a file of that year; nil when the whole directory was walked.
    package var checksYear: ((String) throws(SodiemError) -> Void)?
    private var checkedYears: [String] = []
    /// Snapshots changed by events applied since loading, to be written.
    package private(set) var dirty: [SnapshotID] = []
    /// The last sequence number in the log, for checking that no snapshot claims more.
    package var logSeq: Int = .max
    /// Class files `verify --full` set aside at their year's seal, to keep its memory flat: the
    /// sealed copy in the checkpoint and the SHA-256 that the replay and the seal agreed on.
    private var setAside: [SnapshotID: (copy: URL, sha256: String)] = [:]

    package init(directory: DataDirectory, readsFiles: Bool = true) {
        self.directory = directory
        self.readsFiles = readsFiles
    }

    // MARK: Loading

    private func load(_ id: SnapshotID) throws(SodiemError) -> JSON? {
        try load(id, spansUnder: nil)?.json
    }

    /// Reads and parses a snapshot; with `key`, also where each member of that top-level object
    /// lies in its bytes; with `deferringTopLevel`, that top-level member is checked, left out of
    /// the value, and its place given.
    private func load(_ id: SnapshotID, spansUnder key: String?, deferringTopLevel deferredKeys: [String] = []) throws(SodiemError)
        -> (json: JSON, bytes: [UInt8], layout: [String: JSON.RecordLayout],
            deferredTopLevel: [String: JSON.DeferredPart])? {
        let bytes: [UInt8]?
        if let aside = setAside[id] {
            // Set aside at a seal and needed again (a correction in the sealed year): the sealed
            // copy is the replay's own state only if it still hashes to what the replay gave.
            bytes = try directory.read(aside.copy).map { [UInt8]($0) }
            guard let bytes, SHA256.hexString(SHA256.hash(bytes)) == aside.sha256 else {
                throw SodiemError.badData(vi: "\(aside.copy.path): bản trong checkpoint khác với trạng thái đã niêm phong.",
                                          en: "\(aside.copy.path): the checkpoint's copy differs from the sealed state.")
            }
            setAside[id] = nil
        } else if !readsFiles {
            return nil
        } else if let kept = raw.removeValue(forKey: id) { bytes = kept } else {
            try checkYearFolder(of: id)
            bytes = try directory.readBytes(atPath: id.path(in: directory))
        }
        guard let data = bytes else { return nil }
        let json: JSON
        var kept: [UInt8] = []
        var layout: [String: JSON.RecordLayout] = [:]
        var deferredTopLevel: [String: JSON.DeferredPart] = [:]
        do {
            if !deferredKeys.isEmpty {
                kept = data
                (json, deferredTopLevel) = try JSON.parse(kept, deferringTopLevel: deferredKeys)
            } else if let key {
                kept = data
                // A student's scores are checked now but decoded only when read.
                (json, layout) = try JSON.parseLayout(kept, spansUnder: key, deferring: key == "students" ? "scores" : nil,
                                                      alsoDeferring: key == "students" ? StudentRecord.deferredMembers : [])
            } else {
                json = try JSON.parse(data[...])
            }
        } catch {
            throw SodiemError.store(.snapshotNotJSON(file: "\(id)", offset: error.offset, reason: "\(error.reason)"))
        }
        if let seq = json["seq"].int, seq > logSeq {
            throw SodiemError.store(.snapshotAheadOfLog(file: "\(id)", seq: seq, logSeq: logSeq))
        }
        return (json, kept, layout, deferredTopLevel)
    }

    /// `sodiem.json`, or nil before `init`.
    public func school() throws(SodiemError) -> SchoolFile? {
        if let cachedSchool { return cachedSchool }
        var loaded: SchoolFile?
        if let json = try load(.school) { loaded = try SchoolFile(json: json) }
        cachedSchool = .some(loaded)
        return loaded
    }

    /// `users.json`.
    public func users() throws(SodiemError) -> UsersFile {
        if let cachedUsers { return cachedUsers ?? UsersFile() }
        // Each account stays as bytes until read (a command looks up one or two).
        var loaded: UsersFile?
        if let read = try load(.users, spansUnder: nil, deferringTopLevel: ["accounts"]) {
            let bytes = read.bytes
            loaded = UsersFile(json: read.json, accountBytes: read.deferredTopLevel["accounts"].map { $0.members.mapValues { bytes[$0] } } ?? [:])
        }
        cachedUsers = .some(loaded)
        return loaded ?? UsersFile()
    }

    /// `years/Y/year.json`, or nil when the year does not exist.
    public func year(_ name: String) throws(SodiemError) -> YearFile? {
        if let cached = years[name] { return cached }
        var loaded: YearFile?
        // The student index stays as bytes until read (a score entry never reads it).
        if let read = try load(.year(name), spansUnder: nil, deferringTopLevel: ["students", "assignments"]) {
            let bytes = read.bytes
            loaded = try YearFile(json: read.json, studentIndexBytes: read.deferredTopLevel["students"].map { bytes[$0.span] },
                                  assignmentBytes: read.deferredTopLevel["assignments"].map { $0.members.mapValues { bytes[$0] } })
        }
        if let loaded, loaded.name != name {
            throw SodiemError.store(.yearFileOfAnotherYear(file: "\(SnapshotID.year(name))", says: loaded.name, expected: name))
        }
        years[name] = .some(loaded)
        return loaded
    }

    /// `years/Y/classes/C.json`, or nil when the class does not exist.
    public func classFile(_ year: String, _ className: String) throws(SodiemError) -> ClassFile? {
        let id = SnapshotID.classFile(year: year, className: className)
        if let cached = classes[id] { return cached }
        var loaded: ClassFile?
        // Each student's bytes are kept, so that writing the class re-encodes only the students that changed.
        if let read = try load(id, spansUnder: "students") {
            loaded = try ClassFile(bytes: read.bytes, json: read.json, layout: read.layout)
        }
        classes[id] = .some(loaded)
        return loaded
    }

    /// `years/Y/fixes.json` (empty when none yet).
    public func fixes(_ year: String) throws(SodiemError) -> FixesFile {
        if let cached = fixes[year] { return cached ?? FixesFile() }
        let loaded = try load(.fixes(year)).map(FixesFile.init(json:))
        fixes[year] = .some(loaded)
        return loaded ?? FixesFile()
    }

    /// `years/Y/snapshots/N.json`, or nil.
    public func frozenFigures(_ year: String, _ name: String) throws(SodiemError) -> FrozenFigures? {
        let id = SnapshotID.frozen(year: year, name: name)
        if let cached = frozen[id] { return cached }
        let loaded = try load(id).map(FrozenFigures.init(json:))
        frozen[id] = .some(loaded)
        return loaded
    }

    /// The sequence number a snapshot reflects (0 when it does not exist).
    package func seq(of id: SnapshotID) throws(SodiemError) -> Int {
        switch id {
        case .school: return try school()?.seq ?? 0
        case .users: return try users().seq
        case .year(let y): return try year(y)?.seq ?? 0
        case .classFile(let y, let c): return try classFile(y, c)?.seq ?? 0
        case .fixes(let y): return try fixes(y).seq
        case .frozen(let y, let n): return try frozenFigures(y, n)?.seq ?? 0
        }
    }

    /// The sequence number a snapshot reflects, read without decoding the file when it is not loaded yet.
    ///
    /// Every command checks the snapshots the last event touched; most of the time that is a file
    /// the command does not otherwise need, so it only looks for the top-level `"seq": N` line
    /// (our writer puts top-level members on lines of their own, indented by two spaces).
    package func peekSeq(of id: SnapshotID) throws(SodiemError) -> Int {
        if isLoaded(id) || !readsFiles { return try seq(of: id) }
        guard let found = try fileSeq(of: id) else { return try seq(of: id) }
        if found > logSeq { return try seq(of: id) }  // let the full load report the truncated log
        return found
    }

    /// The `seq` written in a snapshot file (0 when there is none; nil when it cannot be found without decoding).
    package func fileSeq(of id: SnapshotID) throws(SodiemError) -> Int? {
        try checkYearFolder(of: id)
        guard let data = try directory.readBytes(atPath: id.path(in: directory)) else { return 0 }
        // The command that checks the last event's snapshots usually reads the same file next.
        if !isLoaded(id) { raw[id] = data }
        let marker = Array("\n  \"seq\": ".utf8)
        let found: Int? = data.withUnsafeBufferPointer { bytes -> Int? in
            guard bytes.count > marker.count else { return nil }
            func markerAt(_ i: Int) -> Bool {
                for k in 0..<marker.count where bytes[i + k] != marker[k] { return false }
                return true
            }
            var i = 0
            while i + marker.count < bytes.count {
                if bytes[i] == 0x0A && markerAt(i) {
                    var j = i + marker.count, value = 0, digits = 0
                    while j < bytes.count, (48...57).contains(bytes[j]) { value = value * 10 + Int(bytes[j] - 48); j += 1; digits += 1 }
                    return digits > 0 ? value : nil
                }
                i += 1
            }
            return nil
        }
        return found
    }

    /// Forgets `users.json` if the file changed since it was read (it is read before the lock, for identity).
    package func revalidateUsers() throws(SodiemError) {
        guard case .some(.some(let users)) = cachedUsers else { return }
        if try fileSeq(of: .users) != users.seq { cachedUsers = nil }
    }

    /// Names of the frozen snapshots of a year held in memory (those a catch-up applied included).
    package func frozenNames(year: String) -> [String] {
        frozen.compactMap { id, file in
            if case .frozen(let y, let name) = id, y == year, file != nil { return name }
            return nil
        }
    }

    private func isLoaded(_ id: SnapshotID) -> Bool {
        switch id {
        case .school: return cachedSchool != nil
        case .users: return cachedUsers != nil
        case .year(let y): return years[y] != nil
        case .classFile: return classes[id] != nil
        case .fixes(let y): return fixes[y] != nil
        case .frozen: return frozen[id] != nil
        }
    }

    // MARK: Applying

    /// Applies an event to every snapshot it touches that does not reflect it yet.
    ///
    /// `hash` is the SHA-256 of the event's log line: each snapshot records it beside `seq`.
    /// Internal: outside the core, state changes only through `Session.commit`.
    package func apply(_ e: AuditEvent, hash: String) throws(SodiemError) {
        // The body is read as its action's type: an event that lacks a field changes nothing.
        try apply(e, body: try e.typedBody(), hash: hash)
    }

    /// Applies an event whose body is already read (`verify` reads it once for its checks).
    package func apply(_ e: AuditEvent, body: EventBody, hash: String) throws(SodiemError) {
        for id in body.touches where try seq(of: id) < e.seq {
            switch id {
            case .school:
                var file = try school() ?? SchoolFile()
                file.apply(e, body)
                file.seq = e.seq
                file.hash = hash
                cachedSchool = .some(file)
            case .users:
                var file = try users()
                file.apply(e, body)
                file.seq = e.seq
                file.hash = hash
                cachedUsers = .some(file)
            case .year(let y):
                var file = try year(y) ?? YearFile(name: y)
                file.apply(e, body)
                file.seq = e.seq
                file.hash = hash
                years[y] = .some(file)
            case .classFile(let y, let c):
                var file = try classFile(y, c) ?? ClassFile(name: c, grade: 0)
                file.apply(e, body)
                file.seq = e.seq
                file.hash = hash
                classes[id] = .some(file)
            case .fixes(let y):
                var file = try fixes(y)
                file.apply(e, body)
                file.seq = e.seq
                file.hash = hash
                fixes[y] = .some(file)
            case .frozen(_, let n):
                guard case .snapshotCreate(let frozenBody) = body else { continue }
                frozen[id] = .some(FrozenFigures(name: n, figures: .object(frozenBody.figures), seq: e.seq, hash: hash))
            }
            if !dirty.contains(id) { dirty.append(id) }
        }
    }

    /// The bytes of a snapshot as it stands in memory (nil if it does not exist).
    package func encoded(_ id: SnapshotID) throws(SodiemError) -> Data? {
        switch id {
        case .school: return try school()?.json.prettyData()
        case .users: return try users().json.prettyData()
        case .year(let y): return try year(y)?.json.prettyData()
        case .classFile(let y, let c): return try classFile(y, c)?.prettyData()
        case .fixes(let y): return try fixes(y).json.prettyData()
        case .frozen(let y, let n): return try frozenFigures(y, n)?.json.prettyData()
        }
    }

    /// Drops a sealed class file from memory (`verify --full`, at its year's seal); it is read back
    /// from `copy` if a later event needs it. The caller has checked that the replay's bytes hash to
    /// `sha256` and that the seal records the same.
    package func setAside(_ id: SnapshotID, copy: URL, sha256: String) {
        guard case .classFile = id else { return }
        classes[id] = nil
        raw[id] = nil
        setAside[id] = (copy, sha256)
    }

    /// The snapshots set aside and not needed again, with the SHA-256 the file on disk must have.
    package var setAsideSnapshots: [(id: SnapshotID, sha256: String)] {
        setAside.map { ($0.key, $0.value.sha256) }.sorted { $0.id.description < $1.id.description }
    }

    /// Every snapshot this world holds in memory (after a replay: every one the log produced).
    package var loadedSnapshots: [SnapshotID] {
        var ids: [SnapshotID] = []
        if case .some(.some) = cachedSchool { ids.append(.school) }
        if case .some(.some) = cachedUsers { ids.append(.users) }
        ids += years.compactMap { $0.value == nil ? nil : SnapshotID.year($0.key) }
        ids += classes.compactMap { $0.value == nil ? nil : $0.key }
        ids += fixes.compactMap { $0.value == nil ? nil : SnapshotID.fixes($0.key) }
        ids += frozen.compactMap { $0.value == nil ? nil : $0.key }
        return ids
    }

    /// Checks the folder of the snapshot's year once (`checksYear`).
    private func checkYearFolder(of id: SnapshotID) throws(SodiemError) {
        guard let checksYear, let year = id.yearFolder, !checkedYears.contains(year) else { return }
        try checksYear(year)
        checkedYears.append(year)
    }

    /// Writes every changed snapshot atomically and forgets that they changed.
    package func writeDirty() throws(SodiemError) {
        for id in dirty {
            try checkYearFolder(of: id)
            if case .classFile(let y, let c) = id, let file = try classFile(y, c) {
                // The class file's bytes go to the file as they were built (the largest snapshot: no copy into `Data`).
                try directory.replace(atPath: id.path(in: directory), bytes: file.prettyBytes())
            } else if let data = try encoded(id) {
                try directory.replace(atPath: id.path(in: directory), with: data)
            }
        }
        dirty = []
    }
}
