import Foundation
import SodiemBasics
import SodiemFormats

/// One session missed (buổi nghỉ).
public struct Absence: Sendable, Equatable {
    /// The school day of the absence.
    public var date: Day
    /// `sang` (morning) or `chieu` (afternoon).
    public var session: String
    /// Có phép (excused) or không phép.
    public var excused: Bool

    /// Memberwise, for the layers above.
    package init(date: Day, session: String, excused: Bool) {
        self.date = date
        self.session = session
        self.excused = excused
    }
}

/// A GDTC practical-part exemption (miễn phần thực hành, Điều 10) and its decision.
public struct Exemption: Sendable, Equatable {
    /// Code of the subject exempted (`gdtc`).
    public var subject: String
    /// `1`, `2` or `year`.
    public var term: String
    /// The principal's decision reference.
    public var decision: String

    /// Memberwise, for the layers above.
    package init(subject: String, term: String, decision: String) {
        self.subject = subject
        self.term = term
        self.decision = decision
    }
}

/// An individual education plan (kế hoạch giáo dục cá nhân, Điều 11): results left to the principal.
public struct IndividualPlan: Sendable, Equatable {
    /// The principal's decision reference placing the student on the plan.
    public var decision: String
    /// Levels and outcome the principal records by hand (`learning`, `outcome`, `title`, …).
    public var recorded: [String: String] = [:]
    /// The subjects that follow the plan (`--plan-subjects`); nil: every subject does.
    public var subjects: [String]?
    /// The plan's own result (Đ/CĐ) of a plan subject per term, entered by the subject's lead.
    public var results: [String: [Term: Mark]] = [:]

    /// Memberwise, for the layers above.
    package init(decision: String, recorded: [String: String] = [:], subjects: [String]? = nil, results: [String: [Term: Mark]] = [:]) {
        self.decision = decision
        self.recorded = recorded
        self.subjects = subjects
        self.results = results
    }

    /// True when the subject follows the plan (every subject when none are named).
    public func follows(_ subject: String) -> Bool { subjects?.contains(subject) ?? true }
}

/// A student who left this class for another class of the same year (chuyển lớp).
public struct MovedOut: Sendable, Equatable {
    /// The class of the year the student moved to.
    public var className: String
    /// The (effective) day of the move.
    public var date: Day

    /// Memberwise, for the layers above.
    package init(className: String, date: Day) {
        self.className = className
        self.date = date
    }
}

/// Where a student came from within the school this year (`import-students --move`).
public struct MovedIn: Sendable, Equatable {
    /// The class of the year the student left.
    public var className: String
    /// The (effective) day of the move.
    public var date: Day

    /// Memberwise, for the layers above.
    package init(className: String, date: Day) {
        self.className = className
        self.date = date
    }
}

/// The results of a term completed at another school (`transfer-in`, rules-tt22.md §8), as its
/// transcript gives them: they count as that term's results.
public struct CarriedTerm: Sendable, Equatable {
    /// Subject code → ĐTBmhk or Đ/CĐ.
    public var results: [String: Mark]
    /// Kết quả rèn luyện of the term.
    public var conduct: Level?
    /// Buổi absent in the term there.
    public var absences: Int

    /// Memberwise.
    public init(results: [String: Mark], conduct: Level?, absences: Int) {
        self.results = results
        self.conduct = conduct
        self.absences = absences
    }
}

/// A student who came from another school this year (chuyển đến).
public struct TransferIn: Sendable, Equatable {
    /// The previous school's name.
    public var school: String
    /// The document the results were taken from (số học bạ, giấy giới thiệu chuyển trường).
    public var reference: String
    /// The day of the arrival (the event's effective day).
    public var date: Day
    /// The terms completed there.
    public var terms: [Term: CarriedTerm]

    /// Memberwise.
    public init(school: String, reference: String, date: Day, terms: [Term: CarriedTerm]) {
        self.school = school
        self.reference = reference
        self.date = date
        self.terms = terms
    }
}

/// A student who left the school (chuyển đi, or thôi học with a reason) from a day.
public struct TransferOut: Sendable, Equatable {
    /// The first day the student is no longer on the class list.
    public var date: Day
    /// The receiving school, for a transfer.
    public var school: String?
    /// Why the student left, when not for another school ("bỏ học").
    public var reason: String?

    /// Memberwise.
    public init(date: Day, school: String?, reason: String?) {
        self.date = date
        self.school = school
        self.reason = reason
    }
}

