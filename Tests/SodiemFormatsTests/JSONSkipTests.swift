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

    @Test("random pretty texts and their one-byte mutations: the deferred parse (the one-loop skip, or the slow one after it) accepts, refuses and names errors as the whole parse does")
    func randomTextsAgree() throws {
        var random = SplitMix64(seed: 1403)
        func value(_ depth: Int) -> JSON {
            switch random.next() % (depth > 4 ? 4 : 7) {
            case 0: return .number(["0", "-1", "7.5", "10.0", "1e3", "-0.25E-2"][Int(random.next() % 6)])
            case 1: return .string(["tx", "Đạt", "a\"b", "2025-10-14", "", "\u{1}", "é/ẫ"][Int(random.next() % 7)])
            case 2: return [.bool(true), .bool(false), .null][Int(random.next() % 3)]
            case 3: return .string("HS\(random.next() % 100)")
            case 4, 5:
                var members: [String: JSON] = [:]
                for i in 0..<Int(random.next() % 5) { members["k\(i)\(random.next() % 3)"] = value(depth + 1) }
                return .object(members)
            default: return .array((0..<Int(random.next() % 5)).map { _ in value(depth + 1) })
            }
        }
        let mutations: [UInt8] = Array("{}[]\",:\\ 0-.etfnu".utf8) + [0x01, 0xC3, 0xFF]
        for round in 0..<1_500 {
            let inner = Array(JSON.object(["toan": value(0), "van": value(1)]).prettyData())
            let head = Array(#"{"students": {"HS1": {"name": "Ánh", "scores": "#.utf8)
            var bytes = head + inner + Array(#"}}}"#.utf8)
            if round % 3 != 0 {
                // One byte of the scores changed, inserted or removed.
                let at = head.count + Int(random.next() % UInt64(inner.count))
                let byte = mutations[Int(random.next() % UInt64(mutations.count))]
                switch random.next() % 3 {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                default: bytes.remove(at: at)
                }
            }
            let whole = Result { try JSON.parse(Data(bytes)) }
            let deferred = Result { try JSON.parse(bytes, spansUnder: "students", deferring: "scores") }
            let text = String(decoding: bytes, as: UTF8.self)
            switch (whole, deferred) {
            case (.success(let json), .success(let (_, _, spans))):
                let span = try #require(spans["HS1"], "\(text)")
                #expect(try JSON.parse(bytes[span]) == json["students"]["HS1"]["scores"], "\(text)")
            case (.failure(let a as JSONSyntaxError), .failure(let b as JSONSyntaxError)):
                #expect(a.offset == b.offset && a.reason == b.reason, "\(text)")
            default: Issue.record("one parse accepted what the other refused: \(text)")
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
