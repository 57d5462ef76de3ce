import Foundation
import SodiemBasics

/// What a file the user names holds, told by its bytes rather than its name.
public enum InputKind: Sendable, Equatable {
    /// An Office Open XML workbook (a ZIP with a workbook part).
    case xlsx
    /// A binary Excel 97-2003 workbook (or an encrypted .xlsx: both are OLE2 compound files).
    case xls
    /// A ZIP that holds no workbook (an OpenDocument sheet, a Word file, an archive).
    case otherZip
    /// Anything else: read as CSV.
    case text

    /// The kind of `data`: OLE2 magic D0 CF 11 E0 A1 B1 1A E1; a ZIP (PK\3\4) naming a part
    /// `xl/workbook.xml` (or any `workbook.xml` that the package's relationships point at).
    public static func of(_ data: Data) -> InputKind {
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .xls }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) else { return .text }
        // The central directory names are plain bytes: look for the workbook part's name.
        let needle = Array("workbook.xml".utf8)
        let bytes = [UInt8](data.suffix(1 << 20))
        if bytes.count >= needle.count {
            for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] {
                if bytes[i..<(i + needle.count)].elementsEqual(needle) { return .xlsx }
            }
        }
        return .otherZip
    }
}

/// A workbook read from an `.xlsx` file: its worksheets as rows of cell texts.
///
/// Reads the subset of ECMA-376 SpreadsheetML that Excel, LibreOffice, Google Sheets and
/// openpyxl write: sheets found through the relationship parts; shared strings (rich-text runs
/// joined, phonetic runs ignored, `_xHHHH_` escapes decoded) and inline strings; number,
/// boolean, error and formula cells (their cached value); rows and cells with or without an
/// address; element names with or without a namespace prefix; merged ranges (the top-left value
/// fills the range, so a merged header names every column under it); dates stored as serial
/// numbers (1900 system with its phantom 29 February 1900, or the 1904 system) become
/// `dd/mm/yyyy`; numbers become exact decimal text, those within 1e-9 of the 0.1 grid (what a
/// 17-digit double such as `7.4999999999999991` means) as their tenth, without binary floating
/// point anywhere.
public struct Spreadsheet: Sendable {
    /// One worksheet.
    public struct Sheet: Sendable, Equatable {
        /// The name on its tab.
        public let name: String
        /// False for a hidden or very hidden sheet.
        public let visible: Bool
        /// The rows that hold anything, in order; `line` is the sheet's row number, `sheet` its
        /// name, and the fields run from column A to the row's last non-empty cell.
        public let rows: [CSVRow]

        /// The sheet as a table: the first row is the header (title rows above the real header
        /// are the importers' business, as in CSV).
        public var table: CSVTable {
            CSVTable(separator: ",", header: rows.first?.fields ?? [], rows: Array(rows.dropFirst()))
        }
    }

    /// The worksheets in the workbook's order (chart and dialog sheets left out).
    public let sheets: [Sheet]
    /// The workbook counts dates from 1904 (old Mac Excel).
    public let date1904: Bool

    /// The most cells (counting the empty ones before the last in each row) a sheet may have.
    public static let cellLimit = 4_000_000

