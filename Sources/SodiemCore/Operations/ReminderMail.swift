import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

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
