import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats

private let xlsxFolder = fixturesFolder.appendingPathComponent("xlsx")

private func workbook(_ name: String) throws -> Spreadsheet {
    try Spreadsheet.read(try Data(contentsOf: xlsxFolder.appendingPathComponent(name)), file: name)
}

/// The cell at an address (`C7`) of a sheet, "" when empty.
private func cell(_ sheet: Spreadsheet.Sheet, _ address: String) -> String {
    let (row, column) = Spreadsheet.parseAddress(address)!
    return sheet.rows.first { $0.line == row }?[field: column] ?? ""
}

@Suite("SpreadsheetML reading")
struct SpreadsheetMLTests {
    @Test("openpyxl: sheets in order, hidden ones marked, the first visible is the default")
    func openpyxlSheets() throws {
        let book = try workbook("openpyxl-basic.xlsx")
        #expect(book.sheets.map(\.name) == ["Lớp 6A1", "Danh mục", "Lớp 6A2"])
        #expect(book.sheets.map(\.visible) == [true, false, true])
        #expect(try book.sheet(named: nil, file: "x").name == "Lớp 6A1")
        #expect(try book.sheet(named: "lớp 6a2", file: "x").rows.map(\.fields) == [["ma_hs", "ho_ten"], ["HS0101", "Phạm Minh Trăng"]])
        #expect(throws: SodiemError.self) { try book.sheet(named: "7A1", file: "x") }
    }

    @Test("openpyxl: merged title and two-row header fill their ranges; numbers, booleans, dates, an uncached formula")
    func openpyxlCells() throws {
        let sheet = try workbook("openpyxl-basic.xlsx").sheets[0]
        #expect(cell(sheet, "A1") == "TRƯỜNG THCS SÔNG MÂY — DANH SÁCH LỚP 6A1")
        #expect(cell(sheet, "E1") == "TRƯỜNG THCS SÔNG MÂY — DANH SÁCH LỚP 6A1")
        #expect(cell(sheet, "F1") == "")
        #expect(sheet.rows.first { $0.line == 3 }?.fields == ["STT", "Mã học sinh", "Họ và tên", "GK", "CK"])
        #expect(sheet.rows.first { $0.line == 2 }?.fields == ["STT", "Mã học sinh", "Họ và tên", "Điểm", "Điểm"])
        #expect(cell(sheet, "B4") == "0012345678")
        #expect(cell(sheet, "D4") == "7.5")
        #expect(cell(sheet, "E4") == "8")
        #expect(cell(sheet, "F4") == "TRUE")
        #expect(cell(sheet, "G4") == "15/03/2013")
        #expect(cell(sheet, "H4") == "")       // openpyxl writes no cached value
        #expect(cell(sheet, "D5") == "7.5")    // 7.499999999999999
        #expect(cell(sheet, "D6") == "0.3")
        #expect(sheet.rows.first?.sheet == "Lớp 6A1")
        #expect(sheet.rows.first { $0.line == 5 }?.place(column: 3) == Message(vi: "ô Lớp 6A1!D5", en: "cell Lớp 6A1!D5"))
    }

    @Test("Shared strings: rich-text runs joined, phonetic runs left out, _xHHHH_ escapes and references decoded")
    func sharedStrings() throws {
        let sheet = try workbook("hand-cells.xlsx").sheets[0]
        #expect(sheet.name == "Trang 1")
        #expect(cell(sheet, "A1") == "Mã học sinh")
        #expect(cell(sheet, "B1") == "Họ và tên")
        #expect(cell(sheet, "C1") == "Dòng 1\r\nDòng 2 & <3> Đạt _x0041_")
        #expect(cell(sheet, "A2") == "HS0001")
    }

    @Test("Inline strings, str, formulas' cached values, errors, booleans, empty cells")
    func cellTypes() throws {
        let sheet = try workbook("hand-cells.xlsx").sheets[0]
        #expect(cell(sheet, "B2") == "Ngô Thị Bích")
        #expect(cell(sheet, "C2") == "ab")
        #expect(cell(sheet, "D2") == "2")
        #expect(cell(sheet, "E2") == "#DIV/0!")
        #expect(cell(sheet, "F2") == "TRUE")
        #expect(sheet.rows.first { $0.line == 2 }?.fields.count == 10)   // K2 is empty: not a field
    }