    /// The sheet called `name` (matched exactly, then without case), or the first visible one.
    public func sheet(named name: String?, file: String) throws(SodiemError) -> Sheet {
        guard let name else {
            guard let first = sheets.first(where: \.visible) ?? sheets.first else {
                throw SodiemError.badData(vi: "\(file): sổ tính không có trang tính nào.", en: "\(file): the workbook has no worksheet.")
            }
            return first
        }
        if let sheet = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return sheet
        }
        let names = sheets.map(\.name).joined(separator: ", ")
        throw SodiemError.notFound(vi: "\(file): không có trang tính \"\(name)\" (có: \(names)).",
                                   en: "\(file): there is no sheet \"\(name)\" (there are: \(names)).")
    }

    // MARK: Reading

    /// Reads a workbook; `file` names it in error messages.
    public static func read(_ data: Data, file: String) throws(SodiemError) -> Spreadsheet {
        switch InputKind.of(data) {
        case .xls:
            throw SodiemError.badData(vi: "\(file) là sổ tính Excel 97-2003 (.xls) hoặc sổ tính có mật khẩu; sodiem không đọc được. Trong Excel chọn Lưu thành → Sổ làm việc Excel (.xlsx), hoặc CSV UTF-8.",
                                      en: "\(file) is an Excel 97-2003 workbook (.xls) or a password-protected one; sodiem cannot read it. In Excel use Save As → Excel Workbook (.xlsx), or CSV UTF-8.")
        case .otherZip, .text:
            throw SodiemError.badData(vi: "\(file) không phải sổ tính Excel (.xlsx). Hãy lưu thành .xlsx hoặc CSV UTF-8.",
                                      en: "\(file) is not an Excel workbook (.xlsx). Save it as .xlsx or CSV UTF-8.")
        case .xlsx:
            break
        }
        let entries: [ZipEntry]
        do {
            entries = try Zip.read(data)
        } catch {
            throw SodiemError.badData(Message(vi: "\(file):", en: "\(file):") + error.message)
        }
        var parts: [String: [UInt8]] = [:]
        var lowercased: [String: String] = [:]
        for entry in entries {
            parts[entry.path] = [UInt8](entry.data)
            lowercased[entry.path.lowercased()] = entry.path
        }
        var reader = Reader(file: file, parts: parts, lowercased: lowercased)
        return try reader.workbook()
    }

    /// Reads a worksheet part on its own (for tests and tools): no shared strings, no styles.
    static func readSheetXML(_ xml: [UInt8], name: String, sharedStrings: [String] = [], dateStyles: Set<Int> = [], date1904: Bool = false) throws(SodiemError) -> Sheet {
        var reader = Reader(file: "test.xlsx", parts: [:], lowercased: [:])
        return try reader.sheet(xml, part: "sheet.xml", name: name, visible: true, strings: sharedStrings, dateStyles: dateStyles, date1904: date1904)
    }

    private struct Relationship {
        let id: String
        let type: String
        let target: String
    }

    private struct Reader {
        let file: String
        let parts: [String: [UInt8]]
        let lowercased: [String: String]

        func damaged(_ part: String, vi: String, en: String) -> SodiemError {
            .badData(vi: "\(file): sổ tính hỏng (\(part): \(vi)).", en: "\(file): a damaged workbook (\(part): \(en)).")
        }

        func part(_ path: String) -> [UInt8]? {
            if let bytes = parts[path] { return bytes }
            if let real = lowercased[path.lowercased()] { return parts[real] }
            return nil
        }

        /// Every event of a part, with XML errors named after the part.
        func scan(_ bytes: [UInt8], part: String, _ body: (XMLScanner.Event) throws(SodiemError) -> Void) throws(SodiemError) {
            var scanner = XMLScanner(bytes)
            while true {
                let event: XMLScanner.Event?
                do { event = try scanner.next() } catch {
                    throw damaged(part, vi: "XML hỏng ở \(error)", en: "bad XML at \(error)")
                }
                guard let event else { return }
                try body(event)
            }
        }

        /// The relationships of `part` (from `folder/_rels/name.rels`), targets resolved to part names.
        func relationships(of partName: String) throws(SodiemError) -> [Relationship] {
            let folder = partName.split(separator: "/").dropLast().joined(separator: "/")
            let name = partName.split(separator: "/").last.map(String.init) ?? ""
            let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
            guard let bytes = part(relsName) else { return [] }
            var found: [Relationship] = []
            try scan(bytes, part: relsName) { event throws(SodiemError) in
                guard case .start("Relationship", let attributes, _) = event else { return }
                if XMLScanner.attribute(attributes, "TargetMode") == "External" { return }
                guard let id = XMLScanner.attribute(attributes, "Id"), let type = XMLScanner.attribute(attributes, "Type"),
                      let target = XMLScanner.attribute(attributes, "Target") else { return }
                found.append(Relationship(id: id, type: type, target: resolve(target, from: folder)))
            }
            return found
        }

        /// A relationship target relative to `folder` (or absolute, from the package root) as a part name.
        func resolve(_ target: String, from folder: String) -> String {
            var segments: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
            for segment in target.split(separator: "/") {
                if segment == ".." { _ = segments.popLast() } else if segment != "." { segments.append(segment) }
            }
            return segments.joined(separator: "/")
        }

        mutating func workbook() throws(SodiemError) -> Spreadsheet {
            let root = try relationships(of: "")
            let workbookPart = root.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
            guard let workbookXML = part(workbookPart) else {
                throw damaged(workbookPart, vi: "không có phần sổ tính", en: "no workbook part")
            }
            let relations = try relationships(of: workbookPart)
            var date1904 = false
            var declared: [(name: String, id: String, visible: Bool)] = []
            try scan(workbookXML, part: workbookPart) { event throws(SodiemError) in
                guard case .start(let name, let attributes, _) = event else { return }
                if name == "workbookPr", let value = XMLScanner.attribute(attributes, "date1904") {
                    date1904 = value == "1" || value.lowercased() == "true"
                } else if name == "sheet" {
                    guard let sheetName = XMLScanner.attribute(attributes, "name"), let id = XMLScanner.attribute(attributes, "id") else {
                        throw damaged(workbookPart, vi: "một trang tính không có tên hoặc r:id", en: "a sheet without a name or r:id")
                    }
                    let state = XMLScanner.attribute(attributes, "state") ?? "visible"
                    declared.append((sheetName, id, state == "visible"))
                }
            }
            var strings: [String] = []
            if let target = relations.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target, let bytes = part(target) {
                strings = try sharedStrings(bytes, part: target)
            }
            var dateStyles: Set<Int> = []
            if let target = relations.first(where: { $0.type.hasSuffix("/styles") })?.target, let bytes = part(target) {
                dateStyles = try self.dateStyles(bytes, part: target)
            }
            var sheets: [Sheet] = []
            for (name, id, visible) in declared {
                guard let relation = relations.first(where: { $0.id == id }) else {
                    throw damaged(workbookPart, vi: "trang tính \(name) trỏ tới \(id) không có", en: "the sheet \(name) points to a missing \(id)")
                }
                guard relation.type.hasSuffix("/worksheet") else { continue } // chart, dialog and macro sheets
                guard let bytes = part(relation.target) else {
                    throw damaged(relation.target, vi: "thiếu phần của trang tính \(name)", en: "the part of the sheet \(name) is missing")
                }
                sheets.append(try sheet(bytes, part: relation.target, name: name, visible: visible, strings: strings, dateStyles: dateStyles, date1904: date1904))
            }
            return Spreadsheet(sheets: sheets, date1904: date1904)
        }

        /// The shared string table: each `si`'s `t` texts joined, phonetic (`rPh`) runs left out.
        func sharedStrings(_ bytes: [UInt8], part: String) throws(SodiemError) -> [String] {
            var strings: [String] = []
            var current = ""
            var inItem = false, inText = false, phonetic = 0
            try scan(bytes, part: part) { event throws(SodiemError) in
                switch event {
                case .start("si", _, _): inItem = true; current = ""
                case .end("si"): inItem = false; strings.append(Spreadsheet.unescape(current))
                case .start("rPh", _, let selfClosing): if !selfClosing { phonetic += 1 }
                case .end("rPh"): phonetic = max(0, phonetic - 1)
                case .start("t", _, _): inText = true
                case .end("t"): inText = false
                case .text(let text): if inItem && inText && phonetic == 0 { current += text }
                default: break
                }
            }
            return strings
        }

        /// The indexes of the cell formats (`cellXfs`) that show a number as a date.
        func dateStyles(_ bytes: [UInt8], part: String) throws(SodiemError) -> Set<Int> {
            var custom: [Int: String] = [:]
            var formats: [Int] = []
            var inCellXfs = false
            try scan(bytes, part: part) { event throws(SodiemError) in
                switch event {
                case .start("numFmt", let attributes, _):
                    if let id = XMLScanner.attribute(attributes, "numFmtId").flatMap({ Int($0) }), let code = XMLScanner.attribute(attributes, "formatCode") {
                        custom[id] = code
                    }
                case .start("cellXfs", _, _): inCellXfs = true
                case .end("cellXfs"): inCellXfs = false
                case .start("xf", let attributes, _) where inCellXfs:
                    formats.append(XMLScanner.attribute(attributes, "numFmtId").flatMap { Int($0) } ?? 0)
                default: break
                }
            }
            var dates: Set<Int> = []
            for (index, id) in formats.enumerated() where Spreadsheet.isDateFormat(id: id, code: custom[id]) { dates.insert(index) }
            return dates
        }

        mutating func sheet(_ bytes: [UInt8], part: String, name: String, visible: Bool, strings: [String], dateStyles: Set<Int>, date1904: Bool) throws(SodiemError) -> Sheet {
            var cells: [Int: [Int: String]] = [:]   // row number → column index → text
            var merges: [(top: Int, left: Int, bottom: Int, right: Int)] = []
            var rowNumber = 0, column = -1
            var cellType = "n", cellStyle = 0, cellAddress = (row: 0, column: 0)
            var value = "", inline = "", inValue = false, inInline = false, inText = false, phonetic = 0
            var cellCount = 0
            let file = self.file
            func place(_ row: Int, _ column: Int) -> String { "\(name)!\(Spreadsheet.address(row: row, column: column))" }
            try scan(bytes, part: part) { event throws(SodiemError) in
                switch event {
                case .start("row", let attributes, _):
                    if let r = XMLScanner.attribute(attributes, "r") {
                        guard let number = Int(r), number >= 1, number <= 1_048_576 else {
                            throw SodiemError.badData(vi: "\(file): trang tính \(name) có số hàng không hợp lệ \"\(r.prefix(20))\".", en: "\(file): the sheet \(name) has an invalid row number \"\(r.prefix(20))\".")
                        }
                        rowNumber = number
                    } else {
                        rowNumber += 1
                    }
                    column = -1
                case .start("c", let attributes, _):
                    if let r = XMLScanner.attribute(attributes, "r") {
                        guard let parsed = Spreadsheet.parseAddress(r) else {
                            throw SodiemError.badData(vi: "\(file): trang tính \(name) có địa chỉ ô không hợp lệ \"\(r.prefix(20))\".", en: "\(file): the sheet \(name) has an invalid cell address \"\(r.prefix(20))\".")
                        }
                        if rowNumber == 0 { rowNumber = parsed.row }
                        column = parsed.column
                        cellAddress = (parsed.row, parsed.column)
                    } else {
                        if rowNumber == 0 { rowNumber = 1 }
                        column += 1
                        guard column < 16384 else {
                            throw SodiemError.badData(vi: "\(file): hàng \(rowNumber) của trang tính \(name) có quá 16 384 ô.", en: "\(file): row \(rowNumber) of the sheet \(name) has over 16,384 cells.")
                        }
                        cellAddress = (rowNumber, column)
                    }
                    cellType = XMLScanner.attribute(attributes, "t") ?? "n"
                    cellStyle = XMLScanner.attribute(attributes, "s").flatMap { Int($0) } ?? 0
                    value = ""; inline = ""
                case .end("c"):
                    let text: String
                    switch cellType {
                    case "s":
                        guard let index = Int(value.trimmingSpaces()), strings.indices.contains(index) else {
                            throw SodiemError.badData(vi: "\(file): ô \(place(cellAddress.row, cellAddress.column)) trỏ tới chuỗi dùng chung \"\(value.prefix(20))\" không có.", en: "\(file): the cell \(place(cellAddress.row, cellAddress.column)) points to a missing shared string \"\(value.prefix(20))\".")
                        }
                        text = strings[index]
                    case "inlineStr": text = Spreadsheet.unescape(inline)
                    case "str", "e": text = value
                    case "b": text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
                    case "d": text = Spreadsheet.isoDate(value) ?? value
                    default:
                        let trimmed = value.trimmingSpaces()
                        if trimmed.isEmpty {
                            text = ""
                        } else if dateStyles.contains(cellStyle), let day = Spreadsheet.dateFromSerial(trimmed, date1904: date1904) {
                            text = day
                        } else {
                            text = Spreadsheet.canonicalNumber(trimmed) ?? trimmed
                        }
                    }
                    if !text.isEmpty {
                        cells[cellAddress.row, default: [:]][cellAddress.column] = text
                        cellCount += 1
                    }
                case .start("v", _, _): inValue = true
                case .end("v"): inValue = false
                case .start("is", _, _): inInline = true
                case .end("is"): inInline = false
                case .start("rPh", _, let selfClosing): if !selfClosing { phonetic += 1 }
                case .end("rPh"): phonetic = max(0, phonetic - 1)
                case .start("t", _, _): inText = true
                case .end("t"): inText = false
                case .start("mergeCell", let attributes, _):
                    guard let ref = XMLScanner.attribute(attributes, "ref") else { return }
                    let ends = ref.split(separator: ":")
                    guard let first = ends.first.flatMap({ Spreadsheet.parseAddress(String($0)) }),
                          let last = (ends.count == 2 ? Spreadsheet.parseAddress(String(ends[1])) : first) else {
                        throw SodiemError.badData(vi: "\(file): trang tính \(name) có vùng gộp ô không hợp lệ \"\(ref.prefix(30))\".", en: "\(file): the sheet \(name) has an invalid merged range \"\(ref.prefix(30))\".")
                    }
                    merges.append((min(first.row, last.row), min(first.column, last.column), max(first.row, last.row), max(first.column, last.column)))
                case .text(let text):
                    if inValue { value += text } else if inInline && inText && phonetic == 0 { inline += text }
                default: break
                }
            }
            // A merged range shows its top-left value in every cell (within the rows that exist).
            let lastRow = cells.keys.max() ?? 0
            for merge in merges {
                guard let origin = cells[merge.top]?[merge.left] else { continue }
                let bottom = min(merge.bottom, max(lastRow, merge.top))
                guard (bottom - merge.top + 1) * (merge.right - merge.left + 1) <= Spreadsheet.cellLimit else {
                    throw SodiemError.badData(vi: "\(file): trang tính \(name) gộp quá nhiều ô.", en: "\(file): the sheet \(name) merges too many cells.")
                }
                for row in merge.top...bottom {
                    for column in merge.left...merge.right where cells[row]?[column] == nil { cells[row, default: [:]][column] = origin }
                }
            }
            var rows: [CSVRow] = []
            var total = 0
            for number in cells.keys.sorted() {
                let row = cells[number]!
                let width = (row.keys.max() ?? -1) + 1
                total += width
                guard total <= Spreadsheet.cellLimit else {
                    throw SodiemError.badData(vi: "\(file): trang tính \(name) quá lớn (quá \(Spreadsheet.cellLimit) ô).", en: "\(file): the sheet \(name) is too large (over \(Spreadsheet.cellLimit) cells).")
                }
                var fields = [String](repeating: "", count: width)
                for (column, text) in row { fields[column] = text }
                rows.append(CSVRow(line: number, fields: fields, sheet: name))
            }
            return Sheet(name: name, visible: visible, rows: rows)
        }
    }

    // MARK: Cells

    /// `C7` for row 7, column index 2.
    public static func address(row: Int, column: Int) -> String { columnName(column) + String(row) }

    /// `A` for 0, `Z` for 25, `AA` for 26.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `C7` → (row 7, column 2); `$C$7` too; nil for anything outside A1:XFD1048576.
    static func parseAddress(_ text: String) -> (row: Int, column: Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((byte & 0xDF) - 64)
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(byte - 48)
                digits += 1
            default: return nil
            }
        }
        guard letters > 0, digits > 0, row >= 1, row <= 1_048_576, column <= 16384 else { return nil }
        return (row, column - 1)
    }

    /// Decodes the `_xHHHH_` escapes Excel writes for characters XML cannot hold (`_x000D_`,
    /// `_x005F_` for a literal underscore), joining surrogate pairs.
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var units: [UInt16] = []
        let source = Array(text.utf16)
        var i = 0
        while i < source.count {
            if source[i] == 0x5F, i + 6 < source.count, source[i + 1] == 0x78, source[i + 6] == 0x5F,
               let value = UInt16(String(utf16CodeUnits: Array(source[(i + 2)..<(i + 6)]), count: 4), radix: 16) {
                units.append(value)
                i += 7
            } else {
                units.append(source[i])
                i += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// A built-in date format id, or a custom code that shows days, months or years.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if let code {
            var plain = ""
            var inQuotes = false, inBrackets = false, escaped = false
            for character in code {
                if escaped { escaped = false; continue }
                switch character {
                case "\\": escaped = true
                case "\"": inQuotes.toggle()
                case "[" where !inQuotes: inBrackets = true
                case "]" where !inQuotes: inBrackets = false
                default: if !inQuotes && !inBrackets { plain.append(character) }
                }
            }
            let lower = plain.lowercased()
            if lower == "general" || lower == "standard" { return false }
            if lower.contains("d") || lower.contains("y") { return true }
            return lower.contains("m") && !lower.contains("h") && !lower.contains("s")
        }
        return (14...17).contains(id) || id == 22 || (27...36).contains(id) || (50...58).contains(id)
    }

    /// `dd/mm/yyyy` for a serial day number (its fraction, the time, dropped), or nil when the
    /// text is not a number in range. Serial 60 in the 1900 system is Lotus 1-2-3's 29 Feb 1900,
    /// which Excel kept; it is given as `29/02/1900` so that the date reader refuses it.
    static func dateFromSerial(_ text: String, date1904: Bool) -> String? {
        guard let decimal = DecimalText.parse(text), !decimal.negative else { return nil }
        let whole = decimal.integerPart
        guard whole.count <= 7, let serial = Int(whole.isEmpty ? "0" : String(whole.map { Character(Unicode.Scalar($0 + 48)) })) else { return nil }
        let day: Day
        if date1904 {
            day = Day(year: 1904, month: 1, day: 1)!.adding(days: serial)
        } else if serial == 60 {
            return "29/02/1900"
        } else if serial == 0 {
            return nil
        } else {
            day = serial < 60 ? Day(year: 1900, month: 1, day: 1)!.adding(days: serial - 1) : Day(year: 1900, month: 3, day: 1)!.adding(days: serial - 61)
        }
        guard day.components.year <= 9999 else { return nil }
        return day.vietnamese
    }

    /// `2012-03-04` or `2012-03-04T00:00:00` (cells of type `d`) as `04/03/2012`.
    static func isoDate(_ text: String) -> String? {
        guard let day = Day(String(text.prefix(10))), text.count >= 10 else { return nil }
        return day.vietnamese
    }

    /// A number cell's text as exact decimal text: its nearest tenth when within 1e-9 of it
    /// (relative), else rounded to 15 significant digits as spreadsheets show it; nil when the
    /// text is not a number.
    static func canonicalNumber(_ text: String) -> String? {
        guard let decimal = DecimalText.parse(text) else { return nil }
        return decimal.tenth ?? decimal.rounded15
    }

    /// A decimal number as digits and a power of ten, parsed from text and never through a
    /// binary double.
    struct DecimalText: Equatable {
        var negative: Bool
        /// The significant digits (values 0...9), no leading or trailing zeros; empty for zero.
        var digits: [UInt8]
        /// The value is digits × 10^exponent.
        var exponent: Int

        /// `-7.4999999999999991`, `1E-3`, `45123`, `.5`; nil for anything else.
        static func parse(_ text: String) -> DecimalText? {
            var negative = false
            var digits: [UInt8] = []
            var exponent = 0
            var seenPoint = false, seenDigit = false
            var bytes = Array(text.utf8)[...]
            if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
                negative = first == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            while let byte = bytes.first {
                if byte >= 48 && byte <= 57 {
                    seenDigit = true
                    if !(digits.isEmpty && byte == 48) { digits.append(byte - 48) }
                    if seenPoint { exponent -= 1 }
                    bytes = bytes.dropFirst()
                } else if byte == UInt8(ascii: ".") && !seenPoint {
                    seenPoint = true
                    bytes = bytes.dropFirst()
                } else {
                    break
                }
            }
            guard seenDigit else { return nil }
            if let byte = bytes.first, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                bytes = bytes.dropFirst()
                var sign = 1
                if let s = bytes.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") { sign = s == UInt8(ascii: "-") ? -1 : 1; bytes = bytes.dropFirst() }
                guard !bytes.isEmpty, bytes.count <= 4, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
                exponent += sign * Int(String(decoding: bytes, as: UTF8.self))!
                bytes = []
            }
            guard bytes.isEmpty, digits.count <= 60 else { return nil }
            while let last = digits.last, last == 0 { digits.removeLast(); exponent += 1 }
            if digits.isEmpty { return DecimalText(negative: false, digits: [], exponent: 0) }
            return DecimalText(negative: negative, digits: digits, exponent: exponent)
        }

        /// The digits before the decimal point (empty for a value below 1).
        var integerPart: [UInt8] {
            if exponent >= 0 { return digits + [UInt8](repeating: 0, count: exponent) }
            let keep = digits.count + exponent
            return keep > 0 ? Array(digits[..<keep]) : []
        }

        /// The value as tenths text (`7.5`, `8`, `-0.1`) when it lies within 1e-9 (relative) of a
        /// multiple of 0.1, else nil.
        var tenth: String? {
            if digits.isEmpty { return "0" }
            guard exponent < 40 else { return nil }
            // N = round(value × 10): m × 10^(exponent + 1).
            let shift = -(exponent + 1)
            var n: [UInt8]
            if shift <= 0 {
                n = digits + [UInt8](repeating: 0, count: -shift)
            } else {
                // r: the `shift` digits that fall below the tenths, zero-padded on the left.
                let padded = [UInt8](repeating: 0, count: max(0, shift - digits.count)) + digits
                let q = Array(padded[..<(padded.count - shift)])
                let r = Array(padded[(padded.count - shift)...])
                let d: [UInt8]
                if r[0] >= 5 {
                    n = DecimalText.increment(q)
                    d = DecimalText.complement(r) // 10^shift − r
                } else {
                    n = q
                    d = r
                }
                // Within tolerance: d / 10^shift ≤ 1e-9 × m / 10^shift, i.e. d × 10^9 ≤ m.
                guard DecimalText.compare(d + [UInt8](repeating: 0, count: 9), digits) <= 0 else { return nil }
            }
            while let first = n.first, first == 0 { n.removeFirst() }
            if n.isEmpty { return "0" }
            let tenthDigit = n.removeLast()
            let whole = n.isEmpty ? "0" : String(n.map { Character(Unicode.Scalar($0 + 48)) })
            return (negative ? "-" : "") + whole + (tenthDigit == 0 ? "" : ".\(tenthDigit)")
        }

        /// The value rounded to 15 significant digits, in plain notation (`7.25`, `0.001`).
        var rounded15: String {
            var digits = self.digits, exponent = self.exponent
            if digits.count > 15 {
                let roundUp = digits[15] >= 5
                exponent += digits.count - 15
                digits = Array(digits[..<15])
                if roundUp {
                    digits = DecimalText.increment(digits)
                    if digits.count > 15 { digits.removeLast(); exponent += 1 }
                }
                while let last = digits.last, last == 0 { digits.removeLast(); exponent += 1 }
            }
            let text = digits.map { Character(Unicode.Scalar($0 + 48)) }
            var out = negative ? "-" : ""
            if exponent >= 0 {
                out += String(text) + String(repeating: "0", count: exponent)
            } else if digits.count > -exponent {
                out += String(text[..<(digits.count + exponent)]) + "." + String(text[(digits.count + exponent)...])
            } else {
                out += "0." + String(repeating: "0", count: -exponent - digits.count) + String(text)
            }
            return out
        }

        /// A digit string plus one.
        static func increment(_ digits: [UInt8]) -> [UInt8] {
            var out = digits
            var i = out.count - 1
            while i >= 0 {
                if out[i] < 9 { out[i] += 1; return out }
                out[i] = 0
                i -= 1
            }
            return [1] + out
        }

        /// 10^k − r for a k-digit r > 0 (nines' complement plus one).
        static func complement(_ r: [UInt8]) -> [UInt8] {
            increment(r.map { 9 - $0 })
        }

        /// Compares two digit strings as integers.
        static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
            let x = a.drop { $0 == 0 }, y = b.drop { $0 == 0 }
            if x.count != y.count { return x.count < y.count ? -1 : 1 }
            for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
            return 0
        }
    }
}
