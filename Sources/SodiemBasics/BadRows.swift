/// The bad rows of an input file, as error messages report them: the first 50 in full (each cut
/// to a few hundred characters, so that a 10 MB cell is never echoed whole), then a count of the
/// rest. Memory is bounded by the limit, not by how many rows are bad.
public struct BadRows: Sendable {
    /// How many rows are reported one by one.
    public static let limit = 50
    /// The longest message kept for one row, in characters.
    public static let longest = 400

    /// The first rows' messages.
    public private(set) var shown: [Message] = []
    /// How many bad rows there are in all.
    public private(set) var count = 0

    /// No bad rows yet.
    public init() {}

    /// True when nothing is bad.
    public var isEmpty: Bool { count == 0 }

    /// Records one bad row.
    public mutating func append(_ message: Message) {
        count += 1
        guard shown.count < BadRows.limit else { return }
        shown.append(Message(vi: BadRows.cut(message.vi), en: BadRows.cut(message.en)))
    }

    /// Records several bad rows.
    public mutating func append(contentsOf messages: [Message]) { for message in messages { append(message) } }

    private static func cut(_ text: String) -> String {
        text.count <= longest ? text : String(text.prefix(longest)) + "…"
    }
}

extension Message {
    /// The bad rows, one per line, and how many more there are beyond those shown.
    public static func lines(_ rows: BadRows) -> Message {
        var messages = rows.shown
        if rows.count > rows.shown.count {
            let more = rows.count - rows.shown.count
            messages.append(Message(vi: "… và \(more) dòng lỗi khác (tổng cộng \(rows.count)).",
                                    en: "… and \(more) more bad rows (\(rows.count) in all)."))
        }
        return lines(messages)
    }

    /// A header or value on one line: line breaks and runs of spaces inside it become one space
    /// (a spreadsheet header such as "Trạng thái⏎học sinh"), for lists inside a message.
    public static func oneLine(_ value: String) -> String {
        value.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A value quoted in a message: at most 80 characters, control characters shown as `\u{…}`.
    public static func quote(_ value: String) -> String {
        var out = ""
        var count = 0
        for scalar in value.unicodeScalars {
            if count >= 80 { return "\"" + out + "…\" (\(value.count) characters)" }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return "\"" + out + "\""
    }
}
