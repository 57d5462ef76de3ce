import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SodiemBasics
import SodiemFormats
import SodiemModel

/// The hash-chained, append-only `audit.log`.
public struct AuditLog: Sendable {
    /// The file's path (what the system calls are given; see `DataDirectory.rootPath`).
    public let path: String

    /// The file.
    public var url: URL { DataDirectory.messageURL(path) }

    /// Names the log at `url` (nothing is read or created).
    public init(url: URL) { path = url.path }

    /// Names the log at `path` (nothing is read or created).
    package init(path: String) { self.path = path }

    /// 64 zeros: the `prev` of the first line.
    public static let genesis = String(repeating: "0", count: 64)

    /// What the end of the log looks like: enough to append the next event.
    public struct Tail: Sendable {
        /// The last complete event's header and body, but for a score sheet's `changes` (nil for
        /// an empty log): every command reads it, most need only its number and where it went.
        public var last: AuditEvent?
        /// The last event whole: read again from its line, with the `changes` `last` left out.
        public var lastWhole: AuditEvent? { whole.event ?? last }
        /// SHA-256 of the last complete line (the next event's `prev`).
        public var lastHash: String
        /// Bytes after the last newline: a torn line left by a crash.
        public var torn: Data
        /// The length of the log up to and including the last newline.
        public var completeLength: Int
        private var whole = WholeEvent(line: nil)

        /// The next sequence number.
        public var nextSeq: Int { (last?.seq ?? 0) + 1 }

        /// Memberwise, for the layers above (`last` whole).
        package init(last: AuditEvent?, lastHash: String, torn: Data, completeLength: Int) {
            self.last = last
            self.lastHash = lastHash
            self.torn = torn
            self.completeLength = completeLength
        }

        /// A tail whose `last` left out the `changes` of `line`.
        init(glance: AuditEvent, line: Data, lastHash: String, torn: Data, completeLength: Int) {
            self.init(last: glance, lastHash: lastHash, torn: torn, completeLength: completeLength)
            whole = WholeEvent(line: line)
        }
    }

    /// The last line parsed whole, once, when first asked for (shared by the copies of a tail).
    final class WholeEvent: @unchecked Sendable {
        private let line: Data?
        private let lock = NSLock()
        private var parsed: AuditEvent??

        init(line: Data?) { self.line = line }

        /// Nil when there is no line held (the tail's `last` is whole).
        var event: AuditEvent? {
            guard let line else { return nil }
            lock.lock()
            defer { lock.unlock() }
            if let parsed { return parsed }
            // The line was read as JSON already: it reads whole the same way.
            let event = try? AuditEvent.parse(line).get()
            parsed = .some(event)
            return event
        }
    }

