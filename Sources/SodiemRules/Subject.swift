import SodiemBasics
import SodiemModel
/// How a subject is assessed: by score or by comment (môn đánh giá bằng điểm số / bằng nhận xét).
public enum SubjectKind: String, Hashable, Sendable, CaseIterable {
    /// Đánh giá bằng điểm số (0–10 with one decimal).
    case scored = "score"
    /// Đánh giá bằng nhận xét (Đ/CĐ).
    case comment = "comment"
}

/// A subject of the 2018 curriculum (môn học) as the catalogue of rules-tt22.md §1 lists it.
public struct Subject: Hashable, Sendable {
    /// Stable code used in files and on the command line: `toan`, `ls-dl`.
    public let code: String
    /// Vietnamese name (tên môn học): "Lịch sử và Địa lí".
    public let name: String
    /// Scored or comment subject (môn đánh giá bằng điểm số / nhận xét).
    public let kind: SubjectKind
    /// Parts taught by different teachers (phân môn): "Lịch sử", "Địa lí"; empty when none.
    public let parts: [String]
    /// Other names users type, matched without case and diacritics.
    public let aliases: [String]
    /// Compulsory subject (môn bắt buộc) or optional subject (môn tự chọn).
    public let compulsory: Bool
    /// Default periods per year (số tiết/năm) for grades 6, 7, 8, 9.
    public let defaultPeriods: [Int]

    /// Creates a catalogue entry.
    public init(code: String, name: String, kind: SubjectKind, parts: [String] = [],
                aliases: [String] = [], compulsory: Bool, defaultPeriods: [Int]) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parts = parts
        self.aliases = aliases
        self.compulsory = compulsory
        self.defaultPeriods = defaultPeriods
    }

    /// Số tiết/năm by default for a grade 6–9 (grades outside are clamped to 6–9).
    public func periodsPerYear(grade: Int) -> Int {
        defaultPeriods[min(max(grade, 6), 9) - 6]
    }
}

/// The subject catalogue of TT22 lower secondary (rules-tt22.md §1).
public enum TT22Catalogue {
    /// Every subject, compulsory first, in the order of the ledger.
    public static let subjects: [Subject] = [
        Subject(code: "ngu-van", name: "Ngữ văn", kind: .scored,
                aliases: ["Văn", "NV"], compulsory: true, defaultPeriods: [140, 140, 140, 140]),
        Subject(code: "toan", name: "Toán", kind: .scored,
                aliases: [], compulsory: true, defaultPeriods: [140, 140, 140, 140]),
        Subject(code: "ngoai-ngu", name: "Ngoại ngữ 1", kind: .scored,
                aliases: ["Ngoại ngữ", "Tiếng Anh", "Anh", "NN", "NN1", "TA"],
                compulsory: true, defaultPeriods: [105, 105, 105, 105]),
        Subject(code: "gdcd", name: "Giáo dục công dân", kind: .scored,
                aliases: ["GDCD", "Công dân"], compulsory: true, defaultPeriods: [35, 35, 35, 35]),
        Subject(code: "ls-dl", name: "Lịch sử và Địa lí", kind: .scored, parts: ["Lịch sử", "Địa lí"],
                aliases: ["Lịch sử và Địa lý", "LS-ĐL", "LSĐL", "LS&ĐL", "Sử Địa", "Sử", "Địa", "Địa lý"],
                compulsory: true, defaultPeriods: [105, 105, 105, 105]),
        Subject(code: "khtn", name: "Khoa học tự nhiên", kind: .scored,
                parts: ["Vật lí", "Hóa học", "Sinh học"],
                aliases: ["KHTN", "Vật lý", "Lí", "Lý", "Hóa", "Sinh"],
                compulsory: true, defaultPeriods: [140, 140, 140, 140]),
        Subject(code: "cong-nghe", name: "Công nghệ", kind: .scored,
                aliases: [], compulsory: true, defaultPeriods: [35, 35, 52, 52]),
        Subject(code: "tin-hoc", name: "Tin học", kind: .scored,
                aliases: ["Tin"], compulsory: true, defaultPeriods: [35, 35, 35, 35]),
        Subject(code: "gdtc", name: "Giáo dục thể chất", kind: .comment,
                aliases: ["GDTC", "Thể dục", "TD"], compulsory: true, defaultPeriods: [70, 70, 70, 70]),
        Subject(code: "nghe-thuat", name: "Nghệ thuật", kind: .comment, parts: ["Âm nhạc", "Mĩ thuật"],
                aliases: ["Mỹ thuật", "Nhạc"], compulsory: true, defaultPeriods: [70, 70, 70, 70]),
        Subject(code: "hdtn-hn", name: "Hoạt động trải nghiệm, hướng nghiệp", kind: .comment,
                aliases: ["HĐTN", "TNHN", "HĐTN-HN", "HĐTNHN", "Trải nghiệm", "Hoạt động trải nghiệm"],
                compulsory: true, defaultPeriods: [105, 105, 105, 105]),
        Subject(code: "gddp", name: "Nội dung giáo dục của địa phương", kind: .comment,
                aliases: ["GDĐP", "Giáo dục địa phương", "Nội dung giáo dục địa phương"],
                compulsory: true, defaultPeriods: [35, 35, 35, 35]),
        Subject(code: "tieng-dan-toc", name: "Tiếng dân tộc thiểu số", kind: .scored,
                aliases: ["Tiếng dân tộc"], compulsory: false, defaultPeriods: [105, 105, 105, 105]),
        Subject(code: "ngoai-ngu-2", name: "Ngoại ngữ 2", kind: .scored,
                aliases: ["NN2"], compulsory: false, defaultPeriods: [105, 105, 105, 105]),
    ]

