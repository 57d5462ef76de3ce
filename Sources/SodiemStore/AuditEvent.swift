import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel

/// The kind of change an audit event records (data.md's documented list).
public enum Action: String, Sendable, CaseIterable {
    /// `init`: the school's particulars, time zone and first admin.
    case schoolInit = "school.init"
    /// An account added (`user add`).
    case userAdd = "user.add"
    /// An account disabled; it stays on record.
    case userDisable = "user.disable"
    /// An account's name, roles, OS login or e-mail changed (`user set`): the whole account as it is afterwards.
    case userSet = "user.set"
    /// A school year created with its calendar; with `--promote`, the promoted classes and students too.
    case yearCreate = "year.create"
    /// A year's calendar changed, or the year made the current one.
    case yearSet = "year.set"
    /// A class added to a year, with its grade and homeroom teacher.
    case classAdd = "class.add"
    /// Teaching assignments (phân công) set: who enters and who leads each subject in each class.
    case assignSet = "assign.set"
    /// Students added to or updated in a class by `import-students`.
    case studentsImport = "students.import"
    /// One score entered, changed or cleared.
    case scoreSet = "score.set"
    /// A subject's score sheet entered from a CSV file: many cells of one class, subject and term.
    case scoreSheet = "score.sheet"
    /// Absences recorded or removed (điểm danh).
    case attendanceSet = "attendance.set"
    /// A month's attendance of a class closed by its homeroom teacher.
    case attendanceClose = "attendance.close"
    /// A closed month's attendance reopened by the class's homeroom teacher, with the reason (issue 16.4).
    case attendanceReopen = "attendance.reopen"
    /// Conduct levels (kết quả rèn luyện) of a term set by the homeroom teacher.
    case conductSet = "conduct.set"
    /// A student's homeroom comment, or a subject teacher's comment, set.
    case commentSet = "comment.set"
    /// A GDTC practical-part exemption recorded or lifted.
    case exemptSet = "exempt.set"
    /// An individual education plan recorded or lifted, with the results recorded by hand.
    case individualPlanSet = "iep.set"
    /// The plan's own result (Đ/CĐ) of a plan subject in a term, entered by the subject's lead.
    case individualPlanResult = "iep.result"
    /// A commendation (khen thưởng, Điều 15.1.b) recorded for a student, with its text.
    case commend = "commend.add"
    /// A student arrives from another school with the terms completed there (`transfer-in`).
    case transferIn = "transfer.in"
    /// A student leaves the school from a day (`transfer-out`).
    case transferOut = "transfer.out"
    /// A re-test result (kiểm tra lại) entered.
    case retestSet = "retest.set"
    /// A term locked (khóa sổ) for the whole school or one class.
    case termLock = "term.lock"
    /// A locked term reopened on the board's order, until a day.
    case termUnlock = "term.unlock"
    /// A correction request filed (đề nghị sửa điểm).
    case fixRequest = "fix.request"
    /// A correction approved: the score changes and the witnesses are named.
    case fixApprove = "fix.approve"
    /// A correction request rejected, with the reason.
    case fixReject = "fix.reject"
    /// Figures frozen under a name (chốt số liệu).
    case snapshotCreate = "snapshot.create"
    /// `year close`: the year sealed, with its final head, its files' hashes and a checkpoint (format 2).
    case yearClose = "year.close"
    /// A printed PDF signed (học bạ số): the document, the hashes of the revision signed and of the result, the certificate.
    case documentSign = "document.sign"
}

/// One line of `audit.log`: who did what, when, and everything needed to replay it.
public struct AuditEvent: Sendable {
    /// Position in the log, from 1.
    public var seq: Int
    /// The real clock when the event was written.
    public var at: String
    /// The real account (the OS user's, or `root`).
    public var by: String
    /// The acting account when `--as` was used.
    public var actingAs: String?
    /// The effective time when `SODIEM_NOW` was used.
    public var now: String?
    /// The kind of change.
    public var action: Action
    /// The rest of the event: `year`, `class`, and the action's own fields.
    public var body: [String: JSON]
    /// SHA-256 (hex) of the previous line; 64 zeros for the first.
    public var prev: String

