import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// What a teacher asks to correct (đề nghị sửa điểm): one score of one student.
public struct FixAsk: Sendable {
    /// The class, as typed (`6a1` is taken as `6A1`).
    public var className: String
    /// Code or name of the subject, as typed.
    public var subject: String
    /// The term of the score.
    public var term: Term
    /// Id of the student whose score is to be corrected.
    public var student: String
    /// `tx1`…, `gk`, `ck`, as typed.
    public var column: String
    /// The value asked for, as typed; `nil` to clear the score.
    public var to: String?
    /// Why the score should change (lí do); required.
    public var reason: String
    /// Evidence offered (minh chứng), if any; blank counts as none.
    public var evidence: String?

    /// Creates a request from its fields, as typed.
    public init(className: String, subject: String, term: Term, student: String, column: String, to: String?,
                reason: String, evidence: String?) {
        self.className = className
        self.subject = subject
        self.term = term
        self.student = student
        self.column = column
        self.to = to
        self.reason = reason
        self.evidence = evidence
    }
}

/// One score cell of a class: student, subject, term, column.
public struct ScoreCell: Hashable, Sendable {
    /// Id of the student.
    public var student: String
    /// Code of the subject (`toan`).
    public var subject: String
    /// The term of the score.
    public var term: Term
    /// The column: `tx1`…, `gk` or `ck`.
    public var column: Column

    /// Creates a cell from its coordinates.
    public init(student: String, subject: String, term: Term, column: Column) {
        self.student = student
        self.subject = subject
        self.term = term
        self.column = column
    }
}

extension FixesFile {
    /// The request with this number.
    public func request(_ id: Int) -> FixRequest? { fixes.first { $0.id == id } }

    /// The number the next request of the year gets (from 1).
    public var nextID: Int { (fixes.map(\.id).max() ?? 0) + 1 }

    /// The approved corrections of a class, by cell: the latest approved one where a cell was corrected twice.
    ///
    /// For the ledger printouts, which mark corrected cells (ô điểm đã sửa theo biên bản).
    public func approvedCorrections(className: String) -> [ScoreCell: FixRequest] {
        var cells: [ScoreCell: FixRequest] = [:]
        for fix in fixes where fix.status == .approved && fix.className == className {
            let cell = ScoreCell(student: fix.student, subject: fix.subject, term: fix.term, column: fix.column)
            if let earlier = cells[cell], (earlier.decisionSeq ?? 0) > (fix.decisionSeq ?? 0) { continue }
            cells[cell] = fix
        }
        return cells
    }
}

extension Session {
    /// The correction requests of the year.
    public func fixes(_ year: YearFile) throws(SodiemError) -> FixesFile { try world.fixes(year.name) }

    /// A request by number (66 when there is none).
    public func fixRequest(_ year: YearFile, _ id: Int) throws(SodiemError) -> FixRequest {
        guard let fix = try fixes(year).request(id) else {
            throw SodiemError.core(.noSuchRequest(id: id, year: year.name))
        }
        return fix
    }

    /// The mark in a cell of a class file now.
    static func currentMark(_ file: ClassFile, student: String, subject: String, term: Term, column: Column) -> Mark? {
        file.students[student]?.marks(subject, term)[column]
    }