/// Everything a class file holds about one student for the year.
public struct StudentRecord: Sendable, Equatable {
    /// Họ và tên, in NFC.
    public var name: String { didSet { stored.forget("name") } }
    /// Particulars by their import codes (`ngay_sinh` as yyyy-mm-dd, `gioi_tinh`, `dan_toc`, …).
    public var particulars: [String: String] {
        get { particularsStore.value }
        set { particularsStore = DeferredValue(newValue); stored.forget("particulars") }
    }
    /// The particulars, decoded from the class file only when read (a score entry never reads them).
    private var particularsStore = DeferredValue<[String: String]>([:])
    /// subject → term → marks.
    public var scores: [String: [Term: SubjectMarks]] {
        get { scoreBook.all }
        set { scoreBook.all = newValue }
    }
    /// The scores, decoded from the class file only when they are asked for.
    private var scoreBook = ScoreBook() { didSet { stored.forget("scores") } }
    /// `1`, `2`, and `summer` (re-assessed year conduct after summer training) → level.
    public var conduct: [String: Level] = [:] { didSet { stored.forget("conduct") } }
    /// Sessions missed this year (điểm danh), in the order recorded.
    public var absences: [Absence] {
        get { absencesStore.value }
        set { absencesStore = DeferredValue(newValue); stored.forget("absences") }
    }
    /// The absences, decoded from the class file only when read.
    private var absencesStore = DeferredValue<[Absence]>([])
    /// Nhận xét của giáo viên chủ nhiệm.
    public var homeroomComment: String? { didSet { stored.forget("comment") } }
    /// subject → the lead teacher's comment.
    public var subjectComments: [String: String] = [:] { didSet { stored.forget("subject_comments") } }
    /// GDTC practical-part exemptions (miễn thực hành) with their decisions.
    public var exemptions: [Exemption] = [] { didSet { stored.forget("exemptions") } }
    /// subject → re-test result (kiểm tra lại).
    public var retests: [String: Mark] = [:] { didSet { stored.forget("retests") } }
    /// subject → the day its re-test result was first entered (starts its direct edit window).
    public var retestEntered: [String: Day] = [:] { didSet { stored.forget("retests_entered") } }
    /// Set when the student moved to another class of the year (`import-students --move`):
    /// the record and its scores stay here, the student is no longer on this class's lists.
    public var movedTo: MovedOut? { didSet { stored.forget("moved_to") } }
    /// The classes of the year the student came from, oldest first: what was entered there stays
    /// in their files and is read with this record as one year (rules-tt22.md §8).
    public var movedFrom: [MovedIn] = [] { didSet { stored.forget("moved_from") } }
    /// Set for a student who came from another school this year, with the terms completed there.
    public var transferIn: TransferIn? { didSet { stored.forget("transfer_in") } }
    /// Set for a student who left the school: off the class list, on the ledger as left.
    public var transferOut: TransferOut? { didSet { stored.forget("transfer_out") } }
    /// The individual education plan, if the student is on one (then results are recorded by hand).
    public var individualPlan: IndividualPlan? { didSet { stored.forget("individual_plan") } }
    /// True when a plan set in a class the student moved from was lifted in this one
    /// (`individual-plan --off`): the year record then has no plan, though the earlier class's has.
    public var planLifted = false { didSet { stored.forget("plan_lifted") } }
    /// Commendations of the year (khen thưởng, Điều 15.1.b), oldest first: their texts.
    public var commendations: [String] = [] { didSet { stored.forget("commendations") } }
    /// Why a cell holds its value (`enter-score --note`, e.g. "không kiểm tra bù"), by cell;
    /// a later change of the cell without a note clears it (the note was about the old value).
    public var scoreNotes: [ScoreCell: String] = [:] { didSet { stored.forget("score_notes") } }
    /// The bytes this record was read from, while nothing in it changed: writing the class copies
    /// them instead of encoding the record again (every stored property above forgets them when set).
    package var stored = StoredForm()

    /// Creates a student with a name and particulars and nothing else recorded.
    public init(name: String, particulars: [String: String] = [:]) {
        self.name = name
        self.particulars = particulars
    }

    /// Holds the scores as the bytes of their `scores` member, decoded when first read.
    package mutating func deferScores(_ bytes: ArraySlice<UInt8>) {
        scoreBook = ScoreBook(deferred: bytes)
    }

    /// Sets a subject's marks in a term, decoding that subject alone: the others keep their bytes.
    public mutating func setMarks(_ marks: SubjectMarks, _ subject: String, _ term: Term) {
        scoreBook.setMarks(marks, subject, term)
    }

    /// The marks of a subject in a term (empty when none).
    public func marks(_ subject: String, _ term: Term) -> SubjectMarks {
        scoreBook.marks(subject, term)
    }

    /// Sessions absent in the year, excused and unexcused together.
    public var absenceCount: Int { absences.count }

    /// Buổi absent at the previous school in a term (nil: all terms), from `transfer-in`.
    public func carriedAbsences(_ term: Term? = nil) -> Int {
        (transferIn?.terms ?? [:]).filter { term == nil || $0.key == term }.map(\.value.absences).reduce(0, +)
    }

    /// True when the subject's cells of the term are not entered here: the subject's result of
    /// the term came from another school (`transfer-in`; per subject, as the results read it), or
    /// the subject follows the student's individual plan with its own result. Reminders and
    /// lock-term's gaps leave such cells out.
    public func takesNoMarks(_ subject: String, _ term: Term) -> Bool {
        if transferIn?.terms[term]?.results[subject] != nil { return true }
        if let plan = individualPlan, plan.subjects != nil, plan.follows(subject) { return true }
        return false
    }

    /// True when the student is no longer on this class's lists (moved to another class, or left the school).
    public var hasLeft: Bool { movedTo != nil || transferOut != nil }
}

/// The bytes of a student's record in its class file, as read (`StudentRecord.stored`).
///
/// Records are equal by what they hold, never by where they were read from, so two stored forms
/// always compare equal.
package struct StoredForm: Sendable, Equatable {
    /// The record's value in the pretty form at its place in the file (nil: not read from a file, or changed since).
    package var bytes: ArraySlice<UInt8>?
    /// Each member's value as read, while that member is unchanged (`"particulars"` → its bytes).
    package var members: [String: ArraySlice<UInt8>] = [:]

    /// No bytes: the record is encoded when its class is written.
    package init(bytes: ArraySlice<UInt8>? = nil, members: [String: ArraySlice<UInt8>] = [:]) {
        self.bytes = bytes
        self.members = members
    }

    /// A member changed: the record's bytes and that member's no longer hold.
    package mutating func forget(_ member: String) {
        bytes = nil
        if !members.isEmpty { members[member] = nil }
    }

    package static func == (lhs: StoredForm, rhs: StoredForm) -> Bool { true }
}

