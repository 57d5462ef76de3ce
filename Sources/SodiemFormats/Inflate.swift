import Foundation
import SodiemBasics

/// Why a raw deflate stream could not be decompressed.
public enum InflateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stream ends before its last block does.
    case truncated
    /// A block header with type 3 (reserved).
    case invalidBlockType
    /// A stored block whose length and its complement disagree.
    case storedLengthMismatch
    /// A dynamic block with more than 286 length or 30 distance codes.
    case tooManyCodes
    /// A Huffman code that is over-subscribed or incomplete, or has no end-of-block code.
    case invalidCodeLengths
    /// A code-length repeat (16) with nothing before it, or repeats that run past the codes.
    case invalidRepeat
    /// A symbol that the block's code does not define (286, 287, distance 30 or 31, an unused code).
    case invalidSymbol
    /// A back-reference to before the start of the output.
    case distanceTooFar(distance: Int, available: Int)
    /// The output would exceed `limit` bytes (the declared size, or the absolute cap).
    case outputTooLarge(limit: Int)
    /// The stream ended with a size other than the declared one.
    case sizeMismatch(expected: Int, actual: Int)

    public var description: String {
        switch self {
        case .truncated: "the deflate stream is cut short"
        case .invalidBlockType: "a deflate block of the reserved type 3"
        case .storedLengthMismatch: "a stored block whose length does not match its complement"
        case .tooManyCodes: "a deflate block declaring too many length or distance codes"
        case .invalidCodeLengths: "a deflate block with an over-subscribed, incomplete or unusable Huffman code"
        case .invalidRepeat: "a deflate block whose code lengths repeat nothing or run past the end"
        case .invalidSymbol: "a deflate block using a code it does not define"
        case .distanceTooFar(let distance, let available): "a back-reference \(distance) bytes back with only \(available) written"
        case .outputTooLarge(let limit): "the data would grow past \(limit) bytes (a ZIP bomb?)"
        case .sizeMismatch(let expected, let actual): "the data is \(actual) bytes where \(expected) were declared"
        }
    }
}

/// RFC 1951 decompression (stored, fixed and dynamic Huffman blocks), written for sodiem so that
/// Foundation on Linux can read the deflate-compressed parts of XLSX files.
///
/// Decoding is table-driven: each Huffman code has a lookup table indexed by the next
/// `fastBits` bits of input that gives the symbol and its length in one step; the few codes
/// longer than that are decoded canonically, bit by bit. Every way a hostile stream could make
/// this crash or loop is a typed `InflateError`: the output never grows past `limit`, every code
/// table is checked for completeness, and every distance against what has been written.
public enum Inflate {
    /// The absolute cap on one decompressed stream unless the caller gives another: 64 MiB.
    public static let defaultLimit = 64 << 20

    /// Decompresses a raw deflate stream (no zlib or gzip header).
    ///
    /// - Parameters:
    ///   - expectedSize: the size the container declares; the output must be exactly that long,
    ///     and decoding stops as soon as it would be longer.
    ///   - limit: the absolute cap, whatever the declared size says.
    public static func inflate(_ input: [UInt8], expectedSize: Int? = nil, limit: Int = defaultLimit) throws(InflateError) -> [UInt8] {
        let cap = min(expectedSize ?? limit, limit)
        if let expectedSize, expectedSize > limit { throw .outputTooLarge(limit: limit) }
        var result: Result<[UInt8], InflateError> = .success([])
        input.withUnsafeBufferPointer { buffer in
            var decoder = Decoder(input: buffer, cap: cap, initialCapacity: expectedSize ?? min(cap, max(1024, buffer.count * 4)))
            do throws(InflateError) {
                try decoder.run()
                result = .success(decoder.finish())
            } catch {
                result = .failure(error)
            }
        }
        let output = try result.get()
        if let expectedSize, output.count != expectedSize {
            throw .sizeMismatch(expected: expectedSize, actual: output.count)
        }
        return output
    }

    /// Decompresses the bytes of `data`; see `inflate(_: [UInt8], expectedSize:limit:)`.
    public static func inflate(_ data: Data, expectedSize: Int? = nil, limit: Int = defaultLimit) throws(InflateError) -> Data {
        Data(try inflate([UInt8](data), expectedSize: expectedSize, limit: limit))
    }

    // MARK: Tables

