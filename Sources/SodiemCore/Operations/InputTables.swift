import Foundation
import SodiemBasics
import SodiemFormats
import SodiemStore

/// How the tables the user hands to a command are read: which worksheet of a workbook, and which
/// column map (`--map FILE`) renames another system's headers onto sodiem's fields.
///
/// The command line sets these for the length of one command (`InputOptions.$current.withValue`),
/// so that every operation that reads a file through `CSVFiles.read` sees them without each
/// operation's signature carrying them.
public struct InputOptions: Sendable {
    /// `--sheet NAME`: the worksheet to read (default: the first visible one).
    public var sheet: String?
    /// `--map FILE`, parsed.
    public var map: ColumnMap?
    /// The command's input files (`--file`, `--particulars`), read and parsed before the command
    /// opens the data directory, so that the exclusive lock is held for check-append-write only
    /// (data.md), never while a big or slow file is read; each with the worksheet and map meant
    /// for it. A failure is kept, and thrown when the operation asks for the file, so a refusal
    /// (77, 78) still comes before a complaint about the file.
    private(set) var preloaded: [String: Preloaded] = [:]

    struct Preloaded: Sendable {
        let loaded: Result<CSVFiles.Loaded, SodiemError>
        let sheet: String?
        let map: ColumnMap?
    }

    public init(sheet: String? = nil, map: ColumnMap? = nil) {
        self.sheet = sheet
        self.map = map
    }

    /// These options with `file` read and parsed now, to be read with `--sheet` and `--map`
    /// (`scoped: false`: a second file of the command, read without them).
    public func preloading(_ file: URL, scoped: Bool = true) -> InputOptions {
        var options = self
        let sheet = scoped ? sheet : nil
        options.preloaded[file.standardizedFileURL.path] = Preloaded(
            loaded: Result { () throws(SodiemError) in try CSVFiles.load(file, sheetGiven: sheet != nil) },
            sheet: sheet, map: scoped ? map : nil)
        return options
    }

    /// The worksheet and map that `file` is read with.
    func reading(_ file: URL) -> (sheet: String?, map: ColumnMap?) {
        if let entry = preloaded[file.standardizedFileURL.path] { return (entry.sheet, entry.map) }
        return (sheet, map)
    }

    /// The options of the running command.
    @TaskLocal public static var current = InputOptions()
}

/// A column map: one `header = field` line each (`#` starts a comment), matched without case,
/// diacritics, spaces or `_` like sodiem's own headers, so that `Mã định danh Bộ GD&ĐT = ma_hs`
/// reads a Ministry-database export as it is.
public struct ColumnMap: Sendable, Equatable {
    /// Folded header → field code, in the file's order.
    public let entries: [(header: String, field: String)]

    public static func == (lhs: ColumnMap, rhs: ColumnMap) -> Bool {
        lhs.entries.map(\.header) == rhs.entries.map(\.header) && lhs.entries.map(\.field) == rhs.entries.map(\.field)
    }

    /// Parses a map; `file` names it in errors (65 naming the line).
    public static func parse(_ text: String, file: String) throws(SodiemError) -> ColumnMap {
        var entries: [(String, String)] = []
        var seen: [String: Int] = [:]
        // By newline Characters: a map saved on Windows ends its lines in "\r\n", one Character.
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = String(raw)
            if line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            line = line.trimmingSpaces(newlines: true)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.lastIndex(of: "=") else {
                throw SodiemError.badData(vi: "\(file) dòng \(number + 1): cần dạng \"tiêu đề = trường\" (vd. Mã định danh = ma_hs), có \"\(line.prefix(80))\".",
                                          en: "\(file) line \(number + 1): expected \"header = field\" (e.g. Mã định danh = ma_hs), found \"\(line.prefix(80))\".")
            }
            let header = line[..<equals].trimmingSpaces()
            let field = line[line.index(after: equals)...].trimmingSpaces()
            guard !header.isEmpty, !field.isEmpty, field.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)) }) else {
                throw SodiemError.badData(vi: "\(file) dòng \(number + 1): tiêu đề hoặc tên trường không hợp lệ (\"\(line.prefix(80))\"); tên trường là mã như ma_hs, ho_ten, ngay_sinh, tx1, gk.",
                                          en: "\(file) line \(number + 1): an invalid header or field (\"\(line.prefix(80))\"); a field is a code such as ma_hs, ho_ten, ngay_sinh, tx1, gk.")
            }
            let folded = VietnameseText.folded(header)
            if let earlier = seen[folded] {
                throw SodiemError.badData(vi: "\(file) dòng \(number + 1): tiêu đề \"\(header.prefix(80))\" đã có ở dòng \(earlier).",
                                          en: "\(file) line \(number + 1): the header \"\(header.prefix(80))\" is also on line \(earlier).")
            }
            seen[folded] = number + 1
            entries.append((folded, field))
        }
        guard !entries.isEmpty else {
            throw SodiemError.badData(vi: "\(file): bảng ánh xạ cột không có dòng nào.", en: "\(file): the column map has no line.")
        }
        return ColumnMap(entries: entries)
    }

    /// Reads a map file (66 when missing), with the user's own rights: its lines are quoted in
    /// errors, so a set-group-ID install reading it with the group's would show the data directory.
    public static func read(_ url: URL) throws(SodiemError) -> ColumnMap {
        let data = try DataDirectory.readInput(url, missing: Message(vi: "Không có tệp \(url.path).", en: "There is no file \(url.path)."))
        guard let text = String(data: data, encoding: .utf8) else {
            throw SodiemError.badData(vi: "\(url.lastPathComponent) không phải UTF-8.", en: "\(url.lastPathComponent) is not UTF-8.")
        }
        return try parse(text, file: url.lastPathComponent)
    }

    /// The field a header maps to, if any.
    public func field(for header: String) -> String? {
        let folded = VietnameseText.folded(header)
        return entries.first { $0.header == folded }?.field
    }

    /// True when some row of the table (its header or a row below) holds a mapped header.
    public func matches(_ table: CSVTable) -> Bool {
        table.header.contains { field(for: $0) != nil } || table.rows.contains { $0.fields.contains { field(for: $0) != nil } }
    }

    /// The table with the map applied: the header is the first row (of the header and the rows)
    /// in which some cell is a mapped header; rows above it (titles) are dropped; mapped header
    /// cells become their field, the others stay as they are (and are warned about as usual).
    public func apply(to table: CSVTable, file: String) throws(SodiemError) -> CSVTable {
        let all = [CSVRow(line: 1, fields: table.header, sheet: table.rows.first?.sheet)] + table.rows
        guard let index = all.firstIndex(where: { $0.fields.contains { field(for: $0) != nil } }) else {
            throw SodiemError.badData(vi: "\(file): không hàng nào có tiêu đề nào của bảng ánh xạ cột (\(entries.map(\.field).joined(separator: ", "))).",
                                      en: "\(file): no row holds any header of the column map (\(entries.map(\.field).joined(separator: ", "))).")
        }
        let header = all[index].fields.map { field(for: $0) ?? $0 }
        return CSVTable(separator: table.separator, header: header, rows: Array(all[(index + 1)...]))
    }
}

