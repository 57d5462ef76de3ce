import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// What a command needs from its surroundings: options and environment, already read, and
/// where the login and the time come from (the system's unless a library caller injects others).
public struct Invocation: Sendable {
    /// `--data`, else `$SODIEM_DATA`, else `./sodiem-data`.
    public var dataPath: String
    /// `--as`.
    public var asUser: String?
    /// `SODIEM_NOW`.
    public var nowOverride: String?
    /// `SODIEM_LOCK_WAIT` in seconds (default 10).
    public var lockWait: Double
    /// The command's name, recorded in `.lock` while it writes.
    public var commandName: String
    /// Who runs the command. The binary passes `SystemIdentity` only: no option or environment
    /// variable chooses the login (docs/security.md); tests inject a `FixedIdentity`.
    public var identitySource: any IdentitySource
    /// The real clock events are recorded by (`SystemClock` in the binary).
    public var clock: any WallClock

    /// The OS login running the command.
    public var osUser: String { identitySource.currentLogin().name }
    /// True when that login is the OS superuser (acts as the built-in `root` account).
    public var osIsRoot: Bool { identitySource.currentLogin().isRoot }

    /// Creates an invocation whose login and clock come from the given sources (the system's by default).
    public init(dataPath: String, asUser: String?, nowOverride: String?, lockWait: Double, commandName: String,
                identity: any IdentitySource = SystemIdentity(), clock: any WallClock = SystemClock()) {
        self.dataPath = dataPath
        self.asUser = asUser
        self.nowOverride = nowOverride
        self.lockWait = lockWait
        self.commandName = commandName
        self.identitySource = identity
        self.clock = clock
    }

    /// Creates an invocation for a login already known (a library caller that has read it), on the system's clock.
    public init(dataPath: String, asUser: String?, nowOverride: String?, lockWait: Double, osUser: String,
                osIsRoot: Bool, commandName: String) {
        self.init(dataPath: dataPath, asUser: asUser, nowOverride: nowOverride, lockWait: lockWait, commandName: commandName,
                  identity: FixedIdentity(OSLogin(name: osUser, isRoot: osIsRoot)))
    }
}

/// One command's hold on the data directory: identity, lock, clock, and the state as of the log.
///
/// Open it for reading (shared lock, repairs only in memory) or writing (exclusive lock,
/// repairs written); a writer changes the data only through `commit`, which appends the event
/// to the log and makes it durable before any snapshot changes.
public final class Session {
    /// Read: shared lock, repairs kept in memory; write: exclusive lock, repairs written.
    public enum Mode: Sendable { case read, write }

    /// The data directory this session holds.
    public let directory: DataDirectory
    /// The snapshots as of the log, loaded on demand and changed only by committed events.
    public let world: World
    /// Who runs the command (the real account) and who it acts as (`--as`).
    public let identity: Identity
    /// Whether the session was opened for reading or for writing.
    public let mode: Mode
    /// The effective time: `SODIEM_NOW` or the real clock, in the school's time zone.
    public let now: Instant
    /// The real clock.
    public let realNow: Instant
    /// True when `SODIEM_NOW` is in force.
    public let nowIsOverridden: Bool
    /// What was repaired on opening (a torn line set aside, snapshots brought up to the log),
    /// and anything a committed change could not finish (the next command finishes it).
    public private(set) var repairs: [Message] = []
    /// The end of the log.
    public private(set) var tail: AuditLog.Tail
    /// How many lines of the log the opening catch-up read (0 when no snapshot lagged).
    public private(set) var catchUpLinesRead = 0
    private let log: AuditLog
    private let lock: DirectoryLock

    /// The school's particulars as of the last event (the data directory is initialised once a session is open).
    public var school: SchoolFile { (try? world.school()) ?? openingSchool }
    private let openingSchool: SchoolFile

