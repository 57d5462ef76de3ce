import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// Plain-text rendering helpers for the terminal.
enum Render {
    /// Columns aligned by their widths in characters (NFC Vietnamese is one character per letter).
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i + 1 == cells.count ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// A JSON document as one line plus a newline (what scripts read).
    static func json(_ value: JSON) -> String { value.compactString() + "\n" }

    /// A JSON document pretty-printed (for people).
    static func prettyJSON(_ value: JSON) -> String { String(decoding: value.prettyData(), as: UTF8.self) }
}
