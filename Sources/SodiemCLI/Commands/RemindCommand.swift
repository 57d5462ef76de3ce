import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem remind`: what is overdue or due soon, per person (for cron and the outbox).
enum RemindCommand: Command {
    static let spec = CommandSpec(
        "remind",
        summary: Message(vi: "Nhắc việc: điểm, chuyên cần, rèn luyện, nhận xét, khoá sổ, báo cáo sắp/quá hạn",
                         en: "Reminders: scores, attendance, conduct, comments, locks, reports due or overdue"),
        audience: .system,
        usage: ["remind [--date 2024-10-31] [--ahead 3] [--format text|json] [--outbox DIR [--witness-to ADDR]]"],
        details: Message(vi: """
            Liệt kê mọi hạn của năm học (data.md) đã qua mà chưa xong vào ngày --date (mặc định hôm nay)
            hoặc đến hạn trong --ahead ngày tới (mặc định 3): điểm thường xuyên ở các mốc (tx), điểm giữa
            kì và cuối kì sau ngày kiểm tra (gk, ck), tháng chuyên cần chưa chốt, rèn luyện cuối học kì,
            nhận xét cuối năm (cho người vào điểm, người chủ trì, giáo viên chủ nhiệm), học kì cần khoá và
            ngày báo cáo (cho quản trị viên). Quá hạn trước, rồi theo hạn. Không in gì và thoát 0 khi
            không có gì đến hạn (--format json khi đó in "items": []). Chưa đặt ngày kiểm tra gk/ck thì
            không có nhắc gk/ck: quản trị viên được báo trên stderr, cùng các nhắc việc. --outbox THƯ-MỤC ghi mỗi người một
            thư (.eml, RFC 5322) để sendmail gửi (docs/cron.md). --witness-to ĐỊA-CHỈ thêm, ở mọi lần chạy,
            một thư chứng cứ tới địa chỉ đó (ngoài máy chủ): đầu nhật kí dạng dòng `seq băm` cho `verify
            --witness` (docs/security.md); đầu ra chuẩn không đổi. Quản trị viên, ban giám hiệu, hệ thống.
            """, en: """
            Lists every deadline of the year (data.md) that has passed undone on --date (default:
            today) or falls within the next --ahead days (default 3): regular scores at the
            checkpoints (tx), mid- and end-of-term scores after the test dates (gk, ck), attendance
            months not closed, conduct at term end, comments at year end (to the enterers, the
            lead teacher, the homeroom teacher), terms to lock and reporting dates (to the admins).
            Overdue first, then by due date. Prints nothing and exits 0 when nothing is due
            (--format json then prints "items": []). Without test dates there are no gk/ck
            reminders: an admin is told so on standard error, with the reminders. --outbox DIR writes one e-mail (.eml,
            RFC 5322) per person for sendmail (docs/cron.md). --witness-to ADDR adds, on every run, a
            witness message to ADDR (an address off the server): the log's head as a `seq hash` line
            for `verify --witness` (docs/security.md); standard output stays as it is. Admins, the board, system accounts.
            """),
        options: [.date.meaning(vi: "ngày xét (mặc định hôm nay)", en: "the day to look from (default today)"),
                  .value("ahead", "N", vi: "số ngày nhìn trước (mặc định 3)", en: "days to look ahead (default 3)"),
                  .value("outbox", "THƯ-MỤC", "DIR", vi: "ghi mỗi người một thư .eml vào đây", en: "write one .eml message per person here"),
                  .value("witness-to", "ĐỊA-CHỈ", "ADDR", vi: "gửi kèm thư chứng cứ (đầu nhật kí) tới địa chỉ này", en: "also write the witness message (the log's head) to this address")],
        examples: ["remind --outbox /var/spool/sodiem/outbox", "remind --date 2024-10-31 --ahead 7 --format json"],
        exitCodes: [.cannotWrite(vi: "không ghi được --outbox", en: "cannot write to --outbox")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let format = try context.format(default: .text, allowed: [.text, .json])
        let session = try context.session(.read)
        let year = try session.year(context.requestedYear)
        try session.require(.schoolOversight, year: year)
        var date = session.now.day
        if let text = a.value("date") {
            guard let day = Day(text) else {
                throw SodiemError.usage(Message(vi: "--date cần dạng 2024-10-31, không phải \"\(text)\".",
                                                en: "--date takes 2024-10-31, not \"\(text)\"."))
            }
            date = day
        }
        var ahead = 3
        if let text = a.value("ahead") {
            guard let n = Int(text), (0...366).contains(n) else {
                throw SodiemError.usage(Message(vi: "--ahead cần số ngày 0…366, không phải \"\(text)\".",
                                                en: "--ahead takes a number of days 0…366, not \"\(text)\"."))
            }
            ahead = n
        }
        var outbox: URL?
        if let path = a.value("outbox") {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw SodiemError.cannotCreate(Message(vi: "Thư mục thư đi \(path) không tồn tại; tạo nó trước (docs/cron.md).",
                                                       en: "The outbox folder \(path) does not exist; create it first (docs/cron.md)."))
            }
            outbox = url
        }
        let witnessTo = a.value("witness-to")
        if witnessTo != nil && outbox == nil {
            throw SodiemError.usage(Message(vi: "--witness-to cần --outbox DIR.", en: "--witness-to needs --outbox DIR."))
        }
        let items = try session.reminders(year, date: date, ahead: ahead)
        // Without test dates gk/ck fall due never: an admin is told with the reminders (not a system
        // account, and not on a day with nothing to say, so cron mails only real reminders).
        if !items.isEmpty, session.identity.has(.admin), let missing = YearNotices.missingTestDates(year.calendar) {
            context.note(Message(vi: "Nhắc điểm giữa kì/cuối kì đang tắt cho năm \(year.name). ", en: "Mid-term and end-of-term reminders are off for \(year.name). ")
                         + missing)
        }
        if let outbox, let witnessTo {
            let mail = try session.witnessMail(to: witnessTo, date: date)
            try context.writeFile(outbox.appendingPathComponent(mail.fileName), mail.data)
        }
        if let outbox {
            for mail in try session.reminderMails(items, date: date) {
                try context.writeFile(outbox.appendingPathComponent(mail.fileName), mail.data)
            }
        }
        switch format {
        case .json:
            context.write(Render.json(.object(["date": .string(date.description), "items": .array(items.map(\.json))])))
        default:
            guard !items.isEmpty else { return }
            let l = context.language
            context.write(context.text(vi: "Nhắc việc ngày \(date.vietnamese) (quá hạn và đến hạn trong \(ahead) ngày tới):\n",
                                       en: "Reminders for \(date.english) (overdue and due within \(ahead) days):\n"))
            let header = l == .english
                ? ["", "PERSON", "KIND", "CLASS", "SUBJECT", "WHAT", "MISSING", "DUE"]
                : ["", "NGƯỜI", "VIỆC", "LỚP", "MÔN", "MỤC", "THIẾU", "HẠN"]
            // Words in both languages (issue 16): the subject's short name, a month or a report by name.
            context.write(Render.table(header, items.map { item in
                [item.overdue ? context.text(vi: "QUÁ HẠN", en: "OVERDUE") : context.text(vi: "sắp hạn", en: "due"),
                 item.person, Words.reminderKind(item.kind.rawValue, l),
                 item.className ?? "-", item.subject.map(PrintedNames.short) ?? "-",
                 (item.what.map { Words.reminderWhat($0, l) } ?? "-")
                    + (item.makeUp ? context.text(vi: " vắng: kiểm tra bù", en: " missed: make-up") : ""),
                 "\(item.missing)", Words.day(item.due, l)]
            }))
        }
    }
}
