import Foundation
import SodiemBasics

/// Internet messages (RFC 5322) for the mail system to send: `remind --outbox`.
public enum Mail {
    /// An RFC 5322 date: `Thu, 31 Oct 2024 06:30:00 +0700`.
    public static func date(_ instant: Instant) -> String {
        let local = instant.seconds + instant.offset
        let day = Day(ordinal: Int((Double(local) / 86400).rounded(.down)))
        let second = local - day.ordinal * 86400
        let (y, m, d) = day.components
        let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let o = abs(instant.offset) / 60
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d %@%02d%02d", weekdays[day.weekday - 1], d, months[m - 1], y,
                      second / 3600, second / 60 % 60, second % 60, instant.offset < 0 ? "-" : "+", o / 60, o % 60)
    }

    /// A header value in RFC 2047 encoded words (`=?UTF-8?B?…?=`), each at most 75 characters and
    /// never splitting a character, joined by folding (CRLF + space); plain ASCII stays as it is.
    public static func encodedWords(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && !$0.isNewline }) && !text.contains("=?") { return text }
        // 39 bytes make 52 base64 characters: a word of 12 + 52 = 64 ≤ 75, and "Subject: " + a word is 73 ≤ 76.
        let limit = 39
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text where !character.isNewline {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > limit, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// One message: headers, a blank line, the body; CRLF line ends, UTF-8 body sent as 8bit.
    public static func message(date: Instant, messageID: String, from: String, to: String, subject: String, body: String) -> Data {
        var lines = [
            "Date: " + Mail.date(date),
            "Message-ID: <\(messageID)>",
            "From: " + from,
            "To: " + to,
            "Subject: " + encodedWords(subject),
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
            "",
        ]
        lines += body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var text = lines.joined(separator: "\r\n")
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        return Data(text.utf8)
    }
}
