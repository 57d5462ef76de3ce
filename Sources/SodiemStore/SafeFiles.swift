import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SodiemBasics
import SodiemFormats
import SodiemModel

/// The file-safety rules of data.md ("Writing safely"): unguessable temporary names, no symlinks,
/// devices, FIFOs or world-writable entries in the data directory, output written in place to a
/// device or FIFO.
package enum SafeFiles {
    /// 16 random bytes in hex, from the system's generator (getrandom / /dev/urandom).
    package static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let a = generator.next() as UInt64, b = generator.next() as UInt64
        return hex16(a) + hex16(b)
    }

    /// 16 lowercase hex digits, zero-padded (String(format:) is slow on Linux: docs/performance.md).
    private static func hex16(_ n: UInt64) -> String {
        let digits = String(n, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The folder a file is in, by its path: Foundation's `deletingLastPathComponent` standardises
    /// the URL first, a third of a million instructions on every write (docs/performance.md).
    package static func folder(of url: URL) -> URL {
        let path = url.path
        guard let slash = path.lastIndex(of: "/") else { return URL(fileURLWithPath: ".", isDirectory: true) }
        return URL(fileURLWithPath: slash == path.startIndex ? "/" : String(path[..<slash]), isDirectory: true)
    }

    /// True for the name of a temporary file a killed sodiem command may leave: `.NAME.<32 hex>.tmp`.
    package static func isLeftoverTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".")
        guard let token = parts.last, parts.count >= 2 else { return false }
        // Today's 32 hex digits, or the process id of the versions before them.
        return (token.count == 32 && token.allSatisfy(\.isHexDigit)) || token.allSatisfy(\.isNumber)
    }

    /// What kind of entry a mode describes, for messages; nil for a regular file or a folder.
    package static func forbiddenKind(_ mode: mode_t) -> Message? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFDIR: return nil
        case S_IFLNK: return Message(vi: "là một liên kết tượng trưng (symlink)", en: "is a symbolic link")
        case S_IFCHR, S_IFBLK: return Message(vi: "là một thiết bị", en: "is a device")
        case S_IFIFO: return Message(vi: "là một FIFO (ống có tên)", en: "is a FIFO (named pipe)")
        case S_IFSOCK: return Message(vi: "là một socket", en: "is a socket")
        default: return Message(vi: "không phải tệp thường", en: "is not a regular file")
        }
    }

    /// The refusal (78) of an entry of the data directory.
    package static func refusal(_ path: String, _ why: Message) -> SodiemError {
        .notConfigured(Message(
            vi: "Thư mục dữ liệu không an toàn: \(path) \(why.vi). sodiem không dùng thư mục này cho đến khi quản trị máy sửa lại (xem docs/security.md).",
            en: "The data directory is not safe: \(path) \(why.en). sodiem will not use it until the system administrator fixes it (see docs/security.md)."))
    }
}

extension DataDirectory {
    /// Refuses (78, naming the path) a data directory holding a symlink, a device, a FIFO or an
    /// entry writable by others; removes the leftover temporary files of killed commands when
    /// `repair` is set (the writer's repair step). Returns the leftovers removed.
    ///
    /// What grows with the years is walked only when `checkpoints` is set — by the commands that
    /// read all of it (`verify`, `archive`, `year close`):
    /// - the checkpoints' own files (`checkpoints/N/…`: every snapshot of every year, once per
    ///   seal). The other commands check each checkpoint folder itself and never read inside one,
    ///   and every read of a checkpoint file refuses a symlink or a device (`readChunks`);
    /// - what each year's folder holds (`years/Y/…`). The other commands check each year's folder
    ///   itself here, and what it holds with `checkEntries(inYear:)` before they first read or
    ///   write a file of that year (`World.checksYear`).
    /// So the walk of an everyday command does not grow with the seals or the years.
    @discardableResult
    package func checkEntries(repair: Bool, checkpoints: Bool = true) throws(SodiemError) -> [String] {
        var removed: [String] = []
        var info = stat()
        guard stat(rootPath, &info) == 0 else { return [] }
        if info.st_mode & S_IWOTH != 0 {
            throw SafeFiles.refusal(rootPath, Message(vi: "cho mọi người ghi (o+w)", en: "is writable by others (o+w)"))
        }
        let checkpointsRoot = path(inside: "checkpoints"), yearsRoot = path(inside: "years")
        let rootDescriptor = open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDescriptor >= 0 else { return [] }
        // A checkpoint's folder and a year's folder are checked as entries; what they hold is
        // walked only when `checkpoints` is set (a year's, otherwise, by `checkEntries(inYear:)`).
        try walkEntries(rootDescriptor, rootPath, depth: 0, repair: repair, entersFolders: { parent, depth in
            checkpoints || depth != 1 || (parent != checkpointsRoot && parent != yearsRoot)
        }, removed: &removed)
        return removed
    }