/// One score cell of a student: a subject's column in a term.
public struct ScoreCell: Hashable, Sendable, Comparable {
    /// The subject's code.
    public var subject: String
    /// The term.
    public var term: Term
    /// The column (`tx1`…, `gk`, `ck`).
    public var column: Column

    /// Memberwise.
    public init(subject: String, term: Term, column: Column) {
        self.subject = subject
        self.term = term
        self.column = column
    }

    /// Subject, then term, then sheet order.
    public static func < (lhs: ScoreCell, rhs: ScoreCell) -> Bool {
        (lhs.subject, lhs.term.rawValue) != (rhs.subject, rhs.term.rawValue)
            ? (lhs.subject, lhs.term.rawValue) < (rhs.subject, rhs.term.rawValue) : lhs.column < rhs.column
    }
}

/// `years/Y/classes/C.json`: one class for one year.
public struct ClassFile: Sendable, Equatable {
    /// The class name, `6A1`.
    public var name: String
    /// Khối: 6…9.
    public var grade: Int
    /// Student id → the student's record, including students who moved out.
    public var students: [String: StudentRecord] = [:]
    /// Months whose attendance the homeroom teacher has closed (`2024-10`).
    public var closedMonths: Set<String> = []
    /// The last audit event reflected.
    public var seq = 0
    /// SHA-256 of that event's log line (lower-case hex).
    public var hash = ""

    /// Creates an empty class of a grade.
    public init(name: String, grade: Int) {
        self.name = name
        self.grade = grade
    }
}

// MARK: - JSON

extension Mark {
    /// The JSON form: a number in tenths, or `"Đ"`/`"CĐ"`.
    public var json: JSON {
        switch self {
        case .score(let score): return .tenths(score.tenths)
        case .judgement(let judgement): return .string(judgement.rawValue)
        case .missed: return .string(Mark.missedText)
        }
    }

    /// Reads the JSON form.
    public init?(json: JSON) {
        if let tenths = json.tenths, let score = Score(tenths: tenths) {
            self = .score(score)
        } else if let text = json.string, let judgement = Judgement(rawValue: text) {
            self = .judgement(judgement)
        } else if let text = json.string, text.precomposedStringWithCanonicalMapping == Mark.missedText {
            self = .missed
        } else {
            return nil
        }
    }
}

extension SubjectMarks {
    package init(json: JSON) {
        // One pass over the members: a sheet reads forty of these, and each lookup by name hashes.
        var regular: [Mark?] = [], midTerm: Mark?, endOfTerm: Mark?
        // First-entry days, grouped by day: {"2024-10-03": ["tx1", "gk"]} (a sheet is entered on one day).
        var entered: [Column: Day] = [:]
        for (key, value) in json.object ?? [:] {
            switch key {
            case "tx": regular = value.array?.map { Mark(json: $0) } ?? []
            case "gk": midTerm = Mark(json: value)
            case "ck": endOfTerm = Mark(json: value)
            case "entered":
                guard case .object(let byDay) = value else { continue }
                entered.reserveCapacity(8)
                for (dayText, columns) in byDay {
                    guard let day = Day(dayText) else { continue }
                    for column in columns.array ?? [] { if let c = column.string.flatMap(Column.init) { entered[c] = day } }
                }
            default: continue
            }
        }
        self.init(regular: regular, midTerm: midTerm, endOfTerm: endOfTerm, entered: entered)
    }

    package var json: JSON {
        var members: [String: JSON] = [:]
        var regular = self.regular
        while let last = regular.last, last == nil { regular.removeLast() }
        if !regular.isEmpty { members["tx"] = .array(regular.map { $0?.json ?? .null }) }
        if let midTerm { members["gk"] = midTerm.json }
        if let endOfTerm { members["ck"] = endOfTerm.json }
        if !entered.isEmpty {
            // Columns grouped by their day, each group in column order. (Sorted pairs rather than a
            // dictionary keyed by day: its run-time conformance search cost more than the grouping.)
            let pairs = entered.map { (day: $0.value, column: $0.key) }.sorted { ($0.day, $0.column) < ($1.day, $1.column) }
            var byDay: [String: JSON] = [:]
            var start = 0
            while start < pairs.count {
                var end = start
                while end < pairs.count, pairs[end].day == pairs[start].day { end += 1 }
                byDay[pairs[start].day.description] = .array(pairs[start..<end].map { .string($0.column.description) })
                start = end
            }
            members["entered"] = .object(byDay)
        }
        return .object(members)
    }

    /// The mark in a column (`tx1`…, `gk`, `ck`).
    public subscript(column: Column) -> Mark? {
        get {
            switch column {
            case .regular(let k): return k <= regular.count ? regular[k - 1] : nil
            case .midTerm: return midTerm
            case .endOfTerm: return endOfTerm
            }
        }
        set {
            switch column {
            case .regular(let k):
                if regular.count < k { regular.append(contentsOf: repeatElement(nil, count: k - regular.count)) }
                regular[k - 1] = newValue
                while let last = regular.last, last == nil { regular.removeLast() }
            case .midTerm: midTerm = newValue
            case .endOfTerm: endOfTerm = newValue
            }
        }
    }
}