extension CSVTable {
    /// The header's width: up to its last named column (a spreadsheet's export ends it `,,`).
    var headerWidth: Int { (header.lastIndex { !$0.trimmingSpaces().isEmpty } ?? -1) + 1 }

    /// Why a CSV line with more values than its header is refused, or nil when it fits (or is a
    /// workbook's row, whose cells cannot spill). An unquoted separator inside a value — an
    /// address "Số 3, phường Mới", a decimal comma 7,5 — shifts every value after it: cutting
    /// the rest would record the wrong thing without a word. `example` shows the value quoted.
    func overflow(of row: CSVRow, file: String, example: String) -> Message? {
        guard row.sheet == nil, let last = row.fields.lastIndex(where: { !$0.trimmingSpaces().isEmpty }),
              last >= headerWidth else { return nil }
        return Message(
            vi: "\(file) \(row.place().vi): \(last + 1) giá trị nhưng dòng tiêu đề có \(headerWidth) cột: có dấu phân cách trong một giá trị? Đặt giá trị đó trong ngoặc kép (\(example)) hoặc phân cách bằng dấu chấm phẩy.",
            en: "\(file) \(row.place().en): \(last + 1) values but the header has \(headerWidth) columns: a separator inside a value? Put that value in double quotes (\(example)) or separate with semicolons.")
    }
}

extension CSVFiles {
    /// Refuses a CSV file that was saved in a legacy encoding: UTF-16 (a BOM FF FE / FE FF, or
    /// NUL bytes between letters), or text whose letters were already replaced by `?` or U+FFFD
    /// when another program converted it (`Nguy?n`, `Nguy�n`).
    static func refuseLegacy(_ data: Data, file: String) throws(SodiemError) {
        let way = Message(vi: "Hãy mở tệp trong Excel hoặc LibreOffice và lưu thành \"CSV UTF-8\" (save as CSV UTF-8).",
                          en: "Open the file in Excel or LibreOffice and save as \"CSV UTF-8\".")
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) || data.prefix(200).contains(0) {
            throw SodiemError.badData(Message(vi: "\(file) dòng 1: tệp ở dạng UTF-16 (Unicode text), không phải CSV UTF-8.",
                                              en: "\(file) line 1: the file is UTF-16 (Unicode text), not CSV UTF-8.") + way)
        }
        guard let text = String(data: data, encoding: .utf8) else { return } // the CSV reader names the line
        var line = 1
        var lineStart = 0
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if scalar == "\n" { line += 1; lineStart = i + 1; continue }
            let isLetter = { (j: Int) in j >= 0 && j < scalars.count && scalars[j].properties.isAlphabetic }
            if scalar == "\u{FFFD}" || (scalar == "?" && isLetter(i - 1) && isLetter(i + 1)) {
                // The line by scalars, as it was counted ("\r\n" is one Character: no String split here).
                let end = scalars[i...].firstIndex(where: { $0 == "\n" || $0 == "\r" }) ?? scalars.count
                var lineText = ""
                lineText.unicodeScalars.append(contentsOf: scalars[lineStart..<end])
                throw SodiemError.badData(Message(vi: "\(file) dòng \(line): chữ tiếng Việt đã bị thay bằng \"\(scalar == "?" ? "?" : "�")\" (\"\(lineText.prefix(80))\"): tệp đã được lưu bằng bảng mã cũ (Windows-1258/1252).",
                                                  en: "\(file) line \(line): Vietnamese letters were replaced by \"\(scalar == "?" ? "?" : "�")\" (\"\(lineText.prefix(80))\"): the file was saved in a legacy encoding (Windows-1258/1252).") + way)
            }
        }
    }
}
