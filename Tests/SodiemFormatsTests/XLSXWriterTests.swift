import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats

/// `python3` with openpyxl, if installed.
private let openpyxl: String? = {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin"]
    for path in folders.map({ $0 + "/python3" }) where FileManager.default.isExecutableFile(atPath: path) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-c", "import openpyxl"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { continue }
        process.waitUntilExit()
        if process.terminationStatus == 0 { return path }
    }
    return nil
}()

private let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Runs a program; its standard output and status.
private func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

private func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-writer-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private let sample: [XLSXSheet] = [
    XLSXSheet(name: "6A1 toán", header: ["ma_hs", "ho_ten", "tx1", "gk", "nhan_xet"],
              columns: [.text, .text, .score, .score, .choice(["Đ", "CĐ"])],
              rows: [["0012345", "Nguyễn Thị Mây", "7.5", "vắng", "Đ"],
                     ["HS0002", "Trần \"Gió\" <Văn> & _x0041_", "10", "", "CĐ"],
                     ["HS0003", " Lê Sương ", "", "8,5", ""]]),
    XLSXSheet(name: "6A1 toán", header: ["a"], rows: [["tab\there\nnew line"]]),   // a duplicate name gets a suffix
]

@Suite("XLSX writing")
struct XLSXWriterTests {
    @Test("What we write, we read back: text with leading zeros, scores as numbers, odd characters")
    func roundTrip() throws {
        let data = try XLSXWriter.write(sample, modified: Instant(seconds: 1_764_000_000, offset: 25200))
        #expect(InputKind.of(data) == .xlsx)
        let book = try Spreadsheet.read(data, file: "x.xlsx")
        #expect(book.sheets.map(\.name) == ["6A1 toán", "6A1 toán (2)"])
        let table = book.sheets[0].table
        #expect(table.header == sample[0].header)
        #expect(table.rows.map(\.fields) == [["0012345", "Nguyễn Thị Mây", "7.5", "vắng", "Đ"],
                                             ["HS0002", "Trần \"Gió\" <Văn> & _x0041_", "10", "", "CĐ"],
                                             ["HS0003", " Lê Sương ", "", "8.5"]])
        #expect(book.sheets[1].rows.map(\.fields) == [["a"], ["tab\there\nnew line"]])
        let sheetXML = String(decoding: try Zip.read(data).first { $0.path == "xl/worksheets/sheet1.xml" }!.data, as: UTF8.self)
        #expect(sheetXML.contains("state=\"frozen\""))
        #expect(sheetXML.contains("paperSize=\"9\" orientation=\"landscape\""))
        #expect(sheetXML.contains("<formula1>\"Đ,CĐ\"</formula1>"))
        #expect(sheetXML.contains("<c r=\"C2\" s=\"2\"><v>7.5</v></c>"))
    }

    @Test("The same input gives the same bytes")
    func deterministic() throws {
        let a = try XLSXWriter.write(sample, modified: Instant(seconds: 1_764_000_000, offset: 0))
        let b = try XLSXWriter.write(sample, modified: Instant(seconds: 1_764_000_000, offset: 0))
        #expect(a == b)
    }

    @Test("openpyxl opens it: values, types, number formats, the frozen pane, the list, the page setup",
          .enabled(if: openpyxl != nil, "python3 with openpyxl is not installed (pip install openpyxl)"))
    func openpyxlReads() throws {
        let folder = temporaryFolder()
        let file = folder.appendingPathComponent("out.xlsx")
        try XLSXWriter.write(sample, modified: Instant(seconds: 1_764_000_000, offset: 0)).write(to: file)
        let script = """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            print(wb.sheetnames)
            print(repr(ws['A2'].value), ws['A2'].number_format, repr(ws['C2'].value), ws['C2'].number_format, repr(ws['D2'].value))
            print(repr(ws['B3'].value), repr(ws['B4'].value), repr(ws['D4'].value))
            print(ws.freeze_panes, ws.page_setup.orientation, ws.page_setup.paperSize)
            print([(str(v.sqref), v.formula1) for v in ws.data_validations.dataValidation])
            """
        let result = try run(openpyxl!, ["-c", script, file.path])
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "['6A1 toán', '6A1 toán (2)']")
        #expect(lines.dropFirst().first == "'0012345' @ 7.5 0.0 'vắng'")
        // openpyxl leaves Excel's _x005F_ escape (a literal underscore) as it is; Excel, LibreOffice and sodiem decode it.
        #expect(lines.dropFirst(2).first == "'Trần \"Gió\" <Văn> & _x005F_x0041_' ' Lê Sương ' 8.5")
        #expect(lines.dropFirst(3).first == "A2 landscape 9")
        #expect(lines.dropFirst(4).first == "[('E2:E1000', '\"Đ,CĐ\"')]")
    }

    @Test("LibreOffice opens it and converts it to CSV with the same cells",
          .enabled(if: soffice != nil, "LibreOffice is not installed (apt-get install libreoffice-calc)"))
    func libreOfficeReads() throws {
        let folder = temporaryFolder()
        let file = folder.appendingPathComponent("out.xlsx")
        try XLSXWriter.write([sample[0]], modified: Instant(seconds: 1_764_000_000, offset: 0)).write(to: file)
        let result = try run(soffice!, ["--headless", "-env:UserInstallation=file://\(folder.path)/profile",
                                        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", folder.path, file.path])
        #expect(result.status == 0, "\(result.output)")
        let csv = try CSV.parse(try Data(contentsOf: folder.appendingPathComponent("out.csv")))
        #expect(csv.header == sample[0].header)
        #expect(csv.rows.map(\.fields) == [["0012345", "Nguyễn Thị Mây", "7.5", "vắng", "Đ"],
                                           ["HS0002", "Trần \"Gió\" <Văn> & _x0041_", "10.0", "", "CĐ"],
                                           ["HS0003", " Lê Sương ", "", "8.5", ""]])
    }
}
