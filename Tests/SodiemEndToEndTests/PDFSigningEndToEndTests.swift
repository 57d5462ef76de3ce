import Foundation
import Testing
import SodiemBasics
import SodiemFormats

/// Tools these tests need; each test is skipped (with the reason) when one is missing.
private enum PDFTools {
    static func path(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/bin/"].map { $0 + name }.first(where: FileManager.default.isExecutableFile)
    }
    static let chromium = path("chromium") != nil || path("chromium-browser") != nil || path("google-chrome") != nil
    static let openssl = path("openssl") != nil
    static let poppler = path("pdfsig") != nil && path("pdftotext") != nil && path("pdfinfo") != nil
    static let all = chromium && openssl && poppler

    /// Runs a tool; its status and combined output.
    @discardableResult
    static func run(_ arguments: [String], in folder: URL? = nil) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pdftool-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try! FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = handle
        try! process.run()
        process.waitUntilExit()
        try? handle.close()
        defer { try? FileManager.default.removeItem(at: out) }
        return (process.terminationStatus, String(decoding: FileManager.default.contents(atPath: out.path) ?? Data(), as: UTF8.self))
    }

    static func validCount(_ pdfsigOutput: String) -> Int {
        pdfsigOutput.components(separatedBy: "Signature Validation: Signature is Valid.").count - 1
    }
}

/// A test CA and certificates for the homeroom teacher and the principal, made with openssl in the test's folder.
private struct TestCA {
    let folder: URL
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    init(in parent: URL) {
        folder = parent.appendingPathComponent("pki")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let f = folder.path
        PDFTools.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(f)/ca.key", "-out", "\(f)/ca.pem",
                      "-subj", "/C=VN/O=So GD Thu Nghiem/CN=Test CA", "-days", "30"])
        for (name, subject, days) in [("gvcn", "/C=VN/O=Truong THCS Thu Nghiem/CN=Chu Nhiem Sau", "30"),
                                      ("ht", "/C=VN/O=Truong THCS Thu Nghiem/CN=Hieu Truong Thu", "30"),
                                      ("old", "/C=VN/CN=Chung Thu Cu", "-1")] {
            PDFTools.run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(f)/\(name).key", "-out", "\(f)/\(name).csr", "-subj", subject])
            PDFTools.run(["openssl", "x509", "-req", "-in", "\(f)/\(name).csr", "-CA", "\(f)/ca.pem", "-CAkey", "\(f)/ca.key",
                          "-CAcreateserial", "-days", days, "-out", "\(f)/\(name).pem"])
        }
        PDFTools.run(["openssl", "pkcs12", "-export", "-inkey", "\(f)/gvcn.key", "-in", "\(f)/gvcn.pem", "-certfile", "\(f)/ca.pem",
                      "-out", "\(f)/gvcn.p12", "-passout", "pass:mat-khau-gvcn"])
        PDFTools.run(["openssl", "pkcs12", "-export", "-inkey", "\(f)/old.key", "-in", "\(f)/old.pem",
                      "-out", "\(f)/old.p12", "-passout", "pass:cu"])
    }
}

@Suite("PDF printing and signed transcripts (end to end)", .enabled(if: Sodiem.isRoot, "needs root (--as, SODIEM_NOW)"))
struct PDFSigningEndToEndTests {
    static let day = "2024-09-20"

