import Foundation
import SodiemBasics

/// A JSON value, with numbers kept as their exact text so that tenths never pass through `Double`.
///
/// sodiem reads and writes its own files with this small codec rather than `JSONEncoder`:
/// it is several times faster on a class file, and it writes the stable layout of data.md
/// (UTF-8, sorted keys, two-space indent, short arrays of scalars on one line), so that two
/// equal states are equal bytes. See docs/performance.md for the measurements.
public enum JSON: Hashable, Sendable {
    /// JSON `null`: an absent or cleared value.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number as its JSON text, e.g. `7.5` or `12`.
    case number(String)
    /// A string, NFC as read or written.
    case string(String)
    /// An array, in order.
    case array([JSON])
    /// An object; keys are written sorted by their UTF-8 bytes.
    case object([String: JSON])

    /// The same value with every string (keys included) in Unicode NFC.
    public var nfc: JSON {
        // A value of ASCII texts only (a sheet's hundreds of cells) is NFC as it is: not rebuilt.
        if isASCIIOnly { return self }
        switch self {
        case .string(let s): return .string(VietnameseText.nfc(s))
        case .array(let elements): return .array(elements.map(\.nfc))
        case .object(let members):
            return .object(Dictionary(members.map { (VietnameseText.nfc($0.key), $0.value.nfc) }, uniquingKeysWith: { a, _ in a }))
        default: return self
        }
    }

    /// True when every text in the value, keys included, is ASCII.
    private var isASCIIOnly: Bool {
        switch self {
        case .string(let s): return s.utf8.allSatisfy { $0 < 0x80 }
        case .array(let elements): return elements.allSatisfy(\.isASCIIOnly)
        case .object(let members): return members.allSatisfy { $0.key.utf8.allSatisfy { $0 < 0x80 } && $0.value.isASCIIOnly }
        default: return true
        }
    }

    /// A whole number.
    public static func int(_ value: Int) -> JSON { .number(String(value)) }

    /// A figure in tenths, written with one decimal: `tenths(75)` is `7.5`.
    public static func tenths(_ value: Int) -> JSON { .number(Tenths.format(value, decimalMark: ".")) }

    /// A string, or `null` for `nil`.
    public static func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }

    /// A whole number, or `null` for `nil`.
    public static func optional(_ value: Int?) -> JSON { value.map(JSON.int) ?? .null }

    /// The member `key` of an object (`null` when absent or not an object).
    public subscript(key: String) -> JSON {
        if case .object(let members) = self { return members[key] ?? .null }
        return .null
    }

    /// True for `null`.
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The string, if this is a string.
    public var string: String? { if case .string(let s) = self { return s } else { return nil } }

    /// The Boolean, if this is one.
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }

    /// The members, if this is an object.
    public var object: [String: JSON]? { if case .object(let o) = self { return o } else { return nil } }

    /// The elements, if this is an array.
    public var array: [JSON]? { if case .array(let a) = self { return a } else { return nil } }

    /// The number as a whole number, if it is one.
    public var int: Int? { if case .number(let text) = self { return Int(text) } else { return nil } }

    /// The number in tenths, if it has at most one decimal: `7.5` → 75, `8` → 80.
    public var tenths: Int? {
        guard case .number(let text) = self else { return nil }
        return JSON.tenths(fromNumberText: text)
    }

    package static func tenths(fromNumberText text: String) -> Int? {
        // Hot path of every class file: scan the bytes once, no allocation.
        var negative = false, whole = 0, digits = 0, fraction: Int?, extra = false
        for (i, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where i == 0: negative = true
            case UInt8(ascii: "."):
                guard fraction == nil, digits > 0 else { return nil }
                fraction = -1
            case 0x30...0x39:
                let d = Int(byte - 0x30)
                if let f = fraction {
                    if f == -1 { fraction = d } else if d != 0 { extra = true }
                } else {
                    guard digits < 15 else { return nil }
                    whole = whole * 10 + d
                    digits += 1
                }
            default: return nil
            }
        }
        guard digits > 0, fraction != -1, !extra else { return nil }
        let tenths = whole * 10 + (fraction ?? 0)
        return negative ? -tenths : tenths
    }
}

// MARK: - Writing

