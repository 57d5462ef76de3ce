import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel

/// The JSON kind a body field of an audit event must have.
package indirect enum FieldKind: Sendable, Equatable {
    /// A JSON string.
    case string
    /// A JSON integer.
    case int
    /// `true` or `false`.
    case bool
    /// A day as a string, `yyyy-mm-dd`.
    case day
    /// A month as a string, `yyyy-mm` (a month of attendance).
    case month
    /// A term (học kì) as a number: 1 or 2.
    case term
    /// A mark: a score as a number (`7.5`), or `"Đ"`, `"CĐ"`, `"vắng"`.
    case mark
    /// One of these strings.
    case oneOf([String])
    /// A JSON object (its members are the typed body's to check: `EventBody`).
    case object
    /// A JSON array (its elements are the typed body's to check: `EventBody`).
    case array
    /// The kind, or `null`.
    case nullable(FieldKind)

    /// True when the value is of this kind.
    package func accepts(_ value: JSON) -> Bool {
        switch self {
        case .string: return value.string != nil
        case .int: return value.int != nil
        case .bool: return value.bool != nil
        // The stored form only: `Day` also reads the Vietnamese dd/mm/yyyy, which no event holds.
        case .day: return value.string.map { text in Day(text)?.description == text } ?? false
        case .month:
            guard let text = value.string, text.count == 7 else { return false }
            return Day(text + "-01")?.description == text + "-01"
        case .term: return value.int.flatMap(Term.init(rawValue:)) != nil
        case .mark: return Mark(json: value) != nil
        case .oneOf(let choices): return value.string.map(choices.contains) ?? false
        case .object: if case .object = value { return true } else { return false }
        case .array: if case .array = value { return true } else { return false }
        case .nullable(let kind): return value.isNull || kind.accepts(value)
        }
    }

    /// What the kind is, after "not": `a string`, `1 or 2`.
    package var expected: Message {
        switch self {
        case .string: return Message(vi: "một chuỗi", en: "a string")
        case .int: return Message(vi: "một số nguyên", en: "an integer")
        case .bool: return Message(vi: "true hoặc false", en: "true or false")
        case .day: return Message(vi: "một ngày yyyy-mm-dd", en: "a day yyyy-mm-dd")
        case .month: return Message(vi: "một tháng yyyy-mm", en: "a month yyyy-mm")
        case .term: return Message(vi: "1 hoặc 2", en: "1 or 2")
        case .mark: return Message(vi: "một điểm (số, \"Đ\", \"CĐ\" hoặc \"vắng\")", en: "a mark (a number, \"Đ\", \"CĐ\" or \"vắng\")")
        case .oneOf(let choices):
            let listed = choices.map { "\"\($0)\"" }.joined(separator: ", ")
            return Message(vi: "một trong \(listed)", en: "one of \(listed)")
        case .object: return Message(vi: "một đối tượng {…}", en: "an object {…}")
        case .array: return Message(vi: "một mảng […]", en: "an array […]")
        case .nullable(let kind):
            let expected = kind.expected
            return Message(vi: "\(expected.vi) hoặc null", en: "\(expected.en) or null")
        }
    }
}

/// One body field of an action: its name, its kind, and whether every event of the action has it.
package struct EventField: Sendable, Equatable {
    /// The key in the line.
    package var name: String
    /// The JSON kind of its value.
    package var kind: FieldKind
    /// False when the command writes the field only in some cases (`note` only with `--note`).
    package var required: Bool
}

