import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemCore

@Suite("DER against openssl")
struct DEROpenSSLTests {
    @Test("The signed attributes are what openssl asn1parse reads: no signing-time", .enabled(if: Tools.openssl, "openssl is not installed"))
    func signedAttributesAgainstOpenSSL() throws {
        let pki = TestPKI.shared
        let cert = try #require(try Certificate.pem(String(contentsOfFile: pki.path("gvcn.pem"), encoding: .utf8)).first)
        let attributes = CMS.signedAttributes(digest: [UInt8](repeating: 0xAB, count: 32), certificate: cert)
        let path = pki.path("attrs-\(UInt32.random(in: 0...UInt32.max)).der")
        try Data(attributes.encoded).write(to: URL(fileURLWithPath: path))
        let (status, text) = Tools.run(["openssl", "asn1parse", "-inform", "DER", "-in", path])
        #expect(status == 0)
        #expect(text.contains("contentType"))
        #expect(text.contains("messageDigest"))
        #expect(text.contains("signingCertificateV2") || text.contains("1.2.840.113549.1.9.16.2.47"))
        #expect(!text.contains("signingTime"))
        #expect(text.contains(String(repeating: "AB", count: 32)))
    }
}

@Suite("Certificates")
struct CertificateTests {
    @Test("Subject, serial, validity and key read from the DER agree with openssl x509", .enabled(if: Tools.openssl, "openssl is not installed"))
    func againstOpenSSL() throws {
        let pki = TestPKI.shared
        for (name, key) in [("gvcn", "RSA 2048"), ("ht", "ECDSA P-256"), ("weak", "RSA 1024")] {
            let cert = try #require(try Certificate.pem(String(contentsOfFile: pki.path("\(name).pem"), encoding: .utf8)).first)
            let (_, serial) = Tools.run(["openssl", "x509", "-in", pki.path("\(name).pem"), "-noout", "-serial"])
            #expect(serial.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == "serial=" + cert.serialHex)
            let (_, fingerprint) = Tools.run(["openssl", "x509", "-in", pki.path("\(name).pem"), "-noout", "-fingerprint", "-sha256"])
            #expect(fingerprint.lowercased().replacingOccurrences(of: ":", with: "").contains(cert.fingerprint))
            #expect(cert.keyDescription == key)
            #expect(cert.keyIsAcceptable == (name != "weak"))
            #expect(cert.issuerText == "CN=Test CA, O=So GD Thu Nghiem, C=VN")
            #expect(cert.notAfter > Date() && cert.notBefore <= Date())
        }
        let ht = try #require(try Certificate.pem(String(contentsOfFile: pki.path("ht.pem"), encoding: .utf8)).first)
        #expect(ht.commonName == "Le Van Hieu Truong")
        #expect(ht.subjectText == "CN=Le Van Hieu Truong, O=Truong THCS Song May, C=VN")
    }
}

@Suite("PDF reading: Chromium")
struct PDFChromiumTests {
    @Test("Chromium's own output: classic table, pages, title from <title>, no browser header", .enabled(if: Tools.chromium, "Chromium is not installed"))
    func chromiumOutput() throws {
        let html = """
            <!doctype html><html><head><meta charset="utf-8"><title>Học bạ — Nguyễn Thị Mơ</title>
            <style>@page { size: A4; margin: 15mm } .p { break-after: page }</style></head>
            <body><div class="p">Trang một: Điểm 7,8</div><div class="p">Trang hai</div><div>Trang ba</div></body></html>
            """
        let pdf = try ChromiumPrinter.pdf(html: html)
        let file = try PDFFile(data: pdf)
        #expect(try file.pages().count == 3)
        #expect(try file.title() == "Học bạ — Nguyễn Thị Mơ")
        #expect(file.revisions.count == 1)
    }
}

extension PDFFile {
    init(data: Data) throws(PDFError) { try self.init(bytes: [UInt8](data)) }
}

