import Foundation
import Testing
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore

/// Runs a tool (chromium, pdftotext, pdfinfo) and returns its standard output; nil when it is missing or fails.
private func tool(_ name: String, _ arguments: [String]) -> String? {
    guard let path = ["/usr/bin/", "/usr/local/bin/", "/bin/"].map({ $0 + name }).first(where: FileManager.default.isExecutableFile) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    guard let handle = try? FileHandle(forWritingTo: out) else { return nil }
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    process.waitUntilExit()
    try? handle.close()
    defer { try? FileManager.default.removeItem(at: out) }
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: FileManager.default.contents(atPath: out.path) ?? Data(), as: UTF8.self)
}

private let hasChromium = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo")

/// Renders an HTML file to PDF in headless Chromium and returns (text, pages).
private func pdf(_ html: URL) throws -> (text: String, pages: Int) {
    let pdf = html.deletingPathExtension().appendingPathExtension("pdf")
    _ = tool("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString])
    let text = try #require(tool("pdftotext", ["-layout", pdf.path, "-"]))
    let info = try #require(tool("pdfinfo", [pdf.path]))
    let line = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") })
    return (text, Int(line.split(separator: " ").last!)!)
}

/// The number a document promises for its own length ("Sổ gồm N trang").
private func promisedPages(_ html: String) -> Int? {
    guard let range = html.range(of: #"Sổ gồm (\d+) trang"#, options: .regularExpression) else { return nil }
    return Int(html[range].split(separator: " ")[2])
}

/// Every HTML document must be self-contained and carry the audit anchor of the log's last line.
private func checkSelfContained(_ html: String, anchor: (Int, String), names: [String], _ what: String) {
    #expect(html.hasPrefix("<!DOCTYPE html>"), "\(what)")
    #expect(!html.lowercased().contains("<script"), "\(what) has a script")
    #expect(!html.contains("http://") && !html.contains("https://"), "\(what) refers to the network")
    #expect(html.contains("sự kiện số \(anchor.0), mã băm \(anchor.1)"), "\(what) lacks the footer anchor")
    for name in names { #expect(html.contains(HTML.escape(name)), "\(what) lacks \(name)") }
}

@Suite("Printing, end to end", .enabled(if: Sodiem.isRoot, "needs root for the demo school"), .serialized)
struct PrintingEndToEndTests {
    /// The demo school, its 6A1 students (class-list order) and the log's last seq and hash.
    static func demo() throws -> (Sodiem, [(id: String, name: String)], (Int, String)) {
        let s = Sodiem()
        let built = s.run(["demo"])
        #expect(built.status == 0, "\(built)")
        let list = s.run(["students", "--class", "6A1", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [String: Any]
        let students = (json["students"] as! [[String: Any]]).map { (id: $0["id"] as! String, name: $0["name"] as! String) }
        let log = try #require(s.dataFile("audit.log"))
        let last = log.split(separator: UInt8(ascii: "\n")).last!
        let event = try JSONSerialization.jsonObject(with: Data(last)) as! [String: Any]
        let hash = SHA256.hexString(SHA256.hash(Array(last)))
        return (s, students, (event["seq"] as! Int, String(hash.prefix(16))))
    }

    @Test("the class ledger of 6A1: every name, no network, the footer anchor, the promised pages in the PDF")
    func classLedger() throws {
        let (s, students, anchor) = try Self.demo()
        #expect(students.count > 30)
        let out = s.folder.appendingPathComponent("so-6A1.html")
        let run = s.run(["print-ledger", "--class", "6A1", "--term", "1", "--out", out.path])
        #expect(run.status == 0, "\(run)")
        let html = try String(contentsOf: out, encoding: .utf8)
        checkSelfContained(html, anchor: anchor, names: students.map(\.name), "ledger")
        let n = students.count
        func pages(_ rows: Int) -> Int { (n + rows - 1) / rows }
        // cover, teachers, particulars (15 a page), 5 months (25), 12 subjects (30), the summary (25), signatures
        let expected = 2 + pages(15) + 5 * pages(25) + 12 * pages(30) + pages(25) + 1
        #expect(promisedPages(html) == expected)
        #expect(s.dataState().keys.contains("/audit.log"))
        let text = s.run(["print-ledger", "--class", "6A1", "--term", "1", "--format", "text"])
        #expect(text.status == 0 && text.stdout.contains(students[0].name) && text.stdout.contains("Summary of term 1"), "\(text)")
        if hasChromium {
            let (pdfText, count) = try pdf(out)
            #expect(count == expected)
            for student in students { #expect(pdfText.contains(student.name), "PDF lacks \(student.name)") }
            #expect(pdfText.contains("sự kiện số \(anchor.0)"))
        }
    }

    @Test("the blank gradebook of an enterer: every name, sheets per part, the promised pages; refused for another teacher")
    func blankGradebook() throws {
        let (s, students, anchor) = try Self.demo()
        let out = s.folder.appendingPathComponent("so-trang.html")
        let run = s.run(["print-ledger", "--teacher", "gv.long01", "--blank", "--term", "1", "--out", out.path])
        #expect(run.status == 0, "\(run)")
        let html = try String(contentsOf: out, encoding: .utf8)
        checkSelfContained(html, anchor: anchor, names: students.map(\.name), "blank gradebook")
        #expect(html.contains("Phân môn Vật lí"))  // gv.long01 also enters KHTN
        #expect(html.contains("Ban giám hiệu kí, đóng dấu"))
        #expect(s.run(["print-ledger", "--teacher", "gv.long01", "--blank", "--term", "1"], as: "gv.an02").status == 77)
        #expect(s.run(["print-ledger", "--teacher", "gv.long01", "--blank", "--term", "1"], as: "gv.long01").status == 0)
        #expect(s.run(["print-ledger", "--teacher", "nobody", "--blank", "--term", "1"]).status == 66)
        let sheet = s.run(["print-ledger", "--class", "6A1", "--subject", "toan", "--term", "1"])
        #expect(sheet.status == 0 && students.allSatisfy { sheet.stdout.contains($0.name) }, "\(sheet.status) \(sheet.stderr)")
        if hasChromium {
            let (pdfText, count) = try pdf(out)
            #expect(count == promisedPages(html))
            for student in students { #expect(pdfText.contains(student.name), "PDF lacks \(student.name)") }
        }
    }

    @Test("transcripts of 6A1 into a folder: a file per student and index.html; cover + particulars + 2 pages a year")
    func transcripts() throws {
        let (s, students, anchor) = try Self.demo()
        let folder = s.folder.appendingPathComponent("hoc-ba-6A1")
        let run = s.run(["print-transcript", "--class", "6A1", "--out", folder.path])
        #expect(run.status == 0, "\(run)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == (students.map { "\($0.id).html" } + ["index.html"]).sorted())
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        checkSelfContained(index, anchor: anchor, names: students.map(\.name), "index")
        for student in students {
            let html = try String(contentsOf: folder.appendingPathComponent("\(student.id).html"), encoding: .utf8)
            checkSelfContained(html, anchor: anchor, names: [student.name], student.id)
            #expect(html.contains("Số đăng bộ: <b>\(student.id)</b>"))
        }
        // The parent of the folder must exist (73); a single student goes to stdout.
        #expect(s.run(["print-transcript", "--class", "6A1", "--out", s.folder.appendingPathComponent("no/such").path]).status == 73)
        #expect(s.run(["print-transcript", "--class", "6A1"]).status == 64)
        #expect(s.run(["print-transcript", "--student", "HS9999"]).status == 66)
        let one = s.run(["print-transcript", "--student", students[0].id, "--cover"])
        #expect(one.status == 0 && one.stdout.contains(HTML.escape(students[0].name)) && !one.stdout.contains("Kết quả học tập năm học"))
        #expect(s.run(["print-transcript", "--student", students[0].id], as: "gv.vinh04").status == 77)  // teaches no 6A1 subject
        if hasChromium {
            for student in students.prefix(2) {
                let (pdfText, count) = try pdf(folder.appendingPathComponent("\(student.id).html"))
                #expect(count == 4)  // one year held: cover, particulars, subjects, homeroom part
                #expect(pdfText.contains(student.name))
            }
            let (indexText, _) = try pdf(folder.appendingPathComponent("index.html"))
            for student in students { #expect(indexText.contains(student.name)) }
        }
    }
}