/// A score column of a subject sheet: `tx1`…`txN`, `gk`, `ck`.
public enum Column: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// Regular assessment `txK` (đánh giá thường xuyên), from 1.
    case regular(Int)
    /// Mid-term assessment `gk` (giữa kì).
    case midTerm
    /// End-of-term assessment `ck` (cuối kì).
    case endOfTerm

    /// Parses `tx1`, `TX2`, `gk`, `ck` (no range check: that depends on the subject and grade).
    public init?(_ text: String) {
        switch text {  // the stored forms, without trimming or case folding
        case "gk": self = .midTerm; return
        case "ck": self = .endOfTerm; return
        case "tx1", "tx2", "tx3", "tx4": self = .regular(Int(text.utf8.last! - 48)); return
        default: break
        }
        let lower = text.trimmingSpaces().lowercased()
        switch lower {
        case "gk": self = .midTerm
        case "ck": self = .endOfTerm
        default:
            guard lower.hasPrefix("tx"), let k = Int(lower.dropFirst(2)), k >= 1, k <= 9 else { return nil }
            self = .regular(k)
        }
    }

    /// The stored form: `tx1`, `gk`, `ck`.
    public var description: String {
        switch self {
        case .regular(let k): return "tx\(k)"
        case .midTerm: return "gk"
        case .endOfTerm: return "ck"
        }
    }

    private var order: Int {
        switch self {
        case .regular(let k): return k
        case .midTerm: return 100
        case .endOfTerm: return 101
        }
    }

    /// Sheet order: `tx1`…`txN`, then `gk`, then `ck`.
    public static func < (lhs: Column, rhs: Column) -> Bool { lhs.order < rhs.order }

    /// The columns of a sheet with `regularCount` regular assessments.
    public static func sheet(regularCount: Int) -> [Column] {
        (1...max(1, regularCount)).map(Column.regular) + [.midTerm, .endOfTerm]
    }
}

extension StudentRecord {
    package init(json: JSON) {
        name = json["name"].string ?? ""
        particulars = StudentRecord.decodeParticulars(json["particulars"])
        scoreBook = ScoreBook(encoded: json["scores"])
        conduct = (json["conduct"].object ?? [:]).compactMapValues { $0.string.flatMap(Level.init(rawValue:)) }
        absences = StudentRecord.decodeAbsences(json["absences"])
        homeroomComment = json["comment"].string
        subjectComments = (json["subject_comments"].object ?? [:]).compactMapValues(\.string)
        exemptions = json["exemptions"].array?.compactMap { item in
            guard let subject = item["subject"].string, let term = item["term"].string else { return nil }
            return Exemption(subject: subject, term: term, decision: item["decision"].string ?? "")
        } ?? []
        retests = (json["retests"].object ?? [:]).compactMapValues { Mark(json: $0) }
        retestEntered = (json["retests_entered"].object ?? [:]).compactMapValues { $0.string.flatMap(Day.init) }
        if let to = json["moved_to"]["class"].string, let date = json["moved_to"]["date"].string.flatMap(Day.init) {
            movedTo = MovedOut(className: to, date: date)
        }
        commendations = json["commendations"].array?.compactMap(\.string) ?? []
        if case .object = json["transfer_in"], let date = json["transfer_in"]["date"].string.flatMap(Day.init) {
            var terms: [Term: CarriedTerm] = [:]
            for (key, item) in json["transfer_in"]["terms"].object ?? [:] {
                guard let term = Int(key).flatMap(Term.init(rawValue:)) else { continue }
                terms[term] = CarriedTerm(results: (item["results"].object ?? [:]).compactMapValues { Mark(json: $0) },
                                          conduct: item["conduct"].string.flatMap(Level.init(rawValue:)), absences: item["absences"].int ?? 0)
            }
            transferIn = TransferIn(school: json["transfer_in"]["from"].string ?? "", reference: json["transfer_in"]["ref"].string ?? "",
                                    date: date, terms: terms)
        }
        if let date = json["transfer_out"]["date"].string.flatMap(Day.init) {
            transferOut = TransferOut(date: date, school: json["transfer_out"]["to"].string, reason: json["transfer_out"]["reason"].string)
        }
        movedFrom = json["moved_from"].array?.compactMap { item in
            guard let from = item["class"].string, let date = item["date"].string.flatMap(Day.init) else { return nil }
            return MovedIn(className: from, date: date)
        } ?? []
        // "score_notes": {"toan": {"1": {"tx2": "không kiểm tra bù"}}}
        for (subject, byTerm) in json["score_notes"].object ?? [:] {
            for (key, byColumn) in byTerm.object ?? [:] {
                guard let term = Int(key).flatMap(Term.init(rawValue:)) else { continue }
                for (columnText, text) in byColumn.object ?? [:] {
                    if let column = Column(columnText), let text = text.string {
                        scoreNotes[ScoreCell(subject: subject, term: term, column: column)] = text
                    }
                }
            }
        }
        planLifted = json["plan_lifted"].bool == true
        if case .object = json["individual_plan"] {
            let plan = json["individual_plan"]
            var results: [String: [Term: Mark]] = [:]
            for (subject, byTerm) in plan["results"].object ?? [:] {
                for (key, mark) in byTerm.object ?? [:] {
                    if let term = Int(key).flatMap(Term.init(rawValue:)), let mark = Mark(json: mark) { results[subject, default: [:]][term] = mark }
                }
            }
            individualPlan = IndividualPlan(decision: plan["decision"].string ?? "",
                                            recorded: (plan["recorded"].object ?? [:]).compactMapValues(\.string),
                                            subjects: plan["subjects"].array?.compactMap(\.string), results: results)
        }
    }

