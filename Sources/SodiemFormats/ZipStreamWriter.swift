import Foundation
import SodiemBasics

/// The bytes of a ZIP made entry by entry, for a writer that sends each file's bytes on itself
/// (the archive of a data directory, whose files need not all be in memory at once).
///
/// The output is byte for byte what `Zip.write` makes of the same entries: ask for an entry's
/// local header (given its size and CRC-32, known beforehand), send the header and then the
/// entry's bytes, and at the end send `end()`, the central directory and its end record.
public struct ZipStreamWriter: Sendable {
    private let time: UInt16
    private let date: UInt16
    /// Bytes of the ZIP so far (headers and entries sent).
    public private(set) var offset: UInt64 = 0
    private var central = Data()
    private var count = 0
    private var seen = Set<String>()

    /// A writer whose entries are all stamped with `modified` (local wall-clock time, as in `Zip.write`).
    public init(modified: Instant) {
        (time, date) = Zip.dosTimestamp(modified)
    }

    /// The local file header of the next entry; its `size` bytes must follow it.
    public mutating func localHeader(path: String, size: Int, crc: UInt32) throws(SodiemError) -> Data {
        guard Zip.isSafePath(path), seen.insert(path).inserted else {
            throw SodiemError.internalError(Message(vi: "Tên tệp không hợp lệ trong ZIP: \(path).",
                                                    en: "An invalid name for a ZIP entry: \(path)."))
        }
        let name = Data(path.utf8)
        guard UInt64(size) < Zip.limit, offset < Zip.limit, name.count < 0xffff, count + 1 < 0xffff else {
            throw SodiemError.badData(Message(vi: "Tệp lưu trữ quá lớn cho ZIP không có ZIP64: tệp \(path) (\(size) byte).",
                                              en: "The archive is too large for a ZIP without ZIP64: the file \(path) (\(size) bytes)."))
        }
        var local = Data()
        local.appendLE32(Zip.localSignature)
        local.appendLE16(20)
        local.appendLE16(Zip.utf8Flag)
        local.appendLE16(0)
        local.appendLE16(time)
        local.appendLE16(date)
        local.appendLE32(crc)
        local.appendLE32(UInt32(size))
        local.appendLE32(UInt32(size))
        local.appendLE16(UInt16(name.count))
        local.appendLE16(0)
        local.append(name)

        central.appendLE32(Zip.centralSignature)
        central.appendLE16(0x0300 | 20)
        central.appendLE16(20)
        central.appendLE16(Zip.utf8Flag)
        central.appendLE16(0)
        central.appendLE16(time)
        central.appendLE16(date)
        central.appendLE32(crc)
        central.appendLE32(UInt32(size))
        central.appendLE32(UInt32(size))
        central.appendLE16(UInt16(name.count))
        central.appendLE16(0)
        central.appendLE16(0)
        central.appendLE16(0)
        central.appendLE16(0)
        central.appendLE32(UInt32(0o100644) << 16)
        central.appendLE32(UInt32(offset))
        central.append(name)
        offset += UInt64(local.count) + UInt64(size)
        count += 1
        return local
    }

    /// The central directory and the end record, once every entry has been sent.
    public func end() throws(SodiemError) -> Data {
        guard offset + UInt64(central.count) < Zip.limit else {
            throw SodiemError.badData(Message(vi: "Tệp lưu trữ quá lớn cho ZIP không có ZIP64 (\(offset) byte).",
                                              en: "The archive is too large for a ZIP without ZIP64 (\(offset) bytes)."))
        }
        var out = central
        out.appendLE32(Zip.endSignature)
        out.appendLE16(0)
        out.appendLE16(0)
        out.appendLE16(UInt16(count))
        out.appendLE16(UInt16(count))
        out.appendLE32(UInt32(central.count))
        out.appendLE32(UInt32(offset))
        out.appendLE16(0)
        return out
    }
}

extension Data {
    fileprivate mutating func appendLE16(_ value: UInt16) {
        append(UInt8(value & 0xff))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func appendLE32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xff)) }
    }
}
