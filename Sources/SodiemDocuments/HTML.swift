import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules

/// Escaping and small element builders for printed documents (văn bản in).
///
/// Markup is a `String`. Text sodiem writes itself is markup as it stands; every piece of data
/// (names, reasons, anything read from files or the command line) goes through `HTML.escape`
/// before it reaches the page. The skeleton of a page is `HTMLDocument`; the blocks of the
/// administrative forms are `HTMLForms`.
public enum HTML {
    /// Escapes text for element content and for quoted attribute values: `& < > " '`.
    ///
    /// Control characters other than tab and line breaks have no place on paper and become U+FFFD.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text with its line breaks kept: escaped, a `<br>` at each newline.
    public static func multiline(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "<br>")
    }

    /// An element around markup: `element("td", ["class": "n"], escape("7,5"))`; attributes in name order, values escaped.
    public static func element(_ name: String, _ attributes: [String: String] = [:], _ content: String = "") -> String {
        var open = "<" + name
        for key in attributes.keys.sorted() { open += " \(key)=\"\(escape(attributes[key]!))\"" }
        return open + ">" + content + "</\(name)>"
    }
}