    /// Codes of the compulsory subjects (môn bắt buộc), in ledger order.
    public static var compulsoryCodes: [String] { subjects.filter(\.compulsory).map(\.code) }

    /// The subject with this exact code.
    public static func subject(code: String) -> Subject? { byCode[code] }

    /// Finds a subject by code, name, part or alias, ignoring case, diacritics, spaces and punctuation.
    public static func lookup(_ typed: String) -> Subject? {
        // A code as typed (`toan`, the common case) needs no folding, nor the index built: the
        // index maps each code's key to that code (tested), so this is the same answer.
        if let subject = byCode[typed] { return subject }
        let key = RulesFolding.key(typed)
        guard !key.isEmpty, let code = index[key] else { return nil }
        return byCode[code]
    }

    /// Short names users type for a part (phân môn), folded like `lookup`.
    package static let partAliases: [String: String] = [
        "Vật lý": "Vật lí", "Lí": "Vật lí", "Lý": "Vật lí", "Hóa": "Hóa học", "Sinh": "Sinh học",
        "Mỹ thuật": "Mĩ thuật", "Nhạc": "Âm nhạc", "Sử": "Lịch sử", "Địa": "Địa lí", "Địa lý": "Địa lí",
    ]

    /// When the typed name is a part of a subject (phân môn: "Hoá học", "Âm nhạc"), that part and its subject.
    public static func part(_ typed: String) -> (part: String, subject: Subject)? {
        let key = RulesFolding.key(typed)
        guard !key.isEmpty else { return nil }
        for subject in subjects {
            for part in subject.parts where RulesFolding.key(part) == key { return (part, subject) }
        }
        for (alias, part) in partAliases where RulesFolding.key(alias) == key {
            if let subject = subjects.first(where: { $0.parts.contains(part) }) { return (part, subject) }
        }
        return nil
    }

    package static let byCode: [String: Subject] = Dictionary(uniqueKeysWithValues: subjects.map { ($0.code, $0) })

    /// Folded key → code; built from codes, names, parts and aliases.
    package static let index: [String: String] = {
        var index: [String: String] = [:]
        for subject in subjects {
            for name in [subject.code, subject.name] + subject.parts + subject.aliases {
                index[RulesFolding.key(name)] = subject.code
            }
        }
        return index
    }()

    /// Every (key, code) pair in declaration order, to check for clashes in tests.
    package static var allKeys: [(key: String, code: String)] {
        subjects.flatMap { subject in
            ([subject.code, subject.name] + subject.parts + subject.aliases).map { (RulesFolding.key($0), subject.code) }
        }
    }
}