    /// Reads the end of the log (the last complete line and any torn bytes after it).
    ///
    /// Reads backwards in growing chunks, so a command never reads the whole history.
    public func tail() throws(SodiemError) -> Tail {
        guard let (fd, _) = try DataDirectory.openForReading(atPath: path) else {
            return Tail(last: nil, lastHash: AuditLog.genesis, torn: Data(), completeLength: 0)
        }
        defer { close(fd) }
        let size = Int(lseek(fd, 0, SEEK_END))
        guard size > 0 else { return Tail(last: nil, lastHash: AuditLog.genesis, torn: Data(), completeLength: 0) }
        var chunk = 32 * 1024   // a score sheet's line is about 20 KB
        while true {
            let start = max(0, size - chunk)
            var n = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: size - start) { buffer, count in
                n = pread(fd, buffer.baseAddress, buffer.count, off_t(start))
                count = max(0, n)
            }
            guard n == bytes.count else { let code = errno; throw SodiemError.ioFailure("read", url, code) }
            // The complete part ends at the last newline.
            guard let lastNewline = bytes.lastIndex(of: 0x0A) else {
                if start == 0 {
                    return Tail(last: nil, lastHash: AuditLog.genesis, torn: Data(bytes), completeLength: 0)
                }
                chunk *= 4
                continue
            }
            let torn = Data(bytes[(lastNewline + 1)...])
            let lineStart = bytes[..<lastNewline].lastIndex(of: 0x0A).map { $0 + 1 }
            if lineStart == nil && start > 0 {
                chunk *= 4
                continue
            }
            let line = Array(bytes[(lineStart ?? 0)..<lastNewline])
            // A score sheet's cells are most of its line, and no command needs them from here:
            // they are checked as JSON but read only when the whole event is asked for.
            let glance: AuditEvent
            let omitted: Range<Int>?
            do {
                let (json, changes) = try JSON.parse(line, deferringTopLevel: "changes")
                glance = try AuditEvent.parse(json).get()
                omitted = changes
            } catch let error as JSONSyntaxError {
                throw SodiemError.store(.logTailUnreadable(path: path, problem: "\(AuditEvent.LineProblem.notJSON(error.reason))"))
            } catch let problem {
                throw SodiemError.store(.logTailUnreadable(path: path, problem: "\(problem)"))
            }
            let hash = SHA256.hexString(SHA256.hash(line))
            guard omitted != nil else { return Tail(last: glance, lastHash: hash, torn: torn, completeLength: start + lastNewline + 1) }
            return Tail(glance: glance, line: Data(line), lastHash: hash, torn: torn, completeLength: start + lastNewline + 1)
        }
    }

    /// Appends one line with a single `write` and makes it durable before returning.
    ///
    /// A failed write or `fsync` truncates the log back to its length before the append (and
    /// syncs that) before reporting the system's own reason (74): only a durable event is done.
    package func append(_ line: [UInt8], directory: DataDirectory) throws(SodiemError) {
        var fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        var created = false
        if fd < 0 && errno == ENOENT {
            fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, directory.newFileMode)
            created = fd >= 0
        }
        if fd < 0 && errno == ELOOP { throw SafeFiles.refusal(path, SafeFiles.forbiddenKind(S_IFLNK)!) }
        guard fd >= 0 else { let code = errno; throw SodiemError.cannotWrite(url, code) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { let code = errno; throw SodiemError.ioFailure("stat", url, code) }
        if let why = SafeFiles.forbiddenKind(info.st_mode) { throw SafeFiles.refusal(path, why) }
        if created { fchmod(fd, directory.newFileMode) }
        let before = off_t(info.st_size)
        let bytes = line + [0x0A]
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var failure: (String, Int32)? = nil
        if written != bytes.count {
            failure = ("write", written < 0 ? errno : ENOSPC)
        } else if fsync(fd) != 0 {
            failure = ("fsync", errno)
        }
        if let (operation, code) = failure {
            // Leave nothing behind: a failed command changes nothing, also when the disk fails.
            if ftruncate(fd, before) != 0 || fsync(fd) != 0 {
                let reason = String(cString: strerror(errno))
                throw SodiemError.store(.appendNotUndone(path: url.path, operation: operation, code: code, reason: reason))
            }
            if code == EACCES || code == EPERM { throw SodiemError.cannotWrite(url, code) }
            throw SodiemError.ioFailure(operation, url, code)
        }
        if created { directory.syncFolder(url.deletingLastPathComponent()) }
    }

    /// Moves a torn last line aside into `audit.log.broken` and cuts the log after its last newline.
    package func setAsideTorn(_ tail: Tail, directory: DataDirectory) throws(SodiemError) {
        guard !tail.torn.isEmpty else { return }
        let broken = url.appendingPathExtension("broken")
        var kept = (try directory.read(broken)) ?? Data()
        kept.append(tail.torn)
        kept.append(0x0A)
        try directory.replace(broken, with: kept)
        let fd = open(url.path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { let code = errno; throw SodiemError.cannotWrite(url, code) }
        defer { close(fd) }
        guard ftruncate(fd, off_t(tail.completeLength)) == 0, fsync(fd) == 0 else {
            let code = errno
            throw SodiemError.ioFailure("truncate", url, code)
        }
    }

    /// One complete line of the log with its position.
    public struct Line: Sendable {
        /// 1-based line number.
        public let number: Int
        /// The bytes without the newline.
        public let bytes: Data
    }
}
