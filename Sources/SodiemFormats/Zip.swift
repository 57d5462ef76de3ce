import Foundation
import SodiemBasics

/// One file in a ZIP archive: its path (UTF-8, `/`-separated) and its bytes.
public struct ZipEntry: Sendable, Equatable {
    /// The path inside the archive (`years/2024-2025/classes/6A1.json`).
    public var path: String
    /// The file's bytes (the writer stores them uncompressed; the reader inflates deflated ones).
    public var data: Data
    /// The CRC-32 the archive records for it (filled in by the reader; the writer computes it).
    public var crc32: UInt32

    /// Creates an entry for the bytes, computing their CRC-32.
    public init(path: String, data: Data) {
        self.path = path
        self.data = data
        self.crc32 = CRC32.checksum(data)
    }
}

/// A file entry as a ZIP's central directory describes it, checked but not yet read.
public struct ZipStoredEntry: Sendable, Equatable {
    /// The path inside the archive.
    public let path: String
    /// True for method 8 (deflate), false for stored.
    public let deflated: Bool
    /// The CRC-32 the archive records for the entry's bytes.
    public let crc32: UInt32
    /// How many bytes the entry takes in the archive.
    public let storedSize: Int
    /// How many bytes it holds once inflated.
    public let size: Int
    /// Where its bytes start in the archive.
    let start: Int
}

/// Where a ZIP's bytes are read from: memory (`ZipBytes`), or a file read piece by piece, so
/// that reading an archive costs the largest entry's memory, not the archive's.
public protocol ZipSource {
    /// The size of the whole ZIP in bytes.
    var size: Int { get }
    /// `count` bytes from `offset` (both within `size`; the reader checks before it asks).
    func bytes(at offset: Int, count: Int) throws(SodiemError) -> Data
}

/// A ZIP held in memory.
public struct ZipBytes: ZipSource {
    private let data: Data

    /// The ZIP's bytes.
    public init(_ data: Data) { self.data = Data(data) }

    /// The size of the bytes.
    public var size: Int { data.count }

    /// A copy of the bytes asked for (none past the end), indexed from 0.
    public func bytes(at offset: Int, count: Int) throws(SodiemError) -> Data {
        let low = min(max(0, offset), data.count)
        return Data(data[(data.startIndex + low)..<(data.startIndex + min(data.count, low + max(0, count)))])
    }
}

/// A minimal ZIP writer and reader (PKWARE APPNOTE 6.3): no ZIP64; the writer stores, the
/// reader also inflates (method 8), which is what XLSX files saved by Excel or LibreOffice use.
///
/// Enough for sodiem's archives, which any unzip tool can open: local file headers, the central
/// directory, the end-of-central-directory record; names in UTF-8 (flag bit 11); CRC-32 per entry.
/// Archives over 4 GiB or 65 535 entries would need ZIP64 and are refused with a clear message.
public enum Zip {
    /// The largest size or offset a ZIP without ZIP64 can record.
    package static let limit = UInt64(UInt32.max)
    package static let localSignature: UInt32 = 0x0403_4b50
    package static let centralSignature: UInt32 = 0x0201_4b50
    package static let endSignature: UInt32 = 0x0605_4b50
    /// Flag bit 11: the name is UTF-8.
    package static let utf8Flag: UInt16 = 0x0800

    // MARK: Writing

    /// The bytes of a ZIP holding the entries in the given order, all stamped with `modified`.
    ///
    /// `modified` is the local wall-clock time (seconds since 1970 plus the zone's offset), as
    /// MS-DOS time stamps have no zone.
    public static func write(_ entries: [ZipEntry], modified: Instant) throws(SodiemError) -> Data {
        guard entries.count < 0xffff else {
            throw tooLarge(vi: "\(entries.count) tệp (tối đa 65 534)", en: "\(entries.count) files (at most 65,534)")
        }
        // One encoder of the headers: the streaming writer, fed from memory.
        var writer = ZipStreamWriter(modified: modified)
        var out = Data()
        for entry in entries {
            out.append(try writer.localHeader(path: entry.path, size: entry.data.count, crc: CRC32.checksum(entry.data)))
            out.append(entry.data)
        }
        out.append(try writer.end())
        return out
    }