    /// Creates an event from its header fields and body.
    package init(seq: Int, at: String, by: String, actingAs: String?, now: String?, action: Action,
                body: [String: JSON], prev: String) {
        self.seq = seq
        self.at = at
        self.by = by
        self.actingAs = actingAs
        self.now = now
        self.action = action
        self.body = body
        self.prev = prev
    }

    /// The account the change is made in the name of (`as` if given, else `by`).
    public var account: String { actingAs ?? by }

    /// A field of the body.
    public subscript(key: String) -> JSON { body[key] ?? .null }

    /// The school year the event belongs to, if any.
    public var year: String? { body["year"]?.string }

    /// The class the event belongs to, if any.
    public var className: String? { body["class"]?.string }

    package static let headerKeys: Set<String> = ["seq", "at", "by", "as", "now", "action", "prev"]

    /// The line as written to the log (no newline): header fields first, the body in key order, `prev` last.
    public func line() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(contentsOf: "{\"seq\":\(seq),\"at\":".utf8)
        JSON.writeString(at, into: &out)
        out.append(contentsOf: ",\"by\":".utf8)
        JSON.writeString(by, into: &out)
        out.append(contentsOf: ",\"as\":".utf8)
        JSON.optional(actingAs).writeCompact(into: &out)
        out.append(contentsOf: ",\"now\":".utf8)
        JSON.optional(now).writeCompact(into: &out)
        out.append(contentsOf: ",\"action\":".utf8)
        JSON.writeString(action.rawValue, into: &out)
        for key in JSON.sortedKeys(body) where !AuditEvent.headerKeys.contains(key) {
            out.append(UInt8(ascii: ","))
            JSON.writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            body[key]!.writeCompact(into: &out)
        }
        out.append(contentsOf: ",\"prev\":".utf8)
        JSON.writeString(prev, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Reads one log line; `nil` with a reason when it is not a well-formed event.
    public static func parse(_ line: Data) -> Result<AuditEvent, LineProblem> {
        let json: JSON
        do { json = try JSON.parse(line) } catch { return .failure(.notJSON(error.reason)) }
        return parse(json)
    }

    /// The event a line's JSON value holds.
    static func parse(_ json: JSON) -> Result<AuditEvent, LineProblem> {
        guard case .object(var members) = json else { return .failure(.notJSON("an object")) }
        guard let seq = members["seq"]?.int, let at = members["at"]?.string, let by = members["by"]?.string,
              let actionText = members["action"]?.string, let prev = members["prev"]?.string else {
            return .failure(.missingField)
        }
        guard let action = Action(rawValue: actionText) else { return .failure(.unknownAction(actionText)) }
        let actingAs = members["as"]?.string
        let now = members["now"]?.string
        for key in AuditEvent.headerKeys { members[key] = nil }
        return .success(AuditEvent(seq: seq, at: at, by: by, actingAs: actingAs, now: now, action: action,
                                   body: members, prev: prev))
    }

    /// Why a log line is not an event.
    public enum LineProblem: Error, Sendable, CustomStringConvertible {
        /// The line is not a JSON object; the parser's reason.
        case notJSON(String)
        /// One of `seq`, `at`, `by`, `action`, `prev` is missing or of the wrong type.
        case missingField
        /// The action name is not one this sodiem knows.
        case unknownAction(String)

        /// The problem in English, as the error messages of `verify` and the log tail quote it.
        public var description: String {
            switch self {
            case .notJSON(let reason): return "not JSON (\(reason))"
            case .missingField: return "a field of seq/at/by/action/prev is missing"
            case .unknownAction(let name): return "unknown action \(name)"
            }
        }
    }
}
