import Foundation
import SodiemBasics

/// A PDF value (ISO 32000-1 §7.3), as much of the syntax as sodiem reads and writes.
public indirect enum PDFValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    /// A real number, kept as written so that a rewritten object says exactly what it said.
    case real(String)
    case name(String)
    /// A string's bytes, written back literal (`(...)`).
    case string([UInt8])
    /// A string written in hex (`<...>`), written back in hex.
    case hexString([UInt8])
    case array([PDFValue])
    case dictionary(PDFDictionary)
    case reference(Int, Int)

    public var dictionary: PDFDictionary? { if case .dictionary(let d) = self { return d } else { return nil } }
    public var array: [PDFValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var integer: Int? { if case .integer(let i) = self { return i } else { return nil } }
    public var name: String? { if case .name(let n) = self { return n } else { return nil } }
    public var reference: Int? { if case .reference(let n, _) = self { return n } else { return nil } }
    /// The bytes of a string, literal or hex.
    public var stringBytes: [UInt8]? {
        switch self {
        case .string(let b), .hexString(let b): return b
        default: return nil
        }
    }

    /// A text string: UTF-16BE with its byte-order mark when it is not ASCII (§7.9.2.2).
    public static func text(_ text: String) -> PDFValue {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) { return .string(Array(text.utf8)) }
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 { bytes.append(UInt8(unit >> 8)); bytes.append(UInt8(unit & 0xff)) }
        return .hexString(bytes)
    }

    /// The text of a text string (UTF-16BE with BOM, UTF-8 with BOM, else Latin-1 as PDFDocEncoding nearly is).
    public var text: String? {
        guard let b = stringBytes else { return nil }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF {
            var units: [UInt16] = []
            var i = 2
            while i + 1 < b.count { units.append(UInt16(b[i]) << 8 | UInt16(b[i + 1])); i += 2 }
            return String(decoding: units, as: UTF16.self)
        }
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return String(decoding: b.dropFirst(3), as: UTF8.self) }
        return String(b.map { Character(Unicode.Scalar($0)) })
    }

    /// The value in PDF syntax.
    public var serialized: [UInt8] {
        var out: [UInt8] = []
        PDFValue.write(self, into: &out)
        return out
    }

    static func write(_ value: PDFValue, into out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .integer(let i): out += Array(String(i).utf8)
        case .real(let r): out += Array(r.utf8)
        case .name(let n): writeName(n, into: &out)
        case .string(let bytes):
            out.append(0x28)
            for byte in bytes {
                switch byte {
                case 0x28, 0x29, 0x5C: out.append(0x5C); out.append(byte)
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                default: out.append(byte)
                }
            }
            out.append(0x29)
        case .hexString(let bytes):
            out.append(0x3C)
            out += Array(SHA256.hexString(bytes).uppercased().utf8)
            out.append(0x3E)
        case .array(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x20) }
                write(item, into: &out)
            }
            out.append(0x5D)
        case .dictionary(let d):
            out += [0x3C, 0x3C]
            for key in d.keys {
                writeName(key, into: &out)
                out.append(0x20)
                write(d[key]!, into: &out)
                out.append(0x0A)
            }
            out += [0x3E, 0x3E]
        case .reference(let n, let g): out += Array("\(n) \(g) R".utf8)
        }
    }

    static func writeName(_ name: String, into out: inout [UInt8]) {
        out.append(0x2F)
        for byte in name.utf8 {
            if byte <= 0x20 || byte >= 0x7F || PDFLexer.isDelimiter(byte) || byte == 0x23 {
                out += Array(String(format: "#%02X", byte).utf8)
            } else {
                out.append(byte)
            }
        }
    }
}

/// A PDF dictionary, keeping its keys in the order read (so a rewritten object reads the same).
public struct PDFDictionary: Equatable, Sendable {
    public private(set) var keys: [String] = []
    private var values: [String: PDFValue] = [:]

    public init(_ pairs: [(String, PDFValue)] = []) {
        for (key, value) in pairs { self[key] = value }
    }

    public subscript(key: String) -> PDFValue? {
        get { values[key] }
        set {
            if let newValue {
                if values[key] == nil { keys.append(key) }
                values[key] = newValue
            } else if values[key] != nil {
                values[key] = nil
                keys.removeAll { $0 == key }
            }
        }
    }

    public static func == (a: PDFDictionary, b: PDFDictionary) -> Bool { a.values == b.values }
}

/// The tokens of PDF syntax, read from a byte buffer.
struct PDFLexer {
    let bytes: [UInt8]
    var position: Int

    static func isWhite(_ b: UInt8) -> Bool { b == 0 || b == 9 || b == 10 || b == 12 || b == 13 || b == 32 }
    static func isDelimiter(_ b: UInt8) -> Bool {
        b == 0x28 || b == 0x29 || b == 0x3C || b == 0x3E || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D || b == 0x2F || b == 0x25
    }