/// The declared body of every action (docs/data-format.md, "Actions and their body fields"),
/// read off what the commands write: the table `verify` holds every replayed line to.
///
/// The header (`seq`, `at`, `by`, `as`, `now`, `action`, `prev`) is checked by `AuditEvent.parse`.
/// No action allows an unknown top-level field: every writer builds its body from fixed keys,
/// so a key the table does not name was added by hand or by a build this one does not know.
/// The members of the fields declared `object`/`array` are the typed bodies' (`EventBody`,
/// EventBodies.swift): `violations` holds a body to them once its top level keeps to this table,
/// and EventSchemaTests checks that this table and the types name the same fields.
package enum EventSchema {
    private static func required(_ name: String, _ kind: FieldKind) -> EventField { EventField(name: name, kind: kind, required: true) }
    private static func optional(_ name: String, _ kind: FieldKind) -> EventField { EventField(name: name, kind: kind, required: false) }

    /// `year` and `class`: the fields most class actions begin with.
    private static let yearAndClass = [required("year", .string), required("class", .string)]

    /// The body fields of the action, in the order the documentation lists them.
    package static func of(_ action: Action) -> [EventField] {
        switch action {
        case .schoolInit:
            return [required("school", .object), required("timezone", .string), required("admin", .nullable(.object))]
        case .userAdd, .userSet:
            return [required("user", .object)]
        case .userDisable:
            return [required("user", .string)]
        case .yearCreate:
            // `from`, `classes` and `undetermined` only when promoting (`year create --from --promote`).
            return [required("year", .string), required("calendar", .object), required("current", .bool),
                    optional("from", .string), optional("classes", .object), optional("undetermined", .array)]
        case .yearSet:
            return [required("year", .string), required("calendar", .object), required("current", .bool)]
        case .classAdd:
            return yearAndClass + [required("grade", .int), required("homeroom", .nullable(.string))]
        case .assignSet:
            return [required("year", .string), required("assignments", .array)]
        case .studentsImport:
            // A class's import has `class` and `students`; a whole-school import has `classes` instead.
            return [required("year", .string), optional("class", .string), optional("students", .object),
                    optional("moved_from", .object), optional("date", .day), optional("carry", .bool), optional("classes", .object)]
        case .scoreSet:
            return yearAndClass + [required("subject", .string), required("term", .term), required("student", .string),
                                   required("column", .string), required("old", .nullable(.mark)), required("new", .nullable(.mark)),
                                   required("late", .bool), optional("note", .string), optional("ledger_note", .bool)]
        case .scoreSheet:
            return yearAndClass + [required("subject", .string), required("term", .term), required("changes", .array),
                                   optional("note", .string), optional("ledger_note", .bool)]
        case .attendanceSet:
            return yearAndClass + [required("entries", .array)]
        case .attendanceClose:
            return yearAndClass + [required("month", .month)]
        case .attendanceReopen:
            return yearAndClass + [required("month", .month), required("reason", .string)]
        case .conductSet:
            return yearAndClass + [required("term", .oneOf(["1", "2", "summer"])), required("levels", .object)]
        case .commentSet:
            return yearAndClass + [required("student", .string), required("text", .nullable(.string)), optional("subject", .string)]
        case .exemptSet:
            return yearAndClass + [required("student", .string), required("subject", .string),
                                   required("term", .oneOf(["1", "2", "year"])), required("decision", .nullable(.string))]
        case .individualPlanSet:
            return yearAndClass + [required("student", .string), required("decision", .nullable(.string)),
                                   required("recorded", .object), optional("plan_subjects", .array)]
        case .individualPlanResult:
            return yearAndClass + [required("student", .string), required("subject", .string), required("term", .term),
                                   required("old", .nullable(.oneOf(["Đ", "CĐ"]))), required("new", .oneOf(["Đ", "CĐ"])),
                                   optional("plan", .object)]
        case .transferIn:
            return yearAndClass + [required("student", .string), required("name", .string), required("particulars", .object),
                                   required("from", .string), required("ref", .string), required("date", .day), required("terms", .array)]
        case .transferOut:
            return yearAndClass + [required("student", .string), required("date", .day), optional("to", .string), optional("reason", .string)]
        case .commend:
            return yearAndClass + [required("student", .string), required("text", .string)]
        case .retestSet:
            return yearAndClass + [required("student", .string), required("subject", .string),
                                   required("old", .nullable(.mark)), required("new", .mark)]
        case .termLock:
            return [required("year", .string), required("term", .term), required("due", .bool), optional("class", .string),
                    optional("lock_date", .day), optional("except", .array)]
        case .termUnlock:
            return [required("year", .string), required("term", .term), optional("class", .string),
                    required("order", .string), required("until", .day)]
        case .fixRequest:
            return yearAndClass + [required("fix", .object)]
        case .fixApprove:
            return [required("year", .string), required("id", .int)] + [required("class", .string), required("subject", .string),
                    required("term", .term), required("student", .string), required("column", .string),
                    required("old", .nullable(.mark)), required("new", .nullable(.mark)), required("witnesses", .array)]
        case .fixReject:
            return [required("year", .string), required("id", .int), required("class", .string), required("student", .string),
                    required("reason", .string)]
        case .snapshotCreate:
            return [required("year", .string), required("name", .string), required("date", .day), required("figures", .object)]
        case .yearClose:
            return [required("year", .string), required("format", .int), required("head", .object), required("files", .object),
                    required("checkpoint", .object)]
        case .documentSign:
            return yearAndClass + [required("student", .nullable(.string)), required("document", .string), required("role", .string),
                                   required("file", .string), required("signed_sha256", .string), required("result_sha256", .string),
                                   required("certificate", .object)]
        }
    }

    /// Every way the event's body departs from its action's declared fields (empty when it keeps to them):
    /// a required field missing, a field of the wrong kind, a field the action does not have.
    package static func violations(of event: AuditEvent) -> [Message] { check(event).violations }

    /// The violations of `violations(of:)`, and the typed body when there is none (read once, for the replay).
    package static func check(_ event: AuditEvent) -> (violations: [Message], body: EventBody?) {
        let action = event.action.rawValue
        let fields = of(event.action)
        var found: [Message] = []
        for field in fields {
            guard let value = event.body[field.name] else {
                if field.required {
                    found.append(Message(vi: "\(action) thiếu `\(field.name)`.", en: "\(action) lacks `\(field.name)`."))
                }
                continue
            }
            if !field.kind.accepts(value) {
                let shown = quoted(value)
                let expected = field.kind.expected
                found.append(Message(vi: "`\(field.name)` của \(action) là \(shown), không phải \(expected.vi).",
                                     en: "the `\(field.name)` of \(action) is \(shown), not \(expected.en)."))
            }
        }
        let declared = Set(fields.map(\.name))
        for name in JSON.sortedKeys(event.body) where !declared.contains(name) {
            found.append(Message(vi: "\(action) có trường lạ `\(quotedName(name))`.", en: "\(action) has an unknown field `\(quotedName(name))`."))
        }
        if !found.isEmpty { return (found, nil) }
        return typed(event)
    }

    /// Below the top level, the action's type (`EventBody`) judges: the first nested member
    /// missing, of the wrong kind or unknown; and a body must be exactly what its type writes back
    /// (a score `7.50` reads as 7.5, but sodiem writes `7.5`), or a hand edit could hide in its form.
    private static func typed(_ event: AuditEvent) -> (violations: [Message], body: EventBody?) {
        switch event.decodedBody() {
        case .failure(let problem): return ([problem.message], nil)
        case .success(let typed):
            let written = typed.encode()
            if written == event.body { return ([], typed) }
            let reader = FieldReader(action: event.action, members: event.body)
            do throws(EventBodyProblem) {
                try reader.requireCanonical(nil, raw: .object(event.body), canonical: .object(written))
            } catch {
                return ([Message(vi: "\(event.action.rawValue) không đúng dạng sodiem ghi:", en: "\(event.action.rawValue) is not as sodiem writes it:")
                         + error.message], nil)
            }
            return ([], typed)
        }
    }

    /// The value as it stands in the line, cut short so that a forged line is never echoed whole.
    private static func quoted(_ value: JSON) -> String {
        let text = value.compactString()
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    private static func quotedName(_ name: String) -> String {
        name.count > 40 ? String(name.prefix(40)) + "…" : name
    }
}
