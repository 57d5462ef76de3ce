import Foundation
import SodiemBasics
import SodiemFormats
import SodiemCore

extension Context {
    /// Writes a table as CSV or, when the chosen format is xlsx, as a workbook with one sheet per
    /// entry of `sheets` (ids and names as text, tenths as numbers shown `0.0`).
    ///
    /// `columns` gives each column's kind in the workbook; without it, a column whose every value
    /// is a number with one decimal is a score, one of whole numbers (not an id) a number, the
    /// rest text.
    func writeTable(header: [String], sheets: [(name: String, rows: [[String]])], columns: [XLSXSheet.Column]? = nil,
                    now: Instant) throws(SodiemError) {
        if chosenFormat == .xlsx {
            let workbook = sheets.map { sheet in
                XLSXSheet(name: sheet.name, header: header, columns: columns ?? Context.inferColumns(header: header, rows: sheet.rows), rows: sheet.rows)
            }
            try writeBinary(try XLSXWriter.write(workbook, modified: now))
        } else {
            write(CSV.write(header: header, rows: sheets.flatMap(\.rows)))
        }
    }

    /// Column kinds guessed from the values (see `writeTable`).
    static func inferColumns(header: [String], rows: [[String]]) -> [XLSXSheet.Column] {
        let textCodes: Set<String> = ["ma_hs", "ho_ten", "lop", "mon", "ngay_sinh", "pham_vi", "scope", "id"]
        return header.indices.map { index in
            if textCodes.contains(header[index]) { return .text }
            let values = rows.map { index < $0.count ? $0[index] : "" }.filter { !$0.isEmpty }
            guard !values.isEmpty else { return .text }
            let tenths = values.filter { value in
                let parts = value.split(separator: ".", omittingEmptySubsequences: false)
                return parts.count == 2 && parts[1].count == 1 && !parts[0].isEmpty && (parts[0] + parts[1]).allSatisfy(\.isASCII) && (parts[0] + parts[1]).allSatisfy(\.isNumber)
            }
            let integers = values.filter { $0.allSatisfy { $0.isASCII && $0.isNumber } && !($0.count > 1 && $0.hasPrefix("0")) }
            if !tenths.isEmpty && tenths.count + integers.count == values.count { return .score }
            if integers.count == values.count { return .number }
            // Averages beside comment levels (Đ/CĐ) and `vắng`: still a score column where most are numbers.
            if tenths.count * 2 > values.count { return .score }
            return .text
        }
    }
}