    mutating func skipSpace() {
        while position < bytes.count {
            let b = bytes[position]
            if PDFLexer.isWhite(b) { position += 1 }
            else if b == 0x25 { while position < bytes.count, bytes[position] != 10, bytes[position] != 13 { position += 1 } }
            else { break }
        }
    }

    /// A regular token (a keyword or a number) at the position, without moving past it.
    func peekWord(at start: Int) -> (String, Int)? {
        var end = start
        while end < bytes.count, !PDFLexer.isWhite(bytes[end]), !PDFLexer.isDelimiter(bytes[end]) { end += 1 }
        guard end > start else { return nil }
        return (String(decoding: bytes[start..<end], as: UTF8.self), end)
    }

    mutating func word() throws(PDFError) -> String {
        skipSpace()
        guard let (w, end) = peekWord(at: position) else { throw PDFError("a keyword or number expected at byte \(position)") }
        position = end
        return w
    }

    mutating func expect(_ keyword: String) throws(PDFError) {
        let w = try word()
        guard w == keyword else { throw PDFError("`\(keyword)` expected at byte \(position - w.utf8.count), found `\(w.prefix(20))`") }
    }

    mutating func value(depth: Int = 0) throws(PDFError) -> PDFValue {
        guard depth < 64 else { throw PDFError("values nested too deep at byte \(position)") }
        skipSpace()
        guard position < bytes.count else { throw PDFError("the file ends inside a value") }
        let b = bytes[position]
        switch b {
        case 0x2F:
            position += 1
            var name: [UInt8] = []
            while position < bytes.count, !PDFLexer.isWhite(bytes[position]), !PDFLexer.isDelimiter(bytes[position]) {
                if bytes[position] == 0x23, position + 2 < bytes.count,
                   let v = UInt8(String(decoding: bytes[(position + 1)...(position + 2)], as: UTF8.self), radix: 16) {
                    name.append(v); position += 3
                } else { name.append(bytes[position]); position += 1 }
            }
            return .name(String(decoding: name, as: UTF8.self))
        case 0x3C:
            if position + 1 < bytes.count, bytes[position + 1] == 0x3C {
                position += 2
                var d = PDFDictionary()
                while true {
                    skipSpace()
                    guard position < bytes.count else { throw PDFError("the file ends inside a dictionary") }
                    if bytes[position] == 0x3E {
                        guard position + 1 < bytes.count, bytes[position + 1] == 0x3E else { throw PDFError("`>>` expected at byte \(position)") }
                        position += 2
                        return .dictionary(d)
                    }
                    guard case .name(let key) = try value(depth: depth + 1) else { throw PDFError("a name expected as a dictionary key at byte \(position)") }
                    d[key] = try value(depth: depth + 1)
                }
            }
            position += 1
            var digits: [UInt8] = []
            while position < bytes.count, bytes[position] != 0x3E {
                let c = bytes[position]
                if !PDFLexer.isWhite(c) {
                    guard let _ = UInt8(String(UnicodeScalar(c)), radix: 16) else { throw PDFError("a bad hex digit at byte \(position)") }
                    digits.append(c)
                }
                position += 1
            }
            guard position < bytes.count else { throw PDFError("the file ends inside a hex string") }
            position += 1
            if digits.count % 2 == 1 { digits.append(0x30) }
            var out: [UInt8] = []
            out.reserveCapacity(digits.count / 2)
            var i = 0
            while i < digits.count {
                out.append(UInt8(String(decoding: digits[i...i + 1], as: UTF8.self), radix: 16)!)
                i += 2
            }
            return .hexString(out)
        case 0x28:
            position += 1
            var out: [UInt8] = []
            var level = 1
            while position < bytes.count {
                let c = bytes[position]
                position += 1
                if c == 0x5C {
                    guard position < bytes.count else { break }
                    let e = bytes[position]
                    position += 1
                    switch e {
                    case 0x6E: out.append(10)
                    case 0x72: out.append(13)
                    case 0x74: out.append(9)
                    case 0x62: out.append(8)
                    case 0x66: out.append(12)
                    case 0x0D: if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                    case 0x0A: break
                    case 0x30...0x37:
                        var v = Int(e - 0x30)
                        var n = 1
                        while n < 3, position < bytes.count, (0x30...0x37).contains(bytes[position]) {
                            v = v * 8 + Int(bytes[position] - 0x30); position += 1; n += 1
                        }
                        out.append(UInt8(v & 0xff))
                    default: out.append(e)
                    }
                } else if c == 0x28 { level += 1; out.append(c) }
                else if c == 0x29 {
                    level -= 1
                    if level == 0 { return .string(out) }
                    out.append(c)
                } else { out.append(c) }
            }
            throw PDFError("the file ends inside a string")
        case 0x5B:
            position += 1
            var items: [PDFValue] = []
            while true {
                skipSpace()
                guard position < bytes.count else { throw PDFError("the file ends inside an array") }
                if bytes[position] == 0x5D { position += 1; return .array(items) }
                items.append(try value(depth: depth + 1))
            }
        default:
            let start = position
            let w = try word()
            switch w {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: break
            }
            if let n = Int(w) {
                // `n g R` is a reference.
                var look = self
                look.skipSpace()
                if let (g, afterG) = look.peekWord(at: look.position), let gen = Int(g), n >= 0, gen >= 0 {
                    look.position = afterG
                    look.skipSpace()
                    if let (r, afterR) = look.peekWord(at: look.position), r == "R" {
                        position = afterR
                        return .reference(n, gen)
                    }
                }
                return .integer(n)
            }
            if Double(w) != nil, w.allSatisfy({ "+-.0123456789".contains($0) }) { return .real(w) }
            throw PDFError("an unexpected `\(w.prefix(20))` at byte \(start)")
        }
    }
}