    @Test("17-digit doubles come back on the 0.1 grid; values off it keep their decimal text")
    func numbers() throws {
        let sheet = try workbook("hand-cells.xlsx").sheets[0]
        #expect(cell(sheet, "G2") == "7.5")     // 7.4999999999999991
        #expect(cell(sheet, "H2") == "8")       // 8.0000000000000018
        #expect(cell(sheet, "I2") == "7.25")    // off the grid: the score reader refuses it, naming the cell
        #expect(cell(sheet, "J2") == "0.001")
        #expect(cell(sheet, "C7") == "0.3")     // 0.30000000000000004
    }

    @Test("Rows and cells without an r address follow the previous ones")
    func addressless() throws {
        let sheet = try workbook("hand-cells.xlsx").sheets[0]
        #expect(sheet.rows.map(\.line) == [1, 2, 3, 4, 7])
        #expect(sheet.rows[2].fields == ["không địa chỉ", "5"])
        #expect(sheet.rows[3].fields == ["x", "", "6.5"])
        #expect(sheet.rows[4].fields == ["", "", "0.3"])
    }

    @Test("Prefixed element names (x:c), relative and absolute targets, a merged header, a custom date format")
    func prefixed() throws {
        let sheet = try workbook("hand-prefixed.xlsx").sheets[0]
        #expect(sheet.rows.map(\.fields) == [["ma_hs", "ho_ten", "ho_ten"], ["HS0009", "Đỗ Thu Hà", "15/03/2013"]])
    }

    @Test("Dates in the 1900 system: the phantom 29 Feb 1900, formats with text and colours, times are not dates")
    func dates1900() throws {
        let book = try workbook("hand-dates-1900.xlsx")
        #expect(!book.date1904)
        let row = try #require(book.sheets.first?.rows.first)
        #expect(row.fields == ["28/02/1900", "29/02/1900", "01/03/1900", "15/03/2013", "15/03/2013", "0.5", "7.5", "15/03/2013", "15/03/2013", "01/01/1900"])
        // The phantom day is not a real date, so the date reader refuses it.
        #expect(Day("29/02/1900") == nil)
    }

    @Test("Dates in the 1904 system")
    func dates1904() throws {
        let book = try workbook("hand-dates-1904.xlsx")
        #expect(book.date1904)
        let row = try #require(book.sheets.first?.rows.first)
        #expect(row.fields[0] == "29/02/1904")   // 59 days after 1 Jan 1904, a leap year
        #expect(row.fields[1] == "01/03/1904")
        #expect(row.fields[3] == "16/03/2017")   // 41348 + 1462
        #expect(row.fields[9] == "02/01/1904")
    }

    @Test("LibreOffice: a CSV converted by soffice reads like the CSV (ids as text, dates as serials)")
    func libreOffice() throws {
        let sheet = try workbook("libreoffice-class.xlsx").sheets[0]
        let csv = try CSV.parse("""
            STT,Mã học sinh,Họ và tên,Ngày sinh,Giới tính,GK
            1,0012345678,Nguyễn Thị Mây,15/03/2013,Nữ,7.5
            2,HS0002,Trần Văn Gió,01/12/2012,Nam,8
            3,HS0003,"Lê Hoàng, Sương",29/02/2012,Nam,9.9
            """)
        #expect(sheet.table.header == csv.header)
        #expect(sheet.table.rows.map(\.fields) == csv.rows.map(\.fields))
        #expect(sheet.table.rows.map(\.line) == [2, 3, 4])
    }