@Suite("Helper programs")
struct HelperProgramTests {
    @Test("A missing program is 'unavailable' and names the package")
    func missing() {
        #expect {
            try HelperProgram.find(["no-such-browser-xyz"], label: "Chromium", package: "chromium", environment: ["PATH": "/nonexistent"])
        } throws: { error in
            guard case .unavailable(let m) = error as? SodiemError else { return false }
            return m.en.contains("apt-get install chromium") && m.vi.contains("chromium")
        }
        #expect(throws: SodiemError.self) { try HelperProgram.chromium(environment: ["PATH": "/nonexistent", "SODIEM_CHROMIUM": "/nonexistent/chrome"]) }
        #expect(throws: SodiemError.self) { try HelperProgram.openssl(environment: ["PATH": "/nonexistent"]) }
    }

    @Test("A helper gets a minimal environment and none of our descriptors")
    func isolation() throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        setenv("SODIEM_SECRET_TEST", "do-not-pass", 1)
        let fd = open("/etc/hostname", O_RDONLY)
        defer { close(fd) }
        let env = try HelperProgram(path: "/usr/bin/env", label: "env").run([], in: folder)
        let text = String(decoding: env.stdout, as: UTF8.self)
        #expect(env.status == 0)
        #expect(!text.contains("SODIEM_SECRET_TEST"))
        #expect(text.contains("PATH=/usr/local/bin:/usr/bin:/bin"))
        let ls = try HelperProgram(path: "/bin/ls", label: "ls").run(["/proc/self/fd"], in: folder)
        let fds = String(decoding: ls.stdout, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
        #expect(!fds.contains(Int(fd)))
        #expect(fds.allSatisfy { $0 <= 3 })   // 0, 1, 2 and ls's own directory handle
        var info = stat()
        #expect(stat(folder.path, &info) == 0 && info.st_mode & 0o777 == 0o700)
    }

    @Test("A helper that overruns its time limit is stopped")
    func timeLimit() throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        let start = Date()
        #expect(throws: SodiemError.self) { try HelperProgram(path: "/bin/sleep", label: "sleep").run(["5"], in: folder, timeLimit: 0.3) }
        #expect(Date().timeIntervalSince(start) < 3)
    }
}

@Suite("Signing", .enabled(if: Tools.openssl, "openssl is not installed"))
struct SigningTests {
    let pki = TestPKI.shared

    func homeroomKey() throws -> SigningKey {
        setenv("SODIEM_TEST_P12", "mat-khau-1", 1)
        return try SigningKey.pkcs12(pki.path("gvcn.p12"), passwordVariable: "SODIEM_TEST_P12")
    }

    func principalKey() throws -> SigningKey {
        try SigningKey.pem(key: pki.path("ht.key"), certificate: pki.path("ht.pem"), chain: pki.path("ca.pem"))
    }

    @Test("Two signatures in turn: both valid, the first sees only signatures after it, the chain checks")
    func twoSignatures() throws {
        let homeroom = try homeroomKey(), principal = try principalKey()
        defer { homeroom.remove(); principal.remove() }
        let original = SamplePDF.make()
        let first = try DocumentSigner.sign(original, key: homeroom, reason: "Giáo viên chủ nhiệm", name: "t.pdf")
        #expect(first.signedRevisionSHA256 == SHA256.hexString(SHA256.hash(original)))
        #expect(Array(first.bytes.prefix(original.count)) == original)
        let second = try DocumentSigner.sign(first.bytes, key: principal, reason: "Hiệu trưởng", name: "t.pdf")
        #expect(Array(second.bytes.prefix(first.bytes.count)) == first.bytes)

        let checks = try DocumentSigner.verify(second.bytes, ca: pki.path("ca.pem"), name: "t.pdf")
        #expect(checks.count == 2)
        let allValid = checks.allSatisfy { $0.valid }
        #expect(allValid, "\(checks.map { $0.problems })")
        #expect(checks[0].signer.contains("Tran Thi Thu Mai"))
        #expect(checks[1].signer.contains("Le Van Hieu Truong"))
        #expect(checks[0].laterChanges == .signaturesOnly)
        #expect(checks[1].laterChanges == PDFLaterChanges.none)
        #expect(checks[0].revisionSHA256 == first.resultSHA256)
        #expect(checks[1].revisionSHA256 == second.resultSHA256)
        #expect(checks[1].previousRevisionSHA256 == first.resultSHA256)
        let cms = try CMS.parse(try PDFFile(bytes: second.bytes).signatures()[0].contents)
        #expect(cms.attributeTypes.sorted() == [OID.contentType, OID.messageDigest, OID.signingCertificateV2].sorted())
        #expect(cms.certificates.count == 2)   // the signer and the CA from the .p12

        // A CA that did not issue them: the chain fails, the rest holds.
        let other = try DocumentSigner.verify(second.bytes, ca: pki.path("other.pem"), name: "t.pdf")
        #expect(other.allSatisfy { !$0.valid && $0.cmsProblem != nil && $0.digestMatches })
    }

