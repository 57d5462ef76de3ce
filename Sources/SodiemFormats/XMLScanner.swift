import Foundation
import SodiemBasics

/// Why an XML part could not be read; `offset` is the byte where the problem is.
public struct XMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    public var description: String { "byte \(offset): \(reason)" }
}

/// A small pull scanner for the XML that spreadsheet files hold (no DTDs, no external entities).
///
/// Written for sodiem because FoundationXML (`XMLParser`) needs libxml2 and does not link
/// statically. It yields start tags (local names: `x:c` is `c`; attributes by local name too),
/// end tags and text with the five predefined entities and character references decoded.
/// Comments, processing instructions and the XML declaration are skipped; CDATA is text; a
/// `<!DOCTYPE` is refused (spreadsheets never have one, and entity expansion is how XML bombs
/// work). End tags must match their start tags.
struct XMLScanner {
    enum Event: Equatable {
        case start(name: String, attributes: [(name: String, value: String)], selfClosing: Bool)
        case end(name: String)
        case text(String)

        static func == (lhs: Event, rhs: Event) -> Bool {
            switch (lhs, rhs) {
            case let (.start(a, x, s), .start(b, y, t)): a == b && s == t && x.map(\.name) == y.map(\.name) && x.map(\.value) == y.map(\.value)
            case let (.end(a), .end(b)): a == b
            case let (.text(a), .text(b)): a == b
            default: false
            }
        }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var open: [String] = []
    private var pendingEnd: String?

    /// A scanner over a part's bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.
    init(_ data: [UInt8]) {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let text = String(data: Data(data), encoding: .utf16) ?? ""
            bytes = Array(text.utf8)
        } else if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = Array(data.dropFirst(3))
        } else {
            bytes = data
        }
    }

    private func fail(_ reason: String) -> XMLError { XMLError(offset: index, reason: reason) }

    /// The value of an attribute by local name.
    static func attribute(_ attributes: [(name: String, value: String)], _ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The next event, or nil at the end of the document.
    mutating func next() throws(XMLError) -> Event? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name)
        }
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                return .text(try text(until: UInt8(ascii: "<")))
            }
            // Markup.
            guard index + 1 < bytes.count else { throw fail("a lone < at the end") }
            switch bytes[index + 1] {
            case UInt8(ascii: "?"):
                try skip(past: Array("?>".utf8))
            case UInt8(ascii: "!"):
                if matches("<!--") {
                    try skip(past: Array("-->".utf8))
                } else if matches("<![CDATA[") {
                    let start = index + 9
                    try skip(past: Array("]]>".utf8))
                    return .text(String(decoding: bytes[start..<(index - 3)], as: UTF8.self))
                } else {
                    throw fail("a DOCTYPE or other declaration, which spreadsheets never have")
                }
            case UInt8(ascii: "/"):
                index += 2
                let name = try qualifiedName()
                skipSpaces()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("an end tag </\(name) not closed by >") }
                index += 1
                guard let last = open.popLast(), last == name else { throw fail("an end tag </\(name)> that closes nothing open") }
                return .end(name: Self.local(name))
            default:
                index += 1
                let name = try qualifiedName()
                var attributes: [(name: String, value: String)] = []
                while true {
                    skipSpaces()
                    guard index < bytes.count else { throw fail("a start tag <\(name) cut short") }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ">") {
                        index += 1
                        open.append(name)
                        return .start(name: Self.local(name), attributes: attributes, selfClosing: false)
                    }
                    if byte == UInt8(ascii: "/") {
                        guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else { throw fail("a / inside a start tag") }
                        index += 2
                        pendingEnd = Self.local(name)
                        return .start(name: Self.local(name), attributes: attributes, selfClosing: true)
                    }
                    let attributeName = try qualifiedName()
                    skipSpaces()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw fail("an attribute \(attributeName) without =") }
                    index += 1
                    skipSpaces()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                        throw fail("an attribute \(attributeName) without quotes")
                    }
                    let quote = bytes[index]
                    index += 1
                    let value = try text(until: quote)
                    guard index < bytes.count else { throw fail("an attribute value never closed") }
                    index += 1
                    attributes.append((Self.local(attributeName), value))
                }
            }
        }
        if let last = open.last { throw fail("the element <\(last)> is never closed") }
        return nil
    }

    /// The part of a qualified name after its prefix.
    private static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private func matches(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        return index + utf8.count <= bytes.count && bytes[index..<(index + utf8.count)].elementsEqual(utf8)
    }

    private mutating func skip(past terminator: [UInt8]) throws(XMLError) {
        let start = index
        while index + terminator.count <= bytes.count {
            if bytes[index] == terminator[0] && bytes[index..<(index + terminator.count)].elementsEqual(terminator) {
                index += terminator.count
                return
            }
            index += 1
        }
        index = start
        throw fail("markup never closed (expected \(String(decoding: terminator, as: UTF8.self)))")
    }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
    }

    private mutating func qualifiedName() throws(XMLError) -> String {
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=") || b == UInt8(ascii: "<") { break }
            index += 1
        }
        guard index > start else { throw fail("a tag or attribute without a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Text up to (not including) `terminator`, with references decoded.
    private mutating func text(until terminator: UInt8) throws(XMLError) -> String {
        let start = index
        var hasReference = false
        while index < bytes.count && bytes[index] != terminator {
            if bytes[index] == UInt8(ascii: "&") { hasReference = true }
            if terminator != UInt8(ascii: "<") && bytes[index] == UInt8(ascii: "<") { throw fail("a < inside an attribute value") }
            index += 1
        }
        let raw = bytes[start..<index]
        guard hasReference else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i < raw.endIndex {
            let b = raw[i]
            guard b == UInt8(ascii: "&") else { out.append(b); i += 1; continue }
            guard let semicolon = raw[i...].firstIndex(of: UInt8(ascii: ";")), semicolon - i <= 12 else {
                throw XMLError(offset: i, reason: "an & that starts no reference")
            }
            let name = String(decoding: raw[(i + 1)..<semicolon], as: UTF8.self)
            switch name {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                var value: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    value = UInt32(name.dropFirst(2), radix: 16)
                } else if name.hasPrefix("#") {
                    value = UInt32(name.dropFirst(), radix: 10)
                }
                guard let value, let scalar = Unicode.Scalar(value), value != 0 else {
                    throw XMLError(offset: i, reason: "an unknown reference &\(name.prefix(20));")
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
