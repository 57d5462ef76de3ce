import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats

/// The parse that checks a deferred member without building it (`skip`) must accept and refuse
/// exactly what the building parse does, at the same offset.
@Suite("JSON: checking without building agrees with parsing")
struct JSONSkipTests {
    @Test("UTF-8 validation agrees with String(validating:) on random and edge byte strings")
    func utf8Validation() {
        var random = SplitMix64(seed: 2026)
        var cases: [[UInt8]] = [[0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                [0xF0, 0x8F, 0xBF, 0xBF], [0xC3], [0xE1, 0xBB], Array("Đạt Ánh".utf8), [0xFF], [0x80]]
        for _ in 0..<20_000 {
            let count = Int(random.next() % 6)
            // Bytes around the lead and continuation ranges, where the rules are.
            cases.append((0..<count).map { _ in
                let r = random.next()
                return r % 3 == 0 ? UInt8(truncatingIfNeeded: r >> 8) : UInt8(0x80 + (r >> 8) % 0x78)
            })
        }
        for bytes in cases {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let got = bytes.withUnsafeBufferPointer { JSON.isValidUTF8($0) }
            #expect(got == expected, "\(bytes.map { String($0, radix: 16) })")
        }
    }

    @Test("a deferred member fails where the whole parse fails, for strings, numbers and literals")
    func deferredAgrees() throws {
        let values = ["\"a\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\u{01}\"", "\"ab", "\"\\x\"", "-0.5e+3", "01", "1.",
                      "-", "2e", "true", "tru", "nul", "null", "falsey", "\"Đ\"", "\"\u{FFFD}\""]
        var bytesCases = values.map { Array($0.utf8) }
        bytesCases.append([0x22, 0xC3, 0x28, 0x22])          // a broken two-byte form
        bytesCases.append([0x22, 0xED, 0xA0, 0x80, 0x22])    // an encoded surrogate
        for value in bytesCases {
            let bytes = Array(#"{"students": {"HS1": {"scores": {"toan": ["#.utf8) + value + Array(#"]}}}}"#.utf8)
            let whole = Result { try JSON.parse(Data(bytes)) }
            let deferred = Result { try JSON.parse(bytes, spansUnder: "students", deferring: "scores") }
            let name = String(decoding: value, as: UTF8.self)
            switch (whole, deferred) {
            case (.success, .success): break
            case (.failure(let a as JSONSyntaxError), .failure(let b as JSONSyntaxError)):
                #expect(a.offset == b.offset, "\(name)")
                #expect(a.reason == b.reason, "\(name)")
            default: Issue.record("\(name): one parse accepted what the other refused")
            }
        }
    }

    @Test("member spans of an object held in part of a byte array are positions in that array")
    func memberSpansOfASlice() throws {
        let bytes = Array(#"xx{"toan": {"1": {"tx": [7.0]}}, "gdtc": {"1": {"tx": ["Đ"]}}}yy"#.utf8)
        let slice = bytes[2..<(bytes.count - 2)]
        let spans = try #require(JSON.memberSpans(slice))
        #expect(Set(spans.keys) == ["toan", "gdtc"])
        #expect(String(decoding: bytes[spans["toan"]!], as: UTF8.self) == #"{"1": {"tx": [7.0]}}"#)
        #expect(String(decoding: bytes[spans["gdtc"]!], as: UTF8.self) == #"{"1": {"tx": ["Đ"]}}"#)
        #expect(JSON.memberSpans(Array("[1, 2]".utf8)[...]) == nil)
        #expect(JSON.memberSpans(Array("{}".utf8)[...]) == [:])
    }
}
