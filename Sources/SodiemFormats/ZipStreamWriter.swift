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
            throw Zip.tooLarge(vi: "tệp \(path) (\(size) byte)", en: "the file \(path) (\(size) bytes)")
        }
        var local = Data()
        local.le32(Zip.localSignature)
        local.le16(20)
        local.le16(Zip.utf8Flag)
        local.le16(0)
        local.le16(time)
        local.le16(date)
        local.le32(crc)
        local.le32(UInt32(size))
        local.le32(UInt32(size))
        local.le16(UInt16(name.count))
        local.le16(0)
        local.append(name)

        central.le32(Zip.centralSignature)
        central.le16(0x0300 | 20)
        central.le16(20)
        central.le16(Zip.utf8Flag)
        central.le16(0)
        central.le16(time)
        central.le16(date)
        central.le32(crc)
        central.le32(UInt32(size))
        central.le32(UInt32(size))
        central.le16(UInt16(name.count))
        central.le16(0)
        central.le16(0)
        central.le16(0)
        central.le16(0)
        central.le32(UInt32(0o100644) << 16)
        central.le32(UInt32(offset))
        central.append(name)
        offset += UInt64(local.count) + UInt64(size)
        count += 1
        return local
    }

    /// The central directory and the end record, once every entry has been sent.
    public func end() throws(SodiemError) -> Data {
        guard offset + UInt64(central.count) < Zip.limit else {
            throw Zip.tooLarge(vi: "\(offset + UInt64(central.count)) byte", en: "\(offset + UInt64(central.count)) bytes")
        }
        var out = central
        out.le32(Zip.endSignature)
        out.le16(0)
        out.le16(0)
        out.le16(UInt16(count))
        out.le16(UInt16(count))
        out.le32(UInt32(central.count))
        out.le32(UInt32(offset))
        out.le16(0)
        return out
    }
}
