import Foundation

/// A DER (X.690) element: enough ASN.1 to build a CMS SignedData and read an X.509 certificate.
public struct DER: Equatable, Sendable {
    /// The identifier octet (class, constructed bit, tag number < 31).
    public let tag: UInt8
    /// The content octets.
    public let content: [UInt8]
    /// The whole encoding as it was read (for parts kept byte for byte: a Name, a certificate).
    public var encoded: [UInt8] { DER.header(tag, content.count) + content }

    public init(tag: UInt8, content: [UInt8]) {
        self.tag = tag
        self.content = content
    }

    // MARK: Tags
    public static let integerTag: UInt8 = 0x02, bitStringTag: UInt8 = 0x03, octetStringTag: UInt8 = 0x04, nullTag: UInt8 = 0x05
    public static let oidTag: UInt8 = 0x06, utf8StringTag: UInt8 = 0x0C, sequenceTag: UInt8 = 0x30, setTag: UInt8 = 0x31
    public static let printableStringTag: UInt8 = 0x13, ia5StringTag: UInt8 = 0x16, utcTimeTag: UInt8 = 0x17, generalizedTimeTag: UInt8 = 0x18

    // MARK: Building
    public static func sequence(_ items: [DER]) -> DER { DER(tag: sequenceTag, content: items.flatMap(\.encoded)) }
    /// A SET OF, its elements sorted by their encodings as DER requires.
    public static func set(_ items: [DER]) -> DER {
        let sorted = items.map(\.encoded).sorted { $0.lexicographicallyPrecedes($1) }
        return DER(tag: setTag, content: sorted.flatMap { $0 })
    }
    public static func octetString(_ bytes: [UInt8]) -> DER { DER(tag: octetStringTag, content: bytes) }
    public static let null = DER(tag: nullTag, content: [])
    /// `[n]` EXPLICIT (constructed, context-specific) around one element.
    public static func explicit(_ n: UInt8, _ inner: DER) -> DER { DER(tag: 0xA0 | n, content: inner.encoded) }
    /// `[n]` IMPLICIT for a constructed element: the same content under a context tag.
    public static func implicit(_ n: UInt8, _ inner: DER) -> DER { DER(tag: 0xA0 | n, content: inner.content) }

    public static func integer(_ value: Int) -> DER {
        var bytes: [UInt8] = []
        var v = value
        repeat { bytes.insert(UInt8(truncatingIfNeeded: v), at: 0); v >>= 8 } while v != 0 && v != -1
        if value >= 0, bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        if value < 0, bytes[0] & 0x80 == 0 { bytes.insert(0xFF, at: 0) }
        return DER(tag: integerTag, content: bytes)
    }

    /// An OBJECT IDENTIFIER from its dotted form (`1.2.840.113549.1.7.2`).
    public static func oid(_ dotted: String) -> DER {
        let arcs = dotted.split(separator: ".").map { UInt64($0)! }
        var out: [UInt8] = []
        func base128(_ v: UInt64) {
            var chunk: [UInt8] = [UInt8(v & 0x7f)]
            var rest = v >> 7
            while rest > 0 { chunk.insert(UInt8(rest & 0x7f) | 0x80, at: 0); rest >>= 7 }
            out += chunk
        }
        base128(arcs[0] * 40 + arcs[1])
        for arc in arcs.dropFirst(2) { base128(arc) }
        return DER(tag: oidTag, content: out)
    }

    /// The identifier and length octets.
    public static func header(_ tag: UInt8, _ length: Int) -> [UInt8] {
        if length < 0x80 { return [tag, UInt8(length)] }
        var bytes: [UInt8] = []
        var l = length
        while l > 0 { bytes.insert(UInt8(l & 0xff), at: 0); l >>= 8 }
        return [tag, 0x80 | UInt8(bytes.count)] + bytes
    }

    // MARK: Reading
    /// Reads one element at the start of `bytes` (definite lengths only, as DER has).
    public static func parse(_ bytes: [UInt8]) throws(DERError) -> DER {
        var offset = 0
        return try read(bytes[...], &offset)
    }

    /// The length of the first element's encoding, or nil when the bytes do not start with one.
    public static func totalLength(of bytes: [UInt8]) -> Int? {
        var offset = 0
        guard let element = try? read(bytes[...], &offset) else { return nil }
        _ = element
        return offset
    }

