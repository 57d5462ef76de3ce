import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel

/// The body of an audit event as a value: one case per `Action`, holding that action's typed
/// fields (EventBodies.swift). `Session.commit` writes one (`encode()`), replay and `verify` read
/// one (`init(action:decoding:)`); the line format is unchanged (docs/data-format.md, format 1/2).
package enum EventBody: Sendable, Equatable {
    /// `schoolInit`'s body.
    case schoolInit(SchoolInitBody)
    /// `userAdd`'s body.
    case userAdd(UserAddBody)
    /// `userDisable`'s body.
    case userDisable(UserDisableBody)
    /// `userSet`'s body.
    case userSet(UserSetBody)
    /// `yearCreate`'s body.
    case yearCreate(YearCreateBody)
    /// `yearSet`'s body.
    case yearSet(YearSetBody)
    /// `classAdd`'s body.
    case classAdd(ClassAddBody)
    /// `assignSet`'s body.
    case assignSet(AssignSetBody)
    /// `studentsImport`'s body.
    case studentsImport(StudentsImportBody)
    /// `scoreSet`'s body.
    case scoreSet(ScoreSetBody)
    /// `scoreSheet`'s body.
    case scoreSheet(ScoreSheetBody)
    /// `attendanceSet`'s body.
    case attendanceSet(AttendanceSetBody)
    /// `attendanceClose`'s body.
    case attendanceClose(AttendanceCloseBody)
    /// `attendanceReopen`'s body.
    case attendanceReopen(AttendanceReopenBody)
    /// `conductSet`'s body.
    case conductSet(ConductSetBody)
    /// `commentSet`'s body.
    case commentSet(CommentSetBody)
    /// `exemptSet`'s body.
    case exemptSet(ExemptSetBody)
    /// `individualPlanSet`'s body.
    case individualPlanSet(IndividualPlanSetBody)
    /// `individualPlanResult`'s body.
    case individualPlanResult(IndividualPlanResultBody)
    /// `commend`'s body.
    case commend(CommendBody)
    /// `transferIn`'s body.
    case transferIn(TransferInBody)
    /// `transferOut`'s body.
    case transferOut(TransferOutBody)
    /// `retestSet`'s body.
    case retestSet(RetestSetBody)
    /// `termLock`'s body.
    case termLock(TermLockBody)
    /// `termUnlock`'s body.
    case termUnlock(TermUnlockBody)
    /// `fixRequest`'s body.
    case fixRequest(FixRequestBody)
    /// `fixApprove`'s body.
    case fixApprove(FixApproveBody)
    /// `fixReject`'s body.
    case fixReject(FixRejectBody)
    /// `snapshotCreate`'s body.
    case snapshotCreate(SnapshotCreateBody)
    /// `yearClose`'s body.
    case yearClose(YearCloseBody)
    /// `documentSign`'s body.
    case documentSign(DocumentSignBody)

    /// The action the body is of.
    package var action: Action {
        switch self {
        case .schoolInit: return .schoolInit
        case .userAdd: return .userAdd
        case .userDisable: return .userDisable
        case .userSet: return .userSet
        case .yearCreate: return .yearCreate
        case .yearSet: return .yearSet
        case .classAdd: return .classAdd
        case .assignSet: return .assignSet
        case .studentsImport: return .studentsImport
        case .scoreSet: return .scoreSet
        case .scoreSheet: return .scoreSheet
        case .attendanceSet: return .attendanceSet
        case .attendanceClose: return .attendanceClose
        case .attendanceReopen: return .attendanceReopen
        case .conductSet: return .conductSet
        case .commentSet: return .commentSet
        case .exemptSet: return .exemptSet
        case .individualPlanSet: return .individualPlanSet
        case .individualPlanResult: return .individualPlanResult
        case .commend: return .commend
        case .transferIn: return .transferIn
        case .transferOut: return .transferOut
        case .retestSet: return .retestSet
        case .termLock: return .termLock
        case .termUnlock: return .termUnlock
        case .fixRequest: return .fixRequest
        case .fixApprove: return .fixApprove
        case .fixReject: return .fixReject
        case .snapshotCreate: return .snapshotCreate
        case .yearClose: return .yearClose
        case .documentSign: return .documentSign
        }
    }

    /// Reads the body of an event of `action` strictly: throws the first missing field, field of
    /// the wrong kind or unknown field, nested members included, naming it.
    package init(action: Action, decoding body: [String: JSON]) throws(EventBodyProblem) {
        var r = FieldReader(action: action, members: body)
        switch action {
        case .schoolInit: self = .schoolInit(try SchoolInitBody(from: &r))
        case .userAdd: self = .userAdd(try UserAddBody(from: &r))
        case .userDisable: self = .userDisable(try UserDisableBody(from: &r))
        case .userSet: self = .userSet(try UserSetBody(from: &r))
        case .yearCreate: self = .yearCreate(try YearCreateBody(from: &r))
        case .yearSet: self = .yearSet(try YearSetBody(from: &r))
        case .classAdd: self = .classAdd(try ClassAddBody(from: &r))
        case .assignSet: self = .assignSet(try AssignSetBody(from: &r))
        case .studentsImport: self = .studentsImport(try StudentsImportBody(from: &r))
        case .scoreSet: self = .scoreSet(try ScoreSetBody(from: &r))
        case .scoreSheet: self = .scoreSheet(try ScoreSheetBody(from: &r))
        case .attendanceSet: self = .attendanceSet(try AttendanceSetBody(from: &r))
        case .attendanceClose: self = .attendanceClose(try AttendanceCloseBody(from: &r))
        case .attendanceReopen: self = .attendanceReopen(try AttendanceReopenBody(from: &r))
        case .conductSet: self = .conductSet(try ConductSetBody(from: &r))
        case .commentSet: self = .commentSet(try CommentSetBody(from: &r))
        case .exemptSet: self = .exemptSet(try ExemptSetBody(from: &r))
        case .individualPlanSet: self = .individualPlanSet(try IndividualPlanSetBody(from: &r))
        case .individualPlanResult: self = .individualPlanResult(try IndividualPlanResultBody(from: &r))
        case .commend: self = .commend(try CommendBody(from: &r))
        case .transferIn: self = .transferIn(try TransferInBody(from: &r))
        case .transferOut: self = .transferOut(try TransferOutBody(from: &r))
        case .retestSet: self = .retestSet(try RetestSetBody(from: &r))
        case .termLock: self = .termLock(try TermLockBody(from: &r))
        case .termUnlock: self = .termUnlock(try TermUnlockBody(from: &r))
        case .fixRequest: self = .fixRequest(try FixRequestBody(from: &r))
        case .fixApprove: self = .fixApprove(try FixApproveBody(from: &r))
        case .fixReject: self = .fixReject(try FixRejectBody(from: &r))
        case .snapshotCreate: self = .snapshotCreate(try SnapshotCreateBody(from: &r))
        case .yearClose: self = .yearClose(try YearCloseBody(from: &r))
        case .documentSign: self = .documentSign(try DocumentSignBody(from: &r))
        }
        try r.finish()
    }

    /// The body's members as the line holds them (the header is the event's).
    package func encode() -> [String: JSON] {
        switch self {
        case .schoolInit(let body): return body.encode()
        case .userAdd(let body): return body.encode()
        case .userDisable(let body): return body.encode()
        case .userSet(let body): return body.encode()
        case .yearCreate(let body): return body.encode()
        case .yearSet(let body): return body.encode()
        case .classAdd(let body): return body.encode()
        case .assignSet(let body): return body.encode()
        case .studentsImport(let body): return body.encode()
        case .scoreSet(let body): return body.encode()
        case .scoreSheet(let body): return body.encode()
        case .attendanceSet(let body): return body.encode()
        case .attendanceClose(let body): return body.encode()
        case .attendanceReopen(let body): return body.encode()
        case .conductSet(let body): return body.encode()
        case .commentSet(let body): return body.encode()
        case .exemptSet(let body): return body.encode()
        case .individualPlanSet(let body): return body.encode()
        case .individualPlanResult(let body): return body.encode()
        case .commend(let body): return body.encode()
        case .transferIn(let body): return body.encode()
        case .transferOut(let body): return body.encode()
        case .retestSet(let body): return body.encode()
        case .termLock(let body): return body.encode()
        case .termUnlock(let body): return body.encode()
        case .fixRequest(let body): return body.encode()
        case .fixApprove(let body): return body.encode()
        case .fixReject(let body): return body.encode()
        case .snapshotCreate(let body): return body.encode()
        case .yearClose(let body): return body.encode()
        case .documentSign(let body): return body.encode()
        }
    }
}

extension AuditEvent {
    /// The body read as its action's type; the problem naming the field when it does not keep to it.
    package func decodedBody() -> Result<EventBody, EventBodyProblem> {
        do throws(EventBodyProblem) { return .success(try EventBody(action: action, decoding: body)) } catch { return .failure(error) }
    }

    /// The body read as its action's type, or bad data (65) naming the event and the field: replay
    /// never reads a default in place of a field the event lacks.
    package func typedBody() throws(SodiemError) -> EventBody {
        switch decodedBody() {
        case .success(let typed): return typed
        case .failure(let problem):
            throw SodiemError.badData(Message(vi: "Sự kiện #\(seq) không đọc được:", en: "Event #\(seq) cannot be read:") + problem.message)
        }
    }
}
