import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules

/// The blocks of Vietnamese administrative forms, as markup for `HTMLDocument` pages.
///
/// Every piece of text passes through `HTML.escape`; the style of each block is in the shared
/// style sheet of `HTMLDocument`.
package enum HTMLForms {
    /// Quốc hiệu, the first line of the national motto.
    package static let nation = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    /// Tiêu ngữ, its second line.
    package static let motto = "Độc lập - Tự do - Hạnh phúc"

    /// The heading of an administrative document: the school on the left, the national motto on the right
    /// (CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc), each underlined by a short rule.
    ///
    /// - Parameters:
    ///   - authority: the line above the school's name (the district's education office), or nil.
    ///   - school: the school's name, printed in capitals.
    ///   - number: the document number line under the school (`Số: 3/BB-SĐ`), or nil.
    ///   - placeAndDate: the line under the motto (`Xã Sông Mây, ngày 22 tháng 01 năm 2025`), or nil.
    package static func mottoHeader(authority: String? = nil, school: String, number: String? = nil, placeAndDate: String? = nil) -> String {
        var left = ""
        if let authority { left += "<div>\(HTML.escape(authority.uppercased()))</div>" }
        left += "<div><b>\(HTML.escape(school.uppercased()))</b></div><div class=\"rule\" style=\"width:35%\"></div>"
        if let number { left += "<div>\(HTML.escape(number))</div>" }
        var right = "<div><b>\(nation)</b></div><div><b>\(motto)</b></div><div class=\"rule\"></div>"
        if let placeAndDate { right += "<div><i>\(HTML.escape(placeAndDate))</i></div>" }
        return "<table class=\"motto\"><tr><td style=\"width:42%\">\(left)</td><td>\(right)</td></tr></table>\n"
    }

    /// The top of a book's cover (bìa sổ): the district's education office, the school, the book's name and its kind.
    package static func coverHeading(_ school: SchoolFile, book: String, kind: String) -> String {
        var out = ""
        if let district = school.district { out += "<p class=\"mid upper\">Phòng Giáo dục và Đào tạo \(HTML.escape(district))</p>" }
        out += "<p class=\"mid upper\"><b>\(HTML.escape(school.name))</b></p>"
        return out + "<p class=\"big upper\">\(HTML.escape(book))</p><p class=\"mid\">\(HTML.escape(kind))</p>"
    }

    /// One signature block (khối kí tên): the role in bold, the hint, room to sign, then the printed name.
    package struct Signature: Sendable {
        /// "Hiệu trưởng"; a newline starts a second line ("KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG").
        var role: String
        /// The name printed under the signature, or nil for a blank to fill by hand.
        var name: String?
        /// The italic line under the role.
        var hint: String

        init(_ role: String, hint: String = "(Kí, ghi rõ họ tên)", name: String? = nil) {
            self.role = role
            self.name = name
            self.hint = hint
        }
    }

    /// Signature blocks side by side, at most `perRow` to a row, names aligned on one line; a row never
    /// splits across sheets. A nil block leaves its place empty (to push a lone signature to the right).
    package static func signatures(_ blocks: [Signature?], perRow: Int = 3) -> String {
        guard !blocks.isEmpty else { return "" }
        let columns = min(perRow, blocks.count)
        let width = 100 / columns
        var out = "<table class=\"signatures\">"
        for start in stride(from: 0, to: blocks.count, by: perRow) {
            var row = Array(blocks[start..<min(start + perRow, blocks.count)])
            row += Array(repeating: nil, count: columns - row.count)
            // Role, hint, room to sign and name each get their own table row so that names line up.
            out += "<tbody><tr>" + row.map { "<td class=\"role\" style=\"width:\(width)%\">\(HTML.escape($0?.role ?? ""))</td>" }.joined() + "</tr>"
            out += "<tr>" + row.map { "<td class=\"hint\">\(HTML.escape($0?.hint ?? ""))</td>" }.joined() + "</tr>"
            out += "<tr>" + row.map { _ in "<td class=\"space\"></td>" }.joined() + "</tr>"
            out += "<tr>" + row.map { "<td class=\"name\">\(HTML.escape($0?.name ?? ""))</td>" }.joined() + "</tr></tbody>"
        }
        return out + "</table>\n"
    }

    /// "ngày 22 tháng 01 năm 2025", as written on Vietnamese documents.
    package static func vietnameseDate(_ day: Day) -> String {
        let (y, m, d) = day.components
        return String(format: "ngày %02d tháng %02d năm %04d", d, m, y)
    }

    /// The place-and-date line (địa danh, ngày tháng năm): "Xã Sông Mây, ngày 22 tháng 01 năm 2025".
    ///
    /// Without a day the date is left for the hand ("ngày …… tháng …… năm 20……"), as on the paper
    /// forms, and so is a missing place; with a day and no place it reads "Ngày 22 tháng 01 năm 2025".
    package static func placeAndDate(_ place: String?, on day: Day? = nil) -> String {
        let date = day.map(vietnameseDate) ?? "ngày …… tháng …… năm 20……"
        if let place { return "\(place), \(date)" }
        return day == nil ? "……………, \(date)" : date.prefix(1).uppercased() + date.dropFirst()
    }

    /// A table whose header repeats on every sheet it runs over (`thead`); cells are markup.
    package static func table(_ classes: String = "grid", header: String, rows: [String]) -> String {
        "<table class=\"\(classes)\"><thead>\(header)</thead><tbody>\(rows.joined(separator: "\n"))</tbody></table>"
    }

    /// Splits rows into pages of at most `size` rows (at least one page, even when empty).
    package static func chunks<T>(_ items: [T], size: Int) -> [ArraySlice<T>] {
        guard !items.isEmpty else { return [items[...]] }
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }
}