    /// Opens the data directory for a command other than `init`.
    ///
    /// `walksCheckpoints`: the command reads inside `checkpoints/` and across the years (verify,
    /// archive, year), so the safety walk goes through everything at opening. Everyday commands
    /// walk neither at opening, since both grow with the years: a checkpoint's files are checked
    /// as they are read, and what a year's folder holds when the command first touches that year.
    public init(_ invocation: Invocation, mode: Mode, walksCheckpoints: Bool = false,
                onWait: (String) -> Void = { _ in }) throws(SodiemError) {
        let directory = DataDirectory(path: invocation.dataPath)
        var schoolInfo = stat()
        guard directory.exists, stat(directory.schoolFilePath, &schoolInfo) == 0 else {
            throw SodiemError.cannotOpen(directory)
        }
        self.directory = directory
        self.mode = mode
        log = AuditLog(path: directory.auditLogPath)
        // Identity comes first: an unregistered login learns nothing more about the data.
        // The login is asked once, so both resolutions below see the same one.
        let login = invocation.identitySource.currentLogin()
        let peek = World(directory: directory)
        let identity = try Identity.resolve(osUser: login.name, osIsRoot: login.isRoot,
                                            asUser: invocation.asUser, users: try peek.users())
        self.identity = identity
        lock = try DirectoryLock(directory: directory, mode: mode == .write ? .exclusive : .shared,
                                 holder: "\(identity.actingID) (\(invocation.commandName))",
                                 wait: invocation.lockWait, onWait: onWait)
        // No symlink, device, FIFO or world-writable entry; a writer removes leftover temporary files.
        let leftovers = try directory.checkEntries(repair: mode == .write, checkpoints: walksCheckpoints)
        if !leftovers.isEmpty { repairs.append(Session.leftoversRemoved(leftovers)) }
        // The accounts read for identity stay, unless users.json changed while we waited for the lock.
        try peek.revalidateUsers()
        world = peek
        var tail = try log.tail()
        if !tail.torn.isEmpty && mode == .write {
            try log.setAsideTorn(tail, directory: directory)
            repairs.append(Message(vi: "Đã tách dòng cuối bị ghi dở của audit.log (\(tail.torn.count) byte) sang audit.log.broken.",
                                   en: "Set aside the torn last line of audit.log (\(tail.torn.count) bytes) into audit.log.broken."))
            tail.torn = Data()
        }
        self.tail = tail
        world.logSeq = tail.last?.seq ?? 0
        guard let school = try world.school() else { throw SodiemError.notInitialised(directory.root.path) }
        openingSchool = school
        // The clock: SODIEM_NOW only for root or an admin, whatever --as says.
        let clock = try invocation.readClock(zone: school.zone, realID: identity.realID) { () throws(SodiemError) in
            Identity.mayOverrideClock(realID: identity.realID, users: try peek.users())
        }
        now = clock.now
        realNow = clock.realNow
        nowIsOverridden = clock.isOverridden
        if !walksCheckpoints {
            // What a year's folder holds is checked when the command first touches that year
            // (the walk above checked the folder itself).
            let repairs = mode == .write
            world.checksYear = { [weak self] year throws(SodiemError) in
                let leftovers = try directory.checkEntries(inYear: year, repair: repairs)
                if !leftovers.isEmpty { self?.repairs.append(Session.leftoversRemoved(leftovers)) }
            }
        }
        try catchUp()
        // Identity was read before the lock from a users.json that may lag the log; ask again now.
        let confirmed = try Identity.resolve(osUser: login.name, osIsRoot: login.isRoot,
                                             asUser: invocation.asUser, users: try world.users())
        guard confirmed.actingID == identity.actingID, confirmed.account == identity.account else {
            throw SodiemError.notPermitted(vi: "Tài khoản \(identity.actingID) vừa thay đổi (bị khoá hoặc đổi vai trò) khi lệnh chờ; hãy chạy lại lệnh.",
                                           en: "The account \(identity.actingID) changed (disabled or new roles) while the command waited; run it again.")
        }
    }

    /// A writer over a data directory that holds no school yet, for `init`'s `school.init` event,
    /// so that the first event too is written by `commit`.
    ///
    /// The caller holds the exclusive `lock` and has checked that the log is empty; `school` is
    /// the school being created (its time zone sets the clock).
    init(creating directory: DataDirectory, identity: Identity, lock: DirectoryLock, school: SchoolFile,
         clock: ClockReading) throws(SodiemError) {
        self.directory = directory
        self.mode = .write
        self.identity = identity
        self.lock = lock
        log = AuditLog(path: directory.auditLogPath)
        world = World(directory: directory)
        tail = try log.tail()
        world.logSeq = tail.last?.seq ?? 0
        openingSchool = school
        now = clock.now
        realNow = clock.realNow
        nowIsOverridden = clock.isOverridden
    }

