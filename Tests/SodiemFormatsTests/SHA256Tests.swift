import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats

@Suite("SHA256")
struct SHA256Tests {
    /// FIPS 180-4 / NIST CAVP example vectors.
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    @Test("NIST vectors, one-shot", arguments: vectors.indices)
    func nistVectors(_ index: Int) {
        let (message, expected) = Self.vectors[index]
        #expect(SHA256.hex(Data(message.utf8)) == expected)
        #expect(SHA256.hex(utf8: message) == expected)
        #expect(SHA256.hexString(SHA256.hash(Array(message.utf8))) == expected)
        // A non-contiguous sequence takes the fallback path.
        #expect(SHA256.hexString(SHA256.hash(message.utf8.lazy.map { $0 })) == expected)
    }

    @Test("One million 'a', streamed in uneven chunks")
    func millionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        var hasher = SHA256Hasher()
        var remaining = 1_000_000
        let sizes = [1, 7, 63, 64, 65, 127, 999, 13, 0, 500]
        var step = 0
        while remaining > 0 {
            let n = min(sizes[step % sizes.count], remaining)
            chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            remaining -= n
            step += 1
        }
        #expect(SHA256.hexString(hasher.finalize()) == expected)
        #expect(SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000)) == expected)
    }

    @Test("Chunked updates equal one-shot around the padding boundaries")
    func chunkedEqualsOneShot() {
        let lengths = [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 191, 192, 193]
        for length in lengths {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let oneShot = SHA256.hash(message)
            for split in Set([0, 1, length / 3, length / 2, max(0, length - 1), length]) where split <= length {
                var hasher = SHA256Hasher()
                hasher.update(Array(message[..<split]))
                hasher.update(Data(message[split...]))
                #expect(hasher.finalize() == oneShot, "length \(length) split \(split)")
            }
            var byteWise = SHA256Hasher()
            for byte in message { byteWise.update([byte]) }
            #expect(byteWise.finalize() == oneShot, "length \(length) byte-wise")
        }
    }

    @Test("Boundary lengths agree with known digests")
    func boundaryKnownDigests() {
        // 55, 56 and 64 'a's: the lengths where padding spills into a second block.
        #expect(SHA256.hex(Data(repeating: 0x61, count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hex(Data(repeating: 0x61, count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(SHA256.hex(Data(repeating: 0x61, count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test("Hashing in chunks of any size gives the digest of the whole")
    func chunkedHash() {
        let bytes = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        for size in [1, 63, 64, 65, 999] {
            var hasher = SHA256Hasher()
            var offset = 0
            while offset < bytes.count {
                hasher.update(bytes[offset..<min(offset + size, bytes.count)])
                offset += size
            }
            #expect(SHA256.hexString(hasher.finalize()) == SHA256.hex(bytes), "chunks of \(size)")
        }
    }

    @Test("Hex is lower case, two digits per byte")
    func hexFormat() {
        #expect(SHA256.hexString([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }
}