    /// `checkEntries` for what one year's folder holds (`years/Y/…`): what a command that walked
    /// the directory without it checks before it first reads or writes a file of that year, so
    /// that the walk of an everyday command does not grow with the years either. Returns the
    /// leftover temporary files removed when `repair` is set.
    package func checkEntries(inYear year: String, repair: Bool) throws(SodiemError) -> [String] {
        var removed: [String] = []
        let folder = path(inside: "years/" + year)
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ELOOP || errno == ENOTDIR {
                var info = stat()
                if lstat(folder, &info) == 0, let why = SafeFiles.forbiddenKind(info.st_mode) { throw SafeFiles.refusal(folder, why) }
            }
            return []   // no such year yet (`year create` makes it), or a folder the walk at opening checked
        }
        try walkEntries(descriptor, folder, depth: 2, repair: repair, entersFolders: { _, _ in true }, removed: &removed)
        return removed
    }



    /// Checks the entries of a folder (given open) and, where `enters` says so, of its folders.
    /// Each entry is looked at through its folder's descriptor (`fstatat`), and its path is
    /// built only for a refusal, a removal or a folder to go into: building a string per entry
    /// cost more than the system calls.
    private func walkEntries(_ folderDescriptor: Int32, _ folder: String, depth: Int, repair: Bool,
                             entersFolders enters: (_ parent: String, _ depth: Int) -> Bool,
                             removed: inout [String]) throws(SodiemError) {
        guard depth < 8, let handle = fdopendir(folderDescriptor) else {
            close(folderDescriptor)
            return
        }
        defer { closedir(handle) }
        let descriptor = dirfd(handle)
        while let entry = readdir(handle) {
            var entryInfo = stat()
            let (isSelfOrParent, found, hidden) = withUnsafeMutablePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { name in
                    let dot = CChar(UInt8(ascii: "."))
                    if name[0] == dot && (name[1] == 0 || (name[1] == dot && name[2] == 0)) { return (true, false, false) }
                    return (false, fstatat(descriptor, name, &entryInfo, AT_SYMLINK_NOFOLLOW) == 0, name[0] == dot)
                }
            }
            guard !isSelfOrParent, found else { continue }
            let isFolder = entryInfo.st_mode & S_IFMT == S_IFDIR
            let forbidden = SafeFiles.forbiddenKind(entryInfo.st_mode)
            let writableByOthers = entryInfo.st_mode & S_IWOTH != 0
            guard forbidden != nil || writableByOthers || isFolder || (repair && hidden) else { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            let path = folder + "/" + name
            if let why = forbidden { throw SafeFiles.refusal(path, why) }
            if writableByOthers {
                throw SafeFiles.refusal(path, Message(vi: "cho mọi người ghi (o+w)", en: "is writable by others (o+w)"))
            }
            // The system calls get the entry's own bytes: `name` is for messages, and a name
            // that is not UTF-8 would not survive the trip through `String`.
            func withEntryName<T>(_ body: (UnsafePointer<CChar>) -> T) -> T {
                withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                    tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee), body)
                }
            }
            if isFolder {
                guard enters(folder, depth) else { continue }
                let inner = withEntryName { openat(descriptor, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                guard inner >= 0 else { continue }
                try walkEntries(inner, path, depth: depth + 1, repair: repair, entersFolders: enters, removed: &removed)
            } else if repair, SafeFiles.isLeftoverTemporary(name), withEntryName({ unlinkat(descriptor, $0, 0) }) == 0 {
                removed.append(String(path.dropFirst(rootPath.count + 1)))
            }
        }
    }

    /// Opens a file of the data directory for reading: never through a symlink, never a device
    /// or FIFO (78 naming it), without blocking on one planted after a check; nil when absent.
    /// The caller closes the descriptor.
    package static func openForReading(_ url: URL) throws(SodiemError) -> (fd: Int32, info: stat)? {
        try openForReading(atPath: url.path)
    }

    /// `openForReading`, for a file named by its path.
    package static func openForReading(atPath path: String) throws(SodiemError) -> (fd: Int32, info: stat)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        if fd < 0 {
            if errno == ENOENT { return nil }
            if errno == ELOOP { throw SafeFiles.refusal(path, SafeFiles.forbiddenKind(S_IFLNK)!) }
            let code = errno
            throw SodiemError.ioFailure("open", DataDirectory.messageURL(path), code)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { let code = errno; close(fd); throw SodiemError.ioFailure("stat", DataDirectory.messageURL(path), code) }
        if let why = SafeFiles.forbiddenKind(info.st_mode) { close(fd); throw SafeFiles.refusal(path, why) }
        return (fd, info)
    }

    /// Writes a file the user named (`--out`, an outbox message, an archive): a regular file (or
    /// none) is replaced atomically in its folder; a device, FIFO or `/dev/stdout` is opened and
    /// written in place, never replaced (data.md).
    package static func writeOutput(_ url: URL, _ data: Data) throws(SodiemError) {
        try writeOutput(url) { send throws(SodiemError) in try DataDirectory.withBytes(of: data, send) }
    }

    /// Copies a file of the person's (a private scratch file) to an output they named, in pieces.
    package static func copyOutput(from source: URL, to url: URL) throws(SodiemError) {
        try writeOutput(url) { send throws(SodiemError) in
            try SystemInstall.withUserRights { () throws(SodiemError) in
                _ = try DataDirectory(root: source.deletingLastPathComponent()).readChunks(source, send)
            }
        }
    }

    /// `writeOutput` with the bytes `produce` sends in pieces (an archive bigger than memory).
    package static func writeOutput(_ url: URL, streaming produce: (_ send: (UnsafeRawBufferPointer) throws(SodiemError) -> Void) throws(SodiemError) -> Void) throws(SodiemError) {
        // With the person's own rights (the group of a set-group-ID install dropped meanwhile).
        try SystemInstall.withUserRights { () throws(SodiemError) in try writeOutputAsUser(url, produce) }
    }

    private static func writeOutputAsUser(_ url: URL, _ produce: (_ send: (UnsafeRawBufferPointer) throws(SodiemError) -> Void) throws(SodiemError) -> Void) throws(SodiemError) {
        var info = stat()
        if stat(url.path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            guard info.st_mode & S_IFMT != S_IFDIR else {
                throw SodiemError.cannotCreate(Message(vi: "\(url.path) là một thư mục, không phải tệp.", en: "\(url.path) is a folder, not a file."))
            }
            let fd = open(url.path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw SodiemError.cannotWrite(url, errno) }
            defer { close(fd) }
            try produce { (bytes: UnsafeRawBufferPointer) throws(SodiemError) in
                var written = 0
                while written < bytes.count {
                    let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw SodiemError.cannotWrite(url, errno)
                    }
                    written += n
                }
            }
            return
        }
        // A symlink to a regular file: replace the file it names, not the link.
        var target = url
        var linkInfo = stat()
        if lstat(url.path, &linkInfo) == 0, linkInfo.st_mode & S_IFMT == S_IFLNK {
            target = url.resolvingSymlinksInPath()
        }
        try DataDirectory(root: target.deletingLastPathComponent()).replace(target, streaming: produce)
    }
}