    /// Brings the snapshots the last event touched up to the log (in memory when reading).
    private func catchUp() throws(SodiemError) {
        guard let last = tail.last else { return }
        var behind: [(SnapshotID, Int)] = []
        // A last line whose body does not read touches nothing here: it is verify's finding to
        // report (which must still open), not a reason for every command to stop. Its snapshots
        // are looked up at a glance first; the whole body is read only when one of them lags.
        var lagging = false
        for id in last.touchesAtAGlance where try world.peekSeq(of: id) < last.seq { lagging = true }
        guard lagging else { return }
        guard let last = tail.lastWhole else { return }
        for id in last.touches {
            let seq = try world.peekSeq(of: id)
            if seq < last.seq { behind.append((id, seq)) }
        }
        guard let oldest = behind.map(\.1).min() else { return }
        // Repair writes snapshots from the log, so it replays only a sound stretch of it. It reads
        // the log backwards from its end to the line the oldest lagging snapshot reflects (whose
        // hash is the next line's prev), never the whole history; only a snapshot that does not
        // exist yet (seq 0) makes it start from line 1.
        var previous = AuditLog.genesis
        var read = 0
        func replay(_ line: AuditLog.Line) throws(SodiemError) {
            read += 1
            let hash = SHA256.hexString(SHA256.hash(line.bytes))
            defer { previous = hash }
            guard line.number > oldest else { return }
            guard case .success(let event) = AuditEvent.parse(line.bytes), event.seq == line.number, event.prev == previous else {
                throw SodiemError.store(.logLineDamaged(line: line.number))
            }
            try world.apply(event, hash: hash)
        }
        if oldest > 0 {
            let (lines, _) = try log.lastLines(from: oldest, lastNumber: last.seq, completeLength: tail.completeLength)
            for line in lines { try replay(line) }
        } else {
            _ = try log.forEachLine(replay)
        }
        catchUpLinesRead = read
        if mode == .write {
            try world.writeDirty()
            repairs.append(Message(
                vi: "Đã cập nhật theo nhật kí: \(behind.map { $0.0.description }.joined(separator: ", ")) (đọc \(read) dòng cuối của audit.log).",
                en: "Brought up to the log: \(behind.map { $0.0.description }.joined(separator: ", ")) (read the last \(read) lines of audit.log)."))
        }
    }

    /// Ends the session: its lock is released now, whatever still holds the session. It must
    /// not be used after (a commit would write unlocked: `commit` refuses to).
    public func end() { lock.release() }

    private static func leftoversRemoved(_ leftovers: [String]) -> Message {
        Message(vi: "Đã xoá tệp tạm còn sót của lệnh bị dừng: \(leftovers.joined(separator: ", ")).",
                en: "Removed the temporary files a stopped command left: \(leftovers.joined(separator: ", ")).")
    }

    /// Opens a session for the duration of `body` only, so its lock is released when `body` returns.
    public static func with<T>(_ invocation: Invocation, mode: Mode, walksCheckpoints: Bool = false,
                               _ body: (Session) throws(SodiemError) -> T) throws(SodiemError) -> T {
        let session = try Session(invocation, mode: mode, walksCheckpoints: walksCheckpoints)
        return try withExtendedLifetime(session) { () throws(SodiemError) -> T in try body(session) }
    }

    // MARK: Context

    /// The school year: `--year`, else the current one (78 when there is none).
    public func year(_ requested: String?) throws(SodiemError) -> YearFile {
        guard let name = requested ?? school.currentYear else {
            throw SodiemError.core(.noCurrentYear)
        }
        // A malformed --year is a usage error (64), not a missing year (78); and a year name
        // becomes a path, so only a well-formed year the school has is looked up.
        try Session.checkYearName(name)
        guard school.years.contains(name), let year = try world.year(name) else {
            throw SodiemError.core(.noSuchYear(name))
        }
        return year
    }

