import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats

@Suite("CSV")
struct CSVTests {
    private func parse(_ text: String, separator: Character? = nil) throws(CSVError) -> CSVTable {
        try CSV.parse(Data(text.utf8), separator: separator)
    }

    @Test("Excel export: BOM, semicolons, CRLF, quoted decimal comma")
    func excelSemicolon() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("Mã học sinh;Họ và tên;Điểm\r\nHS001;Nguyễn Thị Mai;\"7,5\"\r\nHS002;Phạm Văn Hùng;8\r\n".utf8))
        let table = try CSV.parse(data)
        #expect(table.separator == ";")
        #expect(table.header == ["Mã học sinh", "Họ và tên", "Điểm"])
        #expect(table.rows == [
            CSVRow(line: 2, fields: ["HS001", "Nguyễn Thị Mai", "7,5"]),
            CSVRow(line: 3, fields: ["HS002", "Phạm Văn Hùng", "8"]),
        ])
    }

    @Test("Separator detection", arguments: [
        ("a,b,c\n", Character(",")),
        ("a;b;c\n", ";"),
        ("a;b,c;d\n", ";"),
        ("a,b;c,d\n", ","),
        ("a;b\n", ";"),
        ("\"x;y;z\",b\n", ","),   // separators inside quotes do not count
        ("one\n", ","),          // tie (none) means comma
        ("a,b\n;;;;;\n", ","),   // only the header line counts
    ])
    func detection(_ text: String, _ expected: Character) throws {
        #expect(try parse(text).separator == expected)
    }

    @Test("Explicit separator wins over detection")
    func explicitSeparator() throws {
        let table = try parse("a;b,c\n1;2,3\n", separator: ",")
        #expect(table.header == ["a;b", "c"])
        #expect(table.rows[0].fields == ["1;2", "3"])
        #expect(throws: CSVError.unsupportedSeparator("\"")) { try parse("a", separator: "\"") }
        #expect(throws: CSVError.unsupportedSeparator("đ")) { try parse("a", separator: "đ") }
        #expect(try parse("a\tb\n1\t2\n", separator: "\t").rows[0].fields == ["1", "2"])
    }

    @Test("Embedded newlines are kept as written and line numbers stay physical")
    func embeddedNewlines() throws {
        let text = "id,ghi_chu,x\r\n1,\"dòng một\r\ndòng hai\",a\r\n2,\"LF\nonly\",b\n3,\"CR\ronly\",c\r4,plain,d\n"
        let table = try parse(text)
        #expect(table.rows.map(\.line) == [2, 4, 6, 8])
        #expect(table.rows[0].fields[1] == "dòng một\r\ndòng hai")
        #expect(table.rows[0].fields[1].unicodeScalars.count == "dòng một".unicodeScalars.count + 2 + "dòng hai".unicodeScalars.count)
        #expect(table.rows[1].fields[1] == "LF\nonly")
        #expect(table.rows[2].fields[1] == "CR\ronly")
        #expect(table.rows[3].fields == ["4", "plain", "d"])
    }

    @Test("Doubled quotes, empty quoted fields, spaces around quotes")
    func quotes() throws {
        let table = try parse("a,b,c\n\"He said \"\"7,5\"\"\",\"\",x\n  \"padded\"  ,\" keep \",\"\"\"\"\n")
        #expect(table.rows[0].fields == ["He said \"7,5\"", "", "x"])
        #expect(table.rows[1].fields == ["padded", " keep ", "\""])
    }

    @Test("Short rows, trailing separators, unquoted spaces kept")
    func shortRows() throws {
        let table = try parse("a,b,c\n1\n1,2,\n , x \n")
        #expect(table.rows[0].fields == ["1"])
        #expect(table.rows[0][field: 2] == "")
        #expect(table.rows[1].fields == ["1", "2", ""])
        #expect(table.rows[2].fields == [" ", " x "])
    }

    @Test("Empty input, header only, trailing and blank lines")
    func emptyAndBlank() throws {
        for empty in ["", "\u{FEFF}", "\n", "\r\n\r\n"] {
            let table = try parse(empty)
            #expect(table.header.isEmpty && table.rows.isEmpty, "\(String(reflecting: empty))")
        }
        #expect(try parse("a;b").header == ["a", "b"])
        #expect(try parse("a;b\r\n").rows.isEmpty)
        let table = try parse("a\n1\n\n2\n\n\n")
        #expect(table.rows == [CSVRow(line: 2, fields: ["1"]), CSVRow(line: 4, fields: ["2"])])
        #expect(try parse("a,b\n1,2").rows == [CSVRow(line: 2, fields: ["1", "2"])]) // no final line end
    }

    @Test("Errors carry the physical line", arguments: [
        ("a,b\n1,2\n3,\"open\n\nstill open", CSVError.unterminatedQuote(line: 3)),
        ("a,b\n1,2\n3,4\n5,x\"y\n", .strayQuote(line: 4)),
        ("a,b\n\"multi\nline\"z,1\n", .strayQuote(line: 3)),
        ("a,b\r\n1,2\r\n\r\nab\"\r\n", .strayQuote(line: 4)),
        ("a\r1\r\"x\r\ry\"\r\"", .unterminatedQuote(line: 6)),
    ])
    func errors(_ text: String, _ expected: CSVError) {
        #expect(throws: expected) { try parse(text) }
    }

    @Test("Invalid UTF-8 names the line")
    func invalidUTF8() {
        // "Nguy\xEA\xF1" is how a Windows-1258 file looks to a UTF-8 reader.
        var data = Data("ma_hs,ho_ten\r\nHS01,Lò Văn Tú\r\nHS02,\"a\nb\"\r\nHS03,Nguy".utf8)
        data.append(contentsOf: [0xEA, 0xF1, 0x0D, 0x0A])
        #expect(throws: CSVError.invalidUTF8(line: 5)) { try CSV.parse(data) }
        #expect(throws: CSVError.invalidUTF8(line: 1)) { try CSV.parse(Data([0xFF, 0x2C, 0x61])) }
        #expect(CSVError.invalidUTF8(line: 5).line == 5)
        #expect(CSVError.invalidUTF8(line: 5).description.contains("line 5"))
    }

    @Test("Writer quotes only when needed")
    func writer() {
        let text = CSV.write(header: ["ma_hs", "ho_ten", "diem"],
                             rows: [["HS01", "Hà Thị Lan", "7.5"],
                                    ["HS02", "Vũ \"Bé\" Na", "7,5"],
                                    ["HS03", " lề ", "a;b"],
                                    ["HS04", "hai\ndòng", ""]])
        #expect(text == """
            ma_hs,ho_ten,diem
            HS01,Hà Thị Lan,7.5
            HS02,"Vũ ""Bé"" Na","7,5"
            HS03," lề ","a;b"
            HS04,"hai
            dòng",

            """)
        #expect(CSV.write(header: ["a", "b"], rows: [["1", "2"]], separator: ";", bom: true) == "\u{FEFF}a;b\n1;2\n")
        #expect(CSV.write(header: ["x"], rows: [[""], ["y"]]) == "x\n\"\"\ny\n")
        #expect(CSV.write(header: [], rows: []) == "")
    }

    @Test("Round trip: write then parse gives the table back", arguments: [",", ";"] as [Character])
    func roundTrip(_ separator: Character) throws {
        var rng = SplitMix64(seed: 0x50D1E4)
        let pieces = ["a", "Ă", "ơ", "Đức", "7,5", " ", ";", ",", "\"", "\r\n", "\n", "\r", "\t", "x y", "😀", "", "Ngữ văn"]
        for _ in 0..<200 {
            let columns = Int(rng.next() % 5) + 1
            func field() -> String {
                (0..<Int(rng.next() % 4)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            }
            var header = (0..<columns).map { _ in field() }
            if header.allSatisfy(\.isEmpty) { header[0] = "h" } // an all-empty header is a blank line
            let rows = (0..<Int(rng.next() % 6)).map { _ in (0..<columns).map { _ in field() } }
            let bom = rng.next() % 2 == 0
            let text = CSV.write(header: header, rows: rows, separator: separator, bom: bom)
            let detected = try CSV.parse(Data(text.utf8))
            let explicit = try CSV.parse(Data(text.utf8), separator: separator)
            #expect(explicit.header == header)
            #expect(explicit.rows.map(\.fields) == rows, "\(String(reflecting: text))")
            #expect(detected.rows.map(\.fields) == explicit.rows.map(\.fields) || columns == 1)
            // Physical lines: each record starts after the line ends of those before it.
            var line = 1
            for (record, row) in zip([header] + rows, [CSVRow(line: 1, fields: header)] + explicit.rows) {
                #expect(row.line == line)
                line += 1 + record.reduce(0) { $0 + lineEnds(in: $1) }
            }
        }
    }

    private func lineEnds(in string: String) -> Int {
        // CRLF is one line end, like the parser counts it.
        string.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.filter { $0 == "\n" || $0 == "\r" }.count
    }
}