extension JSON {
    /// The pretty, key-sorted form used for every file in the data directory, ending with a newline.
    public func prettyData() -> Data {
        var out = [UInt8]()
        out.reserveCapacity(16 * 1024)
        writePretty(into: &out, indent: 0)
        out.append(0x0A)
        return Data(out)
    }

    /// The compact one-line form with sorted keys (for JSON output and audit lines).
    public func compactString() -> String {
        var out = [UInt8]()
        writeCompact(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the compact form to a byte buffer.
    public func writeCompact(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: JSON.nullBytes)
        case .bool(let b): out.append(contentsOf: b ? JSON.trueBytes : JSON.falseBytes)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let s): JSON.writeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                element.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, member) in JSON.sortedMembers(members).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSON.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Containers whose one-line form fits in this many bytes stay on one line.
    package static let inlineLimit = 100

    /// Appends the pretty form of this value as it is written at `indent` spaces inside a file.
    package func writePretty(into out: inout [UInt8], indent: Int) {
        switch self {
        case .array(let elements):
            if elements.isEmpty { out.append(contentsOf: "[]".utf8); return }
            if writeInline(into: &out) { return }
            out.append(contentsOf: "[\n".utf8)
            for (i, element) in elements.enumerated() {
                JSON.pad(&out, indent + 2)
                element.writePretty(into: &out, indent: indent + 2)
                out.append(contentsOf: (i + 1 < elements.count ? ",\n" : "\n").utf8)
            }
            JSON.pad(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            if writeInline(into: &out) { return }
            out.append(contentsOf: "{\n".utf8)
            let sorted = JSON.sortedMembers(members)
            for (i, member) in sorted.enumerated() {
                JSON.pad(&out, indent + 2)
                JSON.writeString(member.key, into: &out)
                out.append(contentsOf: ": ".utf8)
                member.value.writePretty(into: &out, indent: indent + 2)
                out.append(contentsOf: (i + 1 < sorted.count ? ",\n" : "\n").utf8)
            }
            JSON.pad(&out, indent)
            out.append(UInt8(ascii: "}"))
        default:
            writeCompact(into: &out)
        }
    }

    /// Writes a small container on one line (`{"ck": 8.0, "tx": [7.0, 6.5]}`) if it fits; else writes nothing.
    ///
    /// Rows of scores then read like a table and the class file stays small and diffable.
    private func writeInline(into out: inout [UInt8]) -> Bool {
        let start = out.count
        if writeSpaced(into: &out, limit: start + JSON.inlineLimit) { return true }
        out.removeSubrange(start...)
        return false
    }

    /// The compact form with a space after `,` and `:`; false as soon as it passes `limit`.
    private func writeSpaced(into out: inout [UInt8], limit: Int) -> Bool {
        switch self {
        case .array(let elements):
            // Each element takes at least three bytes with its separator (`[0, 0]`).
            guard elements.count * 3 <= limit - out.count else { return false }
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                guard element.writeSpaced(into: &out, limit: limit) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            // Each member takes at least five bytes (`"": 0`): a larger object cannot fit.
            guard members.count * 5 <= limit - out.count else { return false }
            out.append(UInt8(ascii: "{"))
            for (i, member) in JSON.sortedMembers(members).enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                JSON.writeString(member.key, into: &out)
                out.append(contentsOf: ": ".utf8)
                guard out.count <= limit, member.value.writeSpaced(into: &out, limit: limit) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        default:
            writeCompact(into: &out)
        }
        return out.count <= limit
    }

    /// Keys in the order of their UTF-8 bytes, so that the order never depends on a locale.
    package static func sortedKeys(_ members: [String: JSON]) -> [String] {
        // Swift orders strings by their NFC scalars, which is UTF-8 byte order for the NFC text sodiem
        // writes, and it compares ASCII strings with memcmp; a key outside NFC (typed by hand) still
        // gets one fixed place. The closure-based byte comparison cost a sixth of a `class add`.
        members.keys.sorted()
    }

    /// The members in `sortedKeys` order, with their values: no lookup by key after the sort.
    package static func sortedMembers(_ members: [String: JSON]) -> [(key: String, value: JSON)] {
        members.sorted { $0.key < $1.key }
    }

    /// Byte order of the UTF-8 forms, by `memcmp` on the contiguous storage: the generic
    /// `utf8.lexicographicallyPrecedes` was a sixth of a `class add` (docs/performance.md).
    package static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    package static func pad(_ out: inout [UInt8], _ count: Int) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// Writes a JSON string: UTF-8 as it is, escaping only what JSON requires.
    package static func writeString(_ s: String, into out: inout [UInt8]) {
        // Through the string's own UTF-8 buffer: iterating `utf8` and appending it element by
        // element cost hundreds of instructions for a two-letter key.
        var text = s
        text.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            // Most texts need no escape: their bytes go in at once.
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                out.append(contentsOf: bytes)
                out.append(UInt8(ascii: "\""))
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0..<0x20:
                    out.append(contentsOf: Array("\\u00".utf8))
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                default: out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
    }
}

/// A member value for `JSON.writePrettyObject`: a value to encode, or bytes already in their pretty form.
package indirect enum PrettyMember {
    /// A value, encoded as `JSON.writePretty` does.
    case value(JSON)
    /// Bytes already in the pretty form at the member's place (as read from a file sodiem wrote).
    case encoded(ArraySlice<UInt8>)
    /// An object some of whose members are given in either form.
    case object([String: PrettyMember])
}

extension JSON {
    /// True when the pretty form of an object whose members' values have these pretty forms is
    /// multi-line, as `writePretty` decides: a member is multi-line, or the one-line form (which
    /// is then the members' forms joined) is longer than `inlineLimit`.
    package static func objectIsMultiline(_ members: [String: ArraySlice<UInt8>]) -> Bool {
        var length = 2 + 2 * max(members.count - 1, 0)
        var key: [UInt8] = []
        for (name, value) in members {
            if value.contains(0x0A) { return true }
            key.removeAll(keepingCapacity: true)
            writeString(name, into: &key)
            length += key.count + 2 + value.count
        }
        return length > inlineLimit
    }

