import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// What a command wants to do, for the permission table of cli.md ("Who may do what").
public enum Permission: Sendable {
    /// `init`, `user`, `year`, `class`, `assign` writes: admin.
    case setUp
    /// `import-students`, `attendance`, `conduct`, homeroom `comment`: the class's homeroom teacher, admin.
    case homeroomWork(className: String)
    /// `enter-score`, `request-fix`, `retest`: the enterers of that subject for that class.
    case enterScores(subject: String, className: String)
    /// Subject `comment`: the lead teacher of that subject for that class.
    case subjectComment(subject: String, className: String)
    /// `exempt`, the individual education plan flag: principal, vice-principal, admin.
    case specialCase
    /// `lock-term` (admin); with `due`, `system` too.
    case lockTerm(due: Bool)
    /// `unlock-term`: admin, principal.
    case unlockTerm
    /// `approve-fix`, `reject-fix`: principal or vice-principal, never the requester (acting or real account).
    case decideFix(requester: String, realRequester: String? = nil)
    /// `students`, `results`, `explain`, `print-ledger --class`, `print-transcript`:
    /// anyone who teaches the class, the board, admin, system.
    case readClass(className: String)
    /// The students' particulars (date and place of birth, address, family: personal data, Nghị định
    /// 13/2023/NĐ-CP) and the documents that print them (`print-ledger --class`, `print-transcript`):
    /// the class's homeroom teacher, the board, admin, system.
    case readParticulars(className: String)
    /// `print-ledger --subject`: the subject's enterers for the class, the homeroom teacher, the board, admin.
    case readSubjectSheet(subject: String, className: String)
    /// `print-ledger --teacher ID --blank`: that teacher, admin.
    case blankGradebook(teacher: String)
    /// `fixes`, `print-fix-record`: the requester (own requests), the board, admin.
    case readFix(requester: String?)
    /// `remind`, `report`, `snapshot`, `log`, `verify`, `archive`, `class list`, `user list`: admin, board, system.
    case schoolOversight
    /// `sign`, `--sign`: the class's homeroom teacher (their part) or the principal (the school's).
    case signDocument(className: String)
    /// `assignments`, `year show`: everyone.
    case everyone
}

