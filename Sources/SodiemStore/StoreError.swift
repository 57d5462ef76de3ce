import Foundation
import SodiemBasics

/// What goes wrong in the data directory, by situation: each with its exit category and its
/// text. The commands to run next are `NextStep`s the CLI spells (the store knows no command).
package enum StoreError: Situation {
    /// A system call on a file failed for a reason of the system's (74).
    case ioFailure(operation: String, path: String, code: Int32)
    /// A file cannot be written: no permission (77), or the system's reason (74).
    case cannotWrite(path: String, code: Int32)
    /// A folder of the data directory cannot be created (73).
    case cannotCreateFolder(path: String, code: Int32)
    /// The lock is held by another command for longer than the wait (75).
    case lockBusy(holder: String, seconds: Int)
    /// The log's last line does not parse: the log is damaged (65).
    case logTailUnreadable(path: String, problem: String)
    /// A line of the log does not parse, so the snapshots cannot be brought up to it (65).
    case logLineDamaged(line: Int)
    /// An append failed and the log could not be cut back to its length before it (74).
    case appendNotUndone(path: String, operation: String, code: Int32, reason: String)
    /// A snapshot file is not JSON (65).
    case snapshotNotJSON(file: String, offset: Int, reason: String)
    /// A snapshot records a later event than the log holds: the log was cut short (65).
    case snapshotAheadOfLog(file: String, seq: Int, logSeq: Int)
    /// A year's file names another year than its folder (65).
    case yearFileOfAnotherYear(file: String, says: String, expected: String)
    /// The chain, a seal or a checkpoint does not hold (65); the text says where.
    case integrity(Message)
    /// Every finding of `verify`, one per line (65).
    case findings([VerifyFinding])

    package var category: SodiemError.Category {
        switch self {
        case .ioFailure, .appendNotUndone: .io
        case .cannotWrite(_, let code): code == EACCES || code == EPERM ? .notPermitted : .io
        case .cannotCreateFolder: .cannotCreate
        case .lockBusy: .busy
        case .logTailUnreadable, .logLineDamaged, .snapshotNotJSON, .snapshotAheadOfLog, .yearFileOfAnotherYear, .integrity, .findings: .badData
        }
    }

    package var message: Message {
        switch self {
        case .ioFailure(let operation, let path, let code):
            let reason = String(cString: strerror(code))
            return Message(vi: "Lỗi vào/ra (\(operation)) với \(path): \(reason).", en: "Input/output error (\(operation)) on \(path): \(reason).")
        case .cannotWrite(let path, let code):
            let reason = String(cString: strerror(code))
            if code == EACCES || code == EPERM {
                return Message(vi: "Không có quyền ghi \(path): \(reason). Hỏi quản trị về quyền nhóm của thư mục dữ liệu.",
                               en: "No permission to write \(path): \(reason). Ask an admin about the data directory's group permissions.")
            }
            return Message(vi: "Không ghi được \(path): \(reason).", en: "Cannot write \(path): \(reason).")
        case .cannotCreateFolder(let path, let code):
            let reason = String(cString: strerror(code))
            return Message(vi: "Không tạo được thư mục \(path): \(reason).", en: "Cannot create the folder \(path): \(reason).")
        case .lockBusy(let holder, let seconds):
            return Message(vi: "Thư mục dữ liệu đang bận (\(holder)) quá \(seconds) giây. Hãy thử lại sau (SODIEM_LOCK_WAIT đặt thời gian chờ).",
                           en: "The data directory is busy (\(holder)) for more than \(seconds) seconds. Try again later (SODIEM_LOCK_WAIT sets the wait).")
        case .logTailUnreadable(let path, let problem):
            return Message(vi: "Dòng cuối của \(path) không đọc được (\(problem)): nhật kí đã hỏng. Khôi phục bản lưu gần nhất (`\(run: .restoreIntoNewDirectory)`) và hỏi quản trị viên những gì đã thay đổi sau đó.",
                           en: "The last line of \(path) cannot be read (\(problem)): the log is damaged. Restore the latest archive (`\(run: .restoreIntoNewDirectory)`) and ask the admins what changed since.")
        case .logLineDamaged(let line):
            return Message(vi: "audit.log dòng \(line) hỏng, không thể cập nhật các tệp theo nhật kí. Chạy `\(run: .verify)`; khôi phục bản lưu gần nhất bằng `\(run: .restore)`.",
                           en: "audit.log line \(line) is damaged, so the files cannot be brought up to the log. Run `\(run: .verify)`; restore the latest archive with `\(run: .restore)`.")
        case .appendNotUndone(let path, let operation, let code, let reason):
            let failure = String(cString: strerror(code))
            return Message(vi: "Ghi \(path) thất bại (\(operation): \(failure)) và không cắt lại được (\(reason)): chạy `\(run: .verify)` trước khi làm tiếp.",
                           en: "Writing \(path) failed (\(operation): \(failure)) and it could not be cut back (\(reason)): run `\(run: .verify)` before going on.")
        case .snapshotNotJSON(let file, let offset, let reason):
            return Message(vi: "\(file) không phải JSON hợp lệ (byte \(offset): \(reason)). Chạy `\(run: .verify)`.",
                           en: "\(file) is not valid JSON (byte \(offset): \(reason)). Run `\(run: .verify)`.")
        case .snapshotAheadOfLog(let file, let seq, let logSeq):
            return Message(vi: "\(file) ghi nhận sự kiện \(seq) nhưng nhật kí chỉ đến \(logSeq): nhật kí bị cắt. Chạy `\(run: .verify)`, rồi khôi phục bản lưu gần nhất (`\(run: .restore)`).",
                           en: "\(file) reflects event \(seq) but the log ends at \(logSeq): the log was cut short. Run `\(run: .verify)`, and restore the latest archive (`\(run: .restore)`).")
        case .yearFileOfAnotherYear(let file, let says, let expected):
            return Message(vi: "\(file) ghi năm học \(says), không phải \(expected). Chạy `\(run: .verify)`.",
                           en: "\(file) says it is the year \(says), not \(expected). Run `\(run: .verify)`.")
        case .integrity(let text):
            return Message(vi: "Kiểm tra toàn vẹn thất bại: \(text.vi)", en: "Integrity check failed: \(text.en)")
        case .findings(let findings):
            let count = findings.count
            let head = Message(vi: "Kiểm tra toàn vẹn thất bại: \(count) phát hiện.", en: "Integrity check failed: \(count) finding\(count == 1 ? "" : "s").")
            return Message.lines([head] + findings.map(\.message))
        }
    }
}

extension SodiemError {
    /// The error of a situation of the data directory.
    package static func store(_ situation: StoreError) -> SodiemError { SodiemError(situation) }

    /// A failed system call on a file (74).
    package static func ioFailure(_ operation: String, _ url: URL, _ code: Int32) -> SodiemError {
        .store(.ioFailure(operation: operation, path: url.path, code: code))
    }

    /// A file that cannot be written (77 without permission, else 74).
    package static func cannotWrite(_ url: URL, _ code: Int32) -> SodiemError { .store(.cannotWrite(path: url.path, code: code)) }

    /// A failed integrity check, saying where (65).
    package static func integrity(vi: String, en: String) -> SodiemError { .store(.integrity(Message(vi: vi, en: en))) }

    /// Every finding of `verify`, one per line (65).
    package static func findings(_ findings: [VerifyFinding]) -> SodiemError { .store(.findings(findings)) }
}