    /// Appends an object in the pretty form, member by member, copying members given as bytes.
    ///
    /// This is `writePretty` of the same object for any object whose one-line form would not fit
    /// (then no container around a multi-line member fits either), which is what a caller
    /// checks (a member's bytes that hold a newline); keys are sorted as `sortedKeys` does.
    package static func writePrettyObject(_ members: [String: PrettyMember], indent: Int, into out: inout [UInt8]) {
        if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
        out.append(contentsOf: "{\n".utf8)
        let keys = members.keys.sorted()
        for (i, key) in keys.enumerated() {
            pad(&out, indent + 2)
            writeString(key, into: &out)
            out.append(contentsOf: ": ".utf8)
            switch members[key]! {
            case .value(let value): value.writePretty(into: &out, indent: indent + 2)
            case .encoded(let bytes): out.append(contentsOf: bytes)
            case .object(let nested): writePrettyObject(nested, indent: indent + 2, into: &out)
            }
            out.append(contentsOf: (i + 1 < keys.count ? ",\n" : "\n").utf8)
        }
        pad(&out, indent)
        out.append(UInt8(ascii: "}"))
    }
}

// MARK: - Reading

/// Why a text is not JSON, with the byte offset where reading stopped.
public struct JSONSyntaxError: Error, Sendable {
    /// Byte offset of the problem from the start of the text.
    public let offset: Int
    /// What was expected there.
    public let reason: String
}

extension JSON {
    /// Parses one JSON text (RFC 8259); numbers keep their exact text.
    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSON {
        let result: Result<JSON, JSONSyntaxError> = data.withUnsafeBytes { raw in
            var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
            do throws(JSONSyntaxError) {
                return .success(try parser.wholeText())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses a JSON text and gives, for the object under the top-level member `key`, where each
    /// of its members' values lies in `bytes` (empty when there is no such object).
    ///
    /// A class file's students are read this way, so that writing the class copies the bytes of
    /// every student no event changed instead of encoding them again.
    package static func parse(_ bytes: [UInt8], spansUnder key: String) throws(JSONSyntaxError) -> (JSON, [String: Range<Int>]) {
        let (json, spans, _) = try parse(bytes, spansUnder: key, deferring: nil)
        return (json, spans)
    }

    /// `parse(_:spansUnder:)`, and inside each member of that object that is an object, the
    /// member `deferred` is checked but not decoded: it is left out of the value, and where it
    /// lies is given by the key of the member it is in.
    ///
    /// A class file's scores are most of its bytes and an entry decodes one student's: the rest
    /// are decoded when they are first read (`ScoreBook`).
    package static func parse(_ bytes: [UInt8], spansUnder key: String, deferring deferred: String?) throws(JSONSyntaxError)
        -> (json: JSON, spans: [String: Range<Int>], deferred: [String: Range<Int>]) {
        let (json, layout) = try parseLayout(bytes, spansUnder: key, deferring: deferred)
        return (json, layout.mapValues(\.span.range), layout.compactMapValues(\.deferred?.range))
    }

    /// Where one member of the object under the recorded key lies in the bytes, and its parts.
    package struct RecordLayout: Sendable {
        /// The member's value.
        package var span: ByteSpan
        /// When that value is an object: each of its members' values.
        package var members: [String: ByteSpan] = [:]
        /// The deferred member's value, when there is one.
        package var deferred: ByteSpan?
    }

    /// `parse(_:spansUnder:deferring:)`, giving for each recorded member where its own members lie
    /// too, and those of its deferred member: a class file written back copies every part of a
    /// student that did not change (a sheet changes one subject of each student).
    package static func parseLayout(_ bytes: [UInt8], spansUnder key: String, deferring deferred: String?,
                                    alsoDeferring others: [String] = []) throws(JSONSyntaxError)
        -> (json: JSON, layout: [String: RecordLayout]) {
        let result: Result<(JSON, [String: RecordLayout]), JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(bytes: buffer)
            parser.recordedKey = key
            parser.deferredKey = deferred
            parser.alsoDeferredKeys = others
            do throws(JSONSyntaxError) {
                let value = try parser.wholeText()
                return .success((value, parser.layout))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses a JSON text whose top-level member `key` is checked but left out of the value;
    /// gives where that member's value lies (year.json's student index: most commands never read it).
    package static func parse(_ bytes: [UInt8], deferringTopLevel key: String) throws(JSONSyntaxError) -> (JSON, Range<Int>?) {
        let (json, deferred) = try parse(bytes, deferringTopLevel: [key])
        return (json, deferred[key]?.span.range)
    }

    /// A member a parse checked but left out of the value: where its value lies, and when it is an
    /// object, where each of its members' values lies.
    package struct DeferredPart: Sendable {
        package var span: ByteSpan
        package var members: [String: ByteSpan]
    }

    /// `parse(_:deferringTopLevel:)` for several members; for each one that is an object, also
    /// where each of its members' values lies (year.json's assignments, read one subject at a time).
    package static func parse(_ bytes: [UInt8], deferringTopLevel keys: [String]) throws(JSONSyntaxError)
        -> (JSON, [String: JSON.DeferredPart]) {
        let result: Result<(JSON, [String: JSON.DeferredPart]), JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(bytes: buffer)
            parser.deferredTopLevelKeys = keys
            do throws(JSONSyntaxError) {
                let value = try parser.wholeText()
                return .success((value, parser.deferredTopLevel))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Where each member's value lies in bytes that hold one JSON object (positions in `bytes`'
    /// own indices); nil when they are not an object. The bytes were checked already (a deferred
    /// member): a failure here only means "not an object".
    package static func memberSpans(_ bytes: ArraySlice<UInt8>) -> [String: ByteSpan]? {
        bytes.withUnsafeBufferPointer { buffer -> [String: ByteSpan]? in
            var parser = Parser(bytes: buffer)
            parser.skipSpace()
            guard parser.position < buffer.count, buffer[parser.position] == UInt8(ascii: "{") else { return nil }
            var spans: [String: ByteSpan] = [:]
            spans.reserveCapacity(16)   // a student's subjects
            guard (try? parser.skipObject(depth: 0, recordingInto: &spans)) != nil else { return nil }
            let base = bytes.startIndex
            return spans.mapValues { ByteSpan($0.lower + base, $0.upper + base) }
        }
    }

    /// Parses a JSON text held in part of a byte array.
    package static func parse(_ bytes: ArraySlice<UInt8>) throws(JSONSyntaxError) -> JSON {
        let result: Result<JSON, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(bytes: buffer)
            do throws(JSONSyntaxError) {
                return .success(try parser.wholeText())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses a JSON text given as a string.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSON {
        try parse(Data(text.utf8))
    }

    /// True when the bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
    /// nothing above U+10FFFF), as `String(validating:as:)` decides, without building a string.
    package static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool { k < n && range.contains(bytes[k]) }
        while i < n {
            let lead = bytes[i]
            switch lead {
            case 0x00...0x7F: i += 1
            case 0xC2...0xDF:
                guard continuation(i + 1) else { return false }
                i += 2
            case 0xE0...0xEF:
                let second: ClosedRange<UInt8> = lead == 0xE0 ? 0xA0...0xBF : lead == 0xED ? 0x80...0x9F : 0x80...0xBF
                guard continuation(i + 1, second), continuation(i + 2) else { return false }
                i += 3
            case 0xF0...0xF4:
                let second: ClosedRange<UInt8> = lead == 0xF0 ? 0x90...0xBF : lead == 0xF4 ? 0x80...0x8F : 0x80...0xBF
                guard continuation(i + 1, second), continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            default: return false
            }
        }
        return true
    }

    // The pieces of `Parser.skipQuickly`: each moves `p` past what it checks and says whether it
    // was there and well-formed (nothing moves when it was not).

    /// Past white space, a run of spaces eight bytes at a time.
    @inline(__always)
    fileprivate static func skipSpace(_ base: UnsafePointer<UInt8>, _ end: Int, _ p: inout Int) {
        while p < end {
            switch base[p] {
            case 0x20:
                p += 1
                while p + 8 <= end, UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 { p += 8 }
            case 0x0A, 0x0D, 0x09: p += 1
            default: return
            }
        }
    }

    /// Past a string with no escape and no control character, of well-formed UTF-8.
    @inline(__always)
    fileprivate static func skipPlainString(_ base: UnsafePointer<UInt8>, _ end: Int, _ p: inout Int) -> Bool {
        let start = p + 1
        var q = start
        var bits: UInt8 = 0   // every byte or-ed: its top bit says whether any is not ASCII
        while q < end {
            let byte = base[q]
            if byte == UInt8(ascii: "\"") {
                if bits >= 0x80 && !isValidUTF8(UnsafeBufferPointer(start: base + start, count: q - start)) { return false }
                p = q + 1
                return true
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return false }
            bits |= byte
            q += 1
        }
        return false
    }

    /// Past a member's key, its colon and the space before its value.
    @inline(__always)
    fileprivate static func skipKey(_ base: UnsafePointer<UInt8>, _ end: Int, _ p: inout Int) -> Bool {
        guard p < end, base[p] == UInt8(ascii: "\"") else { return false }
        var q = p
        guard skipPlainString(base, end, &q) else { return false }
        skipSpace(base, end, &q)
        guard q < end, base[q] == UInt8(ascii: ":") else { return false }
        q += 1
        skipSpace(base, end, &q)
        p = q
        return true
    }

    /// Past a number of RFC 8259's grammar.
    @inline(__always)
    fileprivate static func skipNumber(_ base: UnsafePointer<UInt8>, _ end: Int, _ p: inout Int) -> Bool {
        var q = p
        func digit() -> Bool { q < end && base[q] >= 0x30 && base[q] <= 0x39 }
        if q < end, base[q] == UInt8(ascii: "-") { q += 1 }
        guard digit() else { return false }
        if base[q] == 0x30 { q += 1 } else { while digit() { q += 1 } }
        if q < end, base[q] == UInt8(ascii: ".") {
            q += 1
            guard digit() else { return false }
            while digit() { q += 1 }
        }
        if q < end, base[q] == UInt8(ascii: "e") || base[q] == UInt8(ascii: "E") {
            q += 1
            if q < end, base[q] == UInt8(ascii: "+") || base[q] == UInt8(ascii: "-") { q += 1 }
            guard digit() else { return false }
            while digit() { q += 1 }
        }
        p = q
        return true
    }

    /// Past `true`, `false` or `null`.
    @inline(__always)
    fileprivate static func skipWord(_ base: UnsafePointer<UInt8>, _ end: Int, _ p: inout Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard p + count <= end else { return false }
        for i in 0..<count where base[p + i] != word.utf8Start[i] { return false }
        p += count
        return true
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        /// The top-level member whose object's member values get their byte ranges recorded.
        var recordedKey: String?
        /// Those ranges and their parts, by member key.
        var layout: [String: JSON.RecordLayout] = [:]
        /// The member, inside each recorded member that is an object, checked but not decoded.
        var deferredKey: String?
        /// Other members of each recorded member checked but not built (their bytes are in its layout).
        var alsoDeferredKeys: [String] = []
        /// A top-level member checked but not built, and where its value lies.
        var deferredTopLevelKeys: [String] = []
        var deferredTopLevel: [String: JSON.DeferredPart] = [:]
        /// The parts of the recorded member being read (set by `object(deferringFor:)`).
        var current = JSON.RecordLayout(span: ByteSpan(0, 0))

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func error(_ expected: String) -> JSONSyntaxError {
            JSONSyntaxError(offset: position, reason: "expected \(expected)")
        }

        /// The one value the whole text holds, with nothing but space around it.
        mutating func wholeText() throws(JSONSyntaxError) -> JSON {
            skipSpace()
            let value = try self.value(depth: 0)
            skipSpace()
            guard position == bytes.count else { throw error("end of text") }
            return value
        }

        /// Moves past white space (`JSON.skipSpace`: runs of indentation eight bytes at a time).
        mutating func skipSpace() {
            guard let base = bytes.baseAddress else { return }
            var p = position   // a local, not `self`'s field, which would be loaded and stored at every byte
            JSON.skipSpace(base, bytes.count, &p)
            position = p
        }

        mutating func value(depth: Int) throws(JSONSyntaxError) -> JSON {
            guard depth < 200 else { throw error("less nesting") }
            guard position < bytes.count else { throw error("a value") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw error("\(word)") }
            for i in 0..<count where bytes[position + i] != word.utf8Start[i] {
                throw error("\(word)")
            }
            position += count
        }

        mutating func object(depth: Int, recording: Bool = false, deferringFor owner: String? = nil) throws(JSONSyntaxError) -> JSON {
            position += 1
            var members: [String: JSON] = [:]
            members.reserveCapacity(8)
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("a key") }
                let key = try string()
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("':'") }
                position += 1
                skipSpace()
                if recording {
                    let start = position
                    current = JSON.RecordLayout(span: ByteSpan(0, 0))
                    current.members.reserveCapacity(8)   // a student's members: grown one by one, it is resized four times
                    if deferredKey != nil, position < bytes.count, bytes[position] == UInt8(ascii: "{") {
                        members[key] = try object(depth: depth + 1, deferringFor: key)
                    } else {
                        members[key] = try value(depth: depth + 1)
                    }
                    current.span = ByteSpan(start, position)
                    layout[key] = current
                } else if owner != nil {
                    let start = position
                    if key == deferredKey {
                        // Where each of its members lies is found when it is first read (`memberSpans`).
                        try skip(depth: depth + 1)
                        current.deferred = ByteSpan(start, position)
                    } else if alsoDeferredKeys.contains(key) {
                        try skip(depth: depth + 1)   // left out of the value: its bytes are in `members`
                    } else {
                        members[key] = try value(depth: depth + 1)
                    }
                    current.members[key] = ByteSpan(start, position)
                } else if depth == 0, deferredTopLevelKeys.contains(key) {
                    let start = position
                    var parts: [String: ByteSpan] = [:]
                    parts.reserveCapacity(16)
                    if position < bytes.count, bytes[position] == UInt8(ascii: "{") {
                        try skipObject(depth: depth + 1, recordingInto: &parts)
                    } else {
                        try skip(depth: depth + 1)
                    }
                    deferredTopLevel[key] = JSON.DeferredPart(span: ByteSpan(start, position), members: parts)
                } else if depth == 0, key == recordedKey, position < bytes.count, bytes[position] == UInt8(ascii: "{") {
                    layout.reserveCapacity(64)   // a class's students
                    members[key] = try object(depth: depth + 1, recording: true)
                } else {
                    members[key] = try value(depth: depth + 1)
                }
                skipSpace()
                guard position < bytes.count else { throw error("',' or '}'") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                throw error("',' or '}'")
            }
        }

        /// Checks an object as `skip` does, and records where each member's value lies.
        mutating func skipObject(depth: Int, recordingInto spans: inout [String: ByteSpan]) throws(JSONSyntaxError) {
            try skipObject(depth: depth, recording: true, into: &spans)
        }

        /// Checks an object, building nothing unless `recording`: then its keys, and where each
        /// member's value lies.
        private mutating func skipObject(depth: Int, recording: Bool, into spans: inout [String: ByteSpan]) throws(JSONSyntaxError) {
            guard depth < 200 else { throw error("less nesting") }
            position += 1
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("a key") }
                let key: String? = recording ? try string() : nil
                if !recording { try skipString() }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("':'") }
                position += 1
                skipSpace()
                let start = position
                // Not recording, this object is being checked by `skipSlowly` because the quick
                // pass failed somewhere in it: its members go the slow way too, so a broken text
                // is scanned at most twice, not once more at every level.
                if recording { try skip(depth: depth + 1) } else { try skipSlowly(depth: depth + 1) }
                if let key { spans[key] = ByteSpan(start, position) }
                skipSpace()
                guard position < bytes.count else { throw error("',' or '}'") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return }
                throw error("',' or '}'")
            }
        }

        /// Checks one value as `value` does, building nothing.
        mutating func skip(depth: Int) throws(JSONSyntaxError) {
            if skipQuickly(depth: depth) { return }
            try skipSlowly(depth: depth)
        }

        /// `skip` one call per value: what finds and names an error, as `value` would.
        mutating func skipSlowly(depth: Int) throws(JSONSyntaxError) {
            guard depth < 200 else { throw error("less nesting") }
            guard position < bytes.count else { throw error("a value") }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                var none: [String: ByteSpan] = [:]
                try skipObject(depth: depth, recording: false, into: &none)
            case UInt8(ascii: "["):
                position += 1
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return }
                while true {
                    skipSpace()
                    try skipSlowly(depth: depth + 1)
                    skipSpace()
                    guard position < bytes.count else { throw error("',' or ']'") }
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    if bytes[position] == UInt8(ascii: "]") { position += 1; return }
                    throw error("',' or ']'")
                }
            case UInt8(ascii: "\""): try skipString()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: _ = try numberEnd()
            }
        }

        /// Checks one well-formed value in a single loop, the position in a local and the open
        /// containers in a bit set: no call per value. Skipping is most of reading a class file
        /// (its scores are checked, not decoded), and the call-per-value `skipSlowly` spent more
        /// on its calls than on the bytes.
        ///
        /// Returns false, having moved nothing, on whatever it does not take on itself (an escape,
        /// a control character, nesting deeper than sodiem writes, any error): `skip` then checks
        /// the value again with `skipSlowly`, which finds the error and names it exactly. So what
        /// this accepts is what `skipSlowly` accepts (tested on broken texts and random values).
        mutating func skipQuickly(depth: Int) -> Bool {
            guard let base = bytes.baseAddress, depth < 150 else { return false }
            let end = bytes.count
            var p = position
            var objects: UInt64 = 0   // bit i: the container open at level i is an object
            var level = 0
            while true {
                // A value starts at p.
                guard p < end else { return false }
                switch base[p] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard level < 40 else { return false }
                    let isObject = base[p] == UInt8(ascii: "{")
                    p += 1
                    JSON.skipSpace(base, end, &p)
                    if p < end, base[p] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        p += 1
                        break
                    }
                    if isObject { objects |= 1 << UInt64(level) } else { objects &= ~(1 << UInt64(level)) }
                    level += 1
                    if isObject { guard JSON.skipKey(base, end, &p) else { return false } }
                    continue
                case UInt8(ascii: "\""):
                    guard JSON.skipPlainString(base, end, &p) else { return false }
                case UInt8(ascii: "t"):
                    guard JSON.skipWord(base, end, &p, "true") else { return false }
                case UInt8(ascii: "f"):
                    guard JSON.skipWord(base, end, &p, "false") else { return false }
                case UInt8(ascii: "n"):
                    guard JSON.skipWord(base, end, &p, "null") else { return false }
                default:
                    guard JSON.skipNumber(base, end, &p) else { return false }
                }
                // After a value: close what ends here, then on to the next member or element.
                closing: while true {
                    if level == 0 {
                        position = p
                        return true
                    }
                    JSON.skipSpace(base, end, &p)
                    guard p < end else { return false }
                    let inObject = objects & (1 << UInt64(level - 1)) != 0
                    switch base[p] {
                    case UInt8(ascii: ","):
                        p += 1
                        JSON.skipSpace(base, end, &p)
                        if inObject { guard JSON.skipKey(base, end, &p) else { return false } }
                        break closing
                    case UInt8(ascii: "}") where inObject, UInt8(ascii: "]") where !inObject:
                        p += 1
                        level -= 1
                    default:
                        return false
                    }
                }
            }
        }

