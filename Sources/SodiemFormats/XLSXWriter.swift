import Foundation
import SodiemBasics

/// One worksheet to write: a header row and data rows, with a kind per column.
public struct XLSXSheet: Sendable, Equatable {
    /// How a column's cells are written.
    public enum Column: Sendable, Equatable {
        /// Text, formatted `@` so that what is typed stays text (ids keep their leading zeros).
        case text
        /// A score: a number shown `0.0` when the value is one (`7.5`, `8`), text otherwise (`vắng`).
        case score
        /// A comment-subject value: text, with a drop-down list of `values` for what is typed.
        case choice(_ values: [String])
        /// A plain number where the value is one (a count, a percentage), text otherwise.
        case number
    }

    public var name: String
    public var header: [String]
    public var columns: [Column]
    public var rows: [[String]]
    /// Column widths in characters (nil: from the longest value).
    public var widths: [Int]?

    public init(name: String, header: [String], columns: [Column]? = nil, rows: [[String]], widths: [Int]? = nil) {
        self.name = name
        self.header = header
        self.columns = columns ?? header.map { _ in .text }
        self.rows = rows
        self.widths = widths
    }
}

/// Writes minimal, valid SpreadsheetML workbooks (ECMA-376 transitional) that Excel,
/// LibreOffice and openpyxl open: stored (uncompressed) ZIP entries, which the format allows;
/// inline strings; a `0.0` number format for scores and `@` for text; the header row frozen and
/// repeated on every printed page; A4 landscape; an optional drop-down list per column.
public enum XLSXWriter {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// Style indexes in `styles.xml`.
    enum Style: Int { case general = 0, text = 1, score = 2, header = 3 }