    /// `request-fix`: files a correction request for one score; the teacher must be allowed to enter it.
    public func requestFix(_ year: YearFile, _ typedAsk: FixAsk) throws(SodiemError) -> FixRequest {
        try requireEntryRight(year, className: typedAsk.className, subject: typedAsk.subject)
        let file = try classFile(year, typedAsk.className)
        var ask = typedAsk
        ask.className = file.name  // the stored form (6a1 → 6A1)
        let rules = RuleBook.rules(forYear: year.name, grade: file.grade, periods: year.calendar.periods)
        guard let subject = rules.lookup(ask.subject) else {
            throw SodiemError.notFound(vi: "Không có môn \"\(ask.subject)\". Dùng mã môn (toan, ngu-van, khtn, …) hoặc tên môn.",
                                       en: "There is no subject \"\(ask.subject)\". Use a subject code (toan, ngu-van, khtn, …) or its name.")
        }
        try require(.enterScores(subject: subject.code, className: ask.className), year: year)
        guard file.students[ask.student] != nil else {
            throw SodiemError.core(.noSuchStudent(student: ask.student, className: ask.className))
        }
        let count = rules.regularCount(subject, grade: file.grade)
        guard let column = Column(ask.column), Column.sheet(regularCount: count).contains(column) else {
            throw SodiemError.badData(vi: "Môn \(subject.name) khối \(file.grade) không có cột \"\(ask.column)\": các cột là \(Column.sheet(regularCount: count).map(\.description).joined(separator: ", ")).",
                                      en: "\(subject.name) in grade \(file.grade) has no column \"\(ask.column)\": the columns are \(Column.sheet(regularCount: count).map(\.description).joined(separator: ", ")).")
        }
        var to: Mark?
        if let text = ask.to {
            switch rules.parseMark(text, kind: subject.kind) {
            case .success(let mark): to = mark
            case .failure(let error):
                throw SodiemError.badData(Message(vi: "\(option: .to): ", en: "\(option: .to): ") + error.message)
            }
        }
        let reason = VietnameseText.nfc(ask.reason.trimmingSpaces(newlines: true))
        guard !reason.isEmpty else {
            throw SodiemError.usage(vi: "Đề nghị sửa điểm cần \(option: .reason): lí do sửa.", en: "A correction request needs \(option: .reason): why the score is wrong.")
        }
        let evidence = ask.evidence.map { VietnameseText.nfc($0.trimmingSpaces(newlines: true)) }.flatMap { $0.isEmpty ? nil : $0 }
        let from = Session.currentMark(file, student: ask.student, subject: subject.code, term: ask.term, column: column)
        // A score entered before the student moved here is corrected in the class that gave it (cli.md).
        if from == nil, let (holder, mark) = try Session.earlierHolder(ask.student, file.students[ask.student]!, className: ask.className, year: year.name,
                                                                   world: world, subject: subject.code, term: ask.term, column: column),
           mark != .missed {
            throw SodiemError.notPermitted(vi: "Điểm \(column) môn \(subject.name) HK\(ask.term.rawValue) của \(ask.student) = \(mark.printed) được nhập ở lớp \(holder) trước khi học sinh chuyển lớp: đề nghị sửa ở lớp đó, do giáo viên vào điểm môn này của lớp \(holder): \(run: .requestFixInClass(className: holder)).",
                                           en: "The \(column) score of \(ask.student) in \(subject.name), term \(ask.term.rawValue) = \(mark) was entered in \(holder) before the student moved: the subject's enterers of \(holder) request its correction there: \(run: .requestFixInClass(className: holder)).")
        }
        guard from != to else {
            let shown = from?.printed ?? "(trống)"
            throw SodiemError.badData(vi: "Điểm \(column) môn \(subject.name) HK\(ask.term.rawValue) của \(ask.student) đã là \(shown): không có gì để sửa.",
                                      en: "The \(column) score of \(ask.student) in \(subject.name), term \(ask.term.rawValue), is already \(from?.description ?? "empty"): there is nothing to correct.")
        }
        let id = try fixes(year).nextID
        let fix = FiledFix(id: id, className: ask.className, subject: subject.code, term: ask.term, student: ask.student,
                           column: column, from: from, to: to, reason: reason, evidence: evidence)
        try commit(.fixRequest(FixRequestBody(year: year.name, className: ask.className, fix: fix)))
        return try fixRequest(year, id)
    }

