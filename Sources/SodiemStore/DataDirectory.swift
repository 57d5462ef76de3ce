import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SodiemBasics
import SodiemFormats
import SodiemModel

/// The data directory of data.md and the safe ways to change files in it.
///
/// Every replacement is crash-safe (temporary file, `fsync`, `rename`, `fsync` of the folder)
/// and keeps the mode and group of the file it replaces, so that teachers' logins sharing the
/// directory through a group can all keep writing.
public struct DataDirectory: Sendable {
    /// The directory itself.
    public let root: URL
    /// Its path, as system calls are given it.
    ///
    /// The files an everyday command reads and writes are named by paths built as strings
    /// (`schoolFilePath`, `SnapshotID.path(in:)`): on Linux, Foundation's `URL.path` costs
    /// thousands of instructions a call (its first call, a search of every conformance record
    /// of the binary), and `appendingPathComponent` asks the file system whether each component
    /// is a folder.
    package let rootPath: String

    /// Names the data directory at `root` (standardised; nothing is read or created).
    public init(root: URL) {
        // Foundation's standardising costs a third of a million instructions on every command; a
        // path without a `.`, `..` or empty component is in standard form already.
        let path = root.path
        if DataDirectory.isStandard(path) {
            self.root = root
            rootPath = path
        } else {
            self.root = root.standardizedFileURL
            rootPath = self.root.path
        }
    }

    /// Names the data directory at a path (standardised; nothing is read or created), without
    /// asking Foundation for the path back.
    package init(path: String) {
        if DataDirectory.isStandard(path) {
            root = URL(fileURLWithPath: path, isDirectory: true)
            rootPath = path
        } else {
            root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
            rootPath = root.path
        }
    }