    /// The bytes of an `.xlsx` file holding the sheets in order (at least one).
    public static func write(_ sheets: [XLSXSheet], modified: Instant) throws(SodiemError) -> Data {
        let names = uniqueNames(sheets.map(\.name))
        var entries: [ZipEntry] = []
        let sheetList = sheets.isEmpty ? [XLSXSheet(name: "Sheet1", header: [], rows: [])] : sheets
        let sheetNames = sheets.isEmpty ? ["Sheet1"] : names
        entries.append(ZipEntry(path: "[Content_Types].xml", data: Data(contentTypes(count: sheetList.count).utf8)))
        entries.append(ZipEntry(path: "_rels/.rels", data: Data("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(packageRelationships)"><Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """.utf8)))
        entries.append(ZipEntry(path: "xl/workbook.xml", data: Data(workbook(sheetNames).utf8)))
        var rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"\(packageRelationships)\">"
        for index in sheetList.indices {
            rels += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        rels += "<Relationship Id=\"rId\(sheetList.count + 1)\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/></Relationships>"
        entries.append(ZipEntry(path: "xl/_rels/workbook.xml.rels", data: Data(rels.utf8)))
        entries.append(ZipEntry(path: "xl/styles.xml", data: Data(styles.utf8)))
        for (index, sheet) in sheetList.enumerated() {
            entries.append(ZipEntry(path: "xl/worksheets/sheet\(index + 1).xml", data: Data(worksheet(sheet).utf8)))
        }
        return try Zip.write(entries, modified: modified)
    }

    /// Sheet names as Excel allows them: at most 31 characters, none of `[]:*?/\`, not empty,
    /// unique without case.
    static func uniqueNames(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.enumerated().map { index, raw in
            var name = String(raw.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31)).trimmingCharacters(in: CharacterSet(charactersIn: "' "))
            if name.isEmpty { name = "Sheet\(index + 1)" }
            var candidate = name
            var n = 2
            while seen.contains(candidate.lowercased()) {
                let suffix = " (\(n))"
                candidate = String(name.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            seen.insert(candidate.lowercased())
            return candidate
        }
    }

    static func contentTypes(count: Int) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for index in 0..<count {
            out += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return out + "</Types>"
    }

    static func workbook(_ names: [String]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><bookViews><workbookView/></bookViews><sheets>"
        for (index, name) in names.enumerated() {
            out += "<sheet name=\"\(escape(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        out += "</sheets><definedNames>"
        for (index, name) in names.enumerated() {
            // The header row printed on every page.
            out += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">'\(escape(name.replacingOccurrences(of: "'", with: "''")))'!$1:$1</definedName>"
        }
        return out + "</definedNames></workbook>"
    }

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="4">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    static func style(_ column: XLSXSheet.Column) -> Style {
        switch column {
        case .text, .choice: .text
        case .score: .score
        case .number: .general
        }
    }

    static func worksheet(_ sheet: XLSXSheet) -> String {
        let width = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        func column(_ index: Int) -> XLSXSheet.Column { index < sheet.columns.count ? sheet.columns[index] : .text }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
        out += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        if width > 0 {
            out += "<dimension ref=\"A1:\(Spreadsheet.address(row: sheet.rows.count + 1, column: width - 1))\"/>"
        }
        out += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        out += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if width > 0 {
            out += "<cols>"
            for index in 0..<width {
                let longest = ([index < sheet.header.count ? sheet.header[index] : ""] + sheet.rows.map { index < $0.count ? $0[index] : "" }).map(\.count).max() ?? 0
                let chars = sheet.widths.flatMap { index < $0.count ? $0[index] : nil } ?? min(40, max(6, longest + 2))
                out += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(chars)\" style=\"\(style(column(index)).rawValue)\" customWidth=\"1\"/>"
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        var all = [sheet.header] + sheet.rows
        if sheet.header.isEmpty && sheet.rows.isEmpty { all = [] }
        for (r, row) in all.enumerated() {
            out += "<row r=\"\(r + 1)\">"
            for (c, value) in row.enumerated() where !value.isEmpty {
                let ref = Spreadsheet.address(row: r + 1, column: c)
                if r == 0 {
                    out += "<c r=\"\(ref)\" s=\"\(Style.header.rawValue)\" t=\"inlineStr\"><is>\(textElement(value))</is></c>"
                    continue
                }
                let kind = column(c)
                let numeric = (kind == .score || kind == .number) ? number(value) : nil
                if let numeric {
                    out += "<c r=\"\(ref)\" s=\"\(style(kind).rawValue)\"><v>\(numeric)</v></c>"
                } else {
                    out += "<c r=\"\(ref)\" s=\"\(style(kind).rawValue)\" t=\"inlineStr\"><is>\(textElement(value))</is></c>"
                }
            }
            out += "</row>"
        }
        out += "</sheetData>"
        let lastRow = max(1000, sheet.rows.count + 1)
        var validations: [String] = []
        for index in 0..<width {
            guard case .choice(let values) = column(index), !values.isEmpty else { continue }
            let letter = Spreadsheet.columnName(index)
            // A warning, not a stop: `vắng` and the long forms are still accepted when typed.
            validations.append("<dataValidation type=\"list\" errorStyle=\"warning\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"\(letter)2:\(letter)\(lastRow)\"><formula1>\"\(escape(values.joined(separator: ",")))\"</formula1></dataValidation>")
        }
        if !validations.isEmpty {
            out += "<dataValidations count=\"\(validations.count)\">" + validations.joined() + "</dataValidations>"
        }
        out += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        out += "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        return out + "</worksheet>"
    }

    /// The value as a SpreadsheetML number when it is a plain decimal (`7.5`, `7,5`, `10`, `-3`),
    /// with `.` as the mark; nil otherwise (and for text with leading zeros such as `007`).
    static func number(_ value: String) -> String? {
        let text = value.replacingOccurrences(of: ",", with: ".")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first else { return nil }
        let digits = whole.hasPrefix("-") ? whole.dropFirst() : whole[...]
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if digits.count > 1 && digits.hasPrefix("0") { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].count <= 6, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        return text
    }

    /// A `<t>` element, keeping spaces and encoding what XML 1.0 cannot hold as `_xHHHH_`.
    static func textElement(_ value: String) -> String {
        let preserve = value.first?.isWhitespace == true || value.last?.isWhitespace == true || value.contains("\n")
        return (preserve ? "<t xml:space=\"preserve\">" : "<t>") + escape(value, cellText: true) + "</t>"
    }

    /// XML escaping; in cell text, control characters and a literal `_xHHHH_` are escaped Excel's way.
    static func escape(_ value: String, cellText: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        let scalars = Array(value.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "_" where cellText && i + 6 < scalars.count && scalars[i + 1] == "x" && scalars[i + 6] == "_"
                && scalars[(i + 2)...(i + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }):
                out += "_x005F_"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += cellText ? "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_" : ""
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
