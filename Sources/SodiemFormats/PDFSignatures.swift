import Foundation

/// A PDF with a signature prepared in an incremental update: the `/Contents` hole still zeros.
public struct PDFSignaturePlaceholder: Sendable {
    /// The whole new file.
    public var bytes: [UInt8]
    /// `[0, holeStart, holeEnd, length − holeEnd]`, the `/ByteRange` written in the file.
    public let byteRange: [Int]
    /// How many bytes of CMS the hole holds.
    public let capacity: Int

    /// The bytes the signature covers: everything but the hole.
    public var signedBytes: [UInt8] {
        Array(bytes[byteRange[0]..<(byteRange[0] + byteRange[1])]) + Array(bytes[byteRange[2]..<(byteRange[2] + byteRange[3])])
    }

    /// The file with `cms` written into the hole (in hex, zero-padded).
    public func signed(with cms: [UInt8]) throws(PDFError) -> [UInt8] {
        guard cms.count <= capacity else { throw PDFError("a signature of \(cms.count) bytes, larger than the \(capacity) reserved") }
        var out = bytes
        let hex = Array(SHA256.hexString(cms).uppercased().utf8)
        out.replaceSubrange((byteRange[1] + 1)..<(byteRange[1] + 1 + hex.count), with: hex)
        return out
    }
}

/// What a signature in a PDF says about the bytes it covers.
public struct PDFSignatureEntry: Sendable {
    public let fieldName: String
    /// The signature dictionary's object number.
    public let object: Int
    public let byteRange: [Int]
    /// The CMS blob, without the hole's trailing zero padding.
    public let contents: [UInt8]
    public let subFilter: String?
    /// The revision (index into `PDFFile.revisions`) that added the signature.
    public let revision: Int
    /// The /ByteRange starts at 0, ends where that revision ends, and leaves out exactly the /Contents string.
    public let coversRevision: Bool
    /// Why it does not, when it does not.
    public let coverageProblem: String?
}

/// What later revisions changed after a signature.
public enum PDFLaterChanges: Equatable, Sendable {
    /// No later revision.
    case none
    /// Only signature dictionaries, their fields and widgets, the AcroForm, and /Annots and /AcroForm entries.
    case signaturesOnly
    /// Anything else, with the first object found.
    case other(String)

    public var word: String {
        switch self {
        case .none: return "none"
        case .signaturesOnly: return "signatures-only"
        case .other: return "other"
        }
    }
}