/// A PDF that sodiem cannot read: refused (65) rather than guessed at.
public struct PDFError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }

    /// As the user sees it.
    public func sodiem(_ file: String) -> SodiemError {
        .badData(Message(vi: "\(file): PDF không đọc được (\(reason)); sodiem chỉ nhận PDF có bảng tham chiếu chéo thường, như Chromium in.",
                         en: "\(file): cannot read this PDF (\(reason)); sodiem takes PDFs with a classic cross-reference table, as Chromium prints them."))
    }
}

/// A PDF file as its cross-reference sections describe it: revision by revision.
public struct PDFFile: Sendable {
    /// One revision: the objects its cross-reference section defines and where it ends.
    public struct Revision: Sendable {
        /// Where its `xref` keyword stands.
        public let xrefOffset: Int
        public let trailer: PDFDictionary
        /// Object number → byte offset of the objects in use that this section lists.
        public let objects: [Int: Int]
        /// The byte just after its `%%EOF` (and the end-of-line after it).
        public let end: Int
    }

    public let bytes: [UInt8]
    /// Oldest first.
    public let revisions: [Revision]

    public init(_ data: Data) throws(PDFError) { try self.init(bytes: [UInt8](data)) }

    public init(bytes: [UInt8]) throws(PDFError) {
        self.bytes = bytes
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw PDFError("no %PDF- header") }
        guard let startxref = PDFFile.lastIndex(of: Array("startxref".utf8), in: bytes, from: max(0, bytes.count - 2048)) else {
            throw PDFError("no startxref near the end")
        }
        var lexer = PDFLexer(bytes: bytes, position: startxref + 9)
        guard let first = Int(try lexer.word()) else { throw PDFError("startxref is not a number") }
        var sections: [Revision] = []
        var next: Int? = first
        var seen = Set<Int>()
        while let offset = next {
            guard offset >= 0, offset < bytes.count, seen.insert(offset).inserted, seen.count < 1000 else {
                throw PDFError("a cross-reference offset \(offset) outside the file or looping")
            }
            var lex = PDFLexer(bytes: bytes, position: offset)
            lex.skipSpace()
            let keyword = lex.peekWord(at: lex.position)?.0
            guard keyword == "xref" else {
                throw PDFError(keyword.flatMap(Int.init) != nil
                               ? "a cross-reference stream (PDF 1.5 compressed object streams), which sodiem does not read"
                               : "no cross-reference table at byte \(offset)")
            }
            lex.position += 4
            var objects: [Int: Int] = [:]
            while true {
                lex.skipSpace()
                guard let (w, _) = lex.peekWord(at: lex.position) else { throw PDFError("a broken cross-reference table at byte \(lex.position)") }
                if w == "trailer" { lex.position += 7; break }
                guard let start = Int(try lex.word()), let count = Int(try lex.word()), start >= 0, count >= 0, count < 10_000_000 else {
                    throw PDFError("a broken cross-reference subsection at byte \(lex.position)")
                }
                for number in start..<(start + count) {
                    guard let at = Int(try lex.word()), Int(try lex.word()) != nil else { throw PDFError("a broken cross-reference entry at byte \(lex.position)") }
                    let kind = try lex.word()
                    if kind == "n" { if at > 0 { objects[number] = at } }
                    else if kind != "f" { throw PDFError("a cross-reference entry of kind `\(kind)`") }
                }
            }
            guard case .dictionary(let trailer) = try lex.value() else { throw PDFError("the trailer is not a dictionary") }
            if trailer["XRefStm"] != nil { throw PDFError("a hybrid file with a cross-reference stream") }
            if trailer["Encrypt"] != nil { throw PDFError("an encrypted PDF") }
            guard let eof = PDFFile.firstIndex(of: Array("%%EOF".utf8), in: bytes, from: lex.position) else {
                throw PDFError("no %%EOF after the trailer at byte \(lex.position)")
            }
            var end = eof + 5
            if end < bytes.count, bytes[end] == 13 { end += 1 }
            if end < bytes.count, bytes[end] == 10 { end += 1 }
            sections.append(Revision(xrefOffset: offset, trailer: trailer, objects: objects, end: end))
            if let prev = trailer["Prev"] {
                guard let p = prev.integer else { throw PDFError("/Prev is not a number") }
                next = p
            } else { next = nil }
        }
        revisions = sections.sorted { $0.xrefOffset < $1.xrefOffset }
        for (i, r) in revisions.enumerated() where i > 0 && r.xrefOffset < revisions[i - 1].end {
            throw PDFError("revisions that overlap (cross-reference at \(r.xrefOffset))")
        }
    }

    /// The newest trailer.
    public var trailer: PDFDictionary { revisions.last!.trailer }

    /// Object number → offset as of revision `index` (newest wins).
    public func offsets(through index: Int) -> [Int: Int] {
        var merged: [Int: Int] = [:]
        for r in revisions[0...index] { merged.merge(r.objects) { _, new in new } }
        return merged
    }

    /// The value of indirect object `number` as of revision `index` (default the newest), or nil when absent.
    public func object(_ number: Int, revision index: Int? = nil) throws(PDFError) -> PDFValue? {
        let r = index ?? revisions.count - 1
        for i in stride(from: r, through: 0, by: -1) {
            if let offset = revisions[i].objects[number] { return try object(at: offset, expecting: number).value }
        }
        return nil
    }

    /// Reads `N G obj … endobj` at `offset`; a stream's data is skipped (its dictionary is the value).
    public func object(at offset: Int, expecting number: Int? = nil) throws(PDFError) -> (value: PDFValue, number: Int) {
        guard offset < bytes.count else { throw PDFError("an object offset \(offset) outside the file") }
        var lex = PDFLexer(bytes: bytes, position: offset)
        guard let n = Int(try lex.word()), Int(try lex.word()) != nil else { throw PDFError("no object at byte \(offset)") }
        if let number, n != number { throw PDFError("object \(number) expected at byte \(offset), found \(n)") }
        try lex.expect("obj")
        let value = try lex.value()
        return (value, n)
    }

    /// Follows a reference (one level; values that are not references come back as they are).
    public func resolve(_ value: PDFValue?, revision: Int? = nil) throws(PDFError) -> PDFValue? {
        guard let value else { return nil }
        if case .reference(let n, _) = value { return try object(n, revision: revision) }
        return value
    }

    /// The catalog's object number and dictionary as of a revision.
    public func catalog(revision: Int? = nil) throws(PDFError) -> (number: Int, dictionary: PDFDictionary) {
        let t = revisions[revision ?? revisions.count - 1].trailer
        guard let n = t["Root"]?.reference, let d = try object(n, revision: revision)?.dictionary, d["Type"]?.name == "Catalog" else {
            throw PDFError("no catalog (/Root)")
        }
        return (n, d)
    }

    /// The pages' object numbers, in order (walking the page tree).
    public func pages(revision: Int? = nil) throws(PDFError) -> [Int] {
        guard let root = try catalog(revision: revision).dictionary["Pages"]?.reference else { throw PDFError("no page tree") }
        var out: [Int] = []
        var visited = Set<Int>()
        func walk(_ n: Int, _ depth: Int) throws(PDFError) {
            guard depth < 64, visited.insert(n).inserted else { throw PDFError("a page tree that loops") }
            guard let d = try object(n, revision: revision)?.dictionary else { throw PDFError("page tree node \(n) missing") }
            switch d["Type"]?.name {
            case "Pages":
                guard let kids = try resolve(d["Kids"], revision: revision)?.array else { throw PDFError("page tree node \(n) has no /Kids") }
                for kid in kids {
                    guard let k = kid.reference else { throw PDFError("page tree node \(n) has a kid that is not a reference") }
                    try walk(k, depth + 1)
                }
            case "Page": out.append(n)
            default: throw PDFError("object \(n) in the page tree is neither /Pages nor /Page")
            }
        }
        try walk(root, 0)
        return out
    }

    /// The document's title from the Info dictionary.
    public func title() throws(PDFError) -> String? {
        guard let info = try resolve(trailer["Info"])?.dictionary else { return nil }
        return info["Title"]?.text
    }

    static func firstIndex(of needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = max(0, from)
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func lastIndex(of needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        var i = hay.count - needle.count
        while i >= from {
            if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle { return i }
            i -= 1
        }
        return nil
    }
}
