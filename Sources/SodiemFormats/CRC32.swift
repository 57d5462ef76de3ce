import Foundation
import SodiemBasics

/// CRC-32 as ZIP, PNG and gzip use it (IEEE 802.3, reflected polynomial 0xEDB88320).
public struct CRC32: Sendable {
    /// The running checksum; the public value is `checksum`.
    private var state: UInt32 = 0xffff_ffff

    /// A checksum of no bytes yet.
    public init() {}

    /// The CRC-32 of everything fed so far.
    public var checksum: UInt32 { state ^ 0xffff_ffff }

    /// Feeds raw bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = state
        CRC32.table.withUnsafeBufferPointer { table in
            for byte in bytes {
                crc = table[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8)
            }
        }
        state = crc
    }

    /// Feeds the bytes of `data`.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Feeds the bytes of an array.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The CRC-32 of a byte sequence in one go.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = CRC32()
        let done: Void? = bytes.withContiguousStorageIfAvailable { crc.update(UnsafeRawBufferPointer($0)) }
        if done == nil { crc.update(Array(bytes)) }
        return crc.checksum
    }

    /// The CRC-32 of `data` in one go.
    public static func checksum(_ data: Data) -> UInt32 {
        var crc = CRC32()
        crc.update(data)
        return crc.checksum
    }

    /// The 256-entry lookup table, built once (an immutable `let`, so Sendable-safe).
    package static let table: [UInt32] = (0..<256).map { index -> UInt32 in
        var c = UInt32(index)
        for _ in 0..<8 {
            c = (c & 1) != 0 ? 0xedb8_8320 ^ (c >> 1) : c >> 1
        }
        return c
    }
}