    @Test("A class's transcripts as one PDF: every student from a new sheet, the text, the title, no browser header",
          .enabled(if: PDFTools.chromium && PDFTools.poppler, "needs chromium and poppler-utils"))
    func classTranscriptsPDF() throws {
        let s = Sodiem.smallSchool()
        let out = s.folder.appendingPathComponent("hoc-ba-6A1.pdf").path
        let r = s.run(["print-transcript", "--class", "6A1", "--format", "pdf", "--out", out], as: "cn.6a1", now: Self.day)
        #expect(r.status == 0, "\(r)")
        let bytes = try #require(FileManager.default.contents(atPath: out))
        #expect(bytes.starts(with: Array("%PDF-".utf8)))
        let (_, info) = PDFTools.run(["pdfinfo", out])
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last!) }
        #expect(pages == 3 * 4, "\(info)")   // three students × (cover, particulars, subjects, homeroom)
        #expect(info.contains("Title:") && info.contains("Học bạ lớp 6A1 – 2024-2025"), "\(info)")
        let (_, text) = PDFTools.run(["pdftotext", "-layout", out, "-"])
        for name in ["Trần Văn Bảo", "Lê Thị An", "Đỗ Văn Cường"] { #expect(text.contains(name), "\(name)") }
        #expect(text.contains("Ảnh"))
        #expect(!text.contains("file://") && !text.contains("document.html"), "the browser's header or footer is printed")
        // Each student starts on a page of its own: the covers are pages 1, 5, 9.
        for (index, page) in [1, 5, 9].enumerated() {
            let (_, one) = PDFTools.run(["pdftotext", "-f", "\(page)", "-l", "\(page)", out, "-"])
            #expect(one.uppercased().contains("HỌC BẠ"), "page \(page) (student \(index + 1)) is not a cover")
        }
        let (_, fonts) = PDFTools.run(["pdffonts", out])
        let rows = fonts.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains(" yes ") }, "a font is not embedded:\n\(fonts)")
        // The ledger prints too, and HTML under a .pdf name is refused.
        let ledger = s.folder.appendingPathComponent("so-6A1.pdf").path
        #expect(s.run(["print-ledger", "--class", "6A1", "--term", "1", "--out", ledger], as: "cn.6a1", now: Self.day).status == 0)
        #expect(s.run(["print-ledger", "--class", "6A1", "--format", "html", "--out", ledger + "x.pdf"], as: "cn.6a1", now: Self.day).status == 64)
        #expect(!FileManager.default.fileExists(atPath: ledger + "x.pdf"))
        // A device is written in place, never renamed over.
        #expect(s.run(["print-transcript", "--student", "A1", "--format", "pdf", "--out", "/dev/null"], as: "cn.6a1", now: Self.day).status == 0)
        var device = stat()
        #expect(stat("/dev/null", &device) == 0 && (device.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test("Without a browser: 69 naming the package, nothing written")
    func noBrowser() {
        let s = Sodiem.smallSchool()
        let out = s.folder.appendingPathComponent("x.pdf").path
        let r = s.run(["print-transcript", "--student", "A1", "--format", "pdf", "--out", out], as: "cn.6a1", now: Self.day,
                      environment: ["PATH": "/nonexistent", "SODIEM_CHROMIUM": ""])
        #expect(r.status == 69, "\(r)")
        #expect(r.stderr.contains("apt-get install chromium"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("Homeroom teacher prints and signs, the principal signs: pdfsig and verify-signature accept; one byte changed: both find it",
          .enabled(if: PDFTools.all, "needs chromium, openssl and poppler-utils"))
    func signTwice() throws {
        let s = Sodiem.smallSchool()
        let ca = TestCA(in: s.folder)
        let out = s.folder.appendingPathComponent("hoc-ba-A1.pdf").path
        let first = s.run(["print-transcript", "--student", "A1", "--out", out, "--sign", "--p12", ca.path("gvcn.p12"), "--pass-env", "GVCN_PASS"],
                          as: "cn.6a1", now: Self.day, environment: ["GVCN_PASS": "mat-khau-gvcn"])
        #expect(first.status == 0, "\(first)")
        // Someone who neither is the homeroom teacher nor the principal may not sign.
        let stranger = s.run(["sign", out, "--key", ca.path("ht.key"), "--cert", ca.path("ht.pem")], as: "gv.toan", now: Self.day)
        #expect(stranger.status == 77, "\(stranger)")
        let second = s.run(["sign", out, "--key", ca.path("ht.key"), "--cert", ca.path("ht.pem"), "--chain", ca.path("ca.pem")], as: "ht", now: Self.day)
        #expect(second.status == 0, "\(second)")

        let (_, pdfsig) = PDFTools.run(["pdfsig", out])
        #expect(PDFTools.validCount(pdfsig) == 2, "\(pdfsig)")
        #expect(pdfsig.contains("Chu Nhiem Sau") && pdfsig.contains("Hieu Truong Thu"))
        let verify = s.run(["verify-signature", out, "--ca", ca.path("ca.pem"), "--format", "json"], now: Self.day)
        #expect(verify.status == 0, "\(verify)")
        let json = try JSON.parse(Data(verify.stdout.utf8))
        let signatures = json["signatures"].array ?? []
        #expect(signatures.count == 2)
        #expect(signatures.allSatisfy { $0["valid"].bool == true && $0["in_log"].bool == true && $0["covers_revision"].bool == true })
        #expect(signatures.first?["later_changes"].string == "signatures-only")
        #expect(signatures.first?["signer"].string?.contains("Chu Nhiem Sau") == true)

        // Both signatures are document.sign events with the hashes and the certificate.
        let log = s.run(["log", "--action", "document.sign", "--format", "json"], now: Self.day)
        let events = log.stdout.split(separator: "\n").compactMap { try? JSON.parse(Data($0.utf8)) }
        #expect(events.count == 2, "\(log)")
        #expect(events.first?["document"].string == "transcript" && events.first?["student"].string == "A1" && events.first?["class"].string == "6A1")
        #expect(events.first?["role"].string == "homeroom" && events.last?["role"].string == "principal")
        #expect(events.last?["signed_sha256"].string == events.first?["result_sha256"].string)
        #expect(events.last?["result_sha256"].string == SHA256.hexString(SHA256.hash(FileManager.default.contents(atPath: out)!)))
        #expect(events.last?["certificate"]["subject"].string?.contains("Hieu Truong Thu") == true)
        #expect((events.last?["certificate"]["fingerprint"].string?.count ?? 0) == 64)
        #expect(s.run(["verify"], now: Self.day).status == 0)

        // One byte changed inside the signed range.
        var bytes = [UInt8](FileManager.default.contents(atPath: out)!)
        let at = bytes.count / 4
        bytes[at] = bytes[at] == 0x41 ? 0x42 : 0x41
        let tampered = s.folder.appendingPathComponent("sua.pdf").path
        try Data(bytes).write(to: URL(fileURLWithPath: tampered))
        let (_, bad) = PDFTools.run(["pdfsig", tampered])
        #expect(PDFTools.validCount(bad) == 0, "\(bad)")
        let badVerify = s.run(["verify-signature", tampered, "--format", "json"], now: Self.day)
        #expect(badVerify.status == 65, "\(badVerify)")
        let badJSON = try JSON.parse(Data(badVerify.stdout.utf8))
        #expect(badJSON["signatures"].array?.contains { $0["valid"].bool == false } == true)
        #expect(s.run(["verify-signature", tampered, "--no-log"], now: Self.day).status == 65)
        // And nobody signs on top of it.
        #expect(s.run(["sign", tampered, "--key", ca.path("ht.key"), "--cert", ca.path("ht.pem")], as: "ht", now: Self.day).status == 65)
    }

    @Test("A PDF signed elsewhere with openssl's own tools: not in the log (65), while --no-log finds the signature valid",
          .enabled(if: PDFTools.all, "needs chromium, openssl and poppler-utils"))
    func signedElsewhere() throws {
        let s = Sodiem.smallSchool()
        let ca = TestCA(in: s.folder)
        let plain = s.folder.appendingPathComponent("ban-in.pdf").path
        #expect(s.run(["print-transcript", "--student", "A2", "--format", "pdf", "--out", plain], as: "cn.6a1", now: Self.day).status == 0)
        // The signature container by sodiem's PDF writer, the CMS by `openssl cms -sign` (it adds signing-time).
        let file = try PDFFile(bytes: [UInt8](FileManager.default.contents(atPath: plain)!))
        let placeholder = try file.prepareSignature(signer: "Ngoai", reason: nil, date: Date())
        let content = s.folder.appendingPathComponent("content.bin").path
        try Data(placeholder.signedBytes).write(to: URL(fileURLWithPath: content))
        let p7s = s.folder.appendingPathComponent("sig.p7s").path
        let (status, text) = PDFTools.run(["openssl", "cms", "-sign", "-binary", "-outform", "DER", "-in", content, "-signer", ca.path("gvcn.pem"),
                                           "-inkey", ca.path("gvcn.key"), "-md", "sha256", "-out", p7s])
        #expect(status == 0, "\(text)")
        let signed = s.folder.appendingPathComponent("ky-ngoai.pdf").path
        try Data(try placeholder.signed(with: [UInt8](FileManager.default.contents(atPath: p7s)!))).write(to: URL(fileURLWithPath: signed))

        let (_, pdfsig) = PDFTools.run(["pdfsig", signed])
        #expect(PDFTools.validCount(pdfsig) == 1, "\(pdfsig)")
        let withLog = s.run(["verify-signature", signed, "--format", "json"], now: Self.day)
        #expect(withLog.status == 65, "\(withLog)")
        let json = try JSON.parse(Data(withLog.stdout.utf8))
        #expect(json["signatures"].array?.first?["in_log"].bool == false)
        #expect(json["signatures"].array?.first?["valid"].bool == true)
        let noLog = s.run(["verify-signature", signed, "--no-log", "--ca", ca.path("ca.pem"), "--format", "json"], now: Self.day)
        #expect(noLog.status == 0, "\(noLog)")
        #expect(try JSON.parse(Data(noLog.stdout.utf8))["signatures"].array?.first?["valid"].bool == true)
        // sodiem adds no signature to a file it did not record.
        #expect(s.run(["sign", signed, "--key", ca.path("ht.key"), "--cert", ca.path("ht.pem")], as: "ht", now: Self.day).status == 65)
    }

    @Test("A wrong password or an expired certificate: a clear error, nothing written, nothing logged",
          .enabled(if: PDFTools.openssl, "needs openssl"))
    func refusals() throws {
        let s = Sodiem.smallSchool()
        let ca = TestCA(in: s.folder)
        let before = s.dataState()
        let out = s.folder.appendingPathComponent("hb.pdf").path
        let wrong = s.run(["print-transcript", "--student", "A1", "--out", out, "--sign", "--p12", ca.path("gvcn.p12"), "--pass-env", "P"],
                          as: "cn.6a1", now: Self.day, environment: ["P": "sai-mat-khau"])
        #expect(wrong.status == 77, "\(wrong)")
        #expect(wrong.stderr.contains("wrong password"))
        let expired = s.run(["print-transcript", "--student", "A1", "--out", out, "--sign", "--p12", ca.path("old.p12"), "--pass-env", "P"],
                            as: "cn.6a1", now: Self.day, environment: ["P": "cu"])
        #expect(expired.status == 65, "\(expired)")
        #expect(expired.stderr.contains("expired"))
        let noKey = s.run(["print-transcript", "--student", "A1", "--out", out, "--sign"], as: "cn.6a1", now: Self.day)
        #expect(noKey.status == 64, "\(noKey)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(s.dataState() == before)
        let nothing = s.folder.appendingPathComponent("none.pdf").path
        try Data(Array("%PDF-1.4\n".utf8)).write(to: URL(fileURLWithPath: nothing))
        #expect(s.run(["verify-signature", nothing, "--no-log"], now: Self.day).status == 65)
    }
}
