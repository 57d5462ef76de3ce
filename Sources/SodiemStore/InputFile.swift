import Foundation
import SodiemBasics
import SodiemFormats

/// A file the person named (an archive), opened with their own rights and read piece by piece,
/// so that checking or restoring an archive costs its largest entry's memory, not its size.
///
/// Only a regular file: a ZIP is read from its end, which a pipe or device cannot do. Links are
/// followed, as for every input the person names: the open happens with their rights.
package final class InputFile: ZipSource {
    /// The path as the person named it, for messages.
    package let url: URL
    /// The size when it was opened.
    package let size: Int
    private let fd: Int32

    /// Opens the file with the person's rights; 66 with `missing` when it does not exist.
    package init(_ url: URL, missing: Message) throws(SodiemError) {
        self.url = url
        // O_NONBLOCK: a FIFO planted under the name must not block the open (it is refused below).
        let (opened, code) = SystemInstall.withUserRights { () -> (Int32, Int32) in
            let fd = open(url.path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
            return (fd, errno)
        }
        guard opened >= 0 else {
            if code == ENOENT { throw SodiemError.notFound(missing) }
            throw SodiemError.ioFailure("open", url, code)
        }
        var info = stat()
        guard fstat(opened, &info) == 0 else { let code = errno; close(opened); throw SodiemError.ioFailure("stat", url, code) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(opened)
            throw SodiemError.badData(Message(vi: "\(url.path) không phải một tệp thường (một ống, thiết bị hay thư mục): tệp lưu trữ phải đọc được từ cuối lên.",
                                              en: "\(url.path) is not a regular file (a pipe, device or folder): an archive must be readable from its end."))
        }
        // Blocking reads from here on (some network filesystems answer EAGAIN otherwise).
        _ = fcntl(opened, F_SETFL, fcntl(opened, F_GETFL) & ~O_NONBLOCK)
        fd = opened
        size = Int(info.st_size)
    }

    deinit { close(fd) }

    /// Reads `count` bytes from `offset`; a file that shrank meanwhile is an I/O error (74).
    package func bytes(at offset: Int, count: Int) throws(SodiemError) -> Data {
        guard count > 0 else { return Data() }
        var buffer = Data(count: count)
        var total = 0
        let failure: Int32? = buffer.withUnsafeMutableBytes { raw -> Int32? in
            while total < count {
                let n = pread(fd, raw.baseAddress! + total, count - total, off_t(offset + total))
                if n < 0 { if errno == EINTR { continue }; return errno }
                if n == 0 { return EIO }
                total += n
            }
            return nil
        }
        if let failure { throw SodiemError.ioFailure("read", url, failure) }
        return buffer
    }
}
