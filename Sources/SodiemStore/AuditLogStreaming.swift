import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SodiemBasics
import SodiemFormats
import SodiemModel

/// Reading the log without holding it: forwards line by line in fixed chunks, or only its last lines.
extension AuditLog {
    /// The last lines of the log, from line `first` to the end, read backwards in growing chunks.
    ///
    /// `completeLength` is the length up to the last newline (bytes after it, a torn line, are
    /// ignored); `lastNumber` is the number of the last complete line (its `seq` in a sound log).
    /// Returns the lines in order and the bytes read, so a repair can report what it cost.
    package func lastLines(from first: Int, lastNumber: Int, completeLength: Int) throws(SodiemError) -> (lines: [Line], bytesRead: Int) {
        let wanted = lastNumber - first + 1
        guard wanted > 0, completeLength > 0 else { return ([], 0) }
        guard let (fd, _) = try DataDirectory.openForReading(url) else { throw SodiemError.ioFailure("open", url, ENOENT) }
        defer { close(fd) }
        var chunk = 64 * 1024
        while true {
            let start = max(0, completeLength - chunk)
            var bytes = [UInt8](repeating: 0, count: completeLength - start)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(start)) }
            guard n == bytes.count else { throw SodiemError.ioFailure("read", url, errno) }
            // Line ends, newest first; bytes ends with the newline of the last line.
            var ends: [Int] = []
            var i = bytes.count - 1
            while i >= 0 && ends.count <= wanted {
                if bytes[i] == 0x0A { ends.append(i) }
                i -= 1
            }
            // We need `wanted` complete lines: `wanted` newlines plus the one before the first (or the file start).
            if ends.count > wanted || start == 0 {
                var lines: [Line] = []
                let count = min(wanted, ends.count)
                for k in (0..<count).reversed() {
                    let end = ends[k]
                    let begin = k + 1 < ends.count ? ends[k + 1] + 1 : 0
                    lines.append(Line(number: lastNumber - k, bytes: Data(bytes[begin..<end])))
                }
                let firstByte = ends.count > wanted ? ends[wanted] + 1 : 0
                return (lines, bytes.count - firstByte)
            }
            chunk *= 4
        }
    }

    /// The complete line whose `seq` is `seq`, found by bisecting the file: every line sodiem
    /// writes begins `{"seq":N,` and the lines are in `seq` order, so a few small reads find it
    /// whatever the length of the history (nil when no complete line has that `seq`).
    package func line(seq: Int) throws(SodiemError) -> Line? {
        guard let (fd, info) = try DataDirectory.openForReading(url) else { return nil }
        defer { close(fd) }
        let size = Int(info.st_size)
        // The bytes from `offset` to the next newline (nil when the file ends first: a torn line).
        func lineBytes(at offset: Int) throws(SodiemError) -> [UInt8]? {
            var bytes: [UInt8] = []
            var position = offset
            var chunk = 4096
            while position < size {
                var piece = [UInt8](repeating: 0, count: min(chunk, size - position))
                let n = piece.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(position)) }
                guard n > 0 else { throw SodiemError.ioFailure("read", url, errno) }
                if let newline = piece[0..<n].firstIndex(of: 0x0A) { return bytes + piece[0..<newline] }
                bytes += piece[0..<n]
                position += n
                chunk *= 2
            }
            return nil
        }
        // The first line start at or after `offset` (size when there is none).
        func lineStart(atOrAfter offset: Int) throws(SodiemError) -> Int {
            if offset == 0 { return 0 }
            var position = offset - 1
            while position < size {
                var piece = [UInt8](repeating: 0, count: min(4096, size - position))
                let n = piece.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(position)) }
                guard n > 0 else { throw SodiemError.ioFailure("read", url, errno) }
                if let newline = piece[0..<n].firstIndex(of: 0x0A) { return position + newline + 1 }
                position += n
            }
            return size
        }
        // `{"seq":N,` → N.
        func seqOf(_ bytes: [UInt8]) -> Int? {
            let prefix = Array("{\"seq\":".utf8)
            guard bytes.count > prefix.count, Array(bytes[0..<prefix.count]) == prefix else { return nil }
            var value = 0
            for byte in bytes[prefix.count...] {
                guard (0x30...0x39).contains(byte) else { return byte == 0x2C ? value : nil }
                value = value * 10 + Int(byte - 0x30)
                if value > Int(Int32.max) { return nil }
            }
            return nil
        }
        // lo is a line start whose seq is below `seq`; the line wanted, if any, starts in (lo, hi).
        guard let first = try lineBytes(at: 0), let firstSeq = seqOf(first) else { return nil }
        if firstSeq == seq { return Line(number: seq, bytes: Data(first)) }
        guard firstSeq < seq else { return nil }
        var lo = 0, hi = size
        while hi - lo > 8192 {
            let mid = lo + (hi - lo) / 2
            let start = try lineStart(atOrAfter: mid)
            guard start < hi, let bytes = try lineBytes(at: start), let found = seqOf(bytes) else { hi = mid; continue }
            if found == seq { return Line(number: seq, bytes: Data(bytes)) }
            if found < seq { lo = start } else { hi = start }
        }
        // A short stretch left: read it line by line.
        var position = lo
        while position < hi, let bytes = try lineBytes(at: position) {
            guard let found = seqOf(bytes), found <= seq else { return nil }
            if found == seq { return Line(number: seq, bytes: Data(bytes)) }
            position += bytes.count + 1
        }
        return nil
    }

    /// Calls `body` with every complete line in order, reading the file in fixed chunks
    /// (memory bounded by the chunk and the longest line); returns the torn bytes after the last newline.
    package func forEachLine(_ body: (Line) throws(SodiemError) -> Void) throws(SodiemError) -> Data {
        guard let (fd, _) = try DataDirectory.openForReading(url) else { return Data() }
        defer { close(fd) }
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        let raw = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var carry: [UInt8] = []
        var number = 0
        while true {
            let n = read(fd, raw, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw SodiemError.ioFailure("read", url, errno)
            }
            if n == 0 { break }
            var start = 0
            while start < n {
                // memchr finds the newline far faster than a byte loop.
                let base = raw + start
                guard let hit = memchr(base, 0x0A, n - start) else { break }
                let end = start + (UnsafeRawPointer(hit) - UnsafeRawPointer(base))
                number += 1
                let bytes: Data
                if carry.isEmpty {
                    bytes = Data(bytes: base, count: end - start)
                } else {
                    carry.append(contentsOf: UnsafeBufferPointer(start: base, count: end - start))
                    bytes = Data(carry)
                    carry.removeAll(keepingCapacity: true)
                }
                try body(Line(number: number, bytes: bytes))
                start = end + 1
            }
            if start < n { carry.append(contentsOf: UnsafeBufferPointer(start: raw + start, count: n - start)) }
        }
        return Data(carry)
    }
}