    /// Members a class file's parse leaves as bytes, decoded when first read (`deferMembers`).
    package static let deferredMembers = ["particulars", "absences"]

    static func decodeParticulars(_ json: JSON) -> [String: String] { (json.object ?? [:]).compactMapValues(\.string) }

    static func decodeAbsences(_ json: JSON) -> [Absence] {
        json.array?.compactMap { item in
            guard let date = item["date"].string.flatMap(Day.init), let session = item["session"].string else { return nil }
            return Absence(date: date, session: session, excused: item["excused"].bool ?? false)
        } ?? []
    }

    /// Holds the members the class file's parse left out (`deferredMembers`) as their bytes.
    package mutating func deferMembers(_ bytes: [String: ArraySlice<UInt8>]) {
        if let particulars = bytes["particulars"] {
            particularsStore = DeferredValue(bytes: particulars, decode: StudentRecord.decodeParticulars)
        }
        if let absences = bytes["absences"] {
            absencesStore = DeferredValue(bytes: absences, decode: StudentRecord.decodeAbsences)
        }
    }

    /// The members a record may have, each written only when it holds something.
    package static let memberKeys = [
        "name", "particulars", "scores", "conduct", "absences", "comment", "subject_comments", "exemptions", "retests",
        "retests_entered", "moved_to", "commendations", "transfer_in", "transfer_out", "moved_from", "score_notes",
        "individual_plan", "plan_lifted",
    ]

    /// Only what is there is written: a class file stays lean.
    package var json: JSON {
        var members: [String: JSON] = [:]
        for key in StudentRecord.memberKeys { if let value = member(key) { members[key] = value } }
        return .object(members)
    }

    /// A subject's terms as the `scores` member holds them (nil when no term holds anything).
    package static func subjectJSON(_ byTerm: [Term: SubjectMarks]) -> JSON? {
        let terms = byTerm.filter { !$0.value.isEmpty || !$0.value.entered.isEmpty }
        guard !terms.isEmpty else { return nil }
        return .object(Dictionary(uniqueKeysWithValues: terms.map { ("\($0.key.rawValue)", $0.value.json) }))
    }

    /// One member of the record's JSON form, nil when it is left out.
    package func member(_ key: String) -> JSON? {
        switch key {
        case "name": return .string(name)
        case "particulars": return particulars.isEmpty ? nil : .object(particulars.mapValues(JSON.string))
        case "scores":
            let scoreMembers = scores.compactMapValues(StudentRecord.subjectJSON)
            return scoreMembers.isEmpty ? nil : .object(scoreMembers)
        case "conduct": return conduct.isEmpty ? nil : .object(conduct.mapValues { .string($0.rawValue) })
        case "absences":
            guard !absences.isEmpty else { return nil }
            return .array(absences.sorted { ($0.date, $0.session) < ($1.date, $1.session) }.map {
                .object(["date": .string($0.date.description), "session": .string($0.session), "excused": .bool($0.excused)])
            })
        case "comment": return homeroomComment.map(JSON.string)
        case "subject_comments": return subjectComments.isEmpty ? nil : .object(subjectComments.mapValues(JSON.string))
        case "exemptions":
            guard !exemptions.isEmpty else { return nil }
            return .array(exemptions.map {
                .object(["subject": .string($0.subject), "term": .string($0.term), "decision": .string($0.decision)])
            })
        case "retests": return retests.isEmpty ? nil : .object(retests.mapValues(\.json))
        case "retests_entered": return retestEntered.isEmpty ? nil : .object(retestEntered.mapValues { .string($0.description) })
        case "moved_to":
            guard let movedTo else { return nil }
            return .object(["class": .string(movedTo.className), "date": .string(movedTo.date.description)])
        case "commendations": return commendations.isEmpty ? nil : .array(commendations.map(JSON.string))
        case "transfer_in":
            guard let transferIn else { return nil }
            return .object([
                "from": .string(transferIn.school), "ref": .string(transferIn.reference), "date": .string(transferIn.date.description),
                "terms": .object(Dictionary(uniqueKeysWithValues: transferIn.terms.map { term, carried in
                    ("\(term.rawValue)", JSON.object(["results": .object(carried.results.mapValues(\.json)),
                                                      "conduct": carried.conduct.map { .string($0.rawValue) } ?? .null,
                                                      "absences": .int(carried.absences)]))
                })),
            ])
        case "transfer_out":
            guard let transferOut else { return nil }
            var out: [String: JSON] = ["date": .string(transferOut.date.description)]
            if let school = transferOut.school { out["to"] = .string(school) }
            if let reason = transferOut.reason { out["reason"] = .string(reason) }
            return .object(out)
        case "moved_from":
            guard !movedFrom.isEmpty else { return nil }
            return .array(movedFrom.map { .object(["class": .string($0.className), "date": .string($0.date.description)]) })
        case "score_notes":
            // Omitted when there are none, so class files written before notes existed replay to the same bytes.
            guard !scoreNotes.isEmpty else { return nil }
            var bySubject: [String: [String: [String: JSON]]] = [:]
            for (cell, text) in scoreNotes {
                bySubject[cell.subject, default: [:]]["\(cell.term.rawValue)", default: [:]][cell.column.description] = .string(text)
            }
            return .object(bySubject.mapValues { .object($0.mapValues { .object($0) }) })
        case "individual_plan":
            guard let plan = individualPlan else { return nil }
            var fields: [String: JSON] = ["decision": .string(plan.decision), "recorded": .object(plan.recorded.mapValues(JSON.string))]
            // Only when given, so plans recorded before per-subject plans replay to the same bytes.
            if let subjects = plan.subjects { fields["subjects"] = .array(subjects.map(JSON.string)) }
            if !plan.results.isEmpty {
                fields["results"] = .object(plan.results.mapValues { byTerm in
                    .object(Dictionary(uniqueKeysWithValues: byTerm.map { ("\($0.key.rawValue)", $0.value.json) }))
                })
            }
            return .object(fields)
        case "plan_lifted": return planLifted ? .bool(true) : nil  // only then: older files keep their bytes
        default: return nil
        }
    }

