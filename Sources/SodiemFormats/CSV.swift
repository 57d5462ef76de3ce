import Foundation
import SodiemBasics

/// Why a CSV file could not be read; every case names the 1-based physical line.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A quoted field opened on `line` never closes.
    case unterminatedQuote(line: Int)
    /// A `"` inside an unquoted field, or text right after a closing quote, on `line`.
    case strayQuote(line: Int)
    /// Bytes that are not UTF-8 on `line` (a file saved as Windows-1258 or "ANSI").
    case invalidUTF8(line: Int)
    /// An explicit separator that is not a single ASCII character other than `"`, CR or LF.
    case unsupportedSeparator(Character)

    /// The line the problem is on, where there is one.
    public var line: Int? {
        switch self {
        case .unterminatedQuote(let line), .strayQuote(let line), .invalidUTF8(let line): line
        case .unsupportedSeparator: nil
        }
    }

    /// A message for the user, in English like the rest of the CLI's errors.
    /// The reason in Vietnamese and English, naming the line.
    public var message: Message {
        switch self {
        case .unterminatedQuote(let line):
            Message(vi: "dòng \(line): một ô mở ngoặc kép (\") mà không đóng", en: "line \(line): a quoted field is never closed")
        case .strayQuote(let line):
            Message(vi: "dòng \(line): dấu ngoặc kép (\") ở giữa một ô", en: "line \(line): a quote (\") in the middle of a field")
        case .invalidUTF8(let line):
            Message(vi: "dòng \(line): tệp không phải UTF-8 (hãy lưu thành \"CSV UTF-8\")",
                    en: "line \(line): the file is not UTF-8 (save it as \"CSV UTF-8\")")
        case .unsupportedSeparator(let c):
            Message(vi: "dấu phân cách CSV không dùng được: \(String(reflecting: String(c)))",
                    en: "unsupported CSV separator \(String(reflecting: String(c)))")
        }
    }

    /// The problem in English, naming the line: for logs and test failures.
    public var description: String {
        switch self {
        case .unterminatedQuote(let line): "line \(line): a quoted field is never closed"
        case .strayQuote(let line): "line \(line): a quote (\") in the middle of a field"
        case .invalidUTF8(let line): "line \(line): the file is not UTF-8 (save it as \"CSV UTF-8\")"
        case .unsupportedSeparator(let c): "unsupported CSV separator \(String(reflecting: String(c)))"
        }
    }
}

/// One record of a CSV file and the physical line it starts on (or a worksheet row).
public struct CSVRow: Equatable, Sendable {
    /// The 1-based physical line where the record starts, for error messages ("line 7"); for a
    /// worksheet row, its row number.
    public let line: Int
    /// The fields as written; a short row simply has fewer fields.
    public let fields: [String]
    /// The worksheet the row comes from, when it was read from a workbook (nil for CSV).
    public let sheet: String?

    /// A row; `line` is 1-based.
    public init(line: Int, fields: [String], sheet: String? = nil) {
        self.line = line
        self.fields = fields
        self.sheet = sheet
    }

    /// Where the row (or one of its cells, by 0-based column) is, for error messages:
    /// `dòng 7` / `line 7` in a CSV file, `cell Sheet1!C7` (or `sheet Sheet1 row 7`) in a workbook.
    public func place(column: Int? = nil) -> Message {
        guard let sheet else { return Message(vi: "dòng \(line)", en: "line \(line)") }
        guard let column else { return Message(vi: "trang \(sheet) hàng \(line)", en: "sheet \(sheet) row \(line)") }
        let cell = Spreadsheet.address(row: line, column: column)
        return Message(vi: "ô \(sheet)!\(cell)", en: "cell \(sheet)!\(cell)")
    }

    /// The field at `index`, or `""` when the row is shorter (spreadsheets drop trailing empty cells).
    public subscript(field index: Int) -> String {
        fields.indices.contains(index) ? fields[index] : ""
    }
}

/// A parsed CSV file: the header record, the data records, and the separator used.
public struct CSVTable: Equatable, Sendable {
    /// The separator used, given or detected (`,` or `;`).
    public let separator: Character
    /// The first record; empty for an empty file.
    public let header: [String]
    /// The records after the header, blank lines skipped.
    public let rows: [CSVRow]