extension AuditLog {
    /// Checks a line of the sealed stretch without decoding it: it begins `{"seq":N,` with its
    /// number and ends `,"prev":"<hash of the line before>"}`, as sodiem writes every line. The
    /// chain of hashes then vouches for the bytes; `verify --full` decodes and replays them too.
    package static func checkChained(_ line: Line, previous: String) throws(SodiemError) {
        let head = Array("{\"seq\":\(line.number),".utf8)
        let foot = Array(",\"prev\":\"\(previous)\"}".utf8)
        let ok = line.bytes.count > head.count + foot.count && line.bytes.starts(with: head) && line.bytes.suffix(foot.count).elementsEqual(foot)
        guard ok else {
            if line.bytes.starts(with: head) && line.number > 1 {
                throw SodiemError.integrity(vi: "audit.log dòng \(line.number - 1): đã bị sửa — băm của nó không khớp prev ghi ở dòng \(line.number) (hoặc prev của dòng \(line.number) bị sửa). Chuỗi băm đứt từ đây.",
                                            en: "audit.log line \(line.number - 1): altered — its hash does not match the prev recorded on line \(line.number) (or the prev of line \(line.number) was altered). The hash chain breaks here.")
            }
            throw SodiemError.integrity(vi: "audit.log dòng \(line.number): không đúng dạng sodiem ghi hoặc seq sai (đã bị sửa?).",
                                        en: "audit.log line \(line.number): not in the form sodiem writes, or a wrong seq (altered?).")
        }
    }
}