    /// Bits looked up in one step for literal/length codes and for distance codes.
    static let literalFastBits = 10
    static let distanceFastBits = 8

    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order in which a dynamic block lists the code-length code's lengths.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The fixed literal/length code of block type 1 (RFC 1951 §3.2.6).
    static let fixedLiterals: Huffman = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        return try! Huffman(lengths: lengths, fastBits: literalFastBits, kind: .literals)
    }()

    /// The fixed distance code: 32 codes of 5 bits, of which 30 and 31 are never valid.
    static let fixedDistances: Huffman = try! Huffman(lengths: [UInt8](repeating: 5, count: 32), fastBits: distanceFastBits, kind: .distances)

    /// A canonical Huffman code: a fast table for short codes and counts/symbols for the rest.
    struct Huffman {
        enum Kind { case codeLengths, literals, distances }

        /// Indexed by the next `fastBits` input bits: `symbol << 4 | length`, or 0 when the code
        /// is longer than `fastBits` (or unused) and must be decoded the slow way.
        var fast: [UInt16]
        let fastBits: Int
        /// How many codes have each length 0...15.
        var counts: [UInt16]
        /// The symbols ordered by code.
        var symbols: [UInt16]
        /// No symbol at all (a distance code of a block that uses only literals).
        let empty: Bool

        init(lengths: [UInt8], fastBits: Int, kind: Kind) throws(InflateError) {
            self.fastBits = fastBits
            var counts = [UInt16](repeating: 0, count: 16)
            for length in lengths { counts[Int(length)] += 1 }
            counts[0] = 0
            var left = 1
            var maxLength = 0
            for length in 1...15 {
                left <<= 1
                left -= Int(counts[length])
                if left < 0 { throw .invalidCodeLengths } // over-subscribed
                if counts[length] > 0 { maxLength = length }
            }
            // Incomplete codes are allowed only for a single code of one bit (zlib does the same);
            // the code-length code must always be complete, and the literal code must have an end.
            if left > 0 && (kind == .codeLengths || maxLength != 1) && maxLength != 0 { throw .invalidCodeLengths }
            if maxLength == 0 && kind != .distances { throw .invalidCodeLengths }
            if kind == .literals && (lengths.count <= 256 || lengths[256] == 0) { throw .invalidCodeLengths }
            self.empty = maxLength == 0

            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + Int(counts[length]) }
            var symbols = [UInt16](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[Int(length)]] = UInt16(symbol)
                offsets[Int(length)] += 1
            }
            self.counts = counts
            self.symbols = symbols

            // The fast table: each code of length ≤ fastBits, bit-reversed, fills every slot whose
            // low `length` bits equal it.
            var fast = [UInt16](repeating: 0, count: 1 << fastBits)
            var code = 0
            var index = 0
            for length in 1...15 {
                for _ in 0..<Int(counts[length]) {
                    if length <= fastBits {
                        var reversed = 0
                        var c = code
                        for _ in 0..<length { reversed = reversed << 1 | (c & 1); c >>= 1 }
                        let entry = symbols[index] << 4 | UInt16(length)
                        var slot = reversed
                        while slot < fast.count { fast[slot] = entry; slot += 1 << length }
                    }
                    code += 1
                    index += 1
                }
                code <<= 1
            }
            self.fast = fast
        }
    }

    // MARK: Decoding

    struct Decoder {
        let input: UnsafeBufferPointer<UInt8>
        var position = 0
        var bitBuffer: UInt64 = 0
        var bitCount = 0
        let cap: Int
        var output: [UInt8]
        var written = 0

        init(input: UnsafeBufferPointer<UInt8>, cap: Int, initialCapacity: Int) {
            self.input = input
            self.cap = cap
            self.output = [UInt8](repeating: 0, count: max(0, min(initialCapacity, cap)))
        }

        mutating func finish() -> [UInt8] {
            output.removeSubrange(written...)
            return output
        }

        /// Tops the bit buffer up to at least 57 bits, or with whatever input is left.
        @inline(__always)
        mutating func refill() {
            while bitCount <= 56 && position < input.count {
                bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
                position += 1
                bitCount += 8
            }
        }

        @inline(__always)
        mutating func bits(_ count: Int) throws(InflateError) -> Int {
            if bitCount < count {
                refill()
                if bitCount < count { throw .truncated }
            }
            let value = Int(bitBuffer & ((1 << UInt64(count)) - 1))
            bitBuffer >>= UInt64(count)
            bitCount -= count
            return value
        }

        /// Decodes one symbol of `code`.
        @inline(__always)
        mutating func decode(_ code: Huffman) throws(InflateError) -> Int {
            if bitCount < 15 { refill() }
            if code.empty { throw .invalidSymbol }
            let entry = code.fast[Int(bitBuffer & UInt64((1 << code.fastBits) - 1))]
            if entry != 0 {
                let length = Int(entry & 15)
                guard length <= bitCount else { throw .truncated }
                bitBuffer >>= UInt64(length)
                bitCount -= length
                return Int(entry >> 4)
            }
            // The slow, canonical way (puff's): one bit at a time, for codes longer than the table.
            var code32 = 0, first = 0, index = 0
            for length in 1...15 {
                guard length <= bitCount else { throw .truncated }
                code32 |= Int((bitBuffer >> UInt64(length - 1)) & 1)
                let count = Int(code.counts[length])
                if code32 - count < first {
                    bitBuffer >>= UInt64(length)
                    bitCount -= length
                    return Int(code.symbols[index + (code32 - first)])
                }
                index += count
                first += count
                first <<= 1
                code32 <<= 1
            }
            throw .invalidSymbol
        }

        /// Makes room for `count` more bytes, within the cap.
        @inline(__always)
        mutating func reserve(_ count: Int) throws(InflateError) {
            let needed = written + count
            if needed > cap { throw .outputTooLarge(limit: cap) }
            if needed > output.count {
                let grown = min(cap, max(needed, output.count * 2, 1024))
                output.append(contentsOf: repeatElement(0, count: grown - output.count))
            }
        }

        mutating func run() throws(InflateError) {
            var last = false
            while !last {
                last = try bits(1) == 1
                switch try bits(2) {
                case 0: try stored()
                case 1: try codes(Inflate.fixedLiterals, Inflate.fixedDistances)
                case 2:
                    let (literals, distances) = try dynamicTables()
                    try codes(literals, distances)
                default: throw .invalidBlockType
                }
            }
        }

        mutating func stored() throws(InflateError) {
            // Drop the bits up to the byte boundary, then give whole buffered bytes back to the input.
            bitBuffer >>= UInt64(bitCount & 7)
            bitCount -= bitCount & 7
            position -= bitCount / 8
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= input.count else { throw .truncated }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
            position += 4
            guard length == ~complement & 0xffff else { throw .storedLengthMismatch }
            guard position + length <= input.count else { throw .truncated }
            try reserve(length)
            for i in 0..<length { output[written + i] = input[position + i] }
            written += length
            position += length
        }

        mutating func dynamicTables() throws(InflateError) -> (Huffman, Huffman) {
            let literalCount = try bits(5) + 257
            let distanceCount = try bits(5) + 1
            let codeLengthCount = try bits(4) + 4
            guard literalCount <= 286, distanceCount <= 30 else { throw .tooManyCodes }
            var codeLengthLengths = [UInt8](repeating: 0, count: 19)
            for i in 0..<codeLengthCount { codeLengthLengths[Inflate.codeLengthOrder[i]] = UInt8(try bits(3)) }
            let codeLengthCode = try Huffman(lengths: codeLengthLengths, fastBits: 7, kind: .codeLengths)

            let total = literalCount + distanceCount
            var lengths = [UInt8](repeating: 0, count: total)
            var index = 0
            while index < total {
                let symbol = try decode(codeLengthCode)
                if symbol < 16 {
                    lengths[index] = UInt8(symbol)
                    index += 1
                    continue
                }
                var value: UInt8 = 0
                let repeatCount: Int
                switch symbol {
                case 16:
                    guard index > 0 else { throw .invalidRepeat }
                    value = lengths[index - 1]
                    repeatCount = 3 + (try bits(2))
                case 17: repeatCount = 3 + (try bits(3))
                default: repeatCount = 11 + (try bits(7))
                }
                guard index + repeatCount <= total else { throw .invalidRepeat }
                for _ in 0..<repeatCount { lengths[index] = value; index += 1 }
            }
            let literals = try Huffman(lengths: Array(lengths[0..<literalCount]), fastBits: Inflate.literalFastBits, kind: .literals)
            let distances = try Huffman(lengths: Array(lengths[literalCount...]), fastBits: Inflate.distanceFastBits, kind: .distances)
            return (literals, distances)
        }

        mutating func codes(_ literals: Huffman, _ distances: Huffman) throws(InflateError) {
            while true {
                let symbol = try decode(literals)
                if symbol < 256 {
                    try reserve(1)
                    output[written] = UInt8(truncatingIfNeeded: symbol)
                    written += 1
                    continue
                }
                if symbol == 256 { return }
                let lengthIndex = symbol - 257
                guard lengthIndex < 29 else { throw .invalidSymbol }
                let length = Int(Inflate.lengthBase[lengthIndex]) + (try bits(Int(Inflate.lengthExtra[lengthIndex])))
                let distanceSymbol = try decode(distances)
                guard distanceSymbol < 30 else { throw .invalidSymbol }
                let distance = Int(Inflate.distanceBase[distanceSymbol]) + (try bits(Int(Inflate.distanceExtra[distanceSymbol])))
                guard distance <= written else { throw .distanceTooFar(distance: distance, available: written) }
                try reserve(length)
                // Byte by byte: the source may overlap what is being written (a run).
                var from = written - distance
                for _ in 0..<length {
                    output[written] = output[from]
                    written += 1
                    from += 1
                }
            }
        }
    }
}
