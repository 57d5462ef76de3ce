import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore

extension Session {
    /// The daily witness message of `remind --outbox DIR --witness-to ADDR` (data.md): the head of
    /// the log, to an address off the server, on every run whether or not anything is due. Its
    /// body holds the head as a line `verify --witness` reads (`seq hash`).
    public func witnessMail(to address: String, date: Day) throws(SodiemError) -> ReminderMail {
        guard !address.isEmpty, address.count <= 254,
              address.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0 != "<" && $0 != ">" && $0 != "," }) else {
            throw SodiemError.usage(vi: "\(option: .witnessTo) cần một địa chỉ thư (không khoảng trắng, không kí tự điều khiển), không phải \(Message.quote(address)).",
                                    en: "\(option: .witnessTo) takes one mail address (no spaces, no control characters), not \(Message.quote(address)).")
        }
        let seq = tail.last?.seq ?? 0
        let at = tail.last?.at ?? ""
        var body = "Chứng cứ nhật kí của sổ điểm điện tử \(school.name), ngày \(date.vietnamese).\n"
        body += "Witness of the audit log of \(school.name), \(date).\n\n"
        body += "# seq hash (sodiem verify --witness FILE), at \(at)\n"
        body += "\(seq) \(tail.lastHash)\n\n"
        body += "Xin lưu thư này ngoài máy chủ của trường. Keep this message off the school's server.\n"
        let data = Mail.message(date: now, messageID: "witness.\(date).\(seq).\(tail.lastHash.prefix(16))@localhost",
                                from: "sodiem@localhost", to: address,
                                subject: "[sodiem] Chứng cứ nhật kí \(date.vietnamese): #\(seq) \(tail.lastHash.prefix(16))", body: body)
        return ReminderMail(person: address, fileName: "\(date)-witness-\(seq).eml", data: data)
    }
}
