import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats

@Suite("CRC32")
struct CRC32Tests {
    @Test("Standard check value and known strings", arguments: [
        ("123456789", UInt32(0xCBF4_3926)),
        ("", 0),
        ("a", 0xE8B7_BE43),
        ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
    ])
    func known(_ input: String, _ expected: UInt32) {
        #expect(CRC32.checksum(Array(input.utf8)) == expected)
        #expect(CRC32.checksum(Data(input.utf8)) == expected)
    }

    @Test("Incremental equals one-shot")
    func incremental() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var crc = CRC32()
        crc.update(Array(bytes[..<333]))
        crc.update(Data(bytes[333..<334]))
        crc.update(Array(bytes[334...]))
        #expect(crc.checksum == CRC32.checksum(bytes))
    }
}
