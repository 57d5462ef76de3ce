import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats

/// The folder of committed test fixtures (Tests/Fixtures), found from this file's path.
let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

private let inflateFolder = fixturesFolder.appendingPathComponent("inflate")

/// The lines of a fixture's TSV file, comments skipped, split on tabs.
private func tsv(_ url: URL) throws -> [[String]] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        .filter { !$0.hasPrefix("#") }
        .map { $0.split(separator: "\t").map(String.init) }
}

private func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

@Suite("Inflate (RFC 1951)")
struct InflateTests {
    static let vectors: [[String]] = (try? tsv(inflateFolder.appendingPathComponent("manifest.tsv"))) ?? []
    static let corrupt: [[String]] = (try? tsv(inflateFolder.appendingPathComponent("corrupt/expected.tsv"))) ?? []

    @Test("The fixtures are there: every input, level and block type")
    func fixturesPresent() {
        #expect(Self.vectors.count >= 30)
        #expect(Self.corrupt.count >= 10)
        let names = Set(Self.vectors.map { $0[0] })
        for name in ["empty-l6-default", "random-l9-default", "skewed-l9-default", "run-l0-default", "text-l1-fixed", "sheet-xml-l6-huffman", "sheet-xml-l6-rle", "sheet-xml-l6-filtered"] {
            #expect(names.contains(name), "\(name)")
        }
    }

    @Test("Every zlib vector inflates to its input, with its size and CRC-32", arguments: vectors)
    func vector(_ row: [String]) throws {
        let stream = try bytes(inflateFolder.appendingPathComponent("streams/\(row[0]).deflate"))
        let expected = try bytes(inflateFolder.appendingPathComponent("inputs/\(row[1]).bin"))
        let size = try #require(Int(row[2]))
        let output = try Inflate.inflate(stream, expectedSize: size)
        #expect(output.count == size)
        #expect(String(CRC32.checksum(output), radix: 16) == String(UInt32(row[3], radix: 16)!, radix: 16))
        #expect(output == expected)
        // Without a declared size too (the output grows as it goes).
        #expect(try Inflate.inflate(stream) == expected)
    }

    @Test("The block types are what the fixtures say they are")
    func blockTypes() throws {
        func type(_ name: String) throws -> Int { Int(try bytes(inflateFolder.appendingPathComponent("streams/\(name).deflate"))[0] >> 1 & 3) }
        #expect(try type("run-l0-default") == 0)
        #expect(try type("text-l6-fixed") == 1)
        #expect(try type("sheet-xml-l6-default") == 2)
        #expect(try type("skewed-l9-default") == 2)
    }

    @Test("Each corrupt stream gives its error", arguments: corrupt)
    func corruptStream(_ row: [String]) throws {
        let stream = try bytes(inflateFolder.appendingPathComponent("corrupt/\(row[0]).deflate"))
        do {
            _ = try Inflate.inflate(stream)
            Issue.record("\(row[0]) was accepted")
        } catch {
            let name = "\(error)"
            let caseName: String = switch error {
            case .truncated: "truncated"
            case .invalidBlockType: "invalidBlockType"
            case .storedLengthMismatch: "storedLengthMismatch"
            case .tooManyCodes: "tooManyCodes"
            case .invalidCodeLengths: "invalidCodeLengths"
            case .invalidRepeat: "invalidRepeat"
            case .invalidSymbol: "invalidSymbol"
            case .distanceTooFar: "distanceTooFar"
            case .outputTooLarge: "outputTooLarge"
            case .sizeMismatch: "sizeMismatch"
            }
            #expect(caseName == row[1], "\(row[0]): \(name)")
        }
    }

    @Test("Every truncation of a good stream is an error, never a crash")
    func everyTruncation() throws {
        let stream = try bytes(inflateFolder.appendingPathComponent("streams/sheet-xml-l9-default.deflate"))
        for length in 0..<stream.count {
            #expect(throws: InflateError.self) { try Inflate.inflate(Array(stream[..<length])) }
        }
    }

    @Test("Flipped bytes give an error or some output, never a crash or a hang")
    func flippedBytes() throws {
        let stream = try bytes(inflateFolder.appendingPathComponent("streams/skewed-l6-default.deflate"))
        var generator = SplitMix(seed: 12)
        for _ in 0..<300 {
            var damaged = stream
            for _ in 0..<3 { damaged[Int(generator.next() % UInt64(damaged.count))] ^= UInt8(truncatingIfNeeded: generator.next() | 1) }
            _ = try? Inflate.inflate(damaged, limit: 64 << 10)
        }
    }

    @Test("A bomb stops at the declared size and at the cap")
    func bomb() throws {
        let stream = try bytes(inflateFolder.appendingPathComponent("streams/run-l9-default.deflate"))
        #expect(stream.count < 1000)
        #expect(throws: InflateError.outputTooLarge(limit: 1000)) { try Inflate.inflate(stream, expectedSize: 1000) }
        #expect(throws: InflateError.outputTooLarge(limit: 4096)) { try Inflate.inflate(stream, limit: 4096) }
        #expect(throws: InflateError.outputTooLarge(limit: 4096)) { try Inflate.inflate(stream, expectedSize: 70000, limit: 4096) }
        #expect(throws: InflateError.sizeMismatch(expected: 80000, actual: 70000)) { try Inflate.inflate(stream, expectedSize: 80000) }
    }

    @Test("The empty input and an empty final stored block")
    func empties() throws {
        #expect(throws: InflateError.truncated) { try Inflate.inflate([UInt8]()) }
        #expect(try Inflate.inflate([0x01, 0x00, 0x00, 0xff, 0xff]) == [])
        #expect(try Inflate.inflate([0x03, 0x00]) == [])   // an empty fixed block
    }
}

/// A small deterministic generator for the fuzz-like tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