    /// The record's value in the pretty form at `indent` (a class file's students are at 4): the
    /// bytes read when nothing changed; else each unchanged member's bytes as read, and each
    /// subject's scores that did not change, with only what changed encoded. The result is the
    /// bytes `json.writePretty` gives for a record whose read bytes were sodiem's own.
    package func prettyBytes(indent: Int) -> ArraySlice<UInt8> {
        if let kept = stored.bytes { return kept }
        guard !stored.members.isEmpty else { return StudentRecord.encode(json, indent: indent) }
        var parts: [String: ArraySlice<UInt8>] = [:]
        for key in StudentRecord.memberKeys {
            if let kept = stored.members[key] {
                parts[key] = kept
            } else if key == "scores", let subjects = scoreBook.prettyParts(indent: indent + 2) {
                var out: [UInt8] = []
                JSON.writePrettyObject(subjects.mapValues(PrettyMember.encoded), indent: indent + 2, into: &out)
                parts[key] = out[...]
            } else if let value = member(key) {
                parts[key] = StudentRecord.encode(value, indent: indent + 2)
            }
        }
        // A one-line record is the whole encoder's to write (a record of a bare name, say).
        guard JSON.objectIsMultiline(parts) else { return StudentRecord.encode(json, indent: indent) }
        var out: [UInt8] = []
        out.reserveCapacity(parts.values.reduce(64) { $0 + $1.count + 32 })
        JSON.writePrettyObject(parts.mapValues(PrettyMember.encoded), indent: indent, into: &out)
        return out[...]
    }

    /// A value's pretty form at `indent`.
    package static func encode(_ value: JSON, indent: Int) -> ArraySlice<UInt8> {
        var out: [UInt8] = []
        value.writePretty(into: &out, indent: indent)
        return out[...]
    }
}

extension StudentRecord {
    /// This record (what an earlier class holds) with `later` (what the next class holds) laid
    /// over it: one record for the year (rules-tt22.md §8). A cell, conduct level or comment of
    /// the later class wins where it holds one (an earlier cell's note goes with its mark); absences, exemptions and commendations add up;
    /// name, particulars and `movedTo` are the later class's, `movedFrom` both.
    public func overlaid(by later: StudentRecord) -> StudentRecord {
        var merged = later
        var scores = self.scores
        for (subject, byTerm) in later.scores {
            for (term, marks) in byTerm {
                var into = scores[subject]?[term] ?? SubjectMarks()
                for column in Column.sheet(regularCount: max(marks.regular.count, 1)) where marks[column] != nil {
                    into[column] = marks[column]
                    into.entered[column] = marks.entered[column]
                }
                for (column, day) in marks.entered where into.entered[column] == nil { into.entered[column] = day }
                scores[subject, default: [:]][term] = into
            }
        }
        merged.scores = scores
        // An earlier note explained the earlier class's value: it stays only where the later class has no mark.
        merged.scoreNotes = scoreNotes.filter { later.marks($0.key.subject, $0.key.term)[$0.key.column] == nil }
            .merging(later.scoreNotes) { _, new in new }
        merged.conduct = conduct.merging(later.conduct) { _, new in new }
        let laterDays = Set(later.absences.map { "\($0.date) \($0.session)" })
        merged.absences = absences.filter { !laterDays.contains("\($0.date) \($0.session)") } + later.absences
        merged.homeroomComment = later.homeroomComment ?? homeroomComment
        merged.subjectComments = subjectComments.merging(later.subjectComments) { _, new in new }
        merged.exemptions = exemptions.filter { old in !later.exemptions.contains { $0.subject == old.subject && $0.term == old.term } }
            + later.exemptions
        merged.retests = retests.merging(later.retests) { _, new in new }
        merged.retestEntered = retestEntered.merging(later.retestEntered) { _, new in new }
        merged.individualPlan = later.planLifted ? nil : (later.individualPlan ?? individualPlan)
        // A plan recorded again after a move keeps the plan results entered before it (later wins per term).
        if var plan = later.individualPlan, let earlier = individualPlan, !later.planLifted {
            for (subject, byTerm) in earlier.results {
                plan.results[subject] = byTerm.merging(plan.results[subject] ?? [:]) { _, new in new }
            }
            merged.individualPlan = plan
        }
        merged.commendations = commendations + later.commendations
        merged.transferIn = later.transferIn ?? transferIn
        // Every class of the way, oldest first (A → B → C: C's record came from B, B's from A).
        merged.movedFrom = movedFrom + later.movedFrom.filter { !movedFrom.contains($0) }
        return merged
    }
}

extension ClassFile {
    package init(json: JSON) throws(SodiemError) {
        try self.init(json: json, layout: nil, bytes: [])
    }

