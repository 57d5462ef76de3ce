import SodiemBasics

/// One option a command accepts, declared once: its name, the placeholder of its value, its
/// kind and what it means in both languages. Parsing, `help COMMAND` and the docs check all
/// read this declaration, so an option cannot be accepted without being shown, or the reverse.
///
/// Declaring one is one line: `OptionDeclaration.value("ahead", "N", vi: "…", en: "…")`.
struct OptionDeclaration: Sendable, Hashable {
    /// What follows the option's name on the command line.
    enum Kind: Sendable, Hashable {
        /// `--class 6A1`: one value (given twice, the same value only).
        case value
        /// `--witness A --witness B`: a value that may repeat.
        case repeating
        /// `--dry-run`: no value.
        case flag
    }

    /// The name without the dashes (`class`).
    let name: String
    /// The placeholder of the value in help (`LỚP` / `CLASS`); empty for a flag.
    let placeholder: Message
    let kind: Kind
    /// What the option means, one line.
    let about: Message

    /// An option taking one value.
    static func value(_ name: String, _ vi: String, _ en: String? = nil, vi about: String, en aboutEnglish: String) -> Self {
        Self(name: name, placeholder: Message(vi: vi, en: en ?? vi), kind: .value, about: Message(vi: about, en: aboutEnglish))
    }

    /// An option taking a value that may be given several times.
    static func repeating(_ name: String, _ vi: String, _ en: String? = nil, vi about: String, en aboutEnglish: String) -> Self {
        Self(name: name, placeholder: Message(vi: vi, en: en ?? vi), kind: .repeating, about: Message(vi: about, en: aboutEnglish))
    }

    /// A flag without a value.
    static func flag(_ name: String, vi about: String, en aboutEnglish: String) -> Self {
        Self(name: name, placeholder: Message(vi: "", en: ""), kind: .flag, about: Message(vi: about, en: aboutEnglish))
    }

    /// `--class LỚP` in the user's language.
    func synopsis(_ language: Language) -> String {
        let shown = placeholder.text(language)
        return kind == .flag || shown.isEmpty ? "--\(name)" : "--\(name) \(shown)"
    }
}

/// One exit code a command can return, and what it means for that command.
struct ExitCodeDeclaration: Sendable, Hashable {
    let code: Int32
    let meaning: Message

    /// An exit code with its meaning for this command.
    static func code(_ code: Int32, vi: String, en: String) -> Self { Self(code: code, meaning: Message(vi: vi, en: en)) }

    /// 0: the command did what it was asked.
    static let done = code(0, vi: "xong", en: "done")
    /// 64: a usage error, the same for every command.
    static let usage = code(64, vi: "sai cách dùng: lệnh hoặc tuỳ chọn không biết, thiếu hoặc mâu thuẫn",
                            en: "usage: unknown command or option, missing or conflicting option")
    /// 75: the data directory is held by another command longer than the wait.
    static let busy = code(75, vi: "thư mục dữ liệu đang bận (SODIEM_LOCK_WAIT): thử lại", en: "the data directory is busy (SODIEM_LOCK_WAIT): try again")
    /// 77 for an account that may not run the command (or `--as`/`SODIEM_NOW` from a non-admin).
    static let notPermitted = code(77, vi: "không được phép (vai trò, --as, SODIEM_NOW, tài khoản chưa đăng kí)",
                                   en: "not permitted (role, --as, SODIEM_NOW, unregistered account)")
    /// 65 with its meaning for the command.
    static func bad(vi: String, en: String) -> Self { code(65, vi: vi, en: en) }
    /// 66 with its meaning for the command.
    static func missing(vi: String, en: String) -> Self { code(66, vi: vi, en: en) }
    /// 73 with its meaning for the command.
    static func cannotWrite(vi: String, en: String) -> Self { code(73, vi: vi, en: en) }
    /// 77 with its meaning for the command.
    static func denied(vi: String, en: String) -> Self { code(77, vi: vi, en: en) }
    /// 78 with its meaning for the command.
    static func config(vi: String, en: String) -> Self { code(78, vi: vi, en: en) }
    /// 74: a file of the data directory could not be read or written.
    static let io = code(74, vi: "lỗi đọc/ghi tệp", en: "input/output error")
    /// What any command that opens the data directory can meet, after its own codes.
    static let session: [Self] = [.notPermitted, .io, .busy, .notConfigured]
    /// 78: the data directory is not initialised, or no current year.
    static let notConfigured = code(78, vi: "chưa khởi tạo, hoặc chưa có năm học hiện tại", en: "not initialised, or no current school year")
}

/// Who uses a command, for the groups of `sodiem help` (issue 16, item 10).
enum Audience: Int, Sendable, CaseIterable, Comparable {
    case office, subjectTeacher, homeroomTeacher, board, system, everyone

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    var title: Message {
        switch self {
        case .office: return Message(vi: "Văn phòng, quản trị (admin)", en: "School office, admin")
        case .subjectTeacher: return Message(vi: "Giáo viên bộ môn", en: "Subject teachers")
        case .homeroomTeacher: return Message(vi: "Giáo viên chủ nhiệm", en: "Homeroom teachers")
        case .board: return Message(vi: "Ban giám hiệu", en: "The school board")
        case .system: return Message(vi: "Hệ thống, cron, lưu trữ", en: "System, cron, archive")
        case .everyone: return Message(vi: "Chung", en: "General")
        }
    }
}

/// Everything about one command that is not its code: from it come the parser's table,
/// `help COMMAND`, the line in `sodiem help` and the check of docs/commands/<name>.md.
struct CommandSpec: Sendable {
    /// The word that selects the command (`enter-score`).
    let name: String
    /// One line for `sodiem help`.
    let summary: Message
    /// Where `sodiem help` lists it.
    let audience: Audience
    /// The synopsis lines, without `sodiem ` (the same in both languages: they are commands).
    let usage: [String]
    /// The prose between the synopsis and the options: what the command does, who may run it.
    let details: Message
    /// The options besides the global ones: shared ones from the catalogue, own ones declared inline.
    let options: [OptionDeclaration]
    /// How many positional words it takes at most.
    let positionals: Int
    /// Runnable examples, without `sodiem `.
    let examples: [String]
    /// The exit codes it can return besides 0 and 64 (which every command has), with their meaning here.
    let exitCodes: [ExitCodeDeclaration]

    init(_ name: String, summary: Message, audience: Audience, usage: [String], details: Message = Message(vi: "", en: ""),
         options: [OptionDeclaration] = [], positionals: Int = 0, examples: [String], exitCodes: [ExitCodeDeclaration]) {
        self.name = name
        self.summary = summary
        self.audience = audience
        self.usage = usage
        self.details = details
        self.options = options
        self.positionals = positionals
        self.examples = examples
        self.exitCodes = exitCodes
    }

    /// Every exit code, 0 and 64 first, without duplicates, in order.
    var allExitCodes: [ExitCodeDeclaration] {
        var seen: Set<Int32> = []
        return ([.done, .usage] + exitCodes).filter { seen.insert($0.code).inserted }.sorted { $0.code < $1.code }
    }

    /// The parser's table.
    var optionSpec: OptionSpec {
        var spec = Self.table(options)
        spec.positionals = positionals
        return spec
    }

    /// The parser's table of some declared options.
    static func table(_ options: [OptionDeclaration]) -> OptionSpec {
        var spec = OptionSpec()
        for option in options {
            switch option.kind {
            case .value: spec.values.insert(option.name)
            case .repeating: spec.values.insert(option.name); spec.repeating.insert(option.name)
            case .flag: spec.flags.insert(option.name)
            }
        }
        return spec
    }
}
