import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats

/// The writer against a slow reference written from its definition (data-format.md): keys sorted
/// by their bytes, a container on one line when its spaced form is at most 100 bytes.
@Suite("JSON: the writer agrees with a reference encoder")
struct JSONWriterTests {
    private static func escaped(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func sorted(_ members: [String: JSON]) -> [(String, JSON)] {
        members.map { ($0.key, $0.value) }.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
    }

    private static func scalar(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let text): return text
        case .string(let s): return escaped(s)
        default: return ""
        }
    }

    static func compact(_ value: JSON, separator: String = ",", colon: String = ":") -> String {
        switch value {
        case .array(let items): return "[" + items.map { compact($0, separator: separator, colon: colon) }.joined(separator: separator) + "]"
        case .object(let members):
            return "{" + sorted(members).map { escaped($0.0) + colon + compact($0.1, separator: separator, colon: colon) }.joined(separator: separator) + "}"
        default: return scalar(value)
        }
    }

    static func pretty(_ value: JSON, indent: Int) -> String {
        let pad = { (n: Int) in String(repeating: " ", count: n) }
        switch value {
        case .array(let items):
            if items.isEmpty { return "[]" }
            let spaced = compact(value, separator: ", ", colon: ": ")
            if spaced.utf8.count <= 100 { return spaced }
            return "[\n" + items.map { pad(indent + 2) + pretty($0, indent: indent + 2) }.joined(separator: ",\n") + "\n" + pad(indent) + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let spaced = compact(value, separator: ", ", colon: ": ")
            if spaced.utf8.count <= 100 { return spaced }
            return "{\n" + sorted(members).map { pad(indent + 2) + escaped($0.0) + ": " + pretty($0.1, indent: indent + 2) }
                .joined(separator: ",\n") + "\n" + pad(indent) + "}"
        default: return scalar(value)
        }
    }

    private static func randomValue(_ random: inout SplitMix64, depth: Int) -> JSON {
        let texts = ["", "a", "Đạt", "tx1", "q\"uote", "back\\slash", "line\nbreak", "\u{01}", "HS2025-0001", "Nguyễn Thị Ánh", "ck", "gk"]
        switch depth > 3 ? random.int(0...4) : random.int(0...6) {
        case 0: return .null
        case 1: return .bool(random.int(0...1) == 1)
        case 2: return .number(String(random.int(0...100)) + (random.int(0...1) == 1 ? ".5" : ""))
        case 3, 4: return .string(texts[random.int(0...(texts.count - 1))])
        case 5: return .array((0..<random.int(0...12)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var members: [String: JSON] = [:]
            for _ in 0..<random.int(0...10) { members[texts[random.int(0...(texts.count - 1))] + String(random.int(0...30))] = randomValue(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    @Test("pretty and compact forms of random values")
    func randomValues() {
        var random = SplitMix64(seed: 1951)
        for round in 0..<3_000 {
            let value = JSONWriterTests.randomValue(&random, depth: 0)
            let pretty = String(decoding: value.prettyData(), as: UTF8.self)
            #expect(pretty == JSONWriterTests.pretty(value, indent: 0) + "\n", "round \(round)")
            #expect(value.compactString() == JSONWriterTests.compact(value), "round \(round)")
        }
    }
}