    static func read(_ bytes: ArraySlice<UInt8>, _ offset: inout Int) throws(DERError) -> DER {
        let base = bytes.startIndex
        guard offset + 2 <= bytes.count else { throw DERError("truncated at \(offset)") }
        let tag = bytes[base + offset]
        guard tag & 0x1f != 0x1f else { throw DERError("a multi-byte tag at \(offset)") }
        var length = Int(bytes[base + offset + 1])
        offset += 2
        if length & 0x80 != 0 {
            let count = length & 0x7f
            guard count > 0, count <= 4, offset + count <= bytes.count else { throw DERError("a bad length at \(offset)") }
            length = 0
            for _ in 0..<count { length = length << 8 | Int(bytes[base + offset]); offset += 1 }
        }
        guard length >= 0, offset + length <= bytes.count else { throw DERError("an element longer than its data at \(offset)") }
        let content = Array(bytes[(base + offset)..<(base + offset + length)])
        offset += length
        return DER(tag: tag, content: content)
    }

    /// The elements inside a constructed element.
    public func children() throws(DERError) -> [DER] {
        guard tag & 0x20 != 0 else { throw DERError("tag \(String(format: "%02x", tag)) is not constructed") }
        var out: [DER] = []
        var offset = 0
        let slice = content[...]
        while offset < content.count { out.append(try DER.read(slice, &offset)) }
        return out
    }

    /// The dotted form of an OBJECT IDENTIFIER.
    public var oidString: String? {
        guard tag == DER.oidTag, !content.isEmpty else { return nil }
        var arcs: [UInt64] = []
        var v: UInt64 = 0
        for byte in content {
            v = v << 7 | UInt64(byte & 0x7f)
            if byte & 0x80 == 0 { arcs.append(v); v = 0 }
        }
        guard let first = arcs.first else { return nil }
        let head: [UInt64] = first < 80 ? [first / 40, first % 40] : [2, first - 80]
        return (head + arcs.dropFirst()).map(String.init).joined(separator: ".")
    }

    /// A string value (UTF8String, PrintableString, IA5String, BMPString, T61 as Latin-1).
    public var stringValue: String? {
        switch tag {
        case 0x0C, 0x13, 0x16, 0x12, 0x1A: return String(decoding: content, as: UTF8.self)
        case 0x14: return String(content.map { Character(Unicode.Scalar($0)) })
        case 0x1E:
            var units: [UInt16] = []
            var i = 0
            while i + 1 < content.count { units.append(UInt16(content[i]) << 8 | UInt16(content[i + 1])); i += 2 }
            return String(decoding: units, as: UTF16.self)
        default: return nil
        }
    }

    /// A UTCTime or GeneralizedTime (`Z` form, as RFC 5280 requires).
    public var time: Date? {
        let s = String(decoding: content, as: UTF8.self)
        guard s.hasSuffix("Z") else { return nil }
        var digits = String(s.dropLast())
        if tag == DER.utcTimeTag {
            guard digits.count == 12, let yy = Int(digits.prefix(2)) else { return nil }
            digits = (yy >= 50 ? "19" : "20") + digits
        } else if tag != DER.generalizedTimeTag { return nil }
        guard digits.count == 14, digits.allSatisfy(\.isNumber) else { return nil }
        let n = Array(digits)
        func part(_ a: Int, _ b: Int) -> Int { Int(String(n[a..<b]))! }
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour, c.minute, c.second) = (part(0, 4), part(4, 6), part(6, 8), part(8, 10), part(10, 12), part(12, 14))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: c)
    }
}

/// DER that sodiem cannot read.
public struct DERError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "DER: " + reason }
}

/// The object identifiers sodiem's signatures use.
public enum OID {
    public static let data = "1.2.840.113549.1.7.1"
    public static let signedData = "1.2.840.113549.1.7.2"
    public static let contentType = "1.2.840.113549.1.9.3"
    public static let messageDigest = "1.2.840.113549.1.9.4"
    public static let signingTime = "1.2.840.113549.1.9.5"
    public static let signingCertificateV2 = "1.2.840.113549.1.9.16.2.47"
    public static let sha256 = "2.16.840.1.101.3.4.2.1"
    public static let rsaEncryption = "1.2.840.113549.1.1.1"
    public static let sha256WithRSA = "1.2.840.113549.1.1.11"
    public static let ecPublicKey = "1.2.840.10045.2.1"
    public static let ecdsaWithSHA256 = "1.2.840.10045.4.3.2"
    public static let prime256v1 = "1.2.840.10045.3.1.7"
    public static let secp384r1 = "1.3.132.0.34"
}