    /// A table from its parts.
    public init(separator: Character, header: [String], rows: [CSVRow]) {
        self.separator = separator
        self.header = header
        self.rows = rows
    }
}

/// CSV as Excel and LibreOffice write it: RFC 4180 plus BOMs, `;` separators, and any line end.
///
/// The reader works on UTF-8 bytes, not `Character`s, because `"\r\n"` is one Character in
/// Swift and line ends inside quotes must be kept exactly as written.
public enum CSV {
    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let comma = UInt8(ascii: ",")
    private static let semicolon = UInt8(ascii: ";")
    private static let tab = UInt8(ascii: "\t")
    private static let space = UInt8(ascii: " ")
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Parses a whole file; the separator is detected from the header line unless given.
    ///
    /// Detection counts `,` and `;` outside quotes on the first line; the more frequent wins and a
    /// tie (a one-column file) means `,`. Lines with nothing on them are not rows, so a trailing
    /// empty line (and a blank line between rows) is ignored. Spaces before an opening quote or after
    /// a closing quote are tolerated, since hand-edited files have them.
    public static func parse(_ data: Data, separator: Character? = nil) throws(CSVError) -> CSVTable {
        var bytes = [UInt8](data)
        if bytes.starts(with: bom) { bytes.removeFirst(3) }
        try validateUTF8(bytes)

        let sep: UInt8
        if let separator {
            guard let ascii = separator.asciiValue, ascii != quote, ascii != cr, ascii != lf else {
                throw .unsupportedSeparator(separator)
            }
            sep = ascii
        } else {
            sep = detectSeparator(bytes)
        }

        var parser = Parser(bytes: bytes, separator: sep)
        var records: [CSVRow] = []
        while let record = try parser.nextRecord() {
            records.append(record)
        }
        let header = records.first?.fields ?? []
        return CSVTable(separator: Character(Unicode.Scalar(sep)), header: header, rows: Array(records.dropFirst()))
    }

    /// Parses CSV text (already decoded); the same rules as `parse(_: Data, separator:)`.
    public static func parse(_ text: String, separator: Character? = nil) throws(CSVError) -> CSVTable {
        try parse(Data(text.utf8), separator: separator)
    }

    /// Writes a table with `\n` line ends; `bom: true` prepends U+FEFF so Excel opens it as UTF-8.
    ///
    /// A field is quoted only when it must be: it contains `,` or `;` (either one, so the separator
    /// detection of any reader stays unambiguous), `"`, CR or LF, or starts or ends with a space or
    /// tab; a record of one empty field is written `""` so it is not a blank line.
    public static func write(header: [String], rows: [[String]], separator: Character = ",", bom: Bool = false) -> String {
        var out = bom ? "\u{FEFF}" : ""
        for record in [header] + rows where !(record.isEmpty && header.isEmpty && rows.isEmpty) {
            if record.count == 1 && record[0].isEmpty {
                out += "\"\""
            } else {
                out += record.map { escape($0, separator: separator) }.joined(separator: String(separator))
            }
            out += "\n"
        }
        return out
    }