extension PDFFile {
    /// Prepares a signature: a signature dictionary (`/Adobe.PPKLite`, `/ETSI.CAdES.detached`) with a
    /// zeroed `/Contents` hole of `capacity` bytes and a `/ByteRange` patched to surround it, an
    /// invisible signature field-and-widget on the last page, the AcroForm (SigFlags 3) in an updated
    /// catalog, in one incremental update with its own cross-reference section and /Prev.
    public func prepareSignature(signer: String, reason: String?, date: Date, capacity: Int = 12_000) throws(PDFError) -> PDFSignaturePlaceholder {
        let catalog = try catalog()
        guard let lastPage = try pages().last else { throw PDFError("a document with no pages") }
        guard var page = try object(lastPage)?.dictionary else { throw PDFError("page \(lastPage) missing") }
        guard let size = trailer["Size"]?.integer, size > 0 else { throw PDFError("the trailer has no /Size") }
        let sigNumber = size, widgetNumber = size + 1
        var newSize = size + 2
        var changed: [(Int, PDFValue)] = []

        // The AcroForm: in the catalog, or an object of its own.
        var catalogDict = catalog.dictionary
        var form: PDFDictionary
        var formObject: Int?
        switch catalogDict["AcroForm"] {
        case nil: form = PDFDictionary()
        case .dictionary(let d)?: form = d
        case .reference(let n, _)?:
            guard let d = try object(n)?.dictionary else { throw PDFError("the AcroForm object \(n) is missing") }
            form = d; formObject = n
        default: throw PDFError("an /AcroForm that is neither a dictionary nor a reference")
        }
        var fields: [PDFValue]
        switch form["Fields"] {
        case nil: fields = []
        case .array(let a)?: fields = a
        default: throw PDFError("AcroForm /Fields that is not a plain array")
        }
        var existingNames = Set<String>()
        for f in fields { if let d = try resolve(f)?.dictionary, let t = d["T"]?.text { existingNames.insert(t) } }
        var index = fields.count + 1
        while existingNames.contains("Signature\(index)") { index += 1 }
        fields.append(.reference(widgetNumber, 0))
        form["Fields"] = .array(fields)
        form["SigFlags"] = .integer(3)
        if let formObject { changed.append((formObject, .dictionary(form))) } else { catalogDict["AcroForm"] = .dictionary(form) }
        changed.append((catalog.number, .dictionary(catalogDict)))

        // The page's annotations.
        switch page["Annots"] {
        case nil:
            page["Annots"] = .array([.reference(widgetNumber, 0)])
            changed.append((lastPage, .dictionary(page)))
        case .array(let a)?:
            page["Annots"] = .array(a + [.reference(widgetNumber, 0)])
            changed.append((lastPage, .dictionary(page)))
        case .reference(let n, _)?:
            guard let a = try object(n)?.array else { throw PDFError("the /Annots object \(n) is not an array") }
            changed.append((n, .array(a + [.reference(widgetNumber, 0)])))
        default: throw PDFError("page /Annots that is not an array")
        }
        _ = newSize

        let widget = PDFDictionary([
            ("Type", .name("Annot")), ("Subtype", .name("Widget")), ("FT", .name("Sig")),
            ("T", .text("Signature\(index)")), ("V", .reference(sigNumber, 0)),
            ("Rect", .array([.integer(0), .integer(0), .integer(0), .integer(0)])),
            ("F", .integer(132)), ("P", .reference(lastPage, 0)),
        ])

        // Assemble the update.
        var out = bytes
        if let last = out.last, last != 10, last != 13 { out.append(10) }
        var offsets: [Int: Int] = [:]
        func emit(_ number: Int, _ body: [UInt8]) {
            offsets[number] = out.count
            out += Array("\(number) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        // The signature dictionary, written by hand for its fixed-width /ByteRange and its hole.
        let byteRangePlaceholder = "[0 " + String(repeating: " ", count: 32) + "]"
        var sig: [UInt8] = Array("<</Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n".utf8)
        sig += Array("/Name ".utf8) + PDFValue.text(signer).serialized + [10]
        if let reason { sig += Array("/Reason ".utf8) + PDFValue.text(reason).serialized + [10] }
        sig += Array("/M ".utf8) + PDFValue.string(Array(PDFFile.date(date).utf8)).serialized + [10]
        sig += Array("/ByteRange ".utf8)
        let byteRangeAt = sig.count
        sig += Array(byteRangePlaceholder.utf8) + Array("\n/Contents ".utf8)
        let holeAt = sig.count
        sig += [0x3C] + [UInt8](repeating: 0x30, count: capacity * 2) + [0x3E] + Array(">>".utf8)
        offsets[sigNumber] = out.count
        let sigHeader = Array("\(sigNumber) 0 obj\n".utf8)
        let sigStart = out.count + sigHeader.count
        out += sigHeader + sig + Array("\nendobj\n".utf8)
        emit(widgetNumber, PDFValue.dictionary(widget).serialized)
        for (number, value) in changed { emit(number, value.serialized) }

        let xrefAt = out.count
        out += Array("xref\n".utf8)
        let numbers = offsets.keys.sorted()
        var i = 0
        while i < numbers.count {
            var j = i
            while j + 1 < numbers.count, numbers[j + 1] == numbers[j] + 1 { j += 1 }
            out += Array("\(numbers[i]) \(j - i + 1)\n".utf8)
            for n in numbers[i...j] { out += Array(String(format: "%010d 00000 n\r\n", offsets[n]!).utf8) }
            i = j + 1
        }
        newSize = max(size + 2, (numbers.last ?? 0) + 1)
        var newTrailer = PDFDictionary([("Size", .integer(newSize)), ("Root", .reference(catalog.number, 0))])
        if let info = trailer["Info"] { newTrailer["Info"] = info }
        if let id = trailer["ID"] { newTrailer["ID"] = id }
        newTrailer["Prev"] = .integer(revisions.last!.xrefOffset)
        out += Array("trailer\n".utf8) + PDFValue.dictionary(newTrailer).serialized + Array("\nstartxref\n\(xrefAt)\n%%EOF\n".utf8)

        let holeStart = sigStart + holeAt
        let holeEnd = holeStart + capacity * 2 + 2
        let range = [0, holeStart, holeEnd, out.count - holeEnd]
        let written = "[" + range.map(String.init).joined(separator: " ")
        guard written.utf8.count + 1 <= byteRangePlaceholder.utf8.count else { throw PDFError("a file too large for the /ByteRange placeholder") }
        let patched = written + String(repeating: " ", count: byteRangePlaceholder.utf8.count - written.utf8.count - 1) + "]"
        out.replaceSubrange((sigStart + byteRangeAt)..<(sigStart + byteRangeAt + patched.utf8.count), with: Array(patched.utf8))
        return PDFSignaturePlaceholder(bytes: out, byteRange: range, capacity: capacity)
    }

    /// `D:YYYYMMDDHHmmSS+00'00'`, in UTC.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "D:%04d%02d%02d%02d%02d%02d+00'00'", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Every signature of the AcroForm, in the order of the revisions that added them.
    public func signatures() throws(PDFError) -> [PDFSignatureEntry] {
        guard let form = try resolve(catalog().dictionary["AcroForm"])?.dictionary, let fields = try resolve(form["Fields"])?.array else { return [] }
        var out: [PDFSignatureEntry] = []
        var queue = fields
        var visited = Set<Int>()
        while !queue.isEmpty {
            let f = queue.removeFirst()
            if let n = f.reference { guard visited.insert(n).inserted else { continue } }
            guard let field = try resolve(f)?.dictionary else { continue }
            if let kids = try resolve(field["Kids"])?.array { queue += kids }
            guard field["FT"]?.name == "Sig", let v = field["V"], let sigNumber = v.reference,
                  let sig = try object(sigNumber)?.dictionary else { continue }
            guard let range = sig["ByteRange"]?.array?.compactMap(\.integer), range.count == 4,
                  let contents = sig["Contents"]?.stringBytes else { throw PDFError("signature \(sigNumber) has no /ByteRange of four numbers or no /Contents") }
            guard let revision = revisions.firstIndex(where: { $0.objects[sigNumber] != nil }) else { throw PDFError("signature \(sigNumber) is in no revision") }
            var problem: String?
            let end = revisions[revision].end
            let sigOffset = revisions[revision].objects[sigNumber]!
            if range[0] != 0 || range.contains(where: { $0 < 0 }) { problem = "the byte range does not start at 0" }
            else if range[2] + range[3] != end { problem = "the byte range ends at \(range[2] + range[3]), its revision at \(end)" }
            else if !(sigOffset < range[1] && range[1] < range[2]) || bytes[range[1]] != 0x3C || bytes[range[2] - 1] != 0x3E {
                problem = "the gap is not the /Contents string"
            } else {
                var lex = PDFLexer(bytes: bytes, position: range[1])
                if case .hexString(let hole)? = try? lex.value(), lex.position == range[2], hole == contents {} else {
                    problem = "the gap is not the /Contents string"
                }
                // The gap must belong to this signature's dictionary: /Contents is its key there.
                var scan = PDFLexer(bytes: bytes, position: sigOffset)
                _ = try? scan.word(); _ = try? scan.word(); _ = try? scan.word()
                scan.skipSpace()
                if !PDFFile.containsKeyBefore(Array("/Contents".utf8), bytes: bytes, from: scan.position, to: range[1]) {
                    problem = "the gap is not this signature's /Contents"
                }
            }
            var trimmed = contents
            if let length = DER.totalLength(of: contents) { trimmed = Array(contents.prefix(length)) }
            out.append(PDFSignatureEntry(fieldName: field["T"]?.text ?? "", object: sigNumber, byteRange: range, contents: trimmed,
                                         subFilter: sig["SubFilter"]?.name, revision: revision,
                                         coversRevision: problem == nil, coverageProblem: problem))
        }
        return out.sorted { ($0.revision, $0.object) < ($1.revision, $1.object) }
    }

    static func containsKeyBefore(_ key: [UInt8], bytes: [UInt8], from: Int, to: Int) -> Bool {
        guard to - key.count - 1 >= from else { return false }
        var i = to - 1
        while i > from, PDFLexer.isWhite(bytes[i]) { i -= 1 }
        let start = i - key.count + 1
        return start >= from && Array(bytes[start...i]) == key
    }

    /// What the revisions after `revision` changed: only signatures, or something else.
    public func laterChanges(after revision: Int) throws(PDFError) -> PDFLaterChanges {
        guard revision + 1 < revisions.count else { return .none }
        for r in (revision + 1)..<revisions.count {
            for number in revisions[r].objects.keys.sorted() {
                let new = try object(number, revision: r)
                let old = try object(number, revision: r - 1)
                if let problem = try PDFFile.allowedChange(number: number, old: old, new: new, file: self, revision: r) {
                    return .other(problem)
                }
            }
        }
        return .signaturesOnly
    }

    static func isSignatureField(_ d: PDFDictionary) -> Bool { d["FT"]?.name == "Sig" }

    static func allowedChange(number: Int, old: PDFValue?, new: PDFValue?, file: PDFFile, revision: Int) throws(PDFError) -> String? {
        guard let new else { return nil }
        if old == new { return nil }
        func newSignatureWidgets(_ before: [PDFValue], _ after: [PDFValue]) throws(PDFError) -> Bool {
            guard after.count >= before.count, Array(after.prefix(before.count)) == before else { return false }
            for added in after.dropFirst(before.count) {
                guard let d = try file.resolve(added, revision: revision)?.dictionary, isSignatureField(d) else { return false }
            }
            return true
        }
        switch (old, new) {
        case (nil, .dictionary(let d)):
            if d["Type"]?.name == "Sig" || isSignatureField(d) { return nil }
            return "a new object \(number) that is not a signature"
        case (.dictionary(let o)?, .dictionary(let d)):
            let type = o["Type"]?.name
            var a = o, b = d
            var allowed: [String]
            switch type {
            case "Catalog": allowed = ["AcroForm"]
            case "Page": allowed = ["Annots"]
            default: allowed = o["Fields"] != nil ? ["Fields", "SigFlags"] : []
            }
            if allowed.isEmpty { return "object \(number) changed" }
            let before = o, after = d
            for key in allowed { a[key] = nil; b[key] = nil }
            guard a == b else { return "object \(number) (\(type ?? "?")) changed beyond its signatures" }
            if type == "Page" {
                let x = try file.resolve(before["Annots"], revision: revision - 1)?.array ?? []
                let y = try file.resolve(after["Annots"], revision: revision)?.array ?? []
                if !(try newSignatureWidgets(x, y)) { return "page \(number) gained annotations that are not signatures" }
            }
            if type == "Catalog" {
                let x = try file.resolve(before["AcroForm"], revision: revision - 1)?.dictionary
                let y = try file.resolve(after["AcroForm"], revision: revision)?.dictionary
                var xr = x ?? PDFDictionary(), yr = y ?? PDFDictionary()
                let xf = try file.resolve(xr["Fields"], revision: revision - 1)?.array ?? []
                let yf = try file.resolve(yr["Fields"], revision: revision)?.array ?? []
                xr["Fields"] = nil; yr["Fields"] = nil; xr["SigFlags"] = nil; yr["SigFlags"] = nil
                if xr != yr && after["AcroForm"]?.reference == nil { return "the AcroForm changed beyond its signatures" }
                if !(try newSignatureWidgets(xf, yf)) { return "the form gained fields that are not signatures" }
            }
            if o["Fields"] != nil, type != "Catalog" {
                let xf = try file.resolve(before["Fields"], revision: revision - 1)?.array ?? []
                let yf = try file.resolve(after["Fields"], revision: revision)?.array ?? []
                if !(try newSignatureWidgets(xf, yf)) { return "the form gained fields that are not signatures" }
            }
            return nil
        case (.array(let x)?, .array(let y)):
            return try newSignatureWidgets(x, y) ? nil : "array \(number) changed beyond adding signatures"
        default:
            return "object \(number) changed"
        }
    }
}
