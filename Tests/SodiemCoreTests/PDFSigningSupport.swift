import Foundation
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemCore

/// Tools the signing tests need, found once.
enum Tools {
    static func onPath(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }
    static let openssl = onPath("openssl")
    static let chromium = onPath("chromium") || onPath("chromium-browser") || onPath("google-chrome")
    static let pdfsig = onPath("pdfsig")

    /// Runs a program to the end (tests only), returning status and combined output.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String]? = nil) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try! process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A test CA and certificates made with openssl in a temporary folder, once per test run.
final class TestPKI: @unchecked Sendable {
    let folder: String
    static let shared = TestPKI()

    private init() {
        folder = NSTemporaryDirectory() + "sodiem-pki-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard Tools.openssl else { return }
        let f = folder
        Tools.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(f)/ca.key", "-out", "\(f)/ca.pem",
                   "-subj", "/C=VN/O=So GD Thu Nghiem/CN=Test CA", "-days", "30"])
        issue("gvcn", key: ["-newkey", "rsa:2048"], subject: "/C=VN/O=Truong THCS Song May/CN=Tran Thi Thu Mai", days: "30")
        issue("ht", key: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], subject: "/C=VN/O=Truong THCS Song May/CN=Le Van Hieu Truong", days: "30")
        issue("expired", key: ["-newkey", "rsa:2048"], subject: "/C=VN/CN=Het Han", days: "-1")
        issue("weak", key: ["-newkey", "rsa:1024"], subject: "/C=VN/CN=Khoa Yeu", days: "30")
        Tools.run(["openssl", "pkcs12", "-export", "-inkey", "\(f)/gvcn.key", "-in", "\(f)/gvcn.pem", "-certfile", "\(f)/ca.pem",
                   "-out", "\(f)/gvcn.p12", "-passout", "pass:mat-khau-1"])
        Tools.run(["openssl", "pkcs12", "-export", "-inkey", "\(f)/expired.key", "-in", "\(f)/expired.pem",
                   "-out", "\(f)/expired.p12", "-passout", "pass:x"])
        // Another CA nobody trusts.
        Tools.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(f)/other.key", "-out", "\(f)/other.pem",
                   "-subj", "/CN=Other CA", "-days", "30"])
    }

    private func issue(_ name: String, key: [String], subject: String, days: String) {
        let f = folder
        Tools.run(["openssl", "req"] + key + ["-nodes", "-keyout", "\(f)/\(name).key", "-out", "\(f)/\(name).csr", "-subj", subject])
        Tools.run(["openssl", "x509", "-req", "-in", "\(f)/\(name).csr", "-CA", "\(f)/ca.pem", "-CAkey", "\(f)/ca.key",
                   "-CAcreateserial", "-days", days, "-out", "\(f)/\(name).pem"])
    }

    func path(_ name: String) -> String { folder + "/" + name }
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
