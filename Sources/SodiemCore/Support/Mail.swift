import Foundation

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

/// One reminder e-mail ready for the outbox.
public struct ReminderMail: Sendable {
    /// Account id of the person the reminder goes to.
    public var person: String
    /// The `.eml` file name: `2024-10-31-gv.toan.eml`.
    public var fileName: String
    /// The whole message in `.eml` form: headers and UTF-8 body, CRLF line ends.
    public var data: Data
}

extension Session {
    /// One message per person listing their items, in Vietnamese, for `remind --outbox`.
    ///
    /// `To` is the account's e-mail, else its OS user, else its id; `From` is `sodiem@localhost`
    /// (the school file has no mail domain). The `Message-ID` names the day, the person and the
    /// log position, so a second run on the same day after new entries gets a new id.
    public func reminderMails(_ items: [Reminder], date: Day) throws(SodiemError) -> [ReminderMail] {
        let accounts = try world.users().accounts
        var byPerson: [String: [Reminder]] = [:]
        for item in items { byPerson[item.person, default: []].append(item) }
        let domain = "localhost"
        return byPerson.keys.sorted().map { person in
            let mine = byPerson[person]!
            let account = accounts[person]
            let to = account?.email ?? account?.osUser ?? person
            let overdue = mine.filter(\.overdue).count
            let subject = "[sodiem] Nhắc việc ngày \(date.vietnamese): \(mine.count) việc"
                + (overdue > 0 ? " (\(overdue) quá hạn)" : "")
            var body = "Kính gửi thầy/cô \(account?.name ?? person) (\(person)),\n\n"
            body += "Sổ điểm điện tử \(school.name) nhắc các việc sau, tính đến ngày \(date.vietnamese):\n\n"
            for item in mine { body += "- " + Session.describe(item) + "\n" }
            body += "\nThư này do sodiem gửi tự động theo lịch của nhà trường; xin đừng trả lời thư này.\n"
            let data = Mail.message(date: now, messageID: "remind.\(date).\(person).\(anchor.seq)@\(domain)",
                                    from: "sodiem@\(domain)", to: to, subject: subject, body: body)
            return ReminderMail(person: person, fileName: "\(date)-\(person).eml", data: data)
        }
    }

    /// One item in a Vietnamese sentence, as the e-mail lists it.
    public static func describe(_ item: Reminder) -> String {
        let status = item.overdue ? "QUÁ HẠN" : "sắp đến hạn"
        let cls = item.className.map { " lớp \($0)" } ?? ""
        let subject = item.subject.map { " môn \(TT22Catalogue.subject(code: $0)?.name ?? $0)" } ?? ""
        let what: String
        switch item.kind {
        case .tx, .gk, .ck:
            what = "nhập điểm \(item.what ?? item.kind.rawValue)\(subject)\(cls): còn thiếu \(item.missing) học sinh"
        case .attendance:
            let month = (item.what ?? "").split(separator: "-").compactMap { Int($0) }
            what = "chốt chuyên cần tháng \(month.count == 2 ? "\(month[1])/\(month[0])" : item.what ?? "")\(cls)"
        case .conduct:
            what = "đánh giá rèn luyện học kì \(item.what?.dropFirst(4) ?? "")\(cls): còn thiếu \(item.missing) học sinh"
        case .comment:
            what = (item.subject == nil ? "nhận xét của giáo viên chủ nhiệm" : "nhận xét\(subject)") + "\(cls): còn thiếu \(item.missing) học sinh"
        case .lock:
            what = "khoá dữ liệu học kì \(item.what?.dropFirst(4) ?? ""): còn \(item.missing) lớp chưa khoá"
        case .report:
            what = "báo cáo \(item.what ?? "")"
        }
        return "[\(status), hạn \(item.due.vietnamese)] \(what)."
    }
}