    @Test("pdfsig accepts both signatures", .enabled(if: Tools.pdfsig, "pdfsig (poppler-utils) is not installed"))
    func pdfsigAccepts() throws {
        let homeroom = try homeroomKey(), principal = try principalKey()
        defer { homeroom.remove(); principal.remove() }
        let signed = try DocumentSigner.sign(try DocumentSigner.sign(SamplePDF.make(), key: homeroom, reason: nil, name: "t").bytes,
                                             key: principal, reason: nil, name: "t")
        let path = pki.path("pdfsig-\(UInt32.random(in: 0...UInt32.max)).pdf")
        try Data(signed.bytes).write(to: URL(fileURLWithPath: path))
        let (_, text) = Tools.run(["pdfsig", path])
        #expect(text.components(separatedBy: "Signature Validation: Signature is Valid.").count - 1 == 2, "\(text)")
        #expect(text.contains("Signature Type: ETSI.CAdES.detached"))
        #expect(text.contains("Total document signed"))
        var tampered = signed.bytes
        tampered[200] ^= 0x01
        try Data(tampered).write(to: URL(fileURLWithPath: path))
        let (_, bad) = Tools.run(["pdfsig", path])
        #expect(!bad.contains("Signature Validation: Signature is Valid."), "\(bad)")
    }

    @Test("Chromium's real output, with a link annotation, signed twice: pdfsig and verify accept",
          .enabled(if: Tools.chromium && Tools.pdfsig, "Chromium or pdfsig is not installed"))
    func chromiumSigned() throws {
        let html = "<!doctype html><html><head><meta charset='utf-8'><title>Sổ điểm 6A1</title></head><body><p>Lớp 6A1 <a href='https://example.org/'>liên kết</a></p></body></html>"
        let pdf = [UInt8](try ChromiumPrinter.pdf(html: html))
        let homeroom = try homeroomKey(), principal = try principalKey()
        defer { homeroom.remove(); principal.remove() }
        let signed = try DocumentSigner.sign(try DocumentSigner.sign(pdf, key: homeroom, reason: nil, name: "t").bytes, key: principal, reason: nil, name: "t")
        let checks = try DocumentSigner.verify(signed.bytes, ca: pki.path("ca.pem"), name: "t")
        let allValid = checks.count == 2 && checks.allSatisfy { $0.valid }
        #expect(allValid, "\(checks.map { $0.problems })")
        #expect(try PDFFile(bytes: signed.bytes).title() == "Sổ điểm 6A1")
        let path = pki.path("chromium-\(UInt32.random(in: 0...UInt32.max)).pdf")
        try Data(signed.bytes).write(to: URL(fileURLWithPath: path))
        let (_, text) = Tools.run(["pdfsig", path])
        #expect(text.components(separatedBy: "Signature Validation: Signature is Valid.").count - 1 == 2, "\(text)")
    }

    @Test("One byte changed inside the signed range: the digest no longer matches")
    func tampered() throws {
        let key = try principalKey()
        defer { key.remove() }
        var signed = try DocumentSigner.sign(SamplePDF.make(), key: key, reason: nil, name: "t").bytes
        let at = PDFFile.firstIndex(of: Array("Trang 1".utf8), in: signed, from: 0)!
        signed[at + 6] = UInt8(ascii: "9")
        let checks = try DocumentSigner.verify(signed, ca: nil, name: "t")
        #expect(checks.count == 1)
        #expect(!checks[0].valid && !checks[0].digestMatches && checks[0].coversRevision)
    }

    @Test("A later revision that changes a page's content is found")
    func laterContentChange() throws {
        let key = try principalKey()
        defer { key.remove() }
        let signed = try DocumentSigner.sign(SamplePDF.make(), key: key, reason: nil, name: "t").bytes
        let changed = try SamplePDF.update(signed, number: 5, body: "<</Length 0>>\nstream\n\nendstream")
        let checks = try DocumentSigner.verify(changed, ca: nil, name: "t")
        #expect(checks.count == 1)
        #expect(checks[0].digestMatches && checks[0].coversRevision && checks[0].cmsProblem == nil)
        guard case .other = checks[0].laterChanges else { Issue.record("later change not found"); return }
        #expect(!checks[0].valid)
        // A page whose annotations gain something that is not a signature.
        let page = try PDFFile(bytes: signed).pages().last!
        var dict = try PDFFile(bytes: signed).object(page)!.dictionary!
        dict["Contents"] = .reference(5, 0)   // the last page shows the first page's text
        let moved = try SamplePDF.update(signed, number: page, body: String(decoding: PDFValue.dictionary(dict).serialized, as: UTF8.self))
        #expect(try DocumentSigner.verify(moved, ca: nil, name: "t")[0].laterChanges != .signaturesOnly)
    }