    /// True for an absolute path none of whose components is empty, `.` or `..` (read byte by byte:
    /// splitting it into substrings cost as much as standardising).
    static func isStandard(_ path: String) -> Bool {
        var bytes = path.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "/") else { return false }
        var length = 0, dots = 0, components = 0
        func ends() -> Bool { length > 0 && dots != length }   // not empty, not all dots (`.`, `..`)
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "/") {
                guard ends() else { return false }
                length = 0; dots = 0; components += 1
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return components == 0 && length == 0 ? true : ends()
    }

    /// `sodiem.json`: format version, school particulars, current year.
    public var schoolFile: URL { root.appendingPathComponent("sodiem.json") }
    /// `users.json`: the accounts.
    public var usersFile: URL { root.appendingPathComponent("users.json") }
    /// `audit.log`: the hash-chained event log, the truth.
    public var auditLog: URL { root.appendingPathComponent("audit.log") }
    /// `.lock`: what writers and readers lock; never deleted.
    public var lockFile: URL { root.appendingPathComponent(".lock") }

    /// The path of a file or folder inside the directory, from its path relative to the root.
    package func path(inside relative: String) -> String {
        rootPath == "/" ? "/" + relative : rootPath + "/" + relative
    }
    /// A URL for a path named in a message: built without asking the file system whether it is
    /// a folder (`URL(fileURLWithPath:)` would `stat` it, and a failed `stat` sets `errno`).
    package static func messageURL(_ path: String) -> URL { URL(fileURLWithPath: path, isDirectory: false) }

    /// `sodiem.json`'s path.
    package var schoolFilePath: String { path(inside: "sodiem.json") }
    /// `audit.log`'s path.
    package var auditLogPath: String { path(inside: "audit.log") }
    /// `.lock`'s path.
    package var lockFilePath: String { path(inside: ".lock") }

    /// `years/Y/`.
    public func yearFolder(_ year: String) -> URL { root.appendingPathComponent("years").appendingPathComponent(year) }
    /// `years/Y/year.json`.
    public func yearFile(_ year: String) -> URL { yearFolder(year).appendingPathComponent("year.json") }
    /// `years/Y/classes/C.json`.
    public func classFile(_ year: String, _ className: String) -> URL {
        yearFolder(year).appendingPathComponent("classes").appendingPathComponent(className + ".json")
    }
    /// `years/Y/fixes.json`.
    public func fixesFile(_ year: String) -> URL { yearFolder(year).appendingPathComponent("fixes.json") }
    /// `years/Y/snapshots/N.json`.
    public func frozenFile(_ year: String, _ name: String) -> URL {
        yearFolder(year).appendingPathComponent("snapshots").appendingPathComponent(name + ".json")
    }

    /// True when the directory exists.
    public var exists: Bool {
        var info = stat()
        return stat(rootPath, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// True when the data directory is shared through its group (group-writable).
    public var isGroupShared: Bool {
        var info = stat()
        guard stat(rootPath, &info) == 0 else { return false }
        return info.st_mode & S_IWGRP != 0
    }

    /// The mode for a new file: 0660 in a shared directory, else 0644.
    package var newFileMode: mode_t { isGroupShared ? 0o660 : 0o644 }

    /// The mode for a new folder: 2770 in a shared directory (the group is inherited), else 0755.
    package var newFolderMode: mode_t { isGroupShared ? 0o2770 : 0o755 }

    /// True when a path is one sodiem keeps itself (the log, the lock, a snapshot): no output may go there.
    ///
    /// Symbolic links are resolved on both sides, so `--out` cannot reach a snapshot by another name.
    public func owns(_ url: URL) -> Bool {
        let root = self.root.resolvingSymlinksInPath().path
        let target = url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
        guard target.hasPrefix(root + "/") else { return false }
        let relative = String(target.dropFirst(root.count + 1))
        let managed = ["sodiem.json", "users.json", "audit.log", "audit.log.broken", ".lock"]
        return managed.contains(relative) || relative == "years" || relative.hasPrefix("years/")
    }

    // MARK: Reading

    /// The bytes of a file, or `nil` when it does not exist.
    ///
    /// A file of the data directory is opened with `O_NOFOLLOW` and must be a regular file
    /// (78 naming it otherwise); `followLinks` is for files the user names.
    /// `limit`: more bytes than that are refused (65) before they are read, so an endless
    /// `/dev/zero` or a sparse file of gigabytes cannot exhaust memory.
    public func read(_ url: URL, followLinks: Bool = false, limit: Int? = nil) throws(SodiemError) -> Data? {
        try readBytes(atPath: url.path, followLinks: followLinks, limit: limit).map { Data($0) }
    }

    /// `read`, for a file named by its path, giving the bytes as they are read (no copy).
    package func readBytes(atPath path: String, followLinks: Bool = false, limit: Int? = nil) throws(SodiemError) -> [UInt8]? {
        func url() -> URL { DataDirectory.messageURL(path) }   // for messages only, after `errno` is read
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (followLinks ? 0 : O_NOFOLLOW | O_NONBLOCK))
        if fd < 0 {
            if errno == ENOENT { return nil }
            if errno == ELOOP && !followLinks { throw SafeFiles.refusal(path, SafeFiles.forbiddenKind(S_IFLNK)!) }
            let code = errno
            throw SodiemError.ioFailure("open", url(), code)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { let code = errno; throw SodiemError.ioFailure("stat", url(), code) }
        if !followLinks, let why = SafeFiles.forbiddenKind(info.st_mode) { throw SafeFiles.refusal(path, why) }
        if info.st_mode & S_IFMT != S_IFREG {
            // A FIFO or device the user names (`--file /dev/stdin`): read it to its end.
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = Glibc.read(fd, &buffer, buffer.count)
                if n < 0 { let code = errno; if code == EINTR { continue }; throw SodiemError.ioFailure("read", url(), code) }
                if n == 0 { break }
                bytes.append(contentsOf: buffer[0..<n])
                if let limit, bytes.count > limit { throw DataDirectory.tooLarge(url(), limit) }
            }
            return bytes
        }
        if let limit, Int(info.st_size) > limit { throw DataDirectory.tooLarge(url(), limit) }
        var failure: Int32?
        // Read straight into the array's storage: no zero-filling first, no copy after.
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size)) { buffer, count in
            var total = 0
            while total < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + total, buffer.count - total)
                if n < 0 { if errno == EINTR { continue }; failure = errno; break }
                if n == 0 { break }
                total += n
            }
            count = total
        }
        if let failure { throw SodiemError.ioFailure("read", url(), failure) }
        return bytes
    }

    /// Reads a file the user names (an input CSV, an archive), anywhere: 66 with `missing` when absent.
    /// The largest file a user hands to a command (a whole school's workbook is well under 2 MB).
    public static let inputLimit = 16 << 20

    static func tooLarge(_ url: URL, _ limit: Int) -> SodiemError {
        .badData(vi: "\(url.lastPathComponent) lớn hơn \(limit >> 20) MB: không phải tệp sodiem đọc (danh sách, bảng điểm, sổ tính).",
                 en: "\(url.lastPathComponent) is larger than \(limit >> 20) MB: not a file sodiem reads (a list, a sheet, a workbook).")
    }

    public static func readInput(_ url: URL, missing: Message) throws(SodiemError) -> Data {
        // With the person's own rights: a set-group-ID install must not read for them what they cannot.
        let found = try SystemInstall.withUserRights { () throws(SodiemError) -> Data? in
            try DataDirectory(root: url.deletingLastPathComponent()).read(url, followLinks: true, limit: inputLimit)
        }
        guard let data = found else {
            throw SodiemError.notFound(missing)
        }
        return data
    }

    // MARK: Writing

    /// Creates a folder (and its parents inside the data directory) with the sharing mode.
    public func makeFolder(_ url: URL) throws(SodiemError) {
        var missing: [URL] = []
        var current = url.standardizedFileURL
        while !FileManager.default.fileExists(atPath: current.path) {
            missing.append(current)
            current = current.deletingLastPathComponent()
        }
        let mode = newFolderMode
        for folder in missing.reversed() {
            if mkdir(folder.path, mode) != 0 && errno != EEXIST {
                throw SodiemError.store(.cannotCreateFolder(path: folder.path, code: errno))
            }
            // mkdir applies the umask; the sharing rule wants the exact mode (setgid included).
            chmod(folder.path, mode)
            syncFolder(folder.deletingLastPathComponent())
        }
    }

    /// Replaces a file atomically: temporary file, fsync, rename, fsync of the folder.
    ///
    /// A replaced file keeps its mode and group; a new one gets the sharing mode.
    public func replace(_ url: URL, with data: Data) throws(SodiemError) {
        try replace(url) { send throws(SodiemError) in try DataDirectory.withBytes(of: data, send) }
    }

    /// `makeFolder` for a folder named by its path: one `stat` when it is there already.
    package func makeFolder(atPath path: String) throws(SodiemError) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return }
        try makeFolder(URL(fileURLWithPath: path, isDirectory: true))
    }

    /// Flushes a folder's entries (a rename is durable only once its folder is synced).
    package func syncFolder(_ url: URL) {
        syncFolder(atPath: url.path)
    }

    /// `syncFolder` for a folder named by its path.
    package func syncFolder(atPath path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