    /// MS-DOS time and date of a local wall-clock instant (years before 1980 become 1980).
    package static func dosTimestamp(_ instant: Instant) -> (time: UInt16, date: UInt16) {
        let local = instant.seconds + instant.offset
        let day = Day(ordinal: Int((Double(local) / 86400).rounded(.down)))
        let (year, month, dayOfMonth) = day.components
        guard year >= 1980 else { return (0, UInt16(1 << 5 | 1)) }
        let second = ((local % 86400) + 86400) % 86400
        let time = UInt16(second / 3600) << 11 | UInt16(second % 3600 / 60) << 5 | UInt16(second % 60 / 2)
        let date = UInt16(min(year - 1980, 127)) << 9 | UInt16(month) << 5 | UInt16(dayOfMonth)
        return (time, date)
    }

    // MARK: Reading

    /// The most one deflated entry may decompress to (64 MiB), whatever it declares.
    public static let entryLimit = 64 << 20
    /// The most all the deflated entries of one archive may decompress to (256 MiB).
    public static let archiveLimit = 256 << 20

    /// Reads every file entry of a ZIP in memory, checking its structure and every CRC-32.
    ///
    /// Entries are stored (method 0) or deflated (method 8, through `Inflate`). Folder entries
    /// (names ending in `/`) are skipped. Refuses, naming the entry: another method, an encrypted
    /// entry, a symbolic link, ZIP64, a CRC or size mismatch, a deflated entry that would grow
    /// past `entryLimit` or the archive past `archiveLimit` (a ZIP bomb), an unsafe name
    /// (absolute, `..`, `\`), a duplicate name, and anything that lies outside the file.
    public static func read(_ data: Data) throws(SodiemError) -> [ZipEntry] {
        let source = ZipBytes(data)
        var entries: [ZipEntry] = []
        for stored in try directory(of: source) {
            var entry = ZipEntry(path: stored.path, data: try contents(of: stored, in: source))
            entry.crc32 = stored.crc32
            entries.append(entry)
        }
        return entries
    }

