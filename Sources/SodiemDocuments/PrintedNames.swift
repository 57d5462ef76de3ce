import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules

/// Vietnamese names printed on the forms: subjects, levels, outcomes, titles, dates.
public enum PrintedNames {
    /// A student who left the school: "Chuyển đi Trường … từ ngày 10/02/2025" or "Thôi học từ ngày …: lí do".
    public static func leaving(_ left: TransferOut) -> String {
        if let school = left.school { return "Chuyển đi \(school) từ ngày \(left.date.vietnamese)" }
        return "Thôi học từ ngày \(left.date.vietnamese)" + (left.reason.map { ": \($0)" } ?? "")
    }

    /// Short subject headings for narrow columns ("Văn", "Toán", "LSĐL").
    public static func short(_ code: String) -> String {
        ["ngu-van": "Ngữ văn", "toan": "Toán", "ngoai-ngu": "NN1", "gdcd": "GDCD", "ls-dl": "LS&ĐL", "khtn": "KHTN",
         "cong-nghe": "C.nghệ", "tin-hoc": "Tin", "gdtc": "GDTC", "nghe-thuat": "N.thuật", "hdtn-hn": "HĐTN",
         "gddp": "GDĐP", "tieng-dan-toc": "T.DT", "ngoai-ngu-2": "NN2"][code] ?? code
    }

    /// The catalogue name of a subject ("Lịch sử và Địa lí").
    public static func subject(_ code: String) -> String { TT22Catalogue.subject(code: code)?.name ?? code }

    /// "Học kì I", "Học kì II".
    public static func term(_ term: Term) -> String { term == .first ? "Học kì I" : "Học kì II" }

    /// "Học kì I", "Học kì II", "Cả năm".
    public static func period(_ period: Period) -> String {
        switch period {
        case .term(let t): return term(t)
        case .year: return "Cả năm"
        }
    }

    /// "học kì I", "học kì II", "cả năm": inside a sentence.
    public static func phrase(_ period: Period) -> String {
        switch period {
        case .term(let t): return t == .first ? "học kì I" : "học kì II"
        case .year: return "cả năm"
        }
    }

    /// The Vietnamese name of a score column: "Đánh giá thường xuyên lần 2 (TX2)".
    public static func column(_ column: Column) -> String {
        switch column {
        case .regular(let k): return "Đánh giá thường xuyên lần \(k) (TX\(k))"
        case .midTerm: return "Đánh giá giữa kì (GK)"
        case .endOfTerm: return "Đánh giá cuối kì (CK)"
        }
    }

    /// The Vietnamese name of a role ("Hiệu trưởng", "Tổ quản trị hệ thống").
    public static func role(_ role: Role) -> String {
        switch role {
        case .teacher: return "Giáo viên"
        case .admin: return "Tổ quản trị hệ thống"
        case .principal: return "Hiệu trưởng"
        case .vicePrincipal: return "Phó Hiệu trưởng"
        case .system: return "Tài khoản hệ thống"
        }
    }

    /// A mark with the decimal comma, or empty.
    public static func mark(_ mark: Mark?) -> String { mark?.printed ?? "" }

    /// The level letter (T, K, Đ, CĐ) or empty.
    public static func level(_ level: Level?) -> String { level?.rawValue ?? "" }

    /// What happens at the end of the year, in words (grade 9: completed lower secondary).
    public static func outcome(_ outcome: Outcome?, grade: Int) -> String {
        switch outcome {
        case .promoted?: return grade >= 9 ? "Hoàn thành chương trình THCS" : "Được lên lớp"
        case .summerTraining?: return "Rèn luyện trong hè"
        case .retest?: return "Kiểm tra lại"
        case .retained?: return "Ở lại lớp"
        case nil: return ""
        }
    }

    /// The printed title ("Học sinh Xuất sắc", "Học sinh Giỏi").
    public static func title(_ title: Title?) -> String {
        switch title {
        case .excellent?: return "Học sinh Xuất sắc"
        case .good?: return "Học sinh Giỏi"
        case nil: return ""
        }
    }

    /// A particular as printed: dates `yyyy-mm-dd` become `dd/mm/yyyy`.
    public static func particular(_ record: StudentRecord, _ code: String) -> String {
        let value = record.particulars[code] ?? ""
        if code == "ngay_sinh", let day = Day(value) { return day.vietnamese }
        return value
    }

    /// "Nguyễn Văn A (Làm ruộng)": a parent and their occupation.
    public static func parent(_ record: StudentRecord, name: String, job: String) -> String {
        let who = record.particulars[name] ?? ""
        let work = record.particulars[job] ?? ""
        if who.isEmpty { return "" }
        return work.isEmpty ? who : "\(who) (\(work))"
    }

    /// The account's name, or its id when unknown.
    public static func person(_ id: String?, _ users: UsersFile) -> String {
        guard let id, !id.isEmpty else { return "" }
        return users.accounts[id]?.name ?? id
    }

    /// The principal (Hiệu trưởng): the first active account with that role.
    public static func principal(_ users: UsersFile) -> String? {
        users.accounts.values.filter { $0.has(.principal) && !$0.disabled }.sorted { $0.id < $1.id }.first?.name
    }

    /// The place for "…, ngày … tháng … năm": the ward, else the district, else the province.
    public static func place(_ school: SchoolFile) -> String? {
        [school.ward, school.district, school.province].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// The months (first days) from one day's month to another's, inclusive.
    public static func months(from start: Day, to end: Day) -> [Day] {
        var months: [Day] = []
        var (y, m, _) = start.components
        let last = end.components
        while (y, m) <= (last.year, last.month) {
            months.append(Day(year: y, month: m, day: 1)!)
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return months
    }
}