    /// A class of the year (66 when there is none).
    public func classFile(_ year: YearFile, _ typed: String) throws(SodiemError) -> ClassFile {
        // Class names are case-insensitive on input (6a1 is 6A1); the stored form is used from here on.
        let className = year.storedClassName(typed)
        if isValidClassName(className), year.classes[className] != nil, try world.classFile(year.name, className) == nil {
            throw SodiemError.core(.classFileMissing(className: className, year: year.name))
        }
        guard isValidClassName(className), year.classes[className] != nil,
              let file = try world.classFile(year.name, className) else {
            throw SodiemError.core(.noSuchClass(className: className, year: year.name))
        }
        return file
    }

    /// Refuses (77) unless the acting account has the permission.
    public func require(_ permission: Permission, year: YearFile? = nil) throws(SodiemError) {
        if let refusal = permission.refusal(for: identity, year: year) { throw SodiemError.notPermitted(refusal) }
    }

    /// True when the acting account has the permission.
    public func allows(_ permission: Permission, year: YearFile? = nil) -> Bool {
        permission.refusal(for: identity, year: year) == nil
    }

    // MARK: Writing

    /// Appends one event (durably) and brings the snapshots it touches up to it.
    @discardableResult
    public func commit(_ action: Action, _ body: [String: JSON]) throws(SodiemError) -> AuditEvent {
        try commit(action, body, filesMayLag: true)
    }

    /// The one write path: check, append with `fsync`, then replace the snapshots it touches.
    ///
    /// `filesMayLag`: a snapshot that cannot be written after the event is in the log is left for
    /// the next command (noted in `repairs`); false for `init`, whose directory no command can
    /// open without the school file, so that failure is thrown.
    func commit(_ action: Action, _ body: [String: JSON], filesMayLag: Bool) throws(SodiemError) -> AuditEvent {
        precondition(mode == .write, "commit needs a session opened for writing")
        precondition(lock.isHeld, "commit needs a session that has not ended")
        try refuseInSealedYear(action, body)
        try TextRules.check(body)
        // Every text that reaches the record is NFC, whichever operation forgot to normalise it.
        let event = AuditEvent(seq: tail.nextSeq, at: realNow.iso8601, by: identity.realID,
                               actingAs: identity.usesAs ? identity.actingID : nil,
                               now: nowIsOverridden ? now.iso8601 : nil, action: action,
                               body: body.mapValues(\.nfc), prev: tail.lastHash)
        // A body that its action's type cannot read would be logged and never replayed: refused
        // before the log changes. Read once: the snapshots it touches and the replay use it.
        let typed = try event.typedBody()
        // Read every snapshot the event touches before the log changes, so a damaged file stops us first.
        for id in typed.touches { _ = try world.seq(of: id) }
        let line = event.line()
        try log.append(line, directory: directory)
        let hash = SHA256.hexString(SHA256.hash(line))
        tail = AuditLog.Tail(last: event, lastHash: hash, torn: Data(), completeLength: 0)
        world.logSeq = event.seq
        // The event is recorded once it is in the log: a snapshot that cannot be written now is
        // brought up to date by the next command, so the change is reported done, with a note.
        do {
            try world.apply(event, body: typed, hash: hash)
            try world.writeDirty()
        } catch {
            guard filesMayLag else { throw error }
            repairs.append(Message(vi: "Đã ghi sự kiện #\(event.seq) vào nhật kí, nhưng chưa cập nhật được các tệp (\(error.message.vi)); lệnh sau sẽ cập nhật.",
                                   en: "Event #\(event.seq) is recorded in the log, but the files could not be updated yet (\(error.message.en)); the next command brings them up to date."))
        }
        return event
    }

    /// The last event's position and the first 16 hex digits of its line's hash, for printed footers.
    public var anchor: (seq: Int, hash: String) {
        (tail.last?.seq ?? 0, String(tail.lastHash.prefix(16)))
    }
}

extension SodiemError {
    static func notInitialised(_ path: String) -> SodiemError { .core(.notInitialised(path: path)) }
}
