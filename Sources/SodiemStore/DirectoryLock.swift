import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SodiemBasics
import SodiemFormats
import SodiemModel

/// A `flock` on the data directory's `.lock`: exclusive for writers, shared for readers.
///
/// The holder of the exclusive lock writes who it is into the file, so that a command that
/// has to wait can say who is in the way.
package final class DirectoryLock {
    /// How the lock is held.
    public enum Mode: Sendable {
        /// Khóa chia sẻ: for readers; any number at once.
        case shared
        /// Khóa độc quyền: for a writer; alone, with no readers.
        case exclusive
    }

    private let fd: Int32
    private var savedMask = sigset_t()
    /// The mode this lock was taken in.
    public let mode: Mode

    /// Takes the lock, waiting up to `wait` seconds; `onWait` is told once who holds it.
    public init(directory: DataDirectory, mode: Mode, holder: String, wait: Double,
                onWait: (String) -> Void) throws(SodiemError) {
        let path = directory.lockFilePath
        // Never through a symlink, never a device or FIFO (data.md: writing safely).
        let safe = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK
        var descriptor = open(path, O_RDWR | safe)
        if descriptor < 0 && errno == ENOENT {
            descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | safe, directory.newFileMode)
            if descriptor >= 0 { fchmod(descriptor, directory.newFileMode) }
            else if errno == EEXIST { descriptor = open(path, O_RDWR | safe) }
        }
        if descriptor < 0 && (errno == EACCES || errno == EROFS) && mode == .shared {
            // A reader without write access to .lock can still lock it for reading.
            descriptor = open(path, O_RDONLY | safe)
        }
        if descriptor < 0 && errno == ELOOP { throw SafeFiles.refusal(path, SafeFiles.forbiddenKind(S_IFLNK)!) }
        guard descriptor >= 0 else { throw SodiemError.cannotWrite(directory.lockFile, errno) }
        var info = stat()
        if fstat(descriptor, &info) == 0, let why = SafeFiles.forbiddenKind(info.st_mode) {
            close(descriptor)
            throw SafeFiles.refusal(path, why)
        }
        self.fd = descriptor
        self.mode = mode
        let operation = mode == .exclusive ? LOCK_EX : LOCK_SH
        let deadline = Date().addingTimeInterval(max(0, wait))
        var told = false
        while flock(descriptor, operation | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                close(descriptor)
                throw SodiemError.ioFailure("flock", directory.lockFile, errno)
            }
            let who = DirectoryLock.describeHolder(descriptor)
            if !told {
                onWait(who)
                told = true
            }
            if Date() >= deadline {
                close(descriptor)
                throw SodiemError.store(.lockBusy(holder: who, seconds: wait.isFinite ? Int(wait) : 0))
            }
            usleep(20_000)
        }
        if mode == .exclusive {
            // Ctrl-Z must not hold the school up while we hold the lock: job-control stops blocked.
            var stops = sigset_t()
            sigemptyset(&stops)
            for signal in [SIGTSTP, SIGTTIN, SIGTTOU] { sigaddset(&stops, signal) }
            sigprocmask(SIG_BLOCK, &stops, &savedMask)
            let text = Array("\(holder) pid \(getpid())\n".utf8)
            ftruncate(descriptor, 0)
            _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
    }

    private static func describeHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pread(fd, &buffer, buffer.count, 0)
        let text = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingSpaces(newlines: true) : ""
        if !text.isEmpty { return text }
        // Readers and other programs (flock(1), a backup script) write nothing: ask the kernel who holds it.
        return kernelHolder(fd) ?? "another sodiem command"
    }

    /// The process holding a lock on the file, from /proc/locks (Linux): "pid N (command line)".
    package static func kernelHolder(_ fd: Int32) -> String? {
        var info = stat()
        guard fstat(fd, &info) == 0,
              let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        // A line: "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF"; the file is major:minor:inode (hex:hex:decimal).
        let device = String(format: "%02x:%02x:%llu", major(info.st_dev), minor(info.st_dev), UInt64(info.st_ino))
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] != "->", fields[5] == device, let pid = Int32(fields[4]), pid != getpid() else { continue }
            let command = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")))
                .map { String(decoding: $0, as: UTF8.self).split(separator: "\0").joined(separator: " ") } ?? ""
            return command.isEmpty ? "pid \(pid)" : "pid \(pid): \(command)"
        }
        return nil
    }

    private static func major(_ device: dev_t) -> UInt32 { UInt32((device >> 8) & 0xfff) | UInt32((device >> 32) & ~0xfff) }
    private static func minor(_ device: dev_t) -> UInt32 { UInt32(device & 0xff) | UInt32((device >> 12) & ~0xff) }

    private var held = true

    /// True until `release` (or the end of the lock's life).
    package var isHeld: Bool { held }

    /// Gives the lock up now (the holder's line cleared, the signals unblocked); once only.
    package func release() {
        guard held else { return }
        held = false
        if mode == .exclusive { ftruncate(fd, 0) }
        flock(fd, LOCK_UN)
        close(fd)
        if mode == .exclusive { sigprocmask(SIG_SETMASK, &savedMask, nil) }
    }

    deinit { release() }
}
