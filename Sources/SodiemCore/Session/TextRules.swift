import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore

/// What may be in a text that reaches the record (docs/security.md, "Hostile input"): no control
/// characters (tab and newline only in free texts: comments, notes, reasons, orders), and the
/// documented length limits. Checked once, on every event before it is written, whichever
/// command made it — so no text field can be forgotten.
enum TextRules {
    /// Free texts: tab and newline allowed, up to 2,000 characters.
    static let freeTextKeys: Set<String> = ["text", "note", "reason", "evidence", "order", "decision", "comment", "from", "to", "ref"]
    /// Identifiers (accounts, students, classes, subjects, columns, OS logins, e-mail): up to 64 characters.
    static let idKeys: Set<String> = ["id", "student", "class", "subject", "column", "user", "os_user", "email", "as", "by",
                                      "homeroom", "lead", "part", "year", "ma_hs"]
    /// Names of people and places: up to 120 characters.
    static let nameKeys: Set<String> = ["name", "ho_ten", "ho_ten_cha", "ho_ten_me", "nguoi_giam_ho", "school"]

    static let freeTextLimit = 2_000
    static let idLimit = 64
    static let nameLimit = 120
    static let otherLimit = 1_000

    /// Refuses (65) a body holding a control character or an over-long text, naming the field.
    static func check(_ body: [String: JSON]) throws(SodiemError) {
        for key in body.keys.sorted() { try check(body[key]!, key: key, path: { key }) }
    }

    /// `path` is built only for a refusal: a sheet's event holds hundreds of texts.
    private static func check(_ value: JSON, key: String, path: () -> String) throws(SodiemError) {
        switch value {
        case .string(let text): try checkText(text, key: key, path: path)
        case .array(let items):
            for (index, item) in items.enumerated() { try check(item, key: key, path: { "\(path())[\(index)]" }) }
        case .object(let members):
            for name in members.keys.sorted() {
                try checkText(name, key: "id", path: { "\(path()) (key)" })
                // A certificate's subject and issuer are distinguished names, not sodiem ids.
                try check(members[name]!, key: key == "certificate" ? "certificate." + name : name, path: { "\(path()).\(name)" })
            }
        default: return
        }
    }

    private static func checkText(_ text: String, key: String, path: () -> String) throws(SodiemError) {
        // Printable ASCII (most ids, codes and numbers) holds nothing to refuse but its length,
        // and one no longer than the shortest limit is within every field's.
        let plain = text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
        if plain && text.utf8.count <= idLimit { return }
        let free = freeTextKeys.contains(key)
        if !plain { try checkCharacters(text, free: free, path: path()) }
        let limit = free ? freeTextLimit : idKeys.contains(key) ? idLimit : nameKeys.contains(key) ? nameLimit : otherLimit
        // A text never has more characters than UTF-8 bytes: they are counted only when it could be too long.
        guard text.utf8.count > limit else { return }
        let count = text.count
        if count > limit {
            let path = path()
            throw SodiemError.badData(Message(
                vi: "\(path): dài \(count) kí tự, tối đa \(limit) (\(Message.quote(text))).",
                en: "\(path): is \(count) characters long; the limit is \(limit) (\(Message.quote(text)))."))
        }
    }

    private static func checkCharacters(_ text: String, free: Bool, path: @autoclosure () -> String) throws(SodiemError) {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let v = scalar.value
            let control = v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
            // U+E000 and U+E001 open and close the command references inside sodiem's own
            // messages (`Reference`): a stored text holding them could make a message name another step.
            if v == 0xE000 || v == 0xE001 {
                let path = path()
                throw SodiemError.badData(Message(
                    vi: "\(path): có kí tự U+\(String(format: "%04X", v)) (vùng dùng riêng) ở vị trí \(offset + 1); sodiem dành kí tự này cho thông báo của mình.",
                    en: "\(path): holds the private-use character U+\(String(format: "%04X", v)) at position \(offset + 1); sodiem keeps it for its own messages."))
            }
            if control && !(free && (v == 0x09 || v == 0x0A)) {
                let path = path()
                throw SodiemError.badData(Message(
                    vi: "\(path): có kí tự điều khiển U+\(String(format: "%04X", v)) ở vị trí \(offset + 1) (\(Message.quote(text))); không được dùng kí tự điều khiển\(free ? " (trừ tab và xuống dòng)" : "") trong trường này.",
                    en: "\(path): holds the control character U+\(String(format: "%04X", v)) at position \(offset + 1) (\(Message.quote(text))); control characters\(free ? " (other than tab and newline)" : "") are not allowed in this field."))
            }
        }
    }
}