        /// Checks a string as `string()` does, building it only when it holds an escape.
        mutating func skipString() throws(JSONSyntaxError) {
            var p = position
            if let base = bytes.baseAddress, JSON.skipPlainString(base, bytes.count, &p) {
                position = p
                return
            }
            // An escape, a control character, bad UTF-8 or no end: `string()` reads it and says what is wrong.
            _ = try string()
        }

        mutating func array(depth: Int) throws(JSONSyntaxError) -> JSON {
            position += 1
            var elements: [JSON] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            }
            while true {
                skipSpace()
                elements.append(try value(depth: depth + 1))
                skipSpace()
                guard position < bytes.count else { throw error("',' or ']'") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
                throw error("',' or ']'")
            }
        }

        mutating func number() throws(JSONSyntaxError) -> String {
            let start = position
            let end = try numberEnd()
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        /// Moves past a number (RFC 8259 grammar) and returns where it ends.
        mutating func numberEnd() throws(JSONSyntaxError) -> Int {
            // Positions in a local (see `skipSpace`). `error()` reads `position`, so it is set
            // before each throw; the `defer` sets it on the way out of a number read whole.
            let end = bytes.count
            var p = position
            func isDigit(at i: Int) -> Bool { i < end && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
            defer { position = p }
            if p < end, bytes[p] == UInt8(ascii: "-") { p += 1 }
            guard isDigit(at: p) else { position = p; throw error("a value") }
            if bytes[p] == 0x30 {
                p += 1
            } else {
                while isDigit(at: p) { p += 1 }
            }
            if p < end, bytes[p] == UInt8(ascii: ".") {
                p += 1
                guard isDigit(at: p) else { position = p; throw error("a digit") }
                while isDigit(at: p) { p += 1 }
            }
            if p < end, bytes[p] == UInt8(ascii: "e") || bytes[p] == UInt8(ascii: "E") {
                p += 1
                if p < end, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") { p += 1 }
                guard isDigit(at: p) else { position = p; throw error("a digit") }
                while isDigit(at: p) { p += 1 }
            }
            return p
        }

        mutating func string() throws(JSONSyntaxError) -> String {
            position += 1
            let start = position
            // Fast path: no escapes, the bytes are the string (the position in a local, as in `skipSpace`).
            if let base = bytes.baseAddress {
                let end = bytes.count
                var p = start
                var bits: UInt8 = 0   // every byte or-ed: its top bit says whether any is not ASCII
                while p < end {
                    let byte = base[p]
                    if byte == UInt8(ascii: "\"") {
                        let slice = UnsafeBufferPointer(start: base + start, count: p - start)
                        position = p + 1
                        // ASCII (ids, keys, codes, numbers-as-text) needs no validation.
                        if bits < 0x80 { return String(decoding: slice, as: UTF8.self) }
                        guard let text = String(validating: slice, as: UTF8.self) else {
                            throw JSONSyntaxError(offset: start, reason: "expected UTF-8 text")
                        }
                        return text
                    }
                    if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                    bits |= byte
                    p += 1
                }
                position = p
            }
            var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: buffer, as: UTF8.self) else {
                        throw JSONSyntaxError(offset: start, reason: "expected UTF-8 text")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    guard position < bytes.count else { throw error("an escape") }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""): buffer.append(0x22)
                    case UInt8(ascii: "\\"): buffer.append(0x5C)
                    case UInt8(ascii: "/"): buffer.append(0x2F)
                    case UInt8(ascii: "b"): buffer.append(0x08)
                    case UInt8(ascii: "f"): buffer.append(0x0C)
                    case UInt8(ascii: "n"): buffer.append(0x0A)
                    case UInt8(ascii: "r"): buffer.append(0x0D)
                    case UInt8(ascii: "t"): buffer.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == UInt8(ascii: "u")
                            else { throw error("a low surrogate") }
                            position += 2
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw error("a low surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw error("a Unicode scalar") }
                        buffer.append(contentsOf: String(Character(unicode)).utf8)
                    default: throw error("a valid escape")
                    }
                case 0..<0x20:
                    throw error("no control character in a string")
                default:
                    buffer.append(byte)
                }
            }
            throw error("the end of the string")
        }

        mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
            guard position + 4 <= bytes.count else { throw error("four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[position]
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                default: throw error("four hex digits")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }
    }
}