extension Permission {
    /// Nil when allowed; otherwise why not.
    func refusal(for who: Identity, year: YearFile?) -> Message? {
        if who.isRoot { return nil }
        let id = who.actingID
        // Personal acts are never done in another's name (data.md): only root may use --as for them.
        if isPersonal, who.usesAs, who.realID != Identity.rootID {
            return Message(vi: "Việc này là việc của chính người có thẩm quyền, không làm thay bằng \(option: .acting) được; \(who.realID) không thể làm với tư cách \(id).",
                           en: "This is a personal act of the one who holds the office and cannot be done with \(option: .acting); \(who.realID) may not do it as \(id).")
        }
        let admin = who.has(.admin)
        // Class names are matched as stored (6a1 is 6A1), whatever the command was typed with.
        let stored = { (typed: String) in year?.storedClassName(typed) ?? typed }
        switch self.normalized(stored) {
        case .setUp:
            return admin ? nil : Message(vi: "Chỉ quản trị viên được thiết lập hệ thống; \(id) không phải quản trị viên.",
                                         en: "Only an admin may change the set-up; \(id) is not an admin.")
        case .homeroomWork(let c):
            if admin || year?.classes[c]?.homeroom == id { return nil }
            return Message(vi: "Chỉ giáo viên chủ nhiệm lớp \(c) hoặc quản trị viên được làm việc này; \(id) không chủ nhiệm lớp \(c).",
                           en: "Only the homeroom teacher of \(c) or an admin may do this; \(id) is not the homeroom teacher of \(c).")
        case .enterScores(let s, let c):
            if year?.assignment(s, c)?.enterers.contains(id) == true { return nil }
            return Message(vi: "\(id) không được phân công vào điểm môn \(s) lớp \(c). Xem `\(run: .assignmentsOfClass(className: c))`; quản trị viên phân công bằng `\(run: .assign)`.",
                           en: "\(id) is not assigned to enter \(s) scores for \(c). See `\(run: .assignmentsOfClass(className: c))`; an admin assigns with `\(run: .assign)`.")
        case .subjectComment(let s, let c):
            if year?.assignment(s, c)?.lead == id { return nil }
            return Message(vi: "Chỉ người chủ trì môn \(s) lớp \(c) được nhận xét môn; \(id) không phải người chủ trì.",
                           en: "Only the lead teacher of \(s) for \(c) may write the subject comment; \(id) is not the lead.")
        case .specialCase:
            if admin || who.isBoard { return nil }
            return Message(vi: "Chỉ Ban giám hiệu hoặc quản trị viên được ghi quyết định này; \(id) không có quyền.",
                           en: "Only the board or an admin may record this decision; \(id) may not.")
        case .lockTerm(let due):
            if admin || (due && who.has(.system)) { return nil }
            return Message(vi: "Chỉ quản trị viên được khoá học kì\(due ? " (hoặc tài khoản system với --due)" : ""); \(id) không có quyền.",
                           en: "Only an admin may lock a term\(due ? " (or a system account with --due)" : ""); \(id) may not.")
        case .unlockTerm:
            if admin || who.has(.principal) { return nil }
            return Message(vi: "Chỉ quản trị viên hoặc hiệu trưởng được mở khoá học kì; \(id) không có quyền.",
                           en: "Only an admin or the principal may reopen a term; \(id) may not.")
        case .decideFix(let requester, let realRequester):
            guard who.isBoard else {
                return Message(vi: "Chỉ hiệu trưởng hoặc phó hiệu trưởng được duyệt đề nghị sửa điểm; \(id) không có quyền.",
                               en: "Only the principal or a vice-principal may decide a correction request; \(id) may not.")
            }
            // Root stands for everyone in rehearsals and repairs: it is nobody's requester.
            let requesters = Set([requester, realRequester ?? requester].filter { !$0.isEmpty && $0 != Identity.rootID })
            if !requesters.isDisjoint(with: [id, who.realID]) {
                return Message(vi: "Người đề nghị (\(id)) không được tự duyệt đề nghị của mình; một thành viên khác của Ban giám hiệu phải duyệt.",
                               en: "The requester (\(id)) cannot decide their own request; another member of the board must.")
            }
            return nil
        case .readClass(let c):
            if admin || who.isBoard || who.has(.system) || teaches(id, c, year) { return nil }
            return Message(vi: "\(id) không dạy lớp \(c) nên không xem được dữ liệu của lớp.",
                           en: "\(id) does not teach \(c), so may not see its data.")
        case .readParticulars(let c):
            if admin || who.isBoard || who.has(.system) || year?.classes[c]?.homeroom == id { return nil }
            return Message(vi: "Lí lịch học sinh lớp \(c) (ngày sinh, nơi sinh, địa chỉ, gia đình) chỉ dành cho giáo viên chủ nhiệm, Ban giám hiệu và quản trị viên; \(id) không xem hay in được.",
                           en: "The particulars of \(c)'s students (birth, address, family) are for the homeroom teacher, the board and admins only; \(id) may not see or print them.")
        case .readSubjectSheet(let s, let c):
            if admin || who.isBoard || year?.classes[c]?.homeroom == id
                || year?.assignment(s, c)?.enterers.contains(id) == true { return nil }
            return Message(vi: "\(id) không vào điểm môn \(s) lớp \(c) và không chủ nhiệm lớp này.",
                           en: "\(id) neither enters \(s) for \(c) nor is its homeroom teacher.")
        case .blankGradebook(let teacher):
            if admin || teacher == id { return nil }
            return Message(vi: "Chỉ giáo viên \(teacher) hoặc quản trị viên được in sổ của \(teacher).",
                           en: "Only \(teacher) or an admin may print the gradebook of \(teacher).")
        case .readFix(let requester):
            if admin || who.isBoard || (requester != nil && requester == id) { return nil }
            return Message(vi: "Chỉ người đề nghị, Ban giám hiệu hoặc quản trị viên được xem đề nghị sửa điểm này.",
                           en: "Only the requester, the board or an admin may see this correction request.")
        case .schoolOversight:
            if admin || who.isBoard || who.has(.system) { return nil }
            return Message(vi: "Chỉ quản trị viên, Ban giám hiệu hoặc tài khoản system được dùng lệnh này; \(id) không có quyền.",
                           en: "Only an admin, the board or a system account may use this command; \(id) may not.")
        case .signDocument(let c):
            if year?.classes[c]?.homeroom == id || who.has(.principal) { return nil }
            return Message(vi: "Chỉ giáo viên chủ nhiệm lớp \(c) hoặc hiệu trưởng được kí văn bản này; \(id) không có quyền.",
                           en: "Only the homeroom teacher of \(c) or the principal may sign this document; \(id) may not.")
        case .everyone:
            return nil
        }
    }

    /// Acts that are personal (data.md): deciding a correction, reopening a term, signing, the
    /// board's decisions (exemptions, individual plans). Refused with `--as` unless the real account is root.
    var isPersonal: Bool {
        switch self {
        case .decideFix, .unlockTerm, .specialCase, .signDocument: return true
        default: return false
        }
    }

    /// The same permission with its class name in the stored form.
    private func normalized(_ stored: (String) -> String) -> Permission {
        switch self {
        case .homeroomWork(let c): return .homeroomWork(className: stored(c))
        case .enterScores(let s, let c): return .enterScores(subject: s, className: stored(c))
        case .subjectComment(let s, let c): return .subjectComment(subject: s, className: stored(c))
        case .readClass(let c): return .readClass(className: stored(c))
        case .readParticulars(let c): return .readParticulars(className: stored(c))
        case .readSubjectSheet(let s, let c): return .readSubjectSheet(subject: s, className: stored(c))
        case .signDocument(let c): return .signDocument(className: stored(c))
        default: return self
        }
    }

    /// True when the account is the homeroom teacher of the class or has an assignment in it.
    private func teaches(_ id: String, _ className: String, _ year: YearFile?) -> Bool {
        guard let year else { return false }
        if year.classes[className]?.homeroom == id { return true }
        return year.assignments.values.contains { $0[className].map { $0.enterers.contains(id) || $0.lead == id } ?? false }
    }
}
