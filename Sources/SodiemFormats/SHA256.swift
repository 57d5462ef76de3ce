import Foundation
import SodiemBasics

/// SHA-256 (FIPS 180-4), because Foundation on Linux has none and the audit chain and archive manifests need it.
public enum SHA256 {
    /// The 32-byte digest of a byte sequence.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256Hasher()
        // Contiguous collections (Array, Data, UTF8View of a native String) take the fast path.
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            hasher.update(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            hasher.update(Array(bytes))
        }
        return hasher.finalize()
    }

    /// The 32-byte digest of `data`.
    public static func hash(_ data: Data) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(data)
        return hasher.finalize()
    }

    /// The digest of the UTF-8 bytes of `string`.
    public static func hash(utf8 string: String) -> [UInt8] {
        var copy = string
        return copy.withUTF8 { hash($0) }
    }

    /// The lower-case hex digest of `data`.
    public static func hex(_ data: Data) -> String {
        hexString(hash(data))
    }

    /// The lower-case hex digest of the UTF-8 bytes of `string` (as the audit log's `prev`).
    public static func hex(utf8 string: String) -> String {
        hexString(hash(utf8: string))
    }

    /// Lower-case hex of any bytes, two digits per byte.
    public static func hexString(_ bytes: some Sequence<UInt8>) -> String {
        hexString(Array(bytes))
    }

    /// A digest (or any bytes) in lower-case hex. Concrete, not generic: the generic form's
    /// iteration looked up `Array: Collection` at run time, a search of every conformance record
    /// in the binary (about a third of a million instructions) on every command that appends.
    public static func hexString(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer(hexString(buffer:))
    }

    /// A slice of bytes in lower-case hex.
    public static func hexString(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer(hexString(buffer:))
    }

    private static func hexString(buffer: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: buffer.count * 2) { out in
            for (index, byte) in buffer.enumerated() {
                out[2 * index] = hexDigit(byte >> 4)
                out[2 * index + 1] = hexDigit(byte & 0x0f)
            }
            return buffer.count * 2
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// The round constants K (first 32 bits of the fractional parts of the cube roots of the first 64 primes).
    package static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}

/// An incremental SHA-256: feed any number of chunks, then `finalize()` once.
public struct SHA256Hasher: Sendable {
    private var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85
    private var h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
    private var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c
    private var h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19
    /// Bytes of an incomplete block carried between updates (always fewer than 64).
    private var pending: [UInt8] = []
    /// Total message length in bytes, for the padding.
    private var length: UInt64 = 0

    /// A hasher in the initial state.
    public init() {
        pending.reserveCapacity(64)
    }

    /// Feeds raw bytes; whole 64-byte blocks are compressed straight from the caller's buffer.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            guard pending.count == 64 else { return }
            let block = pending
            block.withUnsafeBytes { compress(blocks: $0) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = (bytes.count - offset) / 64 * 64
        if whole > 0 {
            compress(blocks: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + whole)]))
            offset += whole
        }
        if offset < bytes.count {
            pending.append(contentsOf: bytes[offset...])
        }
    }

    /// Feeds the bytes of `data`.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Feeds the bytes of an array.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Pads the message and returns the 32-byte digest; the hasher must not be used afterwards.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = pending
        tail.append(0x80)
        // Pad to 56 mod 64, leaving room for the 8-byte big-endian length.
        let zeros = (56 - tail.count % 64 + 64) % 64
        tail.append(contentsOf: repeatElement(0, count: zeros))
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBytes { compress(blocks: $0) }
        pending.removeAll()
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// Compresses consecutive 64-byte blocks (count must be a multiple of 64).
    ///
    /// Eight rounds at a time, each with the working variables in rotated roles, so no round
    /// moves them along (`verify` hashes the whole log: this loop is most of its growth with history).
    private mutating func compress(blocks: UnsafeRawBufferPointer) {
        SHA256.roundConstants.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                var start = 0
                while start < blocks.count {
                    for i in 0..<16 {
                        // Unaligned big-endian load: the caller's buffer has no alignment guarantee.
                        let raw = blocks.loadUnaligned(fromByteOffset: start + 4 * i, as: UInt32.self)
                        w[i] = UInt32(bigEndian: raw)
                    }
                    for i in 16..<64 {
                        let x = w[i - 15], y = w[i - 2]
                        let s0 = x.rotatedRight(7) ^ x.rotatedRight(18) ^ (x >> 3)
                        let s1 = y.rotatedRight(17) ^ y.rotatedRight(19) ^ (y >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                    var i = 0
                    while i < 64 {
                        SHA256Hasher.round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
                        SHA256Hasher.round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
                        SHA256Hasher.round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
                        SHA256Hasher.round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
                        SHA256Hasher.round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4])
                        SHA256Hasher.round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5])
                        SHA256Hasher.round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6])
                        SHA256Hasher.round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7])
                        i += 8
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                    start += 64
                }
            }
        }
    }

    /// One round (FIPS 180-4 §6.2.2 step 3) with `kw` = K[t] + W[t]: of the working variables
    /// a…h in their roles this round, it changes d (to d + T1) and h (to T1 + T2); the caller
    /// passes them in the next round's roles, which is the rotation the standard writes as moves.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
        let ch = (e & f) ^ (~e & g)
        let t1 = h &+ s1 &+ ch &+ kw
        let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
        let maj = (a & b) ^ (a & c) ^ (b & c)
        d = d &+ t1
        h = t1 &+ s0 &+ maj
    }
}

extension UInt32 {
    /// Right rotation, the SHA-2 primitive.
    @inline(__always)
    fileprivate func rotatedRight(_ n: UInt32) -> UInt32 {
        (self >> n) | (self << (32 - n))
    }
}