    /// Each student is built whole before it goes into `students` (one insertion, no copy).
    private init(json: JSON, layout: [String: JSON.RecordLayout]?, bytes: [UInt8]) throws(SodiemError) {
        guard let name = json["class"].string, let grade = json["grade"].int else {
            throw SodiemError.corrupt("class file", "class/grade")
        }
        self.name = name
        self.grade = grade
        let members = json["students"].object ?? [:]
        students.reserveCapacity(members.count)
        for (id, value) in members {
            var record = StudentRecord(json: value)
            if let kept = layout?[id] {
                if let span = kept.deferred { record.deferScores(bytes[span]) }
                let parts = kept.members.mapValues { bytes[$0] }
                record.deferMembers(parts)
                record.stored = StoredForm(bytes: bytes[kept.span], members: parts)
            }
            students[id] = record
        }
        closedMonths = Set(json["closed_months"].array?.compactMap(\.string) ?? [])
        seq = json["seq"].int ?? 0
        hash = json["hash"].string ?? ""
    }

    /// Reads a class file's bytes, keeping each student's own bytes, and those of each of its
    /// members and subjects, for `prettyData`; a student's scores left out of `json` are decoded
    /// from their bytes when read (`JSON.parseLayout`).
    package init(bytes: [UInt8], json: JSON, layout: [String: JSON.RecordLayout]) throws(SodiemError) {
        try self.init(json: json, layout: layout, bytes: bytes)
    }

    /// Every member but the students.
    private var headerMembers: [String: JSON] {
        [
            "class": .string(name),
            "grade": .int(grade),
            "closed_months": .array(closedMonths.sorted().map(JSON.string)),
            "seq": .int(seq),
            "hash": .string(hash),
        ]
    }

    package var json: JSON {
        var members = headerMembers
        members["students"] = .object(students.mapValues(\.json))
        return .object(members)
    }

    /// The file's bytes: `json.prettyData()`, except that a student read from the file and
    /// unchanged since is copied as it was read instead of encoded again (an entry changes one
    /// student of about forty; encoding them all was most of its cost, docs/performance.md).
    package func prettyData() -> Data {
        Data(prettyBytes())
    }

    /// `prettyData` as the bytes it builds (what a snapshot write sends to the file: no copy).
    package func prettyBytes() -> [UInt8] {
        var parts: [String: PrettyMember] = [:]
        parts.reserveCapacity(students.count)
        var multiline = false
        for (id, record) in students {
            let bytes = record.prettyBytes(indent: 4)
            if !multiline, bytes.contains(0x0A) { multiline = true }
            parts[id] = .encoded(bytes)
        }
        // Only containers around a multi-line student are surely multi-line themselves; a class of
        // a few bare names may fit on one line, which only the whole encoder decides.
        guard multiline else { return [UInt8](json.prettyData()) }
        var members = headerMembers.mapValues(PrettyMember.value)
        members["students"] = .object(parts)
        var out: [UInt8] = []
        out.reserveCapacity(parts.values.reduce(1024) { total, part in
            if case .encoded(let bytes) = part { return total + bytes.count + 16 } else { return total }
        })
        JSON.writePrettyObject(members, indent: 0, into: &out)
        out.append(0x0A)
        return out
    }
}

extension ClassFile {
    /// The students in the order of the printed class list: given name, the rest, then id (Vietnamese collation).
    ///
    /// Students who moved to another class of the year, or left the school, are left out (see `movedOutStudents`).
    public var orderedStudents: [(id: String, record: StudentRecord)] {
        students.filter { !$0.value.hasLeft }.map { (key: PersonSortKey(name: $0.value.name, id: $0.key), id: $0.key, record: $0.value) }
            .sorted { $0.key < $1.key }
            .map { ($0.id, $0.record) }
    }
}