    @Test("A CMS made by openssl cms -sign (with signing-time) verifies too; its attributes tell it apart")
    func opensslMade() throws {
        let file = try PDFFile(bytes: SamplePDF.make())
        let placeholder = try file.prepareSignature(signer: "Ngoai", reason: nil, date: Date())
        let folder = try PrivateFolder()
        defer { folder.remove() }
        try folder.write("content.bin", Data(placeholder.signedBytes))
        let (status, text) = Tools.run(["openssl", "cms", "-sign", "-binary", "-outform", "DER", "-in", folder.file("content.bin"),
                                        "-signer", pki.path("gvcn.pem"), "-inkey", pki.path("gvcn.key"), "-md", "sha256",
                                        "-out", folder.file("sig.der")])
        #expect(status == 0, "\(text)")
        let cms = [UInt8](folder.read("sig.der")!)
        let signed = try placeholder.signed(with: cms)
        let checks = try DocumentSigner.verify(signed, ca: pki.path("ca.pem"), name: "t")
        #expect(checks.count == 1 && checks[0].valid, "\(checks.map { $0.problems })")
        #expect(try CMS.parse(cms).attributeTypes.contains(OID.signingTime))
    }

    @Test("Wrong password, expired or weak certificate, mismatched key: a clear error")
    func refusals() throws {
        setenv("SODIEM_TEST_BAD", "sai", 1)
        #expect {
            try SigningKey.pkcs12(pki.path("gvcn.p12"), passwordVariable: "SODIEM_TEST_BAD")
        } throws: { error in
            guard case .notPermitted(let m) = error as? SodiemError else { return false }
            return m.en.contains("wrong password")
        }
        #expect(throws: SodiemError.self) { try SigningKey.pkcs12(pki.path("gvcn.p12"), passwordVariable: "SODIEM_UNSET_VARIABLE_XYZ") }
        setenv("SODIEM_TEST_X", "x", 1)
        #expect {
            try SigningKey.pkcs12(pki.path("expired.p12"), passwordVariable: "SODIEM_TEST_X")
        } throws: { error in
            guard case .badData(let m) = error as? SodiemError else { return false }
            return m.en.contains("expired")
        }
        #expect {
            try SigningKey.pem(key: pki.path("weak.key"), certificate: pki.path("weak.pem"), chain: nil)
        } throws: { ($0 as? SodiemError).map { if case .badData(let m) = $0 { m.en.contains("RSA 1024") } else { false } } ?? false }
        #expect {
            try SigningKey.pem(key: pki.path("ht.key"), certificate: pki.path("ht.pem"), chain: nil, now: Date().addingTimeInterval(86400 * 60))
        } throws: { ($0 as? SodiemError).map { if case .badData(let m) = $0 { m.en.contains("expired") } else { false } } ?? false }
        let mismatched = try SigningKey.pem(key: pki.path("gvcn.key"), certificate: pki.path("ht.pem"), chain: nil)
        defer { mismatched.remove() }
        #expect {
            try DocumentSigner.sign(SamplePDF.make(), key: mismatched, reason: nil, name: "t")
        } throws: { ($0 as? SodiemError).map { if case .badData(let m) = $0 { m.en.contains("does not match") } else { false } } ?? false }
        #expect {
            try DocumentSigner.sign(Array("%PDF-1.7\nnot really".utf8), key: mismatched, reason: nil, name: "x.pdf")
        } throws: { ($0 as? SodiemError).map { if case .badData(let m) = $0 { m.en.contains("x.pdf") } else { false } } ?? false }
    }

    @Test("The key's temporary copy is private and gone afterwards")
    func keyFolder() throws {
        let key = try homeroomKey()
        var info = stat()
        #expect(stat(key.folder.path, &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(FileManager.default.fileExists(atPath: key.keyPath))
        key.remove()
        #expect(!FileManager.default.fileExists(atPath: key.folder.path))
    }
}