    /// `approve-fix`: the board approves a pending request and the score is corrected in the same event.
    ///
    /// The lock is left as it is: a locked term stays locked. A request whose score changed after
    /// it was filed is stale (65): its "from" no longer describes the data, so a new request is needed.
    public func approveFix(_ year: YearFile, id: Int, witnesses: [String]) throws(SodiemError) -> FixRequest {
        // Who may decide at all is asked before whether request N exists, so that nobody else learns it.
        try require(.decideFix(requester: ""), year: year)
        let fix = try fixRequest(year, id)
        try require(.decideFix(requester: fix.requestedBy, realRequester: try realRequester(of: fix)), year: year)
        try requirePending(fix)
        let users = try world.users()
        var seen: [String] = []
        for witness in witnesses where !seen.contains(witness) {
            guard users.accounts[witness] != nil else {
                throw SodiemError.notFound(vi: "Người chứng kiến \(witness) không phải là một tài khoản. Xem `\(run: .listAccounts)`.",
                                           en: "The witness \(witness) is not an account. See `\(run: .listAccounts)`.")
            }
            seen.append(witness)
        }
        let file = try classFile(year, fix.className)
        let current = Session.currentMark(file, student: fix.student, subject: fix.subject, term: fix.term, column: fix.column)
        guard current == fix.from else {
            throw SodiemError.badData(
                vi: "Đề nghị số \(id) đã cũ: điểm \(fix.column) của \(fix.student) là \(fix.from?.printed ?? "(trống)") khi đề nghị, nay là \(current?.printed ?? "(trống)"). Không duyệt được; giáo viên cần lập đề nghị mới (`\(run: .requestFix)`), và có thể từ chối đề nghị này (`\(run: .rejectFix(id: id))`).",
                en: "Request \(id) is stale: the \(fix.column) score of \(fix.student) was \(fix.from?.printed ?? "(empty)") when it was filed and is now \(current?.printed ?? "(empty)"). It cannot be approved; the teacher needs to file a new request (`\(run: .requestFix)`), and this one can be rejected (`\(run: .rejectFix(id: id))`).")
        }
        try commit(.fixApprove(FixApproveBody(year: year.name, id: id, className: fix.className, subject: fix.subject, term: fix.term,
                                              student: fix.student, column: fix.column, old: current, new: fix.to, witnesses: seen)))
        return try fixRequest(year, id)
    }

    /// `reject-fix`: the board turns a pending request down, with a reason.
    public func rejectFix(_ year: YearFile, id: Int, reason: String) throws(SodiemError) -> FixRequest {
        try require(.decideFix(requester: ""), year: year)
        let fix = try fixRequest(year, id)
        try require(.decideFix(requester: fix.requestedBy, realRequester: try realRequester(of: fix)), year: year)
        let reason = VietnameseText.nfc(reason.trimmingSpaces(newlines: true))
        guard !reason.isEmpty else {
            throw SodiemError.usage(vi: "Từ chối cần \(option: .reason): lí do không duyệt.", en: "A rejection needs \(option: .reason): why the request is turned down.")
        }
        try requirePending(fix)
        try commit(.fixReject(FixRejectBody(year: year.name, id: id, className: fix.className, student: fix.student, reason: reason)))
        return try fixRequest(year, id)
    }

    private func requirePending(_ fix: FixRequest) throws(SodiemError) {
        switch fix.status {
        case .pending: return
        case .approved:
            throw SodiemError.badData(vi: "Đề nghị số \(fix.id) đã được \(fix.decidedBy ?? "?") duyệt lúc \(fix.decidedAt ?? "?"); không duyệt hay từ chối lại được.",
                                      en: "Request \(fix.id) was already approved by \(fix.decidedBy ?? "?") at \(fix.decidedAt ?? "?"); it cannot be decided again.")
        case .rejected:
            throw SodiemError.badData(vi: "Đề nghị số \(fix.id) đã bị \(fix.decidedBy ?? "?") từ chối lúc \(fix.decidedAt ?? "?"); giáo viên có thể lập đề nghị mới.",
                                      en: "Request \(fix.id) was already rejected by \(fix.decidedBy ?? "?") at \(fix.decidedAt ?? "?"); the teacher may file a new one.")
        }
    }

    /// `fixes`: the requests the acting account may see (the board and admin: all; others: their own), oldest first.
    public func visibleFixes(_ year: YearFile, status: FixRequest.Status?, className: String?) throws(SodiemError) -> [FixRequest] {
        let everything = allows(.readFix(requester: nil), year: year)
        return try fixes(year).fixes.filter { fix in
            (everything || fix.requestedBy == identity.actingID)
                && (status == nil || fix.status == status) && (className == nil || fix.className == className)
        }.sorted { $0.id < $1.id }
    }

    /// A request the acting account may read (`print-fix-record`): the requester, the board, admin.
    public func readableFix(_ year: YearFile, _ id: Int) throws(SodiemError) -> FixRequest {
        // A teacher asking for a request that does not exist is told only that they may not see it.
        guard let fix = try fixes(year).request(id) else {
            try require(.readFix(requester: nil), year: year)
            return try fixRequest(year, id)
        }
        try require(.readFix(requester: fix.requestedBy), year: year)
        return fix
    }
}
