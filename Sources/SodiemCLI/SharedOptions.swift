import SodiemBasics
import SodiemModel
import SodiemRules

/// The options several commands share, declared once (docs/architecture.md, "A new option").
/// A command lists them by reference (`options: [.className, .term, .dryRun]`); its own
/// options it declares in its `CommandSpec`.
extension OptionDeclaration {
    // Global options: every command accepts them, before or after its name.
    static let data = value("data", "THƯ-MỤC", "DIR", vi: "thư mục dữ liệu (mặc định $SODIEM_DATA, rồi ./sodiem-data)",
                            en: "the data directory (default $SODIEM_DATA, then ./sodiem-data)")
    static let actAs = value("as", "TÀI-KHOẢN", "USER", vi: "làm với tư cách tài khoản này (root hoặc admin)",
                             en: "act as this account (root or an admin only)")
    static let year = value("year", "NĂM-HỌC", "YYYY-YYYY", vi: "năm học (mặc định năm hiện tại)", en: "the school year (default: the current one)")
    static let format = value("format", "text|json|csv|html|pdf|xlsx", vi: "dạng in ra, nếu lệnh in dữ liệu", en: "the output format, where the command prints data")
    static let out = value("out", "TỆP", "FILE", vi: "ghi kết quả vào TỆP thay cho màn hình", en: "write the output to FILE instead of standard output")
    static let help = flag("help", vi: "trợ giúp về lệnh", en: "help on the command")
    static let h = flag("h", vi: "như --help", en: "as --help")
    /// The options every command accepts.
    static let globals: [OptionDeclaration] = [.data, .actAs, .year, .format, .out, .help, .h]

    // What a command works on.
    static let className = value("class", "LỚP", "CLASS", vi: "lớp (6A1)", en: "the class (6A1)")
    static let subject = value("subject", "MÔN", "SUBJECT", vi: "môn: mã hoặc tên (toan, \"Ngữ văn\")", en: "the subject: code or name (toan, \"Ngữ văn\")")
    static let term = value("term", "1|2", vi: "học kì", en: "the term")
    static let period = value("term", "1|2|year", vi: "học kì 1, 2 hoặc cả năm (year)", en: "term 1, 2 or the whole year (year)")
    static let student = value("student", "MÃ-HS", "ID", vi: "mã học sinh", en: "the student's id")
    static let column = value("column", "tx1..txN|gk|ck", vi: "cột điểm: thường xuyên, giữa kì, cuối kì", en: "the score column: regular, mid-term, end-of-term")
    static let teacher = value("teacher", "MÃ-GV", "ID", vi: "tài khoản giáo viên", en: "the teacher's account")
    static let file = value("file", "TỆP", "FILE", vi: "tệp CSV hoặc sổ tính .xlsx đọc vào", en: "the CSV file or .xlsx workbook to read")
    static let sheet = value("sheet", "TRANG", "SHEET", vi: "trang tính của sổ .xlsx (mặc định: trang hiện đầu tiên)",
                             en: "the worksheet of an .xlsx workbook (default: the first visible one)")
    static let map = value("map", "TỆP", "FILE", vi: "bảng ánh xạ cột của hệ thống khác (mỗi dòng: tiêu đề = trường; docs/spreadsheets.md)",
                           en: "another system's column map (one line each: header = field; docs/spreadsheets.md)")
    static let date = value("date", "NGÀY", "DATE", vi: "ngày (yyyy-mm-dd hoặc dd/mm/yyyy)", en: "the day (yyyy-mm-dd or dd/mm/yyyy)")
    static let month = value("month", "yyyy-mm", vi: "tháng (2024-10)", en: "the month (2024-10)")
    static let decision = value("decision", "QUYẾT-ĐỊNH", "DECISION", vi: "số và ngày của quyết định", en: "the decision's number and date")
    static let reason = value("reason", "LÍ-DO", "REASON", vi: "lí do (ghi vào nhật kí)", en: "the reason (recorded in the log)")
    static let archive = value("archive", "TỆP", "FILE", vi: "tệp lưu trữ (sodiem archive)", en: "the archive file (sodiem archive)")

    // Flags several commands share.
    static let dryRun = flag("dry-run", vi: "chỉ cho biết sẽ thay đổi gì, không ghi gì", en: "show what would change and change nothing")
    static let clear = flag("clear", vi: "xoá giá trị đã có", en: "clear the existing value")
    static let off = flag("off", vi: "bỏ quyết định đã ghi", en: "withdraw the recorded decision")
}

/// The options of one command line read by their declared meaning: the typed accessors that
/// command bodies use instead of parsing the same option in several places.
struct Options {
    let arguments: Arguments
    /// The command, for the message of a missing option.
    let command: String

    /// A required option's text (64 when missing).
    func required(_ option: OptionDeclaration) throws(SodiemError) -> String {
        try arguments.required(option.name, command: command)
    }

    /// `--class` (64 when missing).
    func className() throws(SodiemError) -> String { try required(.className) }
    /// `--subject` (64 when missing).
    func subject() throws(SodiemError) -> String { try required(.subject) }
    /// `--student` (64 when missing).
    func student() throws(SodiemError) -> String { try required(.student) }

    /// `--term 1|2` (64 when missing or anything else).
    func term() throws(SodiemError) -> Term {
        guard let term = try optionalTerm() else { throw Arguments.missing("term", command: command) }
        return term
    }

    /// `--term 1|2` when given (64 for anything else).
    func optionalTerm() throws(SodiemError) -> Term? {
        guard let text = arguments.value("term") else { return nil }
        guard let number = Int(text.trimmingSpaces()), let term = Term(rawValue: number) else {
            throw SodiemError.usage(Message(vi: "--term nhận 1 hoặc 2, không phải \"\(text)\".", en: "--term takes 1 or 2, not \"\(text)\"."))
        }
        return term
    }

    /// `--term 1|2|year` when given (also `cn`, `ca-nam` for the year; 64 for anything else).
    func period() throws(SodiemError) -> Period? {
        guard let text = arguments.value("term") else { return nil }
        switch text.trimmingSpaces().lowercased() {
        case "1": return .term(.first)
        case "2": return .term(.second)
        case "year", "cn", "ca-nam": return .year
        default:
            throw SodiemError.usage(Message(vi: "--term nhận 1, 2 hoặc year, không phải \"\(text)\".",
                                            en: "--term takes 1, 2 or year, not \"\(text)\"."))
        }
    }

    /// `--term 1|2|year`, required (64 when missing or anything else).
    func requiredPeriod() throws(SodiemError) -> Period {
        guard let period = try period() else { throw Arguments.missing("term", command: command) }
        return period
    }

    /// A day option (`--date`, `--since`, `--until`) when given: yyyy-mm-dd or dd/mm/yyyy (64 otherwise).
    func day(_ name: String) throws(SodiemError) -> Day? {
        guard let text = arguments.value(name) else { return nil }
        guard let day = Day(text.trimmingSpaces()) else {
            throw SodiemError.usage(Message(vi: "--\(name) cần một ngày có thật (2024-10-31 hoặc 31/10/2024), không phải \"\(text)\".",
                                            en: "--\(name) needs a real day (2024-10-31 or 31/10/2024), not \"\(text)\"."))
        }
        return day
    }
}

extension Period {
    /// `1`, `2` or `year`, as the operations and JSON name a period.
    var argument: String {
        switch self {
        case .term(let term): return "\(term.rawValue)"
        case .year: return "year"
        }
    }
}