extension ClassFile {
    /// Students who moved to another class of the year (chuyển lớp), by id; their scores here stay on record.
    public var movedOutStudents: [(id: String, record: StudentRecord)] {
        students.filter { $0.value.movedTo != nil }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Students who left the school this year (`transfer-out`), by id; their record stays here.
    public var leftSchoolStudents: [(id: String, record: StudentRecord)] {
        students.filter { $0.value.movedTo == nil && $0.value.transferOut != nil }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A student still in the class (nil when unknown, moved out or left the school).
    public func current(_ id: String) -> StudentRecord? {
        guard let record = students[id], !record.hasLeft else { return nil }
        return record
    }

    /// The students still in the class, by id.
    public var currentStudents: [String: StudentRecord] { students.filter { !$0.value.hasLeft } }
}

/// A student's scores as read from the class file, decoded on first use.
///
/// Most commands that read a class (lists, particulars, one subject's sheet) never look at
/// most of the scores; decoding them all was the largest part of reading a class file. A
/// change of one subject (a score, a sheet) decodes that subject alone and leaves the others
/// as their bytes, which writing the class copies. Two books are equal when their scores are,
/// whichever form they are held in.
package struct ScoreBook: Sendable, Equatable {
    /// The `scores` member of the student's JSON, until the scores are changed.
    private var parsed: JSON?
    /// The same member as bytes of the class file, not parsed yet (a class read by `World`).
    private var deferred: DeferredScores?
    /// The scores when neither of the above holds them (a record built by events).
    private var decoded: [String: [Term: SubjectMarks]] = [:]
    /// Subjects changed while the others stay in `parsed` or `deferred`: these replace theirs.
    private var changed: [String: [Term: SubjectMarks]] = [:]

    package init() {}

    package init(encoded json: JSON) {
        if case .object(let members) = json, !members.isEmpty { parsed = json }
    }

    /// The scores as the bytes of their `scores` member, already checked to be JSON.
    package init(deferred bytes: ArraySlice<UInt8>) {
        deferred = DeferredScores(bytes: bytes)
    }

    /// One subject's terms as held before any change (parsed or deferred).
    private func original(_ subject: String) -> [Term: SubjectMarks] {
        if let deferred { return deferred.terms(of: subject) }
        guard let parsed else { return [:] }
        return ScoreBook.terms(parsed[subject])
    }

    package static func terms(_ json: JSON) -> [Term: SubjectMarks] {
        var byTerm: [Term: SubjectMarks] = [:]
        for (key, marks) in json.object ?? [:] {
            if let term = Int(key).flatMap(Term.init(rawValue:)) { byTerm[term] = SubjectMarks(json: marks) }
        }
        return byTerm
    }

    /// subject → term → marks.
    package var all: [String: [Term: SubjectMarks]] {
        get {
            let encoded: JSON?
            if let deferred { encoded = deferred.json } else { encoded = parsed }
            guard let encoded else { return decoded }
            var scores: [String: [Term: SubjectMarks]] = [:]
            for (subject, byTerm) in encoded.object ?? [:] where changed[subject] == nil {
                let terms = ScoreBook.terms(byTerm)
                if !terms.isEmpty { scores[subject] = terms }
            }
            for (subject, byTerm) in changed { scores[subject] = byTerm }
            return scores
        }
        set {
            decoded = newValue
            parsed = nil
            deferred = nil
            changed = [:]
        }
    }

    /// One subject's marks in one term, decoding only those.
    package func marks(_ subject: String, _ term: Term) -> SubjectMarks {
        if let byTerm = changed[subject] { return byTerm[term] ?? SubjectMarks() }
        guard parsed != nil || deferred != nil else { return decoded[subject]?[term] ?? SubjectMarks() }
        return original(subject)[term] ?? SubjectMarks()
    }

    /// Sets one subject's marks in one term, decoding that subject alone.
    package mutating func setMarks(_ marks: SubjectMarks, _ subject: String, _ term: Term) {
        guard parsed != nil || deferred != nil else {
            decoded[subject, default: [:]][term] = marks
            return
        }
        var byTerm = changed[subject] ?? original(subject)
        byTerm[term] = marks
        changed[subject] = byTerm
    }

    /// The `scores` member's subjects for writing, at the indent of the member: the bytes of
    /// each unchanged subject as read, each changed one encoded. Nil when the book is not held as
    /// bytes with changes, or when the member would be one line or empty (the whole encoder's case).
    package func prettyParts(indent: Int) -> [String: ArraySlice<UInt8>]? {
        guard let deferred, !changed.isEmpty, let subjects = deferred.subjects else { return nil }
        var parts: [String: ArraySlice<UInt8>] = [:]
        for (subject, bytes) in subjects where changed[subject] == nil { parts[subject] = bytes }
        for (subject, byTerm) in changed {
            if let json = StudentRecord.subjectJSON(byTerm) { parts[subject] = StudentRecord.encode(json, indent: indent + 2) }
        }
        return !parts.isEmpty && JSON.objectIsMultiline(parts) ? parts : nil
    }

    package static func == (lhs: ScoreBook, rhs: ScoreBook) -> Bool { lhs.all == rhs.all }
}

/// A student's `scores` member as bytes of its class file, parsed the first time it is read.
///
/// A reference, so that the copies of a record share the one parse; it only ever goes from its
/// bytes to their parse, under a lock, so every copy on every thread reads the same value.
package final class DeferredScores: @unchecked Sendable {
    private let bytes: ArraySlice<UInt8>
    /// Each subject's value within `bytes`, when the class file's parse gave them (nil: unknown).
    /// Each subject's value within `bytes`, found on first use (nil: not an object).
    package var subjects: [String: ArraySlice<UInt8>]? {
        lock.lock()
        defer { lock.unlock() }
        return subjectsLocked
    }
    private var foundSubjects: [String: ArraySlice<UInt8>]??
    private let lock = NSLock()
    private var parsed: JSON?
    /// Subjects decoded so far (a sheet reads its subject for every cell of every student).
    private var decodedSubjects: [String: [Term: SubjectMarks]] = [:]

    /// Bytes the class file's parse already checked (`JSON.parseLayout`).
    package init(bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    /// The subjects' bytes, found by scanning the member once (a score entry scans one student's).
    private var subjectsLocked: [String: ArraySlice<UInt8>]? {
        if let foundSubjects { return foundSubjects }
        let found = JSON.memberSpans(bytes).map { $0.mapValues { bytes[$0] } }
        foundSubjects = .some(found)
        return found
    }

    /// The parsed member (null only if the bytes were not the JSON they were checked to be).
    package var json: JSON {
        lock.lock()
        defer { lock.unlock() }
        if let parsed { return parsed }
        let value = (try? JSON.parse(bytes)) ?? .null
        parsed = value
        return value
    }

    /// One subject's terms, decoding that subject's bytes alone when they are known (once).
    package func terms(of code: String) -> [Term: SubjectMarks] {
        lock.lock()
        defer { lock.unlock() }
        guard let subjects = subjectsLocked else { return [:] }   // not an object: no subject
        guard let slice = subjects[code] else { return [:] }
        if let done = decodedSubjects[code] { return done }
        let value = ScoreBook.terms(parsed?[code] ?? (try? JSON.parse(slice)) ?? .null)
        decodedSubjects[code] = value
        return value
    }
}