    /// The file entries of a ZIP, read from its central directory and local headers, every
    /// structural check of `read` made, no entry's bytes read yet: `contents(of:in:)` reads them
    /// one at a time, so an archive larger than memory is checked entry by entry.
    public static func directory(of source: some ZipSource) throws(SodiemError) -> [ZipStoredEntry] {
        // The end record is in the last 22 bytes plus a comment of at most 65 535.
        let tailStart = max(0, source.size - 22 - 0xffff)
        let tail = [UInt8](try source.bytes(at: tailStart, count: source.size - tailStart))
        guard let endInTail = findEnd(tail) else {
            throw malformed(vi: "không tìm thấy bản ghi kết thúc thư mục trung tâm (không phải tệp ZIP, hoặc bị cắt)",
                            en: "no end-of-central-directory record (not a ZIP file, or cut short)")
        }
        let end = tailStart + endInTail
        let record = Array(tail[endInTail..<(endInTail + 22)])
        let count = Int(record.u16(10))
        let centralSize = Int(record.u32(12))
        let centralOffset = Int(record.u32(16))
        if record.u16(4) != 0 || record.u16(6) != 0 || record.u16(8) != UInt16(count) {
            throw malformed(vi: "ZIP nhiều phần không được hỗ trợ", en: "multi-disk ZIP files are not supported")
        }
        if count == 0xffff || record.u32(12) == UInt32.max || record.u32(16) == UInt32.max {
            throw malformed(vi: "ZIP64 không được hỗ trợ (lưu trữ quá 4 GiB?)", en: "ZIP64 is not supported (an archive over 4 GiB?)")
        }
        guard centralOffset + centralSize <= end else {
            throw malformed(vi: "thư mục trung tâm nằm ngoài tệp", en: "the central directory lies outside the file")
        }
        // Positions below are within the central directory, read whole (its size as the end record
        // declares it, checked above to lie within the file).
        let central = [UInt8](try source.bytes(at: centralOffset, count: centralSize))
        var entries: [ZipStoredEntry] = []
        var seen = Set<String>()
        var position = 0
        var inflatedTotal = 0
        for index in 0..<count {
            guard position + 46 <= centralSize, central.u32(position) == centralSignature else {
                throw malformed(vi: "mục thứ \(index + 1) của thư mục trung tâm hỏng", en: "central directory entry \(index + 1) is damaged")
            }
            let flags = central.u16(position + 8)
            let method = central.u16(position + 10)
            let crc = central.u32(position + 16)
            let compressed = central.u32(position + 20)
            let size = central.u32(position + 24)
            let nameLength = Int(central.u16(position + 28))
            let extraLength = Int(central.u16(position + 30))
            let commentLength = Int(central.u16(position + 32))
            let localOffset = Int(central.u32(position + 42))
            let externalAttributes = central.u32(position + 38)
            let nameEnd = position + 46 + nameLength
            guard nameEnd <= centralSize else {
                throw malformed(vi: "tên của mục thứ \(index + 1) vượt ra ngoài thư mục trung tâm", en: "the name of entry \(index + 1) runs past the central directory")
            }
            let nameBytes = Array(central[(position + 46)..<nameEnd])
            guard let path = String(validating: nameBytes, as: UTF8.self) else {
                throw malformed(vi: "tên của mục thứ \(index + 1) không phải UTF-8", en: "the name of entry \(index + 1) is not UTF-8")
            }
            position = nameEnd + extraLength + commentLength
            if flags & 0x0001 != 0 {
                throw entryError(path, vi: "được mã hoá, không đọc được", en: "is encrypted and cannot be read")
            }
            if method != 0 && method != 8 {
                throw entryError(path, vi: "được nén bằng phương thức \(method); sodiem chỉ đọc mục lưu nguyên (stored, 0) và deflate (8)",
                                 en: "is compressed with method \(method); sodiem reads only stored (0) and deflate (8) entries")
            }
            if (externalAttributes >> 16) & 0o170000 == 0o120000 {
                throw entryError(path, vi: "là một liên kết tượng trưng (symlink), không được chấp nhận", en: "is a symbolic link, which is refused")
            }
            if size == UInt32.max || compressed == UInt32.max || localOffset == Int(UInt32.max) {
                throw entryError(path, vi: "dùng ZIP64, không được hỗ trợ", en: "uses ZIP64, which is not supported")
            }
            guard method == 8 || compressed == size else {
                throw entryError(path, vi: "kích thước lưu (\(compressed)) khác kích thước thật (\(size))", en: "has a stored size (\(compressed)) unlike its size (\(size))")
            }
            if method == 8 {
                // Deflate never needs much more than the bytes it holds (stored blocks cost 5 bytes
                // in 65 535): a longer stream is refused before it is read.
                guard Int(compressed) <= Int(size) + Int(size) / 8 + 65_536 else {
                    throw entryError(path, vi: "được nén thành \(compressed) byte cho \(size) byte, nhiều hơn deflate bao giờ cần",
                                     en: "is compressed to \(compressed) bytes for \(size), more than deflate ever needs")
                }
                inflatedTotal += Int(size)
                guard Int(size) <= entryLimit, inflatedTotal <= archiveLimit else {
                    throw entryError(path, vi: "tự nhận giải nén ra \(size) byte, quá giới hạn (\(entryLimit >> 20) MiB mỗi mục, \(archiveLimit >> 20) MiB cả tệp): có thể là bom ZIP",
                                     en: "declares \(size) bytes once inflated, past the limits (\(entryLimit >> 20) MiB an entry, \(archiveLimit >> 20) MiB in all): a ZIP bomb?")
                }
            }
            if path.hasSuffix("/") && size == 0 { continue }
            guard isSafePath(path) else {
                throw entryError(path, vi: "có tên không an toàn (tuyệt đối, có .., \\ hoặc phần rỗng)", en: "has an unsafe name (absolute, with .., \\ or an empty part)")
            }
            guard seen.insert(path).inserted else {
                throw entryError(path, vi: "xuất hiện hai lần", en: "appears twice")
            }
            // The local header says where the bytes start; its name must agree with the directory's.
            guard localOffset + 30 <= centralOffset else {
                throw entryError(path, vi: "có phần đầu cục bộ hỏng", en: "has a damaged local header")
            }
            let local = [UInt8](try source.bytes(at: localOffset, count: min(30 + nameLength, centralOffset - localOffset)))
            guard local.u32(0) == localSignature else {
                throw entryError(path, vi: "có phần đầu cục bộ hỏng", en: "has a damaged local header")
            }
            let localNameLength = Int(local.u16(26))
            let localExtraLength = Int(local.u16(28))
            let start = localOffset + 30 + localNameLength + localExtraLength
            guard start + Int(compressed) <= centralOffset, localOffset + 30 + localNameLength <= centralOffset,
                  localNameLength == nameLength, Array(local[30...]) == nameBytes else {
                throw entryError(path, vi: "có phần đầu cục bộ không khớp thư mục trung tâm", en: "has a local header unlike its central directory entry")
            }
            entries.append(ZipStoredEntry(path: path, deflated: method == 8, crc32: crc, storedSize: Int(compressed), size: Int(size), start: start))
        }
        return entries
    }

