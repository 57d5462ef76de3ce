import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SodiemBasics

/// Files read and written in pieces, so that memory is bounded by a piece, not the file.
extension DataDirectory {
    /// The size of the pieces `readChunks` hands out.
    package static let chunkSize = 1 << 20

    /// Calls `body` with the file's bytes in pieces of at most `chunkSize`, up to `limit` bytes
    /// when given; returns how many bytes were read (nil when the file does not exist). A
    /// symlink, device or FIFO is refused (78), as `read` refuses it.
    @discardableResult
    package func readChunks(_ url: URL, limit: Int? = nil,
                            _ body: (UnsafeRawBufferPointer) throws(SodiemError) -> Void) throws(SodiemError) -> Int? {
        // A file of the data directory: never through a symlink, never a device or FIFO.
        guard let (fd, _) = try DataDirectory.openForReading(url) else { return nil }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: DataDirectory.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while limit.map({ total < $0 }) ?? true {
            let want = min(DataDirectory.chunkSize, limit.map { $0 - total } ?? DataDirectory.chunkSize)
            let n = Glibc.read(fd, buffer.baseAddress, want)
            if n < 0 {
                if errno == EINTR { continue }
                throw SodiemError.ioFailure("read", url, errno)
            }
            if n == 0 { break }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += n
        }
        return total
    }

    /// Calls `body` with the bytes of `data` (a typed-throwing `withUnsafeBytes`).
    package static func withBytes(of data: Data, _ body: (UnsafeRawBufferPointer) throws(SodiemError) -> Void) throws(SodiemError) {
        var failure: SodiemError?
        data.withUnsafeBytes { raw in
            do throws(SodiemError) { try body(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Replaces a file atomically with bytes `produce` sends in pieces to the function it is given
    /// (a temporary file beside it, `fsync`, `rename`, the folder synced); nothing is left on failure.
    /// A replaced file keeps its mode and group; a new one gets the sharing mode. A symlink,
    /// device or FIFO in its place is refused (78), never followed or replaced.
    package func replace(_ url: URL, streaming produce: (_ send: (UnsafeRawBufferPointer) throws(SodiemError) -> Void) throws(SodiemError) -> Void) throws(SodiemError) {
        try replace(atPath: url.path, streaming: produce)
    }

    /// `replace`, for a file named by its path (a snapshot: no URL is built on the way).
    package func replace(atPath path: String, with data: Data) throws(SodiemError) {
        try replace(atPath: path) { send throws(SodiemError) in try DataDirectory.withBytes(of: data, send) }
    }

    /// `replace`, for a file named by its path, with bytes in an array.
    package func replace(atPath path: String, bytes: [UInt8]) throws(SodiemError) {
        try replace(atPath: path) { send throws(SodiemError) in
            var failure: SodiemError?
            bytes.withUnsafeBytes { raw in
                do throws(SodiemError) { try send(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// `replace`, for a file named by its path.
    package func replace(atPath path: String, streaming produce: (_ send: (UnsafeRawBufferPointer) throws(SodiemError) -> Void) throws(SodiemError) -> Void) throws(SodiemError) {
        // For messages only; `errno` is read before it is built (see `DataDirectory.messageURL`).
        func url() -> URL { DataDirectory.messageURL(path) }
        guard let slash = path.lastIndex(of: "/") else { throw SodiemError.cannotWrite(url(), ENOENT) }
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        try makeFolder(atPath: folder)
        var existing = stat()
        let hadFile = lstat(path, &existing) == 0
        if hadFile, let why = SafeFiles.forbiddenKind(existing.st_mode) { throw SafeFiles.refusal(path, why) }
        // A name nobody can guess, created only if nothing (not even a symlink) is there.
        // (`String(…)` of the name: appending a `Substring` looks up `Substring: Collection` at run time.)
        let temporary = folder + "/." + String(path[path.index(after: slash)...]) + "." + SafeFiles.randomToken() + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { let code = errno; throw SodiemError.cannotWrite(url(), code) }
        var closed = false
        defer { if !closed { close(fd); unlink(temporary) } }
        try produce { (bytes: UnsafeRawBufferPointer) throws(SodiemError) in
            var written = 0
            while written < bytes.count {
                let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    let code = errno
                    throw SodiemError.cannotWrite(url(), code)
                }
                written += n
            }
        }
        if hadFile {
            fchmod(fd, existing.st_mode & 0o7777)
            _ = fchown(fd, uid_t.max, existing.st_gid)
        } else {
            fchmod(fd, newFileMode)
        }
        guard fsync(fd) == 0 else { let code = errno; throw SodiemError.cannotWrite(url(), code) }
        closed = true
        close(fd)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw SodiemError.cannotWrite(url(), code)
        }
        syncFolder(atPath: folder)
    }
}