    @Test("Content decides: .xls magic, a ZIP without a workbook, text")
    func kinds() throws {
        #expect(InputKind.of(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])) == .xls)
        #expect(InputKind.of(try Data(contentsOf: xlsxFolder.appendingPathComponent("hand-cells.xlsx"))) == .xlsx)
        let zip = try Zip.write([ZipEntry(path: "a.txt", data: Data("x".utf8))], modified: Instant(seconds: 0, offset: 0))
        #expect(InputKind.of(zip) == .otherZip)
        #expect(InputKind.of(Data("ma_hs,ho_ten\n".utf8)) == .text)
        #expect {
            try Spreadsheet.read(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)), file: "cu.xls")
        } throws: { error in
            guard case SodiemError.badData(let message) = error else { return false }
            return message.en.contains("cu.xls") && message.en.contains(".xlsx") && message.vi.contains(".xlsx")
        }
    }

    @Test("Hostile sheets: a bad address, a missing shared string, a huge merge, bad XML, a DOCTYPE")
    func hostile() throws {
        func read(_ xml: String, strings: [String] = []) throws -> Spreadsheet.Sheet {
            try Spreadsheet.readSheetXML(Array(xml.utf8), name: "S", sharedStrings: strings)
        }
        #expect(throws: SodiemError.self) { try read("<worksheet><sheetData><row><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>") }
        #expect { try read("<worksheet><sheetData><row><c r=\"B2\" t=\"s\"><v>3</v></c></row></sheetData></worksheet>") } throws: { error in
            "\(error)".contains("S!B2")
        }
        #expect(throws: SodiemError.self) {
            try read("<worksheet><sheetData><row><c r=\"A1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref=\"A1:XFD1048576\"/></mergeCells></worksheet>")
        }
        #expect(throws: SodiemError.self) { try read("<worksheet><sheetData><row><c r=\"A1\"><v>1</c></row></sheetData></worksheet>") }
        #expect(throws: SodiemError.self) { try read("<!DOCTYPE x [<!ENTITY a \"b\">]><worksheet/>") }
        #expect(throws: SodiemError.self) { try read("<worksheet><sheetData><row><c r=\"A1\" t=\"inlineStr\"><is><t>&bogus;</t></is></c></row></sheetData></worksheet>") }
        #expect(try read("<worksheet><sheetData/></worksheet>").rows.isEmpty)
    }

    @Test("Decimal text to tenths without binary floating point", arguments: [
        ("7.4999999999999991", "7.5"), ("7.5000000000000009", "7.5"), ("8.0000000000000018", "8"), ("0.30000000000000004", "0.3"),
        ("10", "10"), ("0", "0"), ("-0", "0"), ("-1.2", "-1.2"), ("1E1", "10"), ("7.5E0", "7.5"), (".5", "0.5"), ("45123", "45123"),
        ("0012", "12"), ("6.6500000000000004", "6.65"), ("7.25", "7.25"), ("7.2499999999999991", "7.25"), ("0.1", "0.1"),
        ("9.9499999999999993", "9.95"), ("1e-20", "0.00000000000000000001"), ("123456789012345678", "123456789012345678"),
        ("0.33333333333333331", "0.333333333333333"), ("2.9999999999", "3"), ("2.99999", "2.99999"),
    ])
    func decimals(_ input: String, _ expected: String) {
        #expect(Spreadsheet.canonicalNumber(input) == expected)
    }

    @Test("Not numbers stay as they are")
    func notNumbers() {
        for text in ["", "abc", "1.2.3", "1e", "--1", "7,5", "1e99999"] { #expect(Spreadsheet.canonicalNumber(text) == nil, "\(text)") }
    }

    @Test("Cell addresses both ways")
    func addresses() {
        #expect(Spreadsheet.columnName(0) == "A" && Spreadsheet.columnName(25) == "Z" && Spreadsheet.columnName(26) == "AA" && Spreadsheet.columnName(16383) == "XFD")
        #expect(Spreadsheet.parseAddress("C7")! == (7, 2))
        #expect(Spreadsheet.parseAddress("$AA$10")! == (10, 26))
        #expect(Spreadsheet.parseAddress("XFE1") == nil && Spreadsheet.parseAddress("A0") == nil && Spreadsheet.parseAddress("7C") == nil)
    }
}