    /// The bytes of one entry of `directory(of:)`: read, inflated when deflated, and checked
    /// against the CRC-32 the archive records.
    public static func contents(of entry: ZipStoredEntry, in source: some ZipSource) throws(SodiemError) -> Data {
        let stored = try source.bytes(at: entry.start, count: entry.storedSize)
        let content: Data
        if entry.deflated {
            do {
                content = Data(try Inflate.inflate([UInt8](stored), expectedSize: entry.size, limit: entryLimit))
            } catch {
                throw entryError(entry.path, vi: "không giải nén được (\(error))", en: "cannot be inflated (\(error))")
            }
        } else {
            content = stored
        }
        let actual = CRC32.checksum(content)
        guard actual == entry.crc32 else {
            throw entryError(entry.path, vi: "sai CRC-32 (ghi \(hex(entry.crc32)), tính được \(hex(actual))): nội dung đã bị thay đổi",
                             en: "fails its CRC-32 (recorded \(hex(entry.crc32)), computed \(hex(actual))): its bytes were changed")
        }
        return content
    }

    /// The position of the end-of-central-directory record (searched backwards past any comment).
    private static func findEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xffff)
        while position >= lowest {
            if bytes.u32(position) == endSignature && position + 22 + Int(bytes.u16(position + 20)) == bytes.count {
                return position
            }
            position -= 1
        }
        return nil
    }

    /// A relative path with no empty, `.` or `..` parts and no backslash: safe to extract.
    public static func isSafePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0"), !path.contains("\n"), !path.contains("\r") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    private static func malformed(vi: String, en: String) -> SodiemError {
        .badData(Message(vi: "Tệp ZIP hỏng: \(vi).", en: "A damaged ZIP file: \(en)."))
    }

    private static func entryError(_ path: String, vi: String, en: String) -> SodiemError {
        .badData(Message(vi: "Mục \(path) trong tệp ZIP \(vi).", en: "The ZIP entry \(path) \(en)."))
    }

    static func tooLarge(vi: String, en: String) -> SodiemError {
        .cannotCreate(Message(vi: "Không tạo được tệp lưu trữ: quá lớn cho ZIP không có ZIP64 (\(vi); giới hạn 4 GiB). Hãy lưu trữ thư mục dữ liệu bằng công cụ khác (tar).",
                              en: "Cannot create the archive: too large for a ZIP without ZIP64 (\(en); the limit is 4 GiB). Archive the data directory with another tool (tar)."))
    }
}

extension Data {
    /// Appends a little-endian 16-bit value.
    mutating func le16(_ value: UInt16) {
        append(UInt8(value & 0xff))
        append(UInt8(value >> 8))
    }

    /// Appends a little-endian 32-bit value.
    mutating func le32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xff)) }
    }
}

extension [UInt8] {
    /// A little-endian 16-bit value at `i` (0 past the end, which the callers' bounds checks catch).
    fileprivate func u16(_ i: Int) -> UInt16 {
        guard i >= 0, i + 2 <= count else { return 0 }
        return UInt16(self[i]) | UInt16(self[i + 1]) << 8
    }

    /// A little-endian 32-bit value at `i` (0 past the end).
    fileprivate func u32(_ i: Int) -> UInt32 {
        guard i >= 0, i + 4 <= count else { return 0 }
        return UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }
}
