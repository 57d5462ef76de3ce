import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats

@Suite("DER")
struct DERTests {
    @Test("Integers, OIDs and lengths encode as X.690 says")
    func knownEncodings() {
        #expect(DER.integer(0).encoded == [0x02, 0x01, 0x00])
        #expect(DER.integer(127).encoded == [0x02, 0x01, 0x7F])
        #expect(DER.integer(128).encoded == [0x02, 0x02, 0x00, 0x80])
        #expect(DER.integer(256).encoded == [0x02, 0x02, 0x01, 0x00])
        #expect(DER.integer(-1).encoded == [0x02, 0x01, 0xFF])
        #expect(DER.integer(-129).encoded == [0x02, 0x02, 0xFF, 0x7F])
        #expect(DER.oid(OID.sha256).encoded == [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01])
        #expect(DER.oid("1.2.840.113549.1.7.2").encoded == [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02])
        #expect(DER.header(0x04, 300) == [0x04, 0x82, 0x01, 0x2C])
        #expect(DER.header(0x04, 128) == [0x04, 0x81, 0x80])
        #expect(DER.null.encoded == [0x05, 0x00])
        #expect(DER.explicit(0, DER.integer(1)).encoded == [0xA0, 0x03, 0x02, 0x01, 0x01])
    }

    @Test("A SET OF is sorted by encoding; parse reads back what was built")
    func setAndRoundTrip() throws {
        let set = DER.set([DER.integer(300), DER.integer(5), DER.octetString([1])])
        #expect(set.encoded == [0x31, 0x0A, 0x02, 0x01, 0x05, 0x02, 0x02, 0x01, 0x2C, 0x04, 0x01, 0x01])
        let parsed = try DER.parse(DER.sequence([set, DER.oid(OID.signingCertificateV2)]).encoded)
        let kids = try parsed.children()
        #expect(kids.count == 2)
        #expect(kids[1].oidString == OID.signingCertificateV2)
        #expect(try kids[0].children().map(\.content) == [[5], [1, 44], [1]])
        #expect(DER.totalLength(of: set.encoded + [0, 0, 0]) == set.encoded.count)
        #expect(throws: DERError.self) { try DER.parse([0x30, 0x05, 0x01]) }
    }

    @Test("Times: UTCTime and GeneralizedTime")
    func times() {
        let utc = DER(tag: DER.utcTimeTag, content: Array("491231235959Z".utf8)).time
        let gen = DER(tag: DER.generalizedTimeTag, content: Array("20500101000000Z".utf8)).time
        #expect(utc == Date(timeIntervalSince1970: 2524607999))
        #expect(gen == Date(timeIntervalSince1970: 2524608000))
    }

}

@Suite("PDF reading")
struct PDFReadingTests {
    @Test("Values: names, strings with escapes, references, reals, nesting; written back the same")
    func values() throws {
        let text = "<</Type /Page /A#20B 1 /S (a\\(b\\)\\n\\101) /H <48 69> /R 12 0 R /N -3.5 /K [1 2 0 R [true null]]>>"
        var lexer = PDFLexer(bytes: Array(text.utf8), position: 0)
        let value = try lexer.value()
        let d = try #require(value.dictionary)
        #expect(d["Type"] == .name("Page"))
        #expect(d["A B"] == .integer(1))
        #expect(d["S"] == .string(Array("a(b)\nA".utf8)))
        #expect(d["H"] == .hexString([0x48, 0x69]))
        #expect(d["R"] == .reference(12, 0))
        #expect(d["N"] == .real("-3.5"))
        #expect(d["K"] == .array([.integer(1), .reference(2, 0), .array([.bool(true), .null])]))
        var again = PDFLexer(bytes: value.serialized, position: 0)
        #expect(try again.value() == value)
        #expect(PDFValue.text("Học bạ").text == "Học bạ")
        #expect(PDFValue.text("plain") == .string(Array("plain".utf8)))
    }

    @Test("A hand-made PDF: revisions, pages in order, title")
    func sample() throws {
        let file = try PDFFile(bytes: SamplePDF.make(pages: 3))
        #expect(file.revisions.count == 1)
        #expect(try file.pages() == [4, 6, 8])
        #expect(try file.title() == "Học bạ thử")
        #expect(file.revisions[0].end == file.bytes.count)
    }

    @Test("Refused, not guessed: cross-reference streams, no header, a broken table")
    func refusals() {
        var xrefStream = Array("%PDF-1.7\n1 0 obj\n<</Type /XRef /Size 1 /W [1 2 1] /Length 0>>\nstream\n\nendstream\nendobj\n".utf8)
        xrefStream += Array("startxref\n9\n%%EOF\n".utf8)
        #expect { try PDFFile(bytes: xrefStream) } throws: { ($0 as? PDFError)?.reason.contains("cross-reference stream") == true }
        #expect(throws: PDFError.self) { try PDFFile(bytes: Array("hello".utf8)) }
        var broken = SamplePDF.make()
        let at = PDFFile.lastIndex(of: Array("xref".utf8), in: broken, from: 0)!
        broken[at + 6] = UInt8(ascii: "x")
        #expect(throws: PDFError.self) { try PDFFile(bytes: broken) }
    }

}

/// A small PDF with a classic cross-reference table, written by hand.
enum SamplePDF {
    static func make(pages: Int = 2, title: String = "Học bạ thử") -> [UInt8] {
        var out = Array("%PDF-1.4\n%\u{e2}\u{e3}\n".utf8)
        var offsets: [Int] = []
        func object(_ body: String) { offsets.append(out.count); out += Array("\(offsets.count) 0 obj\n\(body)\nendobj\n".utf8) }
        object("<</Type /Catalog /Pages 2 0 R>>")
        let kids = (0..<pages).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " ")
        object("<</Type /Pages /Count \(pages) /Kids [\(kids)]>>")
        offsets.append(out.count)
        out += Array("3 0 obj\n<</Title ".utf8) + PDFValue.text(title).serialized + Array(" /Producer (test)>>\nendobj\n".utf8)
        for p in 0..<pages {
            object("<</Type /Page /Parent 2 0 R /MediaBox [0 0 595.2 841.8] /Contents \(5 + 2 * p) 0 R>>")
            let stream = "BT /F1 12 Tf 72 720 Td (Trang \(p + 1)) Tj ET"
            object("<</Length \(stream.utf8.count)>>\nstream\n\(stream)\nendstream")
        }
        let xref = out.count
        out += Array("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n".utf8)
        for o in offsets { out += Array(String(format: "%010d 00000 n \n", o).utf8) }
        out += Array("trailer\n<</Size \(offsets.count + 1) /Root 1 0 R /Info 3 0 R>>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }

    /// An incremental update that replaces object `number` with `body`.
    static func update(_ pdf: [UInt8], number: Int, body: String) throws -> [UInt8] {
        let file = try PDFFile(bytes: pdf)
        var out = pdf
        let at = out.count
        out += Array("\(number) 0 obj\n\(body)\nendobj\n".utf8)
        let xref = out.count
        out += Array("xref\n\(number) 1\n".utf8) + Array(String(format: "%010d 00000 n \n", at).utf8)
        let size = file.trailer["Size"]!.integer!
        out += Array("trailer\n<</Size \(size) /Root \(file.trailer["Root"]!.reference!) 0 R /Prev \(file.revisions.last!.xrefOffset)>>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }
}
