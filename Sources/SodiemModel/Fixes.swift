import Foundation
import SodiemBasics
import SodiemFormats

/// A correction request (đơn đề nghị sửa điểm) and its decision.
public struct FixRequest: Sendable, Equatable {
    /// `pending`, `approved` or `rejected`.
    public enum Status: String, Sendable, CaseIterable {
        /// Awaiting a decision (chờ duyệt), approved (đã duyệt), rejected (từ chối).
        case pending, approved, rejected
    }

    /// Number of the request within the year, from 1.
    public var id: Int
    /// Where the request stands: pending, approved or rejected.
    public var status: Status
    /// The class of the score, `6A1`.
    public var className: String
    /// Code of the subject of the score (`toan`).
    public var subject: String
    /// The term of the score.
    public var term: Term
    /// Id of the student whose score is to be corrected.
    public var student: String
    /// The column to correct (`tx2`, `gk`, `ck`).
    public var column: Column
    /// The value when the request was filed (`nil`: empty).
    public var from: Mark?
    /// The value asked for (`nil`: clear the score).
    public var to: Mark?
    /// Why the score should change (lí do), as the requester wrote it.
    public var reason: String
    /// Evidence offered (minh chứng), e.g. the test paper's reference, if any.
    public var evidence: String?
    /// The account that filed the request (the acting one under `--as`).
    public var requestedBy: String
    /// When it was filed (effective clock): ISO 8601 with the school's offset.
    public var requestedAt: String
    /// The audit position of the request.
    public var requestSeq: Int
    /// The account that approved or rejected it; `nil` while pending.
    public var decidedBy: String?
    /// When it was decided (effective clock), ISO 8601; `nil` while pending.
    public var decidedAt: String?
    /// The audit position of the decision (`nil` while pending).
    public var decisionSeq: Int?
    /// Accounts who witnessed the approval (người chứng kiến), as named on the printed record.
    public var witnesses: [String] = []
    /// Why it was rejected.
    public var rejection: String?

    package init?(json: JSON) {
        guard let id = json["id"].int, let status = json["status"].string.flatMap(Status.init(rawValue:)),
              let className = json["class"].string, let subject = json["subject"].string,
              let term = json["term"].int.flatMap(Term.init(rawValue:)), let student = json["student"].string,
              let column = json["column"].string.flatMap(Column.init) else { return nil }
        self.id = id
        self.status = status
        self.className = className
        self.subject = subject
        self.term = term
        self.student = student
        self.column = column
        from = Mark(json: json["from"])
        to = Mark(json: json["to"])
        reason = json["reason"].string ?? ""
        evidence = json["evidence"].string
        requestedBy = json["requested_by"].string ?? ""
        requestedAt = json["requested_at"].string ?? ""
        requestSeq = json["request_seq"].int ?? 0
        decidedBy = json["decided_by"].string
        decidedAt = json["decided_at"].string
        decisionSeq = json["decision_seq"].int
        witnesses = json["witnesses"].array?.compactMap(\.string) ?? []
        rejection = json["rejection"].string
    }

    /// The JSON form, in `fixes.json` and in `fixes --format json`.
    public var json: JSON {
        .object([
            "id": .int(id), "status": .string(status.rawValue), "class": .string(className), "subject": .string(subject),
            "term": .int(term.rawValue), "student": .string(student), "column": .string(column.description),
            "from": from?.json ?? .null, "to": to?.json ?? .null, "reason": .string(reason), "evidence": .optional(evidence),
            "requested_by": .string(requestedBy), "requested_at": .string(requestedAt), "request_seq": .int(requestSeq),
            "decided_by": .optional(decidedBy), "decided_at": .optional(decidedAt), "decision_seq": .optional(decisionSeq),
            "witnesses": .array(witnesses.map(JSON.string)), "rejection": .optional(rejection),
        ])
    }
}

/// `years/Y/fixes.json`: every correction request of the year.
public struct FixesFile: Sendable, Equatable {
    /// Every request of the year, by id.
    public var fixes: [FixRequest] = []
    /// The last audit event reflected.
    public var seq = 0
    /// SHA-256 of that event's log line (lower-case hex).
    public var hash = ""

    /// Creates an empty file: no requests yet.
    public init() {}

    package init(json: JSON) {
        fixes = json["fixes"].array?.compactMap(FixRequest.init(json:)) ?? []
        seq = json["seq"].int ?? 0
        hash = json["hash"].string ?? ""
    }

    package var json: JSON { .object(["fixes": .array(fixes.map(\.json)), "seq": .int(seq), "hash": .string(hash)]) }
}

/// `years/Y/snapshots/N.json`: figures frozen at a reporting date.
public struct FrozenFigures: Sendable, Equatable {
    /// The snapshot's name (`snapshot --name`), e.g. `chot-so-lieu-dau-nam`; also its file name.
    public var name: String
    /// The enrollment and results figures as `snapshot.create` carried them, never recomputed.
    public var figures: JSON
    /// The last audit event reflected.
    public var seq = 0
    /// SHA-256 of that event's log line (lower-case hex).
    public var hash = ""

    package init(name: String, figures: JSON, seq: Int, hash: String) {
        self.name = name
        self.figures = figures
        self.seq = seq
        self.hash = hash
    }

    package init(json: JSON) {
        name = json["name"].string ?? ""
        figures = json["figures"]
        seq = json["seq"].int ?? 0
        hash = json["hash"].string ?? ""
    }

    package var json: JSON { .object(["name": .string(name), "figures": figures, "seq": .int(seq), "hash": .string(hash)]) }
}