    /// One field, quoted if needed.
    package static func escape(_ field: String, separator: Character) -> String {
        let scalars = field.unicodeScalars
        let needsQuotes = scalars.contains { s in
            s == "\"" || s == "\r" || s == "\n" || s == "," || s == ";" || Character(s) == separator
        } || scalars.first.map { $0 == " " || $0 == "\t" } == true
          || scalars.last.map { $0 == " " || $0 == "\t" } == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Counts `,`, `;` and tabs outside quotes on the first line holding any; ties mean `,`.
    package static func detectSeparator(_ bytes: [UInt8]) -> UInt8 {
        // The first line holding any separator decides: a title row typed above the header
        // ("Danh sách lớp 6A1") holds none. A tab-separated file (copied from a spreadsheet) is
        // read like one with `;` (cli.md, Students).
        var commas = 0, semicolons = 0, tabs = 0, inQuotes = false
        for byte in bytes {
            if byte == quote {
                inQuotes.toggle() // a doubled quote toggles twice, which is right
            } else if !inQuotes {
                if byte == cr || byte == lf {
                    if commas + semicolons + tabs > 0 { break }
                    continue
                }
                if byte == comma { commas += 1 } else if byte == semicolon { semicolons += 1 } else if byte == tab { tabs += 1 }
            }
        }
        if tabs > commas && tabs > semicolons { return tab }
        return semicolons > commas ? semicolon : comma
    }

    /// Throws `.invalidUTF8` with the line of the first bad byte.
    package static func validateUTF8(_ bytes: [UInt8]) throws(CSVError) {
        if String(validating: bytes, as: UTF8.self) != nil { return }
        // Slow path, only for broken files: decode scalar by scalar to find where it breaks.
        var line = 1
        var previousWasCR = false
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "\n" {
                    if !previousWasCR { line += 1 }
                } else if scalar == "\r" {
                    line += 1
                }
                previousWasCR = scalar == "\r"
            case .error:
                throw .invalidUTF8(line: line)
            case .emptyInput:
                return
            }
        }
    }

    /// A cursor over the bytes that yields one record at a time and tracks physical lines.
    private struct Parser {
        let bytes: [UInt8]
        let separator: UInt8
        var index = 0
        var line = 1
        var field: [UInt8] = []

        init(bytes: [UInt8], separator: UInt8) {
            self.bytes = bytes
            self.separator = separator
        }

        /// Consumes a line end at `index` if there is one (CRLF, LF or lone CR) and counts it.
        mutating func consumeLineEnd() -> Bool {
            guard index < bytes.count else { return false }
            if bytes[index] == CSV.lf {
                index += 1
            } else if bytes[index] == CSV.cr {
                index += 1
                if index < bytes.count && bytes[index] == CSV.lf { index += 1 }
            } else {
                return false
            }
            line += 1
            return true
        }

        mutating func nextRecord() throws(CSVError) -> CSVRow? {
            // Blank lines are not records.
            while consumeLineEnd() {}
            guard index < bytes.count else { return nil }
            let startLine = line
            var fields: [String] = []
            while true {
                fields.append(try nextField())
                if index >= bytes.count { break }
                if bytes[index] == separator {
                    index += 1 // "a,b," at the end of input still yields a last, empty field
                    continue
                }
                _ = consumeLineEnd()
                break
            }
            return CSVRow(line: startLine, fields: fields)
        }

        /// Reads one field and stops at a separator, a line end or the end of input.
        mutating func nextField() throws(CSVError) -> String {
            field.removeAll(keepingCapacity: true)
            var leadingSpaces = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == separator || byte == CSV.cr || byte == CSV.lf { break }
                if byte == CSV.quote {
                    // A quote may open a field, after spaces at most; anywhere else it is stray.
                    guard field.count == leadingSpaces else { throw .strayQuote(line: line) }
                    return try quotedField()
                }
                if byte == CSV.space && field.count == leadingSpaces { leadingSpaces += 1 }
                field.append(byte)
                index += 1
            }
            return String(decoding: field, as: UTF8.self)
        }

        /// Reads a quoted field from its opening quote; line ends inside are kept byte for byte.
        mutating func quotedField() throws(CSVError) -> String {
            let openLine = line
            field.removeAll(keepingCapacity: true)
            index += 1
            while true {
                guard index < bytes.count else { throw .unterminatedQuote(line: openLine) }
                let byte = bytes[index]
                if byte == CSV.quote {
                    if index + 1 < bytes.count && bytes[index + 1] == CSV.quote {
                        field.append(CSV.quote)
                        index += 2
                        continue
                    }
                    index += 1
                    break
                }
                field.append(byte)
                index += 1
                if byte == CSV.lf {
                    line += 1
                } else if byte == CSV.cr {
                    if index < bytes.count && bytes[index] == CSV.lf {
                        field.append(CSV.lf)
                        index += 1
                    }
                    line += 1
                }
            }
            // After the closing quote: spaces, then a separator, a line end or the end.
            while index < bytes.count && bytes[index] == CSV.space { index += 1 }
            if index < bytes.count {
                let byte = bytes[index]
                guard byte == separator || byte == CSV.cr || byte == CSV.lf else { throw .strayQuote(line: line) }
            }
            return String(decoding: field, as: UTF8.self)
        }
    }
}
